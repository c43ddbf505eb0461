import Foundation
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("The list of archived enterprises")
struct ArchivedListTests {
    @Test("a list longer than the page says how many are archived in all, and a hub editor's is filtered in the database")
    func countsAndRegions() async throws {
        let profiles = (1...4).map { Fixtures.minimal("Atelier \($0)") }
            + [Fixtures.minimal("Atelier de Trois-Rivières", municipality: "37067")]
        try await TestApp.run(profiles: profiles) { client, env in
            let store = EnterpriseStore(database: env.database)
            for enterprise in try await store.snapshot().enterprises {
                _ = try await store.archive(id: enterprise.id, expectedVersion: enterprise.version)
            }
            let directory = DirectoryService(database: env.database, logger: TestDatabases.logger)
            let editing = EditingService(directory: directory, mail: MemoryMailQueue())
            let admin = try await env.createUser([.admin])
            let (shown, total) = try await editing.archived(for: admin, limit: 2)
            #expect(shown.count == 2 && total == 5)
            let editor = try await env.signedIn([.hubEditor], regions: ["04"])
            let (mine, mineTotal) = try await editing.archived(for: editor.user, limit: 2)
            #expect(mine.map(\.profile.name) == ["Atelier de Trois-Rivières"] && mineTotal == 1)
            let page = try await client.execute(uri: "/gestion/entreprises/archivees", method: .get, headers: editor.headers).text
            #expect(page.contains("<caption>1 entreprise(s)</caption>"))
        }
    }
}
