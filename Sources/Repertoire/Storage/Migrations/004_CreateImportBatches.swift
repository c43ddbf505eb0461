import SQLKit

struct CreateImportBatches: Migration {
    let id = 4
    let name = "create import batches"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            """
            CREATE TABLE import_batches (
                id TEXT PRIMARY KEY,
                file_name TEXT NOT NULL,
                mapping TEXT NOT NULL,
                options TEXT NOT NULL,
                created_count BIGINT NOT NULL,
                updated_count BIGINT NOT NULL,
                unchanged_count BIGINT NOT NULL,
                rejected_count BIGINT NOT NULL,
                imported_by TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                reverted_at TEXT
            )
            """,
            """
            CREATE TABLE import_batch_items (
                batch_id TEXT NOT NULL REFERENCES import_batches(id),
                enterprise_id TEXT NOT NULL,
                action TEXT NOT NULL,
                version_after BIGINT NOT NULL,
                previous_profile TEXT,
                PRIMARY KEY (batch_id, enterprise_id)
            )
            """,
        ])
    }
}
