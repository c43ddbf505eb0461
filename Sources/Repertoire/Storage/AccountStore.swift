import Foundation
import SQLKit

/// Users, their roles and regions. The static functions run inside a caller's transaction.
public struct AccountStore: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func user(id: String) async throws -> User? {
        try await database.read { sql in try await Self.user(id: id, on: sql) }
    }

    public func user(email: String) async throws -> User? {
        try await database.read { sql in try await Self.user(email: email, on: sql) }
    }

    public func all() async throws -> [User] {
        try await database.read { sql in try await Self.users(where: nil, on: sql) }
    }

    /// The users attached to a municipality (its buyers, whatever else they are).
    public func users(municipality code: String) async throws -> [User] {
        try await database.read { sql in try await Self.users(where: ("municipality_code", code), on: sql) }
    }

    public func count() async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM users").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    static func user(id: String, on sql: any SQLDatabase) async throws -> User? {
        try await users(where: ("id", id), on: sql).first
    }

    static func user(email: String, on sql: any SQLDatabase) async throws -> User? {
        try await users(where: ("email", normalizedEmail(email)), on: sql).first
    }

    /// The stored bcrypt hash of an active user's password, with the user.
    static func credentials(email: String, on sql: any SQLDatabase) async throws -> (user: User, hash: String?)? {
        guard let row = try await sql.select().columns("id", "password_hash").from("users")
            .where("email", .equal, SQLBind(normalizedEmail(email))).first() else { return nil }
        guard let user = try await user(id: try row.decode(column: "id", as: String.self), on: sql) else { return nil }
        return (user, try row.decodeNil(column: "password_hash") ? nil : try row.decode(column: "password_hash", as: String.self))
    }

    static func passwordHash(userID: String, on sql: any SQLDatabase) async throws -> String? {
        guard let row = try await sql.select().column("password_hash").from("users").where("id", .equal, SQLBind(userID)).first(),
              !(try row.decodeNil(column: "password_hash")) else { return nil }
        return try row.decode(column: "password_hash", as: String.self)
    }

    static func users(where condition: (String, String)?, on sql: any SQLDatabase) async throws -> [User] {
        var query = sql.select()
            .columns("id", "email", "name", "password_hash", "municipality_code", "enterprise_id", "active", "created_at", "last_sign_in_at")
            .from("users")
        if let condition { query = query.where(SQLIdentifier(condition.0), .equal, SQLBind(condition.1)) }
        let rows = try await query.orderBy("email").all()
        guard !rows.isEmpty else { return [] }
        var roles: [String: Set<Role>] = [:]
        var regions: [String: Set<String>] = [:]
        let ids = try rows.map { try $0.decode(column: "id", as: String.self) }
        for chunk in ids.chunked(by: 500) {
            for row in try await sql.select().columns("user_id", "role").from("user_roles").where("user_id", .in, SQLBind.group(Array(chunk))).all() {
                if let role = Role(rawValue: try row.decode(column: "role", as: String.self)) {
                    roles[try row.decode(column: "user_id", as: String.self), default: []].insert(role)
                }
            }
            for row in try await sql.select().columns("user_id", "region_code").from("user_regions").where("user_id", .in, SQLBind.group(Array(chunk))).all() {
                regions[try row.decode(column: "user_id", as: String.self), default: []].insert(try row.decode(column: "region_code", as: String.self))
            }
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: String.self)
            return User(
                id: id,
                email: try row.decode(column: "email", as: String.self),
                name: try row.decode(column: "name", as: String.self),
                roles: roles[id] ?? [],
                regions: regions[id] ?? [],
                municipalityCode: try row.decode(column: "municipality_code", as: String?.self),
                enterpriseID: try row.decode(column: "enterprise_id", as: String?.self),
                isActive: try row.decode(column: "active", as: Int.self) != 0,
                hasPassword: !(try row.decodeNil(column: "password_hash")),
                createdAt: Timestamp.date(from: try row.decode(column: "created_at", as: String.self)) ?? Date(timeIntervalSince1970: 0),
                lastSignInAt: try row.decode(column: "last_sign_in_at", as: String?.self).flatMap(Timestamp.date(from:)))
        }
    }

    enum Attachment: Sendable { case municipality, enterprise }

    /// Which of a user's attachments the database does not hold, checked before a write so
    /// that the foreign keys (migration 011) never have to refuse one with a database error.
    static func missingAttachment(municipality: String?, enterprise: String?, on sql: any SQLDatabase) async throws -> Attachment? {
        if let municipality, try await sql.select().column("code").from("municipalities").where("code", .equal, SQLBind(municipality)).first() == nil {
            return .municipality
        }
        if let enterprise, try await sql.select().column("id").from("enterprises").where("id", .equal, SQLBind(enterprise)).first() == nil {
            return .enterprise
        }
        return nil
    }

    /// The regions of the municipality and of the enterprise a user is attached to (nil when
    /// not attached, or unknown).
    static func attachmentRegions(of user: User, on sql: any SQLDatabase) async throws -> (municipality: String?, enterprise: String?) {
        var municipality: String?, enterprise: String?
        if let code = user.municipalityCode {
            municipality = try await sql.select().column("region_code").from("municipalities").where("code", .equal, SQLBind(code)).first()?
                .decode(column: "region_code", as: String?.self)
        }
        if let id = user.enterpriseID {
            enterprise = try await sql.select().column("region_code").from("enterprises").where("id", .equal, SQLBind(id)).first()?
                .decode(column: "region_code", as: String?.self)
        }
        return (municipality, enterprise)
    }

    static func insert(_ user: User, now: Date, on sql: any SQLDatabase) async throws {
        let stamp = Timestamp.string(from: now)
        try await sql.insert(into: "users")
            .columns("id", "email", "name", "password_hash", "municipality_code", "enterprise_id", "active", "created_at", "updated_at")
            .values(SQLBind(user.id), SQLBind(normalizedEmail(user.email)), SQLBind(user.name), SQLBind(String?.none),
                    SQLBind(user.municipalityCode), SQLBind(user.enterpriseID), SQLBind(user.isActive ? 1 : 0), SQLBind(stamp), SQLBind(stamp))
            .run()
        try await replaceAccess(user, on: sql)
    }

    /// Writes the user's name, roles, regions, municipality, enterprise and active flag.
    static func update(_ user: User, now: Date, on sql: any SQLDatabase) async throws {
        try await sql.update("users")
            .set("name", to: SQLBind(user.name))
            .set("municipality_code", to: SQLBind(user.municipalityCode))
            .set("enterprise_id", to: SQLBind(user.enterpriseID))
            .set("active", to: SQLBind(user.isActive ? 1 : 0))
            .set("updated_at", to: SQLBind(Timestamp.string(from: now)))
            .where("id", .equal, SQLBind(user.id))
            .run()
        try await replaceAccess(user, on: sql)
    }

    private static func replaceAccess(_ user: User, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: "user_roles").where("user_id", .equal, SQLBind(user.id)).run()
        try await sql.delete(from: "user_regions").where("user_id", .equal, SQLBind(user.id)).run()
        for role in user.roles.sorted() {
            try await sql.insert(into: "user_roles").columns("user_id", "role").values(SQLBind(user.id), SQLBind(role.rawValue)).run()
        }
        for region in user.regions.sorted() {
            try await sql.insert(into: "user_regions").columns("user_id", "region_code").values(SQLBind(user.id), SQLBind(region)).run()
        }
    }

    static func setPassword(userID: String, hash: String, now: Date, on sql: any SQLDatabase) async throws {
        try await sql.update("users").set("password_hash", to: SQLBind(hash)).set("updated_at", to: SQLBind(Timestamp.string(from: now)))
            .where("id", .equal, SQLBind(userID)).run()
    }

    static func recordSignIn(userID: String, now: Date, on sql: any SQLDatabase) async throws {
        try await sql.update("users").set("last_sign_in_at", to: SQLBind(Timestamp.string(from: now)))
            .where("id", .equal, SQLBind(userID)).run()
    }

    static func normalizedEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
