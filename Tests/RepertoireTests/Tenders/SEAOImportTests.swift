import Foundation
import SQLKit
import Testing
@testable import Repertoire

/// Reading SEAO's release packages and importing them: the real releases, a malformed-file
/// corpus (refused whole, or the bad release skipped with its reason), delta compilation,
/// idempotence and the buyers' municipalities.
@Suite("SEAO import")
struct SEAOImportTests {
    // MARK: Reading

    @Test(.enabled(if: SEAOFixtures.realFilesPresent, "needs shared/data/seao"))
    func realReleasesAreRead() throws {
        let works = try SEAOFile.read(path: SEAOFixtures.shared("tender-municipal-works.json")!.path)
        #expect(works.skipped.isEmpty && works.releases.count == 1)
        let call = try #require(works.releases.first)
        #expect(call.ocid == "ocds-ec9k95-20004970" && call.tags == ["tender"])
        #expect(call.buyer == SEAORelease.Buyer(id: "OP-91624", name: "Municipalité de Saint-Majorique", municipal: true))
        let tender = try #require(call.tender)
        #expect(tender.title == "Rénovation intérieure salle municipale" && tender.category == "works" && tender.status == "active")
        #expect(tender.categories == [.init(code: "C01", label: "C01 - Bâtiments")] && tender.unspsc == ["72000000"])
        #expect(tender.closesAt == OCDSDate.parse("2026-08-27T15:00:00Z") && tender.valueCents == nil)
        #expect(tender.url?.hasPrefix("https://seao.gouv.qc.ca/") == true)

        let valued = try SEAOFile.read(path: SEAOFixtures.shared("tender-with-value.json")!.path)
        let other = try #require(valued.releases.first)
        #expect(other.buyer?.municipal == false && other.tender?.valueCents == 65_319_900)
        #expect(PublicTender.compile(valued.releases)?.seaoNumber == "20160595")
    }

