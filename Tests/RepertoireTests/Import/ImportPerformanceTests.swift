import Foundation
import Testing
@testable import Repertoire

/// Plans a generated 100,000-row file. Slow in debug builds, so it runs on demand:
/// `IMPORT_BENCHMARK=1 swift test -c release -Xswiftc -enable-testing --filter ImportPerformance`
@Suite("Import performance")
struct ImportPerformanceTests {
    static let enabled = ProcessInfo.processInfo.environment["IMPORT_BENCHMARK"] != nil

    /// A semicolon-separated file like a hub's list, with quoted fields and contact details
    /// (the costliest to validate), one municipality name per row taken from `catalog`.
    static func generatedFile(rows: Int, catalog: MunicipalityCatalog) -> Data {
        let municipalities = Dictionary(grouping: catalog.all, by: \.name).values
            .compactMap { $0.count == 1 ? $0[0] : nil }.sorted { $0.code < $1.code }
        var text = "Nom;NEQ;Forme juridique;Adresse;Municipalité;Code postal;Secteur;Téléphone;Courriel;Site web;lat;long\r\n"
        text.reserveCapacity(rows * 200)
        for i in 0..<rows {
            let m = municipalities[i % municipalities.count]
            text += "\"Coopérative « L'Entraide » n° \(i)\";;coop de solidarité;\"\(i) rue Principale; bureau 2\";\(m.name);G9A 4W5;Habitation;"
            text += "819 555-\(String(format: "%04d", i % 10_000));info\(i)@exemple.org;www.exemple\(i).org;46.3\(i % 10);-72.5\(i % 10)\r\n"
        }
        return Data(text.utf8)
    }

    @Test(.enabled(if: enabled, "set IMPORT_BENCHMARK=1 and build in release"))
    func hundredThousandRows() throws {
        // given
        let catalog = try ImportFixtures.sharedData("MUN.csv")
            .map { MunicipalityCatalog(try MunicipalityFile.parse(try Data(contentsOf: $0))) } ?? ImportFixtures.catalog
        let data = Self.generatedFile(rows: 100_000, catalog: catalog)
        let clock = ContinuousClock()
        let start = clock.now
        // when
        let file = try ImportFile.decode(data, name: "genere.csv")
        let preview = ImportPlanner.plan(rows: file.rows, mapping: .propose(headers: file.headers),
                                         options: ImportOptions(fileName: file.name), catalog: catalog)
        let elapsed = clock.now - start
        // then
        print("100,000 generated rows (\(data.count / 1_000_000) MB) planned in \(elapsed): \(preview.counts)")
        #expect(preview.counts.creates == 100_000)
        #expect(elapsed < .seconds(20))
    }
}
