import Foundation
import Testing
@testable import Repertoire

/// Former names, Indigenous communities, "did you mean" and a missing reference list.
@Suite("Resolving municipality names")
struct ImportMunicipalityNamesTests {
    /// The import fixtures and a few more real entries of the MAMH list.
    static let catalog = MunicipalityCatalog(ImportFixtures.catalog.all + [
        Municipality(code: "90012", name: "La Tuque", regionCode: "04", mrc: nil, designation: "Ville", population: 11_000),
        Municipality(code: "51025", name: "Saint-Barnabé", regionCode: "04", mrc: nil, designation: "Paroisse", population: 1_200),
        Municipality(code: "99095", name: "Kuujjuaq", regionCode: "10", mrc: nil, designation: "Village nordique", population: 2_700),
        Municipality(code: "80095", name: "Lac-Simon", regionCode: "07", mrc: nil, designation: "Municipalité", population: 900),
    ])
    static let resolver = MunicipalityResolver(catalog: catalog)

    static func plan(_ text: String, catalog: MunicipalityCatalog = catalog, defaultRegion: String? = nil) throws -> ImportPreview {
        let file = try ImportFile.decode(Data(text.utf8), name: "liste.csv")
        return ImportPlanner.plan(rows: file.rows, mapping: ColumnMapping.propose(headers: file.headers),
                                  options: ImportFixtures.options(defaultRegion: defaultRegion), catalog: catalog)
    }

    @Test func mergedMunicipalityResolvesToItsSuccessorWithAWarning() throws {
        #expect(Self.resolver.resolve("PARENT (QUÉBEC)") == .found(Self.catalog.municipality(code: "90012")!, formerName: "Parent"))
        // when
        let preview = try Self.plan("Nom;Municipalité\nCoop du Rail;Parent (Québec)")
        // then
        let profile = try #require(preview.outcomes.first?.action.createdProfile)
        #expect(profile.municipalityCode == "90012")
        let issue = try #require(preview.issues.first { $0.code == "municipality.merged" })
        #expect(issue.severity == .warning)
        #expect(issue.message.contains("l'ancienne municipalité Parent fait partie de La Tuque (90012)"))
    }