    /// The Open Contracting Partnership's fictional example: six releases of one process, from
    /// planning to implementation, compiled to its latest state.
    @Test func theOCDSFictionalExampleIsRead() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/ocds-213czf-000-00001.json").path
        let file = try SEAOFile.read(path: path)
        #expect(file.skipped == [] && file.releases.count == 6)
        #expect(file.releases.map(\.tags) == [["planning"], ["tender"], ["tenderAmendment"], ["award"], ["contract"], ["implementation"]])
        let process = try #require(PublicTender.compile(file.releases))
        #expect(process.ocid == "ocds-213czf-000-00001" && process.releaseCount == 6 && process.lastReleaseID == "ocds-213czf-000-00001-06-implementation")
        // The tender's latest state: the award's release closed it; later releases have no tender and change nothing.
        #expect(process.tender.title == "Planned cycle lane improvements" && process.tender.status == "complete")
        #expect(process.awards.map(\.id) == ["ocds-213czf-000-00001-award-01"] && process.awards[0].suppliers.first?.name == "AnyCorp Cycle Provision")
        #expect(process.awards[0].valueCents == nil)  // GBP
        #expect(process.contracts.count == 1 && process.tender.unspsc.isEmpty)  // CPV, not UNSPSC
        #expect(process.tags == ["planning", "tender", "tenderAmendment", "award", "contract", "implementation"])
    }

    @Test func seaoQuirksAreAccepted() throws {
        // A byte-order mark, a raw tab in a title, deliveryarea as a list, a number id, no currency.
        var release = SEAOFixtures.tender(900001, title: "Déneigement\tdes rues (fictif)", amount: "125000.5", deliveryarea: "[\"16\", 6, \"16 - Montérégie\"]")
        release = release.replacingOccurrences(of: "\"id\":\"T-900001\"", with: "\"id\":900001")
        let bytes = [0xEF, 0xBB, 0xBF] + Array(SEAOFixtures.package([release]).utf8)
        let file = try SEAOFile.read(bytes: bytes)
        #expect(file.skipped == [])
        let tender = try #require(file.releases.first?.tender)
        #expect(tender.title == "Déneigement des rues (fictif)" && tender.number == "900001" && tender.valueCents == 12_500_050)
        #expect(tender.deliveryRegions == ["16", "06", "16"])
    }

    /// Files that are not OCDS release packages are refused whole, with where and why.
    @Test(arguments: [
        ("truncated", String(SEAOFixtures.package([SEAOFixtures.tender(900001)]).dropLast(40)), "tronqué"),
        ("wrong version", SEAOFixtures.package([SEAOFixtures.tender(900001)], version: "1.0"), "version OCDS « 1.0 »"),
        ("no version", #"{"releases":[]}"#, "« version » manque"),
        ("no releases", #"{"version":"1.1","publisher":{"name":"x"}}"#, "« releases » manque"),
        ("a record package", #"{"version":"1.1","records":[]}"#, "paquet d'enregistrements"),
        ("not an object", #"[{"ocid":"ocds-x"}]"#, "objet JSON"),
        ("releases not a list", #"{"version":"1.1","releases":{}}"#, "doit être une liste"),
        ("a missing comma", #"{"version":"1.1" "releases":[]}"#, "« , » ou « } » attendu"),
        ("data after the end", #"{"version":"1.1","releases":[]} {"#, "suivent la fin"),
        ("empty", "", "fichier vide"),
        ("a duplicated member", #"{"version":"1.1","version":"1.0","releases":[]}"#, "en double"),
    ])
    func malformedFilesAreRefused(_ name: String, _ text: String, _ expected: String) throws {
        do {
            _ = try SEAOFile.read(bytes: Array(text.utf8))
            Issue.record("\(name): accepted")
        } catch let refusal as SEAOFile.Refusal {
            #expect(refusal.description.contains(expected), "\(name): \(refusal.description)")
        }
    }

    /// Releases that cannot be read are skipped, each with its position and reason; the others are kept.
    @Test func badReleasesAreSkippedWithTheirReasons() throws {
        let good = SEAOFixtures.tender(900001)
        let noOCID = SEAOFixtures.tender(900002).replacingOccurrences(of: "\"ocid\":\"ocds-ec9k95-900002\",", with: "")
        let stringAmount = SEAOFixtures.tender(900003, amount: "\"125 000 $\"")
        let badDate = SEAOFixtures.tender(900004, date: "hier")
        let notOCDS = SEAOFixtures.tender(900005).replacingOccurrences(of: "ocds-ec9k95-900005", with: "SEAO-900005")
        let euros = SEAOFixtures.tender(900006).replacingOccurrences(of: "\"tender\":{", with: "\"tender\":{\"value\":{\"amount\":10,\"currency\":\"EUR\"},")
        let file = try SEAOFile.read(bytes: Array(SEAOFixtures.package([good, noOCID, stringAmount, badDate, notOCDS, euros, "42"]).utf8))
        #expect(file.releases.map(\.ocid) == ["ocds-ec9k95-900001", "ocds-ec9k95-900006"])
        #expect(file.count == 7)
        // An amount in another currency is not kept (it would be summed with dollars); its release is.
        #expect(file.releases.last?.tender?.valueCents == nil)
        let reasons = Dictionary(uniqueKeysWithValues: file.skipped.map { ($0.position, $0.reason) })
        #expect(reasons[2] == "ocid : champ manquant")
        #expect(reasons[3] == "tender.value.amount : un nombre est attendu")
        #expect(file.skipped.first { $0.position == 3 }?.ocid == "ocds-ec9k95-900003")
        #expect(reasons[4]?.contains("date « hier »") == true)
        #expect(reasons[5]?.contains("commence par « ocds- »") == true)
        #expect(reasons[6] == nil)
        #expect(reasons[7] != nil)
    }

    /// A release far larger than the limit (as a 1 GB line would be) is skipped without being
    /// kept in memory; the releases after it are read.
    @Test func anOversizedReleaseIsSkipped() throws {
        var scanner = OCDSPackageScanner()
        scanner.maxReleaseBytes = 64 << 10
        scanner.chunkSize = 4_096
        let huge = SEAOFixtures.tender(900001, title: String(repeating: "très long titre ", count: 200_000))  // ~3 MB, one line
        let path = try SEAOFixtures.write(SEAOFixtures.package([huge, SEAOFixtures.tender(900002)]))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try SEAOFile.read(path: path, scanner: scanner)
        #expect(file.releases.map(\.ocid) == ["ocds-ec9k95-900002"])
        #expect(file.skipped.count == 1 && file.skipped[0].position == 1 && file.skipped[0].reason.contains("au-delà de la limite"))
    }

    /// tender, then an award, then a tender update that moves the closing date: one process in
    /// its latest state, whatever the order of the releases in the file.
    @Test func deltasCompileToTheLatestState() throws {
        let releases = [
            SEAOFixtures.tender(900001, id: "3", date: "2026-11-20T10:00:00-05:00", tag: "tenderUpdate", title: "Entretien ménager, addenda 1 (fictif)",
                                closes: "2027-02-01T11:00:00-05:00"),
            SEAOFixtures.award(900001, id: "2", date: "2026-11-10T10:00:00-05:00", supplier: ("1140000000", "Coop fictive"), amount: "24000"),
            SEAOFixtures.tender(900001, id: "1", date: "2026-11-01T09:00:00-04:00"),
        ]
        let file = try SEAOFile.read(bytes: Array(SEAOFixtures.package(releases).utf8))
        let process = try #require(PublicTender.compile(file.releases))
        #expect(process.releaseCount == 3 && process.lastReleaseID == "3")
        #expect(process.tags == ["tender", "award", "tenderUpdate"])
        #expect(process.tender.title == "Entretien ménager, addenda 1 (fictif)")
        #expect(process.tender.closesAt == OCDSDate.parse("2027-02-01T16:00:00Z"))
        #expect(process.tender.opensAt == OCDSDate.parse("2026-11-20T15:00:00Z"))
        #expect(process.awards.count == 1 && process.awards[0].valueCents == 2_400_000)
        #expect(process.awards[0].suppliers == [.init(id: "FO-1140000000", name: "Coop fictive", neq: "1140000000")])
        // Awarded: no longer open for bids, even before its closing day.
        #expect(!process.isOpen(at: OCDSDate.parse("2027-01-20T00:00:00Z")!))
        let unawarded = try #require(PublicTender.compile(file.releases.filter { $0.tags != ["award"] }))
        #expect(unawarded.isOpen(at: OCDSDate.parse("2027-01-20T00:00:00Z")!) && !unawarded.isOpen(at: OCDSDate.parse("2027-02-02T00:00:00Z")!))
    }

    // MARK: Importing

    @Test(arguments: TestDatabases.kinds)
    func importingTwiceChangesNothingAndLaterReleasesUpdate(_ kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let service = TenderService(database: database)
            let first = try SEAOFixtures.write(SEAOFixtures.package([SEAOFixtures.tender(900001), SEAOFixtures.tender(900002, buyer: ("OP-900002", "Université fictive"), municipal: false)]))
            defer { try? FileManager.default.removeItem(atPath: first) }
            let done = try await service.importFile(at: first, source: "hebdo_fictif_1.json")
            #expect(done.releases == 2 && done.newReleases == 2 && done.knownReleases == 0 && done.processes == 2)
            let before = try await Self.rows(database)
            let again = try await service.importFile(at: first, source: "hebdo_fictif_1.json")
            #expect(again.newReleases == 0 && again.knownReleases == 2 && again.processes == 0 && again.sha256 == done.sha256)
            #expect(try await Self.rows(database) == before)

            // The next week's delta: an award of the first process.
            let second = try SEAOFixtures.write(SEAOFixtures.package([SEAOFixtures.award(900001, id: "20261110", date: "2026-11-10T10:00:00-05:00",
                                                                                          supplier: ("1140000000", "Coop fictive"), amount: "24000")]))
            defer { try? FileManager.default.removeItem(atPath: second) }
            let delta = try await service.importFile(at: second, source: "hebdo_fictif_2.json")
            #expect(delta.newReleases == 1 && delta.processes == 1)
            let process = try #require(try await service.tender("ocds-ec9k95-900001"))
            #expect(process.releaseCount == 2 && process.awards.first?.valueCents == 2_400_000)
            #expect(process.tender.title == "Entretien ménager des bâtiments municipaux (fictif)")
            #expect(try await TenderStore(database: database).history("ocds-ec9k95-900001").map(\.id) == ["20261101090000", "20261110"])
            #expect(try await service.imports().map(\.source) == ["hebdo_fictif_2.json", "hebdo_fictif_1.json", "hebdo_fictif_1.json"])

            // Buyers: the city by its name, the university not municipal.
            let buyers = try await service.buyers()
            #expect(buyers.first { $0.id == "OP-900001" }?.municipalityCode == "58227")
            #expect(buyers.first { $0.id == "OP-900001" }?.matchedBy == .name)
            #expect(buyers.first { $0.id == "OP-900002" }?.municipalityCode == nil)
            // An administrator's correction is kept by later imports.
            _ = try await service.setMunicipality(ofBuyer: "OP-900001", to: "58007")
            _ = try await service.importFile(at: second, source: "hebdo_fictif_2.json")
            #expect(try await service.buyers().first { $0.id == "OP-900001" }?.municipalityCode == "58007")
            await #expect(throws: TenderService.ImportRefusal.self) { _ = try await service.setMunicipality(ofBuyer: "OP-900001", to: "99999") }
            #expect(try await service.setMunicipality(ofBuyer: "OP-404", to: nil) == nil)
        }
    }

    /// A refused file leaves no trace; a file with skipped releases keeps the reasons.
    @Test(arguments: TestDatabases.kinds)
    func nothingIsHalfImported(_ kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let service = TenderService(database: database)
            let truncated = try SEAOFixtures.write(String(SEAOFixtures.package([SEAOFixtures.tender(900001), SEAOFixtures.tender(900002)]).dropLast(3)))
            defer { try? FileManager.default.removeItem(atPath: truncated) }
            await #expect(throws: TenderService.ImportRefusal.self) { _ = try await service.importFile(at: truncated, source: "tronque.json") }
            #expect(try await Self.rows(database) == Rows(imports: 0, releases: 0, tenders: 0, buyers: 0))

            let mixed = try SEAOFixtures.write(SEAOFixtures.package([SEAOFixtures.tender(900001), SEAOFixtures.tender(900002, amount: "\"beaucoup\"")]))
            defer { try? FileManager.default.removeItem(atPath: mixed) }
            let done = try await service.importFile(at: mixed, source: "mixte.json")
            #expect(done.newReleases == 1 && done.skipped == 1)
            #expect(try await service.skips(importID: done.id) == [SEAOFile.Skip(position: 2, ocid: "ocds-ec9k95-900002", reason: "tender.value.amount : un nombre est attendu")])
        }
    }

    @Test func buyersAreMatchedByName() {
        let catalog = MunicipalityCatalog([
            Municipality(code: "58227", name: "Longueuil", regionCode: "16", mrc: nil, designation: nil, population: nil),
            Municipality(code: "49095", name: "Saint-Majorique-de-Grantham", regionCode: "17", mrc: nil, designation: nil, population: nil),
            Municipality(code: "56083", name: "Saint-Jean-sur-Richelieu", regionCode: "16", mrc: nil, designation: nil, population: nil),
            Municipality(code: "03005", name: "Saint-Jean-de-l'Île-d'Orléans", regionCode: "03", mrc: nil, designation: nil, population: nil),
            Municipality(code: "23027", name: "Québec", regionCode: "03", mrc: nil, designation: nil, population: nil),
        ])
        let matcher = BuyerMatcher(catalog: catalog)
        #expect(matcher.municipalityCode(forBuyerNamed: "Ville de Longueuil") == "58227")
        #expect(matcher.municipalityCode(forBuyerNamed: "VILLE DE QUEBEC") == "23027")
        #expect(matcher.municipalityCode(forBuyerNamed: "Municipalité de Saint-Majorique") == "49095")
        #expect(matcher.municipalityCode(forBuyerNamed: "Ville de Saint-Jean") == nil)  // two start so
        #expect(matcher.municipalityCode(forBuyerNamed: "Université McGill") == nil)
    }

    struct Rows: Equatable, Sendable {
        var imports, releases, tenders, buyers: Int
        var bodies: [String] = []
    }

    static func rows(_ database: Database) async throws -> Rows {
        try await database.read { sql in
            func count(_ table: String) async throws -> Int {
                try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self)
            }
            let bodies = try await sql.raw("SELECT body || updated_at AS b FROM seao_tenders ORDER BY ocid").all().map { try $0.decode(column: "b", as: String.self) }
            return Rows(imports: try await count("seao_imports") > 0 ? 1 : 0, releases: try await count("seao_releases"), tenders: try await count("seao_tenders"),
                        buyers: try await count("seao_buyers"), bodies: bodies)
        }
    }
}
