import Foundation
import SQLKit

/// A column mapping saved under a name.
public struct SavedImportMapping: Sendable, Equatable {
    public var id: String
    public var name: String
    public var mapping: ColumnMapping
    public var createdBy: String
    public var createdAt: Date
}

/// Saved column mappings: a hub names the mapping of a file and applies it to the next one.
public struct ImportMappingStore: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Saves `mapping` under `name`, replacing a mapping of the same name.
    @discardableResult
    public func save(_ mapping: ColumnMapping, name: String, by user: String, now: Date = Date()) async throws -> SavedImportMapping {
        let saved = SavedImportMapping(id: UUID().uuidString.lowercased(), name: name, mapping: mapping, createdBy: user,
                                       createdAt: Timestamp.stored(now))
        try await database.transaction { sql in
            try await sql.delete(from: "import_mappings").where("name", .equal, SQLBind(name)).run()
            try await sql.insert(into: "import_mappings").columns("id", "name", "mapping", "created_by", "created_at")
                .values(SQLBind(saved.id), SQLBind(name), SQLBind(EnterpriseRows.json(mapping)), SQLBind(user),
                        SQLBind(Timestamp.string(from: saved.createdAt)))
                .run()
        }
        return saved
    }

    /// Every saved mapping, by name.
    public func all() async throws -> [SavedImportMapping] {
        try await database.read { sql in
            try await sql.select().columns("id", "name", "mapping", "created_by", "created_at").from("import_mappings")
                .orderBy("name").all().compactMap(Self.decode)
        }
    }

    public func find(id: String) async throws -> SavedImportMapping? {
        try await database.read { sql in
            try await sql.select().columns("id", "name", "mapping", "created_by", "created_at").from("import_mappings")
                .where("id", .equal, SQLBind(id)).first().flatMap(Self.decode)
        }
    }

    static func decode(_ row: any SQLRow) throws -> SavedImportMapping? {
        guard let mapping = try? JSONDecoder().decode(ColumnMapping.self, from: Data(try row.decode(column: "mapping", as: String.self).utf8))
        else { return nil }
        return SavedImportMapping(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                                  mapping: mapping, createdBy: try row.decode(column: "created_by", as: String.self),
                                  createdAt: Timestamp.date(from: try row.decode(column: "created_at", as: String.self)) ?? .distantPast)
    }
}
