import Foundation
import NIOCore
import NIOPosix

/// Runs Swift concurrency's jobs (request handlers, services) on NIO's event loop threads
/// instead of a second pool of threads (issue #3).
///
/// Each request otherwise crosses threads twice: NIO reads it on an event loop and hands it to
/// the handler's task on the concurrency pool, which hands the response back to the event loop.
/// On 2 cores shared with other processes, the 2 + 2 threads compete for the cores and a
/// request waits for each hop to be scheduled.
public enum SharedExecutor {
    /// Installs the event loops as the global executor unless `REPERTOIRE_EXECUTOR=dispatch`.
    /// Call it once, first thing in `main`, before any task is created.
    public static func installUnlessDisabled() {
        guard ProcessInfo.processInfo.environment["REPERTOIRE_EXECUTOR"] != "dispatch" else { return }
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
