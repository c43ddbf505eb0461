import Foundation
import Logging
import ServiceLifecycle

/// Keeps the database client (PostgreSQL's connection pool) running for the app's lifetime.
struct DatabaseService: Service {
    let database: Database

    func run() async throws {
        // Closed however the run ends (shutdown, cancellation after another service failed…).
        do {
            try await cancelWhenGracefulShutdown {
                try await database.run()
            }
        } catch {
            await database.close()
            if !(error is CancellationError) { throw error }
            return
        }
        await database.close()
    }
}

/// Follows the store's change log so writes made by other instances reach this one's index.
struct IndexFollowerService: Service {
    let directory: DirectoryService
    let intervalMilliseconds: Int
    let ready: ReadyFlag
    let logger: Logger

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(intervalMilliseconds))
                guard ready.isSet else { continue }
                do {
                    try await directory.catchUp()
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("could not follow the change log", metadata: ["error": "\(String(reflecting: error))"])
                }
            }
        }
    }
}

import Synchronization

/// Set once the index has been built, so the follower does not race the first load.
final class ReadyFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}

/// Purges expired sessions, single-use links and sign-in failures, and erases superseded
/// managers' contact details from history (Loi 25), at start and then every `interval`.
/// A failed run is logged and tried again at the next one.
struct RetentionService: Service {
    let retention: RetentionStore
    let interval: Duration
    let ready: ReadyFlag
    let logger: Logger

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            var first = true
            while !Task.isCancelled {
                if first {
                    // At start: once the database is migrated.
                    while !ready.isSet { try await Task.sleep(for: .milliseconds(200)) }
                    first = false
                } else {
                    try await Task.sleep(for: interval)
                }
                do {
                    let report = try await retention.purge(now: Date())
                    if !report.isEmpty {
                        logger.info("purged expired and superseded personal data", metadata: [
                            "sessions": "\(report.sessions)", "oneTimeTokens": "\(report.oneTimeTokens)",
                            "signInFailures": "\(report.signInFailures)", "revisionsErased": "\(report.revisionsErased)",
                            "proposalsErased": "\(report.proposalsErased)",
                        ])
                    }
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("could not purge expired data", metadata: ["error": "\(String(reflecting: error))"])
                }
            }
        }
    }
}

/// Work the server repeats every `interval` once it is ready (a call's reminders, the J'achète
/// digests): `work` returns how many messages it queued, logged when there were some; a failure is
/// logged and the next round tries again.
struct PeriodicJob: Service {
    /// What the log says, e.g. "call-for-interest reminders".
    let name: String
    let interval: Duration
    let ready: ReadyFlag
    let logger: Logger
    let work: @Sendable () async throws -> Int

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !ready.isSet { try await Task.sleep(for: .milliseconds(200)) }
            while !Task.isCancelled {
                do {
                    let queued = try await work()
                    if queued > 0 { logger.info("\(name) queued", metadata: ["count": "\(queued)"]) }
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("could not send the \(name)", metadata: ["error": "\(String(reflecting: error))"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}

/// Hands memory glibc keeps after a burst (thousands of connections, large pages or exports)
/// back to the system every `interval`, on the low-priority background thread. Without it the
/// resident size stays at the burst's peak for good (8,000 idle sockets: 87 → 187 MB).
struct MemoryTrimService: Service {
    var interval: Duration = .seconds(60)
    var logger: Logger

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                let took = try await BackgroundWork.run { ContinuousClock().measure { Malloc.releaseFreeMemory() } }
                logger.debug("freed memory handed back", metadata: ["duration": "\(took)"])
            }
        }
    }
}
