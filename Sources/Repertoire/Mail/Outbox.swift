import Foundation
import SQLKit

/// The durable queue of e-mail. A message is written with the change that calls for it (an
/// invitation and its e-mail commit together, or neither does) and delivered afterwards by
/// ``OutboxDeliveryService``, with retries.
///
/// Safe with several app instances: on PostgreSQL a claim skips rows another instance holds;
/// SQLite has a single writer. Delivery is at least once: an instance dying mid-send means the
/// message is sent again after the lease.
public struct Outbox: Sendable {
    public let database: Database
    public var policy: RetryPolicy

    public init(database: Database, policy: RetryPolicy = .standard) {
        self.database = database
        self.policy = policy
    }

    /// Queues `message` inside the caller's transaction; it is due at once. Returns its id.
    @discardableResult
    public static func enqueue(_ message: OutgoingMessage, now: Date = Date(), on sql: any SQLDatabase) async throws -> Int {
        let stamp = Timestamp.string(from: now)
        let row = try await sql.insert(into: "outbox")
            .columns("kind", "to_address", "to_name", "subject", "body", "message_token", "status", "attempts",
                     "next_attempt_at", "created_at", "headers", "reference", "attachments")
            .values(SQLBind(message.kind.rawValue), SQLBind(message.to.address), SQLBind(message.to.name), SQLBind(message.subject),
                    SQLBind(message.body), SQLBind(UUID().uuidString.lowercased()), SQLBind(OutboxStatus.pending.rawValue),
                    SQLBind(0), SQLBind(stamp), SQLBind(stamp), SQLBind(MailHeader.stored(message.headers)), SQLBind(message.reference),
                    SQLBind(MailAttachment.stored(message.attachments)))
            .returning("id")
            .first()
        guard let row else { throw OutboxError.notInserted }
        return try row.decode(column: "id", as: Int.self)
    }

    /// Queues `message` in a transaction of its own.
    @discardableResult
    public func enqueue(_ message: OutgoingMessage, now: Date = Date()) async throws -> Int {
        try await database.transaction { sql in try await Self.enqueue(message, now: now, on: sql) }
    }

    /// Takes up to `limit` messages that are due, oldest first, counting an attempt for each and
    /// reserving them for ``RetryPolicy/lease`` seconds. Each must then be marked sent or failed.
    public func claimDue(now: Date = Date(), limit: Int = 1) async throws -> [OutboxMessage] {
        let dialect = database.dialect
        let lease = Timestamp.string(from: now.addingTimeInterval(policy.lease))
        return try await database.transaction { sql in
            let due = try await sql.raw("""
                SELECT id FROM outbox
                WHERE status = \(bind: OutboxStatus.pending.rawValue) AND next_attempt_at <= \(bind: Timestamp.string(from: now))
                ORDER BY next_attempt_at, id
                LIMIT \(unsafeRaw: String(max(limit, 1))) \(unsafeRaw: dialect.skipLockedClause)
                """).all().map { try $0.decode(column: "id", as: Int.self) }
            var claimed: [OutboxMessage] = []
            for id in due {
                try await sql.update("outbox")
                    .set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1"))
                    .set("next_attempt_at", to: SQLBind(lease))
                    .where("id", .equal, SQLBind(id))
                    .run()
                guard let row = try await sql.select().column(SQLLiteral.all).from("outbox").where("id", .equal, SQLBind(id)).first() else {
                    continue
                }
                claimed.append(try Self.decodeMessage(row))
            }
            return claimed
        }
    }

    /// Records a successful delivery. The body is erased: it holds single-use links that have no
    /// business lying in the database once sent.
    public func markSent(_ id: Int, now: Date = Date()) async throws {
        try await database.transaction { sql in
            try await sql.update("outbox")
                .set("status", to: SQLBind(OutboxStatus.sent.rawValue))
                .set("sent_at", to: SQLBind(Timestamp.string(from: now)))
                .set("last_error", to: SQLLiteral.null)
                .set("body", to: SQLBind(""))
                .where("id", .equal, SQLBind(id))
                .run()
        }
    }

