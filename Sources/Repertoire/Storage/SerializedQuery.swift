import SQLKit
import SQLiteKit

/// A query serialized ahead of time (see ``EnterpriseStore/insertStatements(_:for:main:)``) and
/// run as it is. It must be the whole query: PostgreSQL's placeholders count from its first bind.
struct SerializedQuery: SQLExpression {
    let sql: String
    let binds: [any Encodable & Sendable]

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(sql)
        serializer.binds.append(contentsOf: binds)
    }

    /// `INSERT INTO "table" ("a", "b") VALUES (?, ?), (?, ?)…` (`$1, $2…` on PostgreSQL). On SQLite
    /// the values are converted here, as SQLiteKit would convert them when the query runs.
    static func insert(into table: String, columns: [String], rows: ArraySlice<[any Encodable & Sendable]>, sqlite: Bool) throws -> SerializedQuery {
        var text = "INSERT INTO \"\(table)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES "
        var binds: [any Encodable & Sendable] = []
        binds.reserveCapacity(rows.count * columns.count)
        let encoder = SQLiteDataEncoder()
        for (index, row) in rows.enumerated() {
            text += index == 0 ? "(" : ", ("
            for (position, value) in row.enumerated() {
                if position > 0 { text += ", " }
                if sqlite {
                    text += "?"
                    binds.append(PreparedSQLiteValue(data: try Self.plainSQLite(value) ?? encoder.encode(value)))
                } else {
                    binds.append(value)
                    text += "$\(binds.count)"
                }
            }
            text += ")"
        }
        return SerializedQuery(sql: text, binds: binds)
    }
}

extension SerializedQuery {
    /// The values a row is made of (text, integers, numbers, yes/no, nothing), converted as
    /// `SQLiteDataEncoder` converts them but without its search for a protocol conformance on
    /// each value: a third of the encoding time of a 100,000-enterprise bulk write. A nil of any
    /// optional type is NULL; other values go to the encoder.
    static func plainSQLite(_ value: any Encodable & Sendable) -> SQLiteData? {
        switch value {
        case let flag as Bool: .integer(flag ? 1 : 0)
        case let text as String: .text(text)
        case let number as Int: .integer(number)
        case let number as Int64: .integer(Int(number))
        case let number as Double: .float(number)
        case let text as String?: text.map { .text($0) } ?? .null
        case let number as Int?: number.map { .integer($0) } ?? .null
        case let number as Double?: number.map { .float($0) } ?? .null
        default: nil
        }
    }
}

/// A value already converted for SQLite, which SQLiteKit passes on as it is.
struct PreparedSQLiteValue: SQLiteDataConvertible, Encodable, Sendable {
    let data: SQLiteData

    init(data: SQLiteData) { self.data = data }
    init?(sqliteData: SQLiteData) { data = sqliteData }
    var sqliteData: SQLiteData? { data }

    func encode(to encoder: any Encoder) throws {
        try data.encode(to: encoder)
    }
}
