import Foundation
import Testing
@testable import Repertoire

@Suite("XLSX import")
struct XLSXImportTests {
    @Test func cellsOfEveryKindAreRead() throws {
        // when
        let file = try ImportFile.load(Data(XLSXFixtures.workbook()), name: "liste.xlsx")
        let rows = Array(file.rows)
        // then
        #expect(file.headers == ["Nom", "Municipalité", "NEQ", "Dernière vérification", "Courriel", "Actif", "Contrôle"])
        #expect(file.sheetNames == ["Entreprises", "Notes"])
        #expect(rows.count == 2, "the empty row 5 is left out")
        #expect(rows[0].line == 2)
        #expect(rows[0].cells == ["Coopérative Les Jardins du Fleuve & fils", "Trois-Rivières", "1140139735", "2025-06-30",
                                  "info@jardins.exemple.org", "VRAI", ""])
        // merged D3:E3: the value stays in D3 only; a time of day is dropped from a date
        #expect(rows[1].cells == ["Friperie Trifluvienne", "trois-rivières", "", "2025-08-31", "", "FAUX", ""])
        #expect(rows[1].columnCount == 7)
    }

    @Test func plannedLikeACSV() throws {
        let file = try ImportFile.load(Data(XLSXFixtures.workbook()), name: "liste.xlsx")
        let preview = ImportPlanner.plan(file: file, mapping: .propose(headers: file.headers), options: ImportFixtures.options(),
                                         catalog: ImportFixtures.catalog)
        #expect(preview.counts.creates == 2, "\(preview.issues)")
        let first = try #require(preview.outcomes.first?.action.createdProfile)
        #expect(first.neq == "1140139735")
        #expect(first.lastVerified == "2025-06-30")
        #expect(first.email == "info@jardins.exemple.org")
        #expect(first.municipalityCode == "37067")
        #expect(preview.outcomes.last?.action.createdProfile?.email == nil)
    }

    @Test func aChosenSheetWithItsOwnLineNumbers() throws {
        let file = try ImportFile.load(Data(XLSXFixtures.workbook()), name: "liste.xlsx", sheet: "Notes")
        #expect(file.headers == ["Colonne 1", "Nom", "Ville"])
        #expect(Array(file.rows).map(\.line) == [3])
        let problem = ImportFixtures.problem(thrownBy: try ImportFile.load(Data(XLSXFixtures.workbook()), name: "liste.xlsx", sheet: "Feuil9"))
        #expect(problem?.message.contains("pas de feuille « Feuil9 » (feuilles : Entreprises, Notes)") == true)
    }

    @Test func truncatedAndCorruptWorkbooksAreRefusedInFrench() throws {
        let bytes = XLSXFixtures.workbook()
        for cut in [30, bytes.count / 2, bytes.count - 10] {
            let problem = ImportFixtures.problem(thrownBy: try ImportFile.load(Data(bytes.prefix(cut)), name: "liste.xlsx"))
            #expect(problem != nil, "cut at \(cut)")
            #expect(problem?.message.contains("endommagé") == true || problem?.message.contains("illisible") == true, "\(String(describing: problem))")
        }
        // a flipped byte inside a compressed part: its CRC or inflate fails
        var corrupt = bytes
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        let sheetStart = try #require((0..<(corrupt.count - name.count)).first { corrupt[$0..<($0 + name.count)].elementsEqual(name) })
        corrupt[sheetStart + 40] ^= 0xFF
        corrupt[sheetStart + 41] ^= 0xFF
        #expect(ImportFixtures.problem(thrownBy: try ImportFile.load(Data(corrupt), name: "liste.xlsx")) != nil)
        // a ZIP that is no workbook, and a workbook whose sheet is not XML
        var zip = ZipWriter()
        zip.add("readme.txt", "bonjour")
        #expect(ImportFixtures.problem(thrownBy: try ImportFile.load(Data(zip.finish()), name: "x.xlsx"))?.message.contains("xl/workbook.xml") == true)
        let broken = XLSXFixtures.workbook(sheet: "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row")
        #expect(ImportFixtures.problem(thrownBy: try ImportFile.load(Data(broken), name: "x.xlsx"))?.message.contains("illisible") == true)
    }

    @Test func aRowOfTwoThousandCellsIsRejectedAlone() throws {
        let file = try ImportFile.load(Data(XLSXFixtures.workbook(sheet: XLSXFixtures.wideSheet())), name: "large.xlsx")
        let rows = Array(file.rows)
        #expect(rows.first?.columnCount == 2_000)
        #expect(rows.first?.cells.count == ImportFile.maxColumns + 1)
        let preview = ImportPlanner.plan(file: file, mapping: .propose(headers: file.headers), options: ImportFixtures.options(),
                                         catalog: ImportFixtures.catalog)
        #expect(preview.counts.rejected == 1)
        #expect(preview.counts.creates == 1)
        #expect(preview.issues.first?.message.contains("2000 colonnes") == true)
    }

    @Test func dateFormatsAndSerials() {
        #expect(XLSXReader.isDateFormat("yyyy\\-mm\\-dd"))
        #expect(XLSXReader.isDateFormat("[$-fr-CA]d mmmm yyyy"))
        #expect(!XLSXReader.isDateFormat("\"Code \"0"))
        #expect(!XLSXReader.isDateFormat("0.00"))
        #expect(XLSXReader.day(serial: 45658, date1904: false) == "2025-01-01")
        #expect(XLSXReader.day(serial: 1, date1904: false) == "1899-12-31")
        #expect(XLSXWriter.serial(day: "2025-01-01") == 45658)
        #expect(XLSXReader.columnIndex("AA10") == 26)
        #expect(XLSXReader.numberText(46.5) == "46.5")
    }
}

@Suite("Export and import back")
struct RoundTripTests {
    static func roundTrip(format: String) async throws {
        try await TestApp.run(profiles: ExportTests.profiles() + [Fixtures.minimal("Atelier du Vieux-Longueuil", municipality: "58227", sector: "arts-culture-patrimoine")]) { client, env in
            // given: the directory's records, exported with the default columns
            let response = try await client.execute(uri: "/exporter/fichier?format=\(format)", method: .get)
            #expect(response.status == .ok)
            let data = Data(response.body.readableBytesView)
            // when: the file is previewed against the same records
            let file = try ImportFile.load(data, name: "export.\(format == "xlsx" ? "xlsx" : "csv")")
            let catalog = try await ReferenceStore(database: env.database).catalog()
            let (enterprises, _) = try await EnterpriseStore(database: env.database).snapshot()
            let preview = ImportPlanner.plan(file: file, mapping: .propose(headers: file.headers), options: ImportOptions(fileName: file.name),
                                             catalog: catalog, existing: enterprises.map { ExistingRecord($0) })
            // then: nothing would change
            #expect(ColumnMapping.propose(headers: file.headers).columns.allSatisfy { $0.field != .ignored }, "\(file.headers)")
            #expect(preview.counts.unchanged == 3, "\(preview.outcomes.map { "\($0.action) \($0.issues)" })")
            #expect(preview.counts.creates == 0)
            #expect(preview.counts.updates == 0)
        }
    }

    @Test func csv() async throws { try await Self.roundTrip(format: "csv") }
    @Test func csvForFrenchExcel() async throws { try await Self.roundTrip(format: "csv-pv") }
    @Test func xlsx() async throws { try await Self.roundTrip(format: "xlsx") }
}
