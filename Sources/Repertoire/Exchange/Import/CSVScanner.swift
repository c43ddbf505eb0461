/// A streaming RFC 4180 reader over UTF-8 bytes: it hands out one row at a time, so a large file
/// is never held as a second array of rows, and a bad row is reported with its line while the
/// reading goes on (an import lists every problem; a reference file stops at the first).
///
/// Delimiters, quotes and line breaks are ASCII, so scanning bytes never splits a character.
struct CSVScanner {
    struct Record {
        /// The line on which the row starts (header = 1).
        var line: Int
        /// At most `maxFields` cells; `columnCount` says how many the row really had.
        var fields: [String]
        var columnCount: Int
        var problem: ImportProblem?
    }

    let delimiter: UInt8
    let maxFields: Int
    private(set) var offset = 0
    private(set) var line = 1
    private(set) var finished = false
    private var scratch: [UInt8] = []

    init(delimiter: UInt8, maxFields: Int) {
        self.delimiter = delimiter
        self.maxFields = maxFields
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    /// The next non-blank row, or nil at the end. After an unterminated quoted field nothing can
    /// be trusted, so that record is the last one.
    mutating func next(in buffer: UnsafeBufferPointer<UInt8>) -> Record? {
        let n = buffer.count
        if offset == 0, n >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { offset = 3 }
        while !finished && offset < n {
            let startLine = line
            var fields: [String] = []
            var count = 0
            var problem: String?
            var onlyBlank = true
            row: while true {
                count += 1
                var value: String
                if offset < n && buffer[offset] == Self.quote {
                    onlyBlank = false
                    offset += 1
                    scratch.removeAll(keepingCapacity: true)
                    var closed = false
                    while offset < n {
                        let byte = buffer[offset]
                        if byte == Self.quote {
                            if offset + 1 < n && buffer[offset + 1] == Self.quote {
                                scratch.append(Self.quote)
                                offset += 2
                                continue
                            }
                            offset += 1
                            closed = true
                            break
                        }
                        if byte == Self.lf || (byte == Self.cr && !(offset + 1 < n && buffer[offset + 1] == Self.lf)) { line += 1 }
                        scratch.append(byte)
                        offset += 1
                    }
                    if !closed {
                        finished = true
                        return Record(line: startLine, fields: fields, columnCount: count, problem: ImportProblem(
                            line: startLine,
                            message: "un guillemet ouvert dans la colonne \(count) n'est jamais refermé : le fichier semble tronqué ou un guillemet manque ; les lignes suivantes n'ont pas pu être lues"))
                    }
                    value = String(decoding: scratch, as: UTF8.self)
                    if offset < n, buffer[offset] != delimiter, buffer[offset] != Self.lf, buffer[offset] != Self.cr {
                        problem = problem ?? "du texte suit le guillemet fermant de la colonne \(count) (un guillemet à l'intérieur d'un champ doit être doublé : \"\")"
                        while offset < n, buffer[offset] != delimiter, buffer[offset] != Self.lf, buffer[offset] != Self.cr { offset += 1 }
                    }
                } else {
                    let start = offset
                    while offset < n {
                        let byte = buffer[offset]
                        if byte == delimiter || byte == Self.lf || byte == Self.cr { break }
                        offset += 1
                    }
                    if offset > start { onlyBlank = false }
                    value = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<offset]), as: UTF8.self)
                }
                if fields.count < maxFields { fields.append(value) }
                if offset >= n { break row }
                let byte = buffer[offset]
                if byte == delimiter {
                    offset += 1
                    continue row
                }
                offset += 1
                if byte == Self.cr, offset < n, buffer[offset] == Self.lf { offset += 1 }
                line += 1
                break row
            }
            if count == 1 && onlyBlank { continue }
            return Record(line: startLine, fields: fields, columnCount: count,
                          problem: problem.map { ImportProblem(line: startLine, message: $0) })
        }
        finished = true
        return nil
    }

    /// The most frequent of `,` `;` and tab on the first line, outside quotes; ties go to `,`.
    static func detectDelimiter(_ buffer: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
        var counts = [0, 0, 0]
        var inQuotes = false
        for byte in buffer {
            if byte == quote { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == lf || byte == cr { break }
            if let index = candidates.firstIndex(of: byte) { counts[index] += 1 }
        }
        // The first of the most frequent wins, so a tie (or a one-column file) gives `,`.
        let best = counts.max() ?? 0
        return candidates[counts.firstIndex(of: best) ?? 0]
    }
}
