import Foundation
import Testing
@testable import Repertoire

/// Measures reading a large workbook, on demand, in two processes so that building the file
/// does not count in the peak memory of reading it (Linux):
///
///     XLSX_BENCHMARK=write swift test --skip-build --filter XLSXMemoryBenchmark
///     XLSX_BENCHMARK=/tmp/xlsx-benchmark-100k.xlsx swift test --skip-build --filter XLSXMemoryBenchmark
///
/// `write` leaves a 100,000-row workbook of twelve columns (`-100k`, inline strings as our export
/// writes them; `-100k-shared`, shared strings as Excel does), a sheet one row past Excel's
/// limit and two 200 MB "zip bombs" (one declaring its size, one lying) in `/tmp`. With
/// `XLSX_BENCHMARK_PLAN=1`, the rows read are also planned, as a preview does.
@Suite("XLSX memory benchmark")
struct XLSXMemoryBenchmark {
    static let setting = ProcessInfo.processInfo.environment["XLSX_BENCHMARK"]

    /// The process's peak resident memory so far, in MB (`VmHWM`).
    static func peakMegabytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1_024
    }

    @Test(.enabled(if: setting == "write", "set XLSX_BENCHMARK=write"))
    func write() throws {
        let cell = { (reference: String, text: String) in
            "<c r=\"\(reference)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(text)</t></is></c>"
        }
        let headers = ["Nom", "NEQ", "Forme juridique", "Adresse", "Municipalité", "Code postal", "Secteur", "Téléphone",
                       "Courriel", "Site web", "Latitude", "Longitude"]
        let rows: [[String]] = [headers] + (0..<100_000).map { i in
            ["Coopérative « L'Entraide » n° \(i)", "11\(String(format: "%08d", i))", "Coopérative de solidarité",
             "\(i) rue Principale, bureau 2", "Trois-Rivières", "G9A 4W5", "Habitation",
             "819 555-\(String(format: "%04d", i % 10_000))", "info\(i)@exemple.org", "https://www.exemple\(i).org",
             "46.3\(i % 10)", "-72.5\(i % 10)"]
        }
        // as our export writes it: inline strings
        var sheet = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        sheet.reserveCapacity(120_000_000)
        for (index, values) in rows.enumerated() {
            sheet += "<row r=\"\(index + 1)\">"
            for (column, value) in values.enumerated() { sheet += cell(XLSXWriter.columnName(column) + String(index + 1), XMLText.escape(value)) }
            sheet += "</row>"
        }
        sheet += "</sheetData></worksheet>"
        print("100,000-row sheet: \(sheet.utf8.count / 1_000_000) MB of XML")
        try Data(XLSXFixtures.workbook(sheet: sheet)).write(to: URL(fileURLWithPath: "/tmp/xlsx-benchmark-100k.xlsx"))
        // as Excel writes it: shared strings, each text once
        var strings: [String: Int] = [:]
        var table = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        sheet = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        for (index, values) in rows.enumerated() {
            sheet += "<row r=\"\(index + 1)\">"
            for (column, value) in values.enumerated() {
                let number: Int
                if let known = strings[value] {
                    number = known
                } else {
                    number = strings.count
                    strings[value] = number
                    table += "<si><t>\(XMLText.escape(value))</t></si>"
                }
                sheet += "<c r=\"\(XLSXWriter.columnName(column))\(index + 1)\" t=\"s\"><v>\(number)</v></c>"
            }
            sheet += "</row>"
        }
        sheet += "</sheetData></worksheet>"
        table += "</sst>"
        print("the same with shared strings: \(sheet.utf8.count / 1_000_000) MB of sheet, \(table.utf8.count / 1_000_000) MB of \(strings.count) shared strings")
        try Data(XLSXFixtures.workbook(sheet: sheet, sharedStrings: table)).write(to: URL(fileURLWithPath: "/tmp/xlsx-benchmark-100k-shared.xlsx"))
        let bomb = try XLSXFixtures.bombSheet(megabytes: 199)
        let honest = XLSXFixtures.workbook { $0.add("xl/worksheets/sheet1.xml", deflated: bomb.deflated, crc: 0, size: UInt32(bomb.size)) }
        try Data(honest).write(to: URL(fileURLWithPath: "/tmp/xlsx-benchmark-bomb.xlsx"))
        let liar = XLSXFixtures.workbook { $0.add("xl/worksheets/sheet1.xml", deflated: bomb.deflated, crc: 0, size: 100_000) }
        try Data(liar).write(to: URL(fileURLWithPath: "/tmp/xlsx-benchmark-liar.xlsx"))
        print("bombs: \(honest.count / 1_000) KB expanding to \(bomb.size / 1_000_000) MB")
        // the most rows a sheet may have, and one more, each with one small number
        var tiny = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        tiny.reserveCapacity(50_000_000)
        for line in 1...1_048_577 { tiny += "<row r=\"\(line)\"><c r=\"A\(line)\"><v>\(line)</v></c></row>" }
        tiny += "</sheetData></worksheet>"
        try Data(XLSXFixtures.workbook(sheet: tiny)).write(to: URL(fileURLWithPath: "/tmp/xlsx-benchmark-rows.xlsx"))
        print("rows: \(tiny.utf8.count / 1_000_000) MB of XML")
    }

    @Test(.enabled(if: setting?.hasPrefix("/") == true, "set XLSX_BENCHMARK to a workbook's path"))
    func read() throws {
        let path = try #require(Self.setting)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let before = Self.peakMegabytes()
        let clock = ContinuousClock()
        let start = clock.now
        var outcome: String
        do {
            let file = try ImportFile.load(data, name: "liste.xlsx")
            let loaded = clock.now - start
            var rows = 0
            var bytes = 0
            for row in file.rows {
                rows += 1
                bytes += row.cells.reduce(0) { $0 + $1.utf8.count }
            }
            outcome = "\(rows) rows, \(bytes / 1_000_000) MB of text, read in \(loaded), then iterated"
            if ProcessInfo.processInfo.environment["XLSX_BENCHMARK_PLAN"] != nil {
                let preview = ImportPlanner.plan(file: file, mapping: .propose(headers: file.headers), options: ImportFixtures.options(),
                                                 catalog: ImportFixtures.catalog)
                outcome += ", then planned (\(preview.counts.creates) creations)"
            }
        } catch {
            outcome = "refused: \(error)"
        }
        print("\(path) (\(data.count / 1_000) KB): \(outcome) in \(clock.now - start); peak memory \(before) MB before reading, \(Self.peakMegabytes()) MB after")
    }
}
