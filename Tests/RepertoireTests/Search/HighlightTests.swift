import Testing
@testable import Repertoire

@Suite("Highlights")
struct HighlightTests {
    @Test func highlightsMatchedWordsInOriginalName() {
        let index = makeSearchIndex([searchDoc("1", name: "L'Atelier de Déneigement <b>", description: "x")])
        let hit = index.search(SearchQuery(text: "deneigement atelier")).hits[0]
        #expect(hit.nameHighlight.joinedText == "L'Atelier de Déneigement <b>")
        #expect(hit.nameHighlight.matchedTexts == ["Atelier", "Déneigement"])
    }

    @Test func highlightsWordsStartingWithAccentsOrAfterElisions() {
        let index = makeSearchIndex([searchDoc("1", name: "Écoles de l'Énergie et d’Œuvres", description: "x")])
        let hit = index.search(SearchQuery(text: "energie ecole oeuvre")).hits[0]
        #expect(hit.nameHighlight.matchedTexts == ["Écoles", "Énergie", "Œuvres"])
    }

    @Test func highlightsPrefixAndTypoMatches() {
        let index = makeSearchIndex([searchDoc("1", name: "Traiteurs Gourmands")])
        #expect(index.search(SearchQuery(text: "trai")).hits[0].nameHighlight.matchedTexts == ["Traiteurs"])
        #expect(index.search(SearchQuery(text: "gourmnds")).hits[0].nameHighlight.matchedTexts == ["Gourmands"])
    }

    @Test func snippetPrefersBestOffering() {
        let index = makeSearchIndex([searchDoc("1", name: "Coop", offerings: [
            ("Ménage", "Entretien de bureaux"),
            ("Traiteur", "Repas chauds et buffets pour événements, traiteur de quartier"),
        ], description: "Une coopérative qui offre un service de traiteur")])
        let hit = index.search(SearchQuery(text: "traiteur")).hits[0]
        #expect(hit.snippetSource == "offering")
        #expect(hit.snippet?.joinedText.hasPrefix("Traiteur — Repas chauds") == true)
        #expect(hit.snippet?.matchedTexts == ["Traiteur", "traiteur"])
    }

    @Test func snippetFallsBackToDescriptionAndCutsOnWords() {
        let long = String(repeating: "mot ", count: 30) + "déneigement des rues " + String(repeating: "suite ", count: 40)
        let index = makeSearchIndex([searchDoc("1", name: "Coop", description: long)])
        let hit = index.search(SearchQuery(text: "déneigement")).hits[0]
        let snippet = hit.snippet ?? []
        #expect(hit.snippetSource == "description")
        #expect(snippet.matchedTexts == ["déneigement"])
        #expect(snippet.first?.text.hasPrefix("…") == true)
        #expect(snippet.last?.text.hasSuffix("…") == true)
        let text = snippet.joinedText
        #expect(text.count <= 165)
        #expect(!text.contains("mo…") && !text.contains("sui…"))
    }

    @Test func segmentsNeverContainMarkup() {
        let index = makeSearchIndex([searchDoc("1", name: "A&B <Traiteur>", description: "<script>traiteur</script>")])
        let hit = index.search(SearchQuery(text: "traiteur")).hits[0]
        #expect(hit.nameHighlight.joinedText == "A&B <Traiteur>")
        #expect(hit.snippet?.joinedText == "<script>traiteur</script>")
    }
}
