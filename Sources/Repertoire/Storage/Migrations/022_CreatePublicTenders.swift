import SQLKit

/// Public tenders from SEAO (issue #18): every file imported with its counts and skipped
/// releases, every release kept (the history, in Répertoire's own release format), each process
/// compiled to its latest state, and the buyers, matched to a municipality by name or by an
/// administrator.
struct CreatePublicTenders: Migration {
    let id = 22
    let name = "create public tenders"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            """
            CREATE TABLE seao_imports (
                id TEXT PRIMARY KEY,
                source TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                imported_by TEXT REFERENCES users(id),
                imported_at TEXT NOT NULL,
                releases INTEGER NOT NULL,
                new_releases INTEGER NOT NULL,
                known_releases INTEGER NOT NULL,
                skipped INTEGER NOT NULL,
                processes INTEGER NOT NULL
            )
            """,
            "CREATE INDEX seao_imports_at ON seao_imports (imported_at)",
            """
            CREATE TABLE seao_import_skips (
                import_id TEXT NOT NULL REFERENCES seao_imports(id),
                position INTEGER NOT NULL,
                ocid TEXT,
                reason TEXT NOT NULL,
                PRIMARY KEY (import_id, position)
            )
            """,
            """
            CREATE TABLE seao_releases (
                ocid TEXT NOT NULL,
                release_id TEXT NOT NULL,
                released_at TEXT NOT NULL,
                tags TEXT NOT NULL,
                format INTEGER NOT NULL,
                body TEXT NOT NULL,
                import_id TEXT NOT NULL REFERENCES seao_imports(id),
                PRIMARY KEY (ocid, release_id)
            )
            """,
            """
            CREATE TABLE seao_buyers (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                municipal BOOLEAN NOT NULL,
                municipality_code TEXT REFERENCES municipalities(code),
                matched_by TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE seao_tenders (
                ocid TEXT PRIMARY KEY,
                seao_number TEXT NOT NULL,
                title TEXT NOT NULL,
                buyer_id TEXT REFERENCES seao_buyers(id),
                municipal BOOLEAN NOT NULL,
                status TEXT NOT NULL,
                category TEXT NOT NULL,
                closes_at TEXT,
                last_release_at TEXT NOT NULL,
                body TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX seao_tenders_closing ON seao_tenders (closes_at)",
            "CREATE INDEX seao_tenders_buyer ON seao_tenders (buyer_id)",
        ])
    }
}