    @Test func indigenousCommunitiesAreRecognisedWithTheirRegion() throws {
        for text in ["Obedjiwan (Québec)", "OPITCIWAN", "Obidjiwan QC"] {
            guard case .indigenousCommunity(let community) = Self.resolver.resolve(text) else {
                Issue.record("\(text) is not recognised as a community")
                continue
            }
            #expect(community.name == "Opitciwan" && community.regionCode == "04")
        }
        #expect(Self.resolver.resolve("Wémotaci").community?.name == "Wemotaci")
        #expect(Self.resolver.resolve("Weymontachie").community?.name == "Wemotaci")
        #expect(Self.resolver.resolve("Kahnawà:ke").community?.regionCode == "16")
        #expect(Self.resolver.resolve("Betsiamites").community?.name == "Pessamit")

        // when: no region in the row nor for the import
        let preview = try Self.plan("Nom;Municipalité\nCoop Atikamekw;Wemotaci (Québec)\nCoop de l'Oie;OBEDJIWAN (QUÉBEC)")
        // then
        let profiles = preview.outcomes.compactMap(\.action.createdProfile)
        #expect(profiles.count == 2, "created, not rejected")
        #expect(profiles.allSatisfy { $0.regionCode == "04" && $0.municipalityCode == nil })
        #expect(profiles.first?.address == "Wemotaci (Québec)", "the name stays in the address")
        #expect(!preview.issues.contains { $0.message.contains("introuvable") })
        let messages = preview.issues.filter { $0.code == "municipality.indigenous" }.map(\.message)
        #expect(messages == [
            "Wemotaci est une communauté autochtone, hors du répertoire des municipalités du Québec : la région 04 est retenue ; le nom reste dans l'adresse.",
            "« OBEDJIWAN (QUÉBEC) » : Opitciwan est une communauté autochtone, hors du répertoire des municipalités du Québec : la région 04 est retenue ; le nom reste dans l'adresse.",
        ])
        #expect(preview.issues.allSatisfy { $0.severity == .warning })
        #expect(preview.municipalitiesResolved == 2 && preview.unresolvedMunicipalities.isEmpty, "recognised, not unknown")
    }

    @Test func officialEntriesWinOverTheCommunityTable() {
        let kuujjuaq = Self.catalog.municipality(code: "99095")!
        #expect(Self.resolver.resolve("Kuujjuaq") == .found(kuujjuaq, formerName: nil))
        #expect(Self.resolver.resolve("Fort Chimo") == .found(kuujjuaq, formerName: nil))
        // Lac-Simon: a municipality of the Outaouais, an Anishinabe community of Abitibi.
        let lacSimon = Self.catalog.municipality(code: "80095")!
        #expect(Self.resolver.resolve("Lac-Simon") == .found(lacSimon, formerName: nil))
        #expect(Self.resolver.resolve("Lac-Simon", regionCodes: ["07"]) == .found(lacSimon, formerName: nil))
        #expect(Self.resolver.resolve("Lac-Simon", regionCodes: ["08"]).community?.regionCode == "08")
    }

    @Test func unknownNamesGetSuggestions() throws {
        let stanislas = Self.resolver.suggestions(for: "Saint-Saintanislas", regionCodes: ["04"])
        #expect(stanislas.map(\.code) == ["37235", "91015"], "the row's region first")
        #expect(Self.resolver.suggestions(for: "Saint-Saintanislas", regionCodes: ["02"]).first?.code == "91015")
        #expect(Self.resolver.suggestions(for: "Trois-Rivieres-Est").map(\.name) == ["Trois-Rivières"])
        #expect(Self.resolver.suggestions(for: "Shawinigam").map(\.name) == ["Shawinigan"])
        #expect(Self.resolver.suggestions(for: "St-Barnabé-Nord (Québec)").map(\.name) == ["Saint-Barnabé"])
        #expect(Self.resolver.suggestions(for: "Saint-Zénon").isEmpty)
        #expect(Self.resolver.suggestions(for: "CP 1431").isEmpty)

        // when
        let preview = try Self.plan("Nom;Municipalité\nCoop du Moulin;Saint-Saintanislas", defaultRegion: "04")
        // then
        let issue = try #require(preview.issues.first { $0.code == "municipality.unknown" })
        #expect(issue.message == "municipalité « Saint-Saintanislas » introuvable dans le répertoire des municipalités du Québec. "
            + "Vouliez-vous dire : Saint-Stanislas (37235, région 04) ou Saint-Stanislas (91015, région 02) ? "
            + "La région 04 est retenue ; le nom reste dans l'adresse.")
    }

    @Test func editDistanceCountsTranspositionsAsOneError() {
        func distance(_ a: String, _ b: String, limit: Int = 10) -> Int {
            MunicipalitySuggestions.distance(Array(a.utf8), Array(b.utf8), limit: limit)
        }
        #expect(distance("kitten", "sitting") == 3)
        #expect(distance("shawinigan", "shawinigna") == 1)
        #expect(distance("saint saintanislas", "saint stanislas") == 3)
        #expect(distance("", "abc") == 3)
        #expect(distance("abcdefgh", "zzzzzzzz", limit: 2) == 3, "stops past the limit")
    }

    @Test func aMissingReferenceListIsSaidOnceNotRowByRow() throws {
        // when
        let preview = try Self.plan("Nom;Municipalité\nCoop A;Trois-Rivières\nCoop B;Shawinigan-Sud\nCoop C;Wemotaci",
                                    catalog: MunicipalityCatalog([]), defaultRegion: "04")
        // then
        #expect(preview.municipalityListMissing)
        #expect(!preview.issues.contains { $0.code == "municipality.unknown" || $0.message.contains("introuvable") })
        #expect(preview.counts.creates == 3)
        #expect(try !Self.plan("Nom;Municipalité\nCoop A;Trois-Rivières").municipalityListMissing)
    }

    @Test func thePreviewPageSaysTheReferenceListIsMissing() async throws {
        try await TestApp.run(municipalities: []) { client, env in
            // given
            let admin = try await env.signedIn([.admin])
            // when
            let location = try #require(try await ImportWebTests.upload(client, admin, ImportWebTests.twoRegions))
            let page = try await client.execute(uri: location, method: .get, headers: admin.headers).text
                .replacingOccurrences(of: "&#39;", with: "'")
            // then
            #expect(page.contains("La liste des municipalités du Québec n'est pas chargée : les municipalités ne peuvent pas être reconnues."))
            #expect(page.contains("repertoire municipalities import MUN.csv"))
            #expect(!page.contains("Municipalités reconnues") && !page.contains("Non reconnues"))
            #expect(!page.contains("introuvable"))
        }
    }

    // MARK: The tables against the real MAMH list

    static let munURL = ImportFixtures.sharedData("MUN.csv")
    static let reqURL = ImportFixtures.sharedData("req_es.csv")

    static func realCatalog() throws -> MunicipalityCatalog {
        MunicipalityCatalog(try MunicipalityFile.parse(try Data(contentsOf: #require(munURL))))
    }

    @Test(.enabled(if: munURL != nil, "shared/data/MUN.csv is absent"))
    func tablesAgreeWithTheMAMHList() throws {
        let catalog = try Self.realCatalog()
        let officialKeys = Set(catalog.all.map { MunicipalityResolver.key($0.name) })
        for (code, names) in MunicipalityResolver.mergedInto {
            #expect(catalog.municipality(code: code) != nil, "successor \(code) of \(names)")
            for name in names {
                let isOfficial = officialKeys.contains(MunicipalityResolver.key(name))
                #expect(!isOfficial, "\(name) is an official name: the entry would never apply")
            }
        }
        for community in IndigenousCommunity.all {
            #expect(Region.find(community.regionCode) != nil, "\(community.name)")
            for variant in community.variants {
                let isOfficial = officialKeys.contains(MunicipalityResolver.key(variant))
                #expect(!isOfficial, "\(variant) is an official name")
            }
            // A community that is a municipality of the list is there under its own name, in its region.
            for official in catalog.all where MunicipalityResolver.key(official.name) == MunicipalityResolver.key(community.name) {
                #expect(official.regionCode == community.regionCode || community.name == "Lac-Simon", "\(community.name)")
            }
        }
        let resolver = MunicipalityResolver(catalog: catalog)
        #expect(resolver.resolve("Parent").municipality?.name == "La Tuque")
        #expect(resolver.resolve("Greenfield Park").municipality?.code == "58227")
        #expect(resolver.resolve("Jonquière (Québec)").municipality?.name == "Saguenay")
        #expect(resolver.resolve("Kuujjuaq").municipality?.code == "99095")
        #expect(resolver.resolve("Mistissini").municipality?.code == "99030")
        #expect(resolver.resolve("Wendake").community?.regionCode == "03")
        #expect(resolver.suggestions(for: "Saint-Saintanislas", regionCodes: ["04"]).first?.code == "37245")
    }

    /// How the REQ extract's municipality texts fare: an official entry, a community, or unknown
    /// (with or without a suggestion). Prints the figures; the planner's own count is in
    /// ``RealDataImportTests``.
    @Test(.enabled(if: munURL != nil && reqURL != nil, "shared/data/MUN.csv and req_es.csv are absent"))
    func reqExtractCoverage() throws {
        let resolver = MunicipalityResolver(catalog: try Self.realCatalog())
        let file = try ImportFile.decode(try Data(contentsOf: #require(Self.reqURL)), name: "req_es.csv")
        let headers = file.headers
        let municipalityColumn = try #require(headers.firstIndex(of: "Municipalite"))
        let secondLineColumn = try #require(headers.firstIndex(of: "Adresse_Lign3"))
        var official = 0, communities = 0, given = 0
        var unknown: [String: Int] = [:]
        let clock = ContinuousClock()
        let start = clock.now
        var suggestions: [String: [String]] = [:]
        for row in file.rows {
            func cell(_ index: Int) -> String? { index < row.cells.count ? ImportCell.value(row.cells[index]) : nil }
            guard let text = cell(municipalityColumn) else { continue }
            given += 1
            let first = resolver.resolve(text, regionCodes: ["04"])
            let second = cell(secondLineColumn).map { resolver.resolve($0, regionCodes: ["04"]) }
            if first.municipality != nil || second?.municipality != nil {
                official += 1
            } else if first.community != nil {
                communities += 1
            } else {
                unknown[text, default: 0] += 1
                if suggestions[text] == nil {
                    suggestions[text] = resolver.suggestions(for: text, regionCodes: ["04"]).map { "\($0.name) (\($0.code))" }
                }
            }
        }
        let elapsed = clock.now - start
        print("""
            REQ municipality texts (default region 04): \(given) given, \(official) official \
            (\(String(format: "%.2f", Double(official) / Double(given) * 100)) %), \(communities) Indigenous communities, \
            \(unknown.values.reduce(0, +)) unknown, in \(elapsed)
            unknown: \(unknown.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value) → \(suggestions[$0.key] ?? [])" }.joined(separator: "; "))
            """)
        #expect(official + communities + unknown.values.reduce(0, +) == given)
        #expect(communities >= 16, "Wemotaci ×10, Obedjiwan ×6")
        #expect(unknown.keys.allSatisfy { !(suggestions[$0] ?? []).isEmpty }, "every unknown text gets a suggestion")
    }
}
