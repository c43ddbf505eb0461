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
}
