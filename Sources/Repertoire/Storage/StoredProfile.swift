import Foundation

/// An enterprise profile as kept in history: revisions, proposals and the profiles an import
/// overwrote. Its JSON is this file's own, frozen and versioned, not the default Codable of
/// ``EnterpriseProfile``: renaming or reshaping a domain field must never make an old revision
/// unreadable. When the domain changes, only ``init(_:)`` and ``profile()`` change; when this
/// format must change, add a version and keep reading the old ones.
///
/// Versions:
/// - none (legacy): what the store wrote before issue #10, the default Codable JSON of
///   `EnterpriseProfile` at that time. Its keys are exactly version 1's, without `version`.
/// - 1: the same keys, plus `"version": 1`.
struct StoredProfile: Codable, Equatable, Sendable {
    static let currentVersion = 1

    var version: Int
    var name: String
    var otherNames: [OtherName]
    var neq: String?
    var legalForm: String
    var foundedYear: Int?
    var status: String
    var mission: String?
    var missionEnglish: String?
    var sectors: [String]
    var offerings: [Offering]
    var address: String?
    var municipalityCode: String?
    var postalCode: String?
    var regionCode: String?
    var coordinates: Coordinates?
    var serviceArea: ServiceArea?
    var phone: String?
    var email: String?
    var website: String?
    var managers: [Manager]
    var benefits: Benefits
    var certifications: [String]
    var contracts: [Contract]
    var lastVerified: String?
    var source: String?

    struct OtherName: Codable, Equatable, Sendable {
        var kind: String
        var name: String
    }

    struct Offering: Codable, Equatable, Sendable {
        var name: String
        var description: String?
        var kind: String
        var offeredToMunicipalities: Bool
    }

    /// Personal information (Loi 25): ``erasingPersonalData()`` empties name, email and phone.
    struct Manager: Codable, Equatable, Sendable {
        var name: String
        var role: String?
        var email: String?
        var phone: String?
    }

    struct Benefits: Codable, Equatable, Sendable {
        var text: String?
        var employees: Int?
        var integrationEmployees: Int?
        var volunteers: Int?
        var members: Int?
        var peopleServed: Int?
    }

    struct Contract: Codable, Equatable, Sendable {
        var municipality: String
        var year: Int
        var description: String
        var amount: Int?
    }

    struct ServiceArea: Codable, Equatable, Sendable {
        var scope: String
        var codes: [String]
    }

    struct Coordinates: Codable, Equatable, Sendable {
        var latitude: Double
        var longitude: Double
    }

    enum CodingKeys: String, CodingKey {
        case version, name, otherNames, neq, legalForm, foundedYear, status, mission, missionEnglish, sectors, offerings, address
        case municipalityCode, postalCode, regionCode, coordinates, serviceArea, phone, email, website, managers, benefits
        case certifications, contracts, lastVerified, source
    }

