/// French grammar the names and sentences need: elision and contraction before place names,
/// and an ASCII fold for the fictional web addresses.
enum DemoFrench {
    /// `de Longueuil`, `d'Amos`, `de L'Assomption`, `des Îles-de-la-Madeleine`.
    static func of(_ place: String) -> String {
        if place.hasPrefix("Les ") { return "des " + place.dropFirst(4) }
        if place.hasPrefix("Le ") { return "du " + place.dropFirst(3) }
        if let first = place.first, "AEIOUYÉÈÊÎÔÂ".contains(first) { return "d'" + place }
        return "de " + place
    }

    /// `à Longueuil`, `aux Îles-de-la-Madeleine`, `au Havre`.
    static func at(_ place: String) -> String {
        if place.hasPrefix("Les ") { return "aux " + place.dropFirst(4) }
        if place.hasPrefix("Le ") { return "au " + place.dropFirst(3) }
        return "à " + place
    }

    private static let regionPhrases: [String: String] = [
        "01": "du Bas-Saint-Laurent", "02": "du Saguenay–Lac-Saint-Jean", "03": "de la Capitale-Nationale",
        "04": "de la Mauricie", "05": "de l'Estrie", "06": "de Montréal", "07": "de l'Outaouais",
        "08": "de l'Abitibi-Témiscamingue", "09": "de la Côte-Nord", "10": "du Nord-du-Québec",
        "11": "de la Gaspésie", "12": "de Chaudière-Appalaches", "13": "de Laval", "14": "de Lanaudière",
        "15": "des Laurentides", "16": "de la Montérégie", "17": "du Centre-du-Québec",
    ]

    static func regionOf(_ code: String) -> String { regionPhrases[code] ?? "du Québec" }

    /// Words local enterprises put in their names, valid for the whole region.
    private static let regionTags: [String: [String]] = [
        "01": ["Bas-Saint-Laurent"], "02": ["Sagamie"], "03": ["Capitale"], "04": ["Mauricie"], "05": ["Estrie", "des Cantons"],
        "06": ["Montréal"], "07": ["Outaouais"], "08": ["Abitibi-Témiscamingue"], "09": ["Côte-Nord"], "10": ["Nord-du-Québec"],
        "11": ["Gaspésie"], "12": ["Chaudière-Appalaches"], "13": ["Laval", "Mille-Îles"], "14": ["Lanaudière"],
        "15": ["Laurentides"], "16": ["Montérégie"], "17": ["Centre-du-Québec"],
    ]

    /// Sub-regional and neighbourhood names, only where they fit the town.
    private static let placeTags: [String: [String]] = [
        "58227": ["Rive-Sud", "Rive-Sud", "du Vieux-Longueuil", "Saint-Hubert"], "58007": ["Rive-Sud", "Rive-Sud"],
        "58033": ["Rive-Sud", "des Îles-de-Boucherville"], "58037": ["Montarville", "Montarville", "Rive-Sud"], "58012": ["Rive-Sud"],
        "94068": ["du Fjord", "Chicoutimi", "Jonquière"], "93042": ["Lac-Saint-Jean"], "92022": ["Lac-Saint-Jean"], "91042": ["Lac-Saint-Jean"],
        "91025": ["Lac-Saint-Jean"], "23027": ["Limoilou", "Saint-Roch", "Saint-Sauveur", "Charlesbourg"], "16013": ["Charlevoix"],
        "34128": ["Portneuf"], "34017": ["Portneuf"], "66023": ["Centre-Sud", "Hochelaga", "Rosemont", "Villeray", "Petite-Patrie"],
        "66142": ["Ouest-de-l'Île"], "66097": ["Ouest-de-l'Île"], "66087": ["Ouest-de-l'Île"], "82015": ["des Collines"],
        "82020": ["des Collines"], "82025": ["des Collines"], "83065": ["Haute-Gatineau"], "85025": ["Témiscamingue"],
        "86042": ["Abitibi"], "89008": ["Abitibi"], "88055": ["Abitibi"], "87090": ["Abitibi"], "96020": ["Manicouagan"],
        "99025": ["Jamésie"], "99020": ["Jamésie"], "99005": ["Jamésie"], "99015": ["Jamésie"], "99095": ["Nunavik"],
        "06013": ["Baie-des-Chaleurs"], "05070": ["Baie-des-Chaleurs"], "01023": ["des Îles"], "29073": ["Beauce"], "26030": ["Beauce"],
        "31084": ["Appalaches"], "18050": ["Côte-du-Sud"], "64008": ["Les Moulins"], "64015": ["Les Moulins"],
        "72005": ["Basses-Laurentides"], "73015": ["Basses-Laurentides"], "73010": ["Basses-Laurentides"], "74005": ["Basses-Laurentides"],
        "56083": ["Haut-Richelieu"], "57005": ["Richelieu"], "70052": ["Suroît"], "71083": ["Vaudreuil-Soulanges"],
        "67050": ["Roussillon"], "53052": ["Bas-Richelieu"], "39062": ["Bois-Francs"], "32040": ["Bois-Francs"],
    ]

    /// Words that may follow an activity in a name (`Déneigement Rive-Sud`, `Friperie Limoilou`).
    static func tags(for place: DemoPlace) -> [String] {
        let regional = place.isInAgglomeration ? [] : (regionTags[place.regionCode] ?? [])
        return regional + (placeTags[place.code] ?? []) + [place.name]
    }

    /// `Coopérative de solidarité L'Écocentre` → `cooperative-de-solidarite-l-ecocentre`, without
    /// Foundation's locale-aware folding, which is too slow for 100,000 synthetic profiles.
    static func slug(_ text: String, maxLength: Int = 40) -> String {
        var words: [String] = []
        var word = ""
        for scalar in text.unicodeScalars {
            let folded = fold(scalar)
            if folded.isEmpty {
                if !word.isEmpty { words.append(word) }
                word = ""
            } else {
                word += folded
            }
        }
        if !word.isEmpty { words.append(word) }
        // Whole words only, so a long name is shortened rather than cut mid-word.
        var slug = ""
        for word in words {
            let needed = slug.isEmpty ? word.utf8.count : slug.utf8.count + 1 + word.utf8.count
            if needed > maxLength {
                if slug.isEmpty { slug = String(word.prefix(maxLength)) }
                break
            }
            slug += slug.isEmpty ? word : "-" + word
        }
        return slug.isEmpty ? "entreprise" : slug
    }

    private static func fold(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "a"..."z", "0"..."9": return String(scalar)
        case "A"..."Z": return String(Character(scalar)).lowercased()
        case "à", "â", "ä", "À", "Â", "Ä": return "a"
        case "é", "è", "ê", "ë", "É", "È", "Ê", "Ë": return "e"
        case "î", "ï", "Î", "Ï": return "i"
        case "ô", "ö", "Ô", "Ö": return "o"
        case "ù", "û", "ü", "Ù", "Û", "Ü": return "u"
        case "ç", "Ç": return "c"
        case "œ", "Œ": return "oe"
        case "æ", "Æ": return "ae"
        default: return ""
        }
    }
}
