import Foundation
import Testing
@testable import Repertoire

/// The place facets' counts are sums over the `serves` values (``ServedPlaces/counts``), while a
/// place filter is a set of those values (``ServedPlaces/filter``): the two are written apart, so
/// every count shown must equal what choosing that place then finds.
@Suite("Served-place counts")
struct ServedPlaceCountsTests {
    @Test("every municipality, MRC and region count equals the total of its own filter, with and without words")
    func countsMatchFilters() async throws {
        try await TestDatabases.withDatabase(.sqliteMemory) { database in
            try await DemoSeeder.seedIfEmpty(database, logger: TestDatabases.logger)
            let directory = DirectoryService(database: database, logger: TestDatabases.logger)
            try await directory.loadIndex()
            for text in ["", "déneigement"] {
                var base = DirectoryQuery()
                base.text = text
                base.everywhere = true
                let facets = directory.search(base).facets
                var checked = 0
                for facet in [SearchFacet.municipality, .mrc, .region] {
                    let counts = facets[facet] ?? []
                    #expect(!counts.isEmpty, "\(facet) «\(text)»")
                    for count in counts.prefix(40) {
                        var query = base
                        switch facet {
                        case .municipality: query.municipalities = [count.value]
                        case .mrc: query.mrcs = [count.value]
                        default: query.regions = [count.value]
                        }
                        #expect(directory.search(query).total == count.count, "\(facet) \(count.value) «\(text)»")
                        checked += 1
                    }
                }
                #expect(checked > 40)
            }
        }
    }
}
