import Foundation
import SQLKit

/// The dated amounts of the procurement rules (``ProcurementThreshold``).
public struct ThresholdStore: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Every row, oldest first within each kind.
    public func all() async throws -> [ProcurementThreshold] {
        try await database.read { sql in try await Self.all(on: sql) }
    }

    static func all(on sql: any SQLDatabase) async throws -> [ProcurementThreshold] {
        try await sql.select().columns("id", "kind", "amount_cents", "effective_from", "source", "source_url", "created_by", "created_at")
            .from("procurement_thresholds").orderBy("kind").orderBy("effective_from").all().compactMap { row in
                guard let kind = ProcurementThreshold.Kind(rawValue: try row.decode(column: "kind", as: String.self)) else { return nil }
                return ProcurementThreshold(
                    id: try row.decode(column: "id", as: String.self), kind: kind,
                    amountCents: try row.decode(column: "amount_cents", as: Int64.self),
                    effectiveFrom: try row.decode(column: "effective_from", as: String.self),
                    source: try row.decode(column: "source", as: String.self),
                    sourceURL: try row.decode(column: "source_url", as: String?.self),
                    createdBy: try row.decode(column: "created_by", as: String?.self),
                    createdAt: Timestamp.date(from: try row.decode(column: "created_at", as: String.self)) ?? .distantPast)
            }
    }

    /// Adds a row and its audit entry in one transaction. A row of the same kind and day is
    /// refused (nothing is written): the history is only ever added to.
    public func add(_ row: ProcurementThreshold, actor: User, client: String) async throws {
        try await database.transaction { sql in
            let existing = try await sql.select().column("id").from("procurement_thresholds")
                .where("kind", .equal, SQLBind(row.kind.rawValue)).where("effective_from", .equal, SQLBind(row.effectiveFrom)).first()
            if existing != nil { throw StoreError.duplicateThreshold(kind: row.kind.rawValue, effectiveFrom: row.effectiveFrom) }
            try await Self.insert(row, on: sql)
            try await AuditLog.record(.thresholdAdded, actor: actor, target: Route.thresholds.path(),
                                      detail: "\(row.kind.rawValue) \(row.amountCents / 100) $ à partir du \(row.effectiveFrom) — \(row.source)", client: client, on: sql)
        }
    }

    static func insert(_ row: ProcurementThreshold, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "procurement_thresholds")
            .columns("id", "kind", "amount_cents", "effective_from", "source", "source_url", "created_by", "created_at")
            .values(SQLBind(row.id), SQLBind(row.kind.rawValue), SQLBind(row.amountCents), SQLBind(row.effectiveFrom), SQLBind(row.source),
                    SQLBind(row.sourceURL), SQLBind(row.createdBy), SQLBind(Timestamp.string(from: row.createdAt)))
            .run()
    }
}
