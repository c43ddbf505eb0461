import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import Repertoire

/// Issue #16 through the real app: contracts recorded by buyers, the dashboards of each role's
/// territory, the figures checked against sums computed here from the stored rows, the public
/// page, bad input, revisions, the export and the chart's drawing.
@Suite("Responsible-purchasing record")
struct PurchaseRecordTests {
    typealias Kit = CallTestKit

    static let profiles: [EnterpriseProfile] = {
        let rive = Fixtures.complete(name: "Déneigement Rive-Sud")                 // Longueuil, 24 jobs, 9 in integration
        let habitat = Fixtures.minimal("Habitations Brossard", municipality: "58007")  // Brossard, same MRC
        var caterer = Fixtures.minimal("Traiteur Saveurs Solidaires", municipality: "58227", sector: "agroalimentaire-restauration")
        caterer.benefits = CommunityBenefits(employees: 6, integrationEmployees: 4)
        let mauricie = Fixtures.minimal("Récup Mauricie", municipality: "37067", sector: "environnement-recuperation-recyclage")
        return [rive, habitat, caterer, mauricie]
    }()

    static func fields(_ enterprise: String, date: String, amount: String, procedure: String = "gre-a-gre", kind: String = "services",
                       description: String = "Déneigement des stationnements") -> [(String, String)] {
        [("entreprise", enterprise), ("date", date), ("montant", amount), ("mode", procedure), ("type", kind), ("description", description)]
    }

    /// Records through the form and returns the new contract's id.
    static func add(_ client: some TestClientProtocol, _ user: TestEnvironment.SignedIn, _ fields: [(String, String)]) async throws -> String {
        try await client.execute(uri: "/acheteurs/contrats/nouveau", method: .post, headers: user.formHeaders, body: user.form(fields)) { response in
            #expect(response.status == .seeOther, "\(response.text.prefix(800))")
            return String((response.headers[.location] ?? "").split(separator: "?").first?.split(separator: "/").last ?? "")
        }
    }

    static func directory(_ env: TestEnvironment) async throws -> DirectoryService {
        let directory = DirectoryService(database: env.database, synonyms: try SynonymTable.parse(SynonymTable.defaultSynonymsText), logger: TestDatabases.logger)
        try await directory.loadIndex()
        return directory
    }

