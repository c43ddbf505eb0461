import SQLKit

struct CreateChangeLog: Migration {
    let id = 3
    let name = "create change log"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            """
            CREATE TABLE changes (
                seq \(dialect.autoIncrementPrimaryKey),
                entity TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                action TEXT NOT NULL,
                version BIGINT NOT NULL,
                changed_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX changes_entity ON changes(entity, entity_id)",
        ])
    }
}
