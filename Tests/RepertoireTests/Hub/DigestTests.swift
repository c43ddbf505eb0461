import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import Repertoire

/// The J'achète digest: double opt-in for visitors, direct for signed-in people, one e-mail per
/// subscriber and period (even from several instances at once), the one-click unsubscribe, and
/// on the real SMTP server.
@Suite("J'achète digest")
struct DigestTests {
    typealias Hub = HubTests

    static func formToken(_ client: some TestClientProtocol, _ uri: String) async throws -> (cookie: String, token: String, status: HTTPResponse.Status, text: String) {
        try await client.execute(uri: uri, method: .get) { response in
            let html = response.text
            let token = html.firstMatch(of: try! Regex(#"name="_csrf" value="([^"]+)""#)).map { String(html[$0.range]).components(separatedBy: "value=\"")[1].dropLast() }
            return (String((response.headers[.setCookie] ?? "").split(separator: ";").first ?? ""), String(token ?? ""), response.status, html)
        }
    }

    static func post(_ client: some TestClientProtocol, _ uri: String, _ page: (cookie: String, token: String, status: HTTPResponse.Status, text: String),
                     _ fields: [(String, String)]) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: .post, headers: [.cookie: page.cookie, .contentType: "application/x-www-form-urlencoded"],
                                 body: TestEnvironment.encode([("_csrf", page.token)] + fields)) { ($0.status, $0.text) }
    }

    static func link(_ draft: MailDraft?, containing path: String) -> String? {
        guard let draft else { return nil }
        return draft.body.split(whereSeparator: \.isWhitespace).map(String.init).first { $0.contains(path) }
    }

    /// Subscribes `email` through the public form and confirms through the e-mailed link.
    static func subscribeAndConfirm(_ client: some TestClientProtocol, _ env: TestEnvironment, email: String, frequency: String, regions: [String]) async throws {
        let form = try await Self.formToken(client, "/jachete/infolettre")
        let (status, text) = try await Self.post(client, "/jachete/infolettre", form, [("courriel", email), ("frequence", frequency), ("langue", "fr")] + regions.map { ("regions", $0) })
        #expect(status == .ok && text.contains("Presque fini"))
        let confirmation = try #require(env.mail.sent.last { $0.to == email && $0.kind == "digest-confirmation" })
        let link = try #require(Self.link(confirmation, containing: "/jachete/infolettre/confirmation"))
        let path = String(link.dropFirst(link.distance(from: link.startIndex, to: link.range(of: "/jachete")!.lowerBound)))
        let page = try await Self.formToken(client, path)
        #expect(page.status == .ok && page.text.contains("Recevoir le résumé à l"))
        let token = String(path.split(separator: "jeton=").last ?? "").removingPercentEncoding ?? ""
        let (confirmed, confirmedText) = try await Self.post(client, "/jachete/infolettre/confirmation", page, [("jeton", token)])
        #expect(confirmed == .ok && confirmedText.contains("est confirmé"))
    }

    static func digests(_ env: TestEnvironment, mail: (any MailQueue)? = nil) async throws -> DigestService {
        let directory = DirectoryService(database: env.database, logger: TestDatabases.logger)
        try await directory.loadIndex()
        let articles = ArticleService(store: ArticleStore(database: env.database), directory: directory, mail: mail ?? env.mail)
        return DigestService(database: env.database, articles: articles, mail: mail ?? env.mail, baseURL: "https://repertoire.example")
    }

