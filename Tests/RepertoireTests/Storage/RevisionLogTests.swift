import Foundation
import Testing
@testable import Repertoire

@Suite("Revisions: every write recorded with its author, in the write's transaction")
struct RevisionLogTests {
    @Test("create, update, archive and imports each write a revision with the fields that changed", arguments: TestDatabases.kinds)
    func revisionsOfEveryWrite(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            // given
            let store = EnterpriseStore(database: database)
            let log = RevisionLog(database: database)
            let author = Author(id: "u1", label: "Marie Tremblay <marie@exemple.qc.ca>")
            var profile = try Fixtures.minimal("Traiteur Le Pivot", municipality: "58227", sector: "agroalimentaire-restauration")
                .validated(using: Fixtures.catalog).0
            // when
            let created = try await store.create(profile, by: author)
            profile.email = "info@pivot.exemple.org"
            profile.phone = "450 555-0100"
            _ = try await store.update(id: created.id, expectedVersion: 1, profile: profile, by: author)
            _ = try await store.archive(id: created.id, expectedVersion: 2, by: author)
            // a failed write leaves no revision
            await #expect(throws: StoreError.self) { try await store.update(id: created.id, expectedVersion: 1, profile: profile, by: author) }
            // then
            let revisions = try await log.revisions(of: created.id)
            #expect(revisions.map(\.action) == [.archive, .update, .create])
            #expect(revisions.map(\.version) == [3, 2, 1])
            #expect(revisions[1].fields == ["phone", "email"])
            #expect(revisions[1].before?.email == nil && revisions[1].after.email == "info@pivot.exemple.org")
            #expect(revisions[0].fields == ["archived"])
            #expect(revisions.allSatisfy { $0.actorID == "u1" && $0.actor == author.label })

            // imports record who imported which file
            let csv = "Nom;Municipalité;Secteur\nFriperie Le Tournesol;Brossard;commerce-detail-friperies\n"
            let (preview, mapping, options) = try await ImportStoreTests.preview(csv, database: database)
            _ = try await ImportStore(database: database).apply(preview, fileName: "liste.csv", mapping: mapping, options: options, by: Author(id: nil, label: "Pôle Montérégie"))
            let imported = try #require(try await store.find("friperie-le-tournesol"))
            let revision = try #require(try await log.latest(of: imported.id))
            #expect(revision.action == .import)
            #expect(revision.actor == "Pôle Montérégie (import de liste.csv)")
            #expect(revision.before == nil)
        }
    }
}
