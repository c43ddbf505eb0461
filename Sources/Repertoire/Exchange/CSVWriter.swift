/// Writes CSV that Excel and LibreOffice open correctly: UTF-8 with a byte-order mark, fields
/// quoted when needed, and cells that a spreadsheet would run as a formula turned into text.
public struct CSVWriter: Sendable {
    public var delimiter: Character

    public init(delimiter: Character = ",") {
        self.delimiter = delimiter
    }

    public static let byteOrderMark = "\u{FEFF}"

    /// A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with an
    /// apostrophe, which spreadsheets show as text instead of evaluating.
    public static func neutralised(_ value: String) -> String {
        guard let first = value.unicodeScalars.first else { return value }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first) ? "'" + value : value
    }

    public func field(_ value: String) -> String {
        let safe = Self.neutralised(value)
        if safe.contains(delimiter) || safe.contains("\"") || safe.contains("\n") || safe.contains("\r") {
            return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return safe
    }

    public func row(_ values: [String]) -> String {
        values.map(field).joined(separator: String(delimiter)) + "\r\n"
    }
}

import Foundation
