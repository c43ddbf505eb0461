import Foundation
import Logging
@testable import Repertoire

/// The databases the store and API suites run against: SQLite always, PostgreSQL when the test
/// command started a throwaway server (REPERTOIRE_TEST_POSTGRES_URL). With
/// REPERTOIRE_REQUIRE_POSTGRES=1 (set by scripts/test) a missing server fails the run instead of
/// silently testing SQLite alone.
enum TestDatabases {
    enum Kind: String, CaseIterable, CustomStringConvertible, Sendable {
        case sqliteMemory, sqliteFile, postgres
        var description: String { rawValue }
    }

    static let logger: Logger = {
        var logger = Logger(label: "repertoire-tests")
        logger.logLevel = ProcessInfo.processInfo.environment["TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        return logger
    }()

    static var postgresURL: String? {
        let value = ProcessInfo.processInfo.environment["REPERTOIRE_TEST_POSTGRES_URL"]
        return value?.isEmpty == false ? value : nil
    }

    static var postgresRequired: Bool { ProcessInfo.processInfo.environment["REPERTOIRE_REQUIRE_POSTGRES"] == "1" }

    /// The kinds to run: PostgreSQL is included when available or required.
    static var kinds: [Kind] {
        postgresURL != nil || postgresRequired ? Kind.allCases : [.sqliteMemory, .sqliteFile]
    }

    struct PostgresMissing: Error, CustomStringConvertible {
        var description: String { "REPERTOIRE_REQUIRE_POSTGRES=1 but REPERTOIRE_TEST_POSTGRES_URL is not set: run the tests with scripts/test" }
    }

    /// Gives `body` a fresh, empty database of the given kind and removes it afterwards.
    static func withFreshLocation<T: Sendable>(_ kind: Kind, _ body: @Sendable (DatabaseLocation) async throws -> T) async throws -> T {
        switch kind {
        case .sqliteMemory:
            return try await body(.sqliteMemory)
        case .sqliteFile:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("repertoire-test-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            return try await body(.sqliteFile(path: directory.appendingPathComponent("test.sqlite").path))
        case .postgres:
            guard let url = postgresURL else { throw PostgresMissing() }
            guard case .postgres(var settings) = try DatabaseLocation.parse(url) else { throw PostgresMissing() }
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            try await admin(url) { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            settings.database = String(name)
            do {
                let result = try await body(.postgres(settings))
                try await admin(url) { sql in try await sql.raw("DROP DATABASE \(unsafeRaw: name) WITH (FORCE)").run() }
                return result
            } catch {
                try? await admin(url) { sql in try await sql.raw("DROP DATABASE \(unsafeRaw: name) WITH (FORCE)").run() }
                throw error
            }
        }
    }

    private static func admin(_ url: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let database = try await Database.open(try DatabaseLocation.parse(url), logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await database.run() }
            defer { group.cancelAll() }
            try await database.read(body)
        }
    }

    /// A migrated database of the given kind holding the fixture municipalities.
    static func withDatabase<T: Sendable>(_ kind: Kind, _ body: @escaping @Sendable (Database) async throws -> T) async throws -> T {
        try await withFreshLocation(kind) { location in
            try await withMigratedDatabase(location, logger: logger) { database in
                try await ReferenceStore(database: database).upsertMunicipalities(Fixtures.municipalities)
                return try await body(database)
            }
        }
    }
}

import SQLKit
