/// A First Nations or Inuit community of Quebec. Reserves and settlements are not municipalities
/// and are missing from the MAMH list, yet enterprises there are part of a region's social
/// economy: an import recognises them instead of calling them unknown. Cree, Naskapi and Inuit
/// villages that *are* in the MAMH list resolve to their official entry.
public struct IndigenousCommunity: Sendable, Hashable {
    /// The name the community uses.
    public var name: String
    public var regionCode: String
    /// Other spellings and former names found in registers (`Obedjiwan`, `Betsiamites`…).
    public var variants: [String]

    public init(_ name: String, region regionCode: String, variants: [String] = []) {
        self.name = name
        self.regionCode = regionCode
        self.variants = variants
    }

    public static let all: [IndigenousCommunity] = [
        // Atikamekw
        IndigenousCommunity("Wemotaci", region: "04", variants: ["Wémotaci", "Weymontachie", "Weymontachingue"]),
        IndigenousCommunity("Opitciwan", region: "04", variants: ["Obedjiwan", "Obidjiwan", "Obedjiwan-Opitciwan"]),
        IndigenousCommunity("Manawan", region: "14", variants: ["Manouane"]),
        // Abénakis and Wendat
        IndigenousCommunity("Odanak", region: "17"),
        IndigenousCommunity("Wôlinak", region: "17", variants: ["Wolinak"]),
        IndigenousCommunity("Wendake", region: "03", variants: ["Village-des-Hurons", "Village-Huron"]),
        // Kanien'kehá:ka (Mohawk)
        IndigenousCommunity("Kahnawake", region: "16", variants: ["Kahnawà:ke", "Caughnawaga"]),
        IndigenousCommunity("Kanesatake", region: "15", variants: ["Kanehsatà:ke", "Kanehsatake"]),
        IndigenousCommunity("Akwesasne", region: "16"),
        // Innu
        IndigenousCommunity("Mashteuiatsh", region: "02", variants: ["Pointe-Bleue"]),
        IndigenousCommunity("Essipit", region: "09"),
        IndigenousCommunity("Pessamit", region: "09", variants: ["Betsiamites"]),
        IndigenousCommunity("Uashat", region: "09", variants: ["Uashat mak Mani-utenam"]),
        IndigenousCommunity("Mani-utenam", region: "09", variants: ["Maliotenam", "Mani-Utenam"]),
        IndigenousCommunity("Ekuanitshit", region: "09", variants: ["Mingan"]),
        IndigenousCommunity("Nutashkuan", region: "09"),
        IndigenousCommunity("Unamen Shipu", region: "09"),
        IndigenousCommunity("Pakua Shipi", region: "09", variants: ["Pakuashipi"]),
        IndigenousCommunity("Matimekush", region: "09", variants: ["Matimekosh", "Matimekush-Lac John", "Lac-John"]),
        // Mi'gmaq
        IndigenousCommunity("Listuguj", region: "11", variants: ["Restigouche"]),
        IndigenousCommunity("Gesgapegiag", region: "11"),
        // Anishinabeg (Algonquins)
        IndigenousCommunity("Kitigan Zibi", region: "07", variants: ["Kitigan Zibi Anishinabeg", "River Desert"]),
        IndigenousCommunity("Lac-Rapide", region: "07", variants: ["Rapid Lake", "Barriere Lake"]),
        IndigenousCommunity("Lac-Simon", region: "08"),
        IndigenousCommunity("Pikogan", region: "08"),
        IndigenousCommunity("Kitcisakik", region: "08", variants: ["Grand-Lac-Victoria"]),
        IndigenousCommunity("Timiskaming", region: "08", variants: ["Timiskaming First Nation"]),
        IndigenousCommunity("Kebaowek", region: "08", variants: ["Eagle Village"]),
        IndigenousCommunity("Winneway", region: "08"),
        // Eeyou (Cree): the villages are in the MAMH list; Oujé-Bougoumou is not.
        IndigenousCommunity("Oujé-Bougoumou", region: "10", variants: ["Ouje-Bougoumou"]),
        IndigenousCommunity("Mistissini", region: "10", variants: ["Baie-du-Poste"]),
        IndigenousCommunity("Chisasibi", region: "10", variants: ["Fort George"]),
        IndigenousCommunity("Waskaganish", region: "10", variants: ["Rupert House"]),
        IndigenousCommunity("Wemindji", region: "10", variants: ["Nouveau-Comptoir"]),
        IndigenousCommunity("Whapmagoostui", region: "10", variants: ["Great Whale River"]),
        // Naskapi and Inuit: villages in the MAMH list, under their former names or spellings.
        IndigenousCommunity("Kawawachikamach", region: "10"),
        IndigenousCommunity("Kuujjuaq", region: "10", variants: ["Kuujjuak", "Fort Chimo", "Fort-Chimo"]),
        IndigenousCommunity("Kuujjuarapik", region: "10", variants: ["Poste-de-la-Baleine", "Great Whale"]),
        IndigenousCommunity("Puvirnituq", region: "10", variants: ["Povungnituk", "Povungnituq"]),
        IndigenousCommunity("Inukjuak", region: "10", variants: ["Port Harrison"]),
        IndigenousCommunity("Kangiqsualujjuaq", region: "10", variants: ["George River"]),
        IndigenousCommunity("Kangiqsujuaq", region: "10", variants: ["Wakeham Bay"]),
        IndigenousCommunity("Kangirsuk", region: "10", variants: ["Payne Bay"]),
        IndigenousCommunity("Salluit", region: "10", variants: ["Sugluk"]),
        IndigenousCommunity("Quaqtaq", region: "10", variants: ["Koartac"]),
        IndigenousCommunity("Tasiujaq", region: "10", variants: ["Leaf Bay"]),
    ]

    /// Every name and variant by comparison key.
    static let byKey: [String: IndigenousCommunity] = {
        var table: [String: IndigenousCommunity] = [:]
        for community in all {
            for name in [community.name] + community.variants where table[MunicipalityResolver.key(name)] == nil {
                table[MunicipalityResolver.key(name)] = community
            }
        }
        return table
    }()
}
