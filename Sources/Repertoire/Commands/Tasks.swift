import Foundation
import Logging

/// The work behind the `repertoire` subcommands, kept in the library so tests can run it.
public enum Tasks {
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// `repertoire demo`: writes the default demo set, or `count` synthetic enterprises.
    public static func writeDemoData(to location: DatabaseLocation, count: Int?, seed: UInt64, append: Bool, contracts: Int? = nil, logger: Logger) async throws -> String {
        try await withMigratedDatabase(location, logger: logger) { database in
            let existing = try await EnterpriseStore(database: database).count(includeArchived: true)
            // Only a purchasing record, for the enterprises already there.
            if let contracts, existing > 0, count == nil, !append {
                let started = ContinuousClock.now
                let written = try await DemoPurchases.write(count: contracts, seed: seed, into: database)
                return "Wrote \(written) fictional contracts (seed \(seed)) to \(location) in \(ContinuousClock.now - started)."
            }
            if existing > 0 && !append {
                throw Refusal(description: "The database already holds \(existing) enterprises; add --append to add the demo set to them.")
            }
            let started = ContinuousClock.now
            // A synthetic set is made batch by batch while the first batches are being written.
            let written = if let count {
                try await DemoSeeder.seed(database, batches: DemoData.SyntheticBatches(count: count, seed: seed, batchSize: 5_000), logger: logger)
            } else {
                try await DemoSeeder.seed(database, profiles: DemoData.defaultSet(seed: seed), logger: logger)
            }
            // The J'achète hub's fictional articles go with the default set (not the benchmarks' synthetic ones).
            if count == nil { try await DemoArticles.write(into: database) }
            try await ReferenceStore(database: database).setSetting(DemoSeeder.settingKey, to: "\(written) fictional enterprises, seed \(seed)")
            var record = ""
            if let contracts {
                let recordStart = ContinuousClock.now
                let writtenContracts = try await DemoPurchases.write(count: contracts, seed: seed, into: database)
                record = " Wrote \(writtenContracts) fictional contracts in \(ContinuousClock.now - recordStart)."
            }
            return "Wrote \(written) fictional enterprises (seed \(seed)) to \(location) in \(ContinuousClock.now - started) (made, checked and stored together).\(record)"
        }
    }

    /// `repertoire bench`: loads the database's enterprises (or makes `count` synthetic ones in
    /// memory) and measures the search index.
    ///
    /// From a database, the records give the queries and the build time (the index built at
    /// once from them), then they go and the directory is loaded as `repertoire serve` loads it;
    /// the queries run on that index, and the RSS reported is that process's: what the server
    /// needs, not the records a benchmark held (issue #10).
    public static func benchmarkSearch(database location: DatabaseLocation?, count: Int?, seed: UInt64, iterations: Int, logger: Logger) async throws -> SearchBench.Report {
        if let location {
            return try await withMigratedDatabase(location, logger: logger) { database in
                let (plan, enterprises, load, build) = try await planFromRecords(database, location)
                let directory = DirectoryService(database: database, synonyms: try SynonymTable.parse(SynonymTable.defaultSynonymsText), logger: logger)
                try await directory.loadIndex()
                return plan.measure(directory.index, enterprises: enterprises, loadSeconds: load, buildSeconds: build, iterations: iterations)
            }
        }
        let (enterprises, catalog) = SearchBench.synthetic(count: count ?? 11_000, seed: seed)
        return try SearchBench.run(enterprises, catalog: catalog, iterations: iterations)
    }

    /// The records' part of `repertoire bench --database`: the queries picked from them, their
    /// count, the load's and an index build's seconds. The records go when it returns.
    private static func planFromRecords(_ database: Database, _ location: DatabaseLocation) async throws -> (SearchBench.Plan, Int, Double, Double) {
        let start = ContinuousClock.now
        let (enterprises, _) = try await EnterpriseStore(database: database).snapshot()
        let catalog = try await ReferenceStore(database: database).catalog()
        let load = SearchBench.seconds(ContinuousClock.now - start)
        guard !enterprises.isEmpty else { throw Refusal(description: "\(location) holds no enterprise: fill it first with repertoire demo --count N") }
        let (_, build) = try SearchBench.timedBuild(enterprises, catalog: catalog)
        return (SearchBench.Plan(enterprises, catalog: catalog), enterprises.count, load, build)
    }

