import SQLKit

/// Registrations to the hub's trainings (issue #17): confirmed within the training's capacity,
/// then on a waiting list in the order they came; each with a secret link to cancel. The outbox
/// gains attachments (the training's `.ics` in the confirmation e-mail).
struct CreateTrainingRegistrations: Migration {
    let id = 20
    let name = "create training registrations"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            """
            CREATE TABLE training_registrations (
                id TEXT PRIMARY KEY,
                article_id TEXT NOT NULL REFERENCES articles(id),
                name TEXT NOT NULL,
                email TEXT NOT NULL,
                city TEXT NOT NULL,
                status TEXT NOT NULL,
                cancel_token_hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX training_registrations_email ON training_registrations (article_id, email)",
            "CREATE INDEX training_registrations_status ON training_registrations (article_id, status, created_at)",
            "ALTER TABLE outbox ADD COLUMN attachments TEXT NOT NULL DEFAULT ''",
        ])
    }
}
