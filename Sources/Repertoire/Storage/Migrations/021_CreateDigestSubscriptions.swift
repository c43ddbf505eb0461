import SQLKit

/// The J'achète digest (issue #17): subscriptions (double opt-in for visitors, direct for signed-in
/// people), and each period already handled per subscription, whose primary key is what makes a
/// digest go out once per period however many instances try.
struct CreateDigestSubscriptions: Migration {
    let id = 21
    let name = "create digest subscriptions"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            """
            CREATE TABLE digest_subscriptions (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                user_id TEXT REFERENCES users(id),
                frequency TEXT NOT NULL,
                regions TEXT NOT NULL DEFAULT '',
                language TEXT NOT NULL DEFAULT 'fr',
                status TEXT NOT NULL,
                confirm_token_hash TEXT UNIQUE,
                created_at TEXT NOT NULL,
                confirmed_at TEXT,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX digest_subscriptions_status ON digest_subscriptions (status, frequency)",
            "CREATE INDEX digest_subscriptions_user ON digest_subscriptions (user_id)",
            """
            CREATE TABLE digest_sends (
                subscription_id TEXT NOT NULL REFERENCES digest_subscriptions(id),
                period TEXT NOT NULL,
                sent BOOLEAN NOT NULL,
                handled_at TEXT NOT NULL,
                PRIMARY KEY (subscription_id, period)
            )
            """,
        ])
    }
}
