import SQLKit

/// Alerts of SEAO calls (issue #18): who asked for them, and each (call, recipient) already sent,
/// whose primary key makes an alert go out once per call per enterprise however many instances
/// try; and when each process was first imported (alerts are for calls new to the subscriber).
struct CreateTenderAlerts: Migration {
    let id = 24
    let name = "create SEAO call alerts"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            "ALTER TABLE seao_tenders ADD COLUMN first_seen_at TEXT",
            "UPDATE seao_tenders SET first_seen_at = updated_at",
            """
            CREATE TABLE seao_alert_subscriptions (
                user_id TEXT PRIMARY KEY REFERENCES users(id),
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE seao_alert_sends (
                ocid TEXT NOT NULL REFERENCES seao_tenders(ocid),
                recipient TEXT NOT NULL,
                user_id TEXT REFERENCES users(id),
                sent_at TEXT NOT NULL,
                PRIMARY KEY (ocid, recipient)
            )
            """,
            "CREATE INDEX seao_alert_sends_user ON seao_alert_sends (user_id)",
        ])
    }
}
