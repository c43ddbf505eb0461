import Testing
@testable import Repertoire

@Suite("French analyzer")
struct AnalyzerTests {
    @Test func foldsCaseAccentsAndLigatures() {
        #expect(FrenchAnalyzer.terms("ÉCOLE Ça") == ["ecol", "ca"])
        #expect(FrenchAnalyzer.terms("œuvre Cæsar") == ["oeuvr", "caesar"])
        #expect(FrenchAnalyzer.terms("Déneigement") == FrenchAnalyzer.terms("deneigement"))
    }

    @Test func foldsDecomposedAccents() {
        // "é" written as e + combining acute accent (NFD), as some clipboards produce.
        #expect(FrenchAnalyzer.terms("e\u{301}cole") == FrenchAnalyzer.terms("école"))
    }

    @Test func dropsElisionsWithBothApostrophes() {
        #expect(FrenchAnalyzer.terms("l'atelier") == ["atelier"])
        #expect(FrenchAnalyzer.terms("d’entretien") == ["entretien"])
        #expect(FrenchAnalyzer.terms("qu'il jusqu'à s'occupe") == ["occup"])
        #expect(FrenchAnalyzer.terms("aujourd'hui") == ["aujourd", "hui"])
    }

    @Test func splitsHyphenatedWords() {
        #expect(FrenchAnalyzer.terms("Saint-Bruno") == ["saint", "bruno"])
        #expect(FrenchAnalyzer.terms("Saint-Bruno") == FrenchAnalyzer.terms("saint bruno"))
    }

    @Test(arguments: [
        (["traiteur", "traiteurs"], "traiteur"),
        (["coopérative", "coopératives", "coopératif", "coopératifs"], "cooperatif"),
        (["régional", "régionale", "régionaux", "régionales"], "regional"),
        (["vendeuse", "vendeur", "vendeurs", "vendeuses"], "vendeur"),
        (["naturel", "naturelle", "naturelles"], "naturel"),
        (["boulanger", "boulangère", "boulangères"], "boulanger"),
        (["bureau", "bureaux"], "bureau"),
    ])
    func stemsWordFamiliesTogether(words: [String], stem: String) {
        for word in words {
            #expect(FrenchAnalyzer.terms(word) == [stem], "\(word)")
        }
    }

    @Test func keepsShortWordsUnstemmed() {
        #expect(FrenchAnalyzer.terms("bus gaz") == ["bus", "gaz"])
    }

    @Test func removesFrenchAndEnglishStopWords() {
        #expect(FrenchAnalyzer.terms("le service de la ville et des citoyens") == ["servic", "vill", "citoyen"])
        #expect(FrenchAnalyzer.terms("the cleaning of offices") == ["cleaning", "offic"])
        #expect(FrenchAnalyzer.terms("à la") == [])
    }

    @Test func keepsDigitsAsTerms() {
        #expect(FrenchAnalyzer.terms("Zone 450 h2o 3e") == ["zone", "450", "h2o", "3e"])
    }

    @Test func treatsPunctuationAsSeparators() {
        #expect(FrenchAnalyzer.terms("vélo/ski, café!") == ["velo", "ski", "cafe"])
        #expect(FrenchAnalyzer.terms("  ,;!? — ") == [])
    }

    @Test func collationKeyIgnoresCaseAndAccents() {
        #expect(FrenchAnalyzer.collationKey("École") == FrenchAnalyzer.collationKey("ecole"))
        #expect(FrenchAnalyzer.collationKey("L'Atelier  du-Coin") == Array("l atelier du coin".utf8))
    }

    @Test func editDistanceCountsTranspositionAsOne() {
        #expect(editDistance(Array("traiteur".utf8)[...], Array("traiteru".utf8), bound: 2) == 1)
        #expect(editDistance(Array("abc".utf8)[...], Array("xyz".utf8), bound: 2) == 3)
    }
}
