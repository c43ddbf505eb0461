import SQLKit

struct CreateAccounts: Migration {
    let id = 5
    let name = "create accounts, sessions, tokens and the audit log"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                password_hash TEXT,
                municipality_code TEXT,
                enterprise_id TEXT,
                active BIGINT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                last_sign_in_at TEXT
            )
            """,
            """
            CREATE TABLE user_roles (
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                role TEXT NOT NULL,
                PRIMARY KEY (user_id, role)
            )
            """,
            """
            CREATE TABLE user_regions (
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                region_code TEXT NOT NULL,
                PRIMARY KEY (user_id, region_code)
            )
            """,
            """
            CREATE TABLE sessions (
                id_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL,
                created_at TEXT NOT NULL,
                last_seen_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                client TEXT NOT NULL
            )
            """,
            "CREATE INDEX sessions_user ON sessions(user_id)",
            """
            CREATE TABLE one_time_tokens (
                token_hash TEXT PRIMARY KEY,
                purpose TEXT NOT NULL,
                user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
                enterprise_id TEXT,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                used_at TEXT
            )
            """,
            "CREATE INDEX one_time_tokens_user ON one_time_tokens(user_id, purpose)",
            """
            CREATE TABLE api_tokens (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                hint TEXT NOT NULL,
                created_at TEXT NOT NULL,
                last_used_at TEXT,
                revoked_at TEXT
            )
            """,
            "CREATE INDEX api_tokens_user ON api_tokens(user_id)",
            """
            CREATE TABLE sign_in_failures (
                scope TEXT NOT NULL,
                key TEXT NOT NULL,
                failed_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX sign_in_failures_key ON sign_in_failures(scope, key, failed_at)",
            """
            CREATE TABLE audit_log (
                seq \(dialect.autoIncrementPrimaryKey),
                at TEXT NOT NULL,
                actor_id TEXT,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                detail TEXT NOT NULL,
                client TEXT NOT NULL
            )
            """,
            "CREATE INDEX audit_log_action ON audit_log(action, seq)",
        ])
    }
}
