import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("Map: the results map, its markers, the tile server setting and Leaflet's files")
struct MapTests {
    /// One enterprise with coordinates (and a manager), one of its postal area without, one of
    /// its municipality without a postal code, and one in a municipality nobody has placed.
    static var profiles: [EnterpriseProfile] {
        var located = Fixtures.complete()
        located.postalCode = "J4H 1C3"
        var sameArea = Fixtures.minimal("Atelier du même secteur postal", municipality: "58227")
        sameArea.postalCode = "J4H 2A1"
        let sameTown = Fixtures.minimal("Cuisine de la même ville", municipality: "58227")
        let elsewhere = Fixtures.minimal("Friperie de Brossard", municipality: "58007")
        return [located, sameArea, sameTown, elsewhere]
    }

    static func markers(_ response: TestResponse) -> [[String: Any]] {
        response.json["markers"] as? [[String: Any]] ?? []
    }

    @Test("markers place every result with a position, mark approximate ones, and carry no personal data")
    func markers() async throws {
        try await TestApp.run(profiles: Self.profiles) { client in
            // when
            try await client.execute(uri: "/carte/marqueurs", method: .get) { response in
                // then
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(response.json["total"] as? Int == 4)
                #expect(response.json["withoutPosition"] as? Int == 1)
                #expect(response.json["capped"] as? Bool == false)
                let byName = Dictionary(uniqueKeysWithValues: Self.markers(response).map { ($0["name"] as? String ?? "", $0) })
                #expect(byName.count == 3)
                let located = try #require(byName["Coopérative de solidarité Déneigement Rive-Sud"])
                #expect(located["approximate"] as? Bool == false)
                #expect(located["lat"] as? Double == 45.53)
                #expect((located["url"] as? String)?.hasPrefix("/entreprises/") == true)
                #expect((located["place"] as? String)?.hasPrefix("Longueuil") == true)
                let area = try #require(byName["Atelier du même secteur postal"])
                #expect(area["approximate"] as? Bool == true)
                #expect(area["precision"] as? String == "postal-code")
                #expect(area["lat"] as? Double == 45.53)
                #expect(byName["Cuisine de la même ville"]?["precision"] as? String == "municipality")
                #expect(byName["Friperie de Brossard"] == nil)
                for secret in ["Julie", "julie@", "555-0124", "managers"] {
                    #expect(!response.text.contains(secret), "\(secret)")
                }
            }
        }
    }

    @Test("markers follow the list's query and filters, in French and in English")
    func filters() async throws {
        try await TestApp.run(profiles: Self.profiles) { client in
            try await client.execute(uri: "/carte/marqueurs?municipalite=58007&lieu=siege", method: .get) { response in
                #expect(response.json["total"] as? Int == 1)
                #expect(Self.markers(response).isEmpty)
            }
            // By default a place means the enterprises serving it: the Rive-Sud co-op serves Brossard.
            try await client.execute(uri: "/carte/marqueurs?municipalite=58007", method: .get) { response in
                #expect(Self.markers(response).contains { $0["name"] as? String == "Coopérative de solidarité Déneigement Rive-Sud" })
            }
            try await client.execute(uri: "/carte/marqueurs?q=atelier", method: .get) { response in
                #expect(Self.markers(response).map { $0["name"] as? String } == ["Atelier du même secteur postal"])
            }
            try await client.execute(uri: "/carte/marqueurs?secteur=habitation&municipalite=58227&lieu=siege", method: .get) { response in
                #expect(response.json["total"] as? Int == 2)
            }
            try await client.execute(uri: "/en/carte/marqueurs?q=atelier", method: .get) { response in
                let marker = try #require(Self.markers(response).first)
                #expect((marker["url"] as? String)?.hasPrefix("/en/entreprises/") == true)
                #expect((marker["sectors"] as? [String])?.isEmpty == false)
            }
        }
    }

    @Test("markers stop at the export cap and say so")
    func cap() async throws {
        try await TestApp.run(profiles: Self.profiles, configure: { $0.anonymousExportRows = 2 }) { client, _ in
            try await client.execute(uri: "/carte/marqueurs", method: .get) { response in
                #expect(response.json["total"] as? Int == 4)
                #expect(response.json["capped"] as? Bool == true)
                #expect(Self.markers(response).count <= 2)
            }
            try await client.execute(uri: "/carte", method: .get) { response in
                #expect(response.text.contains("La carte montre les premiers résultats seulement"))
            }
        }
    }

