/// Another name an enterprise is known by.
public struct OtherName: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The name registered with the Registraire des entreprises, when it differs.
        case legal
        /// A trade name (nom commercial) or former name.
        case trade
    }

    public var kind: Kind
    public var name: String

    public init(kind: Kind, name: String) {
        self.kind = kind
        self.name = name
    }
}

/// A product or service the enterprise sells.
public struct Offering: Sendable, Equatable, Codable {
    public var name: String
    public var description: String?
    public var kind: OfferingKind
    /// Whether the enterprise offers it to municipalities (the filter buyers use most).
    public var offeredToMunicipalities: Bool

    public init(name: String, description: String? = nil, kind: OfferingKind, offeredToMunicipalities: Bool) {
        self.name = name
        self.description = description
        self.kind = kind
        self.offeredToMunicipalities = offeredToMunicipalities
    }
}

/// A manager's contact details. Personal information under Loi 25: shown only to signed-in
/// buyers, hub editors and administrators, never to the public.
public struct ManagerContact: Sendable, Equatable, Codable {
    public var name: String
    public var role: String?
    public var email: String?
    public var phone: String?

    public init(name: String, role: String? = nil, email: String? = nil, phone: String? = nil) {
        self.name = name
        self.role = role
        self.email = email
        self.phone = phone
    }
}

/// What the enterprise brings to the community, in words and in figures.
public struct CommunityBenefits: Sendable, Equatable, Codable {
    public var text: String?
    public var employees: Int?
    /// Of the employees, those in integration (insertion) or adapted jobs.
    public var integrationEmployees: Int?
    public var volunteers: Int?
    public var members: Int?
    public var peopleServed: Int?

    public init(text: String? = nil, employees: Int? = nil, integrationEmployees: Int? = nil,
                volunteers: Int? = nil, members: Int? = nil, peopleServed: Int? = nil) {
        self.text = text
        self.employees = employees
        self.integrationEmployees = integrationEmployees
        self.volunteers = volunteers
        self.members = members
        self.peopleServed = peopleServed
    }
}

/// A contract the enterprise has carried out for a municipality: the best reference a buyer has.
public struct MunicipalContract: Sendable, Equatable, Codable {
    public var municipality: String
    public var year: Int
    public var description: String
    /// In Canadian dollars, when known.
    public var amount: Int?

    public init(municipality: String, year: Int, description: String, amount: Int? = nil) {
        self.municipality = municipality
        self.year = year
        self.description = description
        self.amount = amount
    }
}

/// Where the enterprise delivers.
public struct ServiceArea: Sendable, Equatable, Codable {
    public enum Scope: String, Sendable, Codable, CaseIterable {
        case quebec
        case regions
        /// MRCs, or the census divisions standing in for them (codes as in ``MRC``).
        case mrcs
        case municipalities
    }

    public var scope: Scope
    /// Region codes (`16`), MRC codes (`460`, `58`) or municipality codes (`58227`), depending on
    /// `scope`; empty for `quebec`.
    public var codes: [String]

    public init(scope: Scope, codes: [String] = []) {
        self.scope = scope
        self.codes = codes
    }
}

public struct Coordinates: Sendable, Equatable, Codable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}
