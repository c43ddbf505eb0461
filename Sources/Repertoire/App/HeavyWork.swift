import NIOCore
import NIOPosix

/// Threads for the few CPU-heavy pages (a territory's complete list): half the cores at most, so
/// that however many such pages are asked for, the other half keeps serving everyone else.
/// ``ConcurrencyGate`` bounds how many wait for it.
enum HeavyWork {
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(1, System.coreCount / 2))
        pool.start()
        return pool
    }()
}
