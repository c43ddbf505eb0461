import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import Repertoire

@Suite("Import service")
struct ImportServiceTests {
    @Test("a preview's plan is kept while neither the upload's choices nor the directory change")
    func planIsKept() async throws {
        try await TestApp.run { (_: any TestClientProtocol, env: TestEnvironment) in
            let directory = DirectoryService(database: env.database, logger: TestDatabases.logger)
            try await directory.loadIndex()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("repertoire-plan-test-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let service = ImportService(directory: directory, uploads: ImportUploads(folder: folder))
            let admin = try await env.createUser([.admin])
            var pending = PendingImport(id: ImportUploads.newID(), userID: admin.id, fileName: "liste.csv", uploadedAt: Date(), encoding: nil,
                                        delimiter: nil, titleCase: false, defaultRegion: nil, sheet: nil, mapping: nil)
            pending = try await service.upload(Array(ImportWebTests.twoRegions.utf8), pending, savedMappingID: nil)
            let (kept, data) = try service.pending(pending.id, of: admin)

            let first = try await service.plan(kept, data, for: admin)
            let second = try await service.plan(kept, data, for: admin)
            #expect(service.plansComputed == 1, "viewing the preview again reuses the plan")
            #expect(first.preview.counts == second.preview.counts)

            // another choice, or a change in the directory, plans again
            var titled = kept
            titled.titleCase = true
            _ = try await service.plan(titled, data, for: admin)
            #expect(service.plansComputed == 2)
            _ = try await directory.create(try Fixtures.minimal("Atelier nouveau").validated(using: directory.catalog).0)
            let third = try await service.plan(kept, data, for: admin)
            #expect(service.plansComputed == 3)
            #expect(third.preview.counts.creates == first.preview.counts.creates)
        }
    }

    @Test("reverting an import is its importer's right by account, whatever their name becomes; another editor is refused")
    func revertRightsFollowTheAccount() async throws {
        try await TestApp.run { client, env in
            let importer = try await env.signedIn([.hubEditor], regions: ["04", "16"])
            let colleague = try await env.signedIn([.hubEditor], regions: ["04", "16"])
            let location = try #require(try await ImportWebTests.upload(client, importer, ImportWebTests.twoRegions))
            let applied = try await client.execute(uri: location + "/appliquer", method: .post, headers: importer.formHeaders, body: importer.form([]))
            #expect(applied.status == .seeOther)
            let batch = try #require(try await ImportStore(database: env.database).batches().first)
            #expect(batch.importedByID == importer.user.id)

            // the colleague sees no undo button and is refused
            let home = try await client.execute(uri: "/gestion/import", method: .get, headers: colleague.headers)
            #expect(!home.text.contains("/gestion/import/lots/\(batch.id)/annuler"))
            let refused = try await client.execute(uri: "/gestion/import/lots/\(batch.id)/annuler", method: .post,
                                                   headers: colleague.formHeaders, body: colleague.form([]))
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("Seule la personne qui a fait cet import"))
            #expect(try await ImportStore(database: env.database).batch(batch.id)?.revertedAt == nil)

            // the importer's name changes: the import is still theirs
            try await env.database.transaction { sql in
                try await sql.raw("UPDATE users SET name = 'Nom changé' WHERE id = \(bind: importer.user.id)").run()
            }
            let reverted = try await client.execute(uri: "/gestion/import/lots/\(batch.id)/annuler", method: .post,
                                                    headers: importer.formHeaders, body: importer.form([]))
            #expect(reverted.status == .seeOther)
            #expect(try await ImportStore(database: env.database).batch(batch.id)?.revertedAt != nil)
        }
    }
}

@Suite("Multipart forms through multipart-kit")
struct MultipartKitFormTests {
    @Test("a file name holding a ; or an = inside its quotes is read whole")
    func quotedFileName() throws {
        let boundary = "----repertoire"
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\njeton\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"liste; version=2 %22finale%22.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            + "Nom\r\nA;B\r\n--pas-la-limite\r\n"
            + "\r\n--\(boundary)--\r\n"
        let form = try MultipartForm.parse(Array(body.utf8), boundary: boundary)
        #expect(form["_csrf"] == "jeton")
        let file = try #require(form.file("fichier"))
        #expect(file.fileName == "liste; version=2 \"finale\".csv")
        #expect(file.contentType == "text/csv")
        #expect(file.data == Array("Nom\r\nA;B\r\n--pas-la-limite\r\n".utf8))
    }

    @Test("a body that stops inside a part, or holds none, is refused as malformed")
    func truncated() {
        #expect(throws: Problem.self) { try MultipartForm.parse(Array("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end".utf8), boundary: "b") }
        #expect(throws: Problem.self) { try MultipartForm.parse(Array("nothing at all".utf8), boundary: "b") }
        #expect(HeaderParameters.value(of: "boundary", in: "multipart/form-data; boundary=\"a;b\"") == "a;b")
    }
}
