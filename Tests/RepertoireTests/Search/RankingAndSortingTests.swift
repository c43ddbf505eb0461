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

    @Test func exactAboveTypoAbovePrefix() {
        let index = makeSearchIndex([
            searchDoc("typo", name: "Boulangerie Centrale"),         // "boulangeries" is 1 edit from "boulangerie"? no: use typo below
            searchDoc("exact", name: "Boulanger Centre"),
        ])
        // Query "boulanger": exact on "Boulanger", prefix (last word) on "Boulangerie".
        #expect(index.ids("boulanger") == ["exact", "typo"])
        let scores = index.search(SearchQuery(text: "boulanger")).hits.map(\.score)
        #expect(scores[0] > scores[1])
    }

    @Test func exactScoresAboveTypoMatch() {
        let index = makeSearchIndex([
            searchDoc("typo", name: "Menuiserie Nord"),
            searchDoc("exact", name: "Menuiseries Sud"),
        ])
        // "menuiserie" and "menuiseries" share a stem; "menuiserei" is a typo of both: equal.
        let withTypo = makeSearchIndex([searchDoc("a", name: "Jardinage Solidaire"), searchDoc("b", name: "Jardinnage Solidaire")])
        #expect(withTypo.ids("jardinage") == ["a", "b"])
        #expect(index.ids("menuiserie").count == 2)
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
