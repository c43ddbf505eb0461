import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("SQLite and PostgreSQL give identical answers")
struct CrossDatabaseTests {
    static let requests = [
        "/api/v1/enterprises?perPage=50&sort=name",
        "/api/v1/enterprises?q=deneigement&region=16",
        "/api/v1/enterprises?q=traiteur&offersToMunicipalities=true&perPage=100",
        "/api/v1/enterprises?sector=petite-enfance-famille&municipality=58227&sort=verified",
        "/api/v1/enterprises/cooperative-de-solidarite-deneigement-rive-sud",
        "/api/v1/sectors", "/api/v1/regions", "/api/v1/municipalities?region=16",
    ]

    /// Removes what legitimately differs between two databases filled alike: generated ids and
    /// write times.
    static func normalised(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            var copy: [String: Any] = [:]
            for (key, item) in object where !["id", "createdAt", "updatedAt"].contains(key) { copy[key] = normalised(item) }
            return copy
        }
        if let array = value as? [Any] { return array.map(normalised) }
        return value
    }

    static func answers(_ kind: TestDatabases.Kind) async throws -> [String] {
        let collected = AnswerBox()
        try await TestApp.run(kind, demo: true) { client in
            for uri in requests {
                try await client.execute(uri: uri, method: .get) { response in
                    let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body))
                    let data = try JSONSerialization.data(withJSONObject: normalised(json), options: [.sortedKeys])
                    await collected.append("\(response.status.code) \(String(decoding: data, as: UTF8.self))")
                }
            }
        }
        return await collected.values
    }

    actor AnswerBox {
        var values: [String] = []
        func append(_ value: String) { values.append(value) }
    }

    @Test("the demo directory answers the same on both", .enabled(if: TestDatabases.kinds.contains(.postgres)))
    func identical() async throws {
        let sqlite = try await Self.answers(.sqliteFile)
        let postgres = try await Self.answers(.postgres)
        #expect(sqlite.count == Self.requests.count)
        for (index, uri) in Self.requests.enumerated() {
            #expect(sqlite[index] == postgres[index], "\(uri) differs")
            #expect(sqlite[index].hasPrefix("200 "), "\(uri): \(sqlite[index].prefix(200))")
        }
    }
}