    @Test("a buyer records contracts; the dashboards add them up exactly as the stored rows do, per year, procedure, sector and territory",
          arguments: TestDatabases.kinds)
    func figures(_ kind: TestDatabases.Kind) async throws {
        try await TestApp.run(kind, profiles: Self.profiles) { client, env in
            let longueuil = try await env.signedIn([.buyer], municipality: "58227")
            let brossard = try await env.signedIn([.buyer], municipality: "58007")
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            let entries: [(TestEnvironment.SignedIn, [(String, String)])] = [
                (longueuil, Self.fields("Déneigement Rive-Sud", date: "\(year - 1)-01-15", amount: "18 500")),
                (longueuil, Self.fields("déneigement rive-sud", date: "\(year - 1)-11-02", amount: "60 000,50", procedure: "invitation")),
                (longueuil, Self.fields("Traiteur Saveurs Solidaires", date: "\(year)-03-01", amount: "2 400", kind: "biens", description: "Buffet du conseil")),
                (longueuil, Self.fields("Habitations Brossard", date: "\(year)-04-20", amount: "130000", procedure: "appel-public", kind: "travaux")),
                (brossard, Self.fields("Récup Mauricie", date: "\(year)-02-10", amount: "9 999,99")),
            ]
            for (user, fields) in entries { _ = try await Self.add(client, user, fields) }

            // Sums computed here from the stored rows, independently of the dashboard's code.
            let rows = try await env.database.read { sql in
                try await sql.raw("SELECT municipality_code, year, procedure, sector_slug, amount_cents, supplier_municipality_code FROM purchase_contracts").all()
            }
            struct Row { var municipality: String; var year: Int; var procedure: String; var sector: String; var cents: Int64; var supplier: String }
            let raw = try rows.map { Row(municipality: try $0.decode(column: "municipality_code", as: String.self), year: try $0.decode(column: "year", as: Int.self),
                                         procedure: try $0.decode(column: "procedure", as: String.self), sector: try $0.decode(column: "sector_slug", as: String.self),
                                         cents: try $0.decode(column: "amount_cents", as: Int64.self), supplier: try $0.decode(column: "supplier_municipality_code", as: String.self)) }
            #expect(raw.count == 5)
            let typedTotal: Int64 = 1_850_000 + 6_000_050 + 240_000 + 13_000_000 + 999_999
            let storedTotal: Int64 = raw.map(\.cents).reduce(0, +)
            #expect(storedTotal == typedTotal)

            let service = PurchaseRecordService(store: PurchaseRecordStore(database: env.database), directory: try await Self.directory(env),
                                                callStore: CallStore(database: env.database), mail: env.mail, baseURL: "http://localhost")
            let city = try await service.dashboard(PurchaseFilter(scope: .municipality("58227")), for: longueuil.user)
            let mine = raw.filter { $0.municipality == "58227" }
            #expect(city.count == mine.count && city.amountCents == mine.map(\.cents).reduce(0, +))
            for line in city.byYear {
                #expect(line.amountCents == mine.filter { String($0.year) == line.key }.map(\.cents).reduce(0, +), "year \(line.key)")
            }
            for line in city.byProcedure {
                #expect(line.amountCents == mine.filter { $0.procedure == line.key }.map(\.cents).reduce(0, +), "procedure \(line.key)")
            }
            for line in city.bySector {
                #expect(line.amountCents == mine.filter { $0.sector == line.key }.map(\.cents).reduce(0, +), "sector \(line.key)")
            }
            #expect(city.sameMunicipalityCents == mine.filter { $0.supplier == "58227" }.map(\.cents).reduce(0, +))
            // Both suppliers of Longueuil and Brossard's are in the agglomeration (MRC 58).
            #expect(city.sameMRCCents == mine.map(\.cents).reduce(0, +))
            #expect(city.enterprises == 3 && city.integrationEmployees == 9 + 4 && city.employees == 24 + 6)
            let filtered = try await service.dashboard(PurchaseFilter(scope: .municipality("58227"), fromYear: year, toYear: year, procedure: .mutualAgreement), for: longueuil.user)
            #expect(filtered.count == 1 && filtered.amountCents == 240_000)

            // The agglomeration's and the region's: both cities; Quebec's: everything.
            let admin = try await env.signedIn([.admin])
            let region = try await service.dashboard(PurchaseFilter(scope: .region("16")), for: admin.user)
            #expect(region.amountCents == raw.map(\.cents).reduce(0, +))
            #expect(Set(region.byMunicipality.map(\.key)) == ["58227", "58007"])
            let mrc = try await service.dashboard(PurchaseFilter(scope: .mrc("58")), for: admin.user)
            #expect(mrc.amountCents == region.amountCents)

            // The page: figures in French format, the chart with its title, the table beside it.
            let page = try await Kit.page(client, longueuil, "/acheteurs/tableau-de-bord")
            #expect(page.contains("Achats responsables — Longueuil"))
            #expect(page.contains("210 901 $"), "total in whole dollars")
            #expect(page.contains("<svg") && page.contains("role=\"img\"") && page.contains("Montants octroyés par année, selon le mode d'octroi"))
            #expect(page.contains("<caption>Montants et nombre de contrats par année</caption>"))
            #expect(page.contains("Emplois en insertion") && page.contains(">13<"))
            // Every figure links to the contracts behind it.
            #expect(page.contains("/acheteurs/contrats?territoire=municipalite:58227&amp;depuis=\(year)&amp;jusqua=\(year)"))
            let list = try await Kit.page(client, longueuil, "/acheteurs/contrats?territoire=municipalite%3A58227&depuis=\(year)&jusqua=\(year)")
            #expect(list.contains("2 contrat(s)") && list.contains("Buffet du conseil") && !list.contains("18 500"))
            // The server's copy of the record follows each write: one more contract, then deleted.
            let extra = try await Self.add(client, longueuil, Self.fields("Habitations Brossard", date: "\(year)-05-01", amount: "1 000"))
            #expect(try await Kit.page(client, longueuil, "/acheteurs/tableau-de-bord").contains("211 901 $"))
            _ = try await Kit.post(client, longueuil, "/acheteurs/contrats/\(extra)/supprimer", [("version", "1")])
            #expect(try await Kit.page(client, longueuil, "/acheteurs/tableau-de-bord").contains("210 901 $"))
            let english = try await Kit.page(client, longueuil, "/en/acheteurs/tableau-de-bord")
            #expect(english.contains("Responsible purchasing — Longueuil") && english.contains("$210,901"))

            // A bad filter is named, not a 500.
            let bad = try await Kit.page(client, longueuil, "/acheteurs/tableau-de-bord?depuis=deux-mille&mode=troc", expect: .badRequest)
            #expect(bad.contains("De l'année : « deux-mille » n'est pas une année") && bad.contains("Mode d'octroi « troc » inconnu"))

            // The export carries the filtered contracts.
            let csv = try await client.execute(uri: "/acheteurs/contrats/exporter?format=csv&territoire=municipalite%3A58227", method: .get, headers: longueuil.headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition]?.contains("attachment") == true)
                return response.text
            }
            #expect(csv.contains("Buffet du conseil") && csv.contains("Déneigement Rive-Sud") && !csv.contains("Récup Mauricie"))
        }
    }

    @Test("who sees which dashboard: a buyer their city, a hub editor their regions, an administrator Quebec; only buyers and administrators record")
    func access() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let longueuil = try await env.signedIn([.buyer], municipality: "58227")
            let brossard = try await env.signedIn([.buyer], municipality: "58007")
            let hub = try await env.signedIn([.hubEditor], regions: ["16"])
            let mauricieHub = try await env.signedIn([.hubEditor], regions: ["04"])
            let representative = try await env.signedIn([.representative])
            let admin = try await env.signedIn([.admin])
            let id = try await Self.add(client, longueuil, Self.fields("Déneigement Rive-Sud", date: "2026-01-15", amount: "18500"))

            _ = try await Kit.page(client, brossard, "/acheteurs/tableau-de-bord?territoire=municipalite%3A58227", expect: .forbidden)
            _ = try await Kit.page(client, brossard, "/acheteurs/contrats/\(id)", expect: .notFound)
            _ = try await Kit.page(client, brossard, "/acheteurs/tableau-de-bord?territoire=region%3A16", expect: .forbidden)
            let hubPage = try await Kit.page(client, hub, "/acheteurs/tableau-de-bord")
            #expect(hubPage.contains("Région 16") && hubPage.contains("18 500 $"))
            _ = try await Kit.page(client, hub, "/acheteurs/tableau-de-bord?territoire=mrc%3A58")
            _ = try await Kit.page(client, hub, "/acheteurs/contrats/\(id)")
            _ = try await Kit.page(client, hub, "/acheteurs/tableau-de-bord?territoire=quebec", expect: .forbidden)
            _ = try await Kit.page(client, mauricieHub, "/acheteurs/tableau-de-bord?territoire=region%3A16", expect: .forbidden)
            _ = try await Kit.page(client, mauricieHub, "/acheteurs/contrats/\(id)", expect: .notFound)
            _ = try await Kit.page(client, hub, "/acheteurs/contrats/nouveau", expect: .forbidden)
            _ = try await Kit.post(client, hub, "/acheteurs/contrats/nouveau", Self.fields("Déneigement Rive-Sud", date: "2026-01-15", amount: "1"), expect: .forbidden)
            _ = try await Kit.page(client, representative, "/acheteurs/tableau-de-bord", expect: .forbidden)
            let quebec = try await Kit.page(client, admin, "/acheteurs/tableau-de-bord")
            #expect(quebec.contains("Tout le Québec") && quebec.contains("18 500 $"))
            try await client.execute(uri: "/acheteurs/tableau-de-bord", method: .get) { response in
                #expect(response.status == .seeOther && response.headers[.location]?.hasPrefix("/connexion") == true)
            }
            // A buyer of Brossard cannot change Longueuil's contract, even by forging the form.
            _ = try await Kit.post(client, brossard, "/acheteurs/contrats/\(id)/modifier",
                                   Self.fields("Déneigement Rive-Sud", date: "2026-01-15", amount: "1") + [("version", "1")], expect: .notFound)
            // The API, under the same rules.
            func token(_ user: TestEnvironment.SignedIn) async throws -> String {
                try await env.database.transaction { sql in try await APITokenStore.create(userID: user.user.id, name: "test", now: Date(), on: sql).secret }
            }
            let buyerToken = try await token(longueuil), otherToken = try await token(brossard)
            try await client.execute(uri: "/api/v1/purchases/dashboard", method: .get, headers: [.authorization: "Bearer \(buyerToken)"]) { response in
                #expect(response.status == .ok)
                #expect(response.json["amountCents"] as? Int == 1_850_000 && response.json["territory"] as? String == "municipalite:58227")
            }
            try await client.execute(uri: "/api/v1/purchases", method: .get, headers: [.authorization: "Bearer \(buyerToken)"]) { response in
                #expect((response.json["contracts"] as? [[String: Any]])?.first?["id"] as? String == id)
            }
            try await client.execute(uri: "/api/v1/purchases/dashboard?territoire=municipalite:58227", method: .get, headers: [.authorization: "Bearer \(otherToken)"]) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/purchases?depuis=hier", method: .get, headers: [.authorization: "Bearer \(buyerToken)"]) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("n'est pas une année"))
            }
            // An administrator records for any municipality.
            _ = try await Self.add(client, admin, Self.fields("Récup Mauricie", date: "2026-02-01", amount: "5000") + [("municipalite", "37067")])
            let mauricie = try await Kit.page(client, mauricieHub, "/acheteurs/tableau-de-bord")
            #expect(mauricie.contains("5 000 $"))
        }
    }

    @Test("bad input: every problem named at its field, nothing stored; an unlisted supplier needs its NEQ and the hub is told to add it")
    func badInput() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let hub = try await env.createUser([.hubEditor], regions: ["16"])
            let page = try await Kit.post(client, buyer, "/acheteurs/contrats/nouveau",
                                          [("entreprise", "Entreprise Inexistante"), ("date", "2099-01-01"), ("montant", "douze"), ("mode", "troc"), ("type", ""), ("description", "")],
                                          expect: .unprocessableContent)
            for text in ["Aucune entreprise du répertoire ne s'appelle « Entreprise Inexistante »", "est après aujourd'hui", "Ce montant n'est pas un nombre",
                         "Choisissez le mode d'octroi", "Choisissez le type de contrat", "Décrivez ce qui a été acheté"] {
                #expect(page.contains(text), "\(text)")
            }
            #expect(page.contains("aria-invalid=\"true\"") && page.contains("value=\"Entreprise Inexistante\""))
            let missingNEQ = try await Kit.post(client, buyer, "/acheteurs/contrats/nouveau",
                                                Self.fields("", date: "2026-01-10", amount: "800") + [("fournisseur", "Coop Nouvelle")], expect: .unprocessableContent)
            #expect(missingNEQ.contains("Écrivez le NEQ du fournisseur"))
            let count = try await env.database.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM purchase_contracts").first()?.decode(column: "n", as: Int.self) ?? -1 }
            #expect(count == 0)

            _ = try await Self.add(client, buyer, Self.fields("", date: "2026-01-10", amount: "800") + [("fournisseur", "Coop Nouvelle"), ("neq", "1140139735")])
            let notice = try #require(env.mail.sent.first { $0.kind == "supplier-to-add" })
            #expect(notice.to == hub.email && notice.body.contains("Coop Nouvelle") && notice.body.contains("1140139735"))
        }
    }

    @Test("changes keep every version; a stale form is refused; a deletion leaves the history")
    func revisions() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let id = try await Self.add(client, buyer, Self.fields("Déneigement Rive-Sud", date: "2026-01-15", amount: "18500"))
            _ = try await Kit.post(client, buyer, "/acheteurs/contrats/\(id)/modifier",
                                   Self.fields("Déneigement Rive-Sud", date: "2026-01-15", amount: "19 250") + [("version", "1")])
            let stale = try await Kit.post(client, buyer, "/acheteurs/contrats/\(id)/modifier",
                                           Self.fields("Déneigement Rive-Sud", date: "2026-01-15", amount: "1") + [("version", "1")], expect: .conflict)
            #expect(stale.contains("Quelqu'un a modifié ou supprimé ce contrat"))
            let page = try await Kit.page(client, buyer, "/acheteurs/contrats/\(id)")
            #expect(page.contains("19 250 $") && page.contains("Version 2 — modifié") && page.contains("Version 1 — inscrit"))
            _ = try await Kit.post(client, buyer, "/acheteurs/contrats/\(id)/supprimer", [("version", "2")])
            _ = try await Kit.page(client, buyer, "/acheteurs/contrats/\(id)", expect: .notFound)
            let revisions = try await PurchaseRecordStore(database: env.database).revisions(of: id)
            #expect(revisions.map(\.action) == ["deleted", "updated", "created"])
            #expect(revisions[1].contract.amountCents == 1_925_000)
        }
    }

    @Test("the public page exists only once the city opts in, shows no personal data and, without exact amounts, no amount of a small group")
    func publicPage() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            _ = try await Self.add(client, buyer, Self.fields("Déneigement Rive-Sud", date: "2026-01-15", amount: "18500"))
            try await client.execute(uri: "/achats-responsables/58227", method: .get) { response in #expect(response.status == .notFound) }
            // The enterprise's profile lists the contract: the city, the year, the kind, the amount's band.
            let slug = try await env.database.read { sql in
                try await sql.raw("SELECT slug FROM enterprises WHERE name = 'Déneigement Rive-Sud'").first()?.decode(column: "slug", as: String.self) ?? ""
            }
            let profile = try await client.execute(uri: "/entreprises/\(slug)", method: .get) { $0.text.replacingOccurrences(of: "\u{00A0}", with: " ") }
            #expect(profile.contains("<strong>Longueuil</strong>, 2026 — Fourniture de services (moins de 25 000 $)"), "\(profile.prefix(0))")
            _ = try await Kit.post(client, buyer, "/acheteurs/tableau-de-bord/publication", [("territoire", "58227"), ("publique", "oui")])
            let page = try await client.execute(uri: "/achats-responsables/58227", method: .get) { response in
                #expect(response.status == .ok)
                return response.text.replacingOccurrences(of: "\u{00A0}", with: " ")
            }
            #expect(page.contains("Achats responsables — Longueuil") && page.contains("n. d.") && !page.contains("18 500"))
            #expect(!page.contains("julie@") && !page.contains("/acheteurs/contrats"))
            _ = try await Kit.post(client, buyer, "/acheteurs/tableau-de-bord/publication", [("territoire", "58227"), ("publique", "oui"), ("montants", "exacts")])
            let exact = try await client.execute(uri: "/achats-responsables/58227", method: .get) { $0.text.replacingOccurrences(of: "\u{00A0}", with: " ") }
            #expect(exact.contains("18 500 $"))
            let exactProfile = try await client.execute(uri: "/entreprises/\(slug)", method: .get) { $0.text.replacingOccurrences(of: "\u{00A0}", with: " ") }
            #expect(exactProfile.contains("<strong>Longueuil</strong>, 2026 — Fourniture de services (18 500 $)"))
            // Another city's buyer cannot publish Longueuil's figures.
            let brossard = try await env.signedIn([.buyer], municipality: "58007")
            _ = try await Kit.post(client, brossard, "/acheteurs/tableau-de-bord/publication", [("territoire", "58227")], expect: .forbidden)
            // The agglomeration's page: turned on by the region's hub, not by a city's buyer.
            _ = try await Kit.post(client, buyer, "/acheteurs/tableau-de-bord/publication", [("territoire", "mrc-58"), ("publique", "oui")], expect: .forbidden)
            let hub = try await env.signedIn([.hubEditor], regions: ["16"])
            _ = try await Kit.post(client, hub, "/acheteurs/tableau-de-bord/publication", [("territoire", "mrc-58"), ("publique", "oui")])
            let agglomeration = try await client.execute(uri: "/achats-responsables/mrc-58", method: .get) { response in
                #expect(response.status == .ok)
                return response.text.replacingOccurrences(of: "\u{00A0}", with: " ")
            }
            #expect(agglomeration.contains("Achats responsables — Territoire de Longueuil"))
            #expect(agglomeration.contains("n. d."))
        }
    }

    @Test("the answer of a call for interest is retained: the form comes filled from the call, and the call shows the contract")
    func fromCall() async throws {
        try await TestApp.run(profiles: Kit.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let callID = try await Kit.create(client, buyer)
            try await Kit.proposeAndSend(client, buyer, callID)
            let letter = try #require(env.mail.sent.first { $0.to == "bonjour@monteregie.exemple.org" })
            let path = try #require(Kit.answerPath(letter))
            _ = try await Kit.answer(client, path: path, [("reponse", "interested"), ("message", "Disponibles."), ("contact-nom", "Marc Gagnon"),
                                                          ("contact-courriel", "marc@monteregie.exemple.org")])
            var call = try await Kit.page(client, buyer, "/acheteurs/appels/\(callID)")
            let enterpriseID = try await Kit.id(of: "Coop Montérégie Déneigement", env)
            let link = "/acheteurs/contrats/nouveau?appel=\(callID)&amp;entreprise=\(enterpriseID)"
            #expect(call.contains(link))
            let form = try await Kit.page(client, buyer, link.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(form.contains("value=\"Coop Montérégie Déneigement\"") && form.contains("Déneigement des stationnements municipaux"))
            #expect(form.contains("name=\"appel\" value=\"\(callID)\""))
            _ = try await Self.add(client, buyer, Self.fields("Coop Montérégie Déneigement", date: CalendarDay.string(from: Date()), amount: "22 000",
                                                              description: "Déneigement des stationnements municipaux") + [("appel", callID)])
            call = try await Kit.page(client, buyer, "/acheteurs/appels/\(callID)")
            #expect(call.contains("Retenue : contrat inscrit (22 000 $)"))
            let page = try await Kit.page(client, buyer, "/acheteurs/tableau-de-bord")
            #expect(page.contains("22 000 $") && page.contains("Appels envoyés"))
        }
    }

    @Test("the API's documented filters are the ones the code reads: every sector, procedure and kind")
    func documentedFilters() async throws {
        try await TestApp.run { client, _ in
            let document = try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            }
            let paths = try #require(document["paths"] as? [String: Any])
            for path in ["/api/v1/purchases/dashboard", "/api/v1/purchases"] {
                let get = try #require((paths[path] as? [String: Any])?["get"] as? [String: Any])
                let parameters = try #require(get["parameters"] as? [[String: Any]])
                func values(_ name: String) -> Set<String> {
                    Set((parameters.first { $0["name"] as? String == name }?["schema"] as? [String: Any])?["enum"] as? [String] ?? [])
                }
                #expect(values("secteur") == Set(Sector.all.map(\.slug)))
                #expect(values("mode") == Set(PurchaseContract.Procedure.allCases.map(\.rawValue)))
                #expect(values("type") == Set(ContractKind.allCases.map(\.rawValue)))
            }
        }
    }

    @Test("a chart is drawn the same way every time: title, description, bars in proportion, figures as given")
    func chartSnapshot() {
        let svg = SVGChart.bars(id: "g", title: "Par secteur", description: "Montant", axis: "Montant ($)", bars: [
            .init(label: "Environnement", value: 300, valueText: "300 $"),
            .init(label: "Alimentation <bio>", value: 150, valueText: "150 $"),
        ]).renderText
        let expected = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 730 108" width="730" aria-labelledby="g-titre g-desc">\
            <title id="g-titre">Par secteur</title><desc id="g-desc">Montant</desc>\
            <text x="292" y="27" text-anchor="end" class="chart-label">Environnement</text><rect x="300" y="13" width="300" height="20" fill="#1d4e89"></rect>\
            <text x="606" y="27" class="chart-value">300 $</text>\
            <text x="292" y="57" text-anchor="end" class="chart-label">Alimentation &lt;bio&gt;</text><rect x="300" y="43" width="150" height="20" fill="#1d4e89"></rect>\
            <text x="456" y="57" class="chart-value">150 $</text>\
            <line x1="300" y1="8" x2="300" y2="72" stroke="#333"></line><line x1="300" y1="72" x2="600" y2="72" stroke="#333"></line>\
            <text x="450" y="98" text-anchor="middle" class="chart-axis">Montant ($)</text></svg>
            """
        #expect(svg == expected)
        #expect(SVGChart.niceStep(1_000) == 500 && SVGChart.niceStep(90_000) == 50_000 && SVGChart.niceStep(7) == 2)
    }
}

@Suite("Responsible-purchasing record: import")
struct PurchaseImportTests {
    typealias Kit = CallTestKit

    /// A city's spreadsheet as it comes: semicolons, French headers in another order, dates and
    /// amounts written by hand, and mistakes.
    static let csv = """
        Date d'octroi;Fournisseur;NEQ;Ville du fournisseur;Objet du contrat;Mode d'octroi;Nature;Montant avant taxes
        14/03/2026;Déneigement Rive-Sud;;Longueuil;Déneigement hiver;Gré à gré;Services;18 500,00 $
        2026-04-02;traiteur saveurs solidaires;;;Buffet du conseil;gré à gré;Biens;2 400
        2026-05-10;Coop Inconnue;;;Entretien ménager;Invitation écrite;Services;30 000
        2026-05-11;Coop Nouvelle;2260012345;;Tonte des parcs;Invitation écrite;Services professionnels;31 000
        31/02/2026;Déneigement Rive-Sud;;;Déneigement;Appel d'offres public;Travaux;150000
        2026-06-01;Habitations Brossard;;;Réfection;Appel d'offres public;Construction;beaucoup

        """

    static func upload(_ client: some TestClientProtocol, _ user: TestEnvironment.SignedIn, _ text: String, name: String = "contrats-2026.csv") async throws -> String {
        let location = try await client.execute(uri: "/acheteurs/contrats/importer", method: .post, headers: Kit.uploadHeaders(user),
                                                body: Kit.multipart([("_csrf", user.csrf)], files: [Kit.Part(field: "fichier", fileName: name, type: "text/csv", bytes: Array(text.utf8))])) { response in
            #expect(response.status == .seeOther, "\(response.text.prefix(500))")
            return response.headers[.location] ?? ""
        }
        return String(location.split(separator: "/").last ?? "")
    }

    @Test("a real-looking spreadsheet: mapped from its headers, each problem named with its line, the valid rows applied once as a batch, a second import finds them, a revert removes them")
    func spreadsheet() async throws {
        try await TestApp.run(profiles: PurchaseRecordTests.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let id = try await Self.upload(client, buyer, Self.csv)
            let preview = try await Kit.page(client, buyer, "/acheteurs/contrats/importer/\(id)")
            #expect(preview.contains("data-ligne=\"2\" data-etat=\"valide\"") && preview.contains("trouvée par son nom et sa municipalité"))
            #expect(preview.contains("data-ligne=\"3\" data-etat=\"valide\""))
            #expect(preview.contains("data-ligne=\"4\" data-etat=\"refusee\"") && preview.contains("Écrivez le NEQ du fournisseur"))
            #expect(preview.contains("data-ligne=\"5\" data-etat=\"valide\"") && preview.contains("fournisseur hors répertoire, NEQ 2260012345"))
            #expect(preview.contains("data-ligne=\"6\" data-etat=\"refusee\"") && preview.contains("Date d'octroi invalide « 2026-02-31 »"))
            #expect(preview.contains("data-ligne=\"7\" data-etat=\"refusee\"") && preview.contains("Ce montant n'est pas un nombre"))
            // The proposed mapping is shown, each field with its column.
            #expect(preview.contains("<option value=\"7\" selected>Montant avant taxes</option>"))
            var count = try await env.database.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM purchase_contracts").first()?.decode(column: "n", as: Int.self) ?? -1 }
            #expect(count == 0, "a preview writes nothing")

            _ = try await Kit.post(client, buyer, "/acheteurs/contrats/importer/\(id)/appliquer")
            let again = try await Kit.post(client, buyer, "/acheteurs/contrats/importer/\(id)/appliquer", expect: .conflict)
            #expect(again.contains("rien n'a été ajouté deux fois"))
            count = try await env.database.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM purchase_contracts").first()?.decode(column: "n", as: Int.self) ?? -1 }
            #expect(count == 3)
            let dashboard = try await Kit.page(client, buyer, "/acheteurs/tableau-de-bord")
            #expect(dashboard.contains("51 900 $"))

            // The same file again: every valid row is already there.
            let second = try await Self.upload(client, buyer, Self.csv)
            let secondPreview = try await Kit.page(client, buyer, "/acheteurs/contrats/importer/\(second)")
            #expect(secondPreview.components(separatedBy: "data-etat=\"doublon\"").count - 1 == 3)
            _ = try await Kit.post(client, buyer, "/acheteurs/contrats/importer/\(second)/appliquer", expect: .unprocessableContent)

            // A corrected mapping: the amount read from another column refuses every row.
            _ = try await Kit.post(client, buyer, "/acheteurs/contrats/importer/\(second)/correspondance",
                                   [("fournisseur", "1"), ("date", "0"), ("montant", "4"), ("mode", "5"), ("type", "6"), ("description", "4")])
            let remapped = try await Kit.page(client, buyer, "/acheteurs/contrats/importer/\(second)")
            #expect(!remapped.contains("data-etat=\"valide\""))

            // Reverted: the three contracts leave the record, their history stays.
            _ = try await Kit.post(client, buyer, "/acheteurs/contrats/importer/\(id)/annuler")
            count = try await env.database.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM purchase_contracts").first()?.decode(column: "n", as: Int.self) ?? -1 }
            #expect(count == 0)
            let history = try await env.database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM purchase_contract_revisions WHERE action = 'deleted'").first()?.decode(column: "n", as: Int.self) ?? -1
            }
            #expect(history == 3)

            // Not a table, and another city's import.
            let refused = try await client.execute(uri: "/acheteurs/contrats/importer", method: .post, headers: Kit.uploadHeaders(buyer),
                                                   body: Kit.multipart([("_csrf", buyer.csrf)], files: [Kit.Part(field: "fichier", fileName: "photo.csv", type: "text/csv", bytes: [0xFF, 0xD8, 0xFF, 0x00, 0x01])])) { response in
                #expect(response.status == .unprocessableContent)
                return response.text
            }
            #expect(refused.contains("photo.csv"))
            let brossard = try await env.signedIn([.buyer], municipality: "58007")
            _ = try await Kit.page(client, brossard, "/acheteurs/contrats/importer/\(id)", expect: .notFound)
        }
    }
}
