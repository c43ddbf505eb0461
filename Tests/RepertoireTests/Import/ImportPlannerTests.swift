import Foundation
import Testing
@testable import Repertoire

@Suite("Planning an import")
struct ImportPlannerTests {
    let header = "NEQ;Nom;Forme juridique;Adresse;Municipalité;Code postal;Secteurs;Téléphone;Courriel;lat;long\n"

    @Test func rowsBecomeValidatedProfiles() throws {
        // given
        let text = header + "1140139735;Coop L'Écocentre;coop de solidarité;12 rue Principale;Trois-Rivières (Québec);g9a4w5;Habitation | Services aux personnes;819-555-1234 p. 12;INFO@ECO.ORG;46,34;-72,54\n"
        // when
        let preview = try ImportFixtures.plan(text)
        // then
        #expect(preview.counts == ImportPreview.Counts(creates: 1, updates: 0, unchanged: 0, rejected: 0, rowsWithWarnings: 0))
        let profile = try #require(preview.outcomes.first?.action.createdProfile)
        #expect(profile.name == "Coop L'Écocentre")
        #expect(profile.legalForm == .solidarityCooperative)
        #expect(profile.status == .active)
        #expect(profile.municipalityCode == "37067")
        #expect(profile.regionCode == "04")
        #expect(profile.postalCode == "G9A 4W5")
        #expect(profile.sectors == ["habitation", "services-personnes"])
        #expect(profile.phone == "819 555-1234, poste 12")
        #expect(profile.email == "info@eco.org")
        #expect(profile.coordinates == Coordinates(latitude: 46.34, longitude: -72.54))
        #expect(profile.source == "Liste importée, 2026-06", "a source a visitor understands, not the file's name")
    }

    @Test func errorsRejectTheRowWithLineAndColumn() throws {
        let text = header
            + ";;OBNL;;Trois-Rivières;;;;;;\n"                       // line 2: no name
            + ";B;SENC;;Trois-Rivières;;;;;;\n"                      // line 3: unknown legal form: a warning, the row is kept
            + "12;C;OBNL;;Trois-Rivières;ZZZ;;;pas-un-courriel;;\n"   // line 4: bad NEQ, postal code, email
            + ";D;OBNL;;Atlantide;;;;;;\n"                           // line 5: unknown municipality, no region
        let preview = try ImportFixtures.plan(text)
        #expect(preview.counts.rejected == 3)
        let byLine = Dictionary(grouping: preview.issues.filter { $0.severity == .error }, by: \.line)
        #expect(byLine[2]?.map(\.column) == ["Nom"])
        #expect(byLine[3] == nil)
        #expect(preview.outcomes[1].action.createdProfile?.legalForm == .other)
        #expect(preview.outcomes[1].issues.contains { $0.column == "Forme juridique" && $0.severity == .warning })
        #expect(Set(byLine[4]?.map(\.column) ?? []) == ["NEQ", "Code postal", "Courriel"])
        #expect(byLine[5]?.first?.message.contains("« Atlantide » introuvable") == true)
        #expect(preview.unresolvedMunicipalities == ["Atlantide": 1])
    }

    @Test func doubtfulRowsAreKeptWithWarnings() throws {
        let text = header + ";A;OBNL;;Shawinigan;;Bricolage;;;;\n"
        let preview = try ImportFixtures.plan(text)
        #expect(preview.counts.creates == 1)
        let codes = Set(preview.issues.map(\.code))
        #expect(codes == ["sector.unknown", "no_sector"])
        #expect(preview.issues.allSatisfy { $0.severity == .warning })
    }

    @Test func anNEQWhoseCheckDigitFailsRejectsTheRow() throws {
        // The NEQ identifies the enterprise: a wrong one would match or create the wrong record.
        let preview = try ImportFixtures.plan(header + "1140139736;A;OBNL;;Shawinigan;;Habitation;;;;\n")
        #expect(preview.counts.rejected == 1)
        #expect(preview.issues.contains { $0.code == "neq.check_digit" && $0.severity == .error && $0.column == "NEQ" })
    }

    @Test func defaultRegionKeepsRowsWithAnUnknownMunicipalityAndSettlesSharedNames() throws {
        let text = header + ";A;OBNL;1 rue X;Atlantide (Québec);;;;;;\n;B;OBNL;;Saint-Stanislas;;;;;;\n"
        let without = try ImportFixtures.plan(text)
        #expect(without.counts.rejected == 2)
        #expect(without.issues.contains { $0.code == "municipality.ambiguous" && $0.message.contains("91015") })

        let with = try ImportFixtures.plan(text, options: ImportFixtures.options(defaultRegion: "04"))
        #expect(with.counts.creates == 2)
        let profiles = with.outcomes.compactMap(\.action.createdProfile)
        #expect(profiles[0].municipalityCode == nil)
        #expect(profiles[0].regionCode == "04")
        #expect(profiles[0].address == "1 rue X, Atlantide (Québec)")
        #expect(profiles[1].municipalityCode == "37235")
    }

