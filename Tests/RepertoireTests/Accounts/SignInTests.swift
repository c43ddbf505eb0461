import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

/// Opens the sign-in page to get the visitor's CSRF cookie and token.
func visitorForm(_ client: any TestClientProtocol, path: String = "/connexion", headers: HTTPFields = [:]) async throws -> (cookie: String, token: String) {
    try await client.execute(uri: path, method: .get, headers: headers) { response in
        let cookie = response.cookie(CSRF.cookie) ?? headers[.cookie].flatMap { $0.split(separator: "=").last.map(String.init) } ?? ""
        let text = response.text
        guard let range = text.range(of: "name=\"_csrf\" value=\"") else { return (cookie, "") }
        let token = text[range.upperBound...].prefix { $0 != "\"" }
        return (cookie, String(token))
    }
}

func signInRequest(_ client: any TestClientProtocol, email: String, password: String, extra: HTTPFields = [:],
                   _ check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
    let (cookie, token) = try await visitorForm(client)
    var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: "\(CSRF.cookie)=\(cookie)"]
    headers.append(contentsOf: extra)
    try await client.execute(uri: "/connexion", method: .post, headers: headers,
                             body: TestEnvironment.encode([("email", email), ("password", password), ("retour", "/compte"), ("_csrf", token)])) { response in
        try check(response)
    }
}

/// Signs in through the form and returns the session cookie's value ("" when refused).
func signInCookie(_ client: any TestClientProtocol, email: String, password: String, extra: HTTPFields = [:],
                  _ check: @escaping @Sendable (TestResponse) throws -> Void = { _ in }) async throws -> String {
    let (cookie, token) = try await visitorForm(client)
    var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: "\(CSRF.cookie)=\(cookie)"]
    headers.append(contentsOf: extra)
    return try await client.execute(uri: "/connexion", method: .post, headers: headers,
                                    body: TestEnvironment.encode([("email", email), ("password", password), ("retour", "/compte"), ("_csrf", token)])) { response in
        try check(response)
        return response.cookie(IdentityMiddleware.sessionCookie) ?? ""
    }
}

