import Foundation

/// A person with an account.
public struct User: Sendable, Equatable {
    public var id: String
    /// Lower-cased; the sign-in name.
    public var email: String
    public var name: String
    public var roles: Set<Role>
    /// The administrative regions (`16`, `04`…) a hub editor looks after.
    public var regions: Set<String>
    /// The municipality a buyer works for.
    public var municipalityCode: String?
    /// The enterprise a representative speaks for.
    public var enterpriseID: String?
    public var isActive: Bool
    /// False until the invitee has chosen a password.
    public var hasPassword: Bool
    public var createdAt: Date
    public var lastSignInAt: Date?

    public init(id: String, email: String, name: String, roles: Set<Role>, regions: Set<String> = [], municipalityCode: String? = nil,
                enterpriseID: String? = nil, isActive: Bool = true, hasPassword: Bool = false, createdAt: Date = Date(), lastSignInAt: Date? = nil) {
        self.id = id
        self.email = email
        self.name = name
        self.roles = roles
        self.regions = regions
        self.municipalityCode = municipalityCode
        self.enterpriseID = enterpriseID
        self.isActive = isActive
        self.hasPassword = hasPassword
        self.createdAt = createdAt
        self.lastSignInAt = lastSignInAt
    }

    /// True when one of the user's roles holds the permission.
    public func has(_ permission: Permission) -> Bool {
        isActive && !roles.isDisjoint(with: permission.roles)
    }

    /// Whether the user may edit an enterprise of this region: administrators everywhere, hub
    /// editors in their regions.
    public func mayEdit(regionCode: String?) -> Bool {
        guard isActive else { return false }
        if roles.contains(.admin) { return true }
        guard roles.contains(.hubEditor), let regionCode else { return false }
        return regions.contains(regionCode)
    }

    /// Whether the user may see the managers' contacts of this enterprise.
    public func maySeePersonalData(ofEnterprise id: String) -> Bool {
        has(.viewPersonalData) || (isActive && roles.contains(.representative) && enterpriseID == id)
    }

    /// `Marie Tremblay <marie@…>`, for the audit log and history.
    public var label: String { name.isEmpty ? email : "\(name) <\(email)>" }

    public var roleNames: String { roles.sorted().map(\.name).joined(separator: ", ") }
}

/// Who made a request, and with which credential.
public struct Identity: Sendable {
    public enum Credential: Sendable, Equatable {
        /// A browser session; forms must carry its CSRF token.
        case session(id: String, csrfToken: String)
        /// A personal API token.
        case apiToken(id: String)
        /// The configuration's service token (REPERTOIRE_API_TOKEN), with administrator rights.
        case serviceToken
    }

    public var user: User
    public var credential: Credential

    public var csrfToken: String? {
        if case .session(_, let token) = credential { return token }
        return nil
    }

    public var sessionID: String? {
        if case .session(let id, _) = credential { return id }
        return nil
    }

    /// The pseudo-user behind the configuration's service token.
    static let service = Identity(
        user: User(id: "service-token", email: "service-token", name: "Jeton de service (REPERTOIRE_API_TOKEN)", roles: [.admin], hasPassword: false),
        credential: .serviceToken)
}
