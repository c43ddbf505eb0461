import Foundation
import SQLKit

/// A fictional purchasing record for the demo and the dashboard benchmark: contracts of the
/// database's municipalities with the database's enterprises over the last ten years, the amounts
/// spread from a few hundred dollars to half a million and the procedure following the amount as
/// the rules ask. The same seed gives the same record; every contract is marked fictional.
enum DemoPurchases {
    struct Supplier: Sendable {
        var id: String
        var name: String
        var neq: String
        var municipality: String
        var region: String
        var sector: String
    }

    /// The suppliers the record draws from: the directory's enterprises, by region.
    static func suppliers(_ database: Database) async throws -> [Supplier] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT e.id, e.name, COALESCE(e.neq, '') AS neq, COALESCE(e.municipality_code, '') AS municipality, e.region_code,
                       COALESCE((SELECT s.sector_slug FROM enterprise_sectors s WHERE s.enterprise_id = e.id ORDER BY s.position LIMIT 1), '') AS sector
                FROM enterprises e WHERE e.archived_at IS NULL ORDER BY e.id
                """).all().map { row in
                Supplier(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                         neq: try row.decode(column: "neq", as: String.self), municipality: try row.decode(column: "municipality", as: String.self),
                         region: try row.decode(column: "region_code", as: String.self), sector: try row.decode(column: "sector", as: String.self))
            }
        }
    }

    /// `count` contracts, made in memory.
    static func make(count: Int, seed: UInt64, suppliers: [Supplier], catalog: MunicipalityCatalog, now: Date = Date()) -> [PurchaseContract] {
        let municipalities = catalog.all
        guard !suppliers.isEmpty, !municipalities.isEmpty else { return [] }
        let byRegion = Dictionary(grouping: suppliers.indices, by: { suppliers[$0].region })
        let thisYear = Calendar(identifier: .gregorian).component(.year, from: now)
        let today = CalendarDay.string(from: now)
        let kinds = ContractKind.allCases
        var contracts: [PurchaseContract] = []
        contracts.reserveCapacity(count)
        for index in 0..<count {
            var random = DemoRandom(seed: seed, stream: UInt64(index) &+ 0x5EA0)
            let municipality = municipalities[random.int(0...(municipalities.count - 1))]
            // Two contracts in three go to an enterprise of the buyer's region, when it has any.
            let local = byRegion[municipality.regionCode] ?? []
            let pick = !local.isEmpty && random.int(0...2) < 2 ? local[random.int(0...(local.count - 1))] : random.int(0...(suppliers.count - 1))
            let supplier = suppliers[pick]
            let year = thisYear - random.int(0...9)
            var day = String(format: "%04d-%02d-%02d", year, random.int(1...12), random.int(1...28))
            if day > today { day = today }
            // Log-uniform from 500 $ to 500 000 $.
            let cents = Int64((500.0 * pow(1000.0, Double(random.int(0...10_000)) / 10_000.0)).rounded()) * 100
            let procedure: PurchaseContract.Procedure = cents < 2_500_000 ? .mutualAgreement : cents < 12_120_000 ? .writtenInvitation : .publicCall
            let kind = kinds[random.int(0...(kinds.count - 1))]
            let sectorName = Sector.find(supplier.sector)?.name.lowercased() ?? "économie sociale"
            contracts.append(PurchaseContract(
                id: RecordID.next(now: now), municipalityCode: municipality.code, mrcCode: catalog.mrcCode(of: municipality.code) ?? "",
                regionCode: municipality.regionCode, enterpriseID: supplier.id, supplierName: supplier.name, supplierNEQ: supplier.neq,
                supplierMunicipalityCode: supplier.municipality, supplierMRCCode: catalog.mrcCode(of: supplier.municipality) ?? "",
                sectorSlug: supplier.sector, awardedOn: day, amountCents: cents, procedure: procedure, kind: kind.rawValue,
                description: "Contrat fictif — \(kind.name.lowercased()), \(sectorName)", callID: nil, isFictional: true, version: 1,
                createdBy: nil, createdAt: now, updatedAt: now))
        }
        return contracts
    }

    /// Writes `count` fictional contracts into the database; returns how many.
    static func write(count: Int, seed: UInt64, into database: Database) async throws -> Int {
        let suppliers = try await Self.suppliers(database)
        let catalog = try await ReferenceStore(database: database).catalog()
        let store = PurchaseRecordStore(database: database)
        var written = 0
        let batch = 20_000
        while written < count {
            let size = min(batch, count - written)
            // Each batch continues the stream where the previous one stopped.
            let contracts = make(count: size, seed: seed &+ UInt64(written), suppliers: suppliers, catalog: catalog)
            guard !contracts.isEmpty else { break }
            try await store.insertMany(contracts)
            written += contracts.count
        }
        return written
    }
}
