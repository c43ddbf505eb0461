// TEMPORARY: replaced by the real generator being written in parallel. Delete on delivery.
public enum DemoData {
    public static let municipalities: [Municipality] = [
        Municipality(code: "58227", name: "Longueuil", regionCode: "16", mrc: "Longueuil (58)", designation: "Ville", population: 253629),
    ]
    public static func defaultSet(seed: UInt64 = 2026) -> [EnterpriseProfile] {
        (0..<30).map { i in
            var p = EnterpriseProfile(name: "Coop démo \(i)", legalForm: .nonProfit)
            p.municipalityCode = "58227"; p.sectors = ["habitation"]; p.source = sourceLabel
            p.offerings = [Offering(name: "Déneigement", kind: .service, offeredToMunicipalities: true)]
            return p
        }
    }
    public static func synthetic(count: Int, seed: UInt64) -> [EnterpriseProfile] { Array(defaultSet().prefix(count)) }
    public static let sourceLabel = "Données fictives de démonstration — générées par Répertoire"
    public static let anchorNames: [String] = []
}
