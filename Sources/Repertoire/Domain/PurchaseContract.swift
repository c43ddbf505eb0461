import Foundation

/// A contract a municipality awarded to a social-economy enterprise, in its responsible-purchasing
/// record (issue #16). The supplier is an enterprise of the directory, or a name and an NEQ when
/// it is not listed yet. What the dashboards group by (the municipality's MRC and region, the
/// supplier's sector and place) is copied onto the contract when it is written.
public struct PurchaseContract: Sendable, Equatable, Codable {
    /// How the contract was awarded.
    public enum Procedure: String, Sendable, Codable, CaseIterable {
        case mutualAgreement = "gre-a-gre"
        case writtenInvitation = "invitation"
        case publicCall = "appel-public"

        public var name: String {
            switch self {
            case .mutualAgreement: "Gré à gré"
            case .writtenInvitation: "Invitation écrite"
            case .publicCall: "Appel d'offres public"
            }
        }

        public var nameEnglish: String {
            switch self {
            case .mutualAgreement: "Mutual agreement"
            case .writtenInvitation: "Written invitation"
            case .publicCall: "Public call for tenders"
            }
        }
    }

    public var id: String
    public var municipalityCode: String
    public var mrcCode: String
    public var regionCode: String
    /// The enterprise of the directory, when the supplier is listed.
    public var enterpriseID: String?
    public var supplierName: String
    public var supplierNEQ: String
    /// Where the supplier is (empty when unknown): for the share of local purchases.
    public var supplierMunicipalityCode: String
    public var supplierMRCCode: String
    /// The supplier's first activity sector (empty when unlisted).
    public var sectorSlug: String
    /// `YYYY-MM-DD`.
    public var awardedOn: String
    /// Before taxes, in cents.
    public var amountCents: Int64
    public var procedure: Procedure
    public var kind: String
    public var description: String
    /// The call for interest the contract came from.
    public var callID: String?
    public var isFictional: Bool
    public var version: Int
    public var createdBy: String?
    public var createdAt: Date
    public var updatedAt: Date

    public var year: Int { Int(awardedOn.prefix(4)) ?? 0 }

    /// The band a public page shows instead of the amount, when the city publishes no exact
    /// amounts: below the written-invitation threshold, up to the public-call one, or above.
    public static func bandText(_ cents: Int64, english: Bool) -> String {
        switch cents {
        case ..<2_500_000: english ? "under $25,000" : "moins de 25 000 $"
        case ..<12_120_000: english ? "$25,000 to $121,199" : "de 25 000 $ à 121 199 $"
        default: english ? "$121,200 or more" : "121 200 $ et plus"
        }
    }
    public var contractKind: ContractKind? { ContractKind(rawValue: kind) }

    /// The longest description kept.
    public static let maxDescriptionLength = 2_000
    /// No municipal contract to one supplier reaches a billion dollars: a larger figure is a typo.
    public static let maxAmountCents: Int64 = 100_000_000_000
}

/// One past version of a recorded contract.
public struct PurchaseContractRevision: Sendable, Equatable {
    public var version: Int
    public var action: String
    public var contract: PurchaseContract
    public var authorName: String
    public var recordedAt: Date
}

/// A territory's choice to publish its figures, and whether its exact amounts are shown: a
/// municipality (`58227`) or an agglomeration or MRC (`mrc-58`), as in its public page's address.
public struct PurchasePublication: Sendable, Equatable {
    public var territory: String
    public var isPublic: Bool
    public var exactAmounts: Bool
}
