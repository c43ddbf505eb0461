import Foundation
import Logging

/// Writes the fictional demo data into a database: its municipalities, then its enterprises,
/// all in one transaction per step so a failure leaves no partial set.
public enum DemoSeeder {
    static let settingKey = "demo_data"

    /// Fills the database with the default demo set unless it already holds enterprises or was
    /// filled once before (an emptied production database is not refilled behind anyone's back).
    @discardableResult
    public static func seedIfEmpty(_ database: Database, logger: Logger) async throws -> Int {
        let store = EnterpriseStore(database: database)
        let references = ReferenceStore(database: database)
        if try await references.setting(settingKey) != nil { return 0 }
        if try await store.count(includeArchived: true) > 0 { return 0 }
        let count = try await seed(database, profiles: DemoData.defaultSet(), logger: logger)
        try await references.setSetting(settingKey, to: "default set, \(count) fictional enterprises, \(Timestamp.string(from: Date()))")
        return count
    }

    /// Writes the given profiles (validated against the demo municipalities) as fictional records,
    /// in one transaction: an invalid profile leaves nothing written. Each batch is validated (on
    /// every core) while the previous one is being written.
    public static func seed(_ database: Database, profiles: [EnterpriseProfile], logger: Logger) async throws -> Int {
        let references = ReferenceStore(database: database)
        let started = ContinuousClock.now
        try await references.upsertMunicipalities(DemoData.municipalities)
        let catalog = try await references.catalog()
        let batches = profiles.chunked(by: 5_000).map(Array.init)
        // Unbounded: the profiles are all in memory already, validated ones replace them batch by batch.
        let (validated, continuation) = AsyncThrowingStream<[EnterpriseProfile], any Error>.makeStream()
        let validation = Task {
            do {
                for batch in batches {
                    continuation.yield(try await validatedInParallel(batch, catalog: catalog))
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        defer { validation.cancel() }
        let written = try await EnterpriseStore(database: database).createMany(batches: validated, fictional: true)
        logger.info("demo data written", metadata: [
            "enterprises": "\(written)", "seconds": "\(ContinuousClock.now - started)",
        ])
        return written
    }

    /// Validation is the slow part of writing a large synthetic set; it runs on every core, in
    /// chunks whose results keep the input order.
    static func validatedInParallel(_ profiles: [EnterpriseProfile], catalog: MunicipalityCatalog) async throws -> [EnterpriseProfile] {
        let chunks = profiles.chunked(by: 1_000).map(Array.init)
        return try await withThrowingTaskGroup(of: (Int, [EnterpriseProfile]).self) { group in
            for (position, chunk) in chunks.enumerated() {
                group.addTask { (position, try chunk.map { try $0.validated(using: catalog).0 }) }
            }
            var results = [[EnterpriseProfile]](repeating: [], count: chunks.count)
            for try await (position, validated) in group { results[position] = validated }
            return results.flatMap { $0 }
        }
    }
}
