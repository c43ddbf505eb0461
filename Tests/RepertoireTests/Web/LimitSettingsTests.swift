import Testing
@testable import Repertoire

@Suite("Limit settings")
struct LimitSettingsTests {
    @Test("export limits and the idle timeout are read, default sensibly, and a wrong value names the setting and its range")
    func readAndRefused() throws {
        let defaults = try Configuration.resolve(flags: [:], environment: [:])
        #expect(defaults.anonymousExportRows == 5_000 && defaults.anonymousExportsPerMinute == 10 && defaults.idleTimeoutSeconds == 30)
        #expect(defaults.pageCacheMegabytes == 32)
        let set = try Configuration.resolve(flags: [:], environment: [
            "REPERTOIRE_EXPORT_ROWS": "250", "REPERTOIRE_EXPORTS_PER_MINUTE": "3", "REPERTOIRE_IDLE_TIMEOUT": "45", "REPERTOIRE_PAGE_CACHE_MB": "0"])
        #expect(set.anonymousExportRows == 250 && set.anonymousExportsPerMinute == 3 && set.idleTimeoutSeconds == 45)
        #expect(set.pageCacheMegabytes == 0)
        for (variable, value, range) in [("REPERTOIRE_EXPORT_ROWS", "0", "from 1 to 100000"), ("REPERTOIRE_EXPORTS_PER_MINUTE", "beaucoup", "from 1 to 10000"),
                                         ("REPERTOIRE_IDLE_TIMEOUT", "7200", "seconds from 1 to 3600"), ("REPERTOIRE_PAGE_CACHE_MB", "-1", "from 0 to 1024")] {
            do {
                _ = try Configuration.resolve(flags: [:], environment: [variable: value])
                Issue.record("\(variable)=\(value) was accepted")
            } catch {
                #expect(error.setting == variable)
                #expect(error.reason.contains("'\(value)'") && error.reason.contains(range), "\(error.reason)")
            }
        }
    }
}
