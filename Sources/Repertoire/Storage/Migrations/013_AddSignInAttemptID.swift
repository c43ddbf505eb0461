import SQLKit

/// Sign-in attempts are counted before the password is checked; a successful one is then
/// removed by its id, so that successes never count against an address.
struct AddSignInAttemptID: Migration {
    let id = 13
    let name = "identify each counted sign-in attempt"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            "ALTER TABLE sign_in_failures ADD COLUMN attempt TEXT",
            "CREATE INDEX sign_in_failures_attempt ON sign_in_failures (attempt)",
        ])
    }
}
