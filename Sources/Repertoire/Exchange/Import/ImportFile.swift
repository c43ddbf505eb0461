import Foundation

/// A CSV file decoded once into text, with its header row read; data rows are then read one at
/// a time through ``rows``.
public struct ImportFile: Sendable {
    public var name: String
    public let text: String
    public let encoding: ImportEncoding
    public let delimiter: Character
    public let headers: [String]
    /// The data rows of a workbook sheet, already read; nil for CSV, whose rows are scanned
    /// from ``text`` as they are needed.
    var sheetRows: SheetRows? = nil
    /// The sheets of a workbook, in order; empty for CSV.
    public var sheetNames: [String] = []

    /// Headers beyond this are refused: no directory needs them, and a file with more is almost
    /// certainly not a list of enterprises (or was exported with the wrong delimiter).
    public static let maxColumns = 500

    /// Decodes `data`, detecting the encoding (valid UTF-8, else Windows-1252) and the delimiter
    /// (`,` `;` or tab, from the header line) unless they are given.
    public static func decode(_ data: Data, name: String = "fichier.csv", encoding: ImportEncoding? = nil,
                              delimiter: Character? = nil) throws(ImportProblem) -> ImportFile {
        if let delimiter, !(delimiter.isASCII && delimiter != "\"" && !delimiter.isNewline) {
            throw ImportProblem(line: nil, message: "le séparateur « \(delimiter) » ne convient pas : choisissez la virgule, le point-virgule ou la tabulation")
        }
        let result: Result<(String, ImportEncoding, UInt8), ImportProblem> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if let problem = checkIsText(bytes) { return .failure(problem) }
            let chosen = encoding ?? ImportEncoding.detect(bytes)
            let separator = delimiter.flatMap(\.asciiValue) ?? CSVScanner.detectDelimiter(skippingMark(bytes))
            return .success((chosen.decode(bytes), chosen, separator))
        }
        var (text, chosen, separator) = try result.get()
        text.makeContiguousUTF8()
        var scanner = CSVScanner(delimiter: separator, maxFields: maxColumns + 1)
        let header = text.utf8.withContiguousStorageIfAvailable { scanner.next(in: $0) } ?? nil
        guard let header else {
            throw ImportProblem(line: nil, message: "le fichier ne contient aucune ligne (seulement des lignes vides)")
        }
        if let problem = header.problem { throw problem }
        guard header.columnCount <= maxColumns else {
            throw ImportProblem(line: header.line, message: "la ligne d'en-tête compte \(header.columnCount) colonnes (maximum \(maxColumns)) : est-ce le bon fichier, avec le bon séparateur ?")
        }
        let headers = header.fields.enumerated().map { index, raw in
            let cleaned = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            return cleaned.isEmpty ? "Colonne \(index + 1)" : cleaned
        }
        return ImportFile(name: name, text: text, encoding: chosen, delimiter: Character(Unicode.Scalar(separator)), headers: headers)
    }

    /// The data rows (after the header), read lazily from the decoded text.
    public var rows: Rows { Rows(text: text, delimiter: UInt8(ascii: delimiter.unicodeScalars.first ?? ","), sheetRows: sheetRows) }

    public struct Rows: Sequence, Sendable {
        let text: String
        let delimiter: UInt8
        let sheetRows: SheetRows?

        public func makeIterator() -> Iterator {
            var iterator = Iterator(text: text, scanner: CSVScanner(delimiter: delimiter, maxFields: ImportFile.maxColumns + 1),
                                    sheetRows: sheetRows)
            if sheetRows == nil { _ = iterator.nextRecord() } // the header
            return iterator
        }

        public struct Iterator: IteratorProtocol {
            let text: String
            var scanner: CSVScanner
            let sheetRows: SheetRows?
            var position = 0

            mutating func nextRecord() -> CSVScanner.Record? {
                text.utf8.withContiguousStorageIfAvailable { scanner.next(in: $0) } ?? nil
            }

            public mutating func next() -> ImportRow? {
                if let sheetRows {
                    guard position < sheetRows.count else { return nil }
                    defer { position += 1 }
                    return sheetRows[position]
                }
                return nextRecord().map { ImportRow(line: $0.line, cells: $0.fields, columnCount: $0.columnCount, problem: $0.problem) }
            }
        }
    }

    /// True when `data` is a ZIP archive, as XLSX workbooks are.
    public static func isWorkbook(_ data: Data) -> Bool {
        data.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    /// Reads a CSV file or an Excel workbook (`.xlsx`, the sheet named `sheet` or the first).
    public static func load(_ data: Data, name: String, encoding: ImportEncoding? = nil, delimiter: Character? = nil,
                            sheet: String? = nil) throws(ImportProblem) -> ImportFile {
        isWorkbook(data) ? try decodeWorkbook(data, name: name, sheet: sheet) : try decode(data, name: name, encoding: encoding, delimiter: delimiter)
    }

    /// Reads one sheet of an Excel workbook: its first non-empty row gives the headers. The
    /// sheet is read as a stream and its rows kept compactly (``SheetRows``): the workbook's
    /// XML is never held whole, nor its cells as one `String` each.
    public static func decodeWorkbook(_ data: Data, name: String, sheet: String? = nil) throws(ImportProblem) -> ImportFile {
        try decodeWorkbook(data, name: name, sheet: sheet, limits: .standard)
    }

    static func decodeWorkbook(_ data: Data, name: String, sheet: String?, limits: XLSXReader.Limits) throws(ImportProblem) -> ImportFile {
        var reader = try XLSXReader(Array(data), limits: limits)
        var headers: [String]?
        var rows = SheetRows(width: 0)
        try reader.readRows(sheet: sheet) { line, cells, columnCount throws(ImportProblem) in
            guard headers != nil else {
                guard columnCount <= maxColumns else {
                    throw ImportProblem(line: line, message: "la ligne d'en-tête compte \(columnCount) colonnes (maximum \(maxColumns)) : est-ce la bonne feuille ?")
                }
                headers = cells.enumerated().map { index, cell in
                    let cleaned = cell.trimmingCharacters(in: .whitespacesAndNewlines)
                    return cleaned.isEmpty ? "Colonne \(index + 1)" : cleaned
                }
                rows = SheetRows(width: cells.count)
                return
            }
            rows.append(line: line, cells: cells, columnCount: columnCount)
        }
        guard let headers else {
            throw ImportProblem(line: nil, message: "la feuille « \(sheet ?? reader.sheets[0].name) » est vide")
        }
        var file = ImportFile(name: name, text: "", encoding: .utf8, delimiter: ",", headers: headers)
        file.sheetRows = rows
        file.sheetNames = reader.sheets.map(\.name)
        return file
    }

    private static func skippingMark(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return UnsafeBufferPointer(rebasing: bytes[3...])
        }
        return bytes
    }

    /// Refuses what is clearly not a CSV file, with a hint about what it is when we can tell.
    static func checkIsText(_ bytes: UnsafeBufferPointer<UInt8>) -> ImportProblem? {
        if bytes.isEmpty {
            return ImportProblem(line: nil, message: "le fichier est vide (0 octet) : vérifiez que vous avez choisi le bon fichier")
        }
        let start = Array(bytes.prefix(8))
        if start.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return ImportProblem(line: nil, message: "ce fichier est un classeur Excel ou OpenDocument (.xlsx, .ods), pas un CSV : ouvrez-le et choisissez « Enregistrer sous… » au format CSV")
        }
        if start.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            return ImportProblem(line: nil, message: "ce fichier est un ancien classeur Excel (.xls), pas un CSV : ouvrez-le et choisissez « Enregistrer sous… » au format CSV")
        }
        if start.starts(with: Array("%PDF".utf8)) {
            return ImportProblem(line: nil, message: "ce fichier est un PDF, pas un CSV")
        }
        if start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF]) {
            return ImportProblem(line: nil, message: "ce fichier est en UTF-16 : enregistrez-le en « CSV UTF-8 » ou en CSV ordinaire")
        }
        // Text never holds NUL bytes; a few stray control characters are tolerated, many are not.
        var controls = 0
        let sample = bytes.prefix(65_536)
        for byte in sample {
            if byte == 0 {
                return ImportProblem(line: nil, message: "ce fichier n'est pas un fichier texte (il contient des octets nuls) : est-ce bien un CSV ?")
            }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { controls += 1 }
        }
        if controls * 100 > sample.count {
            return ImportProblem(line: nil, message: "ce fichier ne ressemble pas à du texte (trop de caractères de contrôle) : est-ce bien un CSV ?")
        }
        return nil
    }
}

/// One data row as read from the file, before interpretation.
public struct ImportRow: Sendable, Equatable {
    /// The line on which the row starts, as a spreadsheet numbers it (header = 1).
    public var line: Int
    /// The cells, at most ``ImportFile/maxColumns`` + 1 of them.
    public var cells: [String]
    /// How many cells the row really had.
    public var columnCount: Int
    /// Set when the row could not be read (unterminated quote, text after a closing quote).
    public var problem: ImportProblem?

    public init(line: Int, cells: [String], columnCount: Int? = nil, problem: ImportProblem? = nil) {
        self.line = line
        self.cells = cells
        self.columnCount = columnCount ?? cells.count
        self.problem = problem
    }
}
