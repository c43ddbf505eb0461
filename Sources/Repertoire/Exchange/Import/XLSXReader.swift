import Foundation

/// Reads the cells of one sheet of an Excel workbook (`.xlsx`): shared and inline strings,
/// numbers, booleans, dates (by their number format) and the cached values of formulas. A merged
/// area keeps its value in its top-left cell only, as Excel stores it. Anything unreadable
/// becomes an ``ImportProblem`` in French, before any row is planned.
///
/// Parts are inflated and scanned a chunk at a time, never held whole, and every size is
/// counted as it is read rather than taken from the archive's word: a small workbook that
/// expands to hundreds of megabytes (a "zip bomb") is refused before anything is inflated when
/// it declares its size, else within its first megabyte (``ZipReader/EntryStream/maxRatio``) or
/// one chunk past a limit below, in milliseconds and a few megabytes (issue #12).
struct XLSXReader {
    /// How much a workbook may hold. The standard limits suit any list a hub keeps; tests
    /// lower them to reach them cheaply.
    struct Limits: Sendable {
        /// 128 MB of sheet XML. A 100,000-row list of twelve columns is 105 MB as our own
        /// export writes it (inline strings), 43 MB as Excel does (shared strings; both measured
        /// by `XLSXMemoryBenchmark`); the limit leaves room for it and stays below the 200 MB
        /// sheet of issue #12's bomb. The XML is scanned as it comes, so this bounds time, not
        /// memory.
        var sheetBytes = 128_000_000
        /// 64 MB of shared strings XML: that 100,000-row list takes 21 MB. Kept compactly (one
        /// buffer), so this also bounds their memory.
        var sharedStringsBytes = 64_000_000
        /// Two million distinct texts: four times the 510,036 of that list.
        var sharedStrings = 2_000_000
        /// 16 MB for each other part read (workbook, relationships, styles): they are small in
        /// any workbook a person made, even one with thousands of cell formats.
        var otherPartBytes = 16_000_000
        /// Excel's own limit for the text of one cell.
        var cellCharacters = 32_767
        /// Excel's own limit for the rows of one sheet.
        var rows = 1_048_576
        /// Five million filled cells: fifty columns for 100,000 rows.
        var cells = 5_000_000
        /// 64 MB of cell text kept for import, a little more than the largest CSV file accepted
        /// (50 MB): a sheet whose cells repeat one long shared string cannot grow beyond it.
        var textBytes = 64_000_000

        static let standard = Limits()
    }

    let limits: Limits
    private var zip: ZipReader
    /// Sheet names in workbook order, with the path of each sheet's part.
    private(set) var sheets: [(name: String, path: String)] = []
    private var sharedStrings = SharedStrings()
    /// For each cell format (`s` attribute), whether it shows a date.
    private var dateStyles: [Bool] = []
    private var date1904 = false

    static func damaged(_ detail: String) -> ImportProblem {
        ImportProblem(line: nil, message: "ce classeur Excel est illisible (\(detail)) : ouvrez-le et réenregistrez-le au format .xlsx, ou enregistrez-le en CSV")
    }

    /// `1048576` → `1 048 576`, with no-break spaces, as numbers are written in French.
    static func grouped(_ number: Int) -> String {
        var digits = Array(String(number))
        var index = digits.count - 3
        while index > 0 {
            digits.insert("\u{A0}", at: index)
            index -= 3
        }
        return String(digits)
    }

    /// `128_000_000` → `128 Mo`; a size under a megabyte in bytes.
    static func size(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? "\(grouped(bytes / 1_000_000)) Mo" : "\(grouped(bytes)) octets"
    }

    init(_ data: [UInt8], limits: Limits = .standard) throws(ImportProblem) {
        self.limits = limits
        do {
            zip = try ZipReader(data, maxEntrySize: max(limits.sheetBytes, limits.sharedStringsBytes, limits.otherPartBytes),
                                maxTotalSize: limits.sheetBytes + limits.sharedStringsBytes + 4 * limits.otherPartBytes)
        } catch {
            throw ImportProblem(line: nil, message: error.description)
        }
        guard zip.contains("xl/workbook.xml") else {
            throw ImportProblem(line: nil, message: "ce fichier ZIP n'est pas un classeur Excel (.xlsx) : la partie xl/workbook.xml manque")
        }
        let relationships = try relationshipTargets("xl/_rels/workbook.xml.rels")
        var scanner = try self.scanner("xl/workbook.xml")
        try each(&scanner, in: "xl/workbook.xml") { event in
            guard case .start(let name, let attributes, _) = event else { return }
            if name == "workbookPr", let value = attributes["date1904"] { date1904 = value == "1" || value == "true" }
            if name == "sheet", let sheetName = attributes["name"], let id = attributes["id"], let target = relationships[id] {
                sheets.append((sheetName, target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target))
            }
        }
        guard !sheets.isEmpty else { throw Self.damaged("aucune feuille") }
        if zip.contains("xl/sharedStrings.xml") { try readSharedStrings() }
        if zip.contains("xl/styles.xml") { try readStyles() }
    }

