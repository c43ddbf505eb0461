import Foundation
import Logging

/// The work behind the `repertoire` subcommands, kept in the library so tests can run it.
public enum Tasks {
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// `repertoire demo`: writes the default demo set, or `count` synthetic enterprises.
    public static func writeDemoData(to location: DatabaseLocation, count: Int?, seed: UInt64, append: Bool, logger: Logger) async throws -> String {
        try await withMigratedDatabase(location, logger: logger) { database in
            let existing = try await EnterpriseStore(database: database).count(includeArchived: true)
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
            try await ReferenceStore(database: database).setSetting(DemoSeeder.settingKey, to: "\(written) fictional enterprises, seed \(seed)")
            return "Wrote \(written) fictional enterprises (seed \(seed)) to \(location) in \(ContinuousClock.now - started) (made, checked and stored together)."
        }
    }

    /// `repertoire bench`: loads the database's enterprises (or makes `count` synthetic ones in
    /// memory) and measures the search index.
    public static func benchmarkSearch(database location: DatabaseLocation?, count: Int?, seed: UInt64, iterations: Int, logger: Logger) async throws -> SearchBench.Report {
        if let location {
            return try await withMigratedDatabase(location, logger: logger) { database in
                let start = ContinuousClock.now
                let (enterprises, _) = try await EnterpriseStore(database: database).snapshot()
                let catalog = try await ReferenceStore(database: database).catalog()
                let load = SearchBench.seconds(ContinuousClock.now - start)
                guard !enterprises.isEmpty else { throw Refusal(description: "\(location) holds no enterprise: fill it first with repertoire demo --count N") }
                return try SearchBench.run(enterprises, catalog: catalog, loadSeconds: load, iterations: iterations)
            }
        }
        let (enterprises, catalog) = SearchBench.synthetic(count: count ?? 11_000, seed: seed)
        return try SearchBench.run(enterprises, catalog: catalog, iterations: iterations)
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
