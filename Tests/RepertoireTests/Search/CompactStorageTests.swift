import Foundation
import Testing
@testable import Repertoire

@Suite("The index's compact storage: ids as UUID keys, documents and name keys in shared buffers")
struct CompactStorageTests {
    @Test("only the canonical lowercase form is a UUID key, so a key stands for exactly one id")
    func canonicalUUIDs() {
        // given
        let canonical = "01a24d5b-dafd-76f9-bb19-221bd6544d84"
        let bytes = withUnsafeBytes(of: UUID(uuidString: canonical)!.uuid) { Array($0) }
        // then: the bits are Foundation's bytes, big-endian; they spell the id back
        #expect(UUIDBits(canonical) == UUIDBits(high: bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) },
                                                low: bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) }))
        for id in [canonical] + (0..<200).map({ _ in UUID().uuidString.lowercased() }) {
            #expect(UUIDBits(id)?.string == id)
        }
        for other in [canonical.uppercased(), "01a24d5b-dafd-76f9-bb19-221bd6544d8", canonical + "0",
                      "01a24d5bdafd-76f9-bb19-221bd6544d84-", "01a24d5b-dafd-76f9-bb19-221bd6544d8g", "e1", ""] {
            #expect(UUIDBits(other) == nil, "\(other)")
        }
    }

    @Test("UUID ids, other ids and an upper-case spelling of a UUID are three keys; removal finds each")
    func table() {
        // given
        let lower = "01a24d5b-dafd-76f9-bb19-221bd6544d84"
        var table = IDTable<Int>()
        // when
        table[lower] = 1
        table[lower.uppercased()] = 2
        table["e1"] = 3
        table[lower] = 4
        // then
        #expect(table.count == 3)
        #expect(table[lower] == 4 && table[lower.uppercased()] == 2 && table["e1"] == 3 && table["e2"] == nil)
        #expect(table.removeValue(forKey: lower) == 4 && table[lower] == nil && table[lower.uppercased()] == 2)
        #expect(table.removeValue(forKey: "e1") == 3 && table.count == 1)
    }

    @Test("a stored document's size is known before it is written, and every field reads back")
    func storedDocuments() {
        // given
        let docs = [
            searchDoc("01a24d5b-dafd-76f9-bb19-221bd6544d84", name: "Coop Éclat", offerings: [("Déneigement", "Rues et trottoirs"), ("", "")],
                      description: "Entreprise d'insertion « sociale »"),
            searchDoc("e2", name: "", description: ""),
        ]
        var stored = StoredDocuments()
        // when
        for doc in docs { stored.append(doc) }
        // then
        for (d, doc) in docs.enumerated() {
            #expect(StoredDocument.size(doc) == StoredDocument.encode(doc).count)
            let read = stored[d]
            #expect(read.id == doc.id && read.slug == doc.slug && read.name == doc.name)
            #expect(read.string(StoredDocument.description) == doc.description)
            #expect(read.offeringCount == doc.offerings.count)
            for (k, offering) in doc.offerings.enumerated() {
                #expect(read.string(StoredDocument.firstOffering + 2 * k) == offering.name)
                #expect(read.string(StoredDocument.firstOffering + 2 * k + 1) == offering.description)
            }
        }
    }

    @Test("runs appended past the reserved room read back, and the reserved room is not lost")
    func byteRuns() {
        // given
        var runs = ByteRuns()
        runs.reserveCapacity(runs: 2, bytes: 3, headroom: 0)
        // when
        let written: [[UInt8]] = [[1, 2], [], [3], Array(repeating: 9, count: 5_000), [4, 5, 6]]
        for run in written { runs.append(run) }
        runs.reserveHeadroom(minimum: 16)
        // then
        #expect(runs.count == written.count && runs.byteCount == written.reduce(0) { $0 + $1.count })
        for (i, run) in written.enumerated() { #expect(Array(runs[i]) == run) }
    }

    @Test("an index fed in chunks answers like one built at once; an id fed twice keeps its first document")
    func chunks() {
        // given
        let docs = (0..<30).map { i in
            searchDoc(i == 7 ? "01a24d5b-dafd-76f9-bb19-221bd6544d84" : "e\(i)", name: "Traiteur \(i)", description: "repas \(i % 3)",
                      region: "\(i % 4)", sectorSlugs: i % 2 == 0 ? ["agroalimentaire"] : [])
        }
        let whole = makeSearchIndex(docs)
        let builder = SearchIndex.Builder()
        let chunked = SearchIndex()
        // when
        builder.add(Array(docs[0..<10]))
        builder.add(Array(docs[10..<30]) + [searchDoc("e3", name: "Autre chose"), searchDoc("e3", name: "Encore")])
        chunked.replaceAll(builder)
        // then
        for text in ["traiteur", "repas", "repas 2", "autre", "encore", "traiteur 7", ""] {
            #expect(chunked.ids(text, sort: .name) == whole.ids(text, sort: .name), "\(text)")
            #expect(chunked.ids(text) == whole.ids(text), "\(text)")
        }
        let filtered = SearchQuery(text: "repas", filters: [.region: ["1"], .sector: ["agroalimentaire"]], sort: .relevance, offset: 0, limit: 50)
        #expect(chunked.search(filtered).hits.map(\.id) == whole.search(filtered).hits.map(\.id))
        #expect(chunked.search(filtered).facets == whole.search(filtered).facets)
    }

    @Test("a UUID-keyed index replaces, removes and sorts by name like any other")
    func uuidIndex() {
        // given
        let ids = (0..<4).map { String(format: "01a24d5b-dafd-76f9-bb19-%012x", $0) }
        let index = makeSearchIndex([
            searchDoc(ids[0], name: "Traiteur Bélair", region: "16"), searchDoc(ids[1], name: "Atelier traiteur", region: "16"),
            searchDoc(ids[2], name: "Zèbre traiteur", region: "16"), searchDoc("autre", name: "Bistro traiteur", region: "16"),
        ])
        // when
        index.upsert(searchDoc(ids[1], name: "Cuisine traiteur"))
        index.remove(id: ids[2])
        index.upsert(searchDoc(ids[3], name: "Abeille traiteur"))
        // then
        #expect(index.ids("traiteur", sort: .name) == [ids[3], "autre", ids[1], ids[0]])
        #expect(index.have([.region: ["16"]], ids: ids + ["autre"]) == [ids[0], "autre"])
    }
}

