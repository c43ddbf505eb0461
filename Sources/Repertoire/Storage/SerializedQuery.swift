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
                    binds.append(PreparedSQLiteValue(data: try encoder.encode(value)))
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
