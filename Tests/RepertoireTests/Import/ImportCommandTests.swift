import Foundation
import Testing
@testable import Repertoire

/// Issue #12: `repertoire import` says what the web preview says about the same file, and
/// refuses what the web refuses, with the same words.
@Suite("The import command and the web preview agree")
struct ImportCommandTests {
    static let list = """
        Nom;Municipalité;Secteur;Téléphone;Code postal
        Coop Le Rucher;Trois-Rivières;Habitation;819-555-0101;G9A4W5
        Atelier Rebond;Shawinigan;Récupération;819-555-0102;ZZZ
        ;Trois-Rivières;NA;NA;NA
        Jean Tremblay;Shawinigan;Citoyen;NA;NA
        """

    static func write(_ text: String, name: String = "liste.csv") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("repertoire-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    /// A file database with the fixture municipalities, as `repertoire municipalities import` leaves it.
    static func withDatabase(_ body: @escaping @Sendable (DatabaseLocation, Database) async throws -> Void) async throws {
        try await TestDatabases.withFreshLocation(.sqliteFile) { location in
            try await withMigratedDatabase(location, logger: TestDatabases.logger) { database in
                _ = try await ReferenceStore(database: database).upsertMunicipalities(ImportFixtures.catalog.all)
            }
            try await withMigratedDatabase(location, logger: TestDatabases.logger) { database in
                try await body(location, database)
            }
        }
    }

    @Test("the same file gets the same verdict from the command line and from the web service")
    func sameVerdict() async throws {
        let file = try Self.write(Self.list)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        try await Self.withDatabase { location, database in
            let text = try await ImportTask.run(ImportTask.Settings(file: file.path), database: location, logger: TestDatabases.logger)
            // the web's path: the upload's choices planned by the import service
            let directory = DirectoryService(database: database, logger: TestDatabases.logger)
            try await directory.loadIndex()
            let uploads = ImportUploads(folder: file.deletingLastPathComponent().appendingPathComponent("uploads"))
            let service = ImportService(directory: directory, uploads: uploads)
            let admin = User(id: "admin", email: "admin@exemple.org", name: "Admin", roles: [.admin])
            let pending = PendingImport(id: ImportUploads.newID(), userID: admin.id, fileName: "liste.csv", uploadedAt: Date(), encoding: nil,
                                        delimiter: nil, titleCase: false, defaultRegion: nil, sheet: nil, mapping: nil)
            let web = try await service.plan(pending, Array(Self.list.utf8), for: admin).preview.counts
            #expect(text.contains("Rows: \(web.total) — \(web.creates) to create, \(web.updates) to update, \(web.unchanged) unchanged, \(web.rejected) rejected, \(web.skipped) skipped as people"), "\(text)")
            #expect(web.creates == 2 && web.rejected == 1 && web.skipped == 1)
            // the command line lists errors first, then warnings by kind, and people skipped
            #expect(text.contains("Errors (rows rejected):\n  ligne 4, Nom : Le nom de l'entreprise est obligatoire."))
            #expect(text.contains("Warnings, by kind:"))
            #expect(text.contains("Code postal : ") && text.contains("Valeur ignorée"))
            #expect(text.contains("Skipped (people, not enterprises):\n  ligne 5 : « Citoyen »"))
            #expect(text.contains("Values of Secteur:\n  Habitation (1) → Secteur : Habitation (automatic)"))
        }
    }

    @Test("an update prints what it changes, field: before → after, and which stored values stay")
    func updatesAreDescribed() async throws {
        let first = try Self.write(Self.list)
        let second = try Self.write("""
            Nom;Municipalité;Téléphone;Code postal
            Coop Le Rucher;Trois-Rivières;819-555-0199;
            """, name: "annuaire.csv")
        defer {
            try? FileManager.default.removeItem(at: first.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: second.deletingLastPathComponent())
        }
        try await Self.withDatabase { location, _ in
            var apply = ImportTask.Settings(file: first.path)
            apply.apply = true
            let applied = try await ImportTask.run(apply, database: location, logger: TestDatabases.logger)
            #expect(applied.contains("Applied as import"))
            let preview = try await ImportTask.run(ImportTask.Settings(file: second.path), database: location, logger: TestDatabases.logger)
            #expect(preview.contains("Update, line 2, Coop Le Rucher:\n  Téléphone : 819 555-0101 → 819 555-0199"), "\(preview)")
            #expect(!preview.contains("Code postal : G9A 4W5 →"), "a blank cell keeps the stored value")
            var keep = ImportTask.Settings(file: second.path)
            keep.onConflict = .keepStored
            let kept = try await ImportTask.run(keep, database: location, logger: TestDatabases.logger)
            #expect(kept.contains("Unchanged, line 2, Coop Le Rucher:\n  Téléphone : 819 555-0101 kept, file says 819 555-0199"), "\(kept)")
            var clear = ImportTask.Settings(file: second.path)
            clear.clearBlanks = ["code postal"]
            let cleared = try await ImportTask.run(clear, database: location, logger: TestDatabases.logger)
            #expect(cleared.contains("Code postal : G9A 4W5 → — (column clears blanks)"))
            var unknown = ImportTask.Settings(file: second.path)
            unknown.clearBlanks = ["Courriel"]
            await #expect(throws: Tasks.Refusal.self) {
                _ = try await ImportTask.run(unknown, database: location, logger: TestDatabases.logger)
            }
        }
    }

    @Test("--apply refuses a mapping the web refuses, with the web's words, and writes nothing")
    func applyRefusesWhatTheWebRefuses() async throws {
        let file = try Self.write("Nom;Téléphone\nCoop Le Rucher;819-555-0101\n")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        try await Self.withDatabase { location, database in
            var settings = ImportTask.Settings(file: file.path)
            settings.apply = true
            do {
                _ = try await ImportTask.run(settings, database: location, logger: TestDatabases.logger)
                Issue.record("the import should be refused")
            } catch let refusal as Tasks.Refusal {
                #expect(refusal.description.contains(ImportService.mappingUnusable.message))
                #expect(refusal.description.contains("Aucune colonne n'est associée à la municipalité ni à la région."))
            }
            #expect(try await EnterpriseStore(database: database).count() == 0)
            #expect(try await ImportStore(database: database).batches().isEmpty)
        }
    }

    @Test("a data error exits non-zero with its message and without the usage text")
    func dataErrorsDoNotPrintUsage() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let binary = root.appendingPathComponent(".build/debug/repertoire")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the package first")
        let file = try Self.write("Nom;Téléphone\nCoop Le Rucher;819-555-0101\n")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let database = file.deletingLastPathComponent().appendingPathComponent("cli.sqlite").path
        let process = Process()
        process.executableURL = binary
        process.arguments = ["import", "file", file.path, "--apply", "--database", "sqlite://\(database)"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message.contains("Error: The database knows no municipality"), "\(message)")
        #expect(!message.contains("USAGE"), "\(message)")
    }
}
