import Foundation
import SQLKit

/// Browser sessions, stored in the database so that they survive a restart and work across
/// instances. Only the SHA-256 of the cookie's value is stored.
public struct SessionStore: Sendable {
    public let database: Database
    /// How long a session lasts after sign-in, at most.
    static let lifetime: TimeInterval = 14 * 24 * 3600
    /// A session unused for this long ends.
    static let idleTimeout: TimeInterval = 3 * 24 * 3600
    /// `last_seen_at` is written at most this often, so that browsing does not write on every page.
    static let touchInterval: TimeInterval = 300

    public init(database: Database) {
        self.database = database
    }

    struct Opened: Sendable {
        var cookieValue: String
        var csrfToken: String
        var idHash: String
    }

    static func open(userID: String, client: String, now: Date, on sql: any SQLDatabase) async throws -> Opened {
        let secret = SecretToken.generate()
        let csrf = SecretToken.generate()
        let hash = SecretToken.hash(secret)
        try await sql.insert(into: "sessions")
            .columns("id_hash", "user_id", "csrf_token", "created_at", "last_seen_at", "expires_at", "client")
            .values(SQLBind(hash), SQLBind(userID), SQLBind(csrf), SQLBind(Timestamp.string(from: now)), SQLBind(Timestamp.string(from: now)),
                    SQLBind(Timestamp.string(from: now.addingTimeInterval(lifetime))), SQLBind(String(client.prefix(200))))
            .run()
        return Opened(cookieValue: secret, csrfToken: csrf, idHash: hash)
    }

    /// The signed-in identity behind a session cookie, or nil when the session is unknown,
    /// expired, idle too long or its user deactivated.
    func identity(cookieValue: String, now: Date = Date()) async throws -> Identity? {
        let hash = SecretToken.hash(cookieValue)
        let found: (String, String, Date, Date)? = try await database.read { sql in
            guard let row = try await sql.select().columns("user_id", "csrf_token", "last_seen_at", "expires_at").from("sessions")
                .where("id_hash", .equal, SQLBind(hash)).first() else { return nil }
            return (try row.decode(column: "user_id", as: String.self), try row.decode(column: "csrf_token", as: String.self),
                    Timestamp.date(from: try row.decode(column: "last_seen_at", as: String.self)) ?? .distantPast,
                    Timestamp.date(from: try row.decode(column: "expires_at", as: String.self)) ?? .distantPast)
        }
        guard let (userID, csrf, lastSeen, expires) = found else { return nil }
        guard expires > now, now.timeIntervalSince(lastSeen) < Self.idleTimeout else {
            _ = try? await database.transaction { sql in try await sql.delete(from: "sessions").where("id_hash", .equal, SQLBind(hash)).run() }
            return nil
        }
        guard let user = try await database.read({ sql in try await AccountStore.user(id: userID, on: sql) }), user.isActive else { return nil }
        if now.timeIntervalSince(lastSeen) > Self.touchInterval {
            _ = try? await database.transaction { sql in
                try await sql.update("sessions").set("last_seen_at", to: SQLBind(Timestamp.string(from: now))).where("id_hash", .equal, SQLBind(hash)).run()
            }
        }
        return Identity(user: user, credential: .session(id: hash, csrfToken: csrf))
    }

    static func close(idHash: String, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: "sessions").where("id_hash", .equal, SQLBind(idHash)).run()
    }

    /// Ends every session of the user ("sign out everywhere", password change, deactivation).
    static func closeAll(userID: String, except keep: String? = nil, on sql: any SQLDatabase) async throws {
        var query = sql.delete(from: "sessions").where("user_id", .equal, SQLBind(userID))
        if let keep { query = query.where("id_hash", .notEqual, SQLBind(keep)) }
        try await query.run()
    }

    func count(userID: String) async throws -> Int {
        try await database.read { sql in
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("sessions")
                .where("user_id", .equal, SQLBind(userID)).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }
}
