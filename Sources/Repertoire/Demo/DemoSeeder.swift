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
        try await DemoArticles.write(into: database)
        try await references.setSetting(settingKey, to: "default set, \(count) fictional enterprises, \(Timestamp.string(from: Date()))")
        return count
    }

    /// Writes the given profiles (validated against the demo municipalities) as fictional records,
    /// in one transaction: an invalid profile leaves nothing written. Each batch is validated
    /// while the previous one is being written.
    public static func seed(_ database: Database, profiles: [EnterpriseProfile], logger: Logger) async throws -> Int {
        try await seed(database, batches: profiles.chunked(by: 5_000).map(Array.init), logger: logger)
    }

    /// The same, for batches made as they are asked for (``DemoData/SyntheticBatches``): making,
    /// validating and writing overlap.
    public static func seed<Batches: Sequence & Sendable>(_ database: Database, batches: Batches, logger: Logger) async throws -> Int
        where Batches.Element == [EnterpriseProfile] {
        let references = ReferenceStore(database: database)
        let started = ContinuousClock.now
        _ = try await references.upsertMunicipalities(DemoData.municipalities)
        let catalog = try await references.catalog()
        // Unbounded: a batch waits here, validated, until the writer takes it.
        let (validated, continuation) = AsyncThrowingStream<[EnterpriseProfile], any Error>.makeStream()
        // Making and checking share one thread: the other is the writer's, the part that
        // cannot be shared (checking on every core starved it until the checks were done).
        let validation = Task {
            do {
                for batch in batches {
                    continuation.yield(try batch.map { try $0.validated(using: catalog).0 })
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

}
