import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

/// Issue #13: where enterprises work, as buyers meet it in the pages and the API — « Dessert »
/// and « Siège », a place in the words as a removable filter, closed enterprises left out, the
/// "serves your municipality" badge.
@Suite("Pages and API: where enterprises work")
struct ServedPlacesPagesTests {
    static let profiles: [EnterpriseProfile] = {
        // A Longueuil snow co-op that serves the whole agglomeration, a Brossard one, a
        // Trois-Rivières one serving all of Quebec, and a closed one in Brossard.
        var riveSud = Fixtures.minimal("Déneigement Rive-Sud", municipality: "58227", sector: "environnement-recuperation-recyclage")
        riveSud.serviceArea = ServiceArea(scope: .mrcs, codes: ["58"])
        var brossard = Fixtures.minimal("Déneigement de Brossard", municipality: "58007", sector: "environnement-recuperation-recyclage")
        brossard.serviceArea = ServiceArea(scope: .municipalities, codes: ["58007"])
        var quebec = Fixtures.minimal("Déneigement National", municipality: "37067", sector: "environnement-recuperation-recyclage")
        quebec.serviceArea = ServiceArea(scope: .quebec)
        var closed = Fixtures.minimal("Déneigement Fermé", municipality: "58007", sector: "environnement-recuperation-recyclage")
        closed.status = .closed
        var mauricie = Fixtures.minimal("Déneigement Mauricien", municipality: "37067", sector: "environnement-recuperation-recyclage")
        mauricie.serviceArea = ServiceArea(scope: .regions, codes: ["04"])
        var cleaning = Fixtures.minimal("Entretien ménager Longueuil", municipality: "58227", sector: "services-entreprises-organisations")
        cleaning.postalCode = "J4K 1C3"
        return [riveSud, brossard, quebec, closed, mauricie, cleaning]
    }()

