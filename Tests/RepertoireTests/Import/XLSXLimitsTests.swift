import Foundation
import Testing
@testable import Repertoire

/// Workbooks built to hurt: sheets that expand to hundreds of megabytes ("zip bombs"), sizes
/// that lie, cells beyond Excel's limit. Each is refused with a French message saying what is
/// too big, without the workbook being inflated (or held) whole.
@Suite("XLSX limits")
struct XLSXLimitsTests {
    /// The smallest limits the fixture workbook passes, for tests to cross one at a time.
    static let tight = XLSXReader.Limits(sheetBytes: 10_000, sharedStringsBytes: 10_000, sharedStrings: 8, otherPartBytes: 10_000,
                                         cellCharacters: 100, rows: 5, cells: 17, textBytes: 300)

    /// A sheet of 200 MB deflated to a few hundred KB, made once.
    static let bomb: (deflated: [UInt8], size: Int)? = try? XLSXFixtures.bombSheet(megabytes: 200)

    static func problem(_ workbook: [UInt8], limits: XLSXReader.Limits = .standard) -> ImportProblem? {
        ImportFixtures.problem(thrownBy: try ImportFile.decodeWorkbook(Data(workbook), name: "liste.xlsx", sheet: nil, limits: limits))
    }

    @Test func aBombSheetIsRefusedBeforeItIsInflated() throws {
        // given: a workbook of well under 1 MB whose sheet expands to 200 MB, as it declares
        let bomb = try #require(Self.bomb)
        let workbook = XLSXFixtures.workbook { $0.add("xl/worksheets/sheet1.xml", deflated: bomb.deflated, crc: 0, size: UInt32(bomb.size)) }
        #expect(workbook.count < 1_000_000)
        #expect(bomb.size > 199_000_000)
        // when
        let problem = Self.problem(workbook)
        // then
        #expect(problem?.message == "la feuille « Entreprises » dépasse 128 Mo une fois décompressée : enregistrez-la en CSV ou découpez-la en plusieurs fichiers")
    }

    @Test func aSheetLyingAboutItsSizeIsStoppedByTheRunningCount() throws {
        // given: the same bomb, declaring 10 KB
        let bomb = try #require(Self.bomb)
        let workbook = XLSXFixtures.workbook { $0.add("xl/worksheets/sheet1.xml", deflated: bomb.deflated, crc: 0, size: 10_000) }
        // when
        let problem = Self.problem(workbook)
        // then
        #expect(problem?.message.contains("endommagé (partie « xl/worksheets/sheet1.xml » illisible)") == true, "\(String(describing: problem))")
        // and no more than one chunk past what it declared was inflated
        var zip = try ZipReader(workbook)
        var stream = try zip.stream("xl/worksheets/sheet1.xml", limit: 1_000_000)
        #expect(throws: ZipError.self) { while try stream.next() != nil {} }
        #expect(stream.produced > 10_000)
        #expect(stream.produced <= 10_000 + ZipReader.EntryStream.chunkSize)
    }

    @Test func aBombDeclaringASizeWithinTheLimitIsStoppedByItsRatio() throws {
        // given: the bomb, declaring 100 MB (under the sheet limit)
        let bomb = try #require(Self.bomb)
        let workbook = XLSXFixtures.workbook { $0.add("xl/worksheets/sheet1.xml", deflated: bomb.deflated, crc: 0, size: 100_000_000) }
        // when
        let problem = Self.problem(workbook)
        // then
        #expect(problem?.message == "la feuille « Entreprises » se décompresse plus de 100 fois, ce qu'aucun tableur ne produit : réenregistrez le classeur depuis Excel ou LibreOffice, ou enregistrez la feuille en CSV")
        // within its first megabyte
        var zip = try ZipReader(workbook)
        var stream = try zip.stream("xl/worksheets/sheet1.xml", limit: 128_000_000)
        #expect(throws: ZipError.self) { while try stream.next() != nil {} }
        #expect(stream.produced <= ZipReader.EntryStream.ratioGrace + ZipReader.EntryStream.chunkSize)
    }

    @Test func theInflaterStopsOneChunkPastItsLimit() throws {
        // given: a bomb declaring exactly the limit it is read with
        let bomb = try #require(Self.bomb)
        var writer = ZipWriter()
        writer.add("bombe.xml", deflated: bomb.deflated, crc: 0, size: 1_000_000)
        var zip = try ZipReader(writer.finish())
        var stream = try zip.stream("bombe.xml", limit: 1_000_000)
        // when
        var error: ZipError?
        do {
            while try stream.next() != nil {}
        } catch let thrown {
            error = thrown
        }
        // then
        #expect(error?.reason == .tooLarge)
        #expect(error?.description.contains("dépasse 1 Mo une fois décompressée") == true)
        #expect(stream.produced <= 1_000_000 + ZipReader.EntryStream.chunkSize)
        // and an entry declaring more than the limit is refused before anything is inflated
        var honest = ZipWriter()
        honest.add("bombe.xml", deflated: bomb.deflated, crc: 0, size: UInt32(bomb.size))
        var reader = try ZipReader(honest.finish())
        #expect(throws: ZipError.self) { try reader.stream("bombe.xml", limit: 1_000_000) }
    }

