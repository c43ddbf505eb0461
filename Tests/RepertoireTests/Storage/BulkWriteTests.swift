import Foundation
import SQLKit
import SQLiteKit
import Testing
@testable import Repertoire

/// A bulk write into an empty SQLite directory builds its secondary indexes at the end: the
/// indexes must come back exactly, and a failed write must leave them (and nothing else) behind.
@Suite("Bulk writes and their indexes")
struct BulkWriteTests {
    static func indexes(_ database: Database) async throws -> [String] {
        try await database.read { sql in
            try await sql.raw("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all()
                .map { "\(try $0.decode(column: "name", as: String.self)): \(try $0.decode(column: "sql", as: String.self))" }
        }
    }

    struct BatchLost: Error {}

    static func batches(_ names: [[String]], failAfter: Int? = nil) throws -> AsyncThrowingStream<[EnterpriseProfile], any Error> {
        let profiles = try names.map { batch in try batch.map { try Fixtures.minimal($0).validated(using: Fixtures.catalog).0 } }
        return AsyncThrowingStream { continuation in
            for (i, batch) in profiles.enumerated() {
                if i == failAfter { continuation.finish(throwing: BatchLost()); return }
                continuation.yield(batch)
            }
            continuation.finish()
        }
    }

    @Test("into an empty directory: every index is back, the same, and used by the rows written",
          arguments: [TestDatabases.Kind.sqliteMemory, .sqliteFile])
    func emptyDirectory(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let before = try await Self.indexes(database)
            #expect(before.contains { $0.hasPrefix("enterprises_name:") } && before.contains { $0.hasPrefix("changes_entity:") })
            // when
            let written = try await EnterpriseStore(database: database)
                .createMany(batches: try Self.batches([["Alpha", "Bêta"], ["Gamma"]]), fictional: true)
            // then
            #expect(written == 3)
            #expect(try await Self.indexes(database) == before)
            let plan = try await database.read { sql in
                try await sql.raw("EXPLAIN QUERY PLAN SELECT id FROM enterprises WHERE name = 'Gamma'").all()
                    .map { try $0.decode(column: "detail", as: String.self) }
            }
            #expect(plan.contains { $0.contains("enterprises_name") }, "\(plan)")
        }
    }

    @Test("a write that fails half-way leaves the indexes and no enterprise",
          arguments: [TestDatabases.Kind.sqliteMemory, .sqliteFile])
    func failedWrite(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let before = try await Self.indexes(database)
            let store = EnterpriseStore(database: database)
            // when: the second batch never comes
            await #expect(throws: (any Error).self) {
                try await store.createMany(batches: try Self.batches([["Alpha", "Bêta"], ["Gamma"]], failAfter: 1), fictional: true)
            }
            // then
            #expect(try await store.count(includeArchived: true) == 0)
            #expect(try await Self.indexes(database) == before)
        }
    }

    @Test("into a directory that has enterprises: the indexes are left in place", arguments: [TestDatabases.Kind.sqliteMemory])
    func nonEmptyDirectory(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let store = EnterpriseStore(database: database)
            _ = try await store.create(try Fixtures.minimal("Déjà là").validated(using: Fixtures.catalog).0)
            let before = try await Self.indexes(database)
            let dropped = try await database.transaction { sql in try await EnterpriseStore.dropSecondaryIndexesIfEmpty(on: sql) }
            #expect(dropped.isEmpty)
            #expect(try await store.createMany(batches: try Self.batches([["Alpha"]]), fictional: true) == 1)
            #expect(try await Self.indexes(database) == before)
        }
    }
}

/// The bulk write's own conversion of plain values gives what SQLiteKit's encoder gives.
@Suite("Bulk write: plain values converted for SQLite")
struct PlainSQLiteValueTests {
    @Test("text, integers, numbers, yes/no and nils convert as SQLiteDataEncoder converts them")
    func sameAsTheEncoder() throws {
        let values: [any Encodable & Sendable] = [
            "Déneigement", "", 0, 42, -7, Int64(1) << 40, 3.25, true, false,
            String?.none, String?.some("x"), Int?.none, Int?.some(5), Double?.none, Double?.some(1.5),
        ]
        let encoder = SQLiteDataEncoder()
        for value in values {
            let plain = try #require(SerializedQuery.plainSQLite(value), "\(value)")
            #expect(plain == (try encoder.encode(value)), "\(value)")
        }
        #expect(SerializedQuery.plainSQLite(["a"]) == nil, "other values go to the encoder")
    }
}
