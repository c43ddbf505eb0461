import SQLKit

/// The responsible-purchasing record (issue #16): the contracts a municipality awarded to
/// social-economy enterprises, with their revisions, and the municipalities that publish their
/// figures. What the dashboards group by is copied onto each contract when it is written (the
/// buying municipality's MRC and region, the supplier's sector and place), so that a dashboard
/// over 200 000 contracts is one indexed pass over one table.
struct CreatePurchaseRecord: Migration {
    let id = 18
    let name = "create purchase record"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        let blob = dialect == .postgres ? "BYTEA" : "BLOB"
        try await sql.execute([
            // A spreadsheet of contracts: kept from its upload to its preview and its application,
            // so that it can be applied once and reverted as a whole.
            """
            CREATE TABLE purchase_import_batches (
                id TEXT PRIMARY KEY,
                municipality_code TEXT NOT NULL REFERENCES municipalities(code),
                file_name TEXT NOT NULL,
                bytes \(blob) NOT NULL,
                mapping TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL,
                applied_count BIGINT NOT NULL DEFAULT 0,
                created_by TEXT REFERENCES users(id),
                created_at TEXT NOT NULL,
                applied_at TEXT,
                reverted_at TEXT
            )
            """,
            "CREATE INDEX purchase_import_batches_municipality ON purchase_import_batches (municipality_code, created_at)",
            """
            CREATE TABLE purchase_contracts (
                id TEXT PRIMARY KEY,
                municipality_code TEXT NOT NULL REFERENCES municipalities(code),
                mrc_code TEXT NOT NULL,
                region_code TEXT NOT NULL,
                enterprise_id TEXT REFERENCES enterprises(id),
                supplier_name TEXT NOT NULL,
                supplier_neq TEXT NOT NULL DEFAULT '',
                supplier_municipality_code TEXT NOT NULL DEFAULT '',
                supplier_mrc_code TEXT NOT NULL DEFAULT '',
                sector_slug TEXT NOT NULL DEFAULT '',
                awarded_on TEXT NOT NULL,
                year BIGINT NOT NULL,
                amount_cents BIGINT NOT NULL,
                procedure TEXT NOT NULL,
                kind TEXT NOT NULL,
                description TEXT NOT NULL,
                call_id TEXT REFERENCES calls_for_interest(id),
                import_batch_id TEXT REFERENCES purchase_import_batches(id),
                is_fictional BOOLEAN NOT NULL DEFAULT FALSE,
                version BIGINT NOT NULL,
                created_by TEXT REFERENCES users(id),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX purchase_contracts_municipality ON purchase_contracts (municipality_code, year)",
            "CREATE INDEX purchase_contracts_mrc ON purchase_contracts (mrc_code, year)",
            "CREATE INDEX purchase_contracts_region ON purchase_contracts (region_code, year)",
            "CREATE INDEX purchase_contracts_year ON purchase_contracts (year)",
            "CREATE INDEX purchase_contracts_enterprise ON purchase_contracts (enterprise_id)",
            "CREATE INDEX purchase_contracts_call ON purchase_contracts (call_id)",
            "CREATE INDEX purchase_contracts_batch ON purchase_contracts (import_batch_id)",
            // Every version of every contract, deleted ones included: who wrote what, when.
            """
            CREATE TABLE purchase_contract_revisions (
                contract_id TEXT NOT NULL,
                version BIGINT NOT NULL,
                action TEXT NOT NULL,
                snapshot TEXT NOT NULL,
                author_id TEXT REFERENCES users(id),
                author_name TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                PRIMARY KEY (contract_id, version)
            )
            """,
            // A municipality (`58227`) or an agglomeration or MRC (`mrc-58`) that publishes its
            // figures on a public page, and whether its amounts are shown exactly.
            """
            CREATE TABLE purchase_publications (
                territory TEXT PRIMARY KEY,
                is_public BOOLEAN NOT NULL,
                exact_amounts BOOLEAN NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT REFERENCES users(id)
            )
            """,
        ])
    }
}
