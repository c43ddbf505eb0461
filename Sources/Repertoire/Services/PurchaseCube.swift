import Foundation
import SQLKit
import Synchronization

/// The purchasing record held in memory as compact rows, for the dashboards: one pass over
/// 200 000 contracts in Swift takes a few milliseconds, where SQLite's GROUP BY over six columns
/// takes half a second. Every write of the record appends to the store's change log (entity
/// `contract`, under the log's lock), so that each request first reads the log's last number and,
/// when it moved, applies only what changed since: the contracts written and the enterprises
/// whose figures (jobs, volunteers) changed, whichever instance wrote them.
final class PurchaseCube: Sendable {
    /// The change log's entity for contracts.
    static let entity = "contract"
    /// More changes than this since the last look: load everything again.
    static let incrementalLimit = 20_000

    struct Row: Sendable {
        var amountCents: Int64
        var enterprise: Int32
        var municipality: UInt16
        var mrc: UInt16
        var year: Int16
        var region: UInt8
        var procedure: UInt8
        var kind: UInt8
        var sector: UInt8
        var sameMunicipality: Bool
        var sameMRC: Bool
    }

    /// Codes numbered once: rows hold their numbers.
    struct Codes: Sendable {
        var values: [String] = []
        var numbers: [String: Int] = [:]

        mutating func number(_ value: String) -> Int {
            if let number = numbers[value] { return number }
            values.append(value)
            numbers[value] = values.count - 1
            return values.count - 1
        }
    }

    struct Snapshot: Sendable {
        /// The change log's last number this snapshot includes.
        var seq: Int64
        var rows: [Row] = []
        /// The contract of each row, and the row of each contract.
        var ids: [String] = []
        var positions: [String: Int] = [:]
        var municipalities = Codes(), mrcs = Codes(), regions = Codes(), procedures = Codes(), kinds = Codes(), sectors = Codes(), enterprises = Codes()
        /// Employees, integration employees, volunteers, per enterprise number.
        var figures: [Int32: (Int, Int, Int)] = [:]

        mutating func put(_ id: String, _ row: Row) {
            if let position = positions[id] {
                rows[position] = row
            } else {
                positions[id] = rows.count
                rows.append(row)
                ids.append(id)
            }
        }

        mutating func remove(_ id: String) {
            guard let position = positions.removeValue(forKey: id) else { return }
            let last = rows.count - 1
            if position != last {
                rows[position] = rows[last]
                ids[position] = ids[last]
                positions[ids[position]] = position
            }
            rows.removeLast()
            ids.removeLast()
        }
    }

    let database: Database
    private let state = Mutex<Snapshot?>(nil)
    private let loading = AsyncLock()

    init(database: Database) {
        self.database = database
    }

    private static let rowColumns = """
        id, year, procedure, kind, sector_slug, municipality_code, region_code, mrc_code, supplier_municipality_code, supplier_mrc_code,
        COALESCE(enterprise_id, '') AS enterprise_id, amount_cents
        """

    private static func lastSeq(on sql: any SQLDatabase) async throws -> Int64 {
        try await ChangeLog.lastSeq(on: sql)
    }

    /// The record as of now: unchanged, brought up to date, or loaded.
    func current() async throws -> Snapshot {
        let seq = try await database.read { sql in try await Self.lastSeq(on: sql) }
        if let snapshot = state.withLock({ $0 }), snapshot.seq == seq { return snapshot }
        return try await loading.withLock {
            let cached = self.state.withLock { $0 }
            if let cached, cached.seq >= seq { return cached }
            let snapshot = if let cached { try await self.update(cached) } else { try await self.load() }
            self.state.withLock { $0 = snapshot }
            return snapshot
        }
    }

    /// Everything, with the change log's number read first: a write after it is applied later.
    private func load() async throws -> Snapshot {
        try await database.read { sql in
            var snapshot = Snapshot(seq: try await Self.lastSeq(on: sql))
            let rows = try await sql.raw("SELECT \(unsafeRaw: Self.rowColumns) FROM purchase_contracts").all()
            snapshot.rows.reserveCapacity(rows.count)
            for row in rows { try Self.put(row, into: &snapshot) }
            try await Self.loadFigures(of: nil, into: &snapshot, on: sql)
            return snapshot
        }
    }

