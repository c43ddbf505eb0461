import Foundation
import Testing
@testable import Repertoire

/// Issue #12: a hub's real list goes in without losing an enterprise or a stored value.
/// The fixture is written like a hub's member list: French headers, `NA` for blanks, NEQ as
/// numbers, postal codes without space, sectors as slugs or free text, citizen members.
@Suite("Import fidelity")
struct ImportFidelityTests {
    static let members = #"""
    No membre;Nom de l'organisme;NEQ;Catégorie de membre;Forme juridique;Secteur;Adresse;Ville;Code postal;Site web;Téléphone
    1;Coop de solidarité Le Rucher;1140139735;Entreprise d'économie sociale;COP;habitation;12 rue Principale;Trois-Rivières;G9A4W5;https://rucher.example;819-555-0101
    2;Jean Tremblay;NA;Citoyen;NA;NA;55 rue des Érables;Shawinigan;G9N1A1;NA;819-555-0102
    3;Atelier Rebond;NA;Entreprise d'économie sociale;SENC;Récupération et recyclage;8 rue du Parc;Shawinigan;G9N 2B2;"""><script>";819-555-0103
    4;Traiteur Solidaire;NA;Entreprise d'économie sociale;OBNL;Traiteur;NA;Trois-Rivières;ZZZ;NA;NA
    5;Membre individuel Gagnon;NA;Membre individuel;NA;NA;NA;Shawinigan;NA;NA;NA
    6;Coop mal numérotée;1140139736;Entreprise d'économie sociale;COP;habitation;NA;Trois-Rivières;NA;NA;NA

    """#

    static func plan(_ text: String, existing: [ExistingRecord] = [], mapping: ColumnMapping? = nil,
                     options: ImportOptions = ImportFixtures.options("membres.csv")) throws -> (ImportPreview, ColumnMapping) {
        let file = try ImportFile.decode(Data(text.utf8), name: options.fileName)
        let mapping = mapping?.reused(for: file.headers) ?? ColumnMapping.propose(headers: file.headers)
        return (ImportPlanner.plan(rows: file.rows, mapping: mapping, options: options, catalog: ImportFixtures.catalog, existing: existing), mapping)
    }

    static func outcome(_ preview: ImportPreview, line: Int) throws -> ImportRowOutcome {
        try #require(preview.outcomes.first { $0.line == line })
    }

    @Test func aBadOptionalCellLeavesTheValueOutNotTheEnterprise() throws {
        let (preview, _) = try Self.plan(Self.members)
        // line 3: unknown legal form « SENC » and a web address that is markup; line 4: a bad postal code
        let atelier = try #require(try Self.outcome(preview, line: 4).action.createdProfile)
        #expect(atelier.name == "Atelier Rebond")
        #expect(atelier.website == nil)
        #expect(atelier.legalForm == .other)
        #expect(atelier.sectors == ["environnement-recuperation-recyclage"])
        let atelierIssues = try Self.outcome(preview, line: 4).issues
        #expect(atelierIssues.contains { $0.column == "Site web" && $0.severity == .warning && $0.message.contains("Valeur ignorée") })
        #expect(atelierIssues.contains { $0.column == "Forme juridique" && $0.code == "legal_form.unknown" && $0.severity == .warning })
        let traiteur = try #require(try Self.outcome(preview, line: 5).action.createdProfile)
        #expect(traiteur.postalCode == nil)
        #expect(traiteur.sectors == ["agroalimentaire-restauration"])
        #expect(try Self.outcome(preview, line: 5).issues.contains { $0.column == "Code postal" && $0.severity == .warning })
        // What identifies the enterprise still rejects the row: an NEQ whose check digit fails.
        let wrongNEQ = try Self.outcome(preview, line: 7)
        #expect(wrongNEQ.action.isRejected)
        #expect(wrongNEQ.issues.contains { $0.column == "NEQ" && $0.severity == .error })
    }

    @Test func peopleAreSkippedAndNeverPublished() throws {
        let (preview, mapping) = try Self.plan(Self.members)
        #expect(preview.counts.skipped == 2)
        for line in [3, 6] {
            guard case .skipped(let reason) = try Self.outcome(preview, line: line).action else {
                Issue.record("line \(line) should be skipped")
                continue
            }
            #expect(reason.contains("personne"))
        }
        #expect(!preview.outcomes.contains { $0.action.createdProfile?.address == "55 rue des Érables" })
        // The value table proposes « pas une entreprise » for Citoyen and Membre individuel.
        let file = try ImportFile.decode(Data(Self.members.utf8), name: "membres.csv")
        let category = try #require(ImportValueSummary.summaries(file: file, mapping: mapping).first { $0.field == .category })
        #expect(category.values.first { $0.text == "Citoyen" }?.target == .notEnterprise)
        #expect(category.values.first { $0.text == "Entreprise d'économie sociale" }?.count == 4)
    }

    @Test func aValueMappedByAPersonIsUsedAndSavedWithTheMapping() throws {
        let (_, proposed) = try Self.plan(Self.members)
        var mapping = proposed
        let sectorIndex = try #require(mapping.index(of: .sectors))
        let legalIndex = try #require(mapping.index(of: .legalForm))
        mapping.columns[sectorIndex].values[ImportText.key("Traiteur")] = .sector("services-personnes")
        mapping.columns[legalIndex].values[ImportText.key("SENC")] = .ignore
        let saved = try JSONDecoder().decode(ColumnMapping.self, from: JSONEncoder().encode(mapping))
        #expect(saved == mapping)
        let (preview, _) = try Self.plan(Self.members, mapping: saved)
        #expect(try Self.outcome(preview, line: 5).action.createdProfile?.sectors == ["services-personnes"])
        // A mapping saved before value choices existed still reads.
        let old = #"{"columns":[{"header":"Nom","field":"name"}]}"#
        let decoded = try JSONDecoder().decode(ColumnMapping.self, from: Data(old.utf8))
        #expect(decoded.columns[0].clearBlanks == false && decoded.columns[0].values.isEmpty)
    }

    /// The stored record of the first list's « Coop de solidarité Le Rucher », with a phone a
    /// person corrected by hand on `edited`.
    static func stored(edited: Date? = nil, lastVerified: String? = nil) throws -> ExistingRecord {
        let (preview, _) = try plan(members)
        var profile = try #require(try outcome(preview, line: 2).action.createdProfile)
        profile.lastVerified = lastVerified
        return ExistingRecord(id: "rucher", version: 3, profile: profile,
                              handEdited: edited.map { ["phone": $0] } ?? [:])
    }

    static let directoryList = """
    NEQ,Nom,Adresse,Municipalité,Code postal,Site web,Téléphone,Courriel
    1140139735,Coop de solidarité Le Rucher,,Trois-Rivières,,,819-555-0199,info@rucher.example

