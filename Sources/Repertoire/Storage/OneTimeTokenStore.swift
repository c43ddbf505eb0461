import Foundation
import SQLKit

/// Single-use links sent by email: invitations, password resets, and requests to an enterprise
/// to confirm its profile. Only the hash is stored; a link works once, before it expires.
enum OneTimeTokenStore {
    enum Purpose: String, Sendable {
        case invitation
        case passwordReset = "password-reset"
        case confirmation
    }

    static func lifetime(_ purpose: Purpose) -> TimeInterval {
        switch purpose {
        case .invitation: 7 * 24 * 3600
        case .passwordReset: 3600
        case .confirmation: 30 * 24 * 3600
        }
    }

    struct Token: Sendable {
        var purpose: Purpose
        var userID: String?
        var enterpriseID: String?
        var expiresAt: Date
        var usedAt: Date?
    }

    /// Creates a token and returns the secret to put in the link. Earlier unused tokens of the
    /// same purpose for the same user or enterprise stop working.
    static func issue(_ purpose: Purpose, userID: String?, enterpriseID: String?, createdBy: String, now: Date, on sql: any SQLDatabase) async throws -> String {
        let stamp = Timestamp.string(from: now)
        var retire = sql.update("one_time_tokens").set("used_at", to: SQLBind(stamp))
            .where("purpose", .equal, SQLBind(purpose.rawValue)).where("used_at", .is, SQLLiteral.null)
        if let userID { retire = retire.where("user_id", .equal, SQLBind(userID)) }
        if let enterpriseID { retire = retire.where("enterprise_id", .equal, SQLBind(enterpriseID)) }
        if userID != nil || enterpriseID != nil { try await retire.run() }
        let secret = SecretToken.generate()
        try await sql.insert(into: "one_time_tokens")
            .columns("token_hash", "purpose", "user_id", "enterprise_id", "created_by", "created_at", "expires_at")
            .values(SQLBind(SecretToken.hash(secret)), SQLBind(purpose.rawValue), SQLBind(userID), SQLBind(enterpriseID), SQLBind(createdBy),
                    SQLBind(stamp), SQLBind(Timestamp.string(from: now.addingTimeInterval(lifetime(purpose)))))
            .run()
        return secret
    }

    static func find(_ secret: String, on sql: any SQLDatabase) async throws -> Token? {
        guard !secret.isEmpty, secret.count < 200,
              let row = try await sql.select().columns("purpose", "user_id", "enterprise_id", "expires_at", "used_at").from("one_time_tokens")
                .where("token_hash", .equal, SQLBind(SecretToken.hash(secret))).first(),
              let purpose = Purpose(rawValue: try row.decode(column: "purpose", as: String.self)) else { return nil }
        return Token(purpose: purpose, userID: try row.decode(column: "user_id", as: String?.self),
                     enterpriseID: try row.decode(column: "enterprise_id", as: String?.self),
                     expiresAt: Timestamp.date(from: try row.decode(column: "expires_at", as: String.self)) ?? .distantPast,
                     usedAt: try row.decode(column: "used_at", as: String?.self).flatMap(Timestamp.date(from:)))
    }

    /// Uses the token, when it is still unused, unexpired and of one of `purposes`, and returns
    /// it; nil otherwise (a second click, a race, an old link). One statement, so that two
    /// concurrent uses can never both succeed, on PostgreSQL as on SQLite.
    static func consume(_ secret: String, purposes: Set<Purpose>, now: Date, on sql: any SQLDatabase) async throws -> Token? {
        guard !secret.isEmpty, secret.count < 200, !purposes.isEmpty else { return nil }
        let stamp = Timestamp.string(from: now)
        guard let row = try await sql.update("one_time_tokens").set("used_at", to: SQLBind(stamp))
            .where("token_hash", .equal, SQLBind(SecretToken.hash(secret))).where("used_at", .is, SQLLiteral.null)
            .where("expires_at", .greaterThan, SQLBind(stamp))
            .where(SQLColumn("purpose"), .in, SQLBind.group(purposes.map(\.rawValue).sorted()))
            .returning("purpose", "user_id", "enterprise_id", "expires_at")
            .first(),
              let purpose = Purpose(rawValue: try row.decode(column: "purpose", as: String.self)) else { return nil }
        return Token(purpose: purpose, userID: try row.decode(column: "user_id", as: String?.self),
                     enterpriseID: try row.decode(column: "enterprise_id", as: String?.self),
                     expiresAt: Timestamp.date(from: try row.decode(column: "expires_at", as: String.self)) ?? .distantPast,
                     usedAt: now)
    }

    /// Ends every unused link of these purposes the user holds (a password change ends the
    /// reset links issued before it).
    static func retireAll(_ purposes: Set<Purpose>, userID: String, now: Date, on sql: any SQLDatabase) async throws {
        try await sql.update("one_time_tokens").set("used_at", to: SQLBind(Timestamp.string(from: now)))
            .where("user_id", .equal, SQLBind(userID)).where("used_at", .is, SQLLiteral.null)
            .where(SQLColumn("purpose"), .in, SQLBind.group(purposes.map(\.rawValue).sorted()))
            .run()
    }

    /// Whether the user has an invitation still waiting to be used.
    static func hasPendingInvitation(userID: String, now: Date, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.select().column("token_hash").from("one_time_tokens")
            .where("user_id", .equal, SQLBind(userID)).where("purpose", .equal, SQLBind(Purpose.invitation.rawValue))
            .where("used_at", .is, SQLLiteral.null).where("expires_at", .greaterThan, SQLBind(Timestamp.string(from: now)))
            .first() != nil
    }
}
