import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

/// The open calls' pages and the administrators' SEAO page, through the real app.
@Suite("SEAO pages")
struct TenderPagesTests {
    typealias Kit = CallTestKit
    static func escaped(_ text: String) -> String { HTMLEscaping.escape(text) }

    /// Three fictional calls: Longueuil's cleaning (services, region 16), a closed one, and a
    /// university's (not municipal), plus Brossard's snow removal (no delivery area).
    static func package() -> String {
        SEAOFixtures.package([
            SEAOFixtures.tender(900001),
            SEAOFixtures.tender(900002, title: "Réfection de toiture (fictif)", closes: "2020-01-15T11:00:00-05:00", category: "works",
                                seao: ("C01", "C01 - Bâtiments"), unspsc: "72000000"),
            SEAOFixtures.tender(900003, title: "Services de traiteur pour colloque (fictif)", buyer: ("OP-900003", "Université fictive"), municipal: false,
                                seao: ("S7", "S7 - Services de traiteur"), deliveryarea: "\"06\""),
            SEAOFixtures.tender(900004, title: "Déneigement des stationnements (fictif)", closes: "2027-03-01T11:00:00-05:00",
                                buyer: ("OP-900004", "Ville de Brossard"), seao: ("S19", "S19 - Déneigement"), deliveryarea: nil),
        ])
    }

