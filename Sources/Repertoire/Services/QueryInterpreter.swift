import Foundation

/// Finds a place in a search text as buyers type it (« ménage longueuil », « st-bruno
/// traiteur », « déneigement à Brossard », « J4K 1C3 ») so that it becomes a place filter
/// instead of words to match (« longueuil » matching every description that names the city).
///
/// Names are compared folded (no case, no accents, hyphens as spaces). `St`/`Ste` stand for
/// Saint/Sainte, `Mtl` for Montréal, `TR` for Trois-Rivières. A name may be typed in part
/// from its start (« saint-bruno » for Saint-Bruno-de-Montarville); among several candidates the
/// longest match wins, then municipality before MRC before region, then the most populous, and
/// the others are offered as alternatives. A postal code or its first three characters (FSA)
/// names the municipalities where the directory's enterprises with that FSA are.
public struct QueryInterpreter: Sendable {
    public struct Place: Sendable, Equatable {
        public enum Kind: Int, Sendable {
            case municipality = 0, mrc = 1, region = 2, postalArea = 3

            /// Its name in the API.
            public var name: String {
                switch self {
                case .municipality: "municipality"
                case .mrc: "mrc"
                case .region: "region"
                case .postalArea: "postalArea"
                }
            }
        }
        public var kind: Kind
        /// Municipality, MRC or region code; for a postal area, the FSA.
        public var code: String
        public var name: String
        /// For a postal area: its municipalities.
        public var municipalities: [String] = []
        public var population = 0
    }

    public struct Interpretation: Sendable, Equatable {
        public var place: Place
        /// The text without the place (and the preposition before it).
        public var remainingText: String
        /// The place as typed.
        public var matchedText: String
        public var alternatives: [Place]
    }

    private struct Name: Sendable {
        var words: [String]
        var place: Place
    }

    private let byFirstWord: [String: [Name]]

    /// Single words too common (in French or English) to be taken for a place on their own.
    static let commonWords: Set<String> = [
        "price", "hope", "gore", "berry", "racine", "nouvelle", "maria", "milan", "nantes", "austin", "lefebvre",
        "audet", "duhamel", "champlain", "frontenac", "montcalm", "ragueneau", "windsor", "richmond",
        "melbourne", "cleveland", "stratford", "bedford", "durham", "pontiac", "ascot", "bury", "clermont", "ste",
        "normandin", "potton", "grenville", "wentworth", "harrington", "ogden", "ripon", "upton", "warden",
        "eastman", "compton", "hatley", "lingwick", "marston", "whitton", "stanstead", "sutton", "waterloo",
        "weedon", "wotton", "esprit", "bonaventure", "cascades", "jonction", "lorraine", "rosemere", "fleurimont",
    ]
    /// Words dropped when they stand just before a place: « à Brossard », « in Longueuil ».
    static let prepositions: Set<String> = ["a", "au", "aux", "de", "du", "des", "en", "dans", "sur", "pour", "pres", "proche",
                                            "in", "near", "at", "around", "for"]
    static let abbreviations: [String: [String]] = [
        "st": ["saint"], "ste": ["sainte"], "mtl": ["montreal"], "tr": ["trois", "rivieres"],
    ]

    init(catalog: MunicipalityCatalog) {
        var names: [Name] = []
        for municipality in catalog.all {
            let words = Self.words(municipality.name)
            let place = Place(kind: .municipality, code: municipality.code, name: municipality.name, population: municipality.population ?? 0)
            names.append(Name(words: words, place: place))
            // « L'Ancienne-Lorette » is also typed « Ancienne-Lorette ».
            if words.first == "l", words.count > 1 { names.append(Name(words: Array(words.dropFirst()), place: place)) }
        }
        for mrc in catalog.mrcs {
            let population = mrc.municipalityCodes.reduce(0) { $0 + (catalog.municipality(code: $1)?.population ?? 0) }
            var words = Self.words(mrc.name)
            let place = Place(kind: .mrc, code: mrc.code, name: mrc.label, population: population)
            if words.first == "mrc" {
                names.append(Name(words: words, place: place))
                words.removeFirst()
            }
            names.append(Name(words: words, place: place))
        }
        for region in Region.all {
            names.append(Name(words: Self.words(region.name), place: Place(kind: .region, code: region.code, name: region.name)))
        }
        var byFirstWord: [String: [Name]] = [:]
        for name in names where !name.words.isEmpty {
            if name.words.count == 1 && (name.words[0].count < 4 || Self.commonWords.contains(name.words[0])) { continue }
            byFirstWord[name.words[0], default: []].append(name)
        }
        self.byFirstWord = byFirstWord
    }

    /// Folded words of a text: lowercase, no accents, split on anything but letters and digits.
    static func words(_ text: String) -> [String] {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_CA"))
            .lowercased()
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map(String.init)
    }

    /// A word of the text: its folded form and where it came from.
    private struct Word {
        var folded: String
        /// Index of the whitespace-separated token, and of the word within it.
        var token: Int
        var part: Int
    }

