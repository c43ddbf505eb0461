import Foundation
import Testing
@testable import Repertoire

@Suite("Index lifecycle")
struct IndexLifecycleTests {
    @Test func upsertIsVisibleImmediately() {
        let index = makeSearchIndex([searchDoc("1", name: "Coop Vélo")])
        index.upsert(searchDoc("2", name: "Friperie Nouvelle", description: "vêtements zygomatiques"))
        #expect(index.count == 2)
        #expect(index.ids("zygomatiques") == ["2"])
        #expect(index.ids("zygomatiqu") == ["2"])           // new term reachable by prefix
        #expect(index.ids("zygomatiquse") == ["2"])         // and by typo
        #expect(index.ids("", sort: .name) == ["1", "2"])
    }

    @Test func upsertReplacesTheOldVersion() {
        let index = makeSearchIndex([searchDoc("1", name: "Ancien Nom", region: "01")])
        index.upsert(searchDoc("1", name: "Nouveau Nom", region: "02"))
        #expect(index.count == 1)
        #expect(index.ids("ancien").isEmpty)
        #expect(index.ids("nouveau") == ["1"])
        let regions = index.search(SearchQuery(text: "")).facets[.region] ?? []
        #expect(regions == [FacetCount(value: "02", count: 1, selected: false)])
    }

    @Test func removeHidesTheDocument() {
        let index = makeSearchIndex([searchDoc("1", name: "Coop Un"), searchDoc("2", name: "Coop Deux")])
        index.remove(id: "1")
        index.remove(id: "inconnu")
        #expect(index.count == 1)
        #expect(index.ids("coop") == ["2"])
        #expect(index.search(SearchQuery(text: "")).total == 1)
    }

    @Test func upsertIntoEmptyIndex() {
        let index = SearchIndex()
        index.upsert(searchDoc("1", name: "Première Coop", description: "traiteur"))
        #expect(index.ids("traiteur") == ["1"])
        #expect(index.ids("premiere") == ["1"])
    }

    @Test func replaceAllKeepsTheLastDuplicate() {
        let index = makeSearchIndex([searchDoc("1", name: "Vieux"), searchDoc("1", name: "Neuf")])
        #expect(index.count == 1)
        #expect(index.ids("neuf") == ["1"])
    }

    @Test func concurrentSearchesWhileUpserting() async {
        let index = makeSearchIndex((0..<500).map { searchDoc("\($0)", name: "Coop \($0)", description: "traiteur repas") })
        await withTaskGroup(of: Int.self) { group in
            group.addTask {
                for i in 500..<800 {
                    index.upsert(searchDoc("\(i)", name: "Coop \(i)", description: "traiteur repas"))
                    if i % 3 == 0 { index.remove(id: "\(i - 400)") }
                }
                return 0
            }
            for _ in 0..<4 {
                group.addTask {
                    var last = 0
                    for _ in 0..<200 {
                        let result = index.search(SearchQuery(text: "traiteur", limit: 5))
                        #expect(result.hits.count == 5)
                        last = result.total
                    }
                    return last
                }
            }
            for await _ in group {}
        }
        #expect(index.count == 800 - 100)
        #expect(index.search(SearchQuery(text: "traiteur")).total == 700)
    }

    @Test("repertoire bench on a database: queries picked from its records, run on the directory loaded as the server loads it; the same answers as the index built at once")
    func benchmarkFromDatabase() async throws {
        try await TestDatabases.withFreshLocation(.sqliteFile) { location in
            // given
            _ = try await Tasks.writeDemoData(to: location, count: 300, seed: 1, append: false, logger: TestDatabases.logger)
            // when
            let report = try await Tasks.benchmarkSearch(database: location, count: nil, seed: 1, iterations: 3, logger: TestDatabases.logger)
            // then
            #expect(report.enterprises == 300 && report.loadSeconds != nil && report.buildSeconds > 0)
            #expect(report.lines.map(\.label) == ["frequent", "rare", "prefix", "typo", "three-word", "place"])
            #expect(report.lines[0].matches > 0)
            let (enterprises, catalog) = try await withMigratedDatabase(location, logger: TestDatabases.logger) { database in
                (try await EnterpriseStore(database: database).snapshot().enterprises, try await ReferenceStore(database: database).catalog())
            }
            let inMemory = try SearchBench.run(enterprises, catalog: catalog, iterations: 3)
            #expect(report.lines.map(\.matches) == inMemory.lines.map(\.matches))
        }
    }

    @Test func benchmarkReportsPercentiles() {
        let index = makeSearchIndex([searchDoc("1", name: "Coop")])
        let rows = SearchBenchmark.run(index, queries: [("coop", SearchQuery(text: "coop"))], iterations: 5)
        #expect(rows.count == 1 && rows[0].lastTotal == 1 && rows[0].p99Microseconds >= rows[0].p50Microseconds)
        #if os(Linux)
        #expect((SearchBenchmark.residentMemoryBytes() ?? 0) > 0)
        #endif
    }
}
