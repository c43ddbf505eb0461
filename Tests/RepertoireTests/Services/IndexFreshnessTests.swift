import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("Search index freshness")
struct IndexFreshnessTests {
    static func names(_ page: DirectoryPage) -> [String] { page.items.map(\.summary.name) }

    static func query(_ text: String) -> DirectoryQuery {
        var query = DirectoryQuery()
        query.text = text
        return query
    }

    @Test("a write is searchable as soon as it returns; an archive leaves the results at once", arguments: TestDatabases.kinds)
    func localWrites(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let directory = DirectoryService(database: database, logger: TestDatabases.logger)
            try await directory.loadIndex()
            let (created, _) = try await directory.create(Fixtures.minimal("Apiculture Les Ruchers"))
            #expect(Self.names(directory.search(Self.query("apiculture"))) == ["Apiculture Les Ruchers"])
            var renamed = created.profile
            renamed.name = "Miellerie Les Ruchers"
            _ = try await directory.update(created.id, expectedVersion: 1, profile: renamed)
            #expect(Self.names(directory.search(Self.query("apiculture"))).isEmpty)
            #expect(Self.names(directory.search(Self.query("miellerie"))) == ["Miellerie Les Ruchers"])
            _ = try await directory.archive(created.id, expectedVersion: 2)
            #expect(directory.search(Self.query("miellerie")).total == 0)
            #expect(directory.indexedCount == 0)
        }
    }

    @Test("the home page's counts and newest enterprises are kept between writes and follow each write")
    func overviewFollowsWrites() async throws {
        try await TestDatabases.withDatabase(.sqliteMemory) { database in
            let directory = DirectoryService(database: database, logger: TestDatabases.logger)
            try await directory.loadIndex()
            #expect(directory.overview().statistics.total == 0)
            #expect(directory.overview().newest.isEmpty)
            let (first, _) = try await directory.create(Fixtures.minimal("Apiculture Les Ruchers", sector: "habitation"))
            var overview = directory.overview()
            #expect(overview.statistics.total == 1)
            #expect(overview.sectorCounts["habitation"] == 1)
            #expect(overview.newest.map(\.name) == ["Apiculture Les Ruchers"])
            _ = try await directory.archive(first.id, expectedVersion: 1)
            overview = directory.overview()
            #expect(overview.statistics.total == 0)
            #expect(overview.sectorCounts["habitation"] ?? 0 == 0)
            #expect(overview.newest.isEmpty)
        }
    }

    @Test("a second instance on the same database catches up with the first one's writes", arguments: TestDatabases.kinds.filter { $0 != .sqliteMemory })
    func secondInstance(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withFreshLocation(kind) { location in
            try await withMigratedDatabase(location, logger: TestDatabases.logger) { first in
                try await ReferenceStore(database: first).upsertMunicipalities(Fixtures.municipalities)
                // given: two app instances, each with its own connection and index
                try await withMigratedDatabase(location, logger: TestDatabases.logger) { second in
                    let writer = DirectoryService(database: first, logger: TestDatabases.logger)
                    let reader = DirectoryService(database: second, logger: TestDatabases.logger)
                    try await writer.loadIndex()
                    try await reader.loadIndex()
                    // when: the first one writes
                    _ = try await writer.create(Fixtures.minimal("Friperie Le Tournesol"))
                    #expect(reader.search(Self.query("tournesol")).total == 0)
                    // then: the second one sees it after following the change log
                    try await reader.catchUp()
                    #expect(Self.names(reader.search(Self.query("tournesol"))) == ["Friperie Le Tournesol"])
                }
            }
        }
    }

    @Test("the running server follows other instances' writes by itself")
    func followerService() async throws {
        try await TestDatabases.withFreshLocation(.sqliteFile) { location in
            var configuration = Configuration()
            configuration.database = location
            configuration.demoData = .never
            configuration.followIntervalMilliseconds = 100
            let database = try await Database.open(location, logger: TestDatabases.logger)
            do {
            let app = try await buildApplication(configuration, database: database, logger: TestDatabases.logger)
            try await app.test(.router) { client in
                // another instance writes straight to the database
                try await withMigratedDatabase(location, logger: TestDatabases.logger) { other in
                    let references = ReferenceStore(database: other)
                    try await references.upsertMunicipalities(Fixtures.municipalities)
                    let profile = try Fixtures.minimal("Traiteur Le Pivot").validated(using: try await references.catalog()).0
                    _ = try await EnterpriseStore(database: other).create(profile)
                }
                // The follower polls every 100 ms here (500 ms by default); the bound is generous
                // because the whole suite shares 2 cores: it catches a follower that never runs,
                // the latency itself is a benchmark's business.
                let start = ContinuousClock.now
                var found = false
                while !found && ContinuousClock.now - start < .seconds(15) {
                    found = try await client.execute(uri: "/api/v1/enterprises?q=pivot", method: .get) { response in
                        (response.json["total"] as? Int) == 1
                    }
                    if !found { try await Task.sleep(for: .milliseconds(50)) }
                }
                #expect(found, "the other instance's write was not searchable within 15 s")
            }
            } catch {
                // Closed on every path: a dropped SQLite connection would end the test process.
                await database.close()
                throw error
            }
            await database.close()
        }
    }
}
