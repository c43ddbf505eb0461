import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
@testable import Repertoire

/// Managers' names, emails and phones (Loi 25): only for buyers, hub editors and administrators,
/// on every channel.
@Suite("Privacy of managers' contacts")
struct PrivacyTests {
    static let manager = "Julie Tremblay"
    static let managerEmail = "julie@deneigement.exemple.org"

    @Test("profile page and API: hidden from visitors and representatives of other enterprises, shown to buyers", arguments: TestDatabases.kinds)
    func pagesAndAPI(kind: TestDatabases.Kind) async throws {
        try await TestApp.run(kind, profiles: [Fixtures.complete(), Fixtures.minimal("Une autre entreprise")]) { client, env in
            let slug = "cooperative-de-solidarite-deneigement-rive-sud"
            let visitorPage = try await client.execute(uri: "/entreprises/\(slug)", method: .get) { $0.text }
            #expect(!visitorPage.contains(Self.manager) && !visitorPage.contains(Self.managerEmail))
            #expect(visitorPage.contains("réservées aux acheteurs municipaux"))
            let visitorAPI = try await client.execute(uri: "/api/v1/enterprises/\(slug)", method: .get) { $0.text }
            #expect(!visitorAPI.contains(Self.manager) && !visitorAPI.contains(Self.managerEmail))

            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            try await client.execute(uri: "/entreprises/\(slug)", method: .get, headers: buyer.headers) { response in
                #expect(response.text.contains(Self.manager) && response.text.contains(Self.managerEmail))
                #expect(response.headers[.cacheControl] == "private, no-store")
            }
            // A representative must belong to a stored enterprise (foreign key, migration 011).
            let otherEnterprise = try #require(try await EnterpriseStore(database: env.database).find("une-autre-entreprise"))
            let other = try await env.signedIn([.representative], enterprise: otherEnterprise.id)
            let otherPage = try await client.execute(uri: "/entreprises/\(slug)", method: .get, headers: other.headers) { $0.text }
            #expect(!otherPage.contains(Self.managerEmail))

            // The API with a buyer's personal token, then with that token revoked.
            let identity = Identity(user: buyer.user, credential: .session(id: "s", csrfToken: buyer.csrf))
            let accounts = AccountService(database: env.database, mail: env.mail, baseURL: "", bcryptCost: 4)
            let (token, secret) = try await accounts.createToken(identity, name: "Tableur", client: "test")
            try await client.execute(uri: "/api/v1/enterprises/\(slug)", method: .get, headers: [.authorization: "Bearer \(secret)"]) { response in
                #expect(response.text.contains(Self.managerEmail))
            }
            try await accounts.revokeToken(identity, id: token.id, client: "test")
            try await client.execute(uri: "/api/v1/enterprises/\(slug)", method: .get, headers: [.authorization: "Bearer \(secret)"]) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains(Self.managerEmail))
            }
        }
    }

    @Test("search results, highlights, CSV export and the complete list never carry them")
    func searchAndExports() async throws {
        try await TestApp.run(profiles: [Fixtures.complete()]) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            for headers in [HTTPFields(), buyer.headers] {
                try await client.execute(uri: "/api/v1/enterprises?q=Julie+Tremblay", method: .get, headers: headers) { response in
                    #expect(response.json["total"] as? Int == 0, "managers are not searchable")
                }
                try await client.execute(uri: "/api/v1/enterprises?q=deneigement", method: .get, headers: headers) { response in
                    #expect(response.json["total"] as? Int == 1)
                    #expect(!response.text.contains(Self.managerEmail) && !response.text.contains(Self.manager))
                }
                for path in ["/entreprises?q=deneigement", "/entreprises.csv", "/liste-complete?region=16"] {
                    let text = try await client.execute(uri: path, method: .get) { $0.text }
                    #expect(!text.contains(Self.managerEmail) && !text.contains(Self.manager), "\(path)")
                }
            }
        }
    }

    @Test("logs carry neither contacts, passwords, cookies nor tokens")
    func logs() async throws {
        let lines = LogCapture()
        try await TestApp.run(profiles: [Fixtures.complete()], logger: lines.logger) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            _ = try await signInCookie(client, email: buyer.user.email, password: TestEnvironment.password)
            _ = try await signInCookie(client, email: buyer.user.email, password: "mauvais secret 123")
            _ = try await client.execute(uri: "/entreprises/cooperative-de-solidarite-deneigement-rive-sud", method: .get, headers: buyer.headers) { $0.status }
            _ = try await client.execute(uri: "/api/v1/enterprises/cooperative-de-solidarite-deneigement-rive-sud", method: .get,
                                         headers: [.authorization: "Bearer rep_unjetonquinexistepas"]) { $0.status }
            let text = lines.all.joined(separator: "\n")
            for secret in [Self.managerEmail, Self.manager, TestEnvironment.password, "mauvais secret 123", buyer.cookie, "rep_unjetonquinexistepas"] {
                #expect(!text.contains(secret), "the log holds \(secret)")
            }
        }
        #expect(lines.all.contains { $0.contains("GET /entreprises/cooperative-de-solidarite-deneigement-rive-sud 200") })
    }
}

/// Collects every log line of a test app.
final class LogCapture: Sendable {
    private let storage = Mutex<[String]>([])
    var all: [String] { storage.withLock { $0 } }
    func append(_ line: String) { storage.withLock { $0.append(line) } }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            capture.append("\(level) \(message) \(metadata ?? [:]) \(self.metadata)")
        }
    }

    var logger: Logger { Logger(label: "capture") { _ in Handler(capture: self) } }
}