    @Test func aRegionColumnSettlesSharedNames() throws {
        let preview = try ImportFixtures.plan("Nom,Ville,Région\nA,Saint-Stanislas,Saguenay–Lac-Saint-Jean (02)\n")
        #expect(preview.outcomes.first?.action.createdProfile?.municipalityCode == "91015")
    }

    @Test func postOfficeBoxInTheMunicipalityColumn() throws {
        // The REQ sometimes shifts the address: the municipality sits in Adresse_Lign3.
        let text = "Nom,Adresse,Municipalite,Adresse_Lign3\nA,1800 RUE St-Paul,CP 1046,Trois-Rivières (Québec)\nB,2 rue Y,Shawinigan (Québec),Canada\n"
        let profiles = try ImportFixtures.plan(text).outcomes.compactMap(\.action.createdProfile)
        #expect(profiles.map(\.municipalityCode) == ["37067", "36033"])
        #expect(profiles.map(\.address) == ["1800 RUE St-Paul, CP 1046", "2 rue Y"])
    }

    @Test func duplicatesInsideTheFile() throws {
        let text = header
            + "1140139735;A;OBNL;;Trois-Rivières;;;;;;\n"
            + "1140139735;A bis;OBNL;;Shawinigan;;;;;;\n"          // same NEQ
            + ";Coop L'Écocentre;COP;;Shawinigan;;;;;;\n"
            + ";COOP L ECOCENTRE;COP;;Shawinigan (Québec);;;;;;\n"  // same name and municipality
            + ";Coop L'Écocentre;COP;;Trois-Rivières;;;;;;\n"      // another municipality: another enterprise
        let preview = try ImportFixtures.plan(text)
        #expect(preview.outcomes.map(\.action.isRejected) == [false, true, false, true, false])
        #expect(preview.outcomes[1].issues.last?.message == "doublon de la ligne 2 (même NEQ 1140139735) : ligne ignorée.")
        #expect(preview.outcomes[3].issues.last?.message.contains("doublon de la ligne 4") == true)
    }

    @Test func sameNameButDifferentNEQsAreTwoEnterprises() throws {
        let text = header + "1140139735;A;OBNL;;Shawinigan;;;;;;\n1140176141;A;OBNL;;Shawinigan;;;;;;\n"
        #expect(try ImportFixtures.plan(text).counts.creates == 2)
    }

    @Test func wrongColumnCounts() throws {
        let text = "Nom,Ville\nA,Shawinigan,,\nB,Shawinigan,en trop\nC\n"
        let preview = try ImportFixtures.plan(text)
        #expect(preview.outcomes.map(\.action.isRejected) == [false, true, true])
        #expect(preview.outcomes[1].issues.first?.message.contains("3 colonnes au lieu de 2") == true)
        #expect(preview.outcomes[2].issues.map(\.code).contains("csv.column_count"))
    }

    @Test func twoThousandColumnsAndTruncationAreRowErrors() throws {
        let wide = "A," + (0..<1_999).map { "x\($0)" }.joined(separator: ",")
        let text = "Nom,Ville\n\(wide)\nB,Shawinigan\nC,\"Trois-Rivières\nD,Shawinigan\n"
        let preview = try ImportFixtures.plan(text)
        #expect(preview.counts.creates == 1)
        #expect(preview.counts.rejected == 2)
        #expect(preview.outcomes[0].issues.first?.message.contains("2000 colonnes au lieu de 2") == true)
        #expect(preview.outcomes[2].line == 4)
        #expect(preview.outcomes[2].issues.first?.message.contains("tronqué") == true)
    }

    @Test func matchingExistingRecords() throws {
        // given: three stored enterprises
        let first = try ImportFixtures.plan(header
            + "1140139735;A;OBNL;1 rue X;Trois-Rivières;;Habitation;;;;\n"
            + ";Coop L'Écocentre;COP;;Shawinigan;;;819 555-0000;;;\n"
            + ";C;OBNL;;Longueuil;;;;;;\n")
        var existing = ImportFixtures.stored(first)
        existing[1].profile.website = "https://eco.org" // a field the file does not carry
        // when: the same enterprises come back, one changed, plus a new one
        let preview = try ImportFixtures.plan(header
            + "1140139735;A renommée;OBNL;1 rue X;Trois-Rivières;;Habitation;;;;\n"   // matched by NEQ
            + ";COOP L ECOCENTRE;COP;;Shawinigan (Québec);;;819 555-0000;;;\n"       // matched by name
            + ";C;OBNL;;Longueuil;;;;;;\n"
            + ";Nouvelle;OBNL;;Sherbrooke;;;;;;\n", existing: existing)
        // then
        #expect(preview.counts == ImportPreview.Counts(creates: 1, updates: 2, unchanged: 1, rejected: 0, rowsWithWarnings: 3, rowsWithConflicts: 2))
        guard case .update(let id, let version, let profile, let changes) = preview.outcomes[0].action else {
            Issue.record("expected an update")
            return
        }
        #expect(id == existing[0].id && version == 1)
        #expect(changes == [FieldChange(field: .name, before: "A", after: "A renommée")])
        #expect(profile.name == "A renommée")
        guard case .update(_, _, let merged, let nameChange) = preview.outcomes[1].action else {
            Issue.record("expected an update")
            return
        }
        #expect(nameChange.map(\.field) == [.name])
        #expect(merged.website == "https://eco.org", "fields without a column are kept")
    }

