import Foundation
import SQLKit

/// One import as recorded: what was applied, by whom, and whether it was reverted.
public struct ImportBatch: Sendable, Equatable {
    public var id: String
    public var fileName: String
    public var created: Int
    public var updated: Int
    public var unchanged: Int
    public var rejected: Int
    /// Rows of people (not enterprises) left out on purpose.
    public var skipped: Int = 0
    /// The importer's name and address, as shown in the list.
    public var importedBy: String
    /// The importer's account: rights over the batch are checked on this, never on the name.
    public var importedByID: String?
    public var importedAt: Date
    public var revertedAt: Date?
}

/// Why an import could not be applied or reverted; nothing was written.
public enum ImportStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownBatch(String)
    case alreadyReverted(String)
    /// A record the batch wrote is no longer in the store: reverting the rest would be partial.
    case missingRecord(String)
    /// Records changed since the import; reverting would overwrite someone's work.
    case changedSince(names: [String])

    public var description: String {
        switch self {
        case .unknownBatch(let id): "Aucun import n'a l'identifiant « \(id) »."
        case .alreadyReverted(let id): "L'import \(id) a déjà été annulé."
        case .missingRecord(let id):
            "Impossible d'annuler l'import : l'entreprise \(id) qu'il a écrite est introuvable. Rien n'a été changé ; signalez-le à un administrateur."
        case .changedSince(let names):
            "Impossible d'annuler l'import : ces entreprises ont été modifiées depuis (rien n'a été changé) : \(names.prefix(10).joined(separator: ", "))\(names.count > 10 ? "…" : "")."
        }
    }
}

