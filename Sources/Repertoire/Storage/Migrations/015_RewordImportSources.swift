import SQLKit

/// Profiles imported before issue #12 show their source as the uploaded file's name
/// (« Import : export_final_v3.csv »), which tells a visitor nothing and may expose an internal
/// name. They now read « Liste importée, AAAA-MM » (the month the record was created); the
/// history keeps the old wording in its revisions.
struct RewordImportSources: Migration {
    let id = 15
    let name = "imported profiles show their source in words, not as a file name"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            "UPDATE enterprises SET source = 'Liste importée, ' || substr(created_at, 1, 7) WHERE source LIKE 'Import : %'",
        ])
    }
}
