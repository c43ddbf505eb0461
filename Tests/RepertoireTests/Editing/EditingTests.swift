import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("Editing enterprises through the staff forms")
struct EditingTests {
    /// The fields of a valid new enterprise in Brossard (region 16).
    static let newFields: [(String, String)] = [
        ("name", "Imprimerie coopérative Le Relais"), ("legalForm", "cooperative-travail"), ("status", "active"),
        ("municipalityCode", "58007"), ("postalCode", "j4b 2x9"), ("sectors", "habitation"),
        ("offerings[0].name", "Impression de documents"), ("offerings[0].kind", "bien"), ("offerings[0].offeredToMunicipalities", "1"),
        ("offerings[1].name", ""), ("offerings[1].kind", "service"),
        ("email", "info@relais.exemple.org"),
    ]

    static func store(_ env: TestEnvironment) -> EnterpriseStore { EnterpriseStore(database: env.database) }

    /// The stored enterprise's fields as the edit form shows them, with `changes` applied.
    static func editFields(_ enterprise: Enterprise, _ changes: [String: String] = [:]) -> [(String, String)] {
        let input = EnterpriseFormInput(enterprise.profile)
        var fields = input.values.map { ($0.key, changes[$0.key] ?? $0.value) }
        for (key, value) in changes where input.values[key] == nil { fields.append((key, value)) }
        fields += input.sectors.map { ("sectors", $0) } + input.certifications.map { ("certifications", $0) }
        return fields + [("version", String(enterprise.version))]
    }

