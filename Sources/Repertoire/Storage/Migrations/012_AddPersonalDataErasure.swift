import SQLKit

/// Loi 25: managers' contact details are erased from revisions and decided proposals 24 months
/// after they stopped being current (see `RetentionStore`). The row stays, with the time it was
/// erased, so that the history page says so. A revision's two sides are superseded at different
/// times (its `before` when it was written, its `after` when the next revision was), hence two
/// columns.
struct AddPersonalDataErasure: Migration {
    let id = 12
    let name = "record when personal data was erased from revisions and proposals"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            "ALTER TABLE revisions ADD COLUMN before_erased_at TEXT",
            "ALTER TABLE revisions ADD COLUMN after_erased_at TEXT",
            "ALTER TABLE proposals ADD COLUMN personal_data_erased_at TEXT",
        ])
    }
}
