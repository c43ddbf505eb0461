import Testing
@testable import Repertoire

@Suite("Matching")
struct MatchingTests {
    let index = makeSearchIndex([
        searchDoc("traiteur", name: "Les Délices de Marie", offerings: [("Traiteur", "Buffets chauds et repas livrés")],
                  place: "Longueuil Montérégie"),
        searchDoc("imprimerie", name: "Imprimerie Solidaire", offerings: [("Impression", "Affiches et dépliants")],
                  place: "Montréal"),
        searchDoc("neige", name: "Coop Blanche", description: "Déneigement des stationnements municipaux",
                  place: "Saint-Bruno-de-Montarville"),
        searchDoc("cpe", name: "Les Petits Pas", description: "Centre de la petite enfance du quartier"),
        searchDoc("ids", name: "Entretien Plus", neq: "1165432789", phones: ["450 555-1234", "1-819-555-9876"]),
        searchDoc("tribu", name: "La Tribu", description: "Ateliers de cirque"),
        searchDoc("contribution", name: "Contribution Verte", description: "Recyclage"),
    ], synonyms: try! SynonymTable.parse("""
        déneigement, déblaiement de la neige
        cpe, centre de la petite enfance, garderie
        impression, imprimerie
        """))

    @Test func requiresAllWordsAcrossFields() {
        #expect(index.ids("traiteur longueuil") == ["traiteur"])
        #expect(index.ids("traiteur montréal").isEmpty)
    }

    @Test func matchesAccentAndCaseInsensitively() {
        #expect(index.ids("DELICES") == ["traiteur"])
        #expect(index.ids("deneigement") == ["neige"])
    }

    @Test func matchesHyphenatedPlaceEitherWay() {
        #expect(index.ids("saint-bruno") == ["neige"])
        #expect(index.ids("saint bruno") == ["neige"])
    }

    @Test func prefixAppliesToLastWordOnly() {
        #expect(index.ids("trait") == ["traiteur"])
        #expect(index.ids("trait longueuil").isEmpty)      // "trait" is not last: exact or typo only
        #expect(index.ids("longueuil trait") == ["traiteur"])
    }

    @Test func prefixNeedsTwoCharacters() {
        #expect(index.ids("z").isEmpty)
        #expect(index.ids("lo").contains("traiteur"))    // "longueuil"
    }

    @Test func typoThresholdsFollowWordLength() {
        // 4 letters: no typo allowed ("tribu" is 5, "trib" would be a prefix, so use a substitution)
        #expect(index.ids("trubu") == ["tribu"])              // 5 letters: one edit
        #expect(index.ids("xribu a").isEmpty == false)        // still one edit on a 5-letter word
        #expect(index.ids("tibu zzz").isEmpty)
        #expect(index.ids("cqpe").isEmpty)                    // 4 letters: no typo
        #expect(index.ids("imprimrie") == ["imprimerie"])     // 9 letters, one deletion
        #expect(index.ids("imprmrie").isEmpty)                // 8 letters, two edits: too many
        #expect(index.ids("contrbutoin") == ["contribution"]) // 11 letters, two edits
    }

    @Test func transpositionCountsAsOneEdit() {
        #expect(index.ids("traiteru") == ["traiteur"])
    }

    @Test func synonymsExpandBothWaysIncludingPhrases() {
        #expect(index.ids("déblaiement de la neige") == ["neige"])
        #expect(index.ids("garderie") == ["cpe"])
        #expect(index.ids("cpe") == ["cpe"])
        #expect(Set(index.ids("impression")) == ["imprimerie"])
        #expect(Set(index.ids("imprimerie")) == ["imprimerie"])
    }

    @Test func multiWordSynonymNeedsAllItsWords() {
        let other = makeSearchIndex([searchDoc("n", name: "Neige Inc", description: "vente de neige artificielle")],
                              synonyms: try! SynonymTable.parse("déneigement, déblaiement de la neige"))
        #expect(other.ids("déneigement").isEmpty)
    }

    @Test func findsNeqAndPhones() {
        #expect(index.ids("1165432789") == ["ids"])
        #expect(index.ids("1165 432 789") == ["ids"])
        #expect(index.ids("4505551234") == ["ids"])
        #expect(index.ids("(450) 555-1234") == ["ids"])
        #expect(index.ids("555-1234") == ["ids"])
        #expect(index.ids("819 555 9876") == ["ids"])
        #expect(index.ids("5559999").isEmpty)
    }

    @Test func suggestsCloseSpellingsWhenNothingMatches() {
        let result = index.search(SearchQuery(text: "livrzzés"))
        #expect(result.total == 0)
        let none = index.search(SearchQuery(text: "deneigemant longueuil"))
        #expect(none.total == 0)
        let suggestion = index.search(SearchQuery(text: "cirqe"))   // 5 letters; "cirque" stems to "cirqu"
        #expect(suggestion.total == 1)
        let miss = index.search(SearchQuery(text: "buffetz chaudds"))
        #expect(miss.total == 1)
        let zero = index.search(SearchQuery(text: "atelyez"))   // 7 letters, 2 edits: beyond typo tolerance
        #expect(zero.total == 0)
        #expect(zero.suggestions.first == "ateliers")
        #expect(index.search(SearchQuery(text: "atelier")).suggestions.isEmpty)
    }

    @Test func emptyOrPunctuationQueryReturnsEverythingByName() {
        for text in ["", "   ", "?!,", "le la"] {
            let result = index.search(SearchQuery(text: text, limit: 100))
            #expect(result.total == 7, "\(text)")
            #expect(result.hits.first?.id == "contribution", "\(text)")  // "Contribution Verte" sorts first
            #expect(result.suggestions.isEmpty)
        }
    }

    @Test func pagesWithOffsetAndLimit() {
        let all = index.search(SearchQuery(text: "", limit: 100)).hits.map(\.id)
        let page = index.search(SearchQuery(text: "", offset: 2, limit: 3))
        #expect(page.total == 7)
        #expect(page.hits.map(\.id) == Array(all[2..<5]))
        #expect(index.search(SearchQuery(text: "", offset: 10, limit: 3)).hits.isEmpty)
        #expect(index.search(SearchQuery(text: "", offset: 1, limit: Int.max)).hits.count == 6)
        #expect(index.search(SearchQuery(text: "", offset: -5, limit: -1)).hits.isEmpty)
    }
}