    /// Records a failed attempt: the message is due again after the policy's delay, or given up
    /// (status failed, body erased) after the last attempt or when `permanent`. Returns the new
    /// status.
    @discardableResult
    public func markFailed(_ id: Int, error: String, permanent: Bool = false, now: Date = Date()) async throws -> OutboxStatus {
        let policy = self.policy
        let reason = String(error.prefix(1000))
        return try await database.transaction { sql in
            guard let row = try await sql.select().column("attempts").from("outbox").where("id", .equal, SQLBind(id)).first() else {
                throw OutboxError.unknownMessage(id)
            }
            let attempts = try row.decode(column: "attempts", as: Int.self)
            let update = sql.update("outbox").set("last_error", to: SQLBind(reason)).where("id", .equal, SQLBind(id))
            if permanent || attempts >= policy.maxAttempts {
                try await update.set("status", to: SQLBind(OutboxStatus.failed.rawValue)).set("body", to: SQLBind("")).run()
                return .failed
            }
            let next = now.addingTimeInterval(policy.delay(afterAttempt: attempts))
            try await update.set("next_attempt_at", to: SQLBind(Timestamp.string(from: next))).run()
            return .pending
        }
    }

    /// The latest messages, newest first, for the admin page.
    public func recent(limit: Int = 100) async throws -> [OutboxEntry] {
        try await database.read { sql in
            try await sql.select().columns(Self.entryColumns).from("outbox")
                .orderBy("id", .descending).limit(limit).all().map(Self.decodeEntry)
        }
    }

    /// One message as the admin page shows it.
    public func entry(_ id: Int) async throws -> OutboxEntry? {
        try await database.read { sql in
            try await sql.select().columns(Self.entryColumns).from("outbox").where("id", .equal, SQLBind(id)).first().map(Self.decodeEntry)
        }
    }

    private static let entryColumns: [any SQLExpression] = [
        "id", "kind", "to_address", "subject", "status", "attempts", "last_error", "created_at", "sent_at", "next_attempt_at",
    ].map { SQLIdentifier($0) }

    private static func decodeEntry(_ row: any SQLRow) throws -> OutboxEntry {
        OutboxEntry(
            id: try row.decode(column: "id", as: Int.self),
            kind: MailKind(rawValue: try row.decode(column: "kind", as: String.self)),
            to: try row.decode(column: "to_address", as: String.self),
            subject: try row.decode(column: "subject", as: String.self),
            status: OutboxStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed,
            attempts: try row.decode(column: "attempts", as: Int.self),
            lastError: try row.decode(column: "last_error", as: String?.self),
            createdAt: date(try row.decode(column: "created_at", as: String.self)),
            sentAt: try row.decode(column: "sent_at", as: String?.self).flatMap(Timestamp.date(from:)),
            nextAttemptAt: date(try row.decode(column: "next_attempt_at", as: String.self)))
    }

    private static func decodeMessage(_ row: any SQLRow) throws -> OutboxMessage {
        let address = try row.decode(column: "to_address", as: String.self)
        let name = try row.decode(column: "to_name", as: String?.self)
        return OutboxMessage(
            id: try row.decode(column: "id", as: Int.self),
            message: OutgoingMessage(
                to: try MailAddress(address, name: name),
                subject: try row.decode(column: "subject", as: String.self),
                body: try row.decode(column: "body", as: String.self),
                kind: MailKind(rawValue: try row.decode(column: "kind", as: String.self)),
                headers: MailHeader.parse(stored: try row.decode(column: "headers", as: String.self)),
                reference: try row.decode(column: "reference", as: String?.self),
                attachments: MailAttachment.parse(stored: try row.decode(column: "attachments", as: String.self))),
            token: try row.decode(column: "message_token", as: String.self),
            attempts: try row.decode(column: "attempts", as: Int.self),
            createdAt: date(try row.decode(column: "created_at", as: String.self)))
    }

    private static func date(_ text: String) -> Date {
        Timestamp.date(from: text) ?? Date(timeIntervalSince1970: 0)
    }
}

public enum OutboxError: Error, Sendable, Equatable {
    case notInserted
    case unknownMessage(Int)
}
