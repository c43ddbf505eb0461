import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

/// Issue #14 through the real app: the buyers' tab, the procurement advisor and its dated
/// thresholds, and purchase lists shared within a municipality, by web and API.
@Suite("Buyer workspace")
struct BuyerWorkspaceTests {
    static func offering(_ name: String, _ kind: OfferingKind, offered: Bool = true) -> Offering {
        Offering(name: name, kind: kind, offeredToMunicipalities: offered)
    }

    /// One enterprise per service-area scope around Longueuil, and some that must stay out.
    static let profiles: [EnterpriseProfile] = {
        var quebec = Fixtures.minimal("Déneigement Québec entier", municipality: "37067")
        quebec.serviceArea = ServiceArea(scope: .quebec)
        quebec.offerings = [offering("Déneigement de stationnements", .service)]
        quebec.coordinates = Coordinates(latitude: 46.35, longitude: -72.55)
        quebec.contracts = [MunicipalContract(municipality: "Trois-Rivières", year: 2024, description: "Déneigement", amount: 40_000)]
        var region = Fixtures.minimal("Déneigement Montérégie", municipality: "58007")
        region.serviceArea = ServiceArea(scope: .regions, codes: ["16"])
        region.offerings = [offering("Déneigement de trottoirs", .service)]
        region.coordinates = Coordinates(latitude: 45.45, longitude: -73.46)
        region.legalForm = .workersCooperative
        var agglomeration = Fixtures.minimal("Déneigement Agglomération", municipality: "58033")
        agglomeration.serviceArea = ServiceArea(scope: .mrcs, codes: ["58"])
        agglomeration.offerings = [offering("Sel de voirie", .good)]
        agglomeration.coordinates = Coordinates(latitude: 45.60, longitude: -73.45)
        agglomeration.certifications = ["entreprise-insertion"]
        var longueuil = Fixtures.complete(name: "Déneigement Longueuil")
        longueuil.offerings = [offering("Déneigement de rues", .construction)]
        var brossardOnly = Fixtures.minimal("Déneigement Brossard seulement", municipality: "58007")
        brossardOnly.serviceArea = ServiceArea(scope: .municipalities, codes: ["58007"])
        brossardOnly.offerings = [offering("Déneigement résidentiel", .service)]
        var mauricie = Fixtures.minimal("Déneigement Mauricie", municipality: "37067")
        mauricie.serviceArea = ServiceArea(scope: .regions, codes: ["04"])
        mauricie.offerings = [offering("Déneigement", .service)]
        var notOffered = Fixtures.minimal("Déneigement privé", municipality: "58227")
        notOffered.offerings = [offering("Déneigement résidentiel", .service, offered: false)]
        return [quebec, region, agglomeration, longueuil, brossardOnly, mauricie, notOffered]
    }()

    static let servingLongueuil: Set<String> = ["Déneigement Québec entier", "Déneigement Montérégie", "Déneigement Agglomération", "Déneigement Longueuil"]

    static func names(_ html: String) -> Set<String> { Set(ordered(html)) }