    /// The rows of a sheet (by name, else the first), each with its spreadsheet row number;
    /// empty rows are left out.
    mutating func rows(sheet name: String?) throws(ImportProblem) -> [(line: Int, cells: [String], columnCount: Int)] {
        var rows: [(line: Int, cells: [String], columnCount: Int)] = []
        try readRows(sheet: name) { line, cells, columnCount in rows.append((line, cells, columnCount)) }
        return rows
    }

    /// Reads the rows of a sheet (by name, else the first) as ``rows(sheet:)`` does, handing
    /// each to `body` as soon as it is read, so that the caller keeps them as it likes.
    mutating func readRows(sheet name: String?,
                           _ body: (_ line: Int, _ cells: [String], _ columnCount: Int) throws(ImportProblem) -> Void) throws(ImportProblem) {
        let chosen: (name: String, path: String)
        if let name {
            guard let found = sheets.first(where: { $0.name == name }) else {
                throw ImportProblem(line: nil, message: "le classeur n'a pas de feuille « \(name) » (feuilles : \(sheets.map(\.name).joined(separator: ", ")))")
            }
            chosen = found
        } else {
            chosen = sheets[0]
        }
        let sheetName = chosen.name
        let limits = self.limits
        var scanner = try self.scanner(chosen.path, label: "la feuille « \(sheetName) »", limit: limits.sheetBytes,
                                       tooLarge: "la feuille « \(sheetName) » dépasse \(Self.size(limits.sheetBytes)) une fois décompressée : enregistrez-la en CSV ou découpez-la en plusieurs fichiers")
        var rowNumber = 0
        var cells: [String] = []
        var columnCount = 0
        var cell: (column: Int, type: String, style: Int)?
        var nextColumn = 0
        var value = ""
        var capturing = false
        var inlineDepth = 0
        var phonetic = false
        var keptRows = 0
        var keptCells = 0
        var keptBytes = 0
        let limit = ImportFile.maxColumns + 1
        try each(&scanner, in: "la feuille « \(sheetName) »") { event throws(ImportProblem) in
            switch event {
            case .start("row", let attributes, _):
                rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
                guard rowNumber <= limits.rows else {
                    throw ImportProblem(line: nil, message: "la feuille « \(sheetName) » dépasse \(Self.grouped(limits.rows)) lignes, la limite d'Excel : découpez-la en plusieurs fichiers")
                }
                cells = []
                columnCount = 0
                nextColumn = 0
            case .end("row"):
                guard cells.contains(where: { !$0.isEmpty }) else { return }
                keptRows += 1
                guard keptRows <= limits.rows else {
                    throw ImportProblem(line: nil, message: "la feuille « \(sheetName) » dépasse \(Self.grouped(limits.rows)) lignes, la limite d'Excel : découpez-la en plusieurs fichiers")
                }
                try body(rowNumber, cells, columnCount)
            case .start("c", let attributes, let selfClosing):
                let column = attributes["r"].flatMap(Self.columnIndex) ?? nextColumn
                cell = (column, attributes["t"] ?? "n", attributes["s"].flatMap(Int.init) ?? 0)
                value = ""
                if selfClosing {
                    nextColumn = column + 1
                    cell = nil
                }
            case .start("v", _, _), .start("t", _, _):
                if cell != nil && !phonetic { capturing = true }
            case .start("is", _, _):
                inlineDepth += 1
            case .end("is"):
                inlineDepth -= 1
            case .start("rPh", _, _):
                phonetic = true
            case .end("rPh"):
                phonetic = false
            case .end("v"), .end("t"):
                capturing = false
            case .text(let text):
                guard capturing else { return }
                value += text
                if let current = cell, Self.isLonger(value, than: limits.cellCharacters) {
                    throw Self.cellTooLong(XLSXWriter.columnName(current.column) + String(rowNumber), sheet: sheetName, line: rowNumber,
                                           limit: limits.cellCharacters)
                }
            case .end("c"):
                guard let current = cell else { return }
                let text = display(value, type: current.type, style: current.style)
                columnCount = max(columnCount, current.column + 1)
                if current.column < limit && !text.isEmpty {
                    if cells.count <= current.column { cells += Array(repeating: "", count: current.column + 1 - cells.count) }
                    cells[current.column] = text
                    keptCells += 1
                    keptBytes += text.utf8.count
                    guard keptCells <= limits.cells else {
                        throw ImportProblem(line: rowNumber, message: "la feuille « \(sheetName) » compte plus de \(Self.grouped(limits.cells)) cellules remplies : découpez-la en plusieurs fichiers")
                    }
                    guard keptBytes <= limits.textBytes else {
                        throw ImportProblem(line: rowNumber, message: "la feuille « \(sheetName) » contient plus de \(Self.size(limits.textBytes)) de texte : découpez-la en plusieurs fichiers")
                    }
                }
                nextColumn = current.column + 1
                cell = nil
            default:
                break
            }
        }
    }

