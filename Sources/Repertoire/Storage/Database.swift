import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteKit
import Synchronization

/// The one connection point to SQLite or PostgreSQL. The store only ever sees `any SQLDatabase`
/// through ``read(_:)`` and ``transaction(_:)``; how connections are pooled and locked for each
/// database lives here.
public final class Database: Sendable {
    public let dialect: Dialect
    public let location: DatabaseLocation
    private let backend: Backend
    private let logger: Logger

    private enum Backend: Sendable {
        /// `pool` runs this database's SQLite calls and no one else's: a connection waiting on
        /// SQLite's busy handler (another process, or another `Database` on the same file, holds
        /// the write lock) can never take the threads another database's statements need.
        case sqlite(writer: SQLiteConnection, reader: SQLiteConnection?, lock: AsyncLock, pool: NIOThreadPool)
        case postgres(PostgresClient)
    }

    private init(dialect: Dialect, location: DatabaseLocation, backend: Backend, logger: Logger) {
        self.dialect = dialect
        self.location = location
        self.backend = backend
        self.logger = logger
    }

    /// Opens the database. PostgreSQL connections are made lazily by the client, which must be
    /// running: call ``run()`` in a task (the server adds it to its service group).
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> Database {
        switch location {
        case .sqliteMemory:
            let pool = startPool()
            do {
                let connection = try await openSQLite(.memory, pool: pool, logger: logger)
                return Database(dialect: .sqlite, location: location,
                                backend: .sqlite(writer: connection, reader: nil, lock: AsyncLock(), pool: pool), logger: logger)
            } catch {
                try? await pool.shutdownGracefully()
                throw error
            }
        case .sqliteFile(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let pool = startPool()
            let writer: SQLiteConnection
            do {
                writer = try await openSQLite(.file(path: path), pool: pool, logger: logger)
            } catch {
                try? await pool.shutdownGracefully()
                throw error
            }
            // WAL lets a second connection read while the writer writes.
            let reader: SQLiteConnection
            do {
                reader = try await openSQLite(.file(path: path), pool: pool, logger: logger)
            } catch {
                try? await writer.close()
                try? await pool.shutdownGracefully()
                throw error
            }
            return Database(dialect: .sqlite, location: location,
                            backend: .sqlite(writer: writer, reader: reader, lock: AsyncLock(), pool: pool), logger: logger)
        case .postgres(let settings):
            let tls: PostgresClient.Configuration.TLS
            switch settings.tls {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(.makeClientConfiguration())
            case .require: tls = .require(.makeClientConfiguration())
            }
            var configuration = PostgresClient.Configuration(
                host: settings.host, port: settings.port, username: settings.username,
                password: settings.password, database: settings.database, tls: tls)
            configuration.options.maximumConnections = 16
            configuration.options.connectionIdleTimeout = .seconds(60)
            let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
            return Database(dialect: .postgres, location: location, backend: .postgres(client), logger: logger)
        }
    }

    /// Opens and configures one SQLite connection; a connection that fails its configuration is
    /// closed before the error goes up (SQLite connections must be closed, never just dropped).
    /// Two threads: the writer's statements and the reader's never wait for each other's.
    private static func startPool() -> NIOThreadPool {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        return pool
    }

    private static func openSQLite(_ storage: SQLiteConnection.Storage, pool: NIOThreadPool, logger: Logger) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(storage: storage, threadPool: pool, logger: logger,
                                                         on: MultiThreadedEventLoopGroup.singleton.any())
        do {
            let sql = connection.sql()
            // The busy timeout comes first: switching to WAL takes a lock another connection may hold.
            for pragma in ["PRAGMA busy_timeout = 10000", "PRAGMA journal_mode = WAL", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL"] {
                try await sql.raw(SQLQueryString(pragma)).run()
            }
            return connection
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Keeps the PostgreSQL client's connection pool running until the task is cancelled.
    public func run() async throws {
        switch backend {
        case .postgres(let client):
            await client.run()
        case .sqlite:
            // Nothing runs in the background for SQLite; wait for cancellation.
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(3600))
            }
        }
    }

    private let closed = Atomic<Bool>(false)

    /// Closes SQLite's connections; safe to call more than once.
    public func close() async {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        if case .sqlite(let writer, let reader, _, let pool) = backend {
            try? await reader?.close()
            try? await writer.close()
            try? await pool.shutdownGracefully()
        }
    }

    /// A database dropped without ``close()`` (an error path that skipped it) still closes its
    /// SQLite connections: each close keeps its connection alive until it has run.
    deinit {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        if case .sqlite(let writer, let reader, _, let pool) = backend {
            logger.warning("database released without close(); closing its SQLite connections")
            _ = reader?.close()
            _ = writer.close()
            // Work already queued (the two closes) runs before the threads stop.
            pool.shutdownGracefully { _ in }
        }
    }

    /// Runs read-only queries. On SQLite files they use their own connection and never wait for
    /// writers (WAL); elsewhere they queue with writes.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let writer, let reader, let lock, _):
            if let reader { return try await body(reader.sql()) }
            return try await lock.withLock { try await body(writer.sql()) }
        case .postgres(let client):
            return try await client.withConnection { connection in
                try await body(connection.sql())
            }
        }
    }

    /// Runs `body` in one transaction: everything it wrote is committed, or nothing if it throws.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let writer, _, let lock, _):
            return try await lock.withLock {
                try await Self.inTransaction(writer.sql(), dialect: .sqlite, body)
            }
        case .postgres(let client):
            return try await client.withConnection { connection in
                try await Self.inTransaction(connection.sql(), dialect: .postgres, body)
            }
        }
    }

    /// A transaction for migrations that rebuild SQLite tables. SQLite ignores `PRAGMA
    /// foreign_keys` inside a transaction and, with keys on, dropping a referenced table first
    /// deletes its rows (cascading to every child): so keys are turned off on the writer around
    /// the transaction and back on after it, whatever happens. The migration checks its own keys
    /// before committing (`PRAGMA foreign_key_check`). On PostgreSQL, a plain transaction.
    func transactionWithoutForeignKeyEnforcement<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let writer, _, let lock, _):
            return try await lock.withLock {
                let sql = writer.sql()
                try await sql.raw("PRAGMA foreign_keys = OFF").run()
                let result: Result<T, any Error>
                do {
                    result = .success(try await Self.inTransaction(sql, dialect: .sqlite, body))
                } catch {
                    result = .failure(error)
                }
                try await sql.raw("PRAGMA foreign_keys = ON").run()
                return try result.get()
            }
        case .postgres:
            return try await transaction(body)
        }
    }

    private static func inTransaction<T: Sendable>(_ sql: any SQLDatabase, dialect: Dialect, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await sql.raw(SQLQueryString(dialect.beginStatement)).run()
        do {
            let result = try await body(sql)
            try await sql.raw("COMMIT").run()
            return result
        } catch {
            // The original error matters more than a failed rollback (e.g. a dropped connection).
            try? await sql.raw("ROLLBACK").run()
            throw error
        }
    }

    /// True when a trivial query succeeds (used by `/healthz`).
    public func isReachable() async -> Bool {
        do {
            return try await withTimeout(seconds: 2) { [self] in
                try await read { sql in try await sql.raw("SELECT 1 AS ok").first() != nil }
            }
        } catch {
            logger.warning("database unreachable", metadata: ["error": "\(String(reflecting: error))"])
            return false
        }
    }
}

struct TimeoutError: Error {}

/// Runs `body`, giving up after `seconds`.
func withTimeout<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            throw TimeoutError()
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw TimeoutError() }
        return first
    }
}
