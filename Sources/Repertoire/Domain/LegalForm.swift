/// The legal forms of social-economy enterprises. Co-operatives are split by type because a buyer
/// or a hub often cares which (a workers' co-op differs from a solidarity co-op); `cooperative`
/// covers registers that do not say which type (the REQ's `COP`).
public enum LegalForm: String, Sendable, Codable, CaseIterable {
    case cooperative = "cooperative"
    case workersCooperative = "cooperative-travail"
    case consumersCooperative = "cooperative-consommateurs"
    case producersCooperative = "cooperative-producteurs"
    case solidarityCooperative = "cooperative-solidarite"
    case workerShareholdersCooperative = "cooperative-travailleurs-actionnaires"
    case nonProfit = "obnl"
    case mutual = "mutuelle"
    case other = "autre"

    public var name: String {
        switch self {
        case .cooperative: "Coopérative"
        case .workersCooperative: "Coopérative de travail"
        case .consumersCooperative: "Coopérative de consommateurs"
        case .producersCooperative: "Coopérative de producteurs"
        case .solidarityCooperative: "Coopérative de solidarité"
        case .workerShareholdersCooperative: "Coopérative de travailleurs actionnaires"
        case .nonProfit: "Organisme à but non lucratif (OBNL)"
        case .mutual: "Mutuelle"
        case .other: "Autre"
        }
    }

    public var nameEnglish: String {
        switch self {
        case .cooperative: "Co-operative"
        case .workersCooperative: "Workers' co-operative"
        case .consumersCooperative: "Consumers' co-operative"
        case .producersCooperative: "Producers' co-operative"
        case .solidarityCooperative: "Solidarity co-operative"
        case .workerShareholdersCooperative: "Worker-shareholder co-operative"
        case .nonProfit: "Non-profit organisation"
        case .mutual: "Mutual"
        case .other: "Other"
        }
    }

    public var isCooperative: Bool { rawValue.hasPrefix("cooperative") }
}

/// What an offering is, in the categories of Quebec municipal contracting law
/// (supply of goods, services, construction work).
public enum OfferingKind: String, Sendable, Codable, CaseIterable {
    case good = "bien"
    case service = "service"
    case construction = "travaux"

    public var name: String {
        switch self {
        case .good: "Biens"
        case .service: "Services"
        case .construction: "Travaux de construction"
        }
    }

    public var nameEnglish: String {
        switch self {
        case .good: "Goods"
        case .service: "Services"
        case .construction: "Construction work"
        }
    }
}

public enum EnterpriseStatus: String, Sendable, Codable, CaseIterable {
    case active
    case closed
}