    /// Whether a cell's text is beyond Excel's limit (counted as Excel does, in UTF-16 units;
    /// the UTF-8 count, never smaller, spares counting short texts).
    static func isLonger(_ text: String, than limit: Int) -> Bool {
        text.utf8.count > limit && text.utf16.count > limit
    }

    static func cellTooLong(_ reference: String, sheet: String, line: Int?, limit: Int) -> ImportProblem {
        ImportProblem(line: line, message: "la cellule \(reference) de la feuille « \(sheet) » dépasse \(grouped(limit)) caractères, la limite d'Excel : raccourcissez son texte")
    }

    /// The text of a cell as the spreadsheet shows it (dates as `YYYY-MM-DD`).
    func display(_ raw: String, type: String, style: Int) -> String {
        switch type {
        case "s":
            guard let index = Int(raw), index >= 0, index < sharedStrings.count else { return "" }
            return sharedStrings[index]
        case "inlineStr", "str":
            return raw
        case "b":
            return raw == "1" ? "VRAI" : (raw == "0" ? "FAUX" : "")
        case "e":
            return ""
        case "d":
            return String(raw.prefix(10))
        default:
            guard let number = Double(raw.trimmingCharacters(in: .whitespaces)) else { return raw }
            if dateStyles.indices.contains(style) && dateStyles[style], let day = Self.day(serial: number, date1904: date1904) {
                return day
            }
            return Self.numberText(number)
        }
    }

