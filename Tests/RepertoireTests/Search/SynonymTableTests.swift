import Testing
@testable import Repertoire

@Suite("Synonym table")
struct SynonymTableTests {
    @Test func parsesGroupsCommentsAndBlankLines() throws {
        let table = try SynonymTable.parse("""
            # commentaire
            déneigement, déblaiement de la neige

            cpe, centre de la petite enfance, garderie  # en fin de ligne
            """)
        #expect(table.groups == [["déneigement", "déblaiement de la neige"],
                                 ["cpe", "centre de la petite enfance", "garderie"]])
    }

    @Test func namesTheLineOfAnEmptyGroup() {
        do {
            _ = try SynonymTable.parse("friperie, vêtements usagés\n# ok\n\n , ,\n")
            Issue.record("expected an error")
        } catch let error as SynonymTable.ParseError {
            #expect(error.line == 4)
            #expect(error.description == "ligne 4 : groupe de synonymes vide")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func rejectsSingleMemberAndEmptyMember() {
        #expect(throws: SynonymTable.ParseError.self) { try SynonymTable.parse("seul") }
        #expect(throws: SynonymTable.ParseError.self) { try SynonymTable.parse("a,,b") }
    }

    @Test func defaultTextParsesWithAboutTwentyGroups() throws {
        let table = try SynonymTable.parse(SynonymTable.defaultSynonymsText)
        #expect(table.groups.count >= 18)
        #expect(table.groups.contains { $0.contains("déneigement") })
        #expect(SynonymTable.default.groups.count == table.groups.count)
    }

    /// The planner expands a word with the first group holding it: a member in two groups would
    /// silently lose the second one.
    @Test func defaultGroupsShareNoMember() {
        var seen: [[String]: Int] = [:]
        for (index, group) in SynonymTable.default.groups.enumerated() {
            for member in group {
                let terms = FrenchAnalyzer.terms(member)
                if let other = seen[terms], other != index {
                    Issue.record("« \(member) » is in groups \(other + 1) and \(index + 1)")
                }
                seen[terms] = index
            }
        }
        #expect(seen.count > 60)
    }

    @Test func defaultGroupsHoldTheWordsBuyersType() {
        let groups = SynonymTable.default.groups
        func together(_ a: String, _ b: String) -> Bool { groups.contains { $0.contains(a) && $0.contains(b) } }
        #expect(together("bouffe", "traiteur"))
        #expect(together("bouffe", "nourriture"))
        #expect(together("bike", "vélo"))
        #expect(together("caterer", "traiteur"))
        #expect(together("janitorial", "entretien ménager"))
        #expect(together("ménage", "conciergerie"))
        #expect(together("snow removal", "déneigement"))
        #expect(together("landscaping", "paysagement"))
        #expect(together("moving", "déménagement"))
        #expect(together("printing", "imprimerie"))
        #expect(together("daycare", "garderie"))
        #expect(together("daycare", "cpe"))
    }
}
