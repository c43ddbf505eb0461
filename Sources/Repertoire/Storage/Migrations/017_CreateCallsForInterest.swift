import SQLKit

/// Calls for interest (issue #15): a buyer's need, the enterprises it goes to with their
/// single-use answer links, the files on both sides, and the enterprises that asked to receive
/// no more. The outbox gains extra headers (List-Unsubscribe) and a reference to what a message
/// is about, so a recipient's delivery can be followed.
struct CreateCallsForInterest: Migration {
    let id = 17
    let name = "create calls for interest"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        let blob = dialect == .postgres ? "BYTEA" : "BLOB"
        try await sql.execute([
            "ALTER TABLE outbox ADD COLUMN headers TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE outbox ADD COLUMN reference TEXT",
            "CREATE INDEX outbox_reference ON outbox (reference)",
            """
            CREATE TABLE calls_for_interest (
                id TEXT PRIMARY KEY,
                municipality_code TEXT NOT NULL REFERENCES municipalities(code),
                owner_id TEXT NOT NULL REFERENCES users(id),
                title TEXT NOT NULL,
                description TEXT NOT NULL,
                kind TEXT NOT NULL,
                sectors TEXT NOT NULL,
                place_kind TEXT NOT NULL,
                place_code TEXT NOT NULL,
                place_region TEXT NOT NULL,
                amount_band TEXT NOT NULL,
                deadline TEXT NOT NULL,
                status TEXT NOT NULL,
                cancel_message TEXT NOT NULL DEFAULT '',
                source_list_id TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                sent_at TEXT,
                closed_at TEXT
            )
            """,
            "CREATE INDEX calls_municipality ON calls_for_interest (municipality_code, updated_at)",
            "CREATE INDEX calls_region ON calls_for_interest (place_region, status)",
            "CREATE INDEX calls_deadline ON calls_for_interest (status, deadline)",
            """
            CREATE TABLE call_recipients (
                call_id TEXT NOT NULL REFERENCES calls_for_interest(id) ON DELETE CASCADE,
                enterprise_id TEXT NOT NULL REFERENCES enterprises(id),
                position BIGINT NOT NULL,
                origin TEXT NOT NULL,
                reasons TEXT NOT NULL,
                score BIGINT NOT NULL DEFAULT 0,
                addresses TEXT NOT NULL DEFAULT '',
                queued_at TEXT,
                opened_at TEXT,
                answer TEXT,
                answer_message TEXT NOT NULL DEFAULT '',
                answer_reason TEXT NOT NULL DEFAULT '',
                contact_name TEXT NOT NULL DEFAULT '',
                contact_email TEXT NOT NULL DEFAULT '',
                contact_phone TEXT NOT NULL DEFAULT '',
                answered_at TEXT,
                reminded_at TEXT,
                PRIMARY KEY (call_id, enterprise_id)
            )
            """,
            "CREATE INDEX call_recipients_enterprise ON call_recipients (enterprise_id)",
            // The links sent to a recipient: to answer (the first e-mail's and the reminder's)
            // and to stop receiving calls. Only their hashes are kept.
            """
            CREATE TABLE call_links (
                token_hash TEXT PRIMARY KEY,
                purpose TEXT NOT NULL,
                call_id TEXT NOT NULL REFERENCES calls_for_interest(id) ON DELETE CASCADE,
                enterprise_id TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE call_files (
                id TEXT PRIMARY KEY,
                call_id TEXT NOT NULL REFERENCES calls_for_interest(id) ON DELETE CASCADE,
                enterprise_id TEXT,
                file_name TEXT NOT NULL,
                content_type TEXT NOT NULL,
                size BIGINT NOT NULL,
                bytes \(blob),
                stored_path TEXT,
                created_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX call_files_call ON call_files (call_id, enterprise_id)",
            """
            CREATE TABLE call_opt_outs (
                enterprise_id TEXT PRIMARY KEY REFERENCES enterprises(id),
                opted_out_at TEXT NOT NULL,
                source TEXT NOT NULL
            )
            """,
        ])
    }
}