    @Test("double opt-in, then one digest per period with the region's news, even from two instances at once; one-click unsubscribe stops it",
          arguments: TestDatabases.kinds)
    func optInOncePerPeriodAndUnsubscribe(_ kind: TestDatabases.Kind) async throws {
        try await TestApp.run(kind, profiles: Hub.profiles) { client, env in
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            let story = try await Hub.create(client, editor, Hub.story())
            #expect(try await Hub.status(client, editor, env, story, [("action", "publier")]) == .seeOther)
            try await Self.subscribeAndConfirm(client, env, email: "acheteuse@longueuil.example.org", frequency: "hebdomadaire", regions: ["16"])
            // Asking again for an active address sends nothing and says the same.
            let again = try await Self.formToken(client, "/jachete/infolettre")
            let (againStatus, againText) = try await Self.post(client, "/jachete/infolettre", again, [("courriel", "acheteuse@longueuil.example.org"), ("frequence", "mensuelle")])
            #expect(againStatus == .ok && againText.contains("Presque fini"))
            #expect(env.mail.sent.filter { $0.kind == "digest-confirmation" }.count == 1)

            // A week later the digest of this week goes out: from two services at once, once.
            let later = Date().addingTimeInterval(7 * 24 * 3600)
            let first = try await Self.digests(env), second = try await Self.digests(env)
            async let a = first.sendDue(now: later)
            async let b = second.sendDue(now: later)
            let counts = try await [a, b]
            #expect(counts.reduce(0, +) == 1)
            #expect(try await first.sendDue(now: later) == 0)
            let digests = env.mail.sent.filter { $0.kind == "digest" }
            #expect(digests.count == 1)
            let digest = try #require(digests.first)
            #expect(digest.to == "acheteuse@longueuil.example.org" && digest.subject.hasPrefix("J'achète! — le résumé de la semaine du"))
            #expect(digest.body.contains("Longueuil déneige avec une coopérative") && digest.body.contains("Déneigement Rive-Sud"))
            #expect(!digest.body.contains("Récup Mauricie"))
            let unsubscribe = try #require(digest.headers.first { $0.name == "List-Unsubscribe" }?.value)
            #expect(digest.headers.contains { $0.name == "List-Unsubscribe-Post" && $0.value == "List-Unsubscribe=One-Click" })

            // A forged link changes nothing; the mail program's one-click POST unsubscribes.
            let path = String(unsubscribe.dropFirst("<https://repertoire.example".count).dropLast())
            try await client.execute(uri: path.replacingOccurrences(of: "jeton=", with: "jeton=x"), method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "List-Unsubscribe=One-Click")) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "List-Unsubscribe=One-Click")) { #expect($0.status == .ok) }
            #expect(try await first.sendDue(now: later.addingTimeInterval(7 * 24 * 3600)) == 0)
            let status = try await DigestStore(database: env.database).subscription(email: "acheteuse@longueuil.example.org")?.status
            #expect(status == .unsubscribed)
        }
    }

    @Test("a confirmation link is single-use and expires after seven days; bad input is named; nothing new means no e-mail")
    func linksAndBadInput() async throws {
        try await TestApp.run(profiles: Hub.profiles) { client, env in
            let form = try await Self.formToken(client, "/jachete/infolettre")
            let (bad, badText) = try await Self.post(client, "/jachete/infolettre", form, [("courriel", "pas-une-adresse"), ("frequence", "quotidienne"), ("regions", "99")])
            #expect(bad == .badRequest && badText.contains("Adresse courriel invalide « pas-une-adresse »") && badText.contains("Choisissez un résumé hebdomadaire ou mensuel.")
                    && badText.contains("Région « 99 » inconnue."))
            #expect(env.mail.sent.isEmpty)

            let service = try await Self.digests(env)
            _ = try await service.subscribe(.init(email: "lent@exemple.qc.ca", frequency: "mensuelle", regions: []), language: .fr)
            let token = try #require(Self.link(env.mail.sent.last, containing: "jeton=")?.split(separator: "jeton=").last.map(String.init)?.removingPercentEncoding)
            await #expect(throws: DigestService.unknownLink) { _ = try await service.confirm(token: token, now: Date().addingTimeInterval(8 * 24 * 3600)) }
            _ = try await service.confirm(token: token)
            await #expect(throws: DigestService.unknownLink) { _ = try await service.confirm(token: token) }
            try await client.execute(uri: "/jachete/infolettre/confirmation?jeton=\(token)", method: .get) { #expect($0.status == .notFound) }

            // Monthly, all of Quebec: the new enterprises alone make a digest; a month with nothing new sends nothing.
            let nextMonth = Calendar(identifier: .gregorian).date(byAdding: .month, value: 1, to: Date())!
            #expect(try await service.sendDue(now: nextMonth) == 1)
            let digest = try #require(env.mail.sent.last)
            #expect(digest.kind == "digest" && digest.body.contains("NOUVELLES ENTREPRISES AU RÉPERTOIRE (3)") && digest.subject.hasPrefix("J'achète! — le résumé de"))
            let twoMonths = Calendar(identifier: .gregorian).date(byAdding: .month, value: 2, to: Date())!
            #expect(try await service.sendDue(now: twoMonths) == 0)
            let handled = try await env.database.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM digest_sends WHERE sent = \(false)").first()?.decode(column: "n", as: Int.self) }
            #expect(handled == 1)
        }
    }

    @Test("a signed-in person subscribes from their account, with no e-mail to confirm, and unsubscribes there")
    func account() async throws {
        try await TestApp.run(profiles: Hub.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            try await client.execute(uri: "/compte/infolettre", method: .get, headers: buyer.headers) { response in
                #expect(response.status == .ok && response.text.contains("Pas d&#39;abonnement"))
                #expect(response.text.contains("name=\"regions\" value=\"16\" checked"))
            }
            try await client.execute(uri: "/compte/infolettre", method: .post, headers: buyer.formHeaders,
                                     body: buyer.form([("action", "abonner"), ("frequence", "hebdomadaire"), ("regions", "16")])) { response in
                #expect(response.status == .ok && response.text.contains("Abonnement enregistré : résumé hebdomadaire"))
            }
            #expect(env.mail.sent.isEmpty)
            let subscription = try #require(try await DigestStore(database: env.database).subscription(email: buyer.user.email.lowercased()))
            #expect(subscription.status == .active && subscription.userID == buyer.user.id && subscription.regions == ["16"])
            try await client.execute(uri: "/compte", method: .get, headers: buyer.headers) { #expect($0.text.contains("/compte/infolettre")) }
            try await client.execute(uri: "/compte/infolettre", method: .post, headers: buyer.formHeaders, body: buyer.form([("action", "desabonner")])) {
                #expect($0.text.contains("Vous ne recevrez plus le résumé."))
            }
            #expect(try await DigestStore(database: env.database).subscription(email: buyer.user.email.lowercased())?.status == .unsubscribed)
        }
    }

    @Test("an English subscriber gets the English digest; its one-click link is the French address, where the POST is taken")
    func english() async throws {
        try await TestApp.run(profiles: Hub.profiles) { client, env in
            let service = try await Self.digests(env)
            _ = try await service.subscribe(.init(email: "reader@example.org", frequency: "mensuelle", regions: ["16"]), language: .en)
            let confirmation = try #require(env.mail.sent.last)
            #expect(confirmation.subject == "Confirm your J'achète! digest subscription" && confirmation.body.contains("/en/jachete/infolettre/confirmation?jeton="))
            let token = try #require(Self.link(confirmation, containing: "jeton=")?.split(separator: "jeton=").last.map(String.init)?.removingPercentEncoding)
            _ = try await service.confirm(token: token)
            #expect(try await service.sendDue(now: Calendar(identifier: .gregorian).date(byAdding: .month, value: 1, to: Date())!) == 1)
            let digest = try #require(env.mail.sent.last)
            #expect(digest.subject.hasPrefix("J'achète! — the digest of") && digest.body.contains("NEW ENTERPRISES IN THE DIRECTORY (2)"))
            #expect(digest.body.contains("/en/jachete/infolettre/desabonnement?abonnement="))
            let header = try #require(digest.headers.first { $0.name == "List-Unsubscribe" }?.value)
            #expect(header.hasPrefix("<https://repertoire.example/jachete/infolettre/desabonnement?"))
            try await client.execute(uri: String(header.dropFirst("<https://repertoire.example".count).dropLast()), method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "List-Unsubscribe=One-Click")) {
                #expect($0.status == .ok)
            }
        }
    }

    @Test("periods: the last whole ISO week and calendar month, in Quebec time")
    func periods() throws {
        let now = try #require(QuebecTime.moment(day: "2026-12-03", time: "10:00"))
        let week = DigestService.previousPeriod(.weekly, now: now)
        #expect(week.id == "2026-W48" && QuebecTime.day(from: week.start) == "2026-11-23" && QuebecTime.day(from: week.end) == "2026-11-30")
        #expect(QuebecTime.time(from: week.start) == "00:00")
        let month = DigestService.previousPeriod(.monthly, now: now)
        #expect(month.id == "2026-11" && QuebecTime.day(from: month.start) == "2026-11-01" && QuebecTime.day(from: month.end) == "2026-12-01")
        let january = DigestService.previousPeriod(.monthly, now: try #require(QuebecTime.moment(day: "2027-01-01", time: "00:30")))
        #expect(january.id == "2026-12")
    }
}

