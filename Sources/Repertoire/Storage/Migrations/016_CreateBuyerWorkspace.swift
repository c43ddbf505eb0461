import SQLKit

/// The buyer workspace (issue #14): purchase lists and their enterprises, and the dated
/// amounts of the procurement rules the advisor applies.
///
/// Amounts are whole cents, so that 24 999,99 $ and the thresholds compare exactly. A
/// threshold row holds from its effective day until the next row of the same kind.
struct CreateBuyerWorkspace: Migration {
    let id = 16
    let name = "create purchase lists and dated procurement thresholds"

    /// The rows every database starts with; administrators add the next ones from the UI.
    static let seededThresholds = ProcurementThreshold.history

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            """
            CREATE TABLE purchase_lists (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                owner_id TEXT NOT NULL REFERENCES users(id),
                municipality_code TEXT NOT NULL REFERENCES municipalities(code),
                sharing TEXT NOT NULL,
                archived_at TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX purchase_lists_municipality ON purchase_lists (municipality_code)",
            "CREATE INDEX purchase_lists_owner ON purchase_lists (owner_id)",
            """
            CREATE TABLE purchase_list_items (
                list_id TEXT NOT NULL REFERENCES purchase_lists(id) ON DELETE CASCADE,
                enterprise_id TEXT NOT NULL REFERENCES enterprises(id),
                position BIGINT NOT NULL,
                note TEXT NOT NULL,
                added_by TEXT,
                added_at TEXT NOT NULL,
                PRIMARY KEY (list_id, enterprise_id)
            )
            """,
            "CREATE INDEX purchase_list_items_enterprise ON purchase_list_items (enterprise_id)",
            """
            CREATE TABLE procurement_thresholds (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                amount_cents BIGINT NOT NULL,
                effective_from TEXT NOT NULL,
                source TEXT NOT NULL,
                source_url TEXT,
                created_by TEXT,
                created_at TEXT NOT NULL,
                UNIQUE (kind, effective_from)
            )
            """,
        ])
        for row in Self.seededThresholds {
            try await ThresholdStore.insert(row, on: sql)
        }
    }
}
