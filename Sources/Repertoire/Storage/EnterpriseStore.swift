import Foundation
import SQLKit

/// Reads and writes enterprises, the same code for SQLite and PostgreSQL.
///
/// Every write runs in one transaction, bumps the record's version and appends to the change
/// log, so that followers (the search index, other app instances) can catch up.
public struct EnterpriseStore: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    // MARK: Reads

    /// Finds an enterprise by id or slug, archived or not.
    public func find(_ idOrSlug: String) async throws -> Enterprise? {
        try await database.read { sql in
            guard let row = try await sql.select().column(SQLLiteral.all).from("enterprises")
                .where("id", .equal, SQLBind(idOrSlug)).orWhere("slug", .equal, SQLBind(idOrSlug))
                .first()
            else { return nil }
            var enterprises = [try EnterpriseRows.decodeMain(row)]
            try await EnterpriseRows.attachChildren(to: &enterprises, ids: [enterprises[0].id], on: sql)
            return enterprises[0]
        }
    }

    /// Loads the given enterprises (those that exist), in no particular order.
    public func load(ids: [String]) async throws -> [Enterprise] {
        var result: [Enterprise] = []
        for chunk in ids.chunked(by: 500) {
            result += try await database.read { sql in
                let rows = try await sql.select().column(SQLLiteral.all).from("enterprises")
                    .where("id", .in, SQLBind.group(chunk.map { $0 as any Encodable & Sendable })).all()
                var enterprises = try rows.map(EnterpriseRows.decodeMain)
                try await EnterpriseRows.attachChildren(to: &enterprises, ids: Array(chunk), on: sql)
                return enterprises
            }
        }
        return result
    }

    /// Every enterprise, with the change sequence number it reflects, read in one snapshot so
    /// that a follower can continue from that number without missing anything.
    public func snapshot(includeArchived: Bool = false) async throws -> (enterprises: [Enterprise], sequence: Int64) {
        let (chunks, sequence) = try await snapshot(includeArchived: includeArchived) { $0 }
        return (chunks.flatMap { $0 }, sequence)
    }

    /// Every enterprise, `chunkSize` at a time in id order, each chunk turned by `transform`
    /// into what the caller keeps, all in one snapshot (see above). Only one chunk of full
    /// records and their rows is alive at a time: at 100,000 enterprises, reading them all
    /// first peaked at ~2× the index's memory, and glibc kept most of that peak resident.
    public func snapshot<Part: Sendable>(includeArchived: Bool = false, chunkSize: Int = 2_000,
                                         _ transform: @escaping @Sendable ([Enterprise]) -> Part) async throws -> (parts: [Part], sequence: Int64) {
        try await database.transaction { sql in
            let sequence = try await Self.latestSequence(on: sql)
            var parts: [Part] = []
            var after: String?
            while true {
                var query = sql.select().column(SQLLiteral.all).from("enterprises")
                if !includeArchived { query = query.where("archived_at", .is, SQLLiteral.null) }
                if let after { query = query.where("id", .greaterThan, SQLBind(after)) }
                let rows = try await query.orderBy("id").limit(chunkSize).all()
                var enterprises = try rows.map(EnterpriseRows.decodeMain)
                guard let last = enterprises.last else { break }
                try await EnterpriseRows.attachChildren(to: &enterprises, owners: .range(after: after, through: last.id), on: sql)
                parts.append(transform(enterprises))
                after = last.id
                if enterprises.count < chunkSize { break }
            }
            return (parts, sequence)
        }
    }

    /// The archived enterprises, most recently archived first (the staff's way back to them),
    /// of `regions` only when given.
    public func archived(limit: Int = 1_000, regions: Set<String>? = nil) async throws -> [Enterprise] {
        try await database.read { sql in
            let query = sql.select().column(SQLLiteral.all).from("enterprises").where("archived_at", .isNot, SQLLiteral.null)
            if let regions { query.where("region_code", .in, regions.sorted()) }
            let rows = try await query.orderBy("archived_at", .descending).limit(limit).all()
            var enterprises = try rows.map(EnterpriseRows.decodeMain)
            try await EnterpriseRows.attachChildren(to: &enterprises, ids: enterprises.map(\.id), on: sql)
            return enterprises
        }
    }

    /// How many enterprises are archived (in `regions` only, when given).
    public func archivedCount(regions: Set<String>? = nil) async throws -> Int {
        try await database.read { sql in
            let query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("enterprises")
                .where("archived_at", .isNot, SQLLiteral.null)
            if let regions { query.where("region_code", .in, regions.sorted()) }
            return try await query.first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func count(includeArchived: Bool = false) async throws -> Int {
        try await database.read { sql in
            var query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("enterprises")
            if !includeArchived { query = query.where("archived_at", .is, SQLLiteral.null) }
            return try await query.first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Changes recorded after `sequence`, oldest first.
    public func changes(after sequence: Int64, limit: Int = 1_000) async throws -> [Change] {
        try await database.read { sql in
            try await sql.select().columns("seq", "entity", "entity_id", "action", "version", "changed_at").from("changes")
                .where("seq", .greaterThan, SQLBind(sequence)).orderBy("seq").limit(limit).all()
                .map { row in
                    Change(sequence: try row.decode(column: "seq", as: Int64.self),
                           entity: try row.decode(column: "entity", as: String.self),
                           entityID: try row.decode(column: "entity_id", as: String.self),
                           action: try row.decode(column: "action", as: String.self),
                           version: try row.decode(column: "version", as: Int.self),
                           changedAt: Timestamp.date(from: try row.decode(column: "changed_at", as: String.self)) ?? Date())
                }
        }
    }

    public func latestSequence() async throws -> Int64 {
        try await database.read { sql in try await Self.latestSequence(on: sql) }
    }

    static func latestSequence(on sql: any SQLDatabase) async throws -> Int64 {
        try await sql.select().column(SQLFunction("MAX", args: SQLColumn("seq")), as: "last").from("changes")
            .first()?.decode(column: "last", as: Int64?.self) ?? 0
    }

    // MARK: Writes

    /// Work done inside a write's transaction after the enterprise is written (audit entries,
    /// emails, proposals' decisions), so that it is committed with the write or not at all.
    public typealias AlsoInTransaction = @Sendable (_ work: UnitOfWork, _ before: Enterprise?, _ after: Enterprise) async throws -> Void

    /// Stores a new enterprise from an already validated profile.
    public func create(_ profile: EnterpriseProfile, fictional: Bool = false, by author: Author = .system, now: Date = Date(),
                       also: AlsoInTransaction? = nil) async throws -> Enterprise {
        let now = Timestamp.stored(now)
        return try await database.write { sql, log in
            let created = try await Self.insertNew([profile], fictional: fictional, now: now, on: sql, log: log)[0]
            try await RevisionLog.append(.create, before: nil, after: created, author: author, at: now, on: sql)
            try await also?(UnitOfWork(sql: sql, now: now), nil, created)
            return created
        }
    }

    /// Stores many new enterprises in one transaction (demo data, imports): all or none. Without
    /// an author (demo data, test fixtures) no revisions are written.
    public func createMany(_ profiles: [EnterpriseProfile], fictional: Bool, by author: Author? = nil, now: Date = Date()) async throws -> [Enterprise] {
        guard !profiles.isEmpty else { return [] }
        let now = Timestamp.stored(now)
        return try await database.write { sql, log in
            let created = try await Self.insertNew(profiles, fictional: fictional, now: now, on: sql, log: log)
            if let author {
                try await RevisionLog.appendMany(created.map { (action: RevisionAction.create, before: Enterprise?.none, after: $0) }, author: author, at: now, on: sql)
            }
            return created
        }
    }

    /// Replaces an enterprise's profile if it is still at `expectedVersion`.
    public func update(id: String, expectedVersion: Int, profile: EnterpriseProfile, by author: Author = .system,
                       action: RevisionAction = .update, now: Date = Date(), also: AlsoInTransaction? = nil) async throws -> Enterprise {
        try await write(id: id, expectedVersion: expectedVersion, action: action, author: author, now: now, also: also) { current in
            var next = current
            next.profile = profile
            return next
        }
    }

    /// Takes an enterprise out of the directory without deleting anything.
    public func archive(id: String, expectedVersion: Int, by author: Author = .system, now: Date = Date(),
                        also: AlsoInTransaction? = nil) async throws -> Enterprise {
        try await write(id: id, expectedVersion: expectedVersion, action: .archive, author: author, now: now, also: also) { current in
            var next = current
            next.archivedAt = current.archivedAt ?? now
            return next
        }
    }

    public func restore(id: String, expectedVersion: Int, by author: Author = .system, now: Date = Date(),
                        also: AlsoInTransaction? = nil) async throws -> Enterprise {
        try await write(id: id, expectedVersion: expectedVersion, action: .restore, author: author, now: now, also: also) { current in
            var next = current
            next.archivedAt = nil
            return next
        }
    }

    private func write(id: String, expectedVersion: Int, action: RevisionAction, author: Author, now: Date, also: AlsoInTransaction?,
                       _ change: @escaping @Sendable (Enterprise) -> Enterprise) async throws -> Enterprise {
        let now = Timestamp.stored(now)
        return try await database.write { sql, log in
            let current = try await Self.loadForUpdate(id, on: sql)
            guard current.version == expectedVersion else { throw StoreError.conflict(current: current) }
            let next = try await Self.replace(current, with: change(current), now: now, on: sql)
            let logged = switch action {
            case .archive: "archive"
            case .restore: "restore"
            default: "update"
            }
            try await log.record([(next.id, logged, next.version)], at: now)
            try await RevisionLog.append(action, before: current, after: next, author: author, at: now, on: sql)
            try await also?(UnitOfWork(sql: sql, now: now), current, next)
            return next
        }
    }

    // MARK: Helpers run inside a transaction

    /// The enterprise as stored, by id or slug, or `notFound`.
    static func loadForUpdate(_ id: String, on sql: any SQLDatabase) async throws -> Enterprise {
        guard let row = try await sql.select().column(SQLLiteral.all).from("enterprises")
            .where("id", .equal, SQLBind(id)).orWhere("slug", .equal, SQLBind(id)).first()
        else { throw StoreError.notFound(id: id) }
        var list = [try EnterpriseRows.decodeMain(row)]
        try await EnterpriseRows.attachChildren(to: &list, ids: [list[0].id], on: sql)
        return list[0]
    }

    /// Writes `next` over `current` as the following version. The caller records the change.
    static func replace(_ current: Enterprise, with next: Enterprise, now: Date, on sql: any SQLDatabase) async throws -> Enterprise {
        var next = next
        next.version = current.version + 1
        next.updatedAt = now
        if let neq = next.profile.neq, neq != current.profile.neq {
            try await checkNEQsAreFree([neq], excluding: current.id, on: sql)
        }
        // The version condition guards against a concurrent writer on PostgreSQL, whose
        // default isolation re-checks it after the other transaction commits.
        let update = sql.update("enterprises")
        for (column, value) in zip(EnterpriseRows.mainColumns, EnterpriseRows.mainValues(next))
        where column != "id" && column != "created_at" {
            update.set(SQLColumn(column), to: value)
        }
        let updated = try await update
            .where("id", .equal, SQLBind(current.id)).where("version", .equal, SQLBind(current.version))
            .returning("id").all()
        guard !updated.isEmpty else { throw StoreError.conflict(current: current) }
        for table in EnterpriseRows.childTables {
            try await sql.delete(from: table).where("enterprise_id", .equal, SQLBind(current.id)).run()
        }
        try await insertChildRows([next], on: sql)
        return next
    }

    /// New enterprises with free slugs, inserted with their change records.
    static func insertNew(_ profiles: [EnterpriseProfile], fictional: Bool, now: Date, on sql: any SQLDatabase, log: ChangeLog) async throws -> [Enterprise] {
        // Large batches read every slug once instead of asking per record.
        var slugs: SlugAllocator? = profiles.count >= 50 ? try await SlugAllocator(on: sql) : nil
        return try await insertNew(profiles, fictional: fictional, now: now, slugs: &slugs, on: sql, log: log)
    }

    /// `slugs` holds the slugs already taken (nil: each profile asks the database).
    static func insertNew(_ profiles: [EnterpriseProfile], fictional: Bool, now: Date, slugs: inout SlugAllocator?,
                          on sql: any SQLDatabase, log: ChangeLog) async throws -> [Enterprise] {
        let enterprises: [Enterprise]
        if slugs != nil {
            enterprises = try newRecords(profiles, fictional: fictional, now: now, slugs: &slugs!)
        } else {
            var batchSlugs = Set<String>()
            var free: [String] = []
            for profile in profiles {
                let slug = try await freeSlug(for: profile, alsoTaken: batchSlugs, on: sql)
                batchSlugs.insert(slug)
                free.append(slug)
            }
            var given = SlugAllocator(taken: [])
            enterprises = try newRecords(profiles, fictional: fictional, now: now, slugs: &given, chosen: free)
        }
        try await write(enterprises, statements: try insertStatements(enterprises, for: sql), now: now, on: sql, log: log)
        return enterprises
    }

    /// New records for `profiles`, with ids and free slugs (`chosen`, or allocated from `slugs`);
    /// a NEQ given twice in the batch is refused. Touches no database.
    static func newRecords(_ profiles: [EnterpriseProfile], fictional: Bool, now: Date, slugs: inout SlugAllocator,
                           chosen: [String]? = nil) throws -> [Enterprise] {
        var seenNEQs: [String: String] = [:]
        var enterprises: [Enterprise] = []
        enterprises.reserveCapacity(profiles.count)
        for (index, profile) in profiles.enumerated() {
            let slug = chosen?[index] ?? slugs.allocate(Slug.make(from: profile.name))
            if let neq = profile.neq {
                if let other = seenNEQs[neq] { throw StoreError.duplicateNEQ(neq: neq, existingSlug: other) }
                seenNEQs[neq] = slug
            }
            enterprises.append(Enterprise(id: RecordID.next(), slug: slug, profile: profile, isFictional: fictional,
                                          version: 1, createdAt: now, updatedAt: now, archivedAt: nil))
        }
        return enterprises
    }

    /// Stores new records whose INSERT statements were made by ``insertStatements(_:for:)``:
    /// their NEQs checked against the stored ones, the rows, then their change records.
    static func write(_ enterprises: [Enterprise], statements: [SerializedQuery], now: Date, on sql: any SQLDatabase, log: ChangeLog) async throws {
        try await checkNEQsAreFree(enterprises.compactMap(\.profile.neq), excluding: nil, on: sql)
        for statement in statements { try await sql.execute(sql: statement) { _ in } }
        try await log.record(enterprises.map { ($0.id, "create", $0.version) }, at: now)
    }

    static let maxBindings = 30_000

    /// The INSERTs of the records and of their child rows, in the dialect of `sql` (which is
    /// only read for its dialect: this may run beside queries on it). Batched multi-row inserts
    /// keep bulk loads fast while staying under both databases' limits on bound parameters per
    /// statement (SQLite 32,766; PostgreSQL 65,535).
    static func insertStatements(_ enterprises: [Enterprise], for sql: any SQLDatabase, main: Bool = true) throws -> [SerializedQuery] {
        let sqlite = sql.dialect.name == "sqlite"
        var statements: [SerializedQuery] = []
        func add(_ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]]) throws {
            for chunk in rows.chunked(by: maxBindings / max(1, columns.count)) {
                statements.append(try SerializedQuery.insert(into: table, columns: columns, rows: chunk, sqlite: sqlite))
            }
        }
        if main {
            // A batch's records share one creation date: written once, not once per record.
            var stamps: [Date: String] = [:]
            func stamp(_ date: Date) -> String {
                if let text = stamps[date] { return text }
                let text = Timestamp.string(from: date)
                stamps[date] = text
                return text
            }
            try add("enterprises", EnterpriseRows.mainColumns, enterprises.map { EnterpriseRows.mainBinds($0, timestamp: stamp) })
        }
        let children = enterprises.map(EnterpriseRows.childRows)
        for table in EnterpriseRows.childTables {
            try add(table, EnterpriseRows.childColumns[table] ?? [], children.flatMap { $0[table] ?? [] })
        }
        return statements
    }

    static func insertChildRows(_ enterprises: [Enterprise], on sql: any SQLDatabase) async throws {
        for statement in try insertStatements(enterprises, for: sql, main: false) { try await sql.execute(sql: statement) { _ in } }
    }

    static func checkNEQsAreFree(_ neqs: [String], excluding id: String?, on sql: any SQLDatabase) async throws {
        for chunk in neqs.chunked(by: 500) {
            var query = sql.select().columns("neq", "slug").from("enterprises").where("neq", .in, SQLBind.group(chunk.map { $0 as any Encodable & Sendable }))
            if let id { query = query.where("id", .notEqual, SQLBind(id)) }
            if let row = try await query.first() {
                throw StoreError.duplicateNEQ(neq: try row.decode(column: "neq", as: String.self),
                                              existingSlug: try row.decode(column: "slug", as: String.self))
            }
        }
    }

    /// A slug made from the name, made unique with a number, asking the database.
    static func freeSlug(for profile: EnterpriseProfile, alsoTaken: Set<String>, on sql: any SQLDatabase) async throws -> String {
        let base = Slug.make(from: profile.name)
        let rows = try await sql.select().column("slug").from("enterprises")
            .where("slug", .equal, SQLBind(base)).orWhere("slug", .like, SQLBind(base + "-%")).all()
        var allocator = SlugAllocator(taken: alsoTaken.union(try rows.map { try $0.decode(column: "slug", as: String.self) }))
        return allocator.allocate(base)
    }

    /// Writes profiles that arrive in batches (the next one being prepared while one is written),
    /// all in one transaction: a batch that fails leaves nothing behind. Returns how many were written.
    public func createMany<Batches: AsyncSequence & Sendable>(batches: Batches, fictional: Bool, now: Date = Date()) async throws -> Int
        where Batches.Element == [EnterpriseProfile] {
        let now = Timestamp.stored(now)
        let sqlite = database.dialect == .sqlite
        return try await database.write { sql, log in
            // On SQLite, a larger page cache for the bulk write, given back afterwards whatever happens.
            if sqlite { try await sql.raw("PRAGMA cache_size = -65536").run() }
            do {
                // Into an empty directory (the demo set, a first load), SQLite builds the secondary
                // indexes once at the end, sorted, rather than row by row in random order; the
                // transaction undoes the drop if anything fails.
                let deferredIndexes = sqlite ? try await Self.dropSecondaryIndexesIfEmpty(on: sql) : []
                // Each batch's records and INSERT statements are made on another thread while the
                // previous batch is written: the write is the one part that cannot be shared.
                var slugs = try await SlugAllocator(on: sql)
                var preparing: Task<Prepared, any Error>?
                var written = 0
                func prepare(_ batch: [EnterpriseProfile], _ slugs: SlugAllocator) -> Task<Prepared, any Error> {
                    Task.detached {
                        var slugs = slugs
                        let enterprises = try Self.newRecords(batch, fictional: fictional, now: now, slugs: &slugs)
                        return Prepared(enterprises: enterprises, statements: try Self.insertStatements(enterprises, for: sql), slugs: slugs)
                    }
                }
                for try await batch in batches {
                    if let previous = preparing {
                        let ready = try await previous.value
                        slugs = ready.slugs
                        preparing = prepare(batch, slugs)
                        try await Self.write(ready.enterprises, statements: ready.statements, now: now, on: sql, log: log)
                        written += ready.enterprises.count
                    } else {
                        preparing = prepare(batch, slugs)
                    }
                }
                if let last = preparing {
                    let ready = try await last.value
                    try await Self.write(ready.enterprises, statements: ready.statements, now: now, on: sql, log: log)
                    written += ready.enterprises.count
                }
                for definition in deferredIndexes { try await sql.raw(SQLQueryString(definition)).run() }
                if sqlite { try await Self.restoreCache(on: sql) }
                return written
            } catch {
                if sqlite { try await Self.restoreCache(on: sql) }
                throw error
            }
        }
    }

    /// A batch ready to write, and the slugs taken once it is.
    private struct Prepared: Sendable {
        var enterprises: [Enterprise]
        var statements: [SerializedQuery]
        var slugs: SlugAllocator
    }
}

extension EnterpriseStore {
    /// The tables a bulk write fills, whose named indexes it may build at the end.
    static let bulkTables = ["enterprises", "enterprise_sectors", "enterprise_certifications", "offerings",
                             "managers", "municipal_contracts", "changes"]

    /// On SQLite, when no enterprise exists yet: drops the named (non-unique, migration-made)
    /// indexes of the bulk tables and returns their definitions, to be run again after the write
    /// in the same transaction. Unique and primary-key indexes stay and keep checking every row.
    static func dropSecondaryIndexesIfEmpty(on sql: any SQLDatabase) async throws -> [String] {
        let existing = try await sql.raw("SELECT 1 AS one FROM enterprises LIMIT 1").all()
        guard existing.isEmpty else { return [] }
        let tables = bulkTables.map { "'\($0)'" }.joined(separator: ", ")
        let rows = try await sql.raw(SQLQueryString(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(unsafeRaw: tables)) ORDER BY name"
        )).all()
        var definitions: [String] = []
        for row in rows {
            let name = try row.decode(column: "name", as: String.self)
            let definition = try row.decode(column: "sql", as: String.self)
            guard !definition.uppercased().hasPrefix("CREATE UNIQUE") else { continue }
            try await sql.raw(SQLQueryString("DROP INDEX \(ident: name)")).run()
            definitions.append(definition)
        }
        return definitions
    }

    /// SQLite's default page cache (2 MB), and the memory of the larger one released.
    static func restoreCache(on sql: any SQLDatabase) async throws {
        try await sql.raw("PRAGMA cache_size = -2000").run()
        try await sql.raw("PRAGMA shrink_memory").run()
    }
}

/// Hands out unique slugs for many new records: `name`, then `name-2`, `name-3`… without
/// scanning from 2 again for each record of a frequent name.
struct SlugAllocator: Sendable {
    var taken: Set<String>
    private var next: [String: Int] = [:]

    init(taken: Set<String>) { self.taken = taken }

    /// Every slug of the directory, archived records included.
    init(on sql: any SQLDatabase) async throws {
        self.init(taken: Set(try await sql.select().column("slug").from("enterprises").all()
            .map { try $0.decode(column: "slug", as: String.self) }))
    }

    mutating func allocate(_ base: String) -> String {
        var candidate = base
        var counter = next[base] ?? 2
        while taken.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        if candidate != base { next[base] = counter }
        taken.insert(candidate)
        return candidate
    }
}

/// One entry of the store-wide change log.
public struct Change: Sendable, Equatable {
    public var sequence: Int64
    public var entity: String
    public var entityID: String
    public var action: String
    public var version: Int
    public var changedAt: Date
}

extension Array {
    func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
