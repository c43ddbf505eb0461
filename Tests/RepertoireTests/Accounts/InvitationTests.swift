import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

/// Follows an emailed link: opens the page, then posts a new password. Returns the response's
/// status and the session cookie it set.
func choosePassword(_ client: any TestClientProtocol, link: String, password: String, confirmation: String? = nil) async throws -> (HTTPResponse.Status, String) {
    let path = String(link[link.range(of: "/mot-de-passe?")!.lowerBound...])
    let token = String(path[path.range(of: "jeton=")!.upperBound...])
    let (cookie, csrf) = try await visitorForm(client)
    _ = try await client.execute(uri: path, method: .get, headers: [.cookie: "\(CSRF.cookie)=\(cookie)"]) { $0.status }
    return try await client.execute(uri: "/mot-de-passe", method: .post,
                                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(CSRF.cookie)=\(cookie)"],
                                    body: TestEnvironment.encode([("jeton", token), ("password", password), ("confirmation", confirmation ?? password), ("_csrf", csrf)])) { response in
        (response.status, response.cookie(IdentityMiddleware.sessionCookie) ?? "")
    }
}

@Suite("Accounts: invitations and passwords")
struct InvitationTests {
    @Test("an administrator invites a hub editor, who sets a password from the emailed link and keeps their region", arguments: TestDatabases.kinds)
    func invitation(kind: TestDatabases.Kind) async throws {
        try await TestApp.run(kind, profiles: [Fixtures.complete()]) { client, env in
            let admin = try await env.signedIn([.admin])
            try await client.execute(uri: "/admin/utilisateurs/invitations", method: .post, headers: admin.formHeaders,
                                     body: admin.form([("email", "Pole@Monteregie.example.org"), ("name", "Pôle Montérégie"), ("roles", "hub-editor"), ("regions", "16")])) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Invitation envoyée à pole@monteregie.example.org"))
                #expect(response.text.contains("invitation en attente"))
            }
            let draft = try #require(env.mail.sent.last)
            #expect(draft.to == "pole@monteregie.example.org" && draft.kind == "invitation")
            #expect(draft.body.contains("Éditeur de pôle régional"))
            let link = try #require(env.lastLink(to: "pole@monteregie.example.org"))
            // A weak password is refused with the reason, and the link still works.
            let (weak, _) = try await choosePassword(client, link: link, password: "court")
            #expect(weak == .unprocessableContent)
            let (mismatch, _) = try await choosePassword(client, link: link, password: "une phrase assez longue", confirmation: "une autre phrase longue")
            #expect(mismatch == .unprocessableContent)
            let (status, cookie) = try await choosePassword(client, link: link, password: "la neige tombe sur Longueuil")
            #expect(status == .seeOther)
            try await client.execute(uri: "/compte?message=bienvenue", method: .get, headers: [.cookie: "\(IdentityMiddleware.sessionCookie)=\(cookie)"]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Votre mot de passe est enregistré"))
                #expect(response.text.contains("Montérégie"))
            }
            // The link works once.
            let (again, _) = try await choosePassword(client, link: link, password: "la neige tombe sur Brossard")
            #expect(again == .unprocessableContent)
            let path = String(link[link.range(of: "/mot-de-passe?")!.lowerBound...])
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("déjà été utilisé"))
            }
            // The new editor can sign in with the password chosen.
            let session = try await signInCookie(client, email: "pole@monteregie.example.org", password: "la neige tombe sur Longueuil")
            #expect(!session.isEmpty)
            let entries = try await AuditLog(database: env.database).entries()
            #expect(entries.contains { $0.action == "invitation" && $0.actorID == admin.user.id })
            #expect(entries.contains { $0.action == "password-set" })
        }
    }

    @Test("an expired invitation link says so and asks for a new one")
    func expired() async throws {
        try await TestApp.run { client, env in
            let accounts = AccountService(database: env.database, mail: env.mail, baseURL: "http://127.0.0.1:8080", bcryptCost: 4)
            let (_, link) = try await accounts.invite(.init(email: "tard@exemple.ca", name: "En retard", roles: [.admin]), by: nil,
                                                      municipalityRegion: nil, enterpriseRegion: nil, client: "test",
                                                      now: Date().addingTimeInterval(-8 * 24 * 3600))
            let path = String(link[link.range(of: "/mot-de-passe?")!.lowerBound...])
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("Ce lien a expiré"))
            }
            let (status, _) = try await choosePassword(client, link: link, password: "un mot de passe valide")
            #expect(status == .unprocessableContent)
        }
    }

    @Test("hub editors invite buyers and representatives of their regions only")
    func hubEditorReach() async throws {
        try await TestApp.run(profiles: [Fixtures.complete(), Fixtures.minimal("Coop de Trois-Rivières", municipality: "37067")]) { client, env in
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            let cases: [([(String, String)], HTTPResponse.Status, String)] = [
                ([("email", "achat@brossard.ca"), ("name", "Service des achats"), ("roles", "buyer"), ("municipality", "Brossard")], .ok, "Invitation envoyée"),
                ([("email", "achat@v3r.net"), ("name", "Achats TR"), ("roles", "buyer"), ("municipality", "37067")], .unprocessableContent, "pas dans vos régions"),
                ([("email", "chef@exemple.ca"), ("name", "Chef"), ("roles", "admin")], .unprocessableContent, "acheteurs et des représentants"),
                ([("email", "pas-un-courriel"), ("name", "X"), ("roles", "buyer"), ("municipality", "58227")], .unprocessableContent, "pas valide"),
                ([("email", "rep@coop.ca"), ("name", "Rep"), ("roles", "representative"), ("enterprise", "coop-de-trois-rivieres")], .unprocessableContent, "pas dans vos régions"),
                ([("email", "x@ville.ca"), ("name", "X"), ("roles", "buyer"), ("municipality", "Atlantide")], .unprocessableContent, "Aucune municipalité"),
            ]
            for (fields, status, message) in cases {
                try await client.execute(uri: "/admin/utilisateurs/invitations", method: .post, headers: editor.formHeaders, body: editor.form(fields)) { response in
                    #expect(response.status == status, "\(fields)")
                    #expect(response.text.contains(message), "\(fields)")
                    // A refused form keeps what was typed.
                    if status != .ok { #expect(response.text.contains(fields[0].1)) }
                }
            }
            #expect(env.mail.sent.count == 1)
            // The editor sees the buyer they invited; an administrator's page is out of reach.
            try await client.execute(uri: "/admin/utilisateurs", method: .get, headers: editor.headers) { response in
                #expect(response.text.contains("achat@brossard.ca"))
            }
        }
    }

    @Test("a hub editor cannot take over a pending account outside their regions, nor give regions to a buyer")
    func noTakeover() async throws {
        try await TestApp.run { client, env in
            let admin = try await env.signedIn([.admin])
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            // A pending buyer of Trois-Rivières (04), invited by an administrator.
            let invite: [(String, String)] = [("email", "achat@v3r.net"), ("name", "Achats Trois-Rivières"), ("roles", "buyer"), ("municipality", "37067")]
            let first = try await client.execute(uri: "/admin/utilisateurs/invitations", method: .post, headers: admin.formHeaders, body: admin.form(invite))
            #expect(first.status == .ok)
            let takeover: [(String, String)] = [("email", "achat@v3r.net"), ("name", "Moi"), ("roles", "buyer"), ("municipality", "Brossard")]
            let refused = try await client.execute(uri: "/admin/utilisateurs/invitations", method: .post, headers: editor.formHeaders, body: editor.form(takeover))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("hors de vos régions"))
            let stored = try #require(try await AccountStore(database: env.database).user(email: "achat@v3r.net"))
            #expect(stored.name == "Achats Trois-Rivières" && stored.municipalityCode == "37067")
            // Regions on a buyer are refused, not stored.
            let withRegions: [(String, String)] = [("email", "achat2@brossard.ca"), ("name", "Achats"), ("roles", "buyer"), ("municipality", "Brossard"), ("regions", "16")]
            let noRegions = try await client.execute(uri: "/admin/utilisateurs/invitations", method: .post, headers: editor.formHeaders, body: editor.form(withRegions))
            #expect(noRegions.status == .unprocessableContent)
            #expect(noRegions.text.contains("Les régions ne s&#39;appliquent qu&#39;aux éditeurs"))
            #expect(try await AccountStore(database: env.database).user(email: "achat2@brossard.ca") == nil)
            // A pending buyer of the editor's own region may be invited again (a lost e-mail).
            let own: [(String, String)] = [("email", "achat@brossard.ca"), ("name", "Service des achats"), ("roles", "buyer"), ("municipality", "Brossard")]
            for _ in 0..<2 {
                let again = try await client.execute(uri: "/admin/utilisateurs/invitations", method: .post, headers: editor.formHeaders, body: editor.form(own))
                #expect(again.status == .ok)
            }
        }
    }

    @Test("a password reset never tells whether the address exists; its link replaces the password and closes old sessions")
    func reset() async throws {
        try await TestApp.run { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            var pages: [String] = []
            for email in [buyer.user.email, "inconnu@exemple.ca"] {
                let (cookie, csrf) = try await visitorForm(client, path: "/mot-de-passe-oublie")
                let text = try await client.execute(uri: "/mot-de-passe-oublie", method: .post,
                                                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(CSRF.cookie)=\(cookie)"],
                                                    body: TestEnvironment.encode([("email", email), ("_csrf", csrf)])) { response in
                    #expect(response.status == .ok)
                    // The form token is masked anew on each page: compare everything else.
                    return response.text.replacingOccurrences(of: #"name="_csrf" value="[^"]*""#, with: "", options: .regularExpression)
                }
                pages.append(text)
            }
            #expect(pages[0] == pages[1])
            #expect(pages[0].contains("Si un compte actif existe pour cette adresse"))
            #expect(env.mail.sent.count == 1)
            let link = try #require(env.lastLink(to: buyer.user.email))
            let (status, _) = try await choosePassword(client, link: link, password: "nouvelle phrase de passe")
            #expect(status == .seeOther)
            try await client.execute(uri: "/compte", method: .get, headers: buyer.headers) { response in
                #expect(response.status == .seeOther, "the old session ended")
            }
            let old = try await signInCookie(client, email: buyer.user.email, password: TestEnvironment.password)
            #expect(old.isEmpty)
            let new = try await signInCookie(client, email: buyer.user.email, password: "nouvelle phrase de passe")
            #expect(!new.isEmpty)
        }
    }

    @Test("changing one's password needs the current one")
    func changePassword() async throws {
        try await TestApp.run { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            try await client.execute(uri: "/compte/mot-de-passe", method: .post, headers: buyer.formHeaders,
                                     body: buyer.form([("current", "pas le bon"), ("password", "nouvelle phrase de passe"), ("confirmation", "nouvelle phrase de passe")])) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("mot de passe actuel n"))
            }
            try await client.execute(uri: "/compte/mot-de-passe", method: .post, headers: buyer.formHeaders,
                                     body: buyer.form([("current", TestEnvironment.password), ("password", "nouvelle phrase de passe"), ("confirmation", "nouvelle phrase de passe")])) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/compte", method: .get, headers: buyer.headers) { response in
                #expect(response.status == .ok, "the session that changed the password stays open")
            }
        }
    }

    @Test("an administrator changes roles and deactivates an account; the audit log shows it")
    func administration() async throws {
        try await TestApp.run { client, env in
            let admin = try await env.signedIn([.admin])
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            try await client.execute(uri: "/admin/utilisateurs/\(buyer.user.id)", method: .post, headers: admin.formHeaders,
                                     body: admin.form([("name", "Acheteur Longueuil"), ("roles", "buyer"), ("roles", "hub-editor"), ("municipality", "58227")])) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("au moins une région"))
            }
            try await client.execute(uri: "/admin/utilisateurs/\(buyer.user.id)", method: .post, headers: admin.formHeaders,
                                     body: admin.form([("name", "Acheteur Longueuil"), ("roles", "buyer"), ("municipality", "58227")])) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/compte", method: .get, headers: buyer.headers) { response in
                #expect(response.status == .seeOther, "deactivated: the session ended")
            }
            try await client.execute(uri: "/admin/journal?action=user-changed", method: .get, headers: admin.headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("désactivé"))
                #expect(response.text.contains(buyer.user.email))
            }
            try await client.execute(uri: "/admin/journal?action=nimporte", method: .get, headers: admin.headers) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("repertoire users create makes the first administrator and prints a working link")
    func firstAdministrator() async throws {
        try await TestDatabases.withFreshLocation(.sqliteFile) { location in
            var configuration = Configuration()
            configuration.database = location
            configuration.bcryptCost = 4
            let output = try await UsersTask.create(email: "admin@reseau.example.org", name: "Réseau", roles: ["admin"], regions: [], municipality: nil,
                                                    configuration: configuration, logger: TestDatabases.logger)
            #expect(output.contains("http://127.0.0.1:8080/mot-de-passe?jeton="))
            await #expect(throws: Tasks.Refusal.self) {
                _ = try await UsersTask.create(email: "x@y.ca", name: nil, roles: ["roi"], regions: [], municipality: nil, configuration: configuration, logger: TestDatabases.logger)
            }
            let listing = try await UsersTask.list(configuration: configuration, logger: TestDatabases.logger)
            #expect(listing.contains("admin@reseau.example.org\tadmin\t\tinvited"))
        }
    }

    @Test("repertoire users token prints a personal token that acts for that user; an unknown address is refused")
    func tokenFromTheCommandLine() async throws {
        try await TestDatabases.withFreshLocation(.sqliteFile) { location in
            var configuration = Configuration()
            configuration.database = location
            configuration.bcryptCost = 4
            _ = try await UsersTask.create(email: "acheteuse@longueuil.example.org", name: nil, roles: ["admin"], regions: [], municipality: nil,
                                           configuration: configuration, logger: TestDatabases.logger)
            let secret = try await UsersTask.token(email: "Acheteuse@Longueuil.example.org", name: "Tableur", configuration: configuration,
                                                   logger: TestDatabases.logger).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!secret.isEmpty)
            let database = try await Database.open(location, logger: TestDatabases.logger)
            let identity = try await APITokenStore(database: database).identity(secret: secret)
            await database.close()
            #expect(identity?.user.email == "acheteuse@longueuil.example.org" && identity?.user.roles == [.admin])
            await #expect(throws: Tasks.Refusal.self) {
                _ = try await UsersTask.token(email: "personne@nulle.part", name: "x", configuration: configuration, logger: TestDatabases.logger)
            }
        }
    }
}

