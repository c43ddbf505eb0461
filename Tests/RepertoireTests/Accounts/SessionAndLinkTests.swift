import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

/// Asks for a reset link through the form and returns its secret.
private func resetSecret(_ client: any TestClientProtocol, _ env: TestEnvironment, email: String) async throws -> String {
    let form = try await visitorForm(client, path: "/mot-de-passe-oublie")
    try await client.execute(uri: "/mot-de-passe-oublie", method: .post,
                             headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(CSRF.cookie)=\(form.cookie)"],
                             body: TestEnvironment.encode([("email", email), ("_csrf", form.token)])) { response in
        #expect(response.status == .ok)
    }
    let link = try #require(env.lastLink(to: email))
    return String(try #require(link.components(separatedBy: "jeton=").last))
}

/// Posts a new password through a link; returns the status.
private func choose(_ client: any TestClientProtocol, secret: String, password: String) async throws -> HTTPResponse.Status {
    // The sign-in page gives the visitor's form token (a used link's page has no form).
    let form = try await visitorForm(client)
    return try await client.execute(uri: "/mot-de-passe", method: .post,
                                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(CSRF.cookie)=\(form.cookie)"],
                                    body: TestEnvironment.encode([("jeton", secret), ("password", password), ("confirmation", password), ("_csrf", form.token)])) { $0.status }
}

@Suite("Accounts: return paths, reset links and sessions")
struct SessionAndLinkTests {
    static let newPassword = "Clémentine-Verger-2931"

    @Test("the return path after sign-in is a path of this site: control characters, backslashes and // send to the account page",
          arguments: ["/\t/evil.example", "//evil.example", "/\\evil.example", "/\u{0}/evil.example", "/\n/evil.example", "/\u{7F}x", "https://evil.example", "/é/x"])
    func returnPath(value: String) async throws {
        #expect(ReturnPath.safe(value) == "/compte")
        try await TestApp.run { client, env in
            let user = try await env.createUser([.buyer], municipality: "58227")
            let (cookie, token) = try await visitorForm(client)
            try await client.execute(uri: "/connexion", method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(CSRF.cookie)=\(cookie)"],
                                     body: TestEnvironment.encode([("email", user.email), ("password", TestEnvironment.password), ("retour", value), ("_csrf", token)])) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/compte")
            }
        }
    }

    @Test("a site path is kept as the return path")
    func goodReturnPath() {
        #expect(ReturnPath.safe("/gestion/import?x=%2F%2Fa") == "/gestion/import?x=%2F%2Fa")
    }

    @Test("changing one's password ends the reset links issued before it")
    func passwordChangeEndsLinks() async throws {
        try await TestApp.run { client, env in
            // given: a reset link, then the password changed from the account page
            let user = try await env.signedIn([.buyer], municipality: "58227")
            let secret = try await resetSecret(client, env, email: user.user.email)
            try await client.execute(uri: "/compte/mot-de-passe", method: .post, headers: user.formHeaders,
                                     body: user.form([("current", TestEnvironment.password), ("password", Self.newPassword), ("confirmation", Self.newPassword)])) { response in
                #expect(response.status == .seeOther)
            }
            // when: the earlier link is used
            let status = try await choose(client, secret: secret, password: "Autre-Phrase-Secrète-7781")
            // then
            #expect(status == .unprocessableContent)
            let cookie = try await signInCookie(client, email: user.user.email, password: Self.newPassword)
            #expect(!cookie.isEmpty)
        }
    }

    @Test("signing in as someone else ends the previous session on the server")
    func signInAsSomeoneElse() async throws {
        try await TestApp.run { client, env in
            // given: a browser signed in as A
            let first = try await env.signedIn([.admin])
            let second = try await env.createUser([.buyer], municipality: "58227")
            let form = try await visitorForm(client, path: "/connexion", headers: first.headers)
            // when: it signs in as B
            let cookie = try await client.execute(uri: "/connexion", method: .post, headers: first.formHeaders,
                                                  body: TestEnvironment.encode([("email", second.email), ("password", TestEnvironment.password), ("_csrf", form.token)])) { response in
                #expect(response.status == .seeOther)
                return response.cookie(IdentityMiddleware.sessionCookie) ?? ""
            }
            // then: A's session is gone, B's works
            #expect(try await SessionStore(database: env.database).count(userID: first.user.id) == 0)
            try await client.execute(uri: "/compte", method: .get, headers: first.headers) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/compte", method: .get, headers: [.cookie: "\(IdentityMiddleware.sessionCookie)=\(cookie)"]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(second.email))
            }
        }
    }

    @Test("a reset link used by ten requests at once sets one password", arguments: TestDatabases.kinds)
    func concurrentUse(kind: TestDatabases.Kind) async throws {
        try await TestApp.run(kind) { client, env in
            // given
            let user = try await env.createUser([.buyer], municipality: "58227")
            let secret = try await resetSecret(client, env, email: user.email)
            // when
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<10 {
                    group.addTask { try await choose(client, secret: secret, password: "Phrase-Choisie-\(index)-Verger") }
                }
                var statuses: [HTTPResponse.Status] = []
                for try await status in group { statuses.append(status) }
                return statuses
            }
            // then
            #expect(statuses.filter { $0 == .seeOther }.count == 1)
            #expect(statuses.filter { $0 != .seeOther }.allSatisfy { $0 == .unprocessableContent })
            let sets = try await AuditLog(database: env.database).entries(action: "password-set")
            #expect(sets.count == 1)
        }
    }
}