@Suite("Enterprise ids as keys: the order of their strings, without decoding them")
struct IDKeyTests {
    @Test("keys sort like the ids' strings, UUIDs and other ids mixed, and give their ids back")
    func order() {
        // given: random canonical UUIDs, one upper-case spelling and ids of tests
        let uuids = (0..<300).map { _ in UUID().uuidString.lowercased() }
        let ids = uuids + [uuids[0].uppercased(), "e1", "e10", "autre", "", "zzz"]
        // when
        let keys = ids.map(IDKey.init)
        // then
        #expect(keys.map(\.id) == ids)
        #expect(keys.sorted().map(\.id) == ids.sorted())
        #expect(Set(keys).count == ids.count)
    }

    @Test("a call's best candidates: by score, ties by id, the same as sorting them all")
    func best() {
        // given: candidates with few distinct scores, so that ties straddle the cut
        let candidates = (0..<500).map { i in (score: i % 7, key: IDKey(UUID().uuidString.lowercased())) } + [(score: 3, key: IDKey("e1"))]
        let sorted = candidates.sorted { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }.map(\.key)
        // then
        for limit in [0, 1, 71, 72, 73, 100, 501, 600] {
            #expect(CallMatcher.best(candidates, limit: limit) == Array(sorted.prefix(limit)), "limit \(limit)")
        }
    }

    @Test("a summary's key is its id's, UUID or not")
    func summaryKeys() {
        for id in ["01a24d5b-dafd-76f9-bb19-221bd6544d84", "01A24D5B-DAFD-76F9-BB19-221BD6544D84", "e1"] {
            let summary = EnterpriseSummary(Enterprise(id: id, slug: "s", profile: Fixtures.minimal("Nom"), isFictional: false, version: 1,
                                                       createdAt: Date(), updatedAt: Date(), archivedAt: nil), municipalityName: nil)
            #expect(summary.id == id && summary.idKey == IDKey(id) && summary.idKey.id == id)
        }
    }

    @Test("the newest summaries: by date, then by id, the same as sorting them all")
    func newest() {
        // given: summaries of two dates, ids in no order
        let ids = (0..<40).map { _ in UUID().uuidString.lowercased() } + ["e3", "e1"]
        let summaries = ids.enumerated().map { i, id in
            EnterpriseSummary(Enterprise(id: id, slug: "s\(i)", profile: Fixtures.minimal("Nom \(i)"), isFictional: false, version: 1,
                                         createdAt: Date(timeIntervalSince1970: i % 3 == 0 ? 2_000 : 1_000),
                                         updatedAt: Date(timeIntervalSince1970: 1_000), archivedAt: nil),
                              municipalityName: nil)
        }
        let sorted = summaries.sorted { $0.createdAt != $1.createdAt ? $0.createdAt > $1.createdAt : $0.id > $1.id }
        // then
        for limit in [0, 1, 5, 14, 15, 42, 50] {
            #expect(DirectoryService.newest(of: summaries, limit: limit).map(\.id) == Array(sorted.prefix(limit)).map(\.id), "limit \(limit)")
        }
    }
}
