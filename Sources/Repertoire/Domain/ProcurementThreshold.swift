import Foundation

/// An amount of the municipal contracting rules, in force from a day until the next amount of
/// the same kind. Dated data, not constants: the public-call threshold is indexed by ministerial
/// order, and administrators add the next amount from the UI (see ``ThresholdStore``).
public struct ProcurementThreshold: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// From this amount, a written invitation to at least two suppliers; below it, mutual
        /// agreement (gré à gré).
        case invitation
        /// From this amount, a public call for tenders published on SEAO.
        case publicCall = "appel-public"

        public var name: String {
            switch self {
            case .invitation: "Seuil de l'invitation écrite"
            case .publicCall: "Seuil de l'appel d'offres public"
            }
        }

        public var nameEnglish: String {
            switch self {
            case .invitation: "Written-invitation threshold"
            case .publicCall: "Public call for tenders threshold"
            }
        }
    }

    public var id: String
    public var kind: Kind
    /// Whole cents, before taxes.
    public var amountCents: Int64
    /// `YYYY-MM-DD`: the first day the amount applies.
    public var effectiveFrom: String
    /// The instrument that sets it (act, regulation, ministerial order and its Gazette).
    public var source: String
    public var sourceURL: String?
    /// Who added it from the UI (nil for the rows the app ships with).
    public var createdBy: String?
    public var createdAt: Date

    public init(id: String, kind: Kind, amountCents: Int64, effectiveFrom: String, source: String, sourceURL: String?,
                createdBy: String? = nil, createdAt: Date = Date(timeIntervalSince1970: 0)) {
        self.id = id
        self.kind = kind
        self.amountCents = amountCents
        self.effectiveFrom = effectiveFrom
        self.source = source
        self.sourceURL = sourceURL
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// The row in force on `day` (`YYYY-MM-DD`) among `rows` of one kind: the latest that is
    /// effective on or before it. Days compare as text, which `YYYY-MM-DD` allows.
    public static func inForce(_ rows: [ProcurementThreshold], kind: Kind, on day: String) -> ProcurementThreshold? {
        rows.filter { $0.kind == kind && $0.effectiveFrom <= day }.max { $0.effectiveFrom < $1.effectiveFrom }
    }

    /// The rows the app ships with, each with the instrument that set it (migration 016 stores
    /// them; later amounts are added by administrators).
    static let history: [ProcurementThreshold] = [
        ProcurementThreshold(
            id: "invitation-2018-04-19", kind: .invitation, amountCents: 25_000_00, effectiveFrom: "2018-04-19",
            source: "Loi sur les cités et villes, art. 573.1 ; Code municipal du Québec, art. 936 (montant inscrit dans les lois, déjà en vigueur à cette date)",
            sourceURL: "https://www.legisquebec.gouv.qc.ca/fr/document/lc/C-19#se:573_1"),
        ProcurementThreshold(
            id: "appel-public-2018-04-19", kind: .publicCall, amountCents: 101_100_00, effectiveFrom: "2018-04-19",
            source: "Loi 155 (L.Q. 2018, c. 8), dispositions transitoires en vigueur à sa sanction le 19 avril 2018 ; maintenu par l'A.M. 2019-05-31 (C-19, r. 5, art. 1)",
            sourceURL: "http://www.sam.ca/la-gestion-contractuelle-dautres-modifications-recentes-applicables-aux-municipalites/"),
        ProcurementThreshold(
            id: "appel-public-2020-07-14", kind: .publicCall, amountCents: 105_700_00, effectiveFrom: "2020-07-14",
            source: "A.M. 2020-07-14 modifiant le C-19, r. 5, art. 1 (date de l'arrêté ; date d'entrée en vigueur à confirmer dans la Gazette officielle)",
            sourceURL: "https://www.legisquebec.gouv.qc.ca/en/version/cr/C-19,%20r.%205%20?code=se:1&history=20230610"),
        ProcurementThreshold(
            id: "appel-public-2022-10-07", kind: .publicCall, amountCents: 121_200_00, effectiveFrom: "2022-10-07",
            source: "A.M. 2022-08-22 modifiant le C-19, r. 5, art. 1, en vigueur le 7 octobre 2022",
            sourceURL: "https://fqm.ca/gestion-contractuelle/nouveau-seuil-en-gestion-contractuelle-pour-les-municipalites-et-nouveautes-en-matiere-daccords-de-liberalisation-des-marches-publics/"),
        ProcurementThreshold(
            id: "appel-public-2024-01-01", kind: .publicCall, amountCents: 133_800_00, effectiveFrom: "2024-01-01",
            source: "A.M. 2023-12-04 : le seuil devient le seuil minimal des accords intergouvernementaux applicables (133 800 $ du 1er janvier 2024 au 31 décembre 2025, Muni-Express n° 9 du 14 décembre 2023)",
            sourceURL: "https://www.quebec.ca/gouvernement/ministere/affaires-municipales/publications/bulletin-muni-express/2023/n-9-14-decembre-2023"),
    ]
}