    @Test func twoRowsForOneExistingRecord() throws {
        let existing = ImportFixtures.stored(try ImportFixtures.plan(header + "1140139735;A;OBNL;;Shawinigan;;;;;;\n"))
        let preview = try ImportFixtures.plan(header + "1140139735;A;OBNL;;Shawinigan;;;;;;\n;A;OBNL;;Shawinigan;;;;;;\n", existing: existing)
        #expect(preview.outcomes.map(\.action.isRejected) == [false, true])
    }

    @Test func titleCaseOption() throws {
        let text = "Nom,Ville\nCENTRE DE LA PETITE ENFANCE L'ARBRE ENCHANTÉ,Shawinigan\nCarrefour JEUNESSE,Shawinigan\n"
        let names = try ImportFixtures.plan(text, options: ImportFixtures.options(titleCase: true)).outcomes.compactMap(\.action.createdProfile?.name)
        #expect(names == ["Centre de la Petite Enfance L'Arbre Enchanté", "Carrefour JEUNESSE"])
    }

    @Test func aFreeTextActivityIsMappedToASectorNeverPublishedAsText() throws {
        let preview = try ImportFixtures.plan("Nom,Ville,SecteurActivite,Mission\nA,Shawinigan,SERVICE DE GARDE,Offrir des places.\nB,Shawinigan,autre,\n")
        let profiles = preview.outcomes.compactMap(\.action.createdProfile)
        #expect(profiles[0].mission == "Offrir des places.")
        #expect(profiles[0].sectors == ["petite-enfance-famille"])
        #expect(profiles[1].mission == nil)
        #expect(profiles[1].sectors.isEmpty)
        #expect(preview.outcomes[1].issues.contains { $0.code == "activity.unmatched" })
    }

    @Test func planningAFileNamesItsSource() throws {
        let file = try ImportFile.decode(Data("Nom,Ville\nA,Shawinigan\n".utf8), name: "liste-2026.csv")
        let preview = ImportPlanner.plan(file: file, mapping: .propose(headers: file.headers), options: ImportFixtures.options(),
                                         catalog: ImportFixtures.catalog)
        #expect(preview.outcomes.first?.action.createdProfile?.source == "Liste importée, 2026-06")
    }

    @Test func aSourceColumnWins() throws {
        let preview = try ImportFixtures.plan("Nom,Ville,Source\nA,Shawinigan,Pôle de la Mauricie\n")
        #expect(preview.outcomes.first?.action.createdProfile?.source == "Pôle de la Mauricie")
    }

    @Test func errorReport() throws {
        let preview = try ImportFixtures.plan(header + ";;OBNL;;Trois-Rivières;;;;;;\n;B;OBNL;;Trois-Rivières;;;;;;\n")
        let report = preview.errorReportCSV()
        #expect(report.hasPrefix("\u{FEFF}ligne,colonne,gravité,message\r\n"))
        #expect(report.contains("2,Nom,erreur,Le nom de l'entreprise est obligatoire.\r\n"))
        #expect(report.contains("3,Secteurs,avertissement,"))
        // The report is itself importable CSV.
        let rows = Array(try ImportFile.decode(Data(report.utf8)).rows)
        #expect(rows.count == preview.issues.count)
    }

    @Test func encodingsAndDelimitersGiveTheSameProfiles() throws {
        let rows = [["Nom", "Forme juridique", "Ville", "Mission"], ["Café « Zoé »", "coopérative", "Trois-Rivières", "Servir; et \"bien\", ici"]]
        var profiles: [EnterpriseProfile] = []
        for delimiter: Character in [",", ";", "\t"] {
            let text = rows.map { CSVWriter(delimiter: delimiter).row($0) }.joined()
            let utf8 = Data(text.utf8)
            let windows = Data(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value == 0xAB ? 0xAB : $0.value) })
            for data in [utf8, windows] {
                let file = try ImportFile.decode(data)
                #expect(file.delimiter == delimiter)
                let preview = ImportPlanner.plan(rows: file.rows, mapping: .propose(headers: file.headers),
                                                 options: ImportFixtures.options(), catalog: ImportFixtures.catalog)
                profiles += preview.outcomes.compactMap(\.action.createdProfile)
            }
        }
        #expect(profiles.count == 6)
        #expect(Set(profiles.map(\.name)) == ["Café « Zoé »"])
        #expect(Set(profiles.map(\.mission)) == ["Servir; et \"bien\", ici"])
    }
}
