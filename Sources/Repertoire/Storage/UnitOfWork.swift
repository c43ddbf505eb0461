import Foundation
import SQLKit

/// What a write commits together with it: its audit entry and its e-mails. A service receives
/// one inside the store's transaction, so that an edit, its audit line and the message it sends
/// are saved together or not at all. Revisions are recorded by the store itself.
public struct UnitOfWork: Sendable {
    /// The transaction's connection, for the stores' own static helpers.
    let sql: any SQLDatabase
    public let now: Date

    init(sql: any SQLDatabase, now: Date) {
        self.sql = sql
        self.now = now
    }

    /// Appends a line to the audit log.
    func audit(_ action: AuditLog.Action, actor: User?, target: String, detail: String = "", client: String) async throws {
        try await AuditLog.record(action, actor: actor, target: target, detail: detail, client: client, now: now, on: sql)
    }

    /// Queues an e-mail, sent once the transaction commits (the outbox polls committed rows).
    func send(_ draft: MailDraft, through queue: any MailQueue) async throws {
        try await queue.enqueue(draft, now: now, on: sql)
    }
}

extension Database {
    /// The one entry point for writes that followers read through the change log: one
    /// transaction that first takes the change-log lock. On PostgreSQL sequence numbers are
    /// handed out before commit, so without the lock a follower could read seq 11 while seq 10
    /// is still uncommitted and never see 10; SQLite already serialises writers.
    /// The change log is handed to `body` only here, so no write can append to it without the lock.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase, ChangeLog) async throws -> T) async throws -> T {
        let lock = dialect.changeLogLockStatement
        return try await transaction { sql in
            if let lock { try await sql.raw(SQLQueryString(lock)).run() }
            return try await body(sql, ChangeLog(sql: sql))
        }
    }

    /// A unit of work that also appends to the change log (under its lock): for records that
    /// followers keep in memory (the purchasing record's dashboards).
    func loggedUnitOfWork<T: Sendable>(now: Date = Date(), _ body: @escaping @Sendable (UnitOfWork, ChangeLog) async throws -> T) async throws -> T {
        try await write { sql, log in try await body(UnitOfWork(sql: sql, now: now), log) }
    }

    /// A transaction for work that does not touch the change log (proposals, e-mails, tokens).
    func unitOfWork<T: Sendable>(now: Date = Date(), _ body: @escaping @Sendable (UnitOfWork) async throws -> T) async throws -> T {
        try await transaction { sql in try await body(UnitOfWork(sql: sql, now: now)) }
    }
}

/// The store-wide change log that followers (the search index, other instances) read. Only
/// ``Database/write(_:)`` makes one, after taking the log's lock.
struct ChangeLog: Sendable {
    private let sql: any SQLDatabase

    fileprivate init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// The log's last number (0 when empty): followers compare it with what they hold.
    static func lastSeq(on sql: any SQLDatabase) async throws -> Int64 {
        try await sql.raw("SELECT MAX(seq) AS seq FROM changes").first()?.decode(column: "seq", as: Int64?.self) ?? 0
    }

    /// The records of one entity written after `seq`, and the log's last number, read together.
    static func changes(of entity: String, after seq: Int64, on sql: any SQLDatabase) async throws -> (ids: Set<String>, lastSeq: Int64) {
        let rows = try await sql.raw("SELECT entity_id FROM changes WHERE seq > \(bind: seq) AND entity = \(bind: entity)").all()
        return (Set(try rows.map { try $0.decode(column: "entity_id", as: String.self) }), try await lastSeq(on: sql))
    }

    /// Appends one entry per written record.
    func record(_ entries: [(id: String, action: String, version: Int)], entity: String = "enterprise", at now: Date) async throws {
        let stamp = Timestamp.string(from: now)
        let columns = ["entity", "entity_id", "action", "version", "changed_at"]
        let rows: [[any Encodable & Sendable]] = entries.map { [entity, $0.id, $0.action, $0.version, stamp] }
        for chunk in rows.chunked(by: EnterpriseStore.maxBindings / columns.count) {
            try await sql.execute(sql: try SerializedQuery.insert(into: "changes", columns: columns, rows: chunk, sqlite: sql.dialect.name == "sqlite")) { _ in }
        }
    }
}