    @Test("open calls: municipal ones by default, every body by the switch, words, region, kind, category and closing day; bad filters said in French")
    func openCalls() async throws {
        try await TestApp.run { client, env in
            let path = try SEAOFixtures.write(Self.package())
            defer { try? FileManager.default.removeItem(atPath: path) }
            _ = try await TenderService(database: env.database).importFile(at: path, source: "fictif.json", now: OCDSDate.parse("2026-12-01T00:00:00Z")!)
            func titles(_ query: String) async throws -> (HTTPResponse.Status, [String]) {
                try await client.execute(uri: "/appels-d-offres" + query, method: .get) { response in
                    let found = ["Entretien ménager", "Réfection de toiture", "Services de traiteur", "Déneigement des stationnements"]
                        .filter { response.text.contains("\">" + Self.escaped($0)) }
                    return (response.status, found)
                }
            }
            #expect(try await titles("") == (.ok, ["Entretien ménager", "Déneigement des stationnements"]))
            #expect(try await titles("?tous=1") == (.ok, ["Entretien ménager", "Services de traiteur", "Déneigement des stationnements"]))
            // Brossard's call has no delivery area: its municipality's region counts.
            #expect(try await titles("?region=16").1 == ["Entretien ménager", "Déneigement des stationnements"])
            #expect(try await titles("?region=06&tous=1").1 == ["Services de traiteur"])
            #expect(try await titles("?categorie=S19").1 == ["Déneigement des stationnements"])
            #expect(try await titles("?nature=works").1 == [])
            #expect(try await titles("?ferme-avant=2027-02-01").1 == ["Entretien ménager"])
            try await client.execute(uri: "/appels-d-offres?q=deneigement", method: .get) { response in
                #expect(response.status == .ok && response.text.contains("1 appel ouvert") && response.text.contains("<mark>"))
                #expect(response.text.contains("https://seao.gouv.qc.ca/avis-resultat-recherche/consulter?ItemId=fictif-900004"))
            }
            try await client.execute(uri: "/appels-d-offres?region=99&nature=tout&ferme-avant=demain&categorie=x", method: .get) { response in
                #expect(response.status == .badRequest)
                for message in ["Région « 99 » inconnue.", "Nature « tout » inconnue", "Date « demain » invalide", "Catégorie SEAO « x » invalide"] {
                    #expect(response.text.contains(Self.escaped(message)), "\(message)")
                }
            }
            try await client.execute(uri: "/en/appels-d-offres", method: .get) { response in
                #expect(response.status == .ok && response.text.contains("2 open calls") && response.text.contains("Notice on SEAO"))
            }
            // A process's page, open or closed; an unknown one is a 404.
            try await client.execute(uri: "/appels-d-offres/ocds-ec9k95-900001", method: .get) { response in
                #expect(response.status == .ok && response.text.contains("Appel ouvert") && response.text.contains("Longueuil"))
                #expect(response.text.contains(Self.escaped("S3 - Services d'entretien")) && response.text.contains("UNSPSC"))
                #expect(response.text.contains(Self.escaped("Avis d'appel d'offres")))
            }
            try await client.execute(uri: "/appels-d-offres/ocds-ec9k95-900002", method: .get) { response in
                #expect(response.status == .ok && response.text.contains(Self.escaped("Cet appel n'est plus ouvert.")))
            }
            try await client.execute(uri: "/appels-d-offres/ocds-ec9k95-404", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test("administrators import a file from the page (a bad one is refused whole) and name a buyer's municipality; others may not")
    func adminPage() async throws {
        try await TestApp.run { client, env in
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            try await client.execute(uri: "/gestion/seao", method: .get, headers: editor.headers) { #expect($0.status == .forbidden) }
            let admin = try await env.signedIn([.admin])
            func upload(_ text: String, name: String) async throws -> (HTTPResponse.Status, String) {
                try await client.execute(uri: "/gestion/seao", method: .post, headers: Kit.uploadHeaders(admin),
                                         body: Kit.multipart([("_csrf", admin.csrf)], files: [.init(field: "fichier", fileName: name, type: "application/json", bytes: Array(text.utf8))])) {
                    ($0.status, $0.text)
                }
            }
            let (bad, badText) = try await upload(String(Self.package().dropLast(5)), name: "tronque.json")
            #expect(bad == .badRequest && badText.contains(Self.escaped("tronque.json : JSON invalide")) && badText.contains(Self.escaped("rien n'a été importé")))
            let (ok, text) = try await upload(Self.package(), name: "hebdo_fictif.json")
            #expect(ok == .ok && text.contains(Self.escaped("hebdo_fictif.json : 4 publications lues, 4 nouvelles")))
            let (again, againText) = try await upload(Self.package(), name: "hebdo_fictif.json")
            #expect(again == .ok && againText.contains("0 nouvelles, 4 déjà importées"))
            // Both city buyers were recognised by name (Longueuil, Brossard are in the fixtures).
            #expect(text.contains(Self.escaped("Tous les organismes municipaux sont reconnus.")))
            // A buyer the name did not match.
            let unknown = try SEAOFixtures.write(SEAOFixtures.package([SEAOFixtures.tender(900009, buyer: ("OP-900009", "Régie intermunicipale fictive"))]))
            defer { try? FileManager.default.removeItem(atPath: unknown) }
            _ = try await TenderService(database: env.database).importFile(at: unknown, source: "regie.json")
            try await client.execute(uri: "/gestion/seao", method: .get, headers: admin.headers) { response in
                #expect(response.status == .ok && response.text.contains(Self.escaped("Régie intermunicipale fictive (OP-900009)")))
            }
            try await client.execute(uri: "/gestion/seao/acheteurs/OP-900009", method: .post, headers: admin.formHeaders, body: admin.form([("municipalite", "123")])) {
                #expect($0.status == .badRequest && $0.text.contains(Self.escaped("doit compter 5 chiffres")))
            }
            try await client.execute(uri: "/gestion/seao/acheteurs/OP-900009", method: .post, headers: admin.formHeaders, body: admin.form([("municipalite", "99999")])) {
                #expect($0.status == .badRequest && $0.text.contains(Self.escaped("aucune municipalité n'a le code « 99999 »")))
            }
            try await client.execute(uri: "/gestion/seao/acheteurs/OP-900009", method: .post, headers: admin.formHeaders, body: admin.form([("municipalite", "58033")])) {
                #expect($0.status == .seeOther)
            }
            #expect(try await TenderService(database: env.database).buyers().first { $0.id == "OP-900009" }?.municipalityCode == "58033")
            try await client.execute(uri: "/appels-d-offres/ocds-ec9k95-900009", method: .get) { #expect($0.text.contains("Boucherville")) }
        }
    }
    @Test("matching: the call's page shows hubs, buyers and administrators the enterprises that could answer; the representative sees the call on their profile; the sectors table is edited with line-by-line errors")
    func matching() async throws {
        try await TestApp.run(profiles: CallTestKit.profiles) { client, env in
            let path = try SEAOFixtures.write(Self.package())
            defer { try? FileManager.default.removeItem(atPath: path) }
            _ = try await TenderService(database: env.database).importFile(at: path, source: "fictif.json")
            let admin = try await env.signedIn([.admin])
            // Brossard's snow removal: no delivery area, so Brossard itself must be served.
            try await client.execute(uri: "/appels-d-offres/ocds-ec9k95-900004", method: .get, headers: admin.headers) { response in
                #expect(response.status == .ok && response.text.contains("Entreprises qui pourraient répondre"))
                #expect(response.text.contains("Coop Montérégie Déneigement") && !response.text.contains("Déneigement Mauricie"))
                #expect(response.text.contains("mots : déneigement"))
            }
            try await client.execute(uri: "/appels-d-offres/ocds-ec9k95-900004", method: .get) { response in
                #expect(response.status == .ok && !response.text.contains("Entreprises qui pourraient répondre"))
            }
            // The enterprise's representative, on its profile.
            let enterprises = try await EnterpriseStore(database: env.database).snapshot().0
            let coop = try #require(enterprises.first { $0.profile.name == "Coop Montérégie Déneigement" })
            let mauricie = try #require(enterprises.first { $0.profile.name == "Déneigement Mauricie" })
            let representative = try await env.signedIn([.representative], enterprise: coop.id)
            try await client.execute(uri: "/entreprises/\(coop.slug)", method: .get, headers: representative.headers) { response in
                #expect(response.text.contains(Self.escaped("Appels d'offres publics qui pourraient vous convenir")))
                #expect(response.text.contains("Déneigement des stationnements (fictif)"))
            }
            try await client.execute(uri: "/entreprises/\(coop.slug)", method: .get) { response in
                #expect(!response.text.contains(Self.escaped("qui pourraient vous convenir")))
            }
            let other = try await env.signedIn([.representative], enterprise: mauricie.id)
            try await client.execute(uri: "/entreprises/\(mauricie.slug)", method: .get, headers: other.headers) { response in
                #expect(response.text.contains(Self.escaped("Aucun appel ouvert du SEAO ne correspond")))
            }
            // The sectors table: a wrong line says where; nothing is saved then.
            try await client.execute(uri: "/gestion/seao/secteurs", method: .post, headers: admin.formHeaders,
                                     body: admin.form([("secteurs", "C01 = habitation\nS19 = deneigement\nZZ = habitation\nS19 = habitation")])) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains(Self.escaped("Ligne 2 : secteur « deneigement » inconnu")))
                #expect(response.text.contains(Self.escaped("Ligne 3 : code « ZZ »")))
            }
            #expect(try await TenderService(database: env.database).sectorMapText().contains("UNSPSC 76 = "))
            try await client.execute(uri: "/gestion/seao/secteurs", method: .post, headers: admin.formHeaders,
                                     body: admin.form([("secteurs", "S19 = environnement-recuperation-recyclage\nunspsc 76110000 = services-entreprises-organisations")])) {
                #expect($0.status == .seeOther)
            }
            #expect(try await TenderService(database: env.database).sectorMapText()
                == "S19 = environnement-recuperation-recyclage\nUNSPSC 76 = services-entreprises-organisations")
        }
    }

    @Test("the API: the open calls with the page's filters, one process with its history; bad parameters are problems")
    func api() async throws {
        try await TestApp.run { client, env in
            let path = try SEAOFixtures.write(Self.package())
            defer { try? FileManager.default.removeItem(atPath: path) }
            _ = try await TenderService(database: env.database).importFile(at: path, source: "fictif.json")
            func titles(_ query: String) async throws -> [String] {
                try await client.execute(uri: "/api/v1/tenders" + query, method: .get) { response in
                    #expect(response.status == .ok)
                    let json = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
                    return ((json?["items"] as? [[String: Any]]) ?? []).compactMap { $0["title"] as? String }
                }
            }
            #expect(try await titles("") == ["Entretien ménager des bâtiments municipaux (fictif)", "Déneigement des stationnements (fictif)"])
            #expect(try await titles("?all=true&region=06") == ["Services de traiteur pour colloque (fictif)"])
            #expect(try await titles("?q=deneigement&kind=services&category=S19&closesBy=2027-12-31") == ["Déneigement des stationnements (fictif)"])
            for bad in ["?region=99", "?kind=tout", "?category=c1", "?closesBy=2027-02-30", "?all=oui", "?q=%20x"] {
                try await client.execute(uri: "/api/v1/tenders" + bad, method: .get) { response in
                    #expect(response.status == .badRequest && response.headers[.contentType]?.hasPrefix("application/problem+json") == true, "\(bad)")
                }
            }
            try await client.execute(uri: "/api/v1/tenders/ocds-ec9k95-900002", method: .get) { response in
                #expect(response.status == .ok && response.text.contains("\"history\"") && response.text.contains("\"seaoNumber\":\"900002\""))
            }
            try await client.execute(uri: "/api/v1/tenders/ocds-inconnu", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func genericWordsOfPublicBuyingAreNotLookedUp() {
        #expect(CallMatcher.words(title: "Services municipaux de déneigement des stationnements (fictif)", description: "").map(\.word)
                == ["déneigement", "stationnements"])
        #expect(CallMatcher.words(title: "Travaux d'entretien ménager, Ville de Longueuil", description: "").map(\.word) == ["entretien", "ménager", "longueuil"])
        #expect(CallMatcher.words(title: "Gestion de l’aréna, qu'importe l'horaire", description: "").map(\.word) == ["gestion", "aréna", "importe", "horaire"])
        for (word, expected) in [("d'entretien", "entretien"), ("l’aréna", "aréna"), ("qu'importe", "importe"), ("quai", "quai"), ("aujourd'hui", "aujourd'hui"),
                                 ("x'y", "x'y"), ("d'", ""), ("q'a", "q'a"), ("l", "l"), ("", "")] {
            #expect(CallMatcher.droppingElision(word) == expected, "\(word)")
        }
    }
}
