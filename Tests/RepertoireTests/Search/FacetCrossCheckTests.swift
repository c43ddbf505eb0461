import Foundation
import Testing
@testable import Repertoire

/// The bit-set facet counter, the running totals of the empty query and the presorted name order
/// against a brute-force reference, over enough documents to span many 64-document words, with
/// upserts and removals (tombstones) in between.
@Suite("Facets and name order: brute-force cross-check")
struct FacetCrossCheckTests {
    struct Doc {
        var id: String, name: String, words: [String]
        var region: String?, municipality: String?, sectors: [String], legalForm: String, certifications: [String], offers: Bool
    }

    static func make(_ count: Int, seed: UInt64, prefix: String = "d") -> [Doc] {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let vocabulary = ["boulangerie", "traiteur", "vélo", "couture", "imprimerie", "jardin", "café", "épicerie"]
        return (0..<count).map { i in
            Doc(id: "\(prefix)\(i)", name: "Entreprise \(["Alpha", "Bêta", "gamma", "Delta", "écho"][next(5)]) \(next(1000))",
                words: (0..<(1 + next(3))).map { _ in vocabulary[next(vocabulary.count)] },
                region: next(10) == 0 ? nil : "r\(next(5))",
                municipality: next(8) == 0 ? nil : "m\(next(80))",
                sectors: (0..<next(3)).map { _ in "s\(next(70))" },  // more than 64 values
                legalForm: ["obnl", "coop", ""][next(3)],
                certifications: next(2) == 0 ? [] : ["c\(next(4))"],
                offers: next(2) == 0)
        }
    }

    static func searchDocument(_ d: Doc) -> SearchDocument {
        searchDoc(d.id, name: d.name, offerings: [(d.words.joined(separator: " "), "")], region: d.region,
                  municipality: d.municipality, sectorSlugs: d.sectors, legalForm: d.legalForm,
                  certifications: d.certifications, offersToMunicipalities: d.offers)
    }

    static func values(_ d: Doc, _ facet: SearchFacet) -> Set<String> {
        switch facet {
        case .region: return Set(d.region.map { [$0] } ?? [])
        case .municipality: return Set(d.municipality.map { [$0] } ?? [])
        case .sector: return Set(d.sectors)
        case .legalForm: return d.legalForm.isEmpty ? [] : [d.legalForm]
        case .certification: return Set(d.certifications)
        case .offersToMunicipalities: return [d.offers ? "true" : "false"]
        case .mrc, .serves: return []
        case .status: return ["active"]
        case .offeringKind: return []
        case .contracted: return ["false"]
        }
    }

    /// Expected non-zero counts per facet: documents matching the text and every OTHER facet's filter.
    static func expected(_ docs: [Doc], text: String?, filters: [SearchFacet: Set<String>]) -> [SearchFacet: [String: Int]] {
        let matching = docs.filter { d in text.map { d.words.contains($0) } ?? true }
        var out: [SearchFacet: [String: Int]] = [:]
        for facet in SearchFacet.allCases {
            var counts: [String: Int] = [:]
            for d in matching {
                let passesOthers = filters.allSatisfy { other, selection in
                    other == facet || selection.isEmpty || !values(d, other).isDisjoint(with: selection)
                }
                if passesOthers { for v in values(d, facet) { counts[v, default: 0] += 1 } }
            }
            out[facet] = counts
        }
        return out
    }

    static func check(_ index: SearchIndex, _ docs: [Doc]) {
        let filterSets: [[SearchFacet: Set<String>]] = [
            [:],
            [.region: ["r1"]],
            [.region: ["r1", "r3"], .sector: ["s5", "s66"], .offersToMunicipalities: ["true"]],
            [.municipality: ["m7"], .legalForm: ["coop"]],
            [.certification: ["c2"], .sector: ["s68"]],
            // A list facet's own count over most of the index (counted from its totals down).
            [.municipality: ["m7"]],
            [.municipality: ["m3", "m9"], .legalForm: ["obnl", "coop"]],
        ]
        for text in [nil, "traiteur", "vélo"] as [String?] {
            for filters in filterSets {
                let result = index.search(SearchQuery(text: text ?? "", filters: filters, sort: .name, limit: 7))
                let want = expected(docs, text: text, filters: filters)
                for facet in SearchFacet.allCases {
                    let got = Dictionary(uniqueKeysWithValues: (result.facets[facet] ?? []).filter { $0.count > 0 }.map { ($0.value, $0.count) })
                    #expect(got == want[facet], "facet \(facet) text \(text ?? "∅") filters \(filters)")
                }
                let kept = docs.filter { d in
                    (text.map { d.words.contains($0) } ?? true)
                        && filters.allSatisfy { facet, selection in !values(d, facet).isDisjoint(with: selection) }
                }
                #expect(result.total == kept.count)
                if text == nil {
                    // Name order: the folded name decides, then the spelling, then the id.
                    let expectedIds = kept.sorted { a, b in
                        let ka = FrenchAnalyzer.collationKey(a.name), kb = FrenchAnalyzer.collationKey(b.name)
                        if ka != kb { return ka.lexicographicallyPrecedes(kb) }
                        return a.name != b.name ? a.name < b.name : a.id < b.id
                    }.prefix(7).map(\.id)
                    #expect(result.hits.map(\.id) == Array(expectedIds), "name order, filters \(filters)")
                }
            }
        }
    }

    @Test func bulkBuildUpsertsAndRemovals() {
        var docs = Self.make(700, seed: 7)
        let index = makeSearchIndex(docs.map(Self.searchDocument))
        Self.check(index, docs)

        // Replace some documents, add new ones, remove others: tombstones in the middle of words.
        let replacements = Self.make(90, seed: 99)
        for (k, var doc) in replacements.enumerated() {
            let i = (k * 7) % docs.count
            doc.id = docs[i].id
            docs[i] = doc
            index.upsert(Self.searchDocument(doc))
        }
        for doc in Self.make(75, seed: 5, prefix: "n") {
            docs.append(doc)
            index.upsert(Self.searchDocument(doc))
        }
        for i in stride(from: 3, to: docs.count, by: 11).reversed() {
            index.remove(id: docs[i].id)
            docs.remove(at: i)
        }
        #expect(index.count == docs.count)
        Self.check(index, docs)
    }
}
