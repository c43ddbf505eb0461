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
            let profiles = count.map { DemoData.synthetic(count: $0, seed: seed) } ?? DemoData.defaultSet(seed: seed)
            let generated = ContinuousClock.now
            let written = try await DemoSeeder.seed(database, profiles: profiles, logger: logger)
            try await ReferenceStore(database: database).setSetting(DemoSeeder.settingKey, to: "\(written) fictional enterprises, seed \(seed)")
            return "Wrote \(written) fictional enterprises (seed \(seed)) to \(location) — generated in \(generated - started), stored in \(ContinuousClock.now - generated)."
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
