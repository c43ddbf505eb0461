import SQLKit

/// E-mail waiting to be sent, and what became of it (issue #5): an invitation and its message
/// are written in one transaction, then delivered by `OutboxDeliveryService`.
struct CreateOutbox: Migration {
    let id = 6
    let name = "create outbox"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            """
            CREATE TABLE outbox (
                id \(dialect.autoIncrementPrimaryKey),
                kind TEXT NOT NULL,
                to_address TEXT NOT NULL,
                to_name TEXT,
                subject TEXT NOT NULL,
                body TEXT NOT NULL,
                message_token TEXT NOT NULL,
                status TEXT NOT NULL,
                attempts BIGINT NOT NULL DEFAULT 0,
                next_attempt_at TEXT NOT NULL,
                last_error TEXT,
                created_at TEXT NOT NULL,
                sent_at TEXT
            )
            """,
            "CREATE INDEX outbox_due ON outbox(status, next_attempt_at)",
        ])
    }
}
