import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("Import from the web UI")
struct ImportWebTests {
    static let boundary = "----repertoire-test-boundary"

    /// A multipart/form-data body with text fields and one file, as a browser sends it.
    static func multipart(_ fields: [(String, String)], fileName: String, data: [UInt8]) -> ByteBuffer {
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"\(fileName)\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
        body += data
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    static func uploadHeaders(_ user: TestEnvironment.SignedIn) -> HTTPFields {
        var headers = user.headers
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return headers
    }

    static let twoRegions = """
        Nom;Municipalité;Secteur;Courriel
        Coopérative Les Jardins du Fleuve;Trois-Rivières;Agroalimentaire;info@jardins.exemple.org
        Friperie de la Rive-Sud;Longueuil;Commerce de détail;bonjour@friperie.exemple.org
        """

    /// Uploads `text` as `user` and returns the preview's address.
    static func upload(_ client: some TestClientProtocol, _ user: TestEnvironment.SignedIn, _ text: String,
                       fileName: String = "liste.csv", fields: [(String, String)] = []) async throws -> String? {
        let response = try await client.execute(uri: "/gestion/import", method: .post, headers: uploadHeaders(user),
                                                body: multipart(fields + [("_csrf", user.csrf)], fileName: fileName, data: Array(text.utf8)))
        #expect(response.status == .seeOther, "\(response.text)")
        return response.headers[.location]
    }

    @Test("hub editors see their own imports and those of their regions, without other importers' e-mails; administrators see all")
    func importHistoryFollowsRegions() async throws {
        try await TestApp.run { client, env in
            let mauricie = try await env.signedIn([.hubEditor], email: "mauricie@pole.exemple.org", regions: ["04"])
            let monteregie = try await env.signedIn([.hubEditor], email: "monteregie@pole.exemple.org", regions: ["16"])
            let otherMauricie = try await env.signedIn([.hubEditor], regions: ["04"])
            let admin = try await env.signedIn([.admin])
            for (editor, text) in [(mauricie, "Nom;Municipalité;Secteur\nCoopérative Les Jardins du Fleuve;Trois-Rivières;Agroalimentaire"),
                                   (monteregie, "Nom;Municipalité;Secteur\nFriperie de la Rive-Sud;Longueuil;Commerce de détail")] {
                let location = try #require(try await Self.upload(client, editor, text, fileName: "liste-\(editor.user.regions.first ?? "").csv"))
                let applied = try await client.execute(uri: location + "/appliquer", method: .post, headers: editor.formHeaders, body: editor.form([]))
                #expect(applied.status == .seeOther)
            }
            let seenByOther = try await client.execute(uri: "/gestion/import", method: .get, headers: otherMauricie.headers).text
            #expect(seenByOther.contains("liste-04.csv"))
            #expect(!seenByOther.contains("liste-16.csv"), "another region's import")
            #expect(!seenByOther.contains("mauricie@pole.exemple.org"), "another hub's e-mail")
            #expect(seenByOther.contains("Personne Test"))
            let seenByImporter = try await client.execute(uri: "/gestion/import", method: .get, headers: monteregie.headers).text
            #expect(seenByImporter.contains("liste-16.csv") && !seenByImporter.contains("liste-04.csv"))
            #expect(seenByImporter.contains("monteregie@pole.exemple.org"), "their own address")
            let seenByAdmin = try await client.execute(uri: "/gestion/import", method: .get, headers: admin.headers).text
            #expect(seenByAdmin.contains("liste-04.csv") && seenByAdmin.contains("liste-16.csv"))
            #expect(seenByAdmin.contains("mauricie@pole.exemple.org"))
            #expect(ImportService.nameOnly("Marie Tremblay <marie@exemple.org>") == "Marie Tremblay")
            #expect(ImportService.nameOnly("marie@exemple.org") == "un autre compte")
        }
    }

    @Test func hubEditorImportsTheirRegionOnlyThenReverts() async throws {
        try await TestApp.run { client, env in
            // given
            let editor = try await env.signedIn([.hubEditor], regions: ["04"])
            // when: upload and preview
            let location = try #require(try await Self.upload(client, editor, Self.twoRegions))
            #expect(location.hasPrefix("/gestion/import/"))
            let preview = try await client.execute(uri: location, method: .get, headers: editor.headers)
            // then
            #expect(preview.status == .ok)
            let page = preview.text
            #expect(page.contains("<strong>1</strong> entreprise(s) à créer"))
            #expect(page.contains("<strong>1</strong> ligne(s) refusée(s)"))
            #expect(page.contains("hors de vos régions (04)"))
            #expect(page.contains("Montérégie (16)"))
            // the error report
            let report = try await client.execute(uri: location + "/erreurs.csv", method: .get, headers: editor.headers)
            #expect(report.text.hasPrefix("\u{FEFF}ligne,colonne,gravité,message\r\n"))
            #expect(report.text.contains("3,,erreur,"))

            // when: apply
            let applied = try await client.execute(uri: location + "/appliquer", method: .post, headers: editor.formHeaders, body: editor.form([]))
            #expect(applied.status == .seeOther)
            let batches = try await ImportStore(database: env.database).batches()
            #expect(batches.count == 1)
            #expect(batches.first?.created == 1)
            #expect(batches.first?.importedBy == editor.user.label)
            let (stored, _) = try await EnterpriseStore(database: env.database).snapshot()
            #expect(stored.map(\.profile.name) == ["Coopérative Les Jardins du Fleuve"])
            let audit = try await AuditLog(database: env.database).entries(action: AuditLog.Action.importApplied.rawValue)
            #expect(audit.count == 1)
            // the upload is gone once applied
            let again = try await client.execute(uri: location, method: .get, headers: editor.headers)
            #expect(again.status == .gone)
            #expect(again.text.contains("plus disponible"), "\(again.text)")
            // a second click on « Importer » says so in the staff frame, and imports nothing more
            let twice = try await client.execute(uri: location + "/appliquer", method: .post, headers: editor.formHeaders, body: editor.form([]))
            #expect(twice.status == .gone)
            #expect(twice.text.contains("<link rel=\"stylesheet\""))
            #expect(twice.text.contains("<title>Importation — "))
            #expect(try await ImportStore(database: env.database).batches().count == 1)
            let home = try await client.execute(uri: applied.headers[.location] ?? "", method: .get, headers: editor.headers)
            #expect(home.text.contains("Import appliqué : 1 création(s)"))

            // when: revert
            let batch = try #require(batches.first)
            let reverted = try await client.execute(uri: "/gestion/import/lots/\(batch.id)/annuler", method: .post,
                                                    headers: editor.formHeaders, body: editor.form([]))
            #expect(reverted.status == .seeOther)
            let (after, _) = try await EnterpriseStore(database: env.database).snapshot()
            #expect(after.isEmpty)
            let archived = try await EnterpriseStore(database: env.database).archived()
            #expect(archived.map(\.profile.name) == ["Coopérative Les Jardins du Fleuve"], "reverting archives what the import created")
            let revertAudit = try await AuditLog(database: env.database).entries(action: AuditLog.Action.importReverted.rawValue)
            #expect(revertAudit.count == 1)
        }
    }

    @Test func mappingIsCorrectedSavedAndReused() async throws {
        try await TestApp.run { client, env in
            let admin = try await env.signedIn([.admin])
            let location = try #require(try await Self.upload(client, admin, Self.twoRegions))
            // when: the e-mail column is ignored and the mapping saved
            let form = admin.form([("colonne-0", "name"), ("colonne-1", "municipality"), ("colonne-2", "sectors"), ("colonne-3", "ignored"),
                                   ("region", ""), ("nom-correspondance", "Liste du pôle"), ("enregistrer", "1")])
            let saved = try await client.execute(uri: location, method: .post, headers: admin.formHeaders, body: form)
            // then
            #expect(saved.status == .ok)
            #expect(saved.text.contains("Correspondance enregistrée sous le nom « Liste du pôle »"))
            let mappings = try await ImportMappingStore(database: env.database).all()
            #expect(mappings.map(\.name) == ["Liste du pôle"])
            #expect(mappings.first?.mapping.columns[3].field == .ignored)
            #expect(saved.text.contains("<option value=\"ignored\" selected>"))
            // a wrong field is a 400 with a French message, not a 500
            let wrong = try await client.execute(uri: location, method: .post, headers: admin.formHeaders,
                                                 body: admin.form([("colonne-0", "<b>nope</b>")]))
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains("choisissez un champ dans la liste"))
            #expect(!wrong.text.contains("<b>nope</b>"))
            // another delimiter gives other columns: the mapping is proposed anew, not refused
            let comma = try await client.execute(uri: location, method: .post, headers: admin.formHeaders,
                                                 body: admin.form([("colonne-0", "name"), ("colonne-1", "municipality"), ("separateur", ",")]))
            #expect(comma.status == .seeOther)
            let reread = try await client.execute(uri: location, method: .get, headers: admin.headers)
            #expect(reread.text.contains("séparateur « , »"))
            #expect(reread.text.contains("Aucune colonne n&#39;est associée à la municipalité"))
            // the next upload reuses it
            let mappingID = try #require(mappings.first?.id)
            let second = try #require(try await Self.upload(client, admin, Self.twoRegions, fields: [("correspondance", mappingID)]))
            let page = try await client.execute(uri: second, method: .get, headers: admin.headers)
            #expect(page.text.contains("<select id=\"colonne-3\" name=\"colonne-3\"><option value=\"name\">"))
            #expect(page.text.contains("<option value=\"ignored\" selected>Ignorée</option></select></td>"))
        }
    }

