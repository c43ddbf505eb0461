import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

/// Registrations to the hub's trainings: seats, then a waiting list; the confirmation e-mail with
/// the training's `.ics`; cancelling frees a seat for the first person waiting; the editor's
/// export; and two people taking the last seat at once.
@Suite("J'achète training registrations")
struct HubRegistrationTests {
    typealias Hub = HubTests

    static func training(seats: String, day: String? = nil) -> [(String, String)] {
        let year = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
        return HubFeedTests.training("Atelier : acheter local", day: day ?? "\(year)-03-12", regions: ["16"]).filter { $0.0 != "lieu" }
            + [("lieu", "Hôtel de ville de Longueuil"), ("places", seats)]
    }

    /// Publishes a training and returns its id and slug.
    static func publishedTraining(_ client: some TestClientProtocol, _ env: TestEnvironment, seats: String) async throws -> (String, String, TestEnvironment.SignedIn) {
        let editor = try await env.signedIn([.hubEditor], regions: ["16"])
        let id = try await Hub.create(client, editor, Self.training(seats: seats))
        #expect(try await Hub.status(client, editor, env, id, [("action", "publier")]) == .seeOther)
        return (id, try await Hub.slug(env.database, id), editor)
    }

    /// A visitor's form: the page gives the pre-session cookie and its token.
    static func register(_ client: some TestClientProtocol, slug: String, name: String, email: String, city: String = "Longueuil") async throws -> (HTTPResponse.Status, String, String) {
        let (cookie, token) = try await client.execute(uri: "/jachete/articles/\(slug)", method: .get) { response -> (String, String) in
            let cookie = String((response.headers[.setCookie] ?? "").split(separator: ";").first ?? "")
            let html = response.text
            let token = html.firstMatch(of: try! Regex(#"name="_csrf" value="([^"]+)""#)).map { String(html[$0.range]).components(separatedBy: "value=\"")[1].dropLast() }
            return (cookie, String(token ?? ""))
        }
        let body = TestEnvironment.encode([("_csrf", token), ("nom", name), ("courriel", email), ("ville", city)])
        return try await client.execute(uri: "/jachete/articles/\(slug)/inscription", method: .post,
                                        headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"], body: body) { response in
            (response.status, response.headers[.location] ?? "", response.text)
        }
    }

    static func secret(in draft: MailDraft) -> String? {
        draft.body.firstMatch(of: try! Regex(#"jeton=([A-Za-z0-9_%\-]+)"#)).map { String(draft.body[$0.range].dropFirst("jeton=".count)) }?.removingPercentEncoding
    }

    @Test("seats, then the waiting list; a cancelled seat goes to the first person waiting; the editor exports the list")
    func seatsAndWaitingList() async throws {
        try await TestApp.run(profiles: Hub.profiles) { client, env in
            let (id, slug, editor) = try await Self.publishedTraining(client, env, seats: "2")
            try await client.execute(uri: "/jachete/articles/\(slug)", method: .get) { response in
                #expect(response.text.contains("2 place(s) libre(s) sur 2."))
                #expect(response.headers[.cacheControl] == "private, no-store")
            }
            let (first, location, _) = try await Self.register(client, slug: slug, name: "Ariane Tremblay", email: "Ariane@Longueuil.example.org")
            #expect(first == .seeOther && location.hasSuffix("?inscription=confirmee#inscription"))
            #expect(try await Self.register(client, slug: slug, name: "Benoît Roy", email: "benoit@brossard.example.org").0 == .seeOther)
            let (third, waitingLocation, _) = try await Self.register(client, slug: slug, name: "Chloé Gagnon", email: "chloe@boucherville.example.org")
            #expect(third == .seeOther && waitingLocation.contains("inscription=attente"))
            // Bad input and the same address twice: told at the field, nothing added.
            let (bad, _, badText) = try await Self.register(client, slug: slug, name: " ", email: "pas-une-adresse", city: "")
            #expect(bad == .badRequest && badText.contains("Écrivez votre nom.") && badText.contains("Adresse courriel invalide « pas-une-adresse »"))
            let (twice, _, twiceText) = try await Self.register(client, slug: slug, name: "Ariane T.", email: "ariane@longueuil.example.org")
            #expect(twice == .badRequest && twiceText.contains("Cette adresse est déjà inscrite à la formation."))
            try await client.execute(uri: "/jachete/articles/\(slug)", method: .get) { response in
                #expect(response.text.contains("Complet : inscrivez-vous sur la liste d") && response.text.contains("(1 personne(s) en attente)"))
            }

            let sent = env.mail.sent.filter { $0.kind.hasPrefix("training") }
            #expect(sent.map(\.to) == ["ariane@longueuil.example.org", "benoit@brossard.example.org", "chloe@boucherville.example.org"])
            #expect(sent[0].subject.hasPrefix("Inscription confirmée : Atelier : acheter local"))
            #expect(sent[0].attachments.map(\.fileName) == ["formation.ics"] && sent[2].attachments.isEmpty)
            #expect(sent[2].subject.hasPrefix("Liste d'attente"))

            // Ariane cancels from her e-mail's link: the page first, then the button.
            let secret = try #require(Self.secret(in: sent[0]))
            let (cookie, token) = try await client.execute(uri: "/jachete/inscription/annulation?jeton=\(Route.escape(secret))", method: .get) { response -> (String, String) in
                #expect(response.status == .ok && response.text.contains("Ariane Tremblay") && response.headers[.referrerPolicy] == "no-referrer")
                let html = response.text
                let token = html.firstMatch(of: try! Regex(#"name="_csrf" value="([^"]+)""#)).map { String(html[$0.range]).components(separatedBy: "value=\"")[1].dropLast() }
                return (String((response.headers[.setCookie] ?? "").split(separator: ";").first ?? ""), String(token ?? ""))
            }
            try await client.execute(uri: "/jachete/inscription/annulation", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                     body: TestEnvironment.encode([("_csrf", token), ("jeton", secret)])) { response in
                #expect(response.status == .ok && response.text.contains("est annulée"))
            }
            let promoted = env.mail.sent.filter { $0.kind == "training-seat" }
            #expect(promoted.map(\.to) == ["chloe@boucherville.example.org"] && promoted.first?.attachments.count == 1)
            try await client.execute(uri: "/jachete/inscription/annulation?jeton=inconnu", method: .get) { #expect($0.status == .notFound) }

            // The editor's list: confirmed, then waiting, then cancelled.
            try await client.execute(uri: "/gestion/jachete/\(id)/inscriptions.csv", method: .get, headers: editor.headers) { response in
                #expect(response.status == .ok)
                let lines = response.text.split(separator: "\r\n").map(String.init)
                #expect(lines.count == 4)
                #expect(lines[1].hasPrefix("Benoît Roy,benoit@brossard.example.org") && lines[1].contains("Confirmée"))
                #expect(lines[2].hasPrefix("Chloé Gagnon") && lines[2].contains("Confirmée"))
                #expect(lines[3].hasPrefix("Ariane Tremblay") && lines[3].contains("Annulée"))
            }
            let other = try await env.signedIn([.hubEditor], regions: ["04"])
            try await client.execute(uri: "/gestion/jachete/\(id)/inscriptions.csv", method: .get, headers: other.headers) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/gestion/jachete/\(id)", method: .get, headers: editor.headers) { response in
                #expect(response.text.contains("Chloé Gagnon") && response.text.contains("/gestion/jachete/\(id)/inscriptions.csv"))
            }
        }
    }

    @Test("two people take the last seat at the same moment: one gets it, the other the waiting list", arguments: TestDatabases.kinds)
    func lastSeatRace(_ kind: TestDatabases.Kind) async throws {
        try await TestApp.run(kind, profiles: Hub.profiles) { client, env in
            let (_, slug, _) = try await Self.publishedTraining(client, env, seats: "1")
            let service = ArticleService(store: ArticleStore(database: env.database), directory: DirectoryService(database: env.database, logger: TestDatabases.logger),
                                         mail: env.mail)
            for round in 0..<5 {
                // A fresh seat each round: everyone before cancels.
                if round > 0 {
                    for draft in env.mail.sent where draft.kind == "training-registration" {
                        if let secret = Self.secret(in: draft) { _ = try? await service.cancelRegistration(secret: secret) }
                    }
                }
                async let first = service.register(slug: slug, .init(name: "Première \(round)", email: "un-\(round)@exemple.qc.ca", city: "Longueuil"), client: "test")
                async let second = service.register(slug: slug, .init(name: "Seconde \(round)", email: "deux-\(round)@exemple.qc.ca", city: "Brossard"), client: "test")
                let statuses = try await [first, second].map { result -> TrainingRegistration.Status? in
                    if case .success(let done) = result { return done.registration.status } else { return nil }
                }
                let article = try #require(try await service.readable(slug: slug))
                let seats = try #require(try await service.seats(article))
                #expect(seats.confirmed == 1, "round \(round)")
                #expect(Set(statuses.compactMap { $0 }) == [.confirmed, .waiting], "round \(round)")
            }
        }
    }

    @Test("registrations close when the training starts; a training without seats takes none; both at once is refused")
    func closedAndRefused() async throws {
        try await TestApp.run(profiles: Hub.profiles) { client, env in
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            try await client.execute(uri: "/gestion/jachete/nouveau", method: .post, headers: editor.formHeaders,
                                     body: editor.form(Self.training(seats: "20") + [("inscription", "https://exemple.qc.ca/inscription")])) { response in
                #expect(response.status == .badRequest && response.text.contains("pas les deux"))
            }
            try await client.execute(uri: "/gestion/jachete/nouveau", method: .post, headers: editor.formHeaders,
                                     body: editor.form(Self.training(seats: "beaucoup"))) { response in
                #expect(response.status == .badRequest && response.text.contains("Nombre de places invalide « beaucoup »"))
            }
            let withoutSeats = try await Hub.create(client, editor, Self.training(seats: ""))
            #expect(try await Hub.status(client, editor, env, withoutSeats, [("action", "publier")]) == .seeOther)
            let slug = try await Hub.slug(env.database, withoutSeats)
            try await client.execute(uri: "/jachete/articles/\(slug)", method: .get) { #expect(!$0.text.contains("id=\"inscription\"")) }
            let service = ArticleService(store: ArticleStore(database: env.database), directory: DirectoryService(database: env.database, logger: TestDatabases.logger))
            await #expect(throws: Refusal.notFound("Cette formation", english: "This training")) {
                _ = try await service.register(slug: slug, .init(name: "A", email: "a@exemple.qc.ca", city: "Longueuil"), client: "test")
            }

            let (_, open, _) = try await HubRegistrationTests.publishedTraining(client, env, seats: "5")
            let later = Calendar(identifier: .gregorian).date(byAdding: .year, value: 2, to: Date())!
            await #expect(throws: ArticleService.registrationsClosed) {
                _ = try await service.register(slug: open, .init(name: "Tard", email: "tard@exemple.qc.ca", city: "Longueuil"), client: "test", now: later)
            }
        }
    }

    @Test("Loi 25: registrations are deleted 90 days after their training, stale digest subscriptions after 30 days; active ones stay")
    func retention() async throws {
        try await TestApp.run(profiles: Hub.profiles) { client, env in
            let (_, slug, _) = try await Self.publishedTraining(client, env, seats: "3")
            #expect(try await Self.register(client, slug: slug, name: "Ariane", email: "ariane@exemple.qc.ca").0 == .seeOther)
            let digests = try await DigestTests.digests(env)
            _ = try await digests.subscribe(.init(email: "jamais@exemple.qc.ca", frequency: "mensuelle", regions: []), language: .fr)
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            _ = try await digests.subscribe(buyer.user, .init(email: "", frequency: "mensuelle", regions: []), language: .fr)
            func count(_ table: String) async throws -> Int {
                try await env.database.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? -1 }
            }
            let retention = RetentionStore(database: env.database)
            var report = try await retention.purge(now: Date().addingTimeInterval(31 * 24 * 3600))
            #expect(report.digestSubscriptions == 1 && report.trainingRegistrations == 0)
            let (subscriptions, registrations) = (try await count("digest_subscriptions"), try await count("training_registrations"))
            #expect(subscriptions == 1 && registrations == 1)
            report = try await retention.purge(now: Date().addingTimeInterval(2 * 365 * 24 * 3600))
            #expect(report.trainingRegistrations == 1 && report.digestSubscriptions == 0)
            let (subscriptionsLater, registrationsLater) = (try await count("digest_subscriptions"), try await count("training_registrations"))
            #expect(registrationsLater == 0 && subscriptionsLater == 1)
        }
    }

    @Test("the confirmation e-mail as sent: multipart, its text in quoted-printable, its .ics a calendar that icalendar reads")
    func confirmationMIME() throws {
        let year = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
        let start = try #require(QuebecTime.moment(day: "\(year)-03-12", time: "09:30"))
        let article = Article(id: "a1", slug: "atelier", kind: .training, status: .published, titleFrench: "Atelier : acheter local", summaryFrench: "Résumé",
                              bodyFrench: "Texte", titleEnglish: "", summaryEnglish: "", bodyEnglish: "", regions: ["16"], tags: [], publishAt: Date(),
                              training: .init(startsAt: start, endsAt: start.addingTimeInterval(7200), online: false, place: "Hôtel de ville", audience: "",
                                              registrationURL: "", capacity: 10),
                              collaboration: nil, enterpriseIDs: [], version: 1, createdBy: nil, createdAt: Date(), updatedAt: Date())
        let registration = TrainingRegistration(id: "r1", articleID: "a1", name: "Ariane", email: "ariane@exemple.qc.ca", city: "Longueuil", status: .confirmed,
                                                createdAt: Date(), updatedAt: Date())
        let draft = RegistrationMail(article: article, baseURL: "https://repertoire.example").draft(for: registration, secret: "ins_secret", promoted: false)
        let message = OutgoingMessage(to: try MailAddress.parse(draft.to), subject: draft.subject, body: draft.body, kind: MailKind(rawValue: draft.kind),
                                      attachments: draft.attachments)
        let rendered = MailComposer(from: try MailAddress.parse("Répertoire <no-reply@repertoire.example>")).render(message, token: "t1", date: Date())
        let script = #"""
import email, email.policy, json, sys
import icalendar
message = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
parts = list(message.iter_parts())
text = parts[0].get_content()
ics = parts[1].get_payload(decode=True)
calendar = icalendar.Calendar.from_ical(ics)
event = list(calendar.walk("VEVENT"))[0]
print(json.dumps({"type": message.get_content_type(), "parts": len(parts), "text": text, "file": parts[1].get_filename(),
                  "summary": str(event.get("SUMMARY")), "start": event.decoded("DTSTART").strftime("%H:%M")}))
"""#
        try PythonTool.withTemporaryFile(Array(rendered.data.utf8), suffix: ".eml") { path in
            guard let output = try PythonTool.run(script, arguments: [path]) else { return }
            let report = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] ?? [:]
            #expect(report["type"] as? String == "multipart/mixed" && report["parts"] as? Int == 2)
            #expect((report["text"] as? String)?.contains("Votre inscription à « Atelier : acheter local » est confirmée.") == true)
            #expect((report["text"] as? String)?.contains("https://repertoire.example/jachete/inscription/annulation?jeton=ins_secret") == true)
            #expect(report["file"] as? String == "formation.ics" && report["summary"] as? String == "Atelier : acheter local" && report["start"] as? String == "09:30")
        }
    }
}
