/// A reader for RFC 4180 CSV: quoted fields may hold delimiters, doubled quotes and line breaks.
/// Reports where a row went wrong instead of guessing.
public struct CSVReader: Sendable {
    public var delimiter: Character

    public init(delimiter: Character = ",") {
        self.delimiter = delimiter
    }

    public struct Row: Sendable, Equatable {
        /// The 1-based line on which the row starts, as a spreadsheet would number it.
        public var line: Int
        public var fields: [String]
    }

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "ligne \(line) : \(message)" }
    }

    /// Parses the whole text. A leading byte-order mark is skipped; `\r\n` and `\n` both end rows.
    public func rows(in text: String) throws(ParseError) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1
        var rowStartLine = 1
        var iterator = text.makeIterator()
        var pending: Character? = iterator.next()
        if pending == "\u{FEFF}" { pending = iterator.next() }

        func endRow() {
            fields.append(field)
            // A blank line is not a row.
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                rows.append(Row(line: rowStartLine, fields: fields))
            }
            fields = []
            field = ""
            fieldWasQuoted = false
        }

        while let char = pending {
            pending = iterator.next()
            if inQuotes {
                if char == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = iterator.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    if char == "\n" || char == "\r\n" { line += 1 }
                    field.append(char)
                }
                continue
            }
            switch char {
            case "\"":
                if field.isEmpty && !fieldWasQuoted {
                    inQuotes = true
                    fieldWasQuoted = true
                } else {
                    throw ParseError(line: line, message: "guillemet inattendu au milieu d'un champ (un champ entre guillemets doit commencer par un guillemet)")
                }
            case delimiter:
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\n", "\r\n", "\r":
                endRow()
                line += 1
                rowStartLine = line
            default:
                if fieldWasQuoted {
                    throw ParseError(line: line, message: "texte après le guillemet fermant d'un champ")
                }
                field.append(char)
            }
        }
        if inQuotes {
            throw ParseError(line: rowStartLine, message: "guillemet ouvert jamais refermé (fichier tronqué ?)")
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRow() }
        return rows
    }
}
