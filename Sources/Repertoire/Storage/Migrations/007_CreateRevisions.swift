import SQLKit

struct CreateRevisions: Migration {
    let id = 7
    let name = "create enterprise revisions and proposed changes"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            // One row per enterprise write, with the whole profile before and after, so that any
            // version can be shown, compared and restored.
            """
            CREATE TABLE revisions (
                seq \(dialect.autoIncrementPrimaryKey),
                enterprise_id TEXT NOT NULL,
                version BIGINT NOT NULL,
                at TEXT NOT NULL,
                actor_id TEXT,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                fields TEXT NOT NULL,
                before_profile TEXT,
                after_profile TEXT NOT NULL
            )
            """,
            "CREATE INDEX revisions_enterprise ON revisions(enterprise_id, seq)",
            """
            CREATE TABLE proposals (
                id TEXT PRIMARY KEY,
                enterprise_id TEXT NOT NULL,
                base_version BIGINT NOT NULL,
                profile TEXT NOT NULL,
                proposed_by TEXT,
                proposer TEXT NOT NULL,
                proposer_email TEXT,
                proposed_at TEXT NOT NULL,
                status TEXT NOT NULL,
                decided_by TEXT,
                decided_at TEXT,
                message TEXT
            )
            """,
            "CREATE INDEX proposals_status ON proposals(status, proposed_at)",
            "CREATE INDEX proposals_enterprise ON proposals(enterprise_id)",
        ])
    }
}
