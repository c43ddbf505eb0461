import Foundation
import SQLKit

/// Limits sign-in attempts (and, separately, password-reset requests). Attempts are counted over
/// a sliding window per (account, client address) and per client address. An attempt is counted
/// *before* its password is checked, in one transaction that first takes a lock per address, so
/// that concurrent attempts cannot all slip under the limit: at most `perAccountAndClient`
/// passwords are ever evaluated per pair and window, however many arrive at once. Once over the
/// limit, the next attempt must wait until old attempts leave the window. The account alone is
/// never locked: an attacker elsewhere cannot keep its owner out, and a password reset always works.
struct SignInThrottle: Sendable {
    var window: TimeInterval = 15 * 60
    var perAccountAndClient = 5
    var perClient = 30

    /// What is limited. Reset requests have their own counters: they never count as sign-in
    /// failures, so requesting links cannot lock an owner out of signing in.
    enum Kind: String, Sendable {
        case signIn = ""
        case passwordReset = "reset-"
    }

    struct Keys: Sendable {
        var accountAndClient: String
        var client: String
        var kind: Kind = .signIn

        /// The counters an attempt adds to, with their limits.
        func scopes(_ throttle: SignInThrottle) -> [(scope: String, key: String, limit: Int)] {
            [(kind.rawValue + "account", accountAndClient, throttle.perAccountAndClient), (kind.rawValue + "client", client, throttle.perClient)]
        }
    }

    static func keys(email: String, client: String, kind: Kind = .signIn) -> Keys {
        Keys(accountAndClient: AccountStore.normalizedEmail(email) + "|" + client, client: client, kind: kind)
    }

    /// An attempt counted and allowed to go on.
    struct Attempt: Sendable {
        var id: String
    }

    enum Admission: Sendable {
        case admitted(Attempt)
        /// Refused without evaluation: the client must wait this long.
        case wait(TimeInterval)
    }

    /// Counts an attempt, unless the limit is reached. Must run inside a write transaction.
    func admit(_ keys: Keys, now: Date, dialect: Dialect, on sql: any SQLDatabase) async throws -> Admission {
        if let lock = dialect.attemptLockStatement(key: keys.client) { try await sql.raw(lock).run() }
        let since = Timestamp.string(from: now.addingTimeInterval(-window))
        try await sql.delete(from: "sign_in_failures").where("failed_at", .lessThan, SQLBind(since)).run()
        var longest: TimeInterval?
        for (scope, key, limit) in keys.scopes(self) {
            let rows = try await sql.select().column("failed_at").from("sign_in_failures")
                .where("scope", .equal, SQLBind(scope)).where("key", .equal, SQLBind(key)).where("failed_at", .greaterThanOrEqual, SQLBind(since))
                .orderBy("failed_at", .descending).limit(limit).all()
            guard rows.count >= limit else { continue }
            let oldest = Timestamp.date(from: try rows[limit - 1].decode(column: "failed_at", as: String.self)) ?? now
            longest = max(longest ?? 1, oldest.addingTimeInterval(window).timeIntervalSince(now))
        }
        if let longest { return .wait(longest) }
        let attempt = Attempt(id: SecretToken.generate())
        let stamp = Timestamp.string(from: now)
        for (scope, key, _) in keys.scopes(self) {
            try await sql.insert(into: "sign_in_failures").columns("scope", "key", "failed_at", "attempt")
                .values(SQLBind(scope), SQLBind(key), SQLBind(stamp), SQLBind(attempt.id)).run()
        }
        return .admitted(attempt)
    }

    /// A successful attempt stops counting. Earlier failures stay in the window, so a success
    /// never makes room for more guesses than the limit.
    func release(_ attempt: Attempt, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: "sign_in_failures").where("attempt", .equal, SQLBind(attempt.id)).run()
    }
}
