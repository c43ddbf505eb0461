import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

/// The `_csrf` value of the first form on a page.
private func csrfField(_ text: String) -> String {
    guard let range = text.range(of: "name=\"_csrf\" value=\"") else { return "" }
    return String(text[range.upperBound...].prefix { $0 != "\"" })
}

@Suite("Accounts: personal tokens stay on the API, CSRF tokens are bound to the server's session")
struct CSRFTests {
    @Test("a personal token with a self-chosen CSRF cookie and field creates no token and sends no invitation")
    func tokenOnWebForms() async throws {
        try await TestApp.run { client, env in
            // given: an administrator's personal token, and a CSRF cookie/field pair of the caller's choice
            let admin = try await env.signedIn([.admin])
            let (_, secret) = try await AccountService(database: env.database, mail: env.mail, baseURL: "", bcryptCost: 4)
                .createToken(Identity(user: admin.user, credential: .apiToken(id: "x")), name: "scripts", client: "test")
            let chosen = String(repeating: "a", count: 43)
            let headers: HTTPFields = [.authorization: "Bearer \(secret)", .cookie: "\(CSRF.cookie)=\(chosen)",
                                       .contentType: "application/x-www-form-urlencoded"]
            // when: it posts the token form and the invitation form
            try await client.execute(uri: "/compte/jetons", method: .post, headers: headers,
                                     body: TestEnvironment.encode([("name", "survivant"), ("_csrf", chosen)])) { response in
                // then: treated as a visitor, sent to sign in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.hasPrefix("/connexion?retour=") == true)
            }
            try await client.execute(uri: "/admin/utilisateurs/invitations", method: .post, headers: headers,
                                     body: TestEnvironment.encode([("email", "cible@exemple.qc.ca"), ("name", "Cible"), ("roles", "admin"), ("_csrf", chosen)])) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.hasPrefix("/connexion?retour=") == true)
            }
            // and the pages need a session too
            try await client.execute(uri: "/compte", method: .get, headers: [.authorization: "Bearer \(secret)"]) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await APITokenStore(database: env.database).tokens(userID: admin.user.id).count == 1)
            #expect(env.mail.sent.isEmpty)
            // while the API still takes the token
            try await client.execute(uri: "/api/v1/enterprises", method: .post, headers: [.authorization: "Bearer \(secret)", .contentType: "application/json"],
                                     body: ByteBuffer(string: "{}")) { response in
                #expect(response.status != .unauthorized && response.status != .forbidden)
            }
        }
    }

    @Test("a visitor's form token is an HMAC of a pre-session cookie under a server secret: a chosen pair is refused (no login CSRF)")
    func visitorForms() async throws {
        try await TestApp.run { client, env in
            // given
            let user = try await env.createUser([.buyer], municipality: "58227")
            let chosen = String(repeating: "b", count: 43)
            let fields = [("email", user.email), ("password", TestEnvironment.password)]
            // when: the cookie and the field are the same value of the caller's choice
            try await client.execute(uri: "/connexion", method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(CSRF.cookie)=\(chosen)"],
                                     body: TestEnvironment.encode(fields + [("_csrf", chosen)])) { response in
                // then
                #expect(response.status == .forbidden)
                #expect(response.cookie(IdentityMiddleware.sessionCookie) == nil)
            }
            // when: a real token, but from another pre-session (an attacker's own page load)
            let attacker = try await visitorForm(client)
            let victim = try await visitorForm(client)
            #expect(attacker.cookie != victim.cookie)
            try await client.execute(uri: "/connexion", method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(CSRF.cookie)=\(victim.cookie)"],
                                     body: TestEnvironment.encode(fields + [("_csrf", attacker.token)])) { response in
                #expect(response.status == .forbidden)
            }
            // the page's own pair works, and the secret lives in the database settings
            try await signInRequest(client, email: user.email, password: TestEnvironment.password) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await ReferenceStore(database: env.database).setting(FormSecret.settingKey)?.count ?? 0 >= 32)
        }
    }

    @Test("pages carry the session's token masked anew on each response; every masked copy is accepted, a tampered one is not")
    func masking() async throws {
        try await TestApp.run { client, env in
            // given
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            // when
            let first = try await client.execute(uri: "/compte", method: .get, headers: buyer.headers) { csrfField($0.text) }
            let second = try await client.execute(uri: "/compte", method: .get, headers: buyer.headers) { csrfField($0.text) }
            let search = try await client.execute(uri: "/entreprises?q=\(buyer.csrf.prefix(8))", method: .get, headers: buyer.headers) { csrfField($0.text) }
            // then: never the token itself, never twice the same
            #expect(!first.isEmpty && first != second && first != buyer.csrf && search != buyer.csrf && !search.isEmpty)
            #expect(CSRF.unmask(first) == buyer.csrf && CSRF.unmask(second) == buyer.csrf)
            for (index, token) in [first, second].enumerated() {
                try await client.execute(uri: "/compte/jetons", method: .post, headers: buyer.formHeaders,
                                         body: TestEnvironment.encode([("name", "jeton \(index)"), ("_csrf", token)])) { response in
                    #expect(response.status == .ok)
                }
            }
            var tampered = Array(first)
            tampered[5] = tampered[5] == "A" ? "B" : "A"
            try await client.execute(uri: "/compte/jetons", method: .post, headers: buyer.formHeaders,
                                     body: TestEnvironment.encode([("name", "falsifié"), ("_csrf", String(tampered))])) { response in
                #expect(response.status == .forbidden)
            }
            #expect(try await APITokenStore(database: env.database).tokens(userID: buyer.user.id).count == 2)
        }
    }

    @Test("the API's writes need a token: a session cookie alone (no CSRF token there) is not enough")
    func sessionOnAPIWrites() async throws {
        try await TestApp.run { client, env in
            let admin = try await env.signedIn([.admin])
            try await client.execute(uri: "/api/v1/enterprises", method: .post, headers: [.cookie: "\(IdentityMiddleware.sessionCookie)=\(admin.cookie)", .contentType: "application/json"],
                                     body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