/// The digest on the real SMTP server the test command starts.
@Suite("J'achète digest: e-mail delivered", .enabled(if: TestSMTPServer.shouldRun))
struct DigestDeliveryTests {
    @Test("exactly one digest per subscriber and period reaches the SMTP server, with its one-click unsubscribe headers")
    func delivered() async throws {
        try await TestSMTPServer.with { server in
            let settings = server.settings
            try await TestApp.run(profiles: HubTests.profiles, configure: { $0.mailTransport = .smtp(settings); $0.publicURL = "https://repertoire.example" },
                                  realMail: true) { client, env in
                let service = try await DigestTests.digests(env, mail: OutboxMailQueue())
                for (email, frequency) in [("hebdo@exemple.qc.ca", "hebdomadaire"), ("mensuel@exemple.qc.ca", "mensuelle")] {
                    _ = try await service.subscribe(.init(email: email, frequency: frequency, regions: ["16"]), language: .fr)
                }
                let confirmations = try await server.waitForMessages(count: 2, timeout: .seconds(30))
                for message in confirmations {
                    let link = try #require(message.links.first { $0.contains("/jachete/infolettre/confirmation?jeton=") })
                    let token = String(link.split(separator: "jeton=").last ?? "").removingPercentEncoding ?? ""
                    _ = try await service.confirm(token: token)
                }
                // Each frequency's next run, twice at once: the week after, the month after.
                for later in [Date().addingTimeInterval(7 * 24 * 3600), Calendar(identifier: .gregorian).date(byAdding: .month, value: 1, to: Date())!] {
                    async let a = service.sendDue(now: later)
                    async let b = service.sendDue(now: later)
                    _ = try await [a, b]
                }
                let messages = try await server.waitForMessages(count: 4, timeout: .seconds(30))
                try await Task.sleep(for: .seconds(1))
                let digests = try server.messages().filter { $0.subject.hasPrefix("J'achète! — le résumé") }
                #expect(digests.count == 2 && Set(digests.flatMap(\.recipients)) == ["hebdo@exemple.qc.ca", "mensuel@exemple.qc.ca"], "\(messages.map(\.subject))")
                for digest in digests {
                    let parsed = try ParsedMail(digest.raw)
                    #expect(parsed.headers["list-unsubscribe"]?.hasPrefix("<https://repertoire.example/jachete/infolettre/desabonnement?abonnement=") == true)
                    #expect(parsed.headers["list-unsubscribe-post"] == "List-Unsubscribe=One-Click")
                    #expect(digest.body.contains("Déneigement Rive-Sud"))
                }
            }
        }
    }
}
