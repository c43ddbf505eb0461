import Foundation
import SQLKit
import Testing
@testable import Repertoire

@Suite("Migration 011: foreign keys added to an existing database, orphans repaired first")
struct ForeignKeyMigrationTests {
    /// A database migrated up to `lastID`, then handed to `body`, which may migrate further.
    static func withDatabase(_ kind: TestDatabases.Kind, migratedUpTo lastID: Int,
                             _ body: @escaping @Sendable (Database) async throws -> Void) async throws {
        try await TestDatabases.withFreshLocation(kind) { location in
            let database = try await Database.open(location, logger: TestDatabases.logger)
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await database.run() }
                    defer { group.cancelAll() }
                    _ = try await Migrator.migrate(database, migrations: allMigrations.filter { $0.id <= lastID }, logger: TestDatabases.logger)
                    try await body(database)
                }
                await database.close()
            } catch {
                await database.close()
                throw error
            }
        }
    }

    static func insertUser(_ id: String, municipality: String?, enterprise: String?, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "users").columns("id", "email", "name", "municipality_code", "enterprise_id", "active", "created_at", "updated_at")
            .values(SQLBind(id), SQLBind("\(id)@exemple.org"), SQLBind(id), SQLBind(municipality), SQLBind(enterprise), SQLBind(1),
                    SQLBind("2026-01-01T00:00:00.000Z"), SQLBind("2026-01-01T00:00:00.000Z")).run()
    }

    static func insertToken(_ hash: String, user: String?, enterprise: String?, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "one_time_tokens").columns("token_hash", "purpose", "user_id", "enterprise_id", "created_by", "created_at", "expires_at")
            .values(SQLBind(hash), SQLBind("confirmation"), SQLBind(user), SQLBind(enterprise), SQLBind("test"),
                    SQLBind("2026-01-01T00:00:00.000Z"), SQLBind("2026-02-01T00:00:00.000Z")).run()
    }

    static func insertRevision(enterprise: String, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "revisions").columns("enterprise_id", "version", "at", "actor", "action", "fields", "after_profile")
            .values(SQLBind(enterprise), SQLBind(1), SQLBind("2026-01-01T00:00:00.000Z"), SQLBind("test"), SQLBind("create"), SQLBind(""),
                    SQLBind(#"{"legalForm":"obnl","name":"X"}"#)).run()
    }

    static func insertProposal(_ id: String, enterprise: String, by user: String?, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "proposals").columns("id", "enterprise_id", "base_version", "profile", "proposed_by", "proposer", "proposed_at", "status")
            .values(SQLBind(id), SQLBind(enterprise), SQLBind(1), SQLBind(#"{"legalForm":"obnl","name":"X"}"#), SQLBind(user), SQLBind("Quelqu'un"),
                    SQLBind("2026-01-01T00:00:00.000Z"), SQLBind("pending")).run()
    }

    static func count(_ table: String, where condition: String = "1 = 1", on database: Database) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: condition)").first()?.decode(column: "n", as: Int.self) ?? -1
        }
    }

    @Test("orphans are repaired, everything else is kept (sessions and roles included), and new orphans are refused",
          arguments: TestDatabases.kinds)
    func repairsThenEnforces(kind: TestDatabases.Kind) async throws {
        try await Self.withDatabase(kind, migratedUpTo: 10) { database in
            // given: a database as 010 left it, with valid rows and orphans
            _ = try await ReferenceStore(database: database).upsertMunicipalities(Fixtures.municipalities)
            let enterprise = try await EnterpriseStore(database: database).create(
                try Fixtures.minimal("Atelier Le Chaînon").validated(using: Fixtures.catalog).0)
            try await database.transaction { sql in
                try await Self.insertUser("good", municipality: "58227", enterprise: enterprise.id, on: sql)
                try await Self.insertUser("stray", municipality: "99999", enterprise: "no-such-enterprise", on: sql)
                try await sql.insert(into: "user_roles").columns("user_id", "role").values(SQLBind("good"), SQLBind("buyer")).run()
                try await sql.insert(into: "user_regions").columns("user_id", "region_code").values(SQLBind("good"), SQLBind("16")).run()
                try await sql.insert(into: "user_regions").columns("user_id", "region_code").values(SQLBind("good"), SQLBind("42")).run()
                _ = try await SessionStore.open(userID: "good", client: "127.0.0.1", now: Date(), on: sql)
                try await Self.insertToken("t-good", user: nil, enterprise: enterprise.id, on: sql)
                try await Self.insertToken("t-stray", user: nil, enterprise: "no-such-enterprise", on: sql)
                try await Self.insertRevision(enterprise: "no-such-enterprise", on: sql)
                try await Self.insertProposal("p-good", enterprise: enterprise.id, by: "good", on: sql)
                try await Self.insertProposal("p-stray-author", enterprise: enterprise.id, by: "gone-user", on: sql)
                try await Self.insertProposal("p-stray", enterprise: "no-such-enterprise", by: nil, on: sql)
            }
            // when
            let applied = try await Migrator.migrate(database, logger: TestDatabases.logger)
            // then
            #expect(applied.contains(11) && applied.contains(12))
            let stray = try #require(try await AccountStore(database: database).user(id: "stray"))
            #expect(stray.municipalityCode == nil && stray.enterpriseID == nil)
            let good = try #require(try await AccountStore(database: database).user(id: "good"))
            #expect(good.municipalityCode == "58227" && good.enterpriseID == enterprise.id && good.regions == ["16"])
            #expect(try await Self.count("user_roles", on: database) == 1)
            #expect(try await Self.count("sessions", on: database) == 1)
            #expect(try await Self.count("one_time_tokens", on: database) == 1)
            #expect(try await Self.count("revisions", where: "enterprise_id = 'no-such-enterprise'", on: database) == 0)
            #expect(try await Self.count("revisions", on: database) == 1)  // the create of the real enterprise
            #expect(try await Self.count("proposals", on: database) == 2)
            #expect(try await ProposalStore(database: database).find("p-stray-author")?.proposedByID == nil)
            #expect(try await ProposalStore(database: database).find("p-good")?.proposedByID == "good")

            // new orphans are refused, one key at a time
            await #expect(throws: (any Error).self) { try await database.transaction { sql in try await Self.insertUser("u2", municipality: "99999", enterprise: nil, on: sql) } }
            await #expect(throws: (any Error).self) { try await database.transaction { sql in try await Self.insertUser("u3", municipality: nil, enterprise: "nope", on: sql) } }
            await #expect(throws: (any Error).self) {
                try await database.transaction { sql in
                    try await sql.insert(into: "user_regions").columns("user_id", "region_code").values(SQLBind("good"), SQLBind("42")).run()
                }
            }
            await #expect(throws: (any Error).self) { try await database.transaction { sql in try await Self.insertToken("t2", user: nil, enterprise: "nope", on: sql) } }
            await #expect(throws: (any Error).self) { try await database.transaction { sql in try await Self.insertRevision(enterprise: "nope", on: sql) } }
            await #expect(throws: (any Error).self) { try await database.transaction { sql in try await Self.insertProposal("p2", enterprise: "nope", by: nil, on: sql) } }
            await #expect(throws: (any Error).self) { try await database.transaction { sql in try await Self.insertProposal("p3", enterprise: enterprise.id, by: "nope", on: sql) } }

            // the revisions' sequence goes on after the rebuild
            _ = try await EnterpriseStore(database: database).archive(id: enterprise.id, expectedVersion: enterprise.version)
            let seqs = try await RevisionLog(database: database).revisions(of: enterprise.id).map(\.seq)
            #expect(seqs.count == 2 && seqs[0] > seqs[1])
        }
    }

    @Test("deleting rows follows the chosen ON DELETE: a user's regions go, a proposal keeps its text, history refuses",
          arguments: TestDatabases.kinds)
    func onDeleteBehaviour(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            // given
            let enterprise = try await EnterpriseStore(database: database).create(
                try Fixtures.minimal("Atelier Le Chaînon").validated(using: Fixtures.catalog).0)
            try await database.transaction { sql in
                try await Self.insertUser("rep", municipality: "58227", enterprise: enterprise.id, on: sql)
                try await sql.insert(into: "user_regions").columns("user_id", "region_code").values(SQLBind("rep"), SQLBind("16")).run()
                try await Self.insertToken("t-rep", user: "rep", enterprise: nil, on: sql)
                try await Self.insertProposal("p1", enterprise: enterprise.id, by: "rep", on: sql)
            }
            // when
            try await database.transaction { sql in try await sql.delete(from: "users").where("id", .equal, SQLBind("rep")).run() }
            // then
            #expect(try await Self.count("user_regions", on: database) == 0)
            #expect(try await Self.count("one_time_tokens", on: database) == 0)
            let proposal = try #require(try await ProposalStore(database: database).find("p1"))
            #expect(proposal.proposedByID == nil && proposal.proposer == "Quelqu'un")
            // an enterprise with history cannot be deleted
            await #expect(throws: (any Error).self) {
                try await database.transaction { sql in try await sql.delete(from: "enterprises").where("id", .equal, SQLBind(enterprise.id)).run() }
            }
            #expect(try await EnterpriseStore(database: database).find(enterprise.id) != nil)
        }
    }

    @Test("an invitation naming an unknown municipality or enterprise is refused with a message, not a database error")
    func unknownAttachments() async throws {
        try await TestDatabases.withDatabase(.sqliteMemory) { database in
            let accounts = AccountService(database: database, mail: MemoryMailQueue(), baseURL: "http://127.0.0.1:8080", bcryptCost: 4)
            do {
                _ = try await accounts.invite(.init(email: "acheteur@exemple.ca", name: "Acheteur", roles: [.buyer], municipalityCode: "99999"),
                                              by: nil, municipalityRegion: nil, enterpriseRegion: nil, client: "test")
                Issue.record("an unknown municipality was accepted")
            } catch let error as AccountError {
                #expect(error.field == "municipality")
            }
            do {
                _ = try await accounts.invite(.init(email: "rep@exemple.ca", name: "Rep", roles: [.representative], enterpriseID: "nope"),
                                              by: nil, municipalityRegion: nil, enterpriseRegion: nil, client: "test")
                Issue.record("an unknown enterprise was accepted")
            } catch let error as AccountError {
                #expect(error.field == "enterprise")
            }
            #expect(try await AccountStore(database: database).count() == 0)
        }
    }

    @Test("SQLite connections enforce foreign keys, including after migrating", arguments: [TestDatabases.Kind.sqliteMemory, .sqliteFile])
    func sqliteEnforcesKeys(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let writer = try await database.transaction { sql in try await sql.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int.self) }
            let reader = try await database.read { sql in try await sql.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int.self) }
            #expect(writer == 1 && reader == 1)
        }
    }

    @Test("migration ids need only increase: there is no 009")
    func idsIncrease() {
        let ids = allMigrations.map(\.id)
        #expect(ids == ids.sorted() && Set(ids).count == ids.count)
        #expect(!ids.contains(9) && ids.suffix(15) == [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25])
    }
}
