#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Repertoire

@Suite("Background work")
struct BackgroundWorkTests {
    @Test("exports and import plans run on a thread of lower priority than the requests'")
    func runsAtLowerPriority() async throws {
        #if os(Linux)
        let niceness = try await BackgroundWork.run { () -> Int32 in
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "gettid") else { return -100 }
            let thread = unsafeBitCast(symbol, to: (@convention(c) () -> Int32).self)()
            return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(thread))
        }
        #expect(niceness == BackgroundWork.niceness)
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) < BackgroundWork.niceness)
        #endif
        #expect(try await BackgroundWork.run { 6 * 7 } == 42)
    }
}