/// The invitation as a person receives it: through the outbox and a real SMTP server.
@Suite("Accounts: e-mail delivered", .enabled(if: TestSMTPServer.shouldRun))
struct InvitationDeliveryTests {
    @Test("an invitation arrives by SMTP to the right recipient, and its link activates the account")
    func invitationBySMTP() async throws {
        try await TestSMTPServer.with { server in
            let settings = server.settings
            try await TestApp.run(configure: { $0.mailTransport = .smtp(settings); $0.publicURL = "https://repertoire.example" },
                                  realMail: true) { client, env in
                let admin = try await env.signedIn([.admin])
                try await client.execute(uri: "/admin/utilisateurs/invitations", method: .post, headers: admin.formHeaders,
                                         body: admin.form([("email", "acheteur@brossard.example.org"), ("name", "Marie Côté"), ("roles", "buyer"), ("municipality", "58007")])) { response in
                    #expect(response.status == .ok)
                }
                let messages = try await server.waitForMessages(count: 1, timeout: .seconds(20))
                let mail = try #require(messages.first)
                #expect(mail.recipients == ["acheteur@brossard.example.org"])
                #expect(mail.subject.contains("Invitation à Répertoire"))
                #expect(mail.body.contains("Bonjour Marie Côté"))
                let link = try #require(mail.links.first { $0.contains("/mot-de-passe?jeton=") })
                #expect(link.hasPrefix("https://repertoire.example/mot-de-passe?jeton="))
                let (status, cookie) = try await choosePassword(client, link: link, password: "les achats de Brossard")
                #expect(status == .seeOther)
                try await client.execute(uri: "/compte", method: .get, headers: [.cookie: "\(IdentityMiddleware.sessionCookie)=\(cookie)"]) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("Brossard"))
                }
                // The outbox records the delivery, and no longer keeps the body with its link.
                let entries = try await Outbox(database: env.database).recent()
                #expect(entries.first?.status == .sent)
                try await client.execute(uri: "/admin/courriels", method: .get, headers: admin.headers) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("acheteur@brossard.example.org") && response.text.contains("envoyé"))
                    #expect(!response.text.contains("jeton="))
                }
            }
        }
    }
}
