import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("API: searching and reading enterprises")
struct EnterprisesReadAPITests {
    static let profiles: [EnterpriseProfile] = {
        var snow = Fixtures.minimal("Déneigement Brossard", municipality: "58007", sector: "services-entreprises-organisations")
        snow.offerings = [Offering(name: "Déneigement de trottoirs", kind: .service, offeredToMunicipalities: true)]
        var food = Fixtures.minimal("Traiteur Les Saveurs", municipality: "58227", sector: "agroalimentaire-restauration")
        food.offerings = [Offering(name: "Boîtes à lunch", kind: .good, offeredToMunicipalities: false)]
        let far = Fixtures.minimal("Friperie de Trois-Rivières", municipality: "37067", sector: "commerce-detail-friperies")
        return [Fixtures.complete(), snow, food, far]
    }()

    @Test("health answers 200 when the database is reachable")
    func health() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["database"] as? String == "reachable")
            }
        }
    }

    @Test("the list pages through everything and filters by facets")
    func listAndFilter() async throws {
        try await TestApp.run(profiles: Self.profiles) { client in
            try await client.execute(uri: "/api/v1/enterprises?perPage=2", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.json["total"] as? Int == 4)
                #expect((response.json["items"] as? [Any])?.count == 2)
                #expect(response.json["pageCount"] as? Int == 2)
            }
            try await client.execute(uri: "/api/v1/enterprises?q=traiteur+saveurs", method: .get) { response in
                let names = (response.json["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
                #expect(names == ["Traiteur Les Saveurs"], "+ is a space in a query string")
            }
            try await client.execute(uri: "/api/v1/enterprises?region=04", method: .get) { response in
                let names = (response.json["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
                #expect(names == ["Friperie de Trois-Rivières"])
            }
            try await client.execute(uri: "/api/v1/enterprises?municipality=58007&municipality=58227&sort=name", method: .get) { response in
                let names = (response.json["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
                #expect(names == ["Coopérative de solidarité Déneigement Rive-Sud", "Déneigement Brossard", "Traiteur Les Saveurs"])
            }
            try await client.execute(uri: "/api/v1/enterprises?offersToMunicipalities=true&sector=services-entreprises-organisations", method: .get) { response in
                #expect(response.json["total"] as? Int == 2)
            }
        }
    }

    @Test("bad parameters get a 400 that names the parameter", arguments: [
        ("region=99", "region"), ("sector=inconnu", "sector"), ("page=0", "page"), ("perPage=1000", "perPage"),
        ("sort=hasard", "sort"), ("offersToMunicipalities=peut-etre", "offersToMunicipalities"),
        ("municipality=123", "municipality"), ("legalForm=sarl", "legalForm"), ("certification=iso", "certification"),
        // The API holds to its schema where pages are lenient: no empty values, true or false only.
        ("municipality=", "municipality"), ("region=16,", "region"), ("placeMode=", "placeMode"), ("page=", "page"),
        ("includeClosed=1", "includeClosed"), ("everywhere=oui", "everywhere"), ("offersToMunicipalities=", "offersToMunicipalities"),
    ])
    func badParameters(query: String, parameter: String) async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/api/v1/enterprises?\(query)", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json; charset=utf-8")
                #expect(response.json["parameter"] as? String == parameter)
                #expect((response.json["detail"] as? String)?.contains("« \(parameter) »") == true)
            }
        }
    }

    @Test("a 10,000-character query gets a clear 400")
    func hugeQuery() async throws {
        try await TestApp.run { client in
            let q = String(repeating: "a", count: 10_000)
            try await client.execute(uri: "/api/v1/enterprises?q=\(q)", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect((response.json["detail"] as? String)?.contains("trop longue") == true)
            }
        }
    }

    @Test("one enterprise by slug or id; managers hidden from anonymous callers")
    func show() async throws {
        try await TestApp.run(profiles: Self.profiles) { client in
            let slug = "cooperative-de-solidarite-deneigement-rive-sud"
            let id = try await client.execute(uri: "/api/v1/enterprises/\(slug)", method: .get) { response -> String in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] == "\"1\"")
                let json = response.json
                #expect(json["managers"] == nil)
                #expect(!response.text.contains("Julie Tremblay"), "a manager's name never reaches a visitor")
                #expect((json["municipality"] as? [String: Any])?["name"] as? String == "Longueuil")
                #expect((json["region"] as? [String: Any])?["code"] as? String == "16")
                #expect(json["postalCode"] as? String == "J4H 1C3")
                #expect((json["offerings"] as? [Any])?.count == 2)
                return json["id"] as? String ?? ""
            }
            try await client.execute(uri: "/api/v1/enterprises/\(id)", method: .get, headers: [.authorization: "Bearer \(TestApp.writeToken)"]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Julie Tremblay"))
            }
            try await client.execute(uri: "/api/v1/enterprises/personne", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json; charset=utf-8")
                #expect((response.json["detail"] as? String)?.contains("introuvable") == true)
            }
        }
    }

    @Test("managers' contacts never appear in search responses")
    func privacyInSearch() async throws {
        try await TestApp.run(profiles: Self.profiles) { client in
            for query in ["", "q=Julie", "q=Tremblay", "q=julie%40deneigement"] {
                try await client.execute(uri: "/api/v1/enterprises?\(query)", method: .get) { response in
                    #expect(!response.text.contains("Julie"), "\(query)")
                    #expect(!response.text.contains("julie@"), "\(query)")
                }
            }
        }
    }

    @Test("reference lists: 11 sectors, 17 regions, municipalities with counts")
    func references() async throws {
        try await TestApp.run(profiles: Self.profiles) { client in
            try await client.execute(uri: "/api/v1/sectors", method: .get) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.count == 11)
                #expect(items.first { $0["code"] as? String == "agroalimentaire-restauration" }?["enterpriseCount"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/regions", method: .get) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.count == 17)
                #expect(items.first { $0["code"] as? String == "16" }?["enterpriseCount"] as? Int == 3)
            }
            try await client.execute(uri: "/api/v1/municipalities?region=16", method: .get) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.compactMap { $0["name"] as? String } == ["Boucherville", "Brossard", "Longueuil", "Saint-Bruno-de-Montarville", "Saint-Lambert"])
            }
            try await client.execute(uri: "/api/v1/municipalities?region=42", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/legal-forms", method: .get) { response in
                #expect((response.json["items"] as? [Any])?.count == LegalForm.allCases.count)
            }
        }
    }

    @Test("unknown routes and methods are problems, not crashes")
    func unknownRoutes() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/api/v1/nothing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json; charset=utf-8")
            }
        }
    }
}

