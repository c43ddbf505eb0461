import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
@testable import Repertoire

/// The running test app's database and outgoing mail, with shortcuts to make signed-in users.
struct TestEnvironment: Sendable {
    let database: Database
    let mail: MemoryMailQueue

    static let password = "phrase de passe correcte"

    /// A signed-in user: send `headers` with each request; put `csrf` in forms as `_csrf`.
    struct SignedIn: Sendable {
        var user: User
        var cookie: String
        var csrf: String
        var headers: HTTPFields { [.cookie: "\(IdentityMiddleware.sessionCookie)=\(cookie)"] }

        /// Headers for a form post, with the cookie.
        var formHeaders: HTTPFields {
            var fields = headers
            fields[.contentType] = "application/x-www-form-urlencoded"
            return fields
        }

        /// `fields` url-encoded, with this session's CSRF token added.
        func form(_ fields: [(String, String)]) -> ByteBuffer {
            TestEnvironment.encode(fields + [("_csrf", csrf)])
        }
    }

    /// Creates an active user with the password ``password`` and opens a session for them.
    func signedIn(_ roles: Set<Role>, email: String? = nil, regions: Set<String> = [], municipality: String? = nil,
                  enterprise: String? = nil) async throws -> SignedIn {
        let user = try await createUser(roles, email: email, regions: regions, municipality: municipality, enterprise: enterprise)
        let opened = try await database.transaction { sql in
            try await SessionStore.open(userID: user.id, client: "test", now: Date(), on: sql)
        }
        return SignedIn(user: user, cookie: opened.cookieValue, csrf: opened.csrfToken)
    }

    func createUser(_ roles: Set<Role>, email: String? = nil, regions: Set<String> = [], municipality: String? = nil,
                    enterprise: String? = nil) async throws -> User {
        let email = email ?? "\(roles.sorted().first?.rawValue ?? "user")-\(UUID().uuidString.prefix(8).lowercased())@exemple.qc.ca"
        var user = User(id: UUID().uuidString.lowercased(), email: email, name: "Personne Test", roles: roles, regions: regions,
                        municipalityCode: municipality, enterpriseID: enterprise, hasPassword: true)
        let hash = Bcrypt.hash(Self.password, cost: 4)
        try await database.transaction { [user] sql in
            try await AccountStore.insert(user, now: Date(), on: sql)
            try await AccountStore.setPassword(userID: user.id, hash: hash, now: Date(), on: sql)
        }
        user.hasPassword = true
        return user
    }

    /// The single-use link in the last email sent to `address`.
    func lastLink(to address: String) -> String? {
        guard let body = mail.sent.last(where: { $0.to == address.lowercased() })?.body else { return nil }
        return body.split(whereSeparator: \.isNewline).first { $0.contains("jeton=") }.map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    static func encode(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let text = fields.map { ($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "=" + ($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") }
            .joined(separator: "&")
        return ByteBuffer(string: text)
    }
}

extension TestResponse {
    /// The value of a cookie this response sets, if any.
    func cookie(_ name: String) -> String? {
        for field in headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";").first.map(String.init) ?? ""
            if pair.hasPrefix(name + "=") { return String(pair.dropFirst(name.count + 1)) }
        }
        return nil
    }
}