    /// `postalAreas`: municipalities per FSA (upper case) of the FSAs the text may hold.
    func interpret(_ text: String, postalAreas: [String: [String]] = [:]) -> Interpretation? {
        guard QueryPlanner.identifier(in: text) == nil else { return nil }
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        // Every word, with abbreviations expanded (each expansion keeps its source position).
        var words: [Word] = []
        var partsPerToken: [[String]] = []
        for (t, token) in tokens.enumerated() {
            let parts = token.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
            partsPerToken.append(parts)
            for (p, part) in parts.enumerated() {
                let folded = Self.words(part).joined()
                for expanded in Self.abbreviations[folded] ?? [folded] { words.append(Word(folded: expanded, token: t, part: p)) }
            }
        }
        guard !words.isEmpty else { return nil }

        var best: (start: Int, length: Int, places: [Place])?
        for start in words.indices {
            if let area = postalArea(words, at: start, postalAreas) {
                let place = Place(kind: .postalArea, code: area.fsa, name: area.display, municipalities: area.municipalities)
                if best == nil || area.length > best!.length { best = (start, area.length, [place]) }
                continue
            }
            for name in byFirstWord[words[start].folded] ?? [] {
                // The typed words must be the name or its start: at least two words, or all of it.
                var length = 0
                while length < name.words.count, start + length < words.count, words[start + length].folded == name.words[length] { length += 1 }
                guard length == name.words.count || partial(name, length) else { continue }
                if best == nil || length > best!.length || (start == best!.start && length == best!.length) {
                    if let current = best, current.start == start, current.length == length {
                        best!.places.append(name.place)
                    } else {
                        best = (start, length, [name.place])
                    }
                }
            }
        }
        guard let found = best else { return nil }
        var places: [Place] = []
        for place in found.places.sorted(by: { ($0.kind.rawValue, -$0.population, $0.name) < ($1.kind.rawValue, -$1.population, $1.name) })
            where !places.contains(where: { $0.kind == place.kind && $0.code == place.code }) {
            places.append(place)
        }
        // Every word of the place, and a preposition just before it, leaves the text.
        var removed = Set<[Int]>()
        for w in found.start..<found.start + found.length { removed.insert([words[w].token, words[w].part]) }
        var matched: [String] = []
        for (t, parts) in partsPerToken.enumerated() {
            for (p, part) in parts.enumerated() where removed.contains([t, p]) { matched.append(part) }
        }
        if found.start > 0, Self.prepositions.contains(words[found.start - 1].folded) {
            let before = words[found.start - 1]
            if partsPerToken[before.token].count == 1 { removed.insert([before.token, before.part]) }
        }
        var remaining: [String] = []
        for (t, token) in tokens.enumerated() {
            let parts = partsPerToken[t]
            let kept = parts.indices.filter { !removed.contains([t, $0]) }
            if kept.count == parts.count { remaining.append(token) }
            else if !kept.isEmpty { remaining.append(kept.map { parts[$0] }.joined(separator: "-")) }
        }
        return Interpretation(place: places[0], remainingText: remaining.joined(separator: " "),
                              matchedText: matched.joined(separator: " "), alternatives: Array(places.dropFirst().prefix(4)))
    }

    /// A name typed in part: its first words, followed by nothing that continues it.
    private func partial(_ name: Name, _ length: Int) -> Bool {
        guard length >= 2, length < name.words.count, !Self.dangling.contains(name.words[length - 1]) else { return false }
        return name.words.prefix(length).filter { !Self.articles.contains($0) }.count >= 2
    }

    static let articles: Set<String> = ["l", "la", "le", "les", "de", "du", "des", "d", "sur", "en", "et", "aux", "au", "a"]
    /// A name typed in part does not stop on these (« saint-jean-de… », « mont-saint… »).
    static let dangling: Set<String> = articles.union(["saint", "sainte", "st", "ste", "mont", "lac", "riviere", "notre", "dame", "pointe", "cap", "baie", "val"])

    /// A postal code (« J4K 1C3 », « J4K1C3 ») or FSA (« J4K ») at `start`, if the directory knows it.
    private func postalArea(_ words: [Word], at start: Int, _ postalAreas: [String: [String]]) -> (fsa: String, display: String, municipalities: [String], length: Int)? {
        let word = words[start].folded
        func isFSA(_ s: Substring) -> Bool {
            let c = Array(s)
            return c.count == 3 && c[0].isLetter && c[1].isNumber && c[2].isLetter
        }
        func isLDU(_ s: String) -> Bool {
            let c = Array(s)
            return c.count == 3 && c[0].isNumber && c[1].isLetter && c[2].isNumber
        }
        var fsa: String, length = 1, display: String
        if word.count == 6, isFSA(word.prefix(3)), isLDU(String(word.suffix(3))) {
            fsa = String(word.prefix(3)); display = "\(fsa.uppercased()) \(word.suffix(3).uppercased())"
        } else if isFSA(word[...]) {
            fsa = word; display = fsa.uppercased()
            if start + 1 < words.count, isLDU(words[start + 1].folded) {
                length = 2; display += " " + words[start + 1].folded.uppercased()
            }
        } else {
            return nil
        }
        fsa = fsa.uppercased()
        guard let municipalities = postalAreas[fsa], !municipalities.isEmpty else { return nil }
        return (fsa, display, municipalities, length)
    }
}