    /// What changed since the snapshot: the contracts written, the enterprises changed.
    private func update(_ cached: Snapshot) async throws -> Snapshot {
        try await database.read { sql in
            let changes = try await sql.raw("""
                SELECT seq, entity, entity_id FROM changes WHERE seq > \(bind: cached.seq) ORDER BY seq LIMIT \(literal: Self.incrementalLimit + 1)
                """).all()
            if changes.count > Self.incrementalLimit { return try await self.load() }
            var snapshot = cached
            var contracts = Set<String>(), enterprises = Set<String>()
            for change in changes {
                snapshot.seq = max(snapshot.seq, try change.decode(column: "seq", as: Int64.self))
                let id = try change.decode(column: "entity_id", as: String.self)
                switch try change.decode(column: "entity", as: String.self) {
                case Self.entity: contracts.insert(id)
                case "enterprise": enterprises.insert(id)
                default: break
                }
            }
            for chunk in Array(contracts).chunked(by: 500) {
                let rows = try await sql.raw("SELECT \(unsafeRaw: Self.rowColumns) FROM purchase_contracts WHERE id IN (\(binds: Array(chunk)))").all()
                var found = Set<String>()
                for row in rows {
                    found.insert(try row.decode(column: "id", as: String.self))
                    try Self.put(row, into: &snapshot)
                    enterprises.insert(try row.decode(column: "enterprise_id", as: String.self))
                }
                for id in chunk where !found.contains(id) { snapshot.remove(id) }
            }
            enterprises.remove("")
            if !enterprises.isEmpty { try await Self.loadFigures(of: Array(enterprises), into: &snapshot, on: sql) }
            return snapshot
        }
    }

    private static func put(_ row: any SQLRow, into snapshot: inout Snapshot) throws {
        let municipality = try row.decode(column: "municipality_code", as: String.self)
        let mrc = try row.decode(column: "mrc_code", as: String.self)
        let enterprise = try row.decode(column: "enterprise_id", as: String.self)
        let supplierMunicipality = try row.decode(column: "supplier_municipality_code", as: String.self)
        let supplierMRC = try row.decode(column: "supplier_mrc_code", as: String.self)
        let compact = Row(
            amountCents: try row.decode(column: "amount_cents", as: Int64.self),
            enterprise: enterprise.isEmpty ? -1 : Int32(snapshot.enterprises.number(enterprise)),
            municipality: UInt16(truncatingIfNeeded: snapshot.municipalities.number(municipality)),
            mrc: UInt16(truncatingIfNeeded: snapshot.mrcs.number(mrc)),
            year: Int16(truncatingIfNeeded: try row.decode(column: "year", as: Int.self)),
            region: UInt8(truncatingIfNeeded: snapshot.regions.number(try row.decode(column: "region_code", as: String.self))),
            procedure: UInt8(truncatingIfNeeded: snapshot.procedures.number(try row.decode(column: "procedure", as: String.self))),
            kind: UInt8(truncatingIfNeeded: snapshot.kinds.number(try row.decode(column: "kind", as: String.self))),
            sector: UInt8(truncatingIfNeeded: snapshot.sectors.number(try row.decode(column: "sector_slug", as: String.self))),
            sameMunicipality: supplierMunicipality == municipality,
            sameMRC: !mrc.isEmpty && supplierMRC == mrc)
        snapshot.put(try row.decode(column: "id", as: String.self), compact)
    }

    /// The jobs and volunteers of the enterprises contracted (all of them, or those given).
    private static func loadFigures(of ids: [String]?, into snapshot: inout Snapshot, on sql: any SQLDatabase) async throws {
        let select: SQLQueryString = """
            SELECT id, COALESCE(employees, 0) AS employees, COALESCE(integration_employees, 0) AS integration, COALESCE(volunteers, 0) AS volunteers
            FROM enterprises WHERE
            """
        var batches: [SQLQueryString] = []
        if let ids {
            batches = ids.chunked(by: 500).map { " id IN (\(binds: Array($0)))" }
        } else {
            batches = [" id IN (SELECT DISTINCT enterprise_id FROM purchase_contracts WHERE enterprise_id IS NOT NULL)"]
        }
        for condition in batches {
            for row in try await sql.raw(select + condition).all() {
                guard let number = snapshot.enterprises.numbers[try row.decode(column: "id", as: String.self)] else { continue }
                snapshot.figures[Int32(number)] = (try row.decode(column: "employees", as: Int.self), try row.decode(column: "integration", as: Int.self),
                                                   try row.decode(column: "volunteers", as: Int.self))
            }
        }
    }

