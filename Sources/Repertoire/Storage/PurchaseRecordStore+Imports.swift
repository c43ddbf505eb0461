import Foundation
import SQLKit

/// A spreadsheet of contracts kept from its upload to its preview and its application.
struct PurchaseImportBatch: Sendable {
    var id: String
    var municipalityCode: String
    var fileName: String
    var bytes: [UInt8]
    /// `field=column;…`, as ``PurchaseImport`` writes it.
    var mapping: String
    /// `preview`, `applied` or `reverted`.
    var status: String
    var appliedCount: Int
    var createdAt: Date
}

/// The imports of the purchasing record: each step one transaction, applied once (claimed by a
/// conditional update) and reverted whole; and the look-ups that match a file's suppliers.
extension PurchaseRecordStore {
    func insertImport(_ batch: PurchaseImportBatch, by userID: String) async throws {
        try await database.transaction { sql in
            try await sql.insert(into: "purchase_import_batches")
                .columns("id", "municipality_code", "file_name", "bytes", "mapping", "status", "created_by", "created_at")
                .values(SQLBind(batch.id), SQLBind(batch.municipalityCode), SQLBind(batch.fileName), SQLBind(Data(batch.bytes)), SQLBind(batch.mapping),
                        SQLBind(batch.status), SQLBind(userID), SQLBind(Timestamp.string(from: batch.createdAt)))
                .run()
        }
    }

    func importBatch(id: String) async throws -> PurchaseImportBatch? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, municipality_code, file_name, bytes, mapping, status, applied_count, created_at FROM purchase_import_batches WHERE id = \(bind: id)
                """).first().map { try Self.decodeImport($0, bytes: true) }
        }
    }

    /// The applied and reverted imports of a municipality (of all, for nil), newest first.
    func importBatches(municipality: String?) async throws -> [PurchaseImportBatch] {
        try await database.read { sql in
            let condition: SQLQueryString = municipality.map { "municipality_code = \(bind: $0)" } ?? "1 = 1"
            return try await sql.raw("""
                SELECT id, municipality_code, file_name, mapping, status, applied_count, created_at FROM purchase_import_batches
                WHERE \(condition) AND status <> 'preview' ORDER BY created_at DESC LIMIT 20
                """).all().map { try Self.decodeImport($0, bytes: false) }
        }
    }

    /// Changes the mapping of an import still in preview; false when it no longer is.
    func setImportMapping(_ id: String, to mapping: String) async throws -> Bool {
        try await database.transaction { sql in
            try await sql.raw("UPDATE purchase_import_batches SET mapping = \(bind: mapping) WHERE id = \(bind: id) AND status = 'preview' RETURNING id").all().count == 1
        }
    }

    /// Writes an import's contracts with their revisions, its audit line and the change log's
    /// entries, once: false when the import was already applied or reverted.
    func applyImport(_ batch: PurchaseImportBatch, contracts: [PurchaseContract], author: User, client: String, now: Date = Date()) async throws -> Bool {
        try await database.loggedUnitOfWork(now: now) { work, log in
            let claimed = try await work.sql.raw("""
                UPDATE purchase_import_batches SET status = 'applied', applied_at = \(bind: Timestamp.string(from: now)), applied_count = \(bind: contracts.count)
                WHERE id = \(bind: batch.id) AND status = 'preview' RETURNING id
                """).all().count
            guard claimed == 1 else { return false }
            for contract in contracts {
                try await Self.insert(contract, on: work.sql)
                try await work.sql.raw("UPDATE purchase_contracts SET import_batch_id = \(bind: batch.id) WHERE id = \(bind: contract.id)").run()
                try await Self.revise(contract, action: "imported", author: author, now: now, on: work.sql)
            }
            try await log.record(contracts.map { ($0.id, "create", $0.version) }, entity: PurchaseCube.entity, at: now)
            try await work.audit(.contractsImported, actor: author, target: batch.id, detail: "\(batch.fileName) : \(contracts.count) contrat(s)", client: client)
            return true
        }
    }

    /// Removes an applied import's contracts (their revisions stay, the last saying who removed
    /// them); returns how many, or nil when the import is not applied.
    func revertImport(_ batch: PurchaseImportBatch, author: User, client: String, now: Date = Date()) async throws -> Int? {
        try await database.loggedUnitOfWork(now: now) { work, log in
            let claimed = try await work.sql.raw("""
                UPDATE purchase_import_batches SET status = 'reverted', reverted_at = \(bind: Timestamp.string(from: now))
                WHERE id = \(bind: batch.id) AND status = 'applied' RETURNING id
                """).all().count
            guard claimed == 1 else { return nil }
            let contracts = try await work.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM purchase_contracts WHERE import_batch_id = \(bind: batch.id)")
                .all().map(Self.decode)
            for var contract in contracts {
                contract.version += 1
                try await Self.revise(contract, action: "deleted", author: author, now: now, on: work.sql)
            }
            try await work.sql.raw("DELETE FROM purchase_contracts WHERE import_batch_id = \(bind: batch.id)").run()
            try await log.record(contracts.map { ($0.id, "delete", $0.version + 1) }, entity: PurchaseCube.entity, at: now)
            try await work.audit(.contractsImportReverted, actor: author, target: batch.id, detail: "\(batch.fileName) : \(contracts.count) contrat(s) retiré(s)", client: client)
            return contracts.count
        }
    }

    /// The enterprise of the directory with this NEQ (ten digits), not archived.
    func enterpriseID(neq: String) async throws -> String? {
        try await database.read { sql in
            try await sql.raw("SELECT id FROM enterprises WHERE neq = \(bind: neq) AND archived_at IS NULL").first()?.decode(column: "id", as: String.self)
        }
    }

    /// The enterprises of the directory with exactly this name (case aside), not archived, with
    /// their municipality.
    func enterprises(named name: String) async throws -> [(id: String, municipalityCode: String)] {
        try await database.read { sql in
            try await sql.raw("SELECT id, municipality_code FROM enterprises WHERE lower(name) = lower(\(bind: name)) AND archived_at IS NULL").all().map {
                (try $0.decode(column: "id", as: String.self), try $0.decode(column: "municipality_code", as: String?.self) ?? "")
            }
        }
    }

    private static func decodeImport(_ row: any SQLRow, bytes: Bool) throws -> PurchaseImportBatch {
        PurchaseImportBatch(
            id: try row.decode(column: "id", as: String.self), municipalityCode: try row.decode(column: "municipality_code", as: String.self),
            fileName: try row.decode(column: "file_name", as: String.self), bytes: bytes ? Array(try row.decode(column: "bytes", as: Data.self)) : [],
            mapping: try row.decode(column: "mapping", as: String.self), status: try row.decode(column: "status", as: String.self),
            appliedCount: try row.decode(column: "applied_count", as: Int.self),
            createdAt: Timestamp.date(from: try row.decode(column: "created_at", as: String.self)) ?? .distantPast)
    }
}
