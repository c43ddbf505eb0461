import SQLKit

/// Column mappings a hub saved from the import page, to reuse on its next file of the same shape.
struct CreateImportMappings: Migration {
    let id = 8
    let name = "create saved import column mappings"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            """
            CREATE TABLE import_mappings (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                mapping TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
        ])
    }
}