    """

    @Test func aBlankCellKeepsTheStoredValue() throws {
        let existing = try Self.stored()
        let (preview, _) = try Self.plan(Self.directoryList, existing: [existing])
        guard case .update(_, _, let merged, let changes) = try Self.outcome(preview, line: 2).action else {
            Issue.record("expected an update")
            return
        }
        #expect(merged.address == "12 rue Principale")
        #expect(merged.postalCode == "G9A 4W5")
        #expect(merged.website == "https://rucher.example")
        #expect(merged.email == "info@rucher.example")
        #expect(Set(changes.map(\.field)) == [.phone, .email])
        #expect(changes.first { $0.field == .email }?.kind == .fill)
        #expect(changes.first { $0.field == .phone }?.kind == .replace)
    }

    @Test func clearingTakesAnExplicitChoicePerColumn() throws {
        let existing = try Self.stored()
        let file = try ImportFile.decode(Data(Self.directoryList.utf8), name: "annuaire.csv")
        var mapping = ColumnMapping.propose(headers: file.headers)
        mapping.columns[try #require(mapping.index(of: .website))].clearBlanks = true
        let (preview, _) = try Self.plan(Self.directoryList, existing: [existing], mapping: mapping)
        guard case .update(_, _, let merged, let changes) = try Self.outcome(preview, line: 2).action else {
            Issue.record("expected an update")
            return
        }
        #expect(merged.website == nil)
        #expect(merged.address == "12 rue Principale")
        #expect(changes.contains { $0.field == .website && $0.kind == .clear && $0.before == "https://rucher.example" })
    }

    @Test func aValueEditedByHandAfterTheListIsKeptByDefault() throws {
        let edited = CalendarDay.parse("2026-05-01")!
        let existing = try Self.stored(edited: edited)
        var options = ImportFixtures.options("annuaire.csv")
        options.listDate = "2026-03-01"
        let (preview, _) = try Self.plan(Self.directoryList, existing: [existing], options: options)
        let row = try Self.outcome(preview, line: 2)
        guard case .update(_, _, let merged, _) = row.action else {
            Issue.record("expected an update (the e-mail fills a blank)")
            return
        }
        #expect(merged.phone == "819 555-0101")
        #expect(row.kept.map(\.field) == [.phone])
        #expect(row.kept.first?.note?.contains("modifiée à la main le 2026-05-01") == true)
        #expect(preview.counts.rowsWithConflicts == 1)

        // A list newer than the hand edit wins.
        options.listDate = "2026-06-01"
        let (newer, _) = try Self.plan(Self.directoryList, existing: [existing], options: options)
        guard case .update(_, _, let taken, _) = try Self.outcome(newer, line: 2).action else { Issue.record("expected an update"); return }
        #expect(taken.phone == "819 555-0199")

        // The person decides for the row, over the rule.
        options.listDate = "2026-03-01"
        options.rowChoices = [2: .takeIncoming]
        let (chosen, _) = try Self.plan(Self.directoryList, existing: [existing], options: options)
        guard case .update(_, _, let forced, _) = try Self.outcome(chosen, line: 2).action else { Issue.record("expected an update"); return }
        #expect(forced.phone == "819 555-0199")
    }

    @Test func aRecordVerifiedAfterTheListKeepsItsValuesAndAColumnChoiceOverridesTheRule() throws {
        let existing = try Self.stored(lastVerified: "2026-04-15")
        var options = ImportFixtures.options("annuaire.csv")
        options.listDate = "2026-02-01"
        let (preview, _) = try Self.plan(Self.directoryList, existing: [existing], options: options)
        #expect(try Self.outcome(preview, line: 2).kept.first?.note?.contains("vérifiée le 2026-04-15") == true)

        let file = try ImportFile.decode(Data(Self.directoryList.utf8), name: "annuaire.csv")
        var mapping = ColumnMapping.propose(headers: file.headers)
        mapping.columns[try #require(mapping.index(of: .phone))].onConflict = .takeIncoming
        let (taken, _) = try Self.plan(Self.directoryList, existing: [existing], mapping: mapping, options: options)
        guard case .update(_, _, let merged, _) = try Self.outcome(taken, line: 2).action else { Issue.record("expected an update"); return }
        #expect(merged.phone == "819 555-0199")
    }

    @Test func twoListsNoLongerFlipFlop() throws {
        // The member list, then the directory list, then the member list again: the second pass
        // of the first list changes nothing the second list filled in.
        let (first, _) = try Self.plan(Self.members)
        let stored = ImportFixtures.stored(first)
        let (second, _) = try Self.plan(Self.directoryList, existing: stored)
        let afterSecond = stored.map { record -> ExistingRecord in
            guard let outcome = second.outcomes.first(where: { if case .update(let id, _, _, _) = $0.action { id == record.id } else { false } }),
                  case .update(_, _, let profile, _) = outcome.action else { return record }
            return ExistingRecord(id: record.id, version: record.version + 1, profile: profile)
        }
        let (third, _) = try Self.plan(Self.members, existing: afterSecond)
        let rucher = try Self.outcome(third, line: 2)
        if case .update(_, _, let profile, _) = rucher.action {
            #expect(profile.email == "info@rucher.example")
        }
    }

    @Test func ourOwnExportImportsBack() throws {
        let headers = ExportColumn.allCases.map(\.label)
        let mapping = ColumnMapping.propose(headers: headers)
        let unmapped = mapping.columns.filter { $0.field == .ignored }.map(\.header)
        #expect(unmapped.isEmpty, "export headers the import does not know: \(unmapped)")
        let text = """
        NEQ;Nom;Forme juridique;Municipalité;Région;Secteurs;Produits et services;Offre aux municipalités;Données fictives;Fiche
        ;Coop fictive;Coopérative;Trois-Rivières;Mauricie (04);Habitation;Déneigement;oui;oui;https://repertoire.example/entreprises/coop-fictive

