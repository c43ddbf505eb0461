import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import Repertoire

/// Issue #15 through the real app: a buyer's need proposed to the matching enterprises, sent
/// once, answered through single-use links, followed, exported; the links' abuse cases, the
/// CASL opt-out, reminders, uploads and who sees what.
@Suite("Calls for interest")
struct CallsForInterestTests {
    typealias Kit = CallTestKit

    @Test("a buyer's need: proposed enterprises with why, sent once by e-mail, answered with a PDF through the link, followed and exported")
    func journey() async throws {
        try await TestApp.run(profiles: Kit.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let id = try await Kit.create(client, buyer, files: [Kit.Part(field: "pieces", fileName: "devis.pdf", type: "application/pdf", bytes: Kit.pdf)])
            var page = try await Kit.page(client, buyer, "/acheteurs/appels/\(id)")
            #expect(page.contains("Brouillon") && page.contains("devis.pdf"))

            // Proposed: the snow-removal enterprises serving Longueuil, with why; never the others.
            _ = try await Kit.post(client, buyer, "/acheteurs/appels/\(id)/destinataires", [("action", "proposer")])
            page = try await Kit.page(client, buyer, "/acheteurs/appels/\(id)")
            for name in ["Déneigement Rive-Sud", "Coop Montérégie Déneigement", "Déneigement Sans Courriel"] { #expect(page.contains(name), "\(name)") }
            for name in ["Déneigement Mauricie", "Déneigement Privé", "Traiteur Saveurs Solidaires"] { #expect(!page.contains(name), "\(name)") }
            #expect(page.contains("mots : déneigement") && page.contains("sert : Longueuil"))
            // Without an e-mail address: unreachable, with its phone.
            #expect(page.contains("Injoignable (aucune adresse courriel)") && page.contains("450 555-0199"))
            #expect(page.contains("2 entreprise(s) recevront l'appel par courriel."))

            // Sent once: the general address and the manager's, each with its link and the stop headers.
            _ = try await Kit.post(client, buyer, "/acheteurs/appels/\(id)/envoyer")
            let sent = env.mail.sent.filter { $0.kind == CallLetters.kindInvitation }
            #expect(Set(sent.map(\.to)) == ["info@deneigement.exemple.org", "julie@deneigement.exemple.org", "bonjour@monteregie.exemple.org"])
            let first = try #require(sent.first { $0.to == "bonjour@monteregie.exemple.org" })
            #expect(first.subject.contains("Appel d'intérêt de Longueuil"))
            #expect(first.body.contains("Personne Test, acheteur ou acheteuse de Longueuil") && first.body.contains("Pourquoi recevez-vous ce message ?"))
            #expect(first.body.contains("Why are you receiving this?") && first.body.contains(Kit.day(in: 10)))
            #expect(first.headers.contains { $0.name == "List-Unsubscribe-Post" && $0.value == "List-Unsubscribe=One-Click" })
            #expect(first.headers.contains { $0.name == "List-Unsubscribe" && $0.value.contains("/appel-d-interet/desabonnement?jeton=") })
            #expect(first.headers.contains { $0.name == "Reply-To" && $0.value == buyer.user.email })
            // A second click, or a forged second send: nothing more is queued.
            let again = try await Kit.post(client, buyer, "/acheteurs/appels/\(id)/envoyer", expect: .conflict)
            #expect(again.contains("Rien n'a été envoyé deux fois"))
            #expect(env.mail.sent.filter { $0.kind == CallLetters.kindInvitation }.count == 3)

            // The enterprise opens its link (no account): the page shows the need; it is marked opened.
            let path = try #require(Kit.answerPath(first))
            let answerPage = try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.referrerPolicy] == "no-referrer")
                return response.text
            }
            #expect(answerPage.contains("Déneigement des stationnements municipaux") && answerPage.contains("Coop Montérégie Déneigement"))
            page = try await Kit.page(client, buyer, "/acheteurs/appels/\(id)")
            #expect(page.contains("data-status=\"ouvert\""))

            // Interested, with a PDF and a contact person.
            let done = try await Kit.answer(client, path: path, [("reponse", "interested"), ("message", "Nous avons deux chargeuses disponibles."),
                                                                ("contact-nom", "Marc Gagnon"), ("contact-courriel", "marc@monteregie.exemple.org"),
                                                                ("contact-telephone", "450 555-0111")],
                                            document: Kit.Part(field: "document", fileName: "offre.pdf", type: "application/pdf", bytes: Kit.pdf))
            #expect(done.contains("Merci ! Votre réponse est enregistrée"))
            page = try await Kit.page(client, buyer, "/acheteurs/appels/\(id)")
            #expect(page.contains("data-status=\"interessee\"") && page.contains("Nous avons deux chargeuses disponibles.") && page.contains("Marc Gagnon"))
            let opened = try await Kit.callService(env).open(id, for: buyer.user)
            let document = try #require(opened.answerDocuments.values.first)
            try await client.execute(uri: "/acheteurs/appels/\(id)/fichiers/\(document.id)", method: .get, headers: buyer.headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/pdf")
                #expect(response.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"offre.pdf\"") == true)
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(Array(response.body.readableBytesView) == Kit.pdf)
            }

            // The answer can change until the deadline: not interested, with a reason; the document goes.
            _ = try await Kit.answer(client, path: path, [("reponse", "not-interested"), ("raison", "capacite"), ("message", "Finalement complet.")])
            page = try await Kit.page(client, buyer, "/acheteurs/appels/\(id)")
            #expect(page.contains("data-status=\"pas-interessee\"") && page.contains("Nous n'avons pas la capacité en ce moment"))
            #expect(try await Kit.callService(env).open(id, for: buyer.user).answerDocuments.isEmpty)

            // Export, and a purchase list with the interested ones.
            _ = try await Kit.answer(client, path: path, [("reponse", "interested"), ("contact-nom", "Marc Gagnon"), ("contact-courriel", "marc@monteregie.exemple.org")])
            try await client.execute(uri: "/acheteurs/appels/\(id)/exporter?format=csv", method: .get, headers: buyer.headers) { response in
                #expect(response.status == .ok)
                let csv = response.text
                #expect(csv.contains("Statut") && csv.contains("Intéressée") && csv.contains("Marc Gagnon") && csv.contains("Injoignable"))
            }
            page = try await Kit.page(client, buyer, "/acheteurs/appels/\(id)")
            #expect(page.contains("Créer une liste d'achat avec les 1 intéressée(s)"))
            let monteregie = try await Kit.id(of: "Coop Montérégie Déneigement", env)
            _ = try await Kit.post(client, buyer, "/acheteurs/listes", [("nom", "Intéressées — déneigement"), ("entreprise", monteregie)])
            let lists = try await PurchaseListStore(database: env.database).lists(visibleTo: buyer.user.id, municipalityCode: "58227")
            #expect(lists.first?.itemCount == 1)

            // Every step is in the audit log.
            let actions = Set(try await AuditLog(database: env.database).entries(limit: 100).map(\.action))
            #expect(actions.isSuperset(of: ["call-created", "call-updated", "call-sent", "call-answered", "personal-data-export"]))

            // Closing: the link now says so, and an answer is refused.
            _ = try await Kit.post(client, buyer, "/acheteurs/appels/\(id)/fermer", [("action", "fermer")])
            let closed = try await client.execute(uri: path, method: .get) { $0.text.replacingOccurrences(of: "&#39;", with: "'") }
            #expect(closed.contains("Cet appel d'intérêt est fermé"))
            let refused = try await Kit.answer(client, path: path, [("reponse", "interested")], expect: .gone)
            #expect(refused.contains("Appel fermé"))
        }
    }

    @Test("forged, tampered, another call's, expired and past-deadline links each get a clear page and never another need")
    func links() async throws {
        try await TestApp.run(profiles: Kit.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let first = try await Kit.create(client, buyer)
            try await Kit.proposeAndSend(client, buyer, first)
            let second = try await Kit.create(client, buyer, fields: Kit.needFields(buyer, title: "Déneigement des trottoirs du Vieux-Longueuil"))
            try await Kit.proposeAndSend(client, buyer, second)
            let drafts = env.mail.sent.filter { $0.kind == CallLetters.kindInvitation && $0.to == "bonjour@monteregie.exemple.org" }
            #expect(drafts.count == 2)
            let pathOne = try #require(drafts.compactMap(Kit.answerPath).first { $0.contains(first) })
            let pathTwo = try #require(drafts.compactMap(Kit.answerPath).first { $0.contains(second) })
            let secretOne = Kit.parameter("jeton", in: pathOne)

            func get(_ path: String) async throws -> (HTTPResponse.Status, String) {
                try await client.execute(uri: path, method: .get) { ($0.status, $0.text.replacingOccurrences(of: "&#39;", with: "'")) }
            }
            // Forged
            var (status, text) = try await get("/appel-d-interet?appel=\(first)&jeton=\(String(repeating: "A", count: 43))")
            #expect(status == .notFound && text.contains("Lien invalide") && !text.contains("Déneigement des stationnements"))
            // Tampered: one character changed
            let tampered = String(secretOne.dropLast()) + (secretOne.last == "A" ? "B" : "A")
            (status, text) = try await get("/appel-d-interet?appel=\(first)&jeton=\(tampered)")
            #expect(status == .notFound && text.contains("Lien invalide"))
            // The first call's link used for the second call
            (status, text) = try await get("/appel-d-interet?appel=\(second)&jeton=\(secretOne)")
            #expect(status == .notFound && text.contains("Lien d'un autre appel") && !text.contains("Vieux-Longueuil") && !text.contains("12 stationnements"))
            // The stop link is not an answer link
            let stop = try #require(drafts.first?.headers.first { $0.name == "List-Unsubscribe" }?.value)
            let stopSecret = Kit.parameter("jeton", in: String(stop.dropFirst().dropLast()))
            (status, text) = try await get("/appel-d-interet?appel=\(first)&jeton=\(stopSecret)")
            #expect(status == .notFound)
            // Each link works for its own call
            (status, text) = try await get(pathTwo)
            #expect(status == .ok && text.contains("Vieux-Longueuil"))
            // An answer posted with a wrong pairing is refused the same way
            let posted = try await Kit.answer(client, path: "/appel-d-interet?appel=\(first)&jeton=\(Kit.parameter("jeton", in: pathTwo))",
                                              [("reponse", "interested")], expect: .notFound)
            #expect(posted.contains("Lien d'un autre appel"))

            // Past the deadline: closed page, answers refused.
            try await env.database.transaction { sql in
                try await sql.raw("UPDATE calls_for_interest SET deadline = \(bind: Kit.day(in: -1)) WHERE id = \(bind: first)").run()
            }
            (status, text) = try await get(pathOne)
            #expect(status == .ok && text.contains("Cet appel d'intérêt est fermé") && !text.contains("Envoyer ma réponse"))
            // Expired link: its own page.
            try await env.database.transaction { sql in
                try await sql.raw("UPDATE call_links SET expires_at = \(bind: Timestamp.string(from: Date().addingTimeInterval(-60))) WHERE call_id = \(bind: first)").run()
            }
            (status, text) = try await get(pathOne)
            #expect(status == .gone && text.contains("Lien expiré"))
        }
    }

    @Test("CASL: the one-click stop (List-Unsubscribe-Post) takes effect, the buyer sees why, nothing is sent again; the representative can opt back in")
    func optOut() async throws {
        try await TestApp.run(profiles: Kit.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let first = try await Kit.create(client, buyer)
            try await Kit.proposeAndSend(client, buyer, first)
            let draft = try #require(env.mail.sent.first { $0.to == "bonjour@monteregie.exemple.org" })
            let header = try #require(draft.headers.first { $0.name == "List-Unsubscribe" }?.value)
            let url = String(header.dropFirst().dropLast())
            let path = String(url[try #require(url.range(of: "/appel-d-interet/desabonnement")).lowerBound...])
            // The page behind the link asks for a confirmation (link scanners must not unsubscribe).
            let confirm = try await client.execute(uri: path, method: .get) { $0.text }
            #expect(confirm.contains("Confirmer : ne plus recevoir"))
            // A mail program's one-click POST, without cookie or form token.
            try await client.execute(uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "List-Unsubscribe=One-Click")) { response in
                #expect(response.status == .ok)
            }
            // A forged one-click is refused.
            try await client.execute(uri: "/appel-d-interet/desabonnement?jeton=forge", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "List-Unsubscribe=One-Click")) { response in
                #expect(response.status == .notFound)
            }
            // The next call: shown as opted out, and never sent to it.
            let before = env.mail.sent.count
            let second = try await Kit.create(client, buyer, fields: Kit.needFields(buyer, title: "Déneigement des trottoirs"))
            _ = try await Kit.post(client, buyer, "/acheteurs/appels/\(second)/destinataires", [("action", "proposer")])
            let page = try await Kit.page(client, buyer, "/acheteurs/appels/\(second)")
            #expect(page.contains("Ne reçoit plus d'appels d'intérêt") && page.contains("loi anti-pourriel"))
            _ = try await Kit.post(client, buyer, "/acheteurs/appels/\(second)/envoyer")
            let newMail = env.mail.sent.dropFirst(before)
            #expect(!newMail.contains { $0.to == "bonjour@monteregie.exemple.org" })
            #expect(newMail.contains { $0.to == "info@deneigement.exemple.org" })
            // Its representative sets it back from their page.
            let monteregie = try await Kit.id(of: "Coop Montérégie Déneigement", env)
            let representative = try await env.signedIn([.representative], enterprise: monteregie)
            var mine = try await Kit.page(client, representative, "/mon-entreprise")
            #expect(mine.contains("ne reçoit pas les appels d'intérêt"))
            _ = try await Kit.post(client, representative, "/mon-entreprise/appels-d-interet", [("recevoir", "oui")])
            mine = try await Kit.page(client, representative, "/mon-entreprise")
            #expect(mine.contains("reçoit les appels d'intérêt"))
            let third = try await Kit.create(client, buyer, fields: Kit.needFields(buyer, title: "Déneigement de la cour des travaux publics"))
            try await Kit.proposeAndSend(client, buyer, third)
            #expect(env.mail.sent.contains { $0.to == "bonjour@monteregie.exemple.org" && $0.body.contains("cour des travaux publics") })
        }
    }

    @Test("a reminder goes once, a few days before the deadline, only to those who have not answered, never after the deadline")
    func reminders() async throws {
        try await TestApp.run(profiles: Kit.profiles) { client, env in try await Self.remindersBody(client, env) }
    }

    static func remindersBody(_ client: any TestClientProtocol, _ env: TestEnvironment) async throws {
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let soon = try await Kit.create(client, buyer, fields: Kit.needFields(buyer, deadline: Kit.day(in: 2)))
            try await Kit.proposeAndSend(client, buyer, soon)
            let later = try await Kit.create(client, buyer, fields: Kit.needFields(buyer, title: "Déneigement 2028", deadline: Kit.day(in: 30)))
            try await Kit.proposeAndSend(client, buyer, later)
            // Rive-Sud answers the soon one; Montérégie does not.
            let rive = try #require(env.mail.sent.first { $0.to == "info@deneigement.exemple.org" && $0.body.contains(soon) })
            _ = try await Kit.answer(client, path: try #require(Kit.answerPath(rive)), [("reponse", "not-interested"), ("raison", "delai")])
            let calls = try await Kit.callService(env)
            let firstRun = try await calls.sendReminders()
            #expect(firstRun == 1)
            let reminders = env.mail.sent.filter { $0.kind == CallLetters.kindReminder }
            #expect(reminders.map(\.to) == ["bonjour@monteregie.exemple.org"])
            #expect(reminders.first?.body.contains("d'ici le \(Kit.day(in: 2))") == true)
            #expect(reminders.first?.headers.contains { $0.name == "List-Unsubscribe-Post" } == true)
            // Its link works like the first one.
            let reminderPath = try #require(Kit.answerPath(reminders[0]))
            let status = try await client.execute(uri: reminderPath, method: .get) { $0.status }
            #expect(status == .ok)
            // Never twice, even from two instances at once.
            let again = try await Self.remindTwiceAtOnce(calls)
            #expect(again == 0)
            // Never after the deadline.
            let third = try await Kit.create(client, buyer, fields: Kit.needFields(buyer, title: "Déneigement express", deadline: Kit.day(in: 1)))
            try await Kit.proposeAndSend(client, buyer, third)
            try await env.database.transaction { sql in
                try await sql.raw("UPDATE calls_for_interest SET deadline = \(bind: Kit.day(in: -1)) WHERE id = \(bind: third)").run()
            }
            let late = try await calls.sendReminders()
            #expect(late == 0)
    }

    /// Two reminder runs at once, as two instances would: the reminders each of them queued.
    static func remindTwiceAtOnce(_ calls: CallService) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<2 { group.addTask { try await calls.sendReminders() } }
            var total = 0
            for try await count in group { total += count }
            return total
        }
    }

    @Test("two sends at once, from one buyer or two instances, queue each message exactly once")
    func concurrentSends() async throws {
        try await TestApp.run(profiles: Kit.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let id = try await Kit.create(client, buyer)
            _ = try await Kit.post(client, buyer, "/acheteurs/appels/\(id)/destinataires", [("action", "proposer")])
            let calls = try await Kit.callService(env)
            let results = await withTaskGroup(of: Int?.self) { group in
                for _ in 0..<4 { group.addTask { try? await calls.send(id, by: buyer.user, client: "test") } }
                var all: [Int?] = []
                for await result in group { all.append(result) }
                return all
            }
            #expect(results.compactMap { $0 }.count == 1)
            #expect(env.mail.sent.filter { $0.kind == CallLetters.kindInvitation }.count == 3)
        }
    }

    @Test("who sees a call: the city's buyers, the delivery region's hub editors without the answers' documents, administrators; by web and API")
    func visibility() async throws {
        try await TestApp.run(profiles: Kit.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let id = try await Kit.create(client, buyer)
            let colleague = try await env.signedIn([.buyer], municipality: "58227")
            let brossard = try await env.signedIn([.buyer], municipality: "58007")
            let hub = try await env.signedIn([.hubEditor], regions: ["16"])
            let otherHub = try await env.signedIn([.hubEditor], regions: ["04"])
            let admin = try await env.signedIn([.admin])
            let representative = try await env.signedIn([.representative], enterprise: try await Kit.id(of: "Déneigement Rive-Sud", env))
            // A draft: the buyers of the city only.
            _ = try await Kit.page(client, colleague, "/acheteurs/appels/\(id)")
            _ = try await Kit.page(client, brossard, "/acheteurs/appels/\(id)", expect: .notFound)
            _ = try await Kit.page(client, hub, "/acheteurs/appels/\(id)", expect: .notFound)
            _ = try await Kit.page(client, representative, "/acheteurs/appels/\(id)", expect: .forbidden)
            // The colleague reads but does not send.
            _ = try await Kit.post(client, colleague, "/acheteurs/appels/\(id)/envoyer", expect: .forbidden)
            _ = try await Kit.post(client, brossard, "/acheteurs/appels/\(id)/envoyer", expect: .notFound)
            try await Kit.proposeAndSend(client, buyer, id)
            let draft = try #require(env.mail.sent.first { $0.to == "bonjour@monteregie.exemple.org" })
            _ = try await Kit.answer(client, path: try #require(Kit.answerPath(draft)),
                                     [("reponse", "interested"), ("contact-nom", "Marc Gagnon"), ("contact-courriel", "marc@monteregie.exemple.org")],
                                     document: Kit.Part(field: "document", fileName: "offre.pdf", type: "application/pdf", bytes: Kit.pdf))
            let document = try #require(try await Kit.callService(env).open(id, for: buyer.user).answerDocuments.values.first)
            // Sent: the region's hub editors follow it, without the documents.
            let hubPage = try await Kit.page(client, hub, "/acheteurs/appels/\(id)")
            #expect(hubPage.contains("Marc Gagnon") && !hubPage.contains(document.id) && hubPage.contains("les documents joints restent ceux de la municipalité"))
            _ = try await Kit.page(client, hub, "/acheteurs/appels/\(id)/fichiers/\(document.id)", expect: .notFound)
            _ = try await Kit.page(client, otherHub, "/acheteurs/appels/\(id)", expect: .notFound)
            _ = try await Kit.page(client, admin, "/acheteurs/appels/\(id)/fichiers/\(document.id)")
            _ = try await Kit.page(client, colleague, "/acheteurs/appels/\(id)/fichiers/\(document.id)")
            #expect(try await Kit.page(client, hub, "/acheteurs/appels").contains("Déneigement des stationnements municipaux"))
            #expect(!(try await Kit.page(client, brossard, "/acheteurs/appels")).contains("Déneigement des stationnements municipaux"))
            #expect(!(try await Kit.page(client, otherHub, "/acheteurs/appels")).contains("Déneigement des stationnements municipaux"))

            // The API, with personal tokens.
            func token(_ user: TestEnvironment.SignedIn) async throws -> String {
                try await env.database.transaction { sql in try await APITokenStore.create(userID: user.user.id, name: "test", now: Date(), on: sql).secret }
            }
            let ownToken = try await token(buyer), otherToken = try await token(brossard), hubToken = try await token(hub)
            try await client.execute(uri: "/api/v1/calls", method: .get, headers: [.authorization: "Bearer \(ownToken)"]) { response in
                #expect(response.status == .ok)
                #expect((response.json["calls"] as? [[String: Any]])?.first?["id"] as? String == id)
            }
            try await client.execute(uri: "/api/v1/calls/\(id)", method: .get, headers: [.authorization: "Bearer \(ownToken)"]) { response in
                let recipients = response.json["recipients"] as? [[String: Any]] ?? []
                let answered = recipients.first { $0["answer"] as? String == "interested" }
                #expect(answered?["contactName"] as? String == "Marc Gagnon")
                #expect((answered?["document"] as? [String: Any])?["fileName"] as? String == "offre.pdf")
            }
            try await client.execute(uri: "/api/v1/calls", method: .get, headers: [.authorization: "Bearer \(otherToken)"]) { response in
                #expect((response.json["calls"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/api/v1/calls/\(id)", method: .get, headers: [.authorization: "Bearer \(otherToken)"]) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/calls/\(id)", method: .get, headers: [.authorization: "Bearer \(hubToken)"]) { response in
                let recipients = response.json["recipients"] as? [[String: Any]] ?? []
                #expect(recipients.contains { $0["answer"] as? String == "interested" } && !recipients.contains { $0["document"] != nil })
            }
            // The dashboard's counts.
            let counts = try await Kit.callService(env).counts(for: buyer.user)
            #expect(counts == [CallCounts(municipalityCode: "58227", callsSent: 1, enterprisesReached: 2, interested: 1)])
        }
    }

    @Test("uploads: the type is read from the bytes, the size is limited, each refusal says which file and why; nothing is half-stored")
    func uploads() async throws {
        try await TestApp.run(profiles: Kit.profiles, configure: { $0.callFileMegabytes = 1 }) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            func refused(_ part: Kit.Part, _ message: String) async throws {
                try await client.execute(uri: "/acheteurs/appels", method: .post, headers: Kit.uploadHeaders(buyer),
                                         body: Kit.multipart(Kit.needFields(buyer), files: [part])) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.text.replacingOccurrences(of: "&#39;", with: "'").contains(message), "\(response.text.prefix(500))")
                }
            }
            try await refused(Kit.Part(field: "pieces", fileName: "devis.pdf", type: "application/pdf", bytes: Array("<html><script>alert(1)</script></html>".utf8)),
                              "Le fichier « devis.pdf » n'est ni un PDF")
            try await refused(Kit.Part(field: "pieces", fileName: "gros.pdf", type: "application/pdf", bytes: Kit.pdf + [UInt8](repeating: 32, count: 1_100_000)),
                              "Le fichier « gros.pdf » pèse 1,1 Mo : 1 Mo au plus par fichier.")
            try await refused(Kit.Part(field: "pieces", fileName: "archive.docx", type: "application/zip", bytes: { var z = ZipWriter(); z.add("a.txt", "a"); return z.finish() }()),
                              "n'est ni un PDF, ni un document Word")
            let stored = try await env.database.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM calls_for_interest").first()?.decode(column: "n", as: Int.self) }
            #expect(stored == 0)
            // A real Word document, named wrongly: accepted, and downloaded with its true extension.
            let id = try await Kit.create(client, buyer, files: [Kit.Part(field: "pieces", fileName: "cahier", type: "application/octet-stream", bytes: Kit.docx)])
            let file = try #require(try await Kit.callService(env).open(id, for: buyer.user).attachments.first)
            #expect(file.fileName == "cahier.docx" && file.contentType.contains("wordprocessingml"))
            // The form's own mistakes: each field named.
            try await client.execute(uri: "/acheteurs/appels", method: .post, headers: Kit.uploadHeaders(buyer),
                                     body: Kit.multipart([("_csrf", buyer.csrf), ("titre", " "), ("type", "x"), ("lieu", "region:04"), ("montant", ""), ("date-limite", "2020-01-01")])) { response in
                #expect(response.status == .unprocessableContent)
                let text = response.text.replacingOccurrences(of: "&#39;", with: "'")
                for message in ["Donnez un titre au besoin", "Décrivez le besoin", "Choisissez le type de besoin", "Choisissez le lieu de livraison",
                                "Choisissez la fourchette de montant", "La date limite doit être après aujourd'hui"] {
                    #expect(text.contains(message), "\(message)")
                }
            }
            // An answer's document is checked the same way.
            try await Kit.proposeAndSend(client, buyer, id)
            let draft = try #require(env.mail.sent.first { $0.to == "bonjour@monteregie.exemple.org" })
            let text = try await Kit.answer(client, path: try #require(Kit.answerPath(draft)),
                                            [("reponse", "interested"), ("contact-nom", "Marc"), ("contact-courriel", "pas-une-adresse")],
                                            document: Kit.Part(field: "document", fileName: "offre.html", type: "text/html", bytes: Array("<script>x</script>".utf8)),
                                            expect: .unprocessableContent)
            #expect(text.contains("n'est ni un PDF") && text.contains("pas-une-adresse"))
        }
    }
}
