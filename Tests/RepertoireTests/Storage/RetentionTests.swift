import Foundation
import SQLKit
import Testing
@testable import Repertoire

@Suite("Retention: expired credentials purged, superseded contact details erased after 24 months (Loi 25)")
struct RetentionTests {
    static func date(_ text: String) -> Date { Timestamp.date(from: text)! }

    static func count(_ table: String, on database: Database) async throws -> Int {
        try await ForeignKeyMigrationTests.count(table, on: database)
    }

    @Test("expired or idle sessions, links expired or used over a week ago and old sign-in failures are deleted; the rest stays",
          arguments: TestDatabases.kinds)
    func purgesCredentials(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            // given
            let now = Self.date("2026-03-15T12:00:00.000Z")
            let hour: TimeInterval = 3600, day: TimeInterval = 24 * hour
            let dialect = database.dialect
            try await database.transaction { sql in
                try await ForeignKeyMigrationTests.insertUser("u1", municipality: nil, enterprise: nil, on: sql)
                _ = try await SessionStore.open(userID: "u1", client: "a", now: now.addingTimeInterval(-15 * day), on: sql)  // expired
                _ = try await SessionStore.open(userID: "u1", client: "b", now: now.addingTimeInterval(-4 * day), on: sql)   // idle
                _ = try await SessionStore.open(userID: "u1", client: "c", now: now.addingTimeInterval(-hour), on: sql)      // kept
                _ = try await OneTimeTokenStore.issue(.invitation, userID: nil, enterpriseID: nil, createdBy: "t", now: now.addingTimeInterval(-15 * day), on: sql)  // expired 8 days ago
                _ = try await OneTimeTokenStore.issue(.invitation, userID: nil, enterpriseID: nil, createdBy: "t", now: now.addingTimeInterval(-8 * day), on: sql)  // expired yesterday: kept a while
                let recent = try await OneTimeTokenStore.issue(.passwordReset, userID: nil, enterpriseID: nil, createdBy: "t",
                                                               now: now.addingTimeInterval(-10 * 60), on: sql)
                _ = try await OneTimeTokenStore.consume(recent, purposes: [.passwordReset], now: now.addingTimeInterval(-5 * 60), on: sql)  // used, kept a while
                let old = try await OneTimeTokenStore.issue(.confirmation, userID: nil, enterpriseID: nil, createdBy: "t",
                                                            now: now.addingTimeInterval(-10 * day), on: sql)
                _ = try await OneTimeTokenStore.consume(old, purposes: [.confirmation], now: now.addingTimeInterval(-9 * day), on: sql)  // used long ago
                _ = try await OneTimeTokenStore.issue(.confirmation, userID: nil, enterpriseID: nil, createdBy: "t", now: now, on: sql)
                let keys = SignInThrottle.keys(email: "x@exemple.org", client: "10.0.0.1")
                _ = try await SignInThrottle().admit(keys, now: now.addingTimeInterval(-5 * 60), dialect: dialect, on: sql)
                _ = try await SignInThrottle().admit(keys, now: now.addingTimeInterval(-30 * 60), dialect: dialect, on: sql)
            }
            // when
            let report = try await RetentionStore(database: database).purge(now: now)
            // then
            #expect(report == PurgeReport(sessions: 2, oneTimeTokens: 2, signInFailures: 2))
            #expect(try await Self.count("sessions", on: database) == 1)
            #expect(try await Self.count("one_time_tokens", on: database) == 3)
            #expect(try await Self.count("sign_in_failures", on: database) == 2)
            #expect(try await RetentionStore(database: database).purge(now: now).isEmpty)
        }
    }

    @Test("each side of a revision loses its managers' contact details 24 months after it was superseded; the current state never",
          arguments: TestDatabases.kinds)
    func erasesSupersededRevisions(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            // given: three revisions (Julie, then Marc, then a new email)
            let store = EnterpriseStore(database: database)
            let log = RevisionLog(database: database)
            var profile = try Fixtures.complete().validated(using: Fixtures.catalog).0
            let created = try await store.create(profile, by: Author(id: nil, label: "Pôle"), now: Self.date("2023-01-10T10:00:00.000Z"))
            profile.managers = [ManagerContact(name: "Marc Gagnon", role: "Coordonnateur", email: "marc@deneigement.exemple.org", phone: "450 555-0199")]
            let second = try await store.update(id: created.id, expectedVersion: 1, profile: profile, now: Self.date("2023-06-01T10:00:00.000Z"))
            profile.email = "bonjour@deneigement.exemple.org"
            _ = try await store.update(id: created.id, expectedVersion: second.version, profile: profile, now: Self.date("2025-03-01T10:00:00.000Z"))
            let retention = RetentionStore(database: database)

            // when: 24 months after Julie was replaced
            let first = try await retention.purge(now: Self.date("2025-08-01T00:00:00.000Z"))
            // then
            #expect(first.revisionsErased == 2)
            var revisions = try await log.revisions(of: created.id)  // newest first
            #expect(revisions.map(\.personalDataErased) == [false, true, true])
            #expect(revisions[2].afterErased && revisions[2].after.managers == [ManagerContact(name: "", role: "Directrice générale")])
            #expect(revisions[1].beforeErased && !revisions[1].afterErased)
            #expect(revisions[1].before?.managers == [ManagerContact(name: "", role: "Directrice générale")])
            #expect(revisions[1].after.managers.first?.name == "Marc Gagnon")
            // what is not personal stays
            #expect(revisions[2].after.name == profile.name && revisions[2].after.phone == profile.phone && revisions[2].after.email != nil)
            #expect(revisions[1].fields == ["managers"])
            #expect(try await retention.purge(now: Self.date("2025-08-01T00:00:00.000Z")).revisionsErased == 0)

            // when: 24 months after Marc's revision was superseded
            let later = try await retention.purge(now: Self.date("2027-04-01T00:00:00.000Z"))
            // then
            #expect(later.revisionsErased == 2)
            revisions = try await log.revisions(of: created.id)
            #expect(revisions.map(\.beforeErased) == [true, true, false])
            #expect(revisions.map(\.afterErased) == [false, true, true])
            #expect(revisions[0].after.managers.first?.email == "marc@deneigement.exemple.org")  // the current state
            #expect(try await store.find(created.id)?.profile.managers.first?.name == "Marc Gagnon")
        }
    }

    @Test("a proposal loses its contact details 24 months after its decision; a pending one keeps them", arguments: TestDatabases.kinds)
    func erasesDecidedProposals(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            // given
            let profile = try Fixtures.complete().validated(using: Fixtures.catalog).0
            let enterprise = try await EnterpriseStore(database: database).create(profile)
            let proposals = ProposalStore(database: database)
            try await database.transaction { sql in
                for id in ["decided", "pending"] {
                    try await ProposalStore.insert(Proposal(id: id, enterpriseID: enterprise.id, baseVersion: 1, profile: profile, proposedByID: nil,
                                                            proposer: "Julie Tremblay", proposerEmail: "julie@deneigement.exemple.org",
                                                            proposedAt: Self.date("2022-12-01T00:00:00.000Z"), status: .pending), on: sql)
                }
                _ = try await ProposalStore.decide("decided", .approved, by: "Pôle", message: nil, now: Self.date("2023-01-01T00:00:00.000Z"), on: sql)
            }
            // when
            let report = try await RetentionStore(database: database).purge(now: Self.date("2025-02-01T00:00:00.000Z"))
            // then
            #expect(report.proposalsErased == 1)
            let decided = try #require(try await proposals.find("decided"))
            #expect(decided.personalDataErased && decided.proposerEmail == nil)
            #expect(decided.profile.managers == [ManagerContact(name: "", role: "Directrice générale")])
            #expect(decided.profile.name == profile.name && decided.status == .approved)
            let pending = try #require(try await proposals.find("pending"))
            #expect(!pending.personalDataErased && pending.proposerEmail != nil && pending.profile.managers == profile.managers)
        }
    }

    @Test("the background service purges once the app is ready, then at each interval")
    func backgroundService() async throws {
        try await TestDatabases.withDatabase(.sqliteMemory) { database in
            // given
            try await database.transaction { sql in
                try await ForeignKeyMigrationTests.insertUser("u1", municipality: nil, enterprise: nil, on: sql)
                _ = try await SessionStore.open(userID: "u1", client: "a", now: Date().addingTimeInterval(-30 * 24 * 3600), on: sql)
            }
            let ready = ReadyFlag()
            let service = RetentionService(retention: RetentionStore(database: database), interval: .milliseconds(50), ready: ready,
                                           logger: TestDatabases.logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                defer { group.cancelAll() }
                // when: not before the app is ready
                try await Task.sleep(for: .milliseconds(150))
                #expect(try await Self.count("sessions", on: database) == 1)
                ready.set()
                // then: at start, and again later
                try await Self.waitUntil { try await Self.count("sessions", on: database) == 0 }
                try await database.transaction { sql in
                    _ = try await SessionStore.open(userID: "u1", client: "b", now: Date().addingTimeInterval(-30 * 24 * 3600), on: sql)
                }
                try await Self.waitUntil { try await Self.count("sessions", on: database) == 0 }
            }
        }
    }

    static func waitUntil(_ condition: @Sendable () async throws -> Bool) async throws {
        for _ in 0..<100 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the condition was never met")
    }

    @Test("repertoire database purge runs the same purge once and says what it removed")
    func command() async throws {
        try await TestDatabases.withFreshLocation(.sqliteFile) { location in
            let output = try await DatabaseTask.purge(database: location, logger: TestDatabases.logger)
            #expect(output.contains("Expired sessions deleted: 0"))
            #expect(output.contains("24 months"))
        }
    }
}