    @Test("create through the form, then edit it; a refused form keeps what was typed and says why next to the field")
    func createAndEdit() async throws {
        try await TestApp.run { (client: any TestClientProtocol, env: TestEnvironment) in
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            try await client.execute(uri: "/gestion/entreprises/nouvelle", method: .get, headers: editor.headers) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("name=\"offerings[1].name\""))
                // the header is filled from the staff frame, with the editing tools
                #expect(html.contains("<html lang=\"fr-CA\">"))
                #expect(html.contains("href=\"/gestion/a-verifier\""))
                // a section's hint is shown once, not under each of its inputs
                #expect(html.components(separatedBy: "Laissez une ligne vide").count == 2)
            }
            let location = try await client.execute(uri: "/gestion/entreprises/nouvelle", method: .post, headers: editor.formHeaders,
                                                    body: editor.form(Self.newFields)) { response -> String in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            #expect(location.hasSuffix("/modifier?message=cree"))
            let stored = try #require(try await Self.store(env).find("imprimerie-cooperative-le-relais"))
            #expect(stored.profile.offerings.count == 1)
            #expect(stored.profile.postalCode == "J4B 2X9")

            // a bad email and a year that is not a number: 422, messages next to the inputs, typing kept
            let bad = Self.editFields(stored, ["email": "pas-un-courriel", "foundedYear": "mille neuf cent", "mission": "Une mission <b>tapée</b>"])
            try await client.execute(uri: "/gestion/entreprises/\(stored.id)/modifier", method: .post, headers: editor.formHeaders,
                                     body: editor.form(bad)) { response in
                #expect(response.status == .unprocessableContent)
                let html = response.text
                #expect(html.contains("href=\"#f-email\""))
                #expect(html.contains("id=\"f-email-erreur\""))
                #expect(html.contains("value=\"pas-un-courriel\""))
                #expect(html.contains("value=\"mille neuf cent\""))
                #expect(html.contains("Une mission &lt;b&gt;tapée&lt;/b&gt;"))
            }
            #expect(try await Self.store(env).find(stored.id)?.version == 1)

            let good = Self.editFields(stored, ["name": "Imprimerie Le Relais", "contracts[0].municipality": "Brossard",
                                                "contracts[0].year": "2024", "contracts[0].description": "Impression du bulletin"])
            try await client.execute(uri: "/gestion/entreprises/\(stored.id)/modifier", method: .post, headers: editor.formHeaders,
                                     body: editor.form(good)) { response in
                #expect(response.status == .seeOther)
            }
            let edited = try #require(try await Self.store(env).find(stored.id))
            #expect(edited.version == 2)
            #expect(edited.profile.name == "Imprimerie Le Relais")
            #expect(edited.profile.contracts == [MunicipalContract(municipality: "Brossard", year: 2024, description: "Impression du bulletin")])
            let revisions = try await RevisionLog(database: env.database).revisions(of: stored.id)
            #expect(revisions.map(\.action) == [.update, .create])
            #expect(revisions[0].fields == ["name", "contracts"])
            #expect(revisions[0].actorID == editor.user.id)
        }
    }

    @Test("the form offers MRCs as a service area, names an unknown MRC code next to its input, and saves a known one")
    func mrcServiceArea() async throws {
        try await TestApp.run { (client: any TestClientProtocol, env: TestEnvironment) in
            // given
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            try await client.execute(uri: "/gestion/entreprises/nouvelle", method: .get, headers: editor.headers) { response in
                #expect(response.text.contains("<option value=\"mrcs\">Des MRC</option>"))
            }
            // when: a code that is no MRC of the catalogue
            let unknown = Self.newFields + [("serviceArea.scope", "mrcs"), ("serviceArea.codes", "58, 460")]
            try await client.execute(uri: "/gestion/entreprises/nouvelle", method: .post, headers: editor.formHeaders,
                                     body: editor.form(unknown)) { response in
                // then
                #expect(response.status == .unprocessableContent)
                let html = response.text
                #expect(html.contains("id=\"f-serviceArea-codes-erreur\""))
                #expect(html.contains("href=\"#f-serviceArea-codes\""))
                #expect(html.contains("Aucune MRC du Québec n&#39;a le code « 460 »") || html.contains("Aucune MRC du Québec n'a le code « 460 »"))
                #expect(html.contains("value=\"58, 460\""), "what was typed is kept")
                #expect(html.contains("<option value=\"mrcs\" selected>Des MRC</option>"))
            }
            #expect(try await Self.store(env).find("imprimerie-cooperative-le-relais") == nil)

            // when: Longueuil's territory
            let known = Self.newFields + [("serviceArea.scope", "mrcs"), ("serviceArea.codes", "58")]
            try await client.execute(uri: "/gestion/entreprises/nouvelle", method: .post, headers: editor.formHeaders,
                                     body: editor.form(known)) { response in
                #expect(response.status == .seeOther)
            }
            // then
            let stored = try #require(try await Self.store(env).find("imprimerie-cooperative-le-relais"))
            #expect(stored.profile.serviceArea == ServiceArea(scope: .mrcs, codes: ["58"]))
            try await client.execute(uri: SiteURL.enterprise(slug: stored.slug).path(.fr), method: .get) { response in
                #expect(response.text.contains("Territoire desservi"))
                #expect(response.text.contains("Territoire de Longueuil"))
            }
            try await client.execute(uri: "/gestion/entreprises/\(stored.id)/modifier", method: .get, headers: editor.headers) { response in
                #expect(response.text.contains("<option value=\"mrcs\" selected>Des MRC</option>"))
                #expect(response.text.contains("value=\"58\""))
            }
        }
    }

    @Test("someone saved in between: both versions side by side, and the chosen values are saved")
    func conflict() async throws {
        try await TestApp.run(profiles: [Fixtures.complete()]) { (client: any TestClientProtocol, env: TestEnvironment) in
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            let original = try #require(try await Self.store(env).find("cooperative-de-solidarite-deneigement-rive-sud"))
            // another person changes the phone and the mission
            var theirs = original.profile
            theirs.phone = "450-555-0199"
            theirs.mission = "Mission revue par l'autre personne."
            _ = try await Self.store(env).update(id: original.id, expectedVersion: 1, profile: try theirs.validated(using: Fixtures.catalog).0,
                                                 by: Author(id: nil, label: "Autre Personne"))
            // this person, starting from version 1, changes the name and the mission
            let mine = Self.editFields(original, ["name": "Déneigement Rive-Sud", "mission": "Ma mission à moi."])
            let html = try await client.execute(uri: "/gestion/entreprises/\(original.id)/modifier", method: .post, headers: editor.formHeaders,
                                                body: editor.form(mine)) { response -> String in
                #expect(response.status == .conflict)
                return response.text
            }
            #expect(html.contains("Votre saisie"))
            #expect(html.contains("Version enregistrée par Autre Personne"))
            #expect(html.contains("Ma mission à moi."))
            #expect(html.contains("Mission revue par l&#39;autre personne.") || html.contains("Mission revue par l'autre personne."))
            #expect(try await Self.store(env).find(original.id)?.profile.name == original.profile.name)

            // keep my name, their mission; the phone (only they changed it) is theirs
            let mineJSON = EnterpriseRows.json(try EnterpriseFormInput(FormBody(fields: mine)).profile().0.validated(using: Fixtures.catalog).0)
            try await client.execute(uri: "/gestion/entreprises/\(original.id)/conflit", method: .post, headers: editor.formHeaders,
                                     body: editor.form([("version", "2"), ("mine", mineJSON), ("choice.name", "mine"), ("choice.mission", "theirs"),
                                                        ("choice.phone", "theirs")])) { response in
                #expect(response.status == .seeOther)
            }
            let saved = try #require(try await Self.store(env).find(original.id))
            #expect(saved.version == 3)
            #expect(saved.profile.name == "Déneigement Rive-Sud")
            #expect(saved.profile.mission == "Mission revue par l'autre personne.")
            #expect(saved.profile.phone == "450 555-0199" || saved.profile.phone == theirs.phone || saved.profile.phone?.contains("0199") == true)
        }
    }

    @Test("history lists revisions newest first, and restoring a version writes it as a new revision")
    func historyAndRestore() async throws {
        try await TestApp.run(profiles: [Fixtures.minimal("Friperie L'Entraide")]) { (client: any TestClientProtocol, env: TestEnvironment) in
            let editor = try await env.signedIn([.admin])
            let original = try #require(try await Self.store(env).find("friperie-l-entraide"))
            var renamed = original.profile
            renamed.name = "Friperie Nouvelle"
            _ = try await Self.store(env).update(id: original.id, expectedVersion: 1, profile: renamed, by: Author(editor.user))
            try await client.execute(uri: "/gestion/entreprises/\(original.id)/historique", method: .get, headers: editor.headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Friperie L&#39;Entraide") || response.text.contains("Friperie L'Entraide"))
                #expect(response.text.contains("Friperie Nouvelle"))
            }
            let rename = try #require(try await RevisionLog(database: env.database).revisions(of: original.id).first)
            #expect(rename.fields == ["name"])
            var sourced = renamed
            sourced.source = "Autre source"
            _ = try await Self.store(env).update(id: original.id, expectedVersion: 2, profile: sourced, by: Author(editor.user))
            // a stale version is refused without writing
            try await client.execute(uri: "/gestion/entreprises/\(original.id)/historique/\(rename.seq)/restaurer", method: .post,
                                     headers: editor.formHeaders, body: editor.form([("version", "2")])) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: "/gestion/entreprises/\(original.id)/historique/\(rename.seq)/restaurer", method: .post,
                                     headers: editor.formHeaders, body: editor.form([("version", "3")])) { response in
                #expect(response.status == .seeOther)
            }
            let restored = try #require(try await Self.store(env).find(original.id))
            #expect(restored.version == 4)
            #expect(restored.profile.name == "Friperie Nouvelle")
            #expect(restored.profile.source == nil)
            #expect(try await RevisionLog(database: env.database).latest(of: original.id)?.action == .restoreRevision)
            // the seeded first state exists only as the oldest revision's "before"
            try await client.execute(uri: "/gestion/entreprises/\(original.id)/historique/\(rename.seq)/restaurer", method: .post,
                                     headers: editor.formHeaders, body: editor.form([("version", "4"), ("etat", "avant")])) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await Self.store(env).find(original.id)?.profile.name == "Friperie L'Entraide")
            // the public profile shows staff who changed it last, with the edit and history links
            try await client.execute(uri: "/entreprises/\(original.slug)", method: .get, headers: editor.headers) { response in
                #expect(response.text.contains("Modifié le"))
                #expect(response.text.contains("/gestion/entreprises/\(original.id)/historique"))
            }
            try await client.execute(uri: "/entreprises/\(original.slug)", method: .get) { response in
                #expect(!response.text.contains("/gestion/entreprises/"))
            }
        }
    }

    @Test("archive and restore from the edit page, with the version; archived enterprises stay reachable by staff")
    func archiveAndRestore() async throws {
        try await TestApp.run(profiles: [Fixtures.minimal("Coop Archivable")]) { (client: any TestClientProtocol, env: TestEnvironment) in
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            let original = try #require(try await Self.store(env).find("coop-archivable"))
            try await client.execute(uri: "/gestion/entreprises/\(original.id)/archiver", method: .post, headers: editor.formHeaders,
                                     body: editor.form([("version", "1")])) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await Self.store(env).find(original.id)?.isArchived == true)
            try await client.execute(uri: "/entreprises/coop-archivable", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/gestion/entreprises/archivees", method: .get, headers: editor.headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("href=\"/gestion/entreprises/\(original.id)/modifier\">Coop Archivable</a>"))
            }
            try await client.execute(uri: "/gestion/entreprises/\(original.id)/modifier", method: .get, headers: editor.headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Remettre dans le répertoire"))
            }
            // stale version: refused, nothing written
            try await client.execute(uri: "/gestion/entreprises/\(original.id)/restaurer", method: .post, headers: editor.formHeaders,
                                     body: editor.form([("version", "1")])) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: "/gestion/entreprises/\(original.id)/restaurer", method: .post, headers: editor.formHeaders,
                                     body: editor.form([("version", "2")])) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await Self.store(env).find(original.id)?.isArchived == false)
            let actions = try await RevisionLog(database: env.database).revisions(of: original.id).map(\.action)
            #expect(actions == [.restore, .archive])
        }
    }

    @Test("verified today stamps the date in Quebec as a revision")
    func verifyToday() async throws {
        try await TestApp.run(profiles: [Fixtures.minimal("Coop Vérifiable")]) { (client: any TestClientProtocol, env: TestEnvironment) in
            let editor = try await env.signedIn([.admin])
            let original = try #require(try await Self.store(env).find("coop-verifiable"))
            try await client.execute(uri: "/gestion/entreprises/\(original.id)/verifier", method: .post, headers: editor.formHeaders,
                                     body: editor.form([("version", "1")])) { response in
                #expect(response.status == .seeOther)
            }
            let verified = try #require(try await Self.store(env).find(original.id))
            #expect(verified.profile.lastVerified == CalendarDay.string(from: Date()))
            let latest = try #require(try await RevisionLog(database: env.database).latest(of: original.id))
            #expect(latest.action == .verify)
            #expect(latest.fields == ["lastVerified"])
        }
    }

    @Test("a hub editor is refused outside their regions, and a form without its CSRF token is refused")
    func refusals() async throws {
        try await TestApp.run(profiles: [Fixtures.minimal("Coop Mauricie", municipality: "37067")]) { (client: any TestClientProtocol, env: TestEnvironment) in
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            let elsewhere = try #require(try await Self.store(env).find("coop-mauricie"))
            try await client.execute(uri: "/gestion/entreprises/\(elsewhere.id)/modifier", method: .get, headers: editor.headers) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/gestion/entreprises/\(elsewhere.id)/verifier", method: .post, headers: editor.formHeaders,
                                     body: editor.form([("version", "1")])) { response in
                #expect(response.status == .forbidden)
            }
            var outside = Self.newFields
            outside[3] = ("municipalityCode", "37067")
            try await client.execute(uri: "/gestion/entreprises/nouvelle", method: .post, headers: editor.formHeaders,
                                     body: editor.form(outside)) { response in
                #expect(response.status == .forbidden)
            }
            let admin = try await env.signedIn([.admin])
            try await client.execute(uri: "/gestion/entreprises/\(elsewhere.id)/verifier", method: .post, headers: admin.formHeaders,
                                     body: TestEnvironment.encode([("version", "1")])) { response in
                #expect(response.status == .forbidden)
            }
            let buyer = try await env.signedIn([.buyer])
            try await client.execute(uri: "/gestion/entreprises/nouvelle", method: .get, headers: buyer.headers) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/gestion/entreprises/nouvelle", method: .get) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await Self.store(env).find(elsewhere.id)?.version == 1)
        }
    }
}
