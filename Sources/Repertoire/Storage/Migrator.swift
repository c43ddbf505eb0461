import Foundation
import Logging
import SQLKit

/// Brings a database's schema up to date at start.
public enum Migrator {
    /// Applies, in order and each in its own transaction, the migrations not yet recorded in
    /// `schema_migrations`. Returns the numbers of those it applied. Numbers need only increase:
    /// a gap (there is no 009) is fine.
    @discardableResult
    public static func migrate(_ database: Database, logger: Logger) async throws -> [Int] {
        try await migrate(database, migrations: allMigrations, logger: logger)
    }

    static func migrate(_ database: Database, migrations: [any Migration], logger: Logger) async throws -> [Int] {
        let dialect = database.dialect
        try await database.transaction { sql in
            if let lock = dialect.migrationLockStatement { try await sql.raw(SQLQueryString(lock)).run() }
            try await sql.raw("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    id BIGINT PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                )
                """).run()
        }
        var applied: [Int] = []
        for migration in migrations.sorted(by: { $0.id < $1.id }) {
            let step: @Sendable (any SQLDatabase) async throws -> Bool = { sql in
                if let lock = dialect.migrationLockStatement { try await sql.raw(SQLQueryString(lock)).run() }
                let existing = try await sql.select().column("id").from("schema_migrations")
                    .where("id", .equal, SQLBind(migration.id)).first()
                if existing != nil { return false }
                try await migration.apply(on: sql, dialect: dialect)
                try await sql.insert(into: "schema_migrations").columns("id", "name", "applied_at")
                    .values(SQLBind(migration.id), SQLBind(migration.name), SQLBind(Timestamp.string(from: Date()))).run()
                return true
            }
            let done = migration.rebuildsTables
                ? try await database.transactionWithoutForeignKeyEnforcement(step)
                : try await database.transaction(step)
            if done {
                logger.info("applied migration", metadata: ["id": "\(migration.id)", "name": "\(migration.name)"])
                applied.append(migration.id)
            }
        }
        return applied
    }
}

/// Timestamps are stored as ISO 8601 text in UTC with milliseconds (`2026-11-27T04:27:59.123Z`),
/// identical in both databases and sortable as text. Formatting works on whole milliseconds so
/// that reading back what was written gives the same instant exactly.
enum Timestamp {
    private static let seconds = Date.ISO8601FormatStyle()

    static func string(from date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (whole, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let (second, millisecond) = fraction < 0 ? (whole - 1, fraction + 1000) : (whole, fraction)
        let base = Date(timeIntervalSince1970: Double(second)).formatted(seconds)
        return base.dropLast() + String(format: ".%03d", Int(millisecond)) + "Z"
    }

    static func date(from text: String) -> Date? {
        guard text.hasSuffix("Z") else { return nil }
        var base = String(text.dropLast())
        var millisecond = 0
        if let dot = base.lastIndex(of: ".") {
            guard let value = Int(base[base.index(after: dot)...]) else { return nil }
            millisecond = value
            base = String(base[..<dot])
        }
        guard let date = try? seconds.parse(base + "Z") else { return nil }
        return Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000 + Double(millisecond)).rounded() / 1000)
    }

    /// The date as it will read back from the database, so that what a write returns equals
    /// what a later read gives.
    static func stored(_ value: Date) -> Date {
        date(from: string(from: value)) ?? value
    }
}