/// Applies and reverts imports, each in one transaction: all of it or nothing.
public struct ImportStore: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// How many records between two reports of progress.
    static let progressStep = 500

    /// Writes the creates and updates of a confirmed preview and records the batch. An update
    /// whose record changed since the preview was made is refused with `StoreError.conflict`,
    /// and then nothing at all is written.
    public func apply(_ preview: ImportPreview, fileName: String, mapping: ColumnMapping, options: ImportOptions,
                      by author: Author, now: Date = Date(), progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil,
                      alsoInTransaction: @escaping @Sendable (UnitOfWork, ImportBatch) async throws -> Void = { _, _ in }) async throws -> ImportBatch {
        let now = Timestamp.stored(now)
        var creates: [EnterpriseProfile] = []
        var fictionalCreates: [EnterpriseProfile] = []
        var updates: [(id: String, version: Int, profile: EnterpriseProfile)] = []
        for outcome in preview.outcomes {
            switch outcome.action {
            case .create(let profile):
                if outcome.fictional { fictionalCreates.append(profile) } else { creates.append(profile) }
            case .update(let id, let version, let profile, _): updates.append((id, version, profile))
            case .unchanged, .rejected, .skipped: break
            }
        }
        let batch = ImportBatch(id: UUID().uuidString.lowercased(), fileName: fileName, created: creates.count + fictionalCreates.count,
                                updated: updates.count, unchanged: preview.counts.unchanged, rejected: preview.counts.rejected,
                                skipped: preview.counts.skipped, importedBy: author.label,
                                importedByID: author.id, importedAt: now, revertedAt: nil)
        let frozenCreates = creates
        let frozenFictional = fictionalCreates
        let frozenUpdates = updates
        return try await database.write { sql, log in
            try await sql.insert(into: "import_batches")
                .columns("id", "file_name", "mapping", "options", "created_count", "updated_count", "unchanged_count",
                         "rejected_count", "skipped_count", "imported_by", "imported_by_id", "imported_at")
                .values(SQLBind(batch.id), SQLBind(fileName), SQLBind(EnterpriseRows.json(mapping)), SQLBind(EnterpriseRows.json(options)),
                        SQLBind(batch.created), SQLBind(batch.updated), SQLBind(batch.unchanged), SQLBind(batch.rejected), SQLBind(batch.skipped),
                        SQLBind(author.label), SQLBind(author.id), SQLBind(Timestamp.string(from: now)))
                .run()
            var items: [[any SQLExpression]] = []
            let total = frozenCreates.count + frozenFictional.count + frozenUpdates.count
            var created: [Enterprise] = []
            created.reserveCapacity(frozenCreates.count + frozenFictional.count)
            // Our own export of demo records imports back as demo records, labelled fictional.
            for (profiles, fictional) in [(frozenCreates, false), (frozenFictional, true)] {
                for chunk in profiles.chunked(by: Self.progressStep) {
                    created += try await EnterpriseStore.insertNew(Array(chunk), fictional: fictional, now: now, on: sql, log: log)
                    progress?(created.count, total)
                }
            }
            var revisions: [(action: RevisionAction, before: Enterprise?, after: Enterprise)] = created.map { (action: RevisionAction.import, before: Enterprise?.none, after: $0) }
            for enterprise in created {
                items.append([SQLBind(batch.id), SQLBind(enterprise.id), SQLBind("create"), SQLBind(enterprise.version), SQLBind(String?.none)])
            }
            var changes: [(id: String, action: String, version: Int)] = []
            for update in frozenUpdates {
                let current = try await EnterpriseStore.loadForUpdate(update.id, on: sql)
                guard current.version == update.version else { throw StoreError.conflict(current: current) }
                let previous = try StoredProfile.encode(current.profile)
                var next = current
                next.profile = update.profile
                let written = try await EnterpriseStore.replace(current, with: next, now: now, on: sql)
                changes.append((written.id, "update", written.version))
                revisions.append((.import, current, written))
                items.append([SQLBind(batch.id), SQLBind(written.id), SQLBind("update"), SQLBind(written.version),
                              SQLBind(previous)])
                if changes.count % Self.progressStep == 0 { progress?(created.count + changes.count, total) }
            }
            progress?(total, total)
            try await log.record(changes, at: now)
            try await RevisionLog.appendMany(revisions, author: Author(id: author.id, label: "\(author.label) (import de \(fileName))"), at: now, on: sql)
            for chunk in items.chunked(by: 1_000) {
                let insert = sql.insert(into: "import_batch_items").columns("batch_id", "enterprise_id", "action", "version_after", "previous_profile")
                for item in chunk { insert.values(item) }
                try await insert.run()
            }
            try await alsoInTransaction(UnitOfWork(sql: sql, now: now), batch)
            return batch
        }
    }

    /// Undoes a whole import: enterprises it created are archived (out of the directory, never
    /// deleted: their history stays), those it updated get their previous profile back (as a new
    /// version). Refused, with nothing changed, if any of them was modified since or can no
    /// longer be found: a revert is whole or not at all.
    public func revert(_ batchID: String, by author: Author, now: Date = Date(), progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil,
                       alsoInTransaction: @escaping @Sendable (UnitOfWork, ImportBatch) async throws -> Void = { _, _ in }) async throws -> ImportBatch {
        let now = Timestamp.stored(now)
        return try await database.write { sql, log in
            guard var batch = try await Self.batch(batchID, on: sql) else { throw ImportStoreError.unknownBatch(batchID) }
            guard batch.revertedAt == nil else { throw ImportStoreError.alreadyReverted(batchID) }
            let items = try await sql.select().columns("enterprise_id", "action", "version_after", "previous_profile")
                .from("import_batch_items").where("batch_id", .equal, SQLBind(batch.id)).all()
            var changedSince: [String] = []
            var plan: [(current: Enterprise, next: Enterprise)] = []
            // Each record is read, then written: two steps per record for the progress bar.
            let total = items.count * 2
            for (index, item) in items.enumerated() {
                if index % Self.progressStep == 0 { progress?(index, total) }
                let id = try item.decode(column: "enterprise_id", as: String.self)
                let current: Enterprise
                do {
                    current = try await EnterpriseStore.loadForUpdate(id, on: sql)
                } catch StoreError.notFound {
                    throw ImportStoreError.missingRecord(id)
                }
                if current.version != (try item.decode(column: "version_after", as: Int.self)) {
                    changedSince.append(current.profile.name)
                    continue
                }
                var next = current
                switch try item.decode(column: "action", as: String.self) {
                case "create":
                    next.archivedAt = now
                default:
                    guard let stored = try item.decode(column: "previous_profile", as: String?.self) else {
                        throw ImportStoreError.missingRecord(id)
                    }
                    next.profile = try StoredImportProfile.decode(stored)
                }
                plan.append((current, next))
            }
            guard changedSince.isEmpty else { throw ImportStoreError.changedSince(names: changedSince.sorted()) }
            var changes: [(id: String, action: String, version: Int)] = []
            var revisions: [(action: RevisionAction, before: Enterprise?, after: Enterprise)] = []
            for (index, step) in plan.enumerated() {
                if index % Self.progressStep == 0 { progress?(items.count + index, total) }
                let written = try await EnterpriseStore.replace(step.current, with: step.next, now: now, on: sql)
                let archived = written.archivedAt != nil && step.current.archivedAt == nil
                changes.append((written.id, archived ? "archive" : "update", written.version))
                revisions.append((archived ? .archive : .import, step.current, written))
            }
            try await log.record(changes, at: now)
            try await RevisionLog.appendMany(revisions, author: Author(id: author.id, label: "\(author.label) (annulation de l'import \(batch.fileName))"),
                                             at: now, on: sql)
            try await sql.update("import_batches").set("reverted_at", to: SQLBind(Timestamp.string(from: now)))
                .where("id", .equal, SQLBind(batch.id)).run()
            batch.revertedAt = now
            try await alsoInTransaction(UnitOfWork(sql: sql, now: now), batch)
            progress?(total, total)
            return batch
        }
    }

    /// One import, if it exists.
    public func batch(_ id: String) async throws -> ImportBatch? {
        try await database.read { sql in try await Self.batch(id, on: sql) }
    }

    /// Every import, newest first.
    public func batches() async throws -> [ImportBatch] {
        try await database.read { sql in
            try await sql.select().column(SQLLiteral.all).from("import_batches").orderBy("imported_at", .descending).all()
                .map(Self.decode)
        }
    }

    /// The imports of `importer`, and those that wrote an enterprise now in one of `regions`,
    /// newest first, at most `limit`.
    public func batches(importedBy importer: String, orTouching regions: Set<String>, limit: Int = 200) async throws -> [ImportBatch] {
        try await database.read { sql in
            var query = sql.select().column(SQLLiteral.all).from("import_batches")
                .where("imported_by_id", .equal, SQLBind(importer))
            if !regions.isEmpty {
                let touching = SQLSubquery.select { sub in
                    sub.column(SQLColumn("batch_id", table: "import_batch_items")).from("import_batch_items")
                        .join("enterprises", on: SQLColumn("id", table: "enterprises"), .equal, SQLColumn("enterprise_id", table: "import_batch_items"))
                        .where(SQLColumn("region_code", table: "enterprises"), .in, SQLBind.group(regions.sorted()))
                }
                query = query.orWhere(SQLColumn("id"), .in, touching)
            }
            return try await query.orderBy("imported_at", .descending).limit(limit).all().map(Self.decode)
        }
    }

    static func batch(_ id: String, on sql: any SQLDatabase) async throws -> ImportBatch? {
        try await sql.select().column(SQLLiteral.all).from("import_batches").where("id", .equal, SQLBind(id)).first().map(decode)
    }

    static func decode(_ row: any SQLRow) throws -> ImportBatch {
        ImportBatch(
            id: try row.decode(column: "id", as: String.self),
            fileName: try row.decode(column: "file_name", as: String.self),
            created: try row.decode(column: "created_count", as: Int.self),
            updated: try row.decode(column: "updated_count", as: Int.self),
            unchanged: try row.decode(column: "unchanged_count", as: Int.self),
            rejected: try row.decode(column: "rejected_count", as: Int.self),
            skipped: try row.decode(column: "skipped_count", as: Int.self),
            importedBy: try row.decode(column: "imported_by", as: String.self),
            importedByID: try row.decode(column: "imported_by_id", as: String?.self),
            importedAt: Timestamp.date(from: try row.decode(column: "imported_at", as: String.self)) ?? Date(timeIntervalSince1970: 0),
            revertedAt: try row.decode(column: "reverted_at", as: String?.self).flatMap(Timestamp.date(from:)))
    }
}

/// The profile an import overwrote, as kept to undo it (a ``StoredProfile``, any version).
enum StoredImportProfile {
    struct Unreadable: Error, CustomStringConvertible {
        /// For the log, not for the person reverting.
        var reason: String
        var description: String { "Le profil gardé par l'import est illisible : l'annulation est impossible." }
    }

    static func decode(_ text: String) throws -> EnterpriseProfile {
        do {
            return try StoredProfile.decode(text)
        } catch {
            throw Unreadable(reason: String(describing: error))
        }
    }
}
