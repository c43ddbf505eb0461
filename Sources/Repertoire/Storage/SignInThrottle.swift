import Foundation
import SQLKit

/// Limits sign-in attempts. Failures are counted over a sliding window per (account, client
/// address) and per client address; once over the limit, the next attempt must wait until old
/// failures leave the window. The account alone is never locked: an attacker elsewhere cannot
/// keep its owner out, and a password reset always works.
struct SignInThrottle: Sendable {
    var window: TimeInterval = 15 * 60
    var perAccountAndClient = 5
    var perClient = 30

    struct Keys: Sendable {
        var accountAndClient: String
        var client: String
    }

    static func keys(email: String, client: String) -> Keys {
        Keys(accountAndClient: AccountStore.normalizedEmail(email) + "|" + client, client: client)
    }

    /// How long the client must wait before trying again, or nil when it may try now.
    func waitTime(_ keys: Keys, now: Date, on sql: any SQLDatabase) async throws -> TimeInterval? {
        let since = Timestamp.string(from: now.addingTimeInterval(-window))
        var longest: TimeInterval?
        for (scope, key, limit) in [("account", keys.accountAndClient, perAccountAndClient), ("client", keys.client, perClient)] {
            let rows = try await sql.select().column("failed_at").from("sign_in_failures")
                .where("scope", .equal, SQLBind(scope)).where("key", .equal, SQLBind(key)).where("failed_at", .greaterThan, SQLBind(since))
                .orderBy("failed_at", .descending).limit(limit).all()
            guard rows.count >= limit, let oldest = Timestamp.date(from: try rows[limit - 1].decode(column: "failed_at", as: String.self)) else { continue }
            let wait = oldest.addingTimeInterval(window).timeIntervalSince(now)
            if wait > 0 { longest = max(longest ?? 0, wait) }
        }
        return longest
    }

    func recordFailure(_ keys: Keys, now: Date, on sql: any SQLDatabase) async throws {
        let stamp = Timestamp.string(from: now)
        try await sql.delete(from: "sign_in_failures").where("failed_at", .lessThan, SQLBind(Timestamp.string(from: now.addingTimeInterval(-window)))).run()
        for (scope, key) in [("account", keys.accountAndClient), ("client", keys.client)] {
            try await sql.insert(into: "sign_in_failures").columns("scope", "key", "failed_at").values(SQLBind(scope), SQLBind(key), SQLBind(stamp)).run()
        }
    }

    func recordSuccess(_ keys: Keys, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: "sign_in_failures").where("scope", .equal, SQLBind("account")).where("key", .equal, SQLBind(keys.accountAndClient)).run()
    }
}