@Suite("Accounts: signing in and out")
struct SignInTests {
    @Test("a right password opens a session in an HttpOnly, SameSite=Lax cookie; a wrong one never says which part was wrong",
          arguments: TestDatabases.kinds)
    func signIn(kind: TestDatabases.Kind) async throws {
        try await TestApp.run(kind) { client, env in
            let user = try await env.createUser([.buyer], email: "acheteur@longueuil.quebec", municipality: "58227")
            let cookie = try await signInCookie(client, email: "ACHETEUR@longueuil.quebec", password: TestEnvironment.password) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/compte")
                let header = response.headers[values: .setCookie].first { $0.hasPrefix(IdentityMiddleware.sessionCookie) } ?? ""
                #expect(header.contains("HttpOnly") && header.contains("SameSite=Lax") && header.contains("Max-Age="))
            }
            #expect(cookie.count > 30)
            let session: HTTPFields = [.cookie: "\(IdentityMiddleware.sessionCookie)=\(cookie)"]
            try await client.execute(uri: "/compte", method: .get, headers: session) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(user.email))
                #expect(response.text.contains("Acheteur municipal"))
                #expect(response.headers[.cacheControl] == "private, no-store")
            }
            // Wrong password and unknown address: the same answer.
            for (email, password) in [(user.email, "mauvais mot de passe"), ("personne@nulle.part.ca", "mauvais mot de passe")] {
                try await signInRequest(client, email: email, password: password) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.text.contains("Adresse courriel ou mot de passe incorrect."))
                }
            }
            // Signing out ends the session for good.
            let csrf = try await visitorForm(client, path: "/compte", headers: session).token
            try await client.execute(uri: "/deconnexion", method: .post, headers: [.cookie: "\(IdentityMiddleware.sessionCookie)=\(cookie)", .contentType: "application/x-www-form-urlencoded"],
                                     body: TestEnvironment.encode([("_csrf", csrf)])) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/connexion?deconnecte=1")
            }
            try await client.execute(uri: "/compte", method: .get, headers: session) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/connexion?retour=%2Fcompte")
            }
            let audit = try await AuditLog(database: env.database).entries()
            #expect(audit.map(\.action).contains("sign-in") && audit.map(\.action).contains("sign-in-failed") && audit.map(\.action).contains("sign-out"))
            #expect(!audit.contains { $0.detail.contains(TestEnvironment.password) || $0.target.contains(TestEnvironment.password) })
        }
    }

    @Test("sessions live in the database: a second app instance on the same database knows them")
    func sessionsSurviveRestart() async throws {
        try await TestDatabases.withFreshLocation(.sqliteFile) { location in
            var configuration = Configuration()
            configuration.database = location
            configuration.demoData = .never
            configuration.bcryptCost = 4
            var cookie = ""
            for round in 0..<2 {
                let database = try await Database.open(location, logger: TestDatabases.logger)
                do {
                let app = try await buildApplication(configuration, database: database, logger: TestDatabases.logger, mail: MemoryMailQueue())
                let captured = cookie
                cookie = try await app.test(.router) { client in
                    if round == 0 {
                        let env = TestEnvironment(database: database, mail: MemoryMailQueue())
                        try await Migrator.migrate(database, logger: TestDatabases.logger)
                        return try await env.signedIn([.admin]).cookie
                    }
                    try await client.execute(uri: "/compte", method: .get, headers: [.cookie: "\(IdentityMiddleware.sessionCookie)=\(captured)"]) { response in
                        #expect(response.status == .ok)
                    }
                    return captured
                }
                } catch {
                    await database.close()
                    throw error
                }
                await database.close()
            }
        }
    }

    @Test("sign-in attempts are limited per account and address, with a clear wait, never a lock-out from elsewhere")
    func throttling() async throws {
        try await TestApp.run(configure: { $0.trustForwardedFor = true }) { client, env in
            let user = try await env.createUser([.buyer], municipality: "58227")
            let attacker: HTTPFields = [.xForwardedFor: "203.0.113.9"]
            for _ in 0..<5 {
                try await signInRequest(client, email: user.email, password: "essai au hasard", extra: attacker) { response in
                    #expect(response.status == .unauthorized)
                }
            }
            // The attacker's address must now wait, even with the right password.
            try await signInRequest(client, email: user.email, password: TestEnvironment.password, extra: attacker) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.text.contains("Trop de tentatives de connexion"))
                #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 > 0)
            }
            // The owner, from their own address, is not locked out.
            try await signInRequest(client, email: user.email, password: TestEnvironment.password, extra: [.xForwardedFor: "198.51.100.7"]) { response in
                #expect(response.status == .seeOther)
            }
            let audit = try await AuditLog(database: env.database).entries(action: "sign-in-throttled")
            #expect(audit.first?.client == "203.0.113.9")
        }
    }

    @Test("forms without the right CSRF token are refused with 403 and change nothing")
    func csrf() async throws {
        try await TestApp.run { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            try await client.execute(uri: "/compte/jetons", method: .post, headers: buyer.formHeaders,
                                     body: TestEnvironment.encode([("name", "sans jeton")])) { response in
                #expect(response.status == .forbidden)
                #expect(response.text.contains("Ce formulaire a expiré"))
            }
            try await client.execute(uri: "/compte/jetons", method: .post, headers: buyer.formHeaders,
                                     body: TestEnvironment.encode([("name", "mauvais"), ("_csrf", (buyer.csrf.first == "x" ? "y" : "x") + buyer.csrf.dropFirst())])) { response in
                #expect(response.status == .forbidden)
            }
            #expect(try await APITokenStore(database: env.database).tokens(userID: buyer.user.id).isEmpty)
            // The sign-in form without its cookie.
            try await client.execute(uri: "/connexion", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: TestEnvironment.encode([("email", buyer.user.email), ("password", TestEnvironment.password), ("_csrf", "abc")])) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test("sign out everywhere ends every session of the user")
    func signOutEverywhere() async throws {
        try await TestApp.run { client, env in
            let first = try await env.signedIn([.hubEditor], regions: ["16"])
            let opened = try await env.database.transaction { sql in try await SessionStore.open(userID: first.user.id, client: "autre", now: Date(), on: sql) }
            try await client.execute(uri: "/compte/deconnexion-partout", method: .post, headers: first.formHeaders, body: first.form([])) { response in
                #expect(response.status == .seeOther)
            }
            for cookie in [first.cookie, opened.cookieValue] {
                try await client.execute(uri: "/compte", method: .get, headers: [.cookie: "\(IdentityMiddleware.sessionCookie)=\(cookie)"]) { response in
                    #expect(response.status == .seeOther)
                }
            }
        }
    }

    @Test("an expired or idle session is refused")
    func expiry() async throws {
        try await TestApp.run { client, env in
            let user = try await env.createUser([.buyer], municipality: "58227")
            let old = Date().addingTimeInterval(-SessionStore.lifetime - 60)
            let opened = try await env.database.transaction { sql in try await SessionStore.open(userID: user.id, client: "x", now: old, on: sql) }
            try await client.execute(uri: "/compte", method: .get, headers: [.cookie: "\(IdentityMiddleware.sessionCookie)=\(opened.cookieValue)"]) { response in
                #expect(response.status == .seeOther)
            }
        }
    }
}
