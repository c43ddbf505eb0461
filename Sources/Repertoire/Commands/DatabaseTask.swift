import Foundation
import Logging

/// Runs a one-off task (a CLI command) against a migrated database, keeping the PostgreSQL
/// connection pool alive for its duration and closing the database however the task ends.
public func withMigratedDatabase<T: Sendable>(_ location: DatabaseLocation, logger: Logger,
                                              _ body: @escaping @Sendable (Database) async throws -> T) async throws -> T {
    let database = try await Database.open(location, logger: logger)
    do {
        let result = try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await database.run()
                return nil
            }
            defer { group.cancelAll() }
            try await Migrator.migrate(database, logger: logger)
            return try await body(database)
        }
        await database.close()
        return result
    } catch {
        await database.close()
        throw error
    }
}

/// `repertoire database …`: maintenance of the stored data.
public enum DatabaseTask {
    /// `repertoire database purge`: the purge the server runs hourly, once, with what it removed.
    public static func purge(database location: DatabaseLocation, now: Date = Date(), logger: Logger) async throws -> String {
        try await withMigratedDatabase(location, logger: logger) { database in
            let report = try await RetentionStore(database: database).purge(now: now)
            return "Purged \(location) (contact details kept \(RetentionStore.historyRetentionMonths) months after they stopped being current):\n\(report)"
        }
    }
}