    /// The dashboard of a filter, in one pass over the rows.
    func dashboard(_ filter: PurchaseFilter) async throws -> PurchaseDashboard {
        let snapshot = try await current()
        func number(_ codes: Codes, _ value: String?) -> Int? { value.map { codes.numbers[$0] ?? -1 } }
        // The scope and the filter's values as the rows' numbers (-1: matches nothing).
        var region = -2, mrc = -2, municipality = -2
        switch filter.scope {
        case .quebec: break
        case .region(let code): region = snapshot.regions.numbers[code] ?? -1
        case .mrc(let code): mrc = snapshot.mrcs.numbers[code] ?? -1
        case .municipality(let code): municipality = snapshot.municipalities.numbers[code] ?? -1
        }
        let sector = number(snapshot.sectors, filter.sector), procedure = number(snapshot.procedures, filter.procedure?.rawValue)
        let kind = number(snapshot.kinds, filter.kind)
        let enterprise = number(snapshot.enterprises, filter.enterpriseID)
        let from = filter.fromYear ?? Int.min, to = filter.toYear ?? Int.max
        struct Key: Hashable { var year: Int16; var procedure: UInt8; var kind: UInt8; var sector: UInt8; var sameMunicipality: Bool; var sameMRC: Bool }
        var groups: [Key: (count: Int, cents: Int64)] = [:]
        var byMunicipality: [Int: (count: Int, cents: Int64)] = [:]
        var enterprises = Set<Int32>()
        var firstYear = Int.max, lastYear = Int.min
        for row in snapshot.rows {
            if region != -2 && Int(row.region) != region { continue }
            if mrc != -2 && Int(row.mrc) != mrc { continue }
            if municipality != -2 && Int(row.municipality) != municipality { continue }
            let year = Int(row.year)
            firstYear = min(firstYear, year)
            lastYear = max(lastYear, year)
            if year < from || year > to { continue }
            if let sector, Int(row.sector) != sector { continue }
            if let procedure, Int(row.procedure) != procedure { continue }
            if let kind, Int(row.kind) != kind { continue }
            if let enterprise, Int(row.enterprise) != enterprise { continue }
            let key = Key(year: row.year, procedure: row.procedure, kind: row.kind, sector: row.sector, sameMunicipality: row.sameMunicipality, sameMRC: row.sameMRC)
            groups[key, default: (0, 0)].count += 1
            groups[key, default: (0, 0)].cents += row.amountCents
            byMunicipality[Int(row.municipality), default: (0, 0)].count += 1
            byMunicipality[Int(row.municipality), default: (0, 0)].cents += row.amountCents
            if row.enterprise >= 0 { enterprises.insert(row.enterprise) }
        }
        var dashboard = PurchaseDashboard(filter: filter, groups: groups.map { key, value in
            PurchaseGroup(year: Int(key.year), procedure: snapshot.procedures.values[Int(key.procedure)], kind: snapshot.kinds.values[Int(key.kind)],
                          sector: snapshot.sectors.values[Int(key.sector)], sameMunicipality: key.sameMunicipality, sameMRC: key.sameMRC,
                          count: value.count, amountCents: value.cents)
        })
        dashboard.years = firstYear <= lastYear ? firstYear...lastYear : nil
        if case .municipality = filter.scope {} else {
            dashboard.byMunicipality = byMunicipality.map { .init(key: snapshot.municipalities.values[$0.key], count: $0.value.count, amountCents: $0.value.cents) }
                .sorted { $0.key < $1.key }
        }
        for number in enterprises {
            guard let figures = snapshot.figures[number] else { continue }
            dashboard.enterprises += 1
            dashboard.employees += figures.0
            dashboard.integrationEmployees += figures.1
            dashboard.volunteers += figures.2
        }
        return dashboard
    }
}
