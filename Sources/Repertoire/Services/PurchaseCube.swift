import Foundation
import SQLKit
import Synchronization

/// The purchasing record held in memory as compact rows, for the dashboards of wide territories
/// (a region, Quebec): one pass over 200 000 contracts in Swift takes a few milliseconds, where
/// SQLite's GROUP BY over six columns takes half a second. Every write of the record changes a
/// generation stored with it (in the same transaction), so every instance reloads after any
/// instance's write; the enterprises' figures (jobs, volunteers) are reloaded when the change
/// log moves.
final class PurchaseCube: Sendable {
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

    /// Codes numbered once per load: rows hold their numbers.
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
        var generation: String
        var rows: [Row] = []
        var municipalities = Codes(), mrcs = Codes(), regions = Codes(), procedures = Codes(), kinds = Codes(), sectors = Codes(), enterprises = Codes()
    }

    struct Benefits: Sendable {
        var changeSeq: Int64
        var generation: String
        /// Employees, integration employees, volunteers, per enterprise number of the snapshot.
        var figures: [Int32: (Int, Int, Int)]
    }

    static let generationKey = "purchase-record-generation"

    let database: Database
    private let state = Mutex<(snapshot: Snapshot?, benefits: Benefits?)>((nil, nil))
    private let loading = AsyncLock()

    init(database: Database) {
        self.database = database
    }

    /// Marks the record changed, inside the writing transaction.
    static func touch(on sql: any SQLDatabase) async throws {
        try await sql.delete(from: "app_settings").where("key", .equal, SQLBind(generationKey)).run()
        try await sql.insert(into: "app_settings").columns("key", "value").values(SQLBind(generationKey), SQLBind(UUID().uuidString)).run()
    }

    private func currentGeneration() async throws -> (generation: String, changeSeq: Int64) {
        try await database.read { sql in
            let generation = try await sql.select().column("value").from("app_settings").where("key", .equal, SQLBind(Self.generationKey))
                .first()?.decode(column: "value", as: String.self) ?? ""
            let seq = try await sql.raw("SELECT MAX(seq) AS seq FROM changes").first()?.decode(column: "seq", as: Int64?.self) ?? 0
            return (generation, seq ?? 0)
        }
    }

    /// The record as of now, reloaded when any instance wrote since the last load.
    func current() async throws -> (Snapshot, Benefits) {
        let (generation, seq) = try await currentGeneration()
        let cached = state.withLock { $0 }
        if let snapshot = cached.snapshot, let benefits = cached.benefits,
           snapshot.generation == generation, benefits.generation == generation, benefits.changeSeq == seq {
            return (snapshot, benefits)
        }
        return try await loading.withLock {
            var snapshot = self.state.withLock { $0.snapshot }
            if snapshot?.generation != generation { snapshot = try await self.load(generation) }
            guard let snapshot else { throw StoreError.notFound(id: Self.generationKey) }
            var benefits = self.state.withLock { $0.benefits }
            if benefits?.changeSeq != seq || benefits?.generation != generation { benefits = try await self.loadBenefits(snapshot, changeSeq: seq) }
            guard let benefits else { throw StoreError.notFound(id: Self.generationKey) }
            self.state.withLock { $0 = (snapshot, benefits) }
            return (snapshot, benefits)
        }
    }

    private func load(_ generation: String) async throws -> Snapshot {
        try await database.read { sql in
            var snapshot = Snapshot(generation: generation)
            let rows = try await sql.raw("""
                SELECT year, procedure, kind, sector_slug, municipality_code, region_code, mrc_code, supplier_municipality_code, supplier_mrc_code,
                       COALESCE(enterprise_id, '') AS enterprise_id, amount_cents
                FROM purchase_contracts
                """).all()
            snapshot.rows.reserveCapacity(rows.count)
            for row in rows {
                let municipality = try row.decode(column: "municipality_code", as: String.self)
                let mrc = try row.decode(column: "mrc_code", as: String.self)
                let enterprise = try row.decode(column: "enterprise_id", as: String.self)
                let supplierMunicipality = try row.decode(column: "supplier_municipality_code", as: String.self)
                let supplierMRC = try row.decode(column: "supplier_mrc_code", as: String.self)
                snapshot.rows.append(Row(
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
                    sameMRC: !mrc.isEmpty && supplierMRC == mrc))
            }
            return snapshot
        }
    }

    private func loadBenefits(_ snapshot: Snapshot, changeSeq: Int64) async throws -> Benefits {
        try await database.read { sql in
            var figures: [Int32: (Int, Int, Int)] = [:]
            let rows = try await sql.raw("""
                SELECT id, COALESCE(employees, 0) AS employees, COALESCE(integration_employees, 0) AS integration, COALESCE(volunteers, 0) AS volunteers
                FROM enterprises WHERE id IN (SELECT DISTINCT enterprise_id FROM purchase_contracts WHERE enterprise_id IS NOT NULL)
                """).all()
            for row in rows {
                guard let number = snapshot.enterprises.numbers[try row.decode(column: "id", as: String.self)] else { continue }
                figures[Int32(number)] = (try row.decode(column: "employees", as: Int.self), try row.decode(column: "integration", as: Int.self),
                                          try row.decode(column: "volunteers", as: Int.self))
            }
            return Benefits(changeSeq: changeSeq, generation: snapshot.generation, figures: figures)
        }
    }

    /// The dashboard of a filter, in one pass over the rows.
    func dashboard(_ filter: PurchaseFilter) async throws -> PurchaseDashboard {
        let (snapshot, benefits) = try await current()
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
            guard let figures = benefits.figures[number] else { continue }
            dashboard.enterprises += 1
            dashboard.employees += figures.0
            dashboard.integrationEmployees += figures.1
            dashboard.volunteers += figures.2
        }
        return dashboard
    }
}
