import Foundation
import Testing
@testable import Repertoire

@Suite("Ranking and sorting")
struct RankingAndSortingTests {
    @Test func nameMatchRanksAboveDescriptionMatch() {
        let index = makeSearchIndex([
            searchDoc("desc", name: "Atelier Bois", description: "Nous offrons un service de traiteur"),
            searchDoc("name", name: "Traiteur du Coin", description: "Cuisine"),
            searchDoc("offer", name: "Cuisine Ouverte", offerings: [("Traiteur", "Buffets")]),
        ])
        #expect(index.ids("traiteur") == ["name", "offer", "desc"])
    }

    // Names are chosen so that the name tie-break would give the opposite order.
    @Test func exactScoresAboveTypo() {
        let index = makeSearchIndex([
            searchDoc("typo", name: "Aaa Jardinnage"),
            searchDoc("exact", name: "Zzz Jardinage"),
        ])
        let hits = index.search(SearchQuery(text: "jardinage")).hits
        #expect(hits.map(\.id) == ["exact", "typo"])
        #expect(hits[0].score > hits[1].score)
    }

    @Test func exactScoresAbovePrefix() {
        let index = makeSearchIndex([
            searchDoc("prefix", name: "Aaa Boulangerie"),
            searchDoc("exact", name: "Zzz Boulanger"),
        ])
        let hits = index.search(SearchQuery(text: "boulanger")).hits
        #expect(hits.map(\.id) == ["exact", "prefix"])
        #expect(hits[0].score > hits[1].score)
    }

    @Test func prefixScoresAboveTypo() {
        let index = makeSearchIndex([
            searchDoc("typo", name: "Aaa Jardim"),       // one edit from "jardin"
            searchDoc("prefix", name: "Zzz Jardinier"),  // "jardin" is a prefix
        ])
        let hits = index.search(SearchQuery(text: "jardin")).hits
        #expect(hits.map(\.id) == ["prefix", "typo"])
        #expect(hits[0].score > hits[1].score)
    }

    @Test func tiesBreakByNameThenId() {
        let index = makeSearchIndex([
            searchDoc("2", name: "Vélo Zénith", description: "vélo"),
            searchDoc("1", name: "Vélo Azur", description: "vélo"),
            searchDoc("0", name: "Vélo Azur", description: "vélo"),
        ])
        #expect(index.ids("vélo") == ["0", "1", "2"])
    }

    @Test func sortsByNameWithFrenchCollation() {
        let index = makeSearchIndex([
            searchDoc("z", name: "Zèbre"), searchDoc("e1", name: "École"), searchDoc("a", name: "abeille"),
            searchDoc("e2", name: "Ecole"), searchDoc("b", name: "Bâtiment"),
        ])
        #expect(index.ids("", sort: .name) == ["a", "b", "e2", "e1", "z"])
        #expect(index.ids("", sort: .relevance) == ["a", "b", "e2", "e1", "z"])
    }

    @Test func sortsByVerifiedDateNewestFirstNilLast() {
        let day: TimeInterval = 86_400
        let index = makeSearchIndex([
            searchDoc("never", name: "A Jamais"),
            searchDoc("old", name: "B Ancien", verifiedAt: Date(timeIntervalSince1970: day)),
            searchDoc("new", name: "C Récent", verifiedAt: Date(timeIntervalSince1970: 10 * day)),
            searchDoc("newToo", name: "B Aussi", verifiedAt: Date(timeIntervalSince1970: 10 * day)),
        ])
        #expect(index.ids("", sort: .verified) == ["newToo", "new", "old", "never"])
    }

    @Test func resultsAreDeterministicAcrossBuilds() {
        let docs = (0..<50).map { searchDoc("\($0)", name: "Coop \($0 % 7)", description: "service traiteur") }
        #expect(makeSearchIndex(docs).ids("traiteur") == makeSearchIndex(docs.reversed()).ids("traiteur"))
    }
}
