import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
@testable import Repertoire

/// Builds the real app on a fresh database, seeded with `profiles`, and runs `test` against it.
enum TestApp {
    static let writeToken = "test-write-token-0123456789"

    static func run(_ kind: TestDatabases.Kind = .sqliteMemory,
                    profiles: [EnterpriseProfile] = [],
                    demo: Bool = false,
                    token: String? = writeToken,
                    _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await run(kind, profiles: profiles, demo: demo, token: token) { client, _ in try await test(client) }
    }

    /// The same, giving the test the app's database and its outgoing mail, to create users and
    /// sign them in (see ``TestEnvironment``).
    static func run(_ kind: TestDatabases.Kind = .sqliteMemory,
                    profiles: [EnterpriseProfile] = [],
                    municipalities: [Municipality] = Fixtures.municipalities,
                    demo: Bool = false,
                    token: String? = writeToken,
                    configure: @Sendable (inout Configuration) -> Void = { _ in },
                    logger: Logger = TestDatabases.logger,
                    realMail: Bool = false,
                    live: Bool = false,
                    _ test: @escaping @Sendable (any TestClientProtocol, TestEnvironment) async throws -> Void) async throws {
        try await TestDatabases.withFreshLocation(kind) { location in
            var configuration = Configuration()
            configuration.database = location
            configuration.demoData = demo ? .whenEmpty : .never
            configuration.apiToken = token
            configuration.followIntervalMilliseconds = 100
            configuration.bcryptCost = 4
            // The purge would race tests that store expired data on purpose (RetentionTests drive it).
            configuration.purgeInterval = nil
            // Reminders of calls for interest are sent by the tests that check them.
            configuration.callReminderInterval = nil
            // The J'achète digests too.
            configuration.digestInterval = nil
            // And the SEAO alerts.
            configuration.tenderAlertInterval = nil
            // Import jobs are waited for as long as a busy test machine needs: tests that want the
            // progress page set 0.
            configuration.importWaitMilliseconds = 60_000
            configuration.mailTransport = .directory(FileManager.default.temporaryDirectory.appendingPathComponent("repertoire-test-mail").path)
            configure(&configuration)
            let database = try await Database.open(location, logger: TestDatabases.logger)
            do {
                try await seed(database, at: location, profiles: profiles, municipalities: municipalities)
            } catch {
                await database.close()
                throw error
            }
            let mail = MemoryMailQueue()
            let environment = TestEnvironment(database: database, mail: mail)
            do {
                // With realMail, e-mail goes through the outbox and the configured transport.
                let app = try await buildApplication(configuration, database: database, logger: logger, mail: realMail ? nil : mail)
                try await app.test(live ? .live : .router) { client in try await test(client, environment) }
            } catch {
                await database.close()
                throw error
            }
            await database.close()
        }
    }

    /// Migrates the test database and stores the given profiles. PostgreSQL's client runs once
    /// per Database, so seeding uses its own; an in-memory SQLite database exists only through
    /// the app's own connection.
    private static func seed(_ database: Database, at location: DatabaseLocation, profiles: [EnterpriseProfile],
                             municipalities: [Municipality]) async throws {
        let seeder = location == .sqliteMemory ? database : try await Database.open(location, logger: TestDatabases.logger)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                if seeder !== database { group.addTask { try await seeder.run() } }
                defer { group.cancelAll() }
                try await Migrator.migrate(seeder, logger: TestDatabases.logger)
                let references = ReferenceStore(database: seeder)
                if !municipalities.isEmpty { try await references.upsertMunicipalities(municipalities) }
                let catalog = try await references.catalog()
                let valid = try profiles.map { try $0.validated(using: catalog).0 }
                _ = try await EnterpriseStore(database: seeder).createMany(valid, fictional: false)
            }
        } catch {
            if seeder !== database { await seeder.close() }
            throw error
        }
        if seeder !== database { await seeder.close() }
    }
}

extension TestResponse {
    /// The body decoded as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]) ?? [:]
    }

    var text: String { String(buffer: body) }
}

extension Data {
    init(buffer: ByteBuffer) {
        self.init(buffer.readableBytesView)
    }
}
