import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

/// Alerts of new SEAO calls: who may ask, once per call and enterprise however many instances
/// send, only calls imported after asking, one-click unsubscribe.
@Suite("SEAO alerts")
struct TenderAlertTests {
    static func escaped(_ text: String) -> String { HTMLEscaping.escape(text) }

    static func alerts(_ env: TestEnvironment) async throws -> TenderAlerts {
        let directory = DirectoryService(database: env.database, logger: TestDatabases.logger)
        try await directory.loadIndex()
        let tenders = TenderService(database: env.database, directory: directory)
        return TenderAlerts(tenders: tenders, database: env.database, mail: env.mail, baseURL: "https://repertoire.example")
    }

    @Test("a representative and a hub editor ask from their account; a buyer may not; each call is alerted once per enterprise, by two instances at once", arguments: TestDatabases.kinds)
    func alertsOnce(_ kind: TestDatabases.Kind) async throws {
        try await TestApp.run(kind, profiles: CallTestKit.profiles) { client, env in
            let enterprises = try await EnterpriseStore(database: env.database).snapshot().0
            let coop = try #require(enterprises.first { $0.profile.name == "Coop Montérégie Déneigement" })
            let representative = try await env.signedIn([.representative], enterprise: coop.id)
            let hub = try await env.signedIn([.hubEditor], regions: ["16"])
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            try await client.execute(uri: "/compte/alertes-appels-d-offres", method: .get, headers: buyer.headers) { response in
                #expect(response.status == .ok && response.text.contains("sont offertes aux représentants"))
            }
            try await client.execute(uri: "/compte/alertes-appels-d-offres", method: .post, headers: buyer.formHeaders, body: buyer.form([("action", "inscrire")])) { response in
                #expect(response.status == .badRequest && response.text.contains("sont offertes aux représentants"))
            }
            #expect(try await Self.alerts(env).isSubscribed(userID: buyer.user.id) == false)
            try await client.execute(uri: "/compte", method: .get, headers: representative.headers) { response in
                #expect(response.text.contains("Alertes d&#39;appels d&#39;offres") || response.text.contains(Self.escaped("Alertes d'appels d'offres")))
            }
            for user in [representative, hub] {
                try await client.execute(uri: "/compte/alertes-appels-d-offres", method: .post, headers: user.formHeaders, body: user.form([("action", "inscrire")])) { response in
                    #expect(response.status == .ok && response.text.contains("Les alertes sont activées"))
                }
            }
            let path = try SEAOFixtures.write(TenderPagesTests.package())
            defer { try? FileManager.default.removeItem(atPath: path) }
            _ = try await TenderService(database: env.database).importFile(at: path, source: "fictif.json")
            // Two instances at once: each (call, enterprise) goes out once.
            let first = try await Self.alerts(env), second = try await Self.alerts(env)
            async let a = first.sendDue()
            async let b = second.sendDue()
            let queued = try await a + b
            let sent = env.mail.sent.filter { $0.kind == "tender-alert" }
            #expect(queued == sent.count && queued >= 2)
            let toRepresentative = sent.filter { $0.to == representative.user.email }
            #expect(toRepresentative.contains { $0.subject == "Appel d'offres qui pourrait vous convenir : Déneigement des stationnements (fictif)" })
            #expect(Set(toRepresentative.map(\.subject)).count == toRepresentative.count)
            #expect(sent.contains { $0.to == hub.user.email && $0.body.contains("Coop Montérégie Déneigement") })
            #expect(!sent.contains { $0.to == buyer.user.email })
            #expect(try await first.sendDue() == 0)
            // The e-mail says why and links to the call, SEAO and the one-click unsubscribe.
            let alert = try #require(toRepresentative.first { $0.subject.contains("Déneigement des stationnements") })
            #expect(alert.body.contains("https://repertoire.example/appels-d-offres/ocds-ec9k95-900004") && alert.body.contains("mots : déneigement"))
            #expect(alert.body.contains("https://seao.gouv.qc.ca/avis-resultat-recherche/consulter?ItemId=fictif-900004"))
            let unsubscribe = try #require(alert.headers.first { $0.name == "List-Unsubscribe" }?.value.trimmingCharacters(in: CharacterSet(charactersIn: "<>")))
            #expect(alert.headers.contains { $0.name == "List-Unsubscribe-Post" && $0.value == "List-Unsubscribe=One-Click" })
            let local = String(unsubscribe.dropFirst("https://repertoire.example".count))
            try await client.execute(uri: local, method: .get) { response in
                #expect(response.status == .ok && response.text.contains("Arrêter les alertes"))
            }
            try await client.execute(uri: local.replacingOccurrences(of: "jeton=", with: "jeton=x"), method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "List-Unsubscribe=One-Click")) {
                #expect($0.status == .notFound)
            }
            #expect(try await first.isSubscribed(userID: representative.user.id))
            try await client.execute(uri: local, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "List-Unsubscribe=One-Click")) { #expect($0.status == .ok) }
            #expect(try await !first.isSubscribed(userID: representative.user.id))
        }
    }

    @Test("calls imported before someone asked are not alerted to them")
    func onlyNewCalls() async throws {
        try await TestApp.run(profiles: CallTestKit.profiles) { _, env in
            let path = try SEAOFixtures.write(TenderPagesTests.package())
            defer { try? FileManager.default.removeItem(atPath: path) }
            _ = try await TenderService(database: env.database).importFile(at: path, source: "fictif.json", now: Date().addingTimeInterval(-60))
            let enterprises = try await EnterpriseStore(database: env.database).snapshot().0
            let coop = try #require(enterprises.first { $0.profile.name == "Coop Montérégie Déneigement" })
            let representative = try await env.createUser([.representative], enterprise: coop.id)
            let alerts = try await Self.alerts(env)
            try await alerts.subscribe(representative)
            #expect(try await alerts.sendDue() == 0)
            // A call of the next week's file is.
            let next = try SEAOFixtures.write(SEAOFixtures.package([SEAOFixtures.tender(900010, title: "Déneigement des trottoirs (fictif)",
                                                                                         buyer: ("OP-900004", "Ville de Brossard"), deliveryarea: nil)]))
            defer { try? FileManager.default.removeItem(atPath: next) }
            _ = try await TenderService(database: env.database).importFile(at: next, source: "fictif-2.json", now: Date().addingTimeInterval(1))
            #expect(try await alerts.sendDue(now: Date().addingTimeInterval(2)) == 1)
            #expect(env.mail.sent.last?.subject == "Appel d'offres qui pourrait vous convenir : Déneigement des trottoirs (fictif)")
        }
    }
}
