import Foundation
@testable import Repertoire

/// The sets under test, built once: Swift Testing runs tests in parallel and each would otherwise regenerate them.
enum DemoFixtures {
    static let defaultSet = DemoData.defaultSet()
    static let synthetic = DemoData.synthetic(count: 5_000, seed: 99)
    static let catalog = MunicipalityCatalog(DemoData.municipalities)
    static let agglomerationCodes: Set<String> = ["58227", "58007", "58033", "58037", "58012"]

    /// A fixed "today" after every generated date, so the tests do not depend on the machine's clock.
    static let today = CalendarDay.parse("2026-11-27")!

    /// Every text a search engine would index for a profile, lower-cased.
    static func searchableText(_ profile: EnterpriseProfile) -> String {
        var parts = [profile.name, profile.mission ?? "", profile.missionEnglish ?? "", profile.benefits.text ?? ""]
        parts += profile.otherNames.map(\.name)
        parts += profile.offerings.flatMap { [$0.name, $0.description ?? ""] }
        parts += profile.contracts.map(\.description)
        return parts.joined(separator: " ").lowercased()
    }

    /// `/work/shared/data/MUN.csv` or wherever the shared data sits above the package, if present.
    static let municipalityFile: URL? = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/data/MUN.csv")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()
}
