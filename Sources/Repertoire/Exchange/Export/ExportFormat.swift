import Foundation

/// The file formats of an export.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv
    /// Semicolons: what French Excel expects when it opens a CSV file by a double click.
    case csvSemicolon = "csv-pv"
    case xlsx
    case json

    public var label: String {
        switch self {
        case .csv: "CSV (virgules, UTF-8)"
        case .csvSemicolon: "CSV pour Excel en français (points-virgules)"
        case .xlsx: "Classeur Excel (.xlsx)"
        case .json: "JSON"
        }
    }

    public var contentType: String {
        switch self {
        case .csv, .csvSemicolon: "text/csv; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .json: "application/json; charset=utf-8"
        }
    }

    public var fileExtension: String {
        switch self {
        case .csv, .csvSemicolon: "csv"
        case .xlsx: "xlsx"
        case .json: "json"
        }
    }

    /// The file's bytes.
    public func encode(_ table: ExportTable) -> [UInt8] {
        switch self {
        case .csv, .csvSemicolon:
            let writer = CSVWriter(delimiter: self == .csv ? "," : ";")
            var text = CSVWriter.byteOrderMark + writer.row(table.headers)
            for row in table.rows { text += writer.row(row.map(\.text)) }
            return Array(text.utf8)
        case .xlsx:
            return XLSXWriter(sheetName: "Entreprises").write(table)
        case .json:
            // Keys are the column identifiers, stable for programs; order follows the choice.
            let objects = table.rows.map { row in
                Dictionary(uniqueKeysWithValues: zip(table.keys, row.map(\.text)))
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return Self.json(keys: table.keys, objects: objects, encoder: encoder)
        }
    }

    private static func json(keys: [String], objects: [[String: String]], encoder: JSONEncoder) -> [UInt8] {
        struct Document: Encodable {
            var columns: [String]
            var enterprises: [[String: String]]
        }
        return Array((try? encoder.encode(Document(columns: keys, enterprises: objects))) ?? Data("{}".utf8))
    }
}
