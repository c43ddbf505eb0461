import Foundation
import Testing
@testable import Repertoire

@Suite("Applying and reverting imports")
struct ImportStoreTests {
    static let csv = """
        Nom;NEQ;Municipalité;Secteur;Courriel
        Friperie Le Tournesol;1140139735;Brossard;commerce-detail-friperies;info@tournesol.exemple.org
        Traiteur Le Pivot;;Longueuil;agroalimentaire-restauration;
        """

    static func preview(_ text: String, database: Database) async throws -> (ImportPreview, ColumnMapping, ImportOptions) {
        let file = try ImportFile.decode(Data(text.utf8), name: "liste.csv")
        let mapping = ColumnMapping.propose(headers: file.headers)
        let options = ImportOptions(fileName: "liste.csv")
        let catalog = try await ReferenceStore(database: database).catalog()
        let existing = try await EnterpriseStore(database: database).snapshot().enterprises.map { ExistingRecord($0) }
        return (ImportPlanner.plan(file: file, mapping: mapping, options: options, catalog: catalog, existing: existing), mapping, options)
    }

    @Test("apply writes the preview as one batch; a second import changes nothing; revert undoes it", arguments: TestDatabases.kinds)
    func applyAndRevert(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let store = ImportStore(database: database)
            let enterprises = EnterpriseStore(database: database)
            // given: an enterprise the file will update
            var existing = Fixtures.minimal("Traiteur Le Pivot", municipality: "58227", sector: "agroalimentaire-restauration")
            existing.email = "ancien@pivot.exemple.org"
            let pivot = try await enterprises.create(try existing.validated(using: Fixtures.catalog).0)
            // when
            let (preview, mapping, options) = try await Self.preview(Self.csv, database: database)
            #expect(preview.counts.creates == 1)
            #expect(preview.counts.unchanged + preview.counts.updates == 1)
            let batch = try await store.apply(preview, fileName: "liste.csv", mapping: mapping, options: options, by: Author(id: nil, label: "test"))
            // then
            #expect(try await enterprises.count() == 2)
            #expect(try await store.batches().map(\.id) == [batch.id])
            let again = try await Self.preview(Self.csv, database: database).0
            #expect(again.counts.creates == 0 && again.counts.updates == 0 && again.counts.unchanged == 2)
            // revert
            _ = try await store.revert(batch.id, by: .system)
            #expect(try await enterprises.count() == 1)
            // what the import created is archived, not deleted: its history stays
            let tournesol = try #require(try await enterprises.find("friperie-le-tournesol"))
            #expect(tournesol.isArchived)
            #expect(try await enterprises.count(includeArchived: true) == 2)
            #expect(try await RevisionLog(database: database).revisions(of: tournesol.id).first?.action == .archive)
            #expect(try await enterprises.find(pivot.id)?.profile.email == "ancien@pivot.exemple.org")
            await #expect(throws: ImportStoreError.alreadyReverted(batch.id)) { try await store.revert(batch.id, by: .system) }
        }
    }

    @Test("an import whose record changed since the preview writes nothing", arguments: TestDatabases.kinds)
    func staleUpdate(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let enterprises = EnterpriseStore(database: database)
            let pivot = try await enterprises.create(try Fixtures.minimal("Traiteur Le Pivot", municipality: "58227", sector: "habitation")
                .validated(using: Fixtures.catalog).0)
            let (preview, mapping, options) = try await Self.preview(Self.csv, database: database)
            #expect(preview.counts.updates == 1)
            // someone edits the record between preview and apply
            var edited = pivot.profile
            edited.phone = "450 555-0199"
            _ = try await enterprises.update(id: pivot.id, expectedVersion: 1, profile: edited)
            await #expect(throws: StoreError.self) {
                try await ImportStore(database: database).apply(preview, fileName: "liste.csv", mapping: mapping, options: options, by: Author(id: nil, label: "test"))
            }
            #expect(try await enterprises.count() == 1, "the create of the same batch was not written either")
            #expect(try await ImportStore(database: database).batches().isEmpty)
        }
    }

    @Test("revert is refused, with nothing changed, when an imported record was edited since", arguments: TestDatabases.kinds)
    func revertAfterEdit(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let enterprises = EnterpriseStore(database: database)
            let store = ImportStore(database: database)
            let (preview, mapping, options) = try await Self.preview(Self.csv, database: database)
            let batch = try await store.apply(preview, fileName: "liste.csv", mapping: mapping, options: options, by: Author(id: nil, label: "test"))
            let tournesol = try #require(try await enterprises.find("friperie-le-tournesol"))
            var edited = tournesol.profile
            edited.phone = "450 555-0198"
            _ = try await enterprises.update(id: tournesol.id, expectedVersion: tournesol.version, profile: edited)
            await #expect(throws: ImportStoreError.changedSince(names: ["Friperie Le Tournesol"])) { try await store.revert(batch.id, by: .system) }
            #expect(try await enterprises.count() == 2)
        }
    }

    @Test("revert fails loudly, with nothing changed, when a stored previous profile cannot be read", arguments: TestDatabases.kinds)
    func revertNeverSkipsARecord(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let enterprises = EnterpriseStore(database: database)
            let store = ImportStore(database: database)
            let pivot = try await enterprises.create(try Fixtures.minimal("Traiteur Le Pivot", municipality: "58227", sector: "habitation")
                .validated(using: Fixtures.catalog).0)
            let (preview, mapping, options) = try await Self.preview(Self.csv, database: database)
            #expect(preview.counts.updates == 1)
            let batch = try await store.apply(preview, fileName: "liste.csv", mapping: mapping, options: options, by: Author(id: nil, label: "test"))
            try await database.transaction { sql in
                try await sql.raw("UPDATE import_batch_items SET previous_profile = 'pas du JSON' WHERE action = 'update'").run()
            }
            await #expect(throws: StoredImportProfile.Unreadable.self) { try await store.revert(batch.id, by: .system) }
            // nothing was reverted: neither the update nor the create
            #expect(try await enterprises.find(pivot.id)?.version == 2)
            #expect(try await enterprises.find("friperie-le-tournesol")?.isArchived == false)
            #expect(try await store.batches().first?.revertedAt == nil)
        }
    }
}
