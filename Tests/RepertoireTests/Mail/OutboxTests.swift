import Foundation
import SQLKit
import Testing
@testable import Repertoire

@Suite("The e-mail outbox")
struct OutboxTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func message(_ n: Int, kind: MailKind = .invitation) -> OutgoingMessage {
        OutgoingMessage(to: try! MailAddress("personne\(n)@exemple.org", name: "Personne \(n)"), subject: "Invitation nº \(n)",
                        body: "Bonjour,\nhttps://repertoire.exemple.org/invitation/\(n)", kind: kind)
    }

    static func body(_ id: Int, in database: Database) async throws -> String {
        try await database.read { sql in
            try await sql.select().column("body").from("outbox").where("id", .equal, SQLBind(id)).first()!
                .decode(column: "body", as: String.self)
        }
    }

    @Test("enqueue, claim in order, mark sent; a claimed message is not claimed twice", arguments: TestDatabases.kinds)
    func enqueueClaimSend(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let outbox = Outbox(database: database)
            // given
            let first = try await outbox.enqueue(Self.message(1), now: Self.t0)
            let second = try await outbox.enqueue(Self.message(2, kind: .passwordReset), now: Self.t0.addingTimeInterval(1))
            #expect(second > first)
            // when
            let claimed = try await outbox.claimDue(now: Self.t0.addingTimeInterval(1), limit: 10)
            // then
            #expect(claimed.map(\.id) == [first, second])
            #expect(claimed[0].message == Self.message(1))
            #expect(claimed[1].message.kind == .passwordReset)
            #expect(claimed.allSatisfy { $0.attempts == 1 && !$0.token.isEmpty })
            #expect(claimed[0].token != claimed[1].token)
            #expect(try await outbox.claimDue(now: Self.t0.addingTimeInterval(2), limit: 10).isEmpty)

            try await outbox.markSent(first, now: Self.t0.addingTimeInterval(3))
            let entry = try #require(try await outbox.entry(first))
            #expect(entry.status == .sent)
            #expect(entry.sentAt == Self.t0.addingTimeInterval(3))
            #expect(entry.to == "personne1@exemple.org" && entry.subject == "Invitation nº 1" && entry.kind == .invitation)
            #expect(entry.attempts == 1 && entry.lastError == nil)
            #expect(entry.createdAt == Self.t0)
            // The single-use link does not outlive the sending.
            #expect(try await Self.body(first, in: database) == "")
            #expect(try await outbox.recent().map(\.id) == [second, first])
            #expect(try await outbox.recent().map(\.status) == [.pending, .sent])
        }
    }

    @Test("a failed attempt backs off 30 s, 2 min, 10 min…; after the last one the message is given up", arguments: TestDatabases.kinds)
    func backOffAndGiveUp(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let outbox = Outbox(database: database, policy: RetryPolicy(delays: [30, 120, 600], maxAttempts: 4, lease: 300))
            let id = try await outbox.enqueue(Self.message(1), now: Self.t0)
            var now = Self.t0
            for (attempt, delay) in [(1, 30.0), (2, 120), (3, 600)] {
                let claimed = try await outbox.claimDue(now: now)
                #expect(claimed.map(\.attempts) == [attempt])
                #expect(try await outbox.markFailed(id, error: "421 try later (\(attempt))", now: now) == .pending)
                let entry = try #require(try await outbox.entry(id))
                #expect(entry.nextAttemptAt == now.addingTimeInterval(delay))
                #expect(entry.lastError == "421 try later (\(attempt))")
                // not due a moment before, due at the time
                #expect(try await outbox.claimDue(now: now.addingTimeInterval(delay - 1)).isEmpty)
                now = now.addingTimeInterval(delay)
            }
            #expect(try await outbox.claimDue(now: now).map(\.attempts) == [4])
            #expect(try await outbox.markFailed(id, error: "421 still down", now: now) == .failed)
            let entry = try #require(try await outbox.entry(id))
            #expect(entry.status == .failed && entry.attempts == 4 && entry.lastError == "421 still down")
            #expect(try await outbox.claimDue(now: now.addingTimeInterval(86_400)).isEmpty)
            #expect(try await Self.body(id, in: database) == "")
        }
    }

    @Test("a permanent refusal gives up at once; a lost sender's lease expires", arguments: TestDatabases.kinds)
    func permanentAndLease(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let outbox = Outbox(database: database, policy: RetryPolicy(delays: [30], maxAttempts: 5, lease: 300))
            let refused = try await outbox.enqueue(Self.message(1), now: Self.t0)
            let lost = try await outbox.enqueue(Self.message(2), now: Self.t0)
            _ = try await outbox.claimDue(now: Self.t0, limit: 2)
            #expect(try await outbox.markFailed(refused, error: "550 5.1.1 user unknown", permanent: true, now: Self.t0) == .failed)
            // `lost` was never marked: its instance died. It is due again once the lease ends.
            #expect(try await outbox.claimDue(now: Self.t0.addingTimeInterval(299)).isEmpty)
            let again = try await outbox.claimDue(now: Self.t0.addingTimeInterval(300))
            #expect(again.map(\.id) == [lost])
            #expect(again.first?.attempts == 2)
        }
    }

    @Test("a message enqueued in a transaction that fails is never sent", arguments: TestDatabases.kinds)
    func enqueueInsideTransaction(kind: TestDatabases.Kind) async throws {
        struct Refused: Error {}
        try await TestDatabases.withDatabase(kind) { database in
            let outbox = Outbox(database: database)
            await #expect(throws: Refused.self) {
                try await database.transaction { sql in
                    try await Outbox.enqueue(Self.message(1), now: Self.t0, on: sql)
                    throw Refused()
                }
            }
            let kept = try await database.transaction { sql in try await Outbox.enqueue(Self.message(2), now: Self.t0, on: sql) }
            #expect(try await outbox.claimDue(now: Self.t0, limit: 10).map(\.id) == [kept])
        }
    }

    @Test("two instances claiming at once never take the same message", arguments: TestDatabases.kinds.filter { $0 != .sqliteMemory })
    func concurrentClaims(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            for n in 1...30 { try await Outbox(database: database).enqueue(Self.message(n), now: Self.t0) }
            // A second instance: its own connections to the same database.
            let other = try await Database.open(database.location, logger: TestDatabases.logger)
            let claims = try await withThrowingTaskGroup(of: [Int].self) { group in
                group.addTask { try await other.run(); return [] }
                var all: [Int] = []
                let claimers = try await withThrowingTaskGroup(of: [Int].self) { claimers in
                    for instance in [database, other, database, other] {
                        claimers.addTask {
                            var mine: [Int] = []
                            while true {
                                let batch = try await Outbox(database: instance).claimDue(now: Self.t0, limit: 3)
                                if batch.isEmpty { return mine }
                                mine += batch.map(\.id)
                            }
                        }
                    }
                    var results: [[Int]] = []
                    for try await result in claimers { results.append(result) }
                    return results
                }
                for claim in claimers { all += claim }
                group.cancelAll()
                return all
            }
            await other.close()
            #expect(claims.count == 30)
            #expect(Set(claims).count == 30)
        }
    }
}
