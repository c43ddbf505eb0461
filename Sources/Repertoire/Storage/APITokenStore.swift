import Foundation
import SQLKit

/// A personal API token as listed to its owner; the secret itself is shown once, at creation.
public struct APIToken: Sendable, Equatable {
    public var id: String
    public var name: String
    /// The first characters of the secret, so that the owner can tell tokens apart.
    public var hint: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?
}

/// Personal API tokens, stored hashed. A token acts with its owner's roles.
public struct APITokenStore: Sendable {
    public let database: Database
    static let prefix = "rep_"

    public init(database: Database) {
        self.database = database
    }

    static func create(userID: String, name: String, now: Date, on sql: any SQLDatabase) async throws -> (token: APIToken, secret: String) {
        let secret = SecretToken.generate(prefix: prefix)
        let token = APIToken(id: UUID().uuidString.lowercased(), name: name, hint: String(secret.prefix(prefix.count + 6)), createdAt: Timestamp.stored(now))
        try await sql.insert(into: "api_tokens").columns("id", "user_id", "name", "token_hash", "hint", "created_at")
            .values(SQLBind(token.id), SQLBind(userID), SQLBind(name), SQLBind(SecretToken.hash(secret)), SQLBind(token.hint),
                    SQLBind(Timestamp.string(from: now)))
            .run()
        return (token, secret)
    }

    func tokens(userID: String) async throws -> [APIToken] {
        try await database.read { sql in
            try await sql.select().columns("id", "name", "hint", "created_at", "last_used_at", "revoked_at").from("api_tokens")
                .where("user_id", .equal, SQLBind(userID)).orderBy("created_at", .descending).all().map { row in
                    APIToken(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                             hint: try row.decode(column: "hint", as: String.self),
                             createdAt: Timestamp.date(from: try row.decode(column: "created_at", as: String.self)) ?? .distantPast,
                             lastUsedAt: try row.decode(column: "last_used_at", as: String?.self).flatMap(Timestamp.date(from:)),
                             revokedAt: try row.decode(column: "revoked_at", as: String?.self).flatMap(Timestamp.date(from:)))
                }
        }
    }

    /// Revokes one of the user's tokens; false when the user has no such active token.
    static func revoke(id: String, userID: String, now: Date, on sql: any SQLDatabase) async throws -> Bool {
        guard try await sql.select().column("id").from("api_tokens").where("id", .equal, SQLBind(id))
            .where("user_id", .equal, SQLBind(userID)).where("revoked_at", .is, SQLLiteral.null).first() != nil else { return false }
        try await sql.update("api_tokens").set("revoked_at", to: SQLBind(Timestamp.string(from: now))).where("id", .equal, SQLBind(id)).run()
        return true
    }

    /// The identity behind a presented token, or nil when it is unknown, revoked or its owner inactive.
    func identity(secret: String, now: Date = Date()) async throws -> Identity? {
        guard secret.hasPrefix(Self.prefix), secret.count < 200 else { return nil }
        let hash = SecretToken.hash(secret)
        let found: (String, String, String?)? = try await database.read { sql in
            guard let row = try await sql.select().columns("id", "user_id", "last_used_at").from("api_tokens")
                .where("token_hash", .equal, SQLBind(hash)).where("revoked_at", .is, SQLLiteral.null).first() else { return nil }
            return (try row.decode(column: "id", as: String.self), try row.decode(column: "user_id", as: String.self),
                    try row.decode(column: "last_used_at", as: String?.self))
        }
        guard let (id, userID, lastUsed) = found,
              let user = try await database.read({ sql in try await AccountStore.user(id: userID, on: sql) }), user.isActive else { return nil }
        if lastUsed.flatMap(Timestamp.date(from:)).map({ now.timeIntervalSince($0) > 300 }) ?? true {
            _ = try? await database.transaction { sql in
                try await sql.update("api_tokens").set("last_used_at", to: SQLBind(Timestamp.string(from: now))).where("id", .equal, SQLBind(id)).run()
            }
        }
        return Identity(user: user, credential: .apiToken(id: id))
    }
}