    /// Why a stored profile could not be read; the history page then says so instead of failing.
    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // No `version`: the legacy format, whose keys are version 1's.
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? 0
        guard version <= Self.currentVersion else {
            throw Unreadable(description: "stored profile version \(version) is newer than this program (\(Self.currentVersion))")
        }
        name = try c.decode(String.self, forKey: .name)
        otherNames = try c.decodeIfPresent([OtherName].self, forKey: .otherNames) ?? []
        neq = try c.decodeIfPresent(String.self, forKey: .neq)
        legalForm = try c.decode(String.self, forKey: .legalForm)
        foundedYear = try c.decodeIfPresent(Int.self, forKey: .foundedYear)
        status = try c.decodeIfPresent(String.self, forKey: .status) ?? EnterpriseStatus.active.rawValue
        mission = try c.decodeIfPresent(String.self, forKey: .mission)
        missionEnglish = try c.decodeIfPresent(String.self, forKey: .missionEnglish)
        sectors = try c.decodeIfPresent([String].self, forKey: .sectors) ?? []
        offerings = try c.decodeIfPresent([Offering].self, forKey: .offerings) ?? []
        address = try c.decodeIfPresent(String.self, forKey: .address)
        municipalityCode = try c.decodeIfPresent(String.self, forKey: .municipalityCode)
        postalCode = try c.decodeIfPresent(String.self, forKey: .postalCode)
        regionCode = try c.decodeIfPresent(String.self, forKey: .regionCode)
        coordinates = try c.decodeIfPresent(Coordinates.self, forKey: .coordinates)
        serviceArea = try c.decodeIfPresent(ServiceArea.self, forKey: .serviceArea)
        phone = try c.decodeIfPresent(String.self, forKey: .phone)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        website = try c.decodeIfPresent(String.self, forKey: .website)
        managers = try c.decodeIfPresent([Manager].self, forKey: .managers) ?? []
        benefits = try c.decodeIfPresent(Benefits.self, forKey: .benefits) ?? Benefits()
        certifications = try c.decodeIfPresent([String].self, forKey: .certifications) ?? []
        contracts = try c.decodeIfPresent([Contract].self, forKey: .contracts) ?? []
        lastVerified = try c.decodeIfPresent(String.self, forKey: .lastVerified)
        source = try c.decodeIfPresent(String.self, forKey: .source)
    }

    /// The stored form of a profile, in the current version.
    init(_ p: EnterpriseProfile) {
        version = Self.currentVersion
        name = p.name
        otherNames = p.otherNames.map { OtherName(kind: $0.kind.rawValue, name: $0.name) }
        neq = p.neq
        legalForm = p.legalForm.rawValue
        foundedYear = p.foundedYear
        status = p.status.rawValue
        mission = p.mission
        missionEnglish = p.missionEnglish
        sectors = p.sectors
        offerings = p.offerings.map {
            Offering(name: $0.name, description: $0.description, kind: $0.kind.rawValue, offeredToMunicipalities: $0.offeredToMunicipalities)
        }
        address = p.address
        municipalityCode = p.municipalityCode
        postalCode = p.postalCode
        regionCode = p.regionCode
        coordinates = p.coordinates.map { Coordinates(latitude: $0.latitude, longitude: $0.longitude) }
        serviceArea = p.serviceArea.map { ServiceArea(scope: $0.scope.rawValue, codes: $0.codes) }
        phone = p.phone
        email = p.email
        website = p.website
        managers = p.managers.map { Manager(name: $0.name, role: $0.role, email: $0.email, phone: $0.phone) }
        benefits = Benefits(text: p.benefits.text, employees: p.benefits.employees, integrationEmployees: p.benefits.integrationEmployees,
                            volunteers: p.benefits.volunteers, members: p.benefits.members, peopleServed: p.benefits.peopleServed)
        certifications = p.certifications
        contracts = p.contracts.map { Contract(municipality: $0.municipality, year: $0.year, description: $0.description, amount: $0.amount) }
        lastVerified = p.lastVerified
        source = p.source
    }

    /// The domain profile. Values the domain no longer knows are refused rather than guessed:
    /// when a domain value is renamed, map the old spelling here.
    func profile() throws -> EnterpriseProfile {
        guard let legalForm = LegalForm(rawValue: legalForm) else { throw Unreadable(description: "unknown legal form \(legalForm)") }
        guard let status = EnterpriseStatus(rawValue: status) else { throw Unreadable(description: "unknown status \(status)") }
        var p = EnterpriseProfile(name: name, legalForm: legalForm)
        p.otherNames = try otherNames.map {
            guard let kind = Repertoire.OtherName.Kind(rawValue: $0.kind) else { throw Unreadable(description: "unknown other-name kind \($0.kind)") }
            return Repertoire.OtherName(kind: kind, name: $0.name)
        }
        p.neq = neq
        p.foundedYear = foundedYear
        p.status = status
        p.mission = mission
        p.missionEnglish = missionEnglish
        p.sectors = sectors
        p.offerings = try offerings.map {
            guard let kind = OfferingKind(rawValue: $0.kind) else { throw Unreadable(description: "unknown offering kind \($0.kind)") }
            return Repertoire.Offering(name: $0.name, description: $0.description, kind: kind, offeredToMunicipalities: $0.offeredToMunicipalities)
        }
        p.address = address
        p.municipalityCode = municipalityCode
        p.postalCode = postalCode
        p.regionCode = regionCode
        p.coordinates = coordinates.map { Repertoire.Coordinates(latitude: $0.latitude, longitude: $0.longitude) }
        p.serviceArea = try serviceArea.map {
            guard let scope = Repertoire.ServiceArea.Scope(rawValue: $0.scope) else { throw Unreadable(description: "unknown service area \($0.scope)") }
            return Repertoire.ServiceArea(scope: scope, codes: $0.codes)
        }
        p.phone = phone
        p.email = email
        p.website = website
        p.managers = managers.map { ManagerContact(name: $0.name, role: $0.role, email: $0.email, phone: $0.phone) }
        p.benefits = CommunityBenefits(text: benefits.text, employees: benefits.employees, integrationEmployees: benefits.integrationEmployees,
                                       volunteers: benefits.volunteers, members: benefits.members, peopleServed: benefits.peopleServed)
        p.certifications = certifications
        p.contracts = contracts.map { MunicipalContract(municipality: $0.municipality, year: $0.year, description: $0.description, amount: $0.amount) }
        p.lastVerified = lastVerified
        p.source = source
        return p
    }

    /// The same profile without the managers' personal data (Loi 25): names, emails and phones
    /// become empty; the number of managers and their roles stay, as does everything about the
    /// enterprise itself (its own phone and email are not a person's).
    func erasingPersonalData() -> StoredProfile {
        var copy = self
        copy.version = Self.currentVersion
        copy.managers = managers.map { Manager(name: "", role: $0.role, email: nil, phone: nil) }
        return copy
    }

    // MARK: JSON

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func encode(_ profile: EnterpriseProfile) throws -> String {
        try encode(StoredProfile(profile))
    }

    static func encode(_ stored: StoredProfile) throws -> String {
        String(decoding: try encoder.encode(stored), as: UTF8.self)
    }

    /// Reads any stored version.
    static func decodeStored(_ text: String) throws -> StoredProfile {
        try JSONDecoder().decode(StoredProfile.self, from: Data(text.utf8))
    }

    static func decode(_ text: String) throws -> EnterpriseProfile {
        try decodeStored(text).profile()
    }
}