    /// `repertoire bench-dashboard`: the dashboards of the purchasing record, timed in process
    /// as the server computes them, beside the cheapest query that reads every contract.
    public static func benchmarkDashboard(_ location: DatabaseLocation, iterations: Int, logger: Logger) async throws -> String {
        try await withMigratedDatabase(location, logger: logger) { database in
            let directory = DirectoryService(database: database, synonyms: try SynonymTable.parse(SynonymTable.defaultSynonymsText), logger: logger)
            try await directory.loadIndex()
            let service = PurchaseRecordService(store: PurchaseRecordStore(database: database), directory: directory, callStore: CallStore(database: database),
                                                mail: MemoryMailQueue(), baseURL: "")
            let total = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM purchase_contracts").first()?.decode(column: "n", as: Int.self) ?? 0
            }
            guard total > 0 else { throw Refusal(description: "\(location) holds no contract: fill it first with repertoire demo --contracts N") }
            let busiest = try await database.read { sql in
                try await sql.raw("SELECT municipality_code, region_code, COUNT(*) AS n FROM purchase_contracts GROUP BY municipality_code, region_code ORDER BY n DESC LIMIT 1").first()
            }
            let municipality = try busiest?.decode(column: "municipality_code", as: String.self) ?? ""
            let region = try busiest?.decode(column: "region_code", as: String.self) ?? ""
            func time(_ body: () async throws -> Void) async throws -> (p50: Double, p95: Double) {
                try await body()  // warm-up
                var samples: [Double] = []
                for _ in 0..<iterations {
                    let start = ContinuousClock.now
                    try await body()
                    let elapsed = ContinuousClock.now - start
                    samples.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
                }
                samples.sort()
                return (samples[samples.count / 2], samples[min(samples.count - 1, Int(Double(samples.count) * 0.95))])
            }
            let scan = try await time {
                _ = try await database.read { sql in try await sql.raw("SELECT COUNT(*) AS n, CAST(SUM(amount_cents) AS BIGINT) AS s FROM purchase_contracts").all() }
            }
            func line(_ label: String, _ figures: (p50: Double, p95: Double), ratio: Bool = true) -> String {
                "  " + label.padding(toLength: 48, withPad: " ", startingAt: 0) + String(format: "p50 %8.1f ms  p95 %8.1f ms", figures.p50, figures.p95)
                    + (ratio ? String(format: "  (%.2f× the scan)", figures.p50 / max(scan.p50, 0.001)) : "")
            }
            var lines = ["purchasing dashboards on \(total) contracts (\(location.description.hasPrefix("postgres") ? "PostgreSQL" : "SQLite")), \(iterations) runs each",
                         line("peer: bare scan (COUNT, SUM of every row)", scan, ratio: false)]
            for (label, filter) in [("Quebec, every year", PurchaseFilter(scope: .quebec)),
                                    ("Quebec, one sector", PurchaseFilter(scope: .quebec, sector: "environnement-recuperation-recyclage")),
                                    ("region \(region), every year", PurchaseFilter(scope: .region(region))),
                                    ("municipality \(municipality), every year", PurchaseFilter(scope: .municipality(municipality)))] {
                lines.append(line(label, try await time { _ = try await service.dashboard(filter) }))
            }
            // After a write (here, one contract recorded), the next request applies only it.
            let template = try await service.store.contracts(PurchaseFilter(scope: .quebec), limit: 1).contracts.first
            lines.append(line("Quebec, first request after a write", try await time {
                if var contract = template {
                    contract.id = RecordID.next()
                    try await service.store.create(contract, author: nil, client: "bench")
                }
                _ = try await service.dashboard(PurchaseFilter(scope: .quebec))
            }))
            // A new instance: the whole record loaded.
            lines.append(line("Quebec, first request of an instance (load)", try await time {
                _ = try await PurchaseCube(database: database).dashboard(PurchaseFilter(scope: .quebec))
            }))
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// `repertoire municipalities import FILE`.
    public static func importMunicipalities(file: String, into location: DatabaseLocation, logger: Logger) async throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw Refusal(description: "Cannot read \(file): no such file or not readable.")
        }
        let municipalities: [Municipality]
        do {
            municipalities = try MunicipalityFile.parse(data)
        } catch {
            throw Refusal(description: "\(file): \(error.description) — nothing was imported.")
        }
        return try await withMigratedDatabase(location, logger: logger) { database in
            let counts = try await ReferenceStore(database: database).upsertMunicipalities(municipalities)
            return "\(municipalities.count) municipalities read from \(file): \(counts.created) added, \(counts.updated) updated, \(counts.unchanged) unchanged."
        }
    }
}
