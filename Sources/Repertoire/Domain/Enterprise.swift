import Foundation

/// Everything a hub edits about an enterprise. Values are stored normalised: run
/// ``EnterpriseProfile/validated(using:)`` on any input before storing it.
public struct EnterpriseProfile: Sendable, Equatable, Codable {
    public var name: String
    public var otherNames: [OtherName] = []
    public var neq: String?
    public var legalForm: LegalForm
    public var foundedYear: Int?
    public var status: EnterpriseStatus = .active
    public var mission: String?
    public var missionEnglish: String?
    public var sectors: [String] = []
    public var offerings: [Offering] = []
    public var address: String?
    public var municipalityCode: String?
    public var postalCode: String?
    /// Filled from the municipality when omitted.
    public var regionCode: String?
    public var coordinates: Coordinates?
    public var serviceArea: ServiceArea?
    public var phone: String?
    public var email: String?
    public var website: String?
    public var managers: [ManagerContact] = []
    public var benefits: CommunityBenefits = .init()
    public var certifications: [String] = []
    public var contracts: [MunicipalContract] = []
    /// The day a person last confirmed the record with the enterprise, `YYYY-MM-DD`.
    public var lastVerified: String?
    /// Where the record comes from (a hub's list, the REQ, the enterprise itself…).
    public var source: String?

    public init(name: String, legalForm: LegalForm) {
        self.name = name
        self.legalForm = legalForm
    }

    /// True when at least one offering is offered to municipalities.
    public var offersToMunicipalities: Bool { offerings.contains { $0.offeredToMunicipalities } }
}

/// A stored enterprise: its profile plus identity, provenance and concurrency metadata.
public struct Enterprise: Sendable, Equatable, Codable {
    public var id: String
    public var slug: String
    public var profile: EnterpriseProfile
    /// Demo records are fictional, and every page that shows one says so.
    public var isFictional: Bool
    /// Bumped by every write; an update naming an older version is refused as a conflict.
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var archivedAt: Date?

    public init(id: String, slug: String, profile: EnterpriseProfile, isFictional: Bool, version: Int,
                createdAt: Date, updatedAt: Date, archivedAt: Date?) {
        self.id = id
        self.slug = slug
        self.profile = profile
        self.isFictional = isFictional
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.archivedAt = archivedAt
    }

    public var isArchived: Bool { archivedAt != nil }
}