    @Test("the map page keeps the query, switches to the list, and lists the results for those without JavaScript")
    func page() async throws {
        try await TestApp.run(profiles: Self.profiles) { client in
            try await client.execute(uri: "/carte?secteur=habitation", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("data-markers=\"/carte/marqueurs?secteur=habitation\""))
                #expect(html.contains("href=\"/entreprises?secteur=habitation\">Liste</a>"))
                #expect(html.contains("<span aria-current=\"page\">Carte</span>"))
                #expect(html.contains("La carte interactive demande JavaScript"))
                #expect(html.contains("Atelier du même secteur postal"))
                #expect(html.contains("data-tiles=\"https://tile.openstreetmap.org/{z}/{x}/{y}.png\""))
                #expect(html.contains("© les contributeurs d&#39;OpenStreetMap") || html.contains("© les contributeurs d&#x27;OpenStreetMap")
                        || html.contains("© les contributeurs d'OpenStreetMap"))
            }
            try await client.execute(uri: "/entreprises?secteur=habitation", method: .get) { response in
                #expect(response.text.contains("href=\"/carte?secteur=habitation\">Carte</a>"))
            }
            try await client.execute(uri: "/en/carte?q=atelier", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("data-markers=\"/en/carte/marqueurs?q=atelier\""))
                #expect(response.text.contains("© OpenStreetMap contributors"))
            }
        }
    }

    @Test("a profile shows its small map, and says when its position is approximate")
    func profile() async throws {
        try await TestApp.run(profiles: Self.profiles) { client in
            try await client.execute(uri: "/entreprises/cooperative-de-solidarite-deneigement-rive-sud", method: .get) { response in
                #expect(response.text.contains("data-lat=\"45.53\""))
                #expect(!response.text.contains("Position approximative"))
                #expect(response.text.contains("1250, rue Saint-Charles Ouest"))
            }
            try await client.execute(uri: "/entreprises/atelier-du-meme-secteur-postal", method: .get) { response in
                #expect(response.text.contains("data-approximate"))
                #expect(response.text.contains("Position approximative (code postal / municipalité)"))
            }
            try await client.execute(uri: "/entreprises/friperie-de-brossard", method: .get) { response in
                #expect(!response.text.contains("data-map"))
            }
        }
    }

    @Test("the CSP lets images come from the configured tile server's host only")
    func contentSecurityPolicy() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.headers[.contentSecurityPolicy]?.contains("img-src 'self' data: https://tile.openstreetmap.org;") == true)
            }
        }
        let tiles = try MapTiles.parse("https://tuiles.example.org:8443/{z}/{x}/{y}.png", attribution: "© Exemple", attributionURL: nil)
        try await TestApp.run(configure: { $0.mapTiles = tiles }) { client, _ in
            try await client.execute(uri: "/", method: .get) { response in
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains("img-src 'self' data: https://tuiles.example.org:8443;"))
                #expect(!policy.contains("openstreetmap"))
                #expect(!policy.contains("*"))
            }
        }
        try await TestApp.run(configure: { $0.mapTiles = nil }) { client, _ in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.headers[.contentSecurityPolicy]?.contains("img-src 'self' data:;") == true)
            }
        }
    }

    @Test("the tile server setting: OpenStreetMap by default, empty for none, one host only")
    func setting() throws {
        #expect(try Configuration.resolve(flags: [:], environment: [:]).mapTiles == .openStreetMap)
        #expect(try Configuration.resolve(flags: [:], environment: ["REPERTOIRE_MAP_TILES": ""]).mapTiles == nil)
        #expect(try Configuration.resolve(flags: [:], environment: ["REPERTOIRE_MAP_TILES": "none"]).mapTiles == nil)
        let custom = try Configuration.resolve(flags: [:], environment: [
            "REPERTOIRE_MAP_TILES": "https://tuiles.example.org/{z}/{x}/{y}.png", "REPERTOIRE_MAP_ATTRIBUTION": "© Exemple",
            "REPERTOIRE_MAP_ATTRIBUTION_URL": "https://example.org/credits",
        ]).mapTiles
        #expect(custom?.origin == "https://tuiles.example.org")
        #expect(custom?.attribution == "© Exemple")
        #expect(throws: Configuration.Invalid.self) {
            try Configuration.resolve(flags: [:], environment: ["REPERTOIRE_MAP_TILES": "https://{s}.tile.example.org/{z}/{x}/{y}.png"])
        }
        #expect(throws: Configuration.Invalid.self) {
            try Configuration.resolve(flags: [:], environment: ["REPERTOIRE_MAP_TILES": "ftp://tiles.example.org/tiles"])
        }
    }

    @Test("Leaflet's files, images and licences are served with their types and long cache lives")
    func leafletFiles() async throws {
        try await TestApp.run { client in
            for (path, type) in [("/static/leaflet/leaflet.min.js", "text/javascript"), ("/static/leaflet/leaflet.css", "text/css"),
                                 ("/static/leaflet/leaflet.markercluster.min.js", "text/javascript"),
                                 ("/static/leaflet/images/marker-icon.png", "image/png"), ("/static/leaflet/LICENSE-leaflet.txt", "text/plain"),
                                 ("/static/leaflet/LICENSE-leaflet.markercluster.txt", "text/plain"), ("/static/map.js", "text/javascript")] {
                try await client.execute(uri: path + "?v=1", method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.headers[.contentType]?.hasPrefix(type) == true, "\(path)")
                    #expect(response.headers[.cacheControl]?.contains("immutable") == true, "\(path)")
                }
            }
            try await client.execute(uri: "/static/leaflet/images/nothing.png", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