    /// `1140139735.0` → `1140139735`; `46.5` → `46.5`.
    static func numberText(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    /// A spreadsheet day number as `YYYY-MM-DD` (the time of day, if any, is dropped).
    static func day(serial: Double, date1904: Bool) -> String? {
        guard serial >= 1, serial < 2_958_466 else { return nil }
        let days = Int(serial.rounded(.down)) + (date1904 ? 1_462 : 0)
        // Days since 1899-12-30 → civil date (Howard Hinnant's algorithm, from 1970-01-01).
        let z = days - 25_569 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// `B12` → 1; `AA3` → 26.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters > 0 && letters <= 3 ? index - 1 : nil
    }

    /// A scanner over a part, inflated as it is scanned; more than `limit` bytes is refused
    /// with `tooLarge`. `label` names the part in messages (« la feuille « Liste » »).
    private mutating func scanner(_ path: String, label: String? = nil, limit: Int? = nil,
                                  tooLarge: String? = nil) throws(ImportProblem) -> XMLScanner {
        let label = label ?? "la partie \(path)"
        var stream: ZipReader.EntryStream
        do {
            stream = try zip.stream(path, limit: limit ?? limits.otherPartBytes)
        } catch {
            throw Self.problem(error, label: label, tooLarge: tooLarge)
        }
        return XMLScanner { () throws(ImportProblem) -> [UInt8]? in
            do throws(ZipError) {
                return try stream.next()
            } catch {
                throw Self.problem(error, label: label, tooLarge: tooLarge)
            }
        }
    }

    private static func problem(_ error: ZipError, label: String, tooLarge: String?) -> ImportProblem {
        switch error.reason {
        case .damaged:
            return ImportProblem(line: nil, message: error.description)
        case .tooLarge:
            return ImportProblem(line: nil, message: tooLarge ?? "ce classeur Excel est illisible (\(label) est démesurée) : ouvrez-le et réenregistrez-le au format .xlsx, ou enregistrez-le en CSV")
        case .tooCompressed:
            return ImportProblem(line: nil, message: "\(label) se décompresse plus de \(ZipReader.EntryStream.maxRatio) fois, ce qu'aucun tableur ne produit : réenregistrez le classeur depuis Excel ou LibreOffice, ou enregistrez la feuille en CSV")
        }
    }

    /// Hands each event of `scanner` to `body`; `part` names what is scanned in messages.
    private func each(_ scanner: inout XMLScanner, in part: String,
                      _ body: (XMLScanner.Event) throws(ImportProblem) -> Void) throws(ImportProblem) {
        while true {
            let event: XMLScanner.Event?
            do {
                event = try scanner.next()
            } catch .source(let problem) {
                throw problem
            } catch .tokenTooLong {
                throw ImportProblem(line: nil, message: "\(part) contient une cellule ou une balise de plus de \(Self.size(XMLScanner.maxTokenBytes)), alors qu'une cellule Excel ne dépasse pas \(Self.grouped(limits.cellCharacters)) caractères : raccourcissez-la, ou réenregistrez le classeur depuis Excel ou LibreOffice")
            } catch {
                throw Self.damaged("XML mal formé")
            }
            guard let event else { return }
            try body(event)
        }
    }

    private mutating func relationshipTargets(_ path: String) throws(ImportProblem) -> [String: String] {
        guard zip.contains(path) else { return [:] }
        var scanner = try self.scanner(path)
        var targets: [String: String] = [:]
        try each(&scanner, in: path) { event in
            if case .start("Relationship", let attributes, _) = event, let id = attributes["Id"], let target = attributes["Target"] {
                targets[id] = target
            }
        }
        return targets
    }

    private mutating func readSharedStrings() throws(ImportProblem) {
        let limits = self.limits
        let what = "la table des textes du classeur (xl/sharedStrings.xml)"
        var scanner = try self.scanner("xl/sharedStrings.xml", label: "la table des textes du classeur", limit: limits.sharedStringsBytes,
                                       tooLarge: "les textes du classeur dépassent \(Self.size(limits.sharedStringsBytes)) une fois décompressés : enregistrez la feuille en CSV ou découpez-la en plusieurs fichiers")
        var strings = SharedStrings()
        var current = ""
        var capturing = false
        var phonetic = false
        func add(_ text: String) throws(ImportProblem) {
            guard strings.count < limits.sharedStrings else {
                throw ImportProblem(line: nil, message: "le classeur contient plus de \(Self.grouped(limits.sharedStrings)) textes différents : enregistrez la feuille en CSV ou découpez-la en plusieurs fichiers")
            }
            strings.append(text)
        }
        try each(&scanner, in: what) { event throws(ImportProblem) in
            switch event {
            case .start("si", _, let selfClosing):
                current = ""
                if selfClosing { try add("") }
            case .end("si"): try add(current)
            case .start("rPh", _, _): phonetic = true
            case .end("rPh"): phonetic = false
            case .start("t", _, let selfClosing): capturing = !phonetic && !selfClosing
            case .end("t"): capturing = false
            case .text(let text):
                guard capturing else { return }
                current += text
                if Self.isLonger(current, than: limits.cellCharacters) {
                    throw ImportProblem(line: nil, message: "un texte du classeur (le \(Self.grouped(strings.count + 1))e de sa table des textes) dépasse \(Self.grouped(limits.cellCharacters)) caractères, la limite d'Excel : raccourcissez-le")
                }
            default: break
            }
        }
        sharedStrings = strings
    }

    private mutating func readStyles() throws(ImportProblem) {
        var scanner = try self.scanner("xl/styles.xml")
        var customDates: Set<Int> = []
        var inCellXfs = false
        var styles: [Bool] = []
        try each(&scanner, in: "xl/styles.xml") { event in
            switch event {
            case .start("numFmt", let attributes, _):
                if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"], Self.isDateFormat(code) {
                    customDates.insert(id)
                }
            case .start("cellXfs", _, _): inCellXfs = true
            case .end("cellXfs"): inCellXfs = false
            case .start("xf", let attributes, _) where inCellXfs:
                let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
                styles.append((14...22).contains(id) || (45...47).contains(id) || customDates.contains(id))
            default: break
            }
        }
        dateStyles = styles
    }

    /// A number format showing a date: day, month or year codes outside quoted text and brackets.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuotes = false
        var inBrackets = false
        var escaped = false
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": inQuotes.toggle()
            case "[": inBrackets = true
            case "]": inBrackets = false
            case "d", "y", "m": if !inQuotes && !inBrackets { return true }
            default: break
            }
        }
        return false
    }
}
