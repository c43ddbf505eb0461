import Foundation

/// Choices made once for a whole import.
public struct ImportOptions: Sendable, Codable, Equatable {
    /// Shown in each profile's source (`Import : liste-2025.csv`) unless a column gives one.
    public var fileName: String
    /// Converts names written entirely in capitals to French title case (see ``FrenchTitleCase``).
    public var titleCaseNames: Bool
    /// The region to assume when a row's municipality is missing or unknown and no region column
    /// says otherwise; it also settles names shared by municipalities of several regions. A hub
    /// importing its own region's list sets it to that region.
    public var defaultRegionCode: String?
    /// The date validation checks "not in the future" against.
    public var today: Date

    public init(fileName: String = "fichier.csv", titleCaseNames: Bool = false, defaultRegionCode: String? = nil,
                today: Date = Date()) {
        self.fileName = fileName
        self.titleCaseNames = titleCaseNames
        self.defaultRegionCode = defaultRegionCode
        self.today = today
    }
}

/// An enterprise already in the directory, as the planner needs it for matching.
public struct ExistingRecord: Sendable, Equatable {
    public var id: String
    public var version: Int
    public var profile: EnterpriseProfile

    public init(id: String, version: Int, profile: EnterpriseProfile) {
        self.id = id
        self.version = version
        self.profile = profile
    }

    public init(_ enterprise: Enterprise) {
        self.init(id: enterprise.id, version: enterprise.version, profile: enterprise.profile)
    }

    public var neq: String? { profile.neq }
    public var name: String { profile.name }
    public var municipalityCode: String? { profile.municipalityCode }
}
