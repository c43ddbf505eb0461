import Foundation
import Testing
@testable import Repertoire

@Suite("Municipalities reference list")
struct MunicipalityImportTests {
    /// `../shared/data/MUN.csv` beside the repository, when present.
    static var officialFile: URL? {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data/MUN.csv")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    @Test("the MAMH file parses: 1,130 municipalities with their regions", .enabled(if: officialFile != nil))
    func parsesOfficialFile() throws {
        let municipalities = try MunicipalityFile.parse(try Data(contentsOf: #require(Self.officialFile)))
        #expect(municipalities.count == 1_130)
        let longueuil = try #require(municipalities.first { $0.code == "58227" })
        #expect(longueuil.name == "Longueuil")
        #expect(longueuil.regionCode == "16")
        #expect(longueuil.mrc == "Longueuil (58)")
        #expect(Set(municipalities.map(\.regionCode)).count == 17)
        #expect(municipalities.first { $0.code == "46005" }?.mrc == "MRC Brome-Missisquoi (460)")
    }

    // Each import is its own process in real life, so an in-memory database cannot take part.
    @Test("importing the file twice changes nothing the second time", arguments: TestDatabases.kinds.filter { $0 != .sqliteMemory })
    func importTwice(kind: TestDatabases.Kind) async throws {
        let data = try Self.officialFile.map { try Data(contentsOf: $0) } ?? Data(Self.sample.utf8)
        try await TestDatabases.withFreshLocation(kind) { location in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mun-\(UUID().uuidString).csv")
            try data.write(to: directory)
            defer { try? FileManager.default.removeItem(at: directory) }
            let first = try await Tasks.importMunicipalities(file: directory.path, into: location, logger: TestDatabases.logger)
            let second = try await Tasks.importMunicipalities(file: directory.path, into: location, logger: TestDatabases.logger)
            #expect(first.contains("added"))
            #expect(!first.contains(" 0 added"))
            #expect(second.contains(" 0 added, 0 updated"), "\(second)")
        }
    }

    static let sample = """
        \u{FEFF}"mcode","munnom","regadm","mrc","divrec","mdes","mpopul"
        "58227","Longueuil","Montérégie (16)","","Longueuil (58)","Ville","253629"
        "46005","Abercorn","Estrie (05)","MRC Brome-Missisquoi (460)","Brome-Missisquoi (46)","Village","370"

        """

    @Test("a broken file is refused whole, with the line at fault")
    func brokenFiles() {
        let cases: [(String, String)] = [
            ("", "vide"),
            ("\"a\",\"b\"\n\"1\",\"2\"\n", "colonnes manquantes"),
            (Self.sample + "\"999\",\"X\",\"Estrie (05)\",\"\",\"\",\"\",\"\"\n", "ligne 4"),
            (Self.sample + "\"12345\",\"X\",\"Nulle part (42)\",\"\",\"\",\"\",\"\"\n", "regadm"),
            (Self.sample + "\"12345\",\"X\",\"Estrie (05)\"\n", "colonnes au lieu de"),
            (Self.sample + "\"12345\",\"X,\"Estrie (05)\n", "guillemet"),
        ]
        for (text, expected) in cases {
            do {
                _ = try MunicipalityFile.parse(Data(text.utf8))
                Issue.record("accepted: \(text.suffix(40))")
            } catch {
                #expect(error.description.contains(expected), "\(error.description)")
            }
        }
        #expect(throws: MunicipalityFile.Problem.self) { try MunicipalityFile.parse(Data([0xFF, 0xFE, 0x00, 0x41])) }
    }
}
