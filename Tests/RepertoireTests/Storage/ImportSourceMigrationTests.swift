import Foundation
import SQLKit
import Testing
@testable import Repertoire

@Suite("Migration 015: imported profiles' sources in words")
struct ImportSourceMigrationTests {
    @Test("« Import : fichier.csv » becomes « Liste importée, AAAA-MM »; other sources are left alone", arguments: TestDatabases.kinds)
    func rewords(kind: TestDatabases.Kind) async throws {
        try await ForeignKeyMigrationTests.withDatabase(kind, migratedUpTo: 14) { database in
            _ = try await ReferenceStore(database: database).upsertMunicipalities(Fixtures.municipalities)
            var imported = Fixtures.minimal("Atelier importé")
            imported.source = "Import : export_final_v3.csv"
            var typed = Fixtures.minimal("Atelier saisi")
            typed.source = "Pôle de la Mauricie"
            let catalog = try await ReferenceStore(database: database).catalog()
            let created = try await EnterpriseStore(database: database)
                .createMany([imported, typed].map { try $0.validated(using: catalog).0 }, fictional: false,
                            now: Timestamp.date(from: "2026-03-14T10:00:00.000Z")!)
            _ = try await Migrator.migrate(database, logger: TestDatabases.logger)
            let store = EnterpriseStore(database: database)
            #expect(try await store.find(created[0].id)?.profile.source == "Liste importée, 2026-03")
            #expect(try await store.find(created[1].id)?.profile.source == "Pôle de la Mauricie")
        }
    }
}