    /// The cards' names, in order.
    static func ordered(_ html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"<h3 class="card-title"[^>]*><a href="[^"]*">([^<]*)</a>"#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { Range($0.range(at: 1), in: html).map { String(html[$0]) } }
    }

    @Test("the tab: enterprises offering to municipalities that serve the buyer's municipality, by every service-area scope")
    func servesMyMunicipality() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let html = try await client.execute(uri: "/acheteurs", method: .get, headers: buyer.headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "private, no-store")
                return response.text.plain
            }
            #expect(Self.names(html) == Self.servingLongueuil)
            // Side by side: benefits, contracts, area served, managers (the buyer may see them).
            #expect(html.contains("24 employés (dont 9 en insertion ou adaptés)"))
            #expect(html.contains("Julie Tremblay") && html.contains("Contrats municipaux réalisés"))
            #expect(html.contains("Territoire de Longueuil") || html.contains("Territoire desservi"))
            // Another municipality, all of Quebec, the English tab.
            let brossard = try await client.execute(uri: "/acheteurs?municipalite=58007", method: .get, headers: buyer.headers) { $0.text.plain }
            #expect(Self.names(brossard).isSuperset(of: ["Déneigement Brossard seulement", "Déneigement Montérégie", "Déneigement Agglomération", "Déneigement Québec entier"]))
            #expect(!Self.names(brossard).contains("Déneigement Mauricie"))
            let everywhere = try await client.execute(uri: "/acheteurs?tous=1", method: .get, headers: buyer.headers) { $0.text.plain }
            #expect(Self.names(everywhere) == Self.servingLongueuil.union(["Déneigement Brossard seulement", "Déneigement Mauricie"]))
            let english = try await client.execute(uri: "/en/acheteurs", method: .get, headers: buyer.headers) { $0.text.plain }
            #expect(english.contains("Buyers' workspace") && english.contains("Kind of offering to municipalities"))
            #expect(Self.names(english) == Self.servingLongueuil)
        }
    }

    @Test("kind of offering, municipal contracts, certification and legal form filter with counts")
    func buyerFilters() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let goods = try await client.execute(uri: "/acheteurs?type=bien", method: .get, headers: buyer.headers) { $0.text.plain }
            #expect(Self.names(goods) == ["Déneigement Agglomération"])
            #expect(goods.contains("Services <span class=\"count\">(2"), "the other kinds keep their counts")
            let contracted = try await client.execute(uri: "/acheteurs?contrats=true", method: .get, headers: buyer.headers) { $0.text.plain }
            #expect(Self.names(contracted) == ["Déneigement Québec entier", "Déneigement Longueuil"])
            let certified = try await client.execute(uri: "/acheteurs?certification=entreprise-insertion", method: .get, headers: buyer.headers) { $0.text.plain }
            #expect(Self.names(certified) == ["Déneigement Agglomération", "Déneigement Longueuil"])
            let form = try await client.execute(uri: "/acheteurs?forme=cooperative-travail", method: .get, headers: buyer.headers) { $0.text.plain }
            #expect(Self.names(form) == ["Déneigement Montérégie"])
            try await client.execute(uri: "/acheteurs?type=navire", method: .get, headers: buyer.headers) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.plain.contains("Type d'offre inconnu « navire »"))
            }
        }
    }

    @Test("closest first: from the buyer's municipality (the mean of its enterprises' coordinates)")
    func nearestFirst() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let html = try await client.execute(uri: "/acheteurs?tri=distance", method: .get, headers: buyer.headers) { $0.text.plain }
            #expect(Self.ordered(html) == ["Déneigement Longueuil", "Déneigement Agglomération", "Déneigement Montérégie", "Déneigement Québec entier"])
            #expect(html.contains("À moins de 1 km du centre de votre municipalité") && html.range(of: #"À environ 1[0-9][0-9] km du centre"#, options: .regularExpression) != nil)
        }
    }

    @Test("hub editors and administrators see the tab; visitors are sent to sign in; representatives may not")
    func tabAccess() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            for roles: Set<Role> in [[.hubEditor], [.admin]] {
                let user = try await env.signedIn(roles, regions: ["16"])
                try await client.execute(uri: "/acheteurs?tous=1", method: .get, headers: user.headers) { response in
                    #expect(response.status == .ok)
                    #expect(!response.text.plain.contains("Ajouter à la liste"), "lists are buyers' own")
                }
            }
            try await client.execute(uri: "/acheteurs", method: .get) { #expect($0.status == .seeOther) }
            let representative = try await env.signedIn([.representative])
            try await client.execute(uri: "/acheteurs", method: .get, headers: representative.headers) { #expect($0.status == .forbidden) }
        }
    }

    @Test("« Ajouter à la liste » on the public result cards and the profile, for buyers only")
    func addFromAnyCard() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let hub = try await env.signedIn([.hubEditor], regions: ["16"])
            for uri in ["/entreprises?q=deneigement", "/en/entreprises?q=deneigement", "/entreprises/deneigement-longueuil"] {
                try await client.execute(uri: uri, method: .get, headers: buyer.headers) { response in
                    #expect(response.text.contains("action=\"/acheteurs/listes/ajouter\""), "\(uri)")
                }
                for headers in [HTTPFields(), hub.headers] {
                    try await client.execute(uri: uri, method: .get, headers: headers) { #expect(!$0.text.contains("/acheteurs/listes/ajouter"), "\(uri)") }
                }
            }
        }
    }

    @Test("the advisor: procedure, legal basis and the matching enterprises; bad amounts explained by the field")
    func advisor() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let html = try await client.execute(uri: "/acheteurs/mode-de-sollicitation?montant=60+000&type=services&date=2026-12-05&besoin=d%C3%A9neigement",
                                                method: .get, headers: buyer.headers) { $0.text.plain }
            #expect(html.contains("data-procedure=\"invitation-ecrite\""))
            #expect(html.contains("Loi sur les cités et villes, art. 573.1") && html.contains("Code municipal du Québec, art. 936"))
            #expect(html.contains("8 jours") && html.contains("pas un avis juridique"))
            #expect(html.contains("2 entreprise(s) offrent aux municipalités pour « déneigement » et desservent Longueuil"))
            #expect(html.contains("/acheteurs?q=d%C3%A9neigement&amp;municipalite=58227&amp;offre=true&amp;type=service"))
            let english = try await client.execute(uri: "/en/acheteurs/mode-de-sollicitation?montant=200000&type=travaux&date=2026-12-05", method: .get, headers: buyer.headers) { $0.text.plain }
            #expect(english.contains("Public call for tenders (published on SEAO)") && english.contains("Cities and Towns Act, s. 573"))
            for (amount, message) in [("abc", "n'est pas un nombre"), ("-100", "ne peut pas être négatif"), ("20000000000", "10 milliards")] {
                try await client.execute(uri: "/acheteurs/mode-de-sollicitation?montant=\(amount)&type=biens", method: .get, headers: buyer.headers) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.text.plain.contains(message), "\(amount)")
                    #expect(response.text.plain.contains("aria-invalid=\"true\" aria-describedby=\"erreur-montant\""))
                }
            }
            try await client.execute(uri: "/acheteurs/mode-de-sollicitation?montant=5000&type=biens&date=2018-01-01", method: .get, headers: buyer.headers) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.plain.contains("Aucune règle n'est inscrite avant le 2018-04-19"))
            }
        }
    }

    @Test("administrators add the next threshold; the advice for a later date uses it and the history stays")
    func thresholds() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let admin = try await env.signedIn([.admin])
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            try await client.execute(uri: "/admin/seuils", method: .get, headers: buyer.headers) { #expect($0.status == .forbidden) }
            let fields = [("sorte", "appel-public"), ("montant", "139 000"), ("debut", "2027-01-01"), ("source", "Arrêté ministériel (test)"), ("lien", "")]
            try await client.execute(uri: "/admin/seuils", method: .post, headers: admin.formHeaders, body: admin.form(fields)) { response in
                #expect(response.status == .ok)
                #expect(response.text.plain.contains("Seuil ajouté : 139 000 $ à partir du 2027-01-01."))
            }
            try await client.execute(uri: "/admin/seuils", method: .post, headers: admin.formHeaders, body: admin.form(fields)) { response in
                #expect(response.status == .conflict, "the same kind and day twice")
            }
            try await client.execute(uri: "/admin/seuils", method: .post, headers: admin.formHeaders,
                                     body: admin.form([("sorte", "appel-public"), ("montant", "beaucoup"), ("debut", "2027-13-01"), ("source", "")])) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.plain.contains("n'est pas un nombre") && response.text.plain.contains("Date invalide") && response.text.plain.contains("Citez la source"))
            }
            func procedure(_ day: String) async throws -> Bool {
                try await client.execute(uri: "/acheteurs/mode-de-sollicitation?montant=135000&type=biens&date=\(day)", method: .get, headers: buyer.headers) {
                    $0.text.plain.contains("data-procedure=\"appel-d-offres-public\"")
                }
            }
            #expect(try await procedure("2026-12-31"))
            #expect(try await !procedure("2027-01-01"))
            let history = try await client.execute(uri: "/acheteurs/mode-de-sollicitation", method: .get, headers: buyer.headers) { $0.text.plain }
            #expect(history.contains("121 200 $") && history.contains("139 000 $") && history.contains("Arrêté ministériel (test)"))
            let audit = try await AuditLog(database: env.database).entries(action: "threshold-added")
            #expect(audit.count == 1)
        }
    }

    @Test("lists: create from a card, note, reorder, share within the municipality only; 404 elsewhere, by web and API")
    func listsSharing() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let colleague = try await env.signedIn([.buyer], municipality: "58227")
            let brossard = try await env.signedIn([.buyer], municipality: "58007")
            let hub = try await env.signedIn([.hubEditor], regions: ["16"])
            let store = EnterpriseStore(database: env.database)
            let longueuil = try #require(try await store.find("deneigement-longueuil"))
            let region = try #require(try await store.find("deneigement-monteregie"))

            // « Ajouter à la liste » with a new list's name, from a card of the tab.
            let created = try await client.execute(uri: "/acheteurs/listes/ajouter", method: .post, headers: buyer.formHeaders,
                                                   body: buyer.form([("entreprise", longueuil.id), ("liste", ""), ("nom", "Déneigement 2027 – secteur Vieux-Longueuil"), ("retour", "/acheteurs")])) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            let listPath = String(created.prefix { $0 != "?" })
            let id = String(listPath.split(separator: "/").last ?? "")
            #expect(listPath == "/acheteurs/listes/\(id)")
            // The second one into the same list, then notes and order.
            try await client.execute(uri: "/acheteurs/listes/ajouter", method: .post, headers: buyer.formHeaders,
                                     body: buyer.form([("entreprise", region.id), ("liste", id), ("nom", ""), ("retour", "/acheteurs")])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/acheteurs/listes/\(id)/entreprises/\(region.id)", method: .post, headers: buyer.formHeaders,
                                     body: buyer.form([("action", "note"), ("note", "Rappeler en janvier")])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/acheteurs/listes/\(id)/entreprises/\(region.id)", method: .post, headers: buyer.formHeaders,
                                     body: buyer.form([("action", "monter")])) { #expect($0.status == .seeOther) }
            let page = try await client.execute(uri: listPath, method: .get, headers: buyer.headers) { $0.text.plain }
            let montérégie = try #require(page.range(of: "Déneigement Montérégie")), longueuilName = try #require(page.range(of: ">Déneigement Longueuil<"))
            #expect(montérégie.lowerBound < longueuilName.lowerBound, "moved up")
            #expect(page.contains("Rappeler en janvier") && page.contains("<strong>24</strong> Employés"))

            // Private: nobody else sees it.
            for other in [colleague, brossard] {
                try await client.execute(uri: listPath, method: .get, headers: other.headers) { #expect($0.status == .notFound) }
            }
            try await client.execute(uri: listPath, method: .get, headers: hub.headers) { #expect($0.status == .forbidden) }
            // Shared read-only with the municipality: the colleague reads it and cannot change it;
            // Brossard still gets 404, by web and API.
            try await client.execute(uri: "/acheteurs/listes/\(id)/modifier", method: .post, headers: buyer.formHeaders,
                                     body: buyer.form([("nom", "Déneigement 2027 – secteur Vieux-Longueuil"), ("partage", "read")])) { #expect($0.status == .seeOther) }
            // The colleague hears of it by e-mail, with the link; Brossard's buyer does not.
            let shared = env.mail.sent.filter { $0.kind == "list-shared" }
            #expect(shared.map(\.to) == [colleague.user.email])
            #expect(shared.first?.body.contains("/acheteurs/listes/\(id)") == true && shared.first?.body.contains("la consulter") == true)
            try await client.execute(uri: listPath, method: .get, headers: colleague.headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.plain.contains("vous la consultez en lecture seule") && response.text.plain.contains("Rappeler en janvier"))
            }
            try await client.execute(uri: "/acheteurs/listes/\(id)/entreprises/\(region.id)", method: .post, headers: colleague.formHeaders,
                                     body: colleague.form([("action", "retirer")])) { #expect($0.status == .forbidden) }
            try await client.execute(uri: listPath, method: .get, headers: brossard.headers) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/acheteurs/listes", method: .get, headers: brossard.headers) { #expect(!$0.text.plain.contains(listPath)) }
            let accounts = AccountService(database: env.database, mail: env.mail, baseURL: "", bcryptCost: 4)
            let (_, brossardToken) = try await accounts.createToken(Identity(user: brossard.user, credential: .session(id: "s", csrfToken: brossard.csrf)), name: "t", client: "test")
            try await client.execute(uri: "/api/v1/lists/\(id)", method: .get, headers: [.authorization: "Bearer \(brossardToken)"]) { #expect($0.status == .notFound) }
            let (_, colleagueToken) = try await accounts.createToken(Identity(user: colleague.user, credential: .session(id: "s", csrfToken: colleague.csrf)), name: "t", client: "test")
            try await client.execute(uri: "/api/v1/lists/\(id)", method: .get, headers: [.authorization: "Bearer \(colleagueToken)"]) { response in
                #expect(response.status == .ok)
                #expect(response.json["access"] as? String == "read")
                #expect((response.json["items"] as? [[String: Any]])?.first?["note"] as? String == "Rappeler en janvier")
            }
            // Shared for editing: the colleague removes one.
            try await client.execute(uri: "/acheteurs/listes/\(id)/modifier", method: .post, headers: buyer.formHeaders,
                                     body: buyer.form([("nom", "Déneigement 2027"), ("partage", "edit")])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/acheteurs/listes/\(id)/entreprises/\(region.id)", method: .post, headers: colleague.formHeaders,
                                     body: colleague.form([("action", "retirer")])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/acheteurs/listes/\(id)/modifier", method: .post, headers: colleague.formHeaders,
                                     body: colleague.form([("action", "archiver")])) { #expect($0.status == .forbidden, "only the owner archives") }
        }
    }

    @Test("an archived enterprise stays on its lists, marked; the export carries the managers and is audited")
    func archivedAndExport() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let store = EnterpriseStore(database: env.database)
            let longueuil = try #require(try await store.find("deneigement-longueuil"))
            let agglomeration = try #require(try await store.find("deneigement-agglomeration"))
            let created = try await client.execute(uri: "/acheteurs/listes", method: .post, headers: buyer.formHeaders,
                                                   body: buyer.form([("nom", "Sel et déneigement"), ("entreprise", longueuil.id), ("entreprise", agglomeration.id)])) {
                $0.headers[.location] ?? ""
            }
            let id = String(created.prefix { $0 != "?" }.split(separator: "/").last ?? "")
            try await client.execute(uri: "/acheteurs/listes/\(id)/entreprises/\(agglomeration.id)", method: .post, headers: buyer.formHeaders,
                                     body: buyer.form([("action", "note"), ("note", "Sel en vrac")])) { #expect($0.status == .seeOther) }
            let admin = try await env.signedIn([.admin])
            try await client.execute(uri: "/gestion/entreprises/\(agglomeration.id)/archiver", method: .post, headers: admin.formHeaders,
                                     body: admin.form([("version", String(agglomeration.version))])) { #expect($0.status == .seeOther) }
            let page = try await client.execute(uri: "/acheteurs/listes/\(id)", method: .get, headers: buyer.headers) { $0.text.plain }
            #expect(page.contains("Déneigement Agglomération") && page.contains("N'est plus au répertoire"))
            for format in ["csv", "csv-pv", "xlsx"] {
                try await client.execute(uri: "/acheteurs/listes/\(id)/exporter?format=\(format)", method: .get, headers: buyer.headers) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentDisposition]?.contains("liste-sel-et-deneigement") == true)
                    if format == "csv" {
                        #expect(response.text.plain.contains("Julie Tremblay"))
                        #expect(response.text.plain.contains("Note de la liste") && response.text.plain.contains("Sel en vrac"))
                    }
                }
            }
            let printable = try await client.execute(uri: "/acheteurs/listes/\(id)/exporter?format=imprimer", method: .get, headers: buyer.headers) { $0.text.plain }
            #expect(printable.contains("Julie Tremblay") && printable.contains("julie@deneigement.exemple.org"))
            try await client.execute(uri: "/acheteurs/listes/\(id)/exporter?format=pdf", method: .get, headers: buyer.headers) { #expect($0.status == .badRequest) }
            let audit = try await AuditLog(database: env.database).entries(action: "personal-data-export")
            #expect(audit.count == 4 && audit.allSatisfy { $0.target == "/acheteurs/listes/\(id)" })
        }
    }

    @Test("bad input to the lists: a clear refusal, nothing half-written")
    func listRefusals() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            try await client.execute(uri: "/acheteurs/listes", method: .post, headers: buyer.formHeaders, body: buyer.form([("nom", "   ")])) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.plain.contains("Donnez un nom à la liste"))
            }
            try await client.execute(uri: "/acheteurs/listes", method: .post, headers: buyer.formHeaders,
                                     body: buyer.form([("nom", "Projet"), ("entreprise", "inconnue")])) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.plain.contains("n'est pas au répertoire"))
            }
            #expect(try await PurchaseListStore(database: env.database).lists(visibleTo: buyer.user.id, municipalityCode: "58227").isEmpty)
            let nowhere = try await env.signedIn([.buyer])
            try await client.execute(uri: "/acheteurs/listes", method: .post, headers: nowhere.formHeaders, body: nowhere.form([("nom", "Projet")])) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.plain.contains("aucune municipalité"))
            }
        }
    }

    @Test("API: create, read, change and empty a list with a buyer's token", arguments: TestDatabases.kinds)
    func api(kind: TestDatabases.Kind) async throws {
        try await TestApp.run(kind, profiles: Self.profiles) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            let accounts = AccountService(database: env.database, mail: env.mail, baseURL: "", bcryptCost: 4)
            let (_, secret) = try await accounts.createToken(Identity(user: buyer.user, credential: .session(id: "s", csrfToken: buyer.csrf)), name: "t", client: "test")
            let headers: HTTPFields = [.authorization: "Bearer \(secret)", .contentType: "application/json"]
            let id = try await client.execute(uri: "/api/v1/lists", method: .post, headers: headers,
                                              body: ByteBuffer(string: #"{"name":"Traiteurs 2027","enterpriseIds":["deneigement-longueuil","deneigement-monteregie"]}"#)) { response in
                #expect(response.status == .created)
                #expect(response.json["itemCount"] as? Int == 2)
                return response.json["id"] as? String ?? ""
            }
            try await client.execute(uri: "/api/v1/lists/\(id)/items/deneigement-monteregie", method: .patch, headers: headers,
                                     body: ByteBuffer(string: #"{"note":"Premier choix","position":1}"#)) { response in
                #expect(response.status == .ok)
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.first?["slug"] as? String == "deneigement-monteregie" && items.first?["note"] as? String == "Premier choix")
            }
            try await client.execute(uri: "/api/v1/lists/\(id)/items/deneigement-monteregie", method: .patch, headers: headers,
                                     body: ByteBuffer(string: #"{"position":9}"#)) { #expect($0.status == .unprocessableContent) }
            try await client.execute(uri: "/api/v1/lists/\(id)/items/deneigement-longueuil", method: .delete, headers: headers) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/api/v1/lists/\(id)", method: .patch, headers: headers, body: ByteBuffer(string: #"{"sharing":"edit","archived":true}"#)) { response in
                #expect(response.json["sharing"] as? String == "edit" && response.json["archived"] as? Bool == true)
            }
            try await client.execute(uri: "/api/v1/lists/\(id)/items", method: .post, headers: headers,
                                     body: ByteBuffer(string: #"{"enterpriseId":"deneigement-longueuil"}"#)) { #expect($0.status == .conflict, "archived") }
            try await client.execute(uri: "/api/v1/lists", method: .get, headers: headers) { response in
                #expect((response.json["lists"] as? [[String: Any]])?.count == 1)
            }
            try await client.execute(uri: "/api/v1/lists", method: .post, headers: headers, body: ByteBuffer(string: #"{"name":42}"#)) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/lists", method: .get) { #expect($0.status == .unauthorized) }
        }
    }
}

extension String {
    /// The page's text as a person reads it: apostrophes unescaped, no-break spaces as spaces.
    var plain: String {
        replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
    }
}
