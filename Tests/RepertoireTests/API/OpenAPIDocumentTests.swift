import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    @Test("it describes exactly the routes the app serves")
    func matchesRoutes() async throws {
        // given
        let database = try await Database.open(.sqliteMemory, logger: TestDatabases.logger)
        let directory = DirectoryService(database: database, logger: TestDatabases.logger)
        let router = try await buildRouter(Configuration(), database: database, directory: directory)
        // The web pages are HTML for people; the document covers the API and the health check.
        let served = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" }
            .filter { $0.contains(" /api/") || $0.hasSuffix(" /healthz") })
        // when
        let url = try #require(Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources")
            ?? Bundle.allBundles.lazy.compactMap { $0.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources") }.first)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var described = Set<String>()
        for (path, operations) in paths {
            for method in operations.keys where ["get", "post", "put", "delete", "patch"].contains(method) {
                described.insert("\(method.uppercased()) \(path)")
            }
        }
        // then
        #expect(document["openapi"] as? String == "3.1.0")
        #expect(served.subtracting(described).isEmpty, "served but not described: \(served.subtracting(described).sorted())")
        #expect(described.subtracting(served).isEmpty, "described but not served: \(described.subtracting(served).sorted())")
        await database.close()
    }

    @Test("it is served at /api/v1/openapi.json")
    func served() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["openapi"] as? String == "3.1.0")
            }
        }
    }
    @Test("its mrc pattern accepts exactly the values the server accepts")
    func mrcPatternAgreesWithServer() async throws {
        try await TestApp.run { client in
            var pattern = ""
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                let paths = response.json["paths"] as? [String: Any]
                let search = (paths?["/api/v1/enterprises"] as? [String: Any])?["get"] as? [String: Any]
                let parameters = search?["parameters"] as? [[String: Any]] ?? []
                let mrc = parameters.first { $0["name"] as? String == "mrc" }
                pattern = ((mrc?["schema"] as? [String: Any])?["items"] as? [String: Any])?["pattern"] as? String ?? ""
            }
            let regex = try NSRegularExpression(pattern: pattern)
            let values = ["58", "460", "1", "Longueuil (58)", "MRC Acton (480)", "0(0)",
                          "0000", "0" + String(repeating: "0", count: 200), " (58)", "a(b(58)", "x(1234)", "abc", "Longueuil (5a)"]
            for value in values {
                let schemaValid = regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
                let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
                try await client.execute(uri: "/api/v1/enterprises?mrc=\(encoded)", method: .get) { response in
                    #expect((response.status == .ok) == schemaValid, "« \(value) »: schema says \(schemaValid), server \(response.status.code)")
                }
            }
        }
    }
}
