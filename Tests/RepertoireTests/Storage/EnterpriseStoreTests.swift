import Foundation
import SQLKit
import Testing
@testable import Repertoire

/// The same suite for every database the store supports.
@Suite("Enterprise store")
struct EnterpriseStoreTests {
    static func valid(_ profile: EnterpriseProfile) throws -> EnterpriseProfile {
        try profile.validated(using: Fixtures.catalog).0
    }

    @Test("a complete enterprise reads back exactly as written", arguments: TestDatabases.kinds)
    func roundTrip(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let store = EnterpriseStore(database: database)
            // given
            let profile = try Self.valid(Fixtures.complete())
            // when
            let created = try await store.create(profile)
            let bySlug = try await store.find(created.slug)
            let byID = try await store.find(created.id)
            // then
            #expect(created.version == 1)
            #expect(created.slug == "cooperative-de-solidarite-deneigement-rive-sud")
            #expect(bySlug?.profile == profile)
            #expect(byID?.id == created.id)
            #expect(bySlug?.createdAt.timeIntervalSince1970.rounded() == created.createdAt.timeIntervalSince1970.rounded())
        }
    }

    @Test("every write bumps the version; a stale version is a conflict and changes nothing", arguments: TestDatabases.kinds)
    func optimisticConcurrency(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let store = EnterpriseStore(database: database)
            let created = try await store.create(try Self.valid(Fixtures.complete()))
            // when: someone saves version 1
            var edited = created.profile
            edited.name = "Déneigement Rive-Sud, coopérative"
            edited.offerings.removeLast()
            let updated = try await store.update(id: created.id, expectedVersion: 1, profile: edited)
            #expect(updated.version == 2)
            #expect(updated.slug == created.slug, "the slug is stable across renames")
            // then: a second save from version 1 is refused
            var stale = created.profile
            stale.name = "Écrasé"
            await #expect(throws: StoreError.conflict(current: updated)) {
                try await store.update(id: created.id, expectedVersion: 1, profile: stale)
            }
            let stored = try #require(await store.find(created.id))
            #expect(stored.profile.name == "Déneigement Rive-Sud, coopérative")
            #expect(stored.profile.offerings.count == 1)
            #expect(stored.version == 2)
        }
    }

    @Test("two concurrent saves of the same version: exactly one wins", arguments: TestDatabases.kinds)
    func concurrentSaves(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let store = EnterpriseStore(database: database)
            let created = try await store.create(try Self.valid(Fixtures.minimal("Coop")))
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for name in ["Alpha", "Bêta", "Gamma", "Delta"] {
                    group.addTask {
                        var profile = created.profile
                        profile.name = name
                        return (try? await store.update(id: created.id, expectedVersion: 1, profile: profile)) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await store.find(created.id)?.version == 2)
        }
    }

    @Test("a failing batch writes nothing at all", arguments: TestDatabases.kinds)
    func atomicBatch(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let store = EnterpriseStore(database: database)
            let before = try await store.latestSequence()
            // given: the second profile names a municipality the database does not know
            var broken = Fixtures.minimal("Brisé")
            broken.municipalityCode = "99999"
            broken.regionCode = "16"
            // when
            await #expect(throws: (any Error).self) {
                try await store.createMany([try Self.valid(Fixtures.minimal("Valide")), broken], fictional: false)
            }
            // then
            #expect(try await store.count(includeArchived: true) == 0)
            #expect(try await store.latestSequence() == before)
            #expect(try await store.find("valide") == nil)
        }
    }

    @Test("an NEQ belongs to one enterprise only", arguments: TestDatabases.kinds)
    func duplicateNEQ(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let store = EnterpriseStore(database: database)
            let first = try await store.create(try Self.valid(Fixtures.complete()))
            await #expect(throws: StoreError.duplicateNEQ(neq: "1140139735", existingSlug: first.slug)) {
                try await store.create(try Self.valid(Fixtures.complete(name: "Autre nom")))
            }
            #expect(try await store.count() == 1)
        }
    }

    @Test("same names get distinct slugs", arguments: TestDatabases.kinds)
    func slugs(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let store = EnterpriseStore(database: database)
            let a = try await store.create(try Self.valid(Fixtures.minimal("Friperie L'Entraide")))
            let b = try await store.create(try Self.valid(Fixtures.minimal("Friperie l’Entraide")))
            let batch = try await store.createMany([try Self.valid(Fixtures.minimal("Friperie L'Entraide")), try Self.valid(Fixtures.minimal("Friperie L'Entraide"))], fictional: false)
            #expect([a.slug, b.slug] + batch.map(\.slug) == ["friperie-l-entraide", "friperie-l-entraide-2", "friperie-l-entraide-3", "friperie-l-entraide-4"])
        }
    }

    @Test("archive takes a record out of the directory, restore brings it back", arguments: TestDatabases.kinds)
    func archive(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let store = EnterpriseStore(database: database)
            let created = try await store.create(try Self.valid(Fixtures.minimal("Atelier")))
            let archived = try await store.archive(id: created.id, expectedVersion: 1)
            #expect(archived.isArchived && archived.version == 2)
            #expect(try await store.snapshot().enterprises.isEmpty)
            #expect(try await store.find(created.id)?.isArchived == true, "nothing is deleted")
            let restored = try await store.restore(id: created.id, expectedVersion: 2)
            #expect(!restored.isArchived && restored.version == 3)
            #expect(try await store.snapshot().enterprises.map(\.id) == [created.id])
        }
    }

    @Test("the change log lists every write in order", arguments: TestDatabases.kinds)
    func changeLog(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let store = EnterpriseStore(database: database)
            let start = try await store.latestSequence()
            let created = try await store.create(try Self.valid(Fixtures.minimal("Suivi")))
            _ = try await store.archive(id: created.id, expectedVersion: 1)
            let changes = try await store.changes(after: start)
            #expect(changes.map(\.action) == ["create", "archive"])
            #expect(changes.map(\.entityID) == [created.id, created.id])
            #expect(changes.map(\.version) == [1, 2])
            #expect(changes[0].sequence < changes[1].sequence)
            let snapshot = try await store.snapshot(includeArchived: true)
            #expect(snapshot.sequence == changes[1].sequence)
        }
    }

    @Test("unknown ids are reported, not guessed", arguments: TestDatabases.kinds)
    func notFound(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let store = EnterpriseStore(database: database)
            let missing = try await store.find("nobody")
            #expect(missing == nil)
            await #expect(throws: StoreError.notFound(id: "nobody")) {
                try await store.archive(id: "nobody", expectedVersion: 1)
            }
        }
    }

    @Test("SQLite runs in WAL mode with foreign keys on")
    func sqlitePragmas() async throws {
        try await TestDatabases.withDatabase(.sqliteFile) { database in
            let mode = try await database.read { sql in
                try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
            }
            let keys = try await database.read { sql in
                try await sql.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int.self)
            }
            #expect(mode == "wal")
            #expect(keys == 1)
        }
    }

    @Test("migrations run once; running them again applies nothing", arguments: TestDatabases.kinds)
    func migrationsAreIdempotent(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let again = try await Migrator.migrate(database, logger: TestDatabases.logger)
            #expect(again.isEmpty)
            let recorded = try await database.read { sql in
                try await sql.select().column("id").from("schema_migrations").orderBy("id").all().map { try $0.decode(column: "id", as: Int.self) }
            }
            #expect(recorded == allMigrations.map(\.id))
        }
    }
}
