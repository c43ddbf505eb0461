#if canImport(Glibc)
import Glibc
#endif
import NIOPosix

/// CPU-heavy work that may wait (encoding an export, planning an import): run on a thread of its
/// own at a lower scheduling priority than the threads answering requests, so that a 100,000-row
/// export takes the processor only when visitors' pages do not need it, and two such jobs never
/// run at once.
enum BackgroundWork {
    /// The nice value of the background thread (0 is the server's; 19 the lowest priority).
    static let niceness: Int32 = 10

    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive {
            lowerPriority()
            return try work()
        }
    }

    /// Lowers the calling thread's priority: Linux gives each thread its own nice value. gettid
    /// is looked up at run time (the Glibc module does not export it), as in ``Malloc``.
    private static func lowerPriority() {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "gettid") else { return }
        let thread = unsafeBitCast(symbol, to: (@convention(c) () -> Int32).self)()
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(thread), niceness)
        #endif
    }
}