    static func names(_ html: String) -> [String] {
        html.components(separatedBy: "<h3 class=\"card-title\"").dropFirst().compactMap { card in
            card.range(of: "\">").flatMap { start in
                let rest = card[start.upperBound...]
                return rest.range(of: "</a>").map { String(rest[..<$0.lowerBound]).replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "") }
            }
        }
    }

    @Test("a municipality filter means the enterprises serving it, based there first; « Siège » means the head office")
    func servesOrHeadOffice() async throws {
        try await TestApp.run(profiles: Self.profiles) { client in
            try await client.execute(uri: "/entreprises?q=d%C3%A9neigement&municipalite=58007", method: .get) { response in
                let names = Self.names(response.text)
                #expect(names == ["Déneigement de Brossard", "Déneigement Rive-Sud", "Déneigement National"], "\(names)")
                #expect(response.text.contains("id=\"lieu-dessert\" name=\"lieu\" value=\"\" checked"))
                #expect(response.text.contains("Entreprises dont le siège y est"))
            }
            try await client.execute(uri: "/entreprises?q=d%C3%A9neigement&municipalite=58007&lieu=siege", method: .get) { response in
                #expect(Self.names(response.text) == ["Déneigement de Brossard"])
                #expect(response.text.contains("Siège social dans le lieu choisi"), "a chip says so, and removes it")
            }
            // MRC and region filters, and their counts.
            try await client.execute(uri: "/api/v1/enterprises?q=d%C3%A9neigement&mrc=58", method: .get) { response in
                let json = response.json
                #expect(json["total"] as? Int == 3)
                let mrcs = (json["facets"] as? [String: Any])?["mrc"] as? [[String: Any]] ?? []
                #expect(mrcs.first { $0["value"] as? String == "58" }?["label"] as? String == "Territoire de Longueuil")
                let municipalities = (json["facets"] as? [String: Any])?["municipality"] as? [[String: Any]] ?? []
                #expect(municipalities.first { $0["value"] as? String == "58007" }?["count"] as? Int == 3, "Brossard is served by 3")
                #expect(municipalities.first { $0["value"] as? String == "37067" }?["count"] as? Int == 2, "Trois-Rivières by 2")
            }
            try await client.execute(uri: "/api/v1/enterprises?region=04&placeMode=headOffice", method: .get) { response in
                #expect(response.json["total"] as? Int == 2)
            }
            try await client.execute(uri: "/api/v1/enterprises?placeMode=ailleurs", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("placeMode"))
            }
            try await client.execute(uri: "/api/v1/enterprises?mrc=abc", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("MRC invalide"))
            }
        }
    }

    @Test("a place in the words becomes a filter shown with a way to remove it and to search the words everywhere")
    func placeInTheWords() async throws {
        try await TestApp.run(profiles: Self.profiles) { client in
            try await client.execute(uri: "/entreprises?q=d%C3%A9neigement+%C3%A0+Brossard", method: .get) { response in
                let html = response.text
                #expect(Self.names(html) == ["Déneigement de Brossard", "Déneigement Rive-Sud", "Déneigement National"])
                #expect(html.contains("Lieu reconnu dans votre recherche : « Brossard » → <strong>Brossard</strong>"))
                #expect(html.contains("<a href=\"/entreprises?q=d%C3%A9neigement\">Retirer ce lieu</a>"))
                #expect(html.contains("href=\"/entreprises?q=d%C3%A9neigement%20%C3%A0%20Brossard&amp;partout=1\""))
                #expect(html.contains("value=\"58007\" checked"), "the place is a ticked filter")
            }
            try await client.execute(uri: "/entreprises?q=d%C3%A9neigement+%C3%A0+Brossard&partout=1", method: .get) { response in
                #expect(!response.text.contains("Lieu reconnu"))
                #expect(Self.names(response.text) == ["Déneigement de Brossard"], "the words everywhere: only the name says Brossard")
            }
            try await client.execute(uri: "/en/entreprises?q=st-bruno+d%C3%A9neigement", method: .get) { response in
                #expect(response.text.contains("Place recognised in your search"))
                #expect(response.text.contains("<strong>Saint-Bruno-de-Montarville</strong>"))
            }
            // A postal code finds the enterprises of its area.
            try await client.execute(uri: "/api/v1/enterprises?q=j4k1c3", method: .get) { response in
                let json = response.json
                let place = (json["interpretation"] as? [String: Any])?["place"] as? [String: Any]
                #expect(place?["kind"] as? String == "postalArea")
                #expect(place?["code"] as? String == "J4K")
                #expect((json["items"] as? [[String: Any]])?.first?["name"] as? String == "Déneigement Rive-Sud"
                        || (json["items"] as? [[String: Any]])?.contains { $0["name"] as? String == "Entretien ménager Longueuil" } == true)
            }
            try await client.execute(uri: "/api/v1/enterprises?q=st-bruno&everywhere=true", method: .get) { response in
                #expect(response.json["interpretation"] == nil)
            }
        }
    }

    @Test("closed enterprises are out of results and the home page unless asked for, then last")
    func closedEnterprises() async throws {
        try await TestApp.run(profiles: Self.profiles) { client in
            try await client.execute(uri: "/entreprises?q=d%C3%A9neigement", method: .get) { response in
                #expect(!Self.names(response.text).contains("Déneigement Fermé"))
                #expect(response.text.contains("Inclure les entreprises fermées"))
            }
            try await client.execute(uri: "/entreprises?q=d%C3%A9neigement&fermees=1", method: .get) { response in
                #expect(Self.names(response.text).last == "Déneigement Fermé")
                #expect(response.text.contains("Entreprises fermées incluses"))
            }
            try await client.execute(uri: "/api/v1/enterprises?includeClosed=true&sort=name", method: .get) { response in
                #expect(response.json["total"] as? Int == 6)
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(!response.text.contains("Déneigement Fermé"))
            }
        }
    }

    @Test("a signed-in buyer sees which enterprises serve their municipality, and can put them first")
    func buyerBadge() async throws {
        try await TestApp.run(profiles: Self.profiles) { (client: any TestClientProtocol, env: TestEnvironment) in
            let buyer = try await env.signedIn([.buyer], municipality: "58007")
            try await client.execute(uri: "/entreprises?q=d%C3%A9neigement&tri=proximite", method: .get, headers: buyer.headers) { response in
                let html = response.text
                let names = Self.names(html)
                #expect(names.prefix(3) == ["Déneigement de Brossard", "Déneigement Rive-Sud", "Déneigement National"], "\(names)")
                #expect(names.last == "Déneigement Mauricien")
                #expect(html.components(separatedBy: "Dessert votre municipalité").count - 1 == 3)
                #expect(html.contains("<option value=\"proximite\" selected>Votre municipalité d&#39;abord</option>"))
            }
            try await client.execute(uri: "/entreprises?q=d%C3%A9neigement", method: .get) { response in
                #expect(!response.text.contains("Dessert votre municipalité"), "not for visitors")
                #expect(!response.text.contains("value=\"proximite\""))
            }
        }
    }
}
