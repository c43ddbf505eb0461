import SQLKit

/// Rights over an import (reverting it) are checked on the importer's account, not on the name
/// shown in the list. Batches recorded before this migration get the account whose address the
/// recorded label ends with (`Name <email>`, or the bare address).
struct AddImportBatchImporter: Migration {
    let id = 10
    let name = "record the account of each import's importer"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            "ALTER TABLE import_batches ADD COLUMN imported_by_id TEXT REFERENCES users(id)",
            """
            UPDATE import_batches SET imported_by_id = (
                SELECT users.id FROM users
                WHERE import_batches.imported_by = users.email OR import_batches.imported_by LIKE '%<' || users.email || '>'
                LIMIT 1)
            """,
            "CREATE INDEX import_batches_imported_by_id ON import_batches (imported_by_id)",
        ])
    }
}