@Suite("Health check")
struct HealthCheckTests {
    @Test("503 when the database cannot be reached")
    func unreachable() async throws {
        // given: a PostgreSQL server that is not there
        let location = try DatabaseLocation.parse("postgres://nobody@127.0.0.1:9/none?sslmode=disable")
        let database = try await Database.open(location, logger: TestDatabases.logger)
        let directory = DirectoryService(database: database, logger: TestDatabases.logger)
        let router = try await buildRouter(Configuration(), database: database, directory: directory)
        let app = Application(router: router, logger: TestDatabases.logger)
        try await app.test(.router) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await database.run() }
                // when
                try await client.execute(uri: "/healthz", method: .get) { response in
                    // then
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.json["database"] as? String == "unreachable")
                }
                group.cancelAll()
            }
        }
        await database.close()
    }
}

@Suite("HTTP semantics")
struct HTTPSemanticsTests {
    @Test("a method a path does not answer is a 405 with Allow; an unknown path a 404")
    func methodNotAllowed() async throws {
        try await TestApp.run { client in
            for (uri, method) in [("/api/v1/sectors", HTTPRequest.Method("TRACE")!), ("/healthz", .delete), ("/api/v1/enterprises/x", .patch)] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(response.headers[.allow]?.contains("GET") == true || response.headers[.allow]?.contains("PUT") == true, "\(uri)")
                }
            }
            try await client.execute(uri: "/api/v1/nothing/here", method: HTTPRequest.Method("TRACE")!) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("an empty region is refused by name; a read-only instance asks for credentials with 401")
    func emptiesAndCredentials() async throws {
        try await TestApp.run(token: nil) { client in
            try await client.execute(uri: "/api/v1/municipalities?region=", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.json["parameter"] as? String == "region")
            }
            try await client.execute(uri: "/api/v1/enterprises/x/archive", method: .post) { response in
                #expect(response.status == .unauthorized)
                #expect((response.json["detail"] as? String)?.contains("jeton d'API personnel") == true)
            }
        }
    }
}