        """
        let (preview, _) = try Self.plan(text)
        let row = try Self.outcome(preview, line: 2)
        #expect(row.fictional)
        #expect(row.action.createdProfile?.offerings.first?.offeredToMunicipalities == true)
        // The record page finds the record before the name does.
        let existing = ExistingRecord(id: "x", version: 1, profile: try #require(row.action.createdProfile), slug: "coop-fictive", fictional: true)
        var renamed = text.replacingOccurrences(of: ";Coop fictive;", with: ";Coop fictive renommée;")
        renamed = renamed.replacingOccurrences(of: "Déneigement", with: "Déneigement | Tonte")
        let (again, _) = try Self.plan(renamed, existing: [existing])
        let matched = try Self.outcome(again, line: 2)
        guard case .update(let id, _, _, _) = matched.action else { Issue.record("expected an update: \(matched)"); return }
        #expect(id == "x")
    }

    @Test func titleCaseKeepsAcronyms() {
        #expect(FrenchTitleCase.convert("HBSA SERVICES DE MÉNAGE") == "HBSA Services de Ménage")
        #expect(FrenchTitleCase.convert("CDC DU ROC") == "CDC du Roc")
        #expect(FrenchTitleCase.convert("STRUCTURE ST-ÉLIE") == "Structure St-Élie")
    }

    @Test func theSourceIsWordsAVisitorUnderstands() throws {
        let (preview, _) = try Self.plan(Self.members, options: ImportFixtures.options("export_final_v3.csv", defaultRegion: "04"))
        let source = try #require(try Self.outcome(preview, line: 2).action.createdProfile?.source)
        #expect(source == "Liste du pôle régional (Mauricie), 2026-06")
        var options = ImportFixtures.options("export_final_v3.csv")
        options.sourceLabel = "Liste du Pôle d'économie sociale, 2026-06"
        let (labelled, _) = try Self.plan(Self.members, options: options)
        #expect(try Self.outcome(labelled, line: 2).action.createdProfile?.source == "Liste du Pôle d'économie sociale, 2026-06")
    }

    @Test func warningsAreGroupedByKindWithCountsAndErrorsComeFirst() throws {
        let many = "Nom;Municipalité;Secteurs\n" + (1...40).map { "Entreprise \($0);Trois-Rivières;NA" }.joined(separator: "\n") + "\n;Trois-Rivières;NA\n"
        let (preview, _) = try Self.plan(many)
        #expect(preview.issues.first?.severity == .error)
        let groups = preview.issueGroups
        #expect(groups.first?.severity == .error)
        let noSector = try #require(groups.first { $0.code == "no_sector" })
        #expect(noSector.count == 41)  // the nameless row has no sector either
        #expect(groups.filter { $0.code == "no_sector" }.count == 1)
    }

    // MARK: Found by the hub walk-through (a probe of the preview on real lists)

    @Test func aRowNamedByItsNEQAloneUpdatesTheStoredRecord() throws {
        let existing = try Self.stored()
        let text = "NEQ;Téléphone\n1140139735;819-555-0177\n9999999999;819-555-0000\n"
        let file = try ImportFile.decode(Data(text.utf8), name: "tel.csv")
        let mapping = ColumnMapping.propose(headers: file.headers)
        #expect(mapping.problems.isEmpty, "a file of updates may name enterprises by NEQ alone: \(mapping.problems)")
        let (preview, _) = try Self.plan(text, existing: [existing])
        guard case .update(_, _, let merged, let changes) = try Self.outcome(preview, line: 2).action else {
            Issue.record("expected an update")
            return
        }
        #expect(merged.name == existing.profile.name && merged.municipalityCode == existing.profile.municipalityCode)
        #expect(changes.map(\.field) == [.phone])
        #expect(try Self.outcome(preview, line: 3).action.isRejected, "an unknown NEQ without a name cannot be created")
    }

    @Test func theLegalFormPlaceholderIsFilledNotDisputed() throws {
        var existing = try Self.stored()
        existing.profile.legalForm = .other
        let (preview, _) = try Self.plan("NEQ;Nom;Forme juridique;Municipalité\n1140139735;Coop de solidarité Le Rucher;OBNL;Trois-Rivières\n",
                                         existing: [existing])
        let row = try Self.outcome(preview, line: 2)
        guard case .update(_, _, let merged, let changes) = row.action else { Issue.record("expected an update"); return }
        #expect(merged.legalForm == .nonProfit)
        #expect(changes.first { $0.field == .legalForm }?.kind == .fill)
        #expect(row.conflicts.isEmpty)
    }

    @Test func sectorsSeparatedByCommasAreEachRead() throws {
        let (preview, _) = try Self.plan("Nom;Municipalité;Secteur\nA;Trois-Rivières;Habitation, Loisirs\nB;Trois-Rivières;Arts, culture et patrimoine\n")
        #expect(try Self.outcome(preview, line: 2).action.createdProfile?.sectors == ["habitation", "loisirs-sports-tourisme"])
        #expect(try Self.outcome(preview, line: 3).action.createdProfile?.sectors == ["arts-culture-patrimoine"])
    }

    @Test func aVerifiedRecordKeepsItsValuesWhenTheListHasNoDate() throws {
        let existing = try Self.stored(lastVerified: "2026-06-01")
        let (preview, _) = try Self.plan(Self.directoryList, existing: [existing])
        #expect(try Self.outcome(preview, line: 2).kept.map(\.field) == [.phone])
    }

    @Test func noSectorIsNotSaidOfARecordThatHasSectors() throws {
        let existing = try Self.stored()
        let (preview, _) = try Self.plan("NEQ;Nom;Municipalité;Secteur\n1140139735;Coop de solidarité Le Rucher;Trois-Rivières;NA\n", existing: [existing])
        #expect(!(try Self.outcome(preview, line: 2).issues.contains { $0.code == "no_sector" }))
    }

    @Test func changesNameSectorsNotSlugs() throws {
        let existing = try Self.stored()
        let (preview, _) = try Self.plan("NEQ;Nom;Municipalité;Secteur\n1140139735;Coop de solidarité Le Rucher;Trois-Rivières;Loisirs\n", existing: [existing])
        let change = try Self.outcome(preview, line: 2).conflicts.first { $0.field == .sectors }
        #expect(change?.before == "Habitation" && change?.after == "Loisirs, sports et tourisme")
    }
}