    @Test func aCellBeyondExcelsLimitIsRefused() throws {
        // a cell of exactly 32,767 characters is read whole
        let longest = String(repeating: "é", count: 32_767)
        let file = try ImportFile.load(Data(XLSXFixtures.workbook(sheet: XLSXFixtures.sheet(withCell: longest))), name: "liste.xlsx")
        #expect(Array(file.rows).first?.cells[1] == longest)
        // one more is refused, naming the cell
        let tooLong = XLSXFixtures.workbook(sheet: XLSXFixtures.sheet(withCell: longest + "e"))
        let problem = Self.problem(tooLong)
        #expect(problem?.line == 2)
        #expect(problem?.message == "la cellule B2 de la feuille « Entreprises » dépasse 32\u{A0}767 caractères, la limite d'Excel : raccourcissez son texte")
        // a cell of megabytes is refused by the scanner before it is kept whole
        // (numbers, which do not compress a hundredfold as a bomb does)
        let huge = XLSXFixtures.workbook(sheet: XLSXFixtures.sheet(withCell: (0..<400_000).map(String.init).joined(separator: " ")))
        #expect(Self.problem(huge)?.message.hasPrefix("la feuille « Entreprises » contient une cellule ou une balise de plus de 1 Mo") == true)
        // in the shared strings too
        var limits = Self.tight
        limits.cellCharacters = 20
        #expect(Self.problem(XLSXFixtures.workbook(), limits: limits)?.message.hasPrefix("un texte du classeur (le 4e de sa table des textes) dépasse 20 caractères") == true)
    }

    @Test func sharedStringsAreLimitedInNumberAndSize() throws {
        var limits = Self.tight
        #expect(Self.problem(XLSXFixtures.workbook(), limits: limits) == nil, "the fixture passes the tight limits")
        limits.sharedStrings = 7
        #expect(Self.problem(XLSXFixtures.workbook(), limits: limits)?.message
            == "le classeur contient plus de 7 textes différents : enregistrez la feuille en CSV ou découpez-la en plusieurs fichiers")
        limits = Self.tight
        limits.sharedStringsBytes = 500
        #expect(Self.problem(XLSXFixtures.workbook(), limits: limits)?.message.hasPrefix("les textes du classeur dépassent") == true)
    }

    @Test func rowsCellsAndTextAreLimited() throws {
        var limits = Self.tight
        limits.rows = 4
        #expect(Self.problem(XLSXFixtures.workbook(), limits: limits)?.message == "la feuille « Entreprises » dépasse 4 lignes, la limite d'Excel : découpez-la en plusieurs fichiers")
        limits = Self.tight
        limits.cells = 16
        #expect(Self.problem(XLSXFixtures.workbook(), limits: limits)?.message.hasPrefix("la feuille « Entreprises » compte plus de 16 cellules remplies") == true)
        limits = Self.tight
        limits.textBytes = 100
        #expect(Self.problem(XLSXFixtures.workbook(), limits: limits)?.message.hasPrefix("la feuille « Entreprises » contient plus de 100 octets de texte") == true)
        limits = Self.tight
        limits.sheetBytes = 1_000
        #expect(Self.problem(XLSXFixtures.workbook(), limits: limits)?.message.hasPrefix("la feuille « Entreprises » dépasse 1\u{A0}000 octets une fois décompressée") == true)
    }

    @Test func aSheetOfManyChunksReadsAsAWhole() throws {
        // given: 5,000 rows (about 800 KB of XML, a dozen chunks), with accents and entities
        var rows = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Nom</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Ville</t></is></c></row>"
        for number in 2...5_001 {
            rows += "<row r=\"\(number)\"><c r=\"A\(number)\" t=\"inlineStr\"><is><t>Coopérative « L&apos;Entraide » n° \(number) &amp; fils</t></is></c>"
            rows += "<c r=\"B\(number)\" t=\"s\"><v>7</v></c></row>"
        }
        let sheet = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\(rows)</sheetData></worksheet>"
        // when
        let file = try ImportFile.load(Data(XLSXFixtures.workbook(sheet: sheet)), name: "liste.xlsx")
        let read = Array(file.rows)
        // then
        #expect(read.count == 5_000)
        #expect(read.allSatisfy { $0.cells == ["Coopérative « L'Entraide » n° \($0.line) & fils", "trois-rivières"] })
    }

    @Test func chunksCutAnywhereGiveTheSameEvents() throws {
        let xml = Array(("<?xml version=\"1.0\"?><!-- note --><x:a k='v&amp;w' b=\"2\"><![CDATA[<brut>]]><b/>é&#233;&lt;</x:a>" + XLSXFixtures.sharedStrings).utf8)
        var whole = XMLScanner(xml)
        var expected: [XMLScanner.Event] = []
        while let event = try whole.next() { expected.append(event) }
        for size in [1, 2, 3, 7, 64] {
            var offset = 0
            var scanner = XMLScanner { () throws(ImportProblem) -> [UInt8]? in
                guard offset < xml.count else { return nil }
                defer { offset += size }
                return Array(xml[offset..<min(offset + size, xml.count)])
            }
            var events: [XMLScanner.Event] = []
            while let event = try scanner.next() { events.append(event) }
            #expect(events == expected, "chunks of \(size)")
        }
    }
}
