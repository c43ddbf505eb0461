import Foundation
import NIOCore
import Testing
@testable import Repertoire

/// The hand-written search answer must say exactly what `JSONEncoder` said of `SearchPageDTO`.
@Suite("API: the search answer's JSON writer")
struct SearchPageJSONTests {
    /// Both encodings of a page: the encoder's (the reference) and the writer's.
    static func both(_ page: DirectoryPage, catalog: MunicipalityCatalog) throws -> (encoder: Data, writer: Data) {
        let encoded = try JSONCoding.encoder.encode(SearchPageDTO(page, catalog: catalog))
        let written = Data(buffer: SearchPageJSON.bytes(page, catalog: catalog))
        return (encoded, written)
    }

    /// The JSON's values, independent of key order and number spelling: parsed, then written
    /// back with sorted keys.
    static func parsed(_ data: Data) throws -> String {
        let object = try JSONSerialization.jsonObject(with: data)
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func query(_ text: String = "", _ change: (inout DirectoryQuery) -> Void = { _ in }) -> DirectoryQuery {
        var query = DirectoryQuery()
        query.text = text
        change(&query)
        return query
    }

    @Test("same JSON as the encoder over the demo data, for every kind of search")
    func demoData() async throws {
        try await TestDatabases.withDatabase(.sqliteMemory) { database in
            // given: the default demo set, indexed
            try await DemoSeeder.seedIfEmpty(database, logger: TestDatabases.logger)
            let directory = DirectoryService(database: database, logger: TestDatabases.logger)
            try await directory.loadIndex()
            let queries: [DirectoryQuery] = [
                Self.query(),
                Self.query("entretien"),
                Self.query("entretien ménager", { $0.regions = ["16"] }),
                Self.query("enrtetien"),
                Self.query("formation en employabilité", { $0.perPage = 100 }),
                Self.query("", { $0.sectors = ["insertion-socioprofessionnelle"]; $0.offersToMunicipalities = true; $0.sort = .name }),
                Self.query("", { $0.sort = .verified; $0.page = 3; $0.perPage = 7 }),
                Self.query("café", { $0.certifications = ["entreprise-insertion"] }),
                Self.query("zzzqqxw"),
                Self.query("dneigement"),
            ]
            var pagesWithItems = 0
            for query in queries {
                // when
                let page = directory.search(query)
                let (encoded, written) = try Self.both(page, catalog: directory.catalog)
                // then: the same values, and here (no U+2028 or control characters) the same bytes
                #expect(try Self.parsed(encoded) == Self.parsed(written), "\(query)")
                #expect(String(decoding: written, as: UTF8.self) == String(decoding: encoded, as: UTF8.self), "\(query)")
                if !page.items.isEmpty { pagesWithItems += 1 }
            }
            #expect(pagesWithItems >= 6, "the queries should find something in the demo data")
        }
    }

    @Test("strings with quotes, backslashes, control characters, U+2028/2029 and emoji are escaped")
    func trickyStrings() throws {
        // given: a page whose every string is awkward
        let tricky = "Ça « cité » \"guillemets\" \\ / \u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F} \u{2028}\u{2029} \u{2019} 😀 e\u{301}"
        var profile = Fixtures.minimal(tricky, municipality: "58227", sector: "habitation")
        profile.offerings = [Offering(name: tricky, kind: .service, offeredToMunicipalities: true)]
        profile.regionCode = "16"
        profile.lastVerified = "2025-06-30"
        let enterprise = Enterprise(id: "id-\u{2028}-\"x\"", slug: "slug/\\", profile: profile, isFictional: true, version: 1,
                                    createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0), archivedAt: nil)
        let summary = EnterpriseSummary(enterprise, municipalityName: "Longueuil \u{2029}")
        let segments = [HighlightSegment(text: tricky, matched: true), HighlightSegment(text: "\u{1}", matched: false)]
        let hits = [
            SearchHit(id: enterprise.id, slug: enterprise.slug, score: 1.25, nameHighlight: segments, snippet: segments, snippetSource: "offering"),
            SearchHit(id: enterprise.id, slug: enterprise.slug, score: .infinity, nameHighlight: []),
            SearchHit(id: enterprise.id, slug: enterprise.slug, score: 3, nameHighlight: segments),
            SearchHit(id: enterprise.id, slug: enterprise.slug, score: 1e-7, nameHighlight: segments),
        ]
        let page = DirectoryPage(
            query: Self.query(tricky), total: -3, items: hits.map { DirectoryPage.Item(summary: summary, hit: $0) },
            facets: [.region: [FacetCount(value: tricky, count: 2, selected: true)], .sector: []],
            suggestions: [tricky, ""])
        // when
        let (encoded, written) = try Self.both(page, catalog: MunicipalityCatalog([]))
        // then
        #expect(try Self.parsed(encoded) == Self.parsed(written))
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.contains(#"\u2028"#) && text.contains(#"\u2029"#))
        #expect(text.contains(#"\u0000\u0001\b\t\n\f\r\u001f"#))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" })
        let object = try #require(try JSONSerialization.jsonObject(with: written) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.map { $0["score"] as? Double } == [1.25, 0, 3, 1e-7])
        #expect((items[0]["name"] as? String) == tricky)
    }

    @Test("numbers: every Int, and doubles without a trailing .0")
    func numbers() throws {
        for value in [0, 7, -1, 10, 99, 1_000_000, Int.max, Int.min] {
            var out = JSONOutput()
            out.int(value)
            #expect(String(buffer: out.buffer) == String(value))
        }
        for (value, text) in [(3.0, "3"), (0.5, "0.5"), (-2.0, "-2"), (1e-7, "1e-07")] {
            var out = JSONOutput()
            out.double(value)
            #expect(String(buffer: out.buffer) == text)
        }
    }
}
