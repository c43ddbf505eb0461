import Foundation
import Logging
import SQLKit

/// Brings a database's schema up to date at start.
public enum Migrator {
    /// Applies, in order and each in its own transaction, the migrations not yet recorded in
    /// `schema_migrations`. Returns the numbers of those it applied.
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
            let done = try await database.transaction { sql -> Bool in
                if let lock = dialect.migrationLockStatement { try await sql.raw(SQLQueryString(lock)).run() }
                let existing = try await sql.select().column("id").from("schema_migrations")
                    .where("id", .equal, SQLBind(migration.id)).first()
                if existing != nil { return false }
                try await migration.apply(on: sql, dialect: dialect)
                try await sql.insert(into: "schema_migrations").columns("id", "name", "applied_at")
                    .values(SQLBind(migration.id), SQLBind(migration.name), SQLBind(Timestamp.string(from: Date()))).run()
                return true
            }
            if done {
                logger.info("applied migration", metadata: ["id": "\(migration.id)", "name": "\(migration.name)"])
                applied.append(migration.id)
            }
        }
        return applied
    }
}

/// Timestamps are stored as ISO 8601 text in UTC with milliseconds, identical in both databases
/// and sortable as text.
enum Timestamp {
    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func string(from date: Date) -> String { date.formatted(style) }

    static func date(from text: String) -> Date? { try? style.parse(text) }
}
