import Foundation
import Testing
@testable import Repertoire

@Suite("Decoding import files")
struct ImportFileTests {
    let header = "Nom,Municipalité\r\n"

    @Test func utf8WithAndWithoutByteOrderMark() throws {
        for prefix in [[UInt8](), [0xEF, 0xBB, 0xBF]] {
            let file = try ImportFile.decode(Data(prefix + Array("Nom,Ville\nCafé Zoé,Trois-Rivières\n".utf8)))
            #expect(file.encoding == .utf8)
            #expect(file.headers == ["Nom", "Ville"])
            #expect(Array(file.rows).map(\.cells) == [["Café Zoé", "Trois-Rivières"]])
        }
    }

    @Test func windows1252IsDetectedAndCanBeForced() throws {
        // What French Excel writes: é = 0xE9, ’ = 0x92, œ = 0x9C.
        let bytes: [UInt8] = Array("Nom;Ville\r\nCaf".utf8) + [0xE9, 0x20, 0x92, 0x9C] + Array(";Trois-Rivi".utf8) + [0xE8] + Array("res\r\n".utf8)
        let file = try ImportFile.decode(Data(bytes))
        #expect(file.encoding == .windows1252)
        #expect(file.delimiter == ";")
        #expect(Array(file.rows).first?.cells == ["Café ’œ", "Trois-Rivières"])

        let latin = try ImportFile.decode(Data("Nom\nCafé\n".utf8), encoding: .windows1252)
        #expect(Array(latin.rows).first?.cells == ["CafÃ©"])
    }

    @Test(arguments: [(",", ","), (";", ";"), ("\t", "\t")])
    func delimiterIsDetectedFromTheHeader(written: String, expected: String) throws {
        let text = ["Nom", "Adresse", "Ville"].joined(separator: written) + "\n" + ["A", "1, rue B", "C"].joined(separator: written) + "\n"
        let file = try ImportFile.decode(Data(text.utf8))
        #expect(file.delimiter == Character(expected))
        #expect(file.headers.count == 3)
    }

    @Test func delimiterTiesGoToCommaAndQuotedDelimitersDoNotCount() throws {
        #expect(try ImportFile.decode(Data("a;b,c\n".utf8)).delimiter == ",")
        #expect(try ImportFile.decode(Data("\"a,b,c\";d\n".utf8)).delimiter == ";")
        #expect(try ImportFile.decode(Data("Nom\nA\n".utf8)).delimiter == ",")
        let forced = try ImportFile.decode(Data("a;b,c\n1;2,3\n".utf8), delimiter: ";")
        #expect(Array(forced.rows).first?.cells == ["1", "2,3"])
    }

    @Test func quotedFieldsKeepDelimitersQuotesAndLineBreaks() throws {
        let text = "Nom,Mission,Ville\n\"Coop, solidarité\",\"Elle dit \"\"bonjour\"\"\nsur deux lignes\",Shawinigan\nB,,C\n"
        let rows = Array(try ImportFile.decode(Data(text.utf8)).rows)
        #expect(rows.count == 2)
        #expect(rows[0].cells == ["Coop, solidarité", "Elle dit \"bonjour\"\nsur deux lignes", "Shawinigan"])
        #expect(rows[0].line == 2)
        #expect(rows[1].line == 4, "the quoted line break counts as a spreadsheet line")
    }

    @Test func blankLinesAreSkippedAndLineNumbersKept() throws {
        let rows = Array(try ImportFile.decode(Data("Nom\n\nA\r\n\r\nB".utf8)).rows)
        #expect(rows.map(\.line) == [3, 5])
    }

    @Test func missingValueMarkers() {
        for missing in ["", "  ", "NA", "na", "N/A", "-", "#N/A"] { #expect(ImportCell.value(missing) == nil) }
        #expect(ImportCell.value(" Café ") == "Café")
        #expect(ImportCell.value("-72.5") == "-72.5")
        #expect(ImportCell.value("NAPIERVILLE") == "NAPIERVILLE")
    }

    @Test func formulaNeutralisationOfOurOwnExportIsUndone() throws {
        let writer = CSVWriter()
        let values = ["=SOMME(A1)", "+1 819 555-1234", "-", "@home", "L'Arbre"]
        let text = writer.row(["a", "b", "c", "d", "e"]) + writer.row(values)
        let row = try #require(Array(try ImportFile.decode(Data(text.utf8)).rows).first)
        #expect(row.cells.map { ImportCell.value($0) } == ["=SOMME(A1)", "+1 819 555-1234", "-", "@home", "L'Arbre"])
    }

    @Test func emptyFileIsRefused() {
        #expect(throws: ImportProblem(line: nil, message: "le fichier est vide (0 octet) : vérifiez que vous avez choisi le bon fichier")) {
            try ImportFile.decode(Data())
        }
        #expect(throws: ImportProblem.self) { try ImportFile.decode(Data("\n\r\n\n".utf8)) }
    }

    @Test func binaryFilesAreRefusedWithAHint() throws {
        let binary = Data((0..<2_000).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        let problem = try #require(ImportFixtures.problem(thrownBy: try ImportFile.decode(binary)))
        #expect(problem.message.contains("n'est pas un fichier texte"))
        let xlsx = try #require(ImportFixtures.problem(thrownBy: try ImportFile.decode(Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]))))
        #expect(xlsx.message.contains("Enregistrer sous"))
        let controls = Data((0..<500).map { UInt8(1 + $0 % 8) })
        #expect(try #require(ImportFixtures.problem(thrownBy: try ImportFile.decode(controls))).message.contains("ne ressemble pas à du texte"))
    }

    @Test func truncatedQuotedFieldIsReportedOnItsLineAndEndsTheFile() throws {
        let text = "Nom,Mission\nA,ok\nB,\"commence ici\net continue sans fin"
        let rows = Array(try ImportFile.decode(Data(text.utf8)).rows)
        #expect(rows.count == 2)
        #expect(rows[0].problem == nil)
        let problem = try #require(rows[1].problem)
        #expect(problem.line == 3)
        #expect(problem.message.contains("tronqué"))
    }

    @Test func textAfterAClosingQuoteSpoilsOnlyItsRow() throws {
        let rows = Array(try ImportFile.decode(Data("Nom,Ville\n\"A\"x,B\nC,D\n".utf8)).rows)
        #expect(rows[0].problem?.message.contains("guillemet fermant") == true)
        #expect(rows[1].cells == ["C", "D"])
        #expect(rows[1].problem == nil)
    }

    @Test func rowWithTwoThousandColumnsIsCappedAndCounted() throws {
        let text = "Nom,Ville\n" + (0..<2_000).map { "c\($0)" }.joined(separator: ",") + "\nB,Shawinigan\n"
        let rows = Array(try ImportFile.decode(Data(text.utf8)).rows)
        #expect(rows[0].columnCount == 2_000)
        #expect(rows[0].cells.count == ImportFile.maxColumns + 1)
        #expect(rows[1].cells == ["B", "Shawinigan"])
    }

    @Test func headerWithTwoThousandColumnsIsRefused() throws {
        let text = (0..<2_000).map { "c\($0)" }.joined(separator: ",") + "\n"
        let problem = try #require(ImportFixtures.problem(thrownBy: try ImportFile.decode(Data(text.utf8))))
        #expect(problem.line == 1)
        #expect(problem.message.contains("2000 colonnes"))
    }

    @Test func blankHeadersGetAName() throws {
        #expect(try ImportFile.decode(Data("Nom,,Ville\n".utf8)).headers == ["Nom", "Colonne 2", "Ville"])
    }
}
