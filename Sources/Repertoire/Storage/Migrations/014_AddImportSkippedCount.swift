import SQLKit

/// Rows an import left out on purpose (people listed among the enterprises: citizen members,
/// partner persons) are counted apart from the rows it refused.
struct AddImportSkippedCount: Migration {
    let id = 14
    let name = "count the rows of people an import skipped"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            "ALTER TABLE import_batches ADD COLUMN skipped_count BIGINT NOT NULL DEFAULT 0",
        ])
    }
}
