import Foundation
import Testing
@testable import Repertoire

/// The REQ extract of Mauricie's social-economy enterprises, imported with the proposed mapping
/// and no correction. Runs only where `shared/data` is present (it is not part of the project).
@Suite("Importing the real REQ extract")
struct RealDataImportTests {
    static let munURL = ImportFixtures.sharedData("MUN.csv")
    static let reqURL = ImportFixtures.sharedData("req_es.csv")

    @Test(.enabled(if: munURL != nil && reqURL != nil, "shared/data/MUN.csv and req_es.csv are absent"))
    func reqExtract() throws {
        // given
        let catalog = MunicipalityCatalog(try MunicipalityFile.parse(try Data(contentsOf: #require(Self.munURL))))
        let data = try Data(contentsOf: #require(Self.reqURL))
        // A hub importing its own region's list chooses that region once for the whole file.
        let options = ImportOptions(fileName: "req_es.csv", defaultRegionCode: "04", today: ImportFixtures.today)
        let clock = ContinuousClock()
        let start = clock.now

        // when
        let file = try ImportFile.decode(data, name: "req_es.csv")
        let mapping = ColumnMapping.propose(headers: file.headers)
        let preview = ImportPlanner.plan(rows: file.rows, mapping: mapping, options: options, catalog: catalog)
        let elapsed = clock.now - start

        // then
        #expect(file.encoding == .utf8 && file.delimiter == ",")
        #expect(mapping.problems.isEmpty)
        // 2,220 rows, one of which (line 278) repeats line 277 word for word, NEQ included.
        #expect(preview.counts.total == 2_220)
        #expect(preview.counts.creates == 2_219)
        #expect(preview.counts.rejected == 1)
        let rejected = try #require(preview.outcomes.first { $0.action.isRejected })
        #expect(rejected.line == 278)
        #expect(rejected.issues.map(\.message).contains("doublon de la ligne 277 (même NEQ 1142855148) : ligne ignorée."))
        #expect(!preview.issues.contains { $0.severity == .error && $0.code != "duplicate" })

        let profiles = preview.outcomes.compactMap(\.action.createdProfile)
        #expect(profiles.first?.name == "ORGANISATION DES TERRAINS DE JEUX ET DE LOISIRS DE ST-ROCH-DE-MÉKINAC")
        #expect(profiles.first.flatMap { $0.municipalityCode.flatMap(catalog.municipality(code:)) }?.name == "Saint-Roch-de-Mékinac")
        #expect(profiles[1].name == "SOCIÉTÉ D'HABITATION COMMUNAUTAIRE DU CENTRE DU QUÉBEC", "accents intact")
        // The REQ's free-text activity is read for a sector, never published as the mission.
        #expect(profiles.allSatisfy { $0.mission == nil })
        let withSector = profiles.filter { !$0.sectors.isEmpty }.count
        #expect(withSector > profiles.count / 3, "the activity's words give a sector to many: \(withSector)")
        #expect(profiles.allSatisfy { $0.neq.map { NEQ.parse($0).1.isEmpty } == true }, "every NEQ is valid")
        #expect(!preview.issues.contains { $0.code.hasPrefix("neq") })
        #expect(profiles.filter { $0.coordinates != nil }.count == 2_216, "3 rows have NA coordinates, one is the duplicate")
        #expect(profiles.allSatisfy { $0.regionCode == "04" })
        #expect(Set(profiles.map(\.legalForm)) == [.nonProfit, .cooperative])

        let resolvedShare = Double(preview.municipalitiesResolved) / Double(preview.municipalitiesGiven)
        #expect(resolvedShare >= 0.99)
        print("""
            REQ extract: \(preview.counts.creates) creates, \(preview.counts.rejected) rejected, \
            \(preview.counts.rowsWithWarnings) rows with warnings, municipalities resolved \
            \(preview.municipalitiesResolved)/\(preview.municipalitiesGiven) = \(String(format: "%.2f", resolvedShare * 100)) %, \
            planned in \(elapsed); \(withSector) of \(profiles.count) given a sector from their declared activity
            unresolved: \(preview.unresolvedMunicipalities.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
            warnings: \(Dictionary(grouping: preview.issues, by: \.code).mapValues(\.count).sorted { $0.key < $1.key })
            """)

        // when: the same file again, over what the first import stored
        let existing = profiles.enumerated().map { ExistingRecord(id: "e\($0.offset)", version: 1, profile: $0.element) }
        let again = ImportPlanner.plan(rows: file.rows, mapping: mapping, options: options, catalog: catalog, existing: existing)
        // then
        #expect(again.counts.unchanged == 2_219)
        #expect(again.counts.creates == 0 && again.counts.updates == 0)
        #expect(again.counts.rejected == 1)
    }

    @Test(.enabled(if: munURL != nil && reqURL != nil, "shared/data/MUN.csv and req_es.csv are absent"))
    func reqExtractWithoutADefaultRegion() throws {
        let catalog = MunicipalityCatalog(try MunicipalityFile.parse(try Data(contentsOf: #require(Self.munURL))))
        let file = try ImportFile.decode(try Data(contentsOf: #require(Self.reqURL)), name: "req_es.csv")
        let preview = ImportPlanner.plan(rows: file.rows, mapping: .propose(headers: file.headers),
                                         options: ImportOptions(fileName: file.name, today: ImportFixtures.today), catalog: catalog)
        // Names shared with other regions and places missing from the MAMH list are then
        // reported, never guessed.
        let reasons = Dictionary(grouping: preview.issues.filter { $0.severity == .error }, by: \.code).mapValues(\.count)
        print("REQ extract without a default region: \(preview.counts), errors \(reasons)")
        #expect(preview.counts.creates + preview.counts.rejected == 2_220)
        #expect(Set(reasons.keys).isSubset(of: ["municipality.unknown", "municipality.ambiguous", "duplicate"]))
    }
}
