#if canImport(Glibc)
import Glibc
#endif

/// glibc's allocator, tuned for a process that loads a large data set once and then serves it
/// (issue #3: resident memory at 100,000 enterprises).
///
/// The functions are looked up at run time: malloc.h is not part of the Glibc module. Elsewhere
/// (macOS) both are no-ops.
public enum Malloc {
    /// Caps glibc's malloc arenas at `count`, unless `MALLOC_ARENA_MAX` is set in the
    /// environment (which then wins). glibc gives each thread that meets a busy arena a new one,
    /// up to 8 per core, and memory freed in one arena is never reused by another. One arena
    /// kept the resident size lowest (issue #3, before the compact summaries and the trim after
    /// the load), but under load both event loops then queued on its lock (11 % of the CPU in
    /// `futex` on the results pages); two, one per core of the machines it runs on, answered
    /// 20–35 % more pages and JSON searches a second at 386 MB resident (100,000 enterprises,
    /// issue #10, BENCHMARKS.md). Call it first thing, before threads allocate.
    public static func limitArenas(to count: Int32 = 2) {
        #if canImport(Glibc)
        guard getenv("MALLOC_ARENA_MAX") == nil, let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mArenaMax: Int32 = -8  // M_ARENA_MAX in malloc.h
        _ = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)(mArenaMax, count)
        #endif
    }

    /// Hands freed memory back to the system. glibc keeps it mapped otherwise, so after a bulk
    /// load the resident size reflects the load's peak rather than what is still in use.
    public static func releaseFreeMemory() {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)(0)
        #endif
    }
}