    @Test func unreadableFilesAreRefusedClearlyAndNotKept() async throws {
        try await TestApp.run { client, env in
            let editor = try await env.signedIn([.hubEditor], regions: ["04"])
            for (name, data, expected) in [
                ("vide.csv", [UInt8](), "le fichier est vide (0 octet)"),
                ("image.csv", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01, 0x02], "n'est pas un fichier texte"),
                ("tronque.xlsx", Array(XLSXFixtures.workbook().prefix(300)), "incomplet ou endommagé"),
            ] as [(String, [UInt8], String)] {
                let response = try await client.execute(uri: "/gestion/import", method: .post, headers: Self.uploadHeaders(editor),
                                                        body: Self.multipart([("_csrf", editor.csrf)], fileName: name, data: data))
                #expect(response.status == .unprocessableContent, "\(name)")
                let page = response.text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&#x27;", with: "'")
                #expect(page.contains(expected), "\(name): \(page.prefix(3000))")
                #expect(page.contains("Rien n'a été importé"))
            }
            // no file at all, a missing CSRF token, a form that is not multipart
            let none = try await client.execute(uri: "/gestion/import", method: .post, headers: Self.uploadHeaders(editor),
                                                body: ByteBuffer(string: "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(editor.csrf)\r\n--\(Self.boundary)--\r\n"))
            #expect(none.status == .badRequest)
            let forged = try await client.execute(uri: "/gestion/import", method: .post, headers: Self.uploadHeaders(editor),
                                                  body: Self.multipart([], fileName: "liste.csv", data: Array(Self.twoRegions.utf8)))
            #expect(forged.status == .forbidden)
            let garbled = try await client.execute(uri: "/gestion/import", method: .post, headers: Self.uploadHeaders(editor),
                                                   body: ByteBuffer(string: "pas du multipart"))
            #expect(garbled.status == .badRequest)
            let batches = try await ImportStore(database: env.database).batches()
            #expect(batches.isEmpty)
        }
    }

    @Test func onlyImportersMayOpenIt() async throws {
        try await TestApp.run { client, env in
            let visitor = try await client.execute(uri: "/gestion/import", method: .get)
            #expect(visitor.status == .seeOther)
            let buyer = try await env.signedIn([.buyer])
            let refused = try await client.execute(uri: "/gestion/import", method: .get, headers: buyer.headers)
            #expect(refused.status == .forbidden)
            let editor = try await env.signedIn([.hubEditor], regions: ["04"])
            let page = try await client.execute(uri: "/gestion/import", method: .get, headers: editor.headers)
            #expect(page.status == .ok)
            #expect(page.text.contains("enctype=\"multipart/form-data\""))
            // someone else's upload answers as an expired one: nothing tells it exists
            let location = try #require(try await Self.upload(client, editor, Self.twoRegions))
            let other = try await env.signedIn([.hubEditor], regions: ["04"])
            let stolen = try await client.execute(uri: location, method: .get, headers: other.headers)
            #expect(stolen.status == .gone)
            #expect(!stolen.text.contains("liste.csv"))
        }
    }

    @Test func workbookUploadPreviews() async throws {
        try await TestApp.run { client, env in
            let admin = try await env.signedIn([.admin])
            let response = try await client.execute(uri: "/gestion/import", method: .post, headers: Self.uploadHeaders(admin),
                                                    body: Self.multipart([("_csrf", admin.csrf)], fileName: "liste.xlsx", data: XLSXFixtures.workbook()))
            #expect(response.status == .seeOther)
            let page = try await client.execute(uri: response.headers[.location] ?? "", method: .get, headers: admin.headers)
            #expect(page.text.contains("Classeur Excel, feuille « Entreprises »"))
            #expect(page.text.contains("<strong>2</strong> entreprise(s) à créer"), "\(page.text)")
        }
    }
}

@Suite("Multipart forms")
struct MultipartFormTests {
    @Test func partsAreRead() throws {
        let body = ImportWebTests.multipart([("a", "é 1"), ("b", "")], fileName: "x\"y.csv", data: Array("l1\r\n--not-boundary\r\n".utf8))
        let form = try MultipartForm.parse(Array(body.readableBytesView), boundary: ImportWebTests.boundary)
        #expect(form["a"] == "é 1")
        #expect(form.fields.count == 2)
        #expect(form.file("fichier")?.data == Array("l1\r\n--not-boundary\r\n".utf8))
        #expect(MultipartForm.boundary(in: "multipart/form-data; boundary=\"abc\"") == "abc")
        #expect(throws: Problem.self) { try MultipartForm.parse(Array("--\(ImportWebTests.boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end".utf8), boundary: ImportWebTests.boundary) }
    }
}
