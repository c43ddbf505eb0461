import Foundation

/// Reads the cells of one sheet of an Excel workbook (`.xlsx`): shared and inline strings,
/// numbers, booleans, dates (by their number format) and the cached values of formulas. A merged
/// area keeps its value in its top-left cell only, as Excel stores it. Anything unreadable
/// becomes an ``ImportProblem`` in French, before any row is planned.
struct XLSXReader {
    private var zip: ZipReader
    /// Sheet names in workbook order, with the path of each sheet's part.
    private(set) var sheets: [(name: String, path: String)] = []
    private var sharedStrings: [String] = []
    /// For each cell format (`s` attribute), whether it shows a date.
    private var dateStyles: [Bool] = []
    private var date1904 = false

    static func damaged(_ detail: String) -> ImportProblem {
        ImportProblem(line: nil, message: "ce classeur Excel est illisible (\(detail)) : ouvrez-le et réenregistrez-le au format .xlsx, ou enregistrez-le en CSV")
    }

    init(_ data: [UInt8]) throws(ImportProblem) {
        do {
            zip = try ZipReader(data, maxEntrySize: 200_000_000, maxTotalSize: 400_000_000)
        } catch {
            throw ImportProblem(line: nil, message: error.description)
        }
        guard zip.contains("xl/workbook.xml") else {
            throw ImportProblem(line: nil, message: "ce fichier ZIP n'est pas un classeur Excel (.xlsx) : la partie xl/workbook.xml manque")
        }
        let relationships = try relationshipTargets("xl/_rels/workbook.xml.rels")
        var scanner = XMLScanner(try part("xl/workbook.xml"))
        try each(&scanner) { event in
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
        let chosen: (name: String, path: String)
        if let name {
            guard let found = sheets.first(where: { $0.name == name }) else {
                throw ImportProblem(line: nil, message: "le classeur n'a pas de feuille « \(name) » (feuilles : \(sheets.map(\.name).joined(separator: ", ")))")
            }
            chosen = found
        } else {
            chosen = sheets[0]
        }
        var scanner = XMLScanner(try part(chosen.path))
        var rows: [(line: Int, cells: [String], columnCount: Int)] = []
        var rowNumber = 0
        var cells: [String] = []
        var columnCount = 0
        var cell: (column: Int, type: String, style: Int)?
        var nextColumn = 0
        var value = ""
        var capturing = false
        var inlineDepth = 0
        var phonetic = false
        let limit = ImportFile.maxColumns + 1
        try each(&scanner) { event in
            switch event {
            case .start("row", let attributes, _):
                rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
                cells = []
                columnCount = 0
                nextColumn = 0
            case .end("row"):
                if cells.contains(where: { !$0.isEmpty }) { rows.append((rowNumber, cells, columnCount)) }
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
                if capturing { value += text }
            case .end("c"):
                guard let current = cell else { return }
                let text = display(value, type: current.type, style: current.style)
                columnCount = max(columnCount, current.column + 1)
                if current.column < limit && !text.isEmpty {
                    if cells.count <= current.column { cells += Array(repeating: "", count: current.column + 1 - cells.count) }
                    cells[current.column] = text
                }
                nextColumn = current.column + 1
                cell = nil
            default:
                break
            }
        }
        return rows
    }

    /// The text of a cell as the spreadsheet shows it (dates as `YYYY-MM-DD`).
    func display(_ raw: String, type: String, style: Int) -> String {
        switch type {
        case "s":
            guard let index = Int(raw), sharedStrings.indices.contains(index) else { return "" }
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

    private mutating func part(_ path: String) throws(ImportProblem) -> [UInt8] {
        do {
            return try zip.data(path)
        } catch {
            throw ImportProblem(line: nil, message: error.description)
        }
    }

    private func each(_ scanner: inout XMLScanner, _ body: (XMLScanner.Event) throws(ImportProblem) -> Void) throws(ImportProblem) {
        while true {
            let event: XMLScanner.Event?
            do {
                event = try scanner.next()
            } catch {
                throw Self.damaged("XML mal formé")
            }
            guard let event else { return }
            try body(event)
        }
    }

    private mutating func relationshipTargets(_ path: String) throws(ImportProblem) -> [String: String] {
        guard zip.contains(path) else { return [:] }
        var scanner = XMLScanner(try part(path))
        var targets: [String: String] = [:]
        try each(&scanner) { event in
            if case .start("Relationship", let attributes, _) = event, let id = attributes["Id"], let target = attributes["Target"] {
                targets[id] = target
            }
        }
        return targets
    }

    private mutating func readSharedStrings() throws(ImportProblem) {
        var scanner = XMLScanner(try part("xl/sharedStrings.xml"))
        var strings: [String] = []
        var current = ""
        var capturing = false
        var phonetic = false
        try each(&scanner) { event in
            switch event {
            case .start("si", _, let selfClosing):
                current = ""
                if selfClosing { strings.append("") }
            case .end("si"): strings.append(current)
            case .start("rPh", _, _): phonetic = true
            case .end("rPh"): phonetic = false
            case .start("t", _, let selfClosing): capturing = !phonetic && !selfClosing
            case .end("t"): capturing = false
            case .text(let text): if capturing { current += text }
            default: break
            }
        }
        sharedStrings = strings
    }

    private mutating func readStyles() throws(ImportProblem) {
        var scanner = XMLScanner(try part("xl/styles.xml"))
        var customDates: Set<Int> = []
        var inCellXfs = false
        var styles: [Bool] = []
        try each(&scanner) { event in
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
