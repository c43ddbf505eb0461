import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

/// Issue #12 on the web: the preview shows values to map, disagreements to settle, problems
/// grouped and paged; big work runs as a job with a progress page.
@Suite("Import preview and jobs on the web")
struct ImportPreviewWebTests {
    static let members = """
        Nom;Municipalité;Catégorie de membre;Secteur;Téléphone;Site web
        Coop Le Rucher;Trois-Rivières;Entreprise;Habitation;819-555-0101;https://rucher.example
        Jean Tremblay;Shawinigan;Citoyen;NA;819-555-0102;NA
        Traiteur Solidaire;Trois-Rivières;Entreprise;Traiteur;NA;pas une adresse
        """

    static func field(_ page: String, containing marker: String) -> String? {
        guard let range = page.range(of: marker) else { return nil }
        return String(page[range.lowerBound...].prefix(400))
    }

    @Test("values are listed with their counts and mapped by a person; people are skipped; the choice is kept and applied")
    func valueMapping() async throws {
        try await TestApp.run { client, env in
            let admin = try await env.signedIn([.admin])
            let location = try #require(try await ImportWebTests.upload(client, admin, Self.members))
            let page = try await client.execute(uri: location, method: .get, headers: admin.headers).text
            #expect(page.contains("<h2 id=\"valeurs\">Valeurs</h2>"))
            #expect(page.contains("<strong>1</strong> ligne(s) de personnes ignorée(s)"))
            #expect(page.contains("Ligne 3 : « Citoyen »"))
            #expect(page.contains("Automatique (Pas une entreprise : ligne ignorée)"))
            #expect(page.contains("Automatique (Secteur : Agroalimentaire et restauration)"), "Traiteur is read as food")
            // A bad web address is a warning, the row is kept.
            #expect(page.contains("<strong>2</strong> entreprise(s) à créer"))
            // when: « Traiteur » is mapped to personal services and the mapping posted back
            let sectorColumn = 3
            let number = try #require(page.components(separatedBy: "name=\"valeur-cle-\(sectorColumn)-").dropFirst()
                .first { $0.contains("value=\"traiteur\"") }.flatMap { Int($0.prefix { $0.isNumber }) })
            var fields: [(String, String)] = (0..<6).map { index in
                ("colonne-\(index)", ["name", "municipality", "category", "sectors", "phone", "website"][index])
            }
            fields += [("valeur-cle-\(sectorColumn)-\(number)", "traiteur"), ("valeur-\(sectorColumn)-\(number)", "secteur:services-personnes")]
            let posted = try await client.execute(uri: location, method: .post, headers: admin.formHeaders, body: admin.form(fields))
            #expect(posted.status == .seeOther)
            let again = try await client.execute(uri: location, method: .get, headers: admin.headers).text
            #expect(again.contains("<option value=\"secteur:services-personnes\" selected>"))
            let applied = try await client.execute(uri: location + "/appliquer", method: .post, headers: admin.formHeaders, body: admin.form([]))
            #expect(applied.status == .seeOther)
            let (stored, _) = try await EnterpriseStore(database: env.database).snapshot()
            #expect(Set(stored.map(\.profile.name)) == ["Coop Le Rucher", "Traiteur Solidaire"], "no person is published")
            #expect(stored.first { $0.profile.name == "Traiteur Solidaire" }?.profile.sectors == ["services-personnes"])
            #expect(try await ImportStore(database: env.database).batches().first?.skipped == 1)
            // a value choice that is not in the list is a 400 in French
            let upload = try #require(try await ImportWebTests.upload(client, admin, Self.members))
            let wrong = try await client.execute(uri: upload, method: .post, headers: admin.formHeaders,
                                                 body: admin.form(fields.dropLast() + [("valeur-\(sectorColumn)-\(number)", "secteur:nulle-part")]))
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains("choisissez une correspondance dans la liste"))
        }
    }

    @Test("a second list: blank cells keep values, disagreements are shown stored vs incoming and settled per row")
    func secondListDisagreements() async throws {
        try await TestApp.run { client, env in
            let admin = try await env.signedIn([.admin])
            let first = try #require(try await ImportWebTests.upload(client, admin, Self.members))
            _ = try await client.execute(uri: first + "/appliquer", method: .post, headers: admin.formHeaders, body: admin.form([]))
            let second = """
                Nom;Municipalité;Téléphone;Site web
                Coop Le Rucher;Trois-Rivières;819-555-0199;
                """
            let location = try #require(try await ImportWebTests.upload(client, admin, second, fileName: "annuaire.csv"))
            let page = try await client.execute(uri: location, method: .get, headers: admin.headers).text
            #expect(page.contains("<h2 id=\"desaccords\">Désaccords</h2>"))
            #expect(page.contains("Téléphone : 819 555-0101 → 819 555-0199"))
            #expect(!page.contains("Site web : https://rucher.example → —"), "a blank cell keeps the stored address")
            // when: the person keeps the stored values for that row
            let fields: [(String, String)] = [("colonne-0", "name"), ("colonne-1", "municipality"), ("colonne-2", "phone"),
                                              ("colonne-3", "website"), ("ligne-2", "garder"), ("date-liste", "2026-01-15")]
            let posted = try await client.execute(uri: location, method: .post, headers: admin.formHeaders, body: admin.form(fields))
            #expect(posted.status == .seeOther)
            let kept = try await client.execute(uri: location, method: .get, headers: admin.headers).text
            #expect(kept.contains("valeur enregistrée gardée : choix pour cette ligne"))
            #expect(kept.contains("value=\"2026-01-15\""))
            #expect(kept.contains("<strong>0</strong> fiche(s) à mettre à jour"))
            // a date that is not one is refused next to its field's name
            let wrong = try await client.execute(uri: location, method: .post, headers: admin.formHeaders,
                                                 body: admin.form(fields.dropLast() + [("date-liste", "demain")]))
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains("Date de la liste : date de la liste « demain » invalide"))
            // when: the website column clears blanks and the row takes the file's values
            let clearing = [("colonne-0", "name"), ("colonne-1", "municipality"), ("colonne-2", "phone"), ("colonne-3", "website"),
                            ("vider-3", "1"), ("ligne-2", "fichier")]
            _ = try await client.execute(uri: location, method: .post, headers: admin.formHeaders, body: admin.form(clearing))
            let cleared = try await client.execute(uri: location, method: .get, headers: admin.headers).text
            #expect(cleared.contains("Site web : https://rucher.example → — <em>(colonne « vider les valeurs absentes »)</em>"))
            let applied = try await client.execute(uri: location + "/appliquer", method: .post, headers: admin.formHeaders, body: admin.form([]))
            #expect(applied.status == .seeOther)
            let (stored, _) = try await EnterpriseStore(database: env.database).snapshot()
            let rucher = try #require(stored.first { $0.profile.name == "Coop Le Rucher" })
            #expect(rucher.profile.phone == "819 555-0199")
            #expect(rucher.profile.website == nil)
        }
    }

    @Test("after a refused choice the page shows, and « Importer » applies, what is kept; a mapping name is never taken over")
    func refusedChoicesKeepTheRest() async throws {
        try await TestApp.run { client, env in
            let admin = try await env.signedIn([.admin])
            let first = try #require(try await ImportWebTests.upload(client, admin, Self.members))
            _ = try await client.execute(uri: first + "/appliquer", method: .post, headers: admin.formHeaders, body: admin.form([]))
            let location = try #require(try await ImportWebTests.upload(client, admin, "Nom;Municipalité;Téléphone\nCoop Le Rucher;Trois-Rivières;819-555-0199\n"))
            // the phone column keeps stored values, and the date is wrong: the first is kept, the second said
            let fields: [(String, String)] = [("colonne-0", "name"), ("colonne-1", "municipality"), ("colonne-2", "phone"),
                                              ("conflit-2", "garder"), ("date-liste", "2999-01-01")]
            let refused = try await client.execute(uri: location, method: .post, headers: admin.formHeaders, body: admin.form(fields))
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("Date de la liste"))
            #expect(refused.text.contains("value=\"2999-01-01\""), "what was typed is shown with its error")
            #expect(refused.text.contains("<strong>0</strong> fiche(s) à mettre à jour"))
            let again = try await client.execute(uri: location, method: .get, headers: admin.headers).text
            #expect(again.contains("<option value=\"garder\" selected>"), "the valid choice was kept")
            let applied = try await client.execute(uri: location + "/appliquer", method: .post, headers: admin.formHeaders, body: admin.form([]))
            #expect(applied.status == .badRequest, "nothing to write: refused, not an empty batch")
            #expect(applied.text.contains("rien n&#39;a été importé"))
            #expect(try await EnterpriseStore(database: env.database).snapshot().enterprises.first { $0.profile.name == "Coop Le Rucher" }?.profile.phone == "819 555-0101")
            #expect(try await ImportStore(database: env.database).batches().count == 1)
            // a saved mapping's name is never taken over by another
            let save: [(String, String)] = [("colonne-0", "name"), ("colonne-1", "municipality"), ("colonne-2", "phone"),
                                            ("nom-correspondance", "Liste du pôle"), ("enregistrer", "1")]
            #expect(try await client.execute(uri: location, method: .post, headers: admin.formHeaders, body: admin.form(save)).status == .ok)
            let twice = try await client.execute(uri: location, method: .post, headers: admin.formHeaders, body: admin.form(save))
            #expect(twice.status == .badRequest)
            #expect(twice.text.contains("Une correspondance s&#39;appelle déjà « Liste du pôle »"))
            #expect(try await ImportMappingStore(database: env.database).all().count == 1)
        }
    }

    @Test("problems are grouped by kind with counts, errors first, and paged")
    func groupedAndPagedProblems() async throws {
        try await TestApp.run { client, env in
            let admin = try await env.signedIn([.admin])
            let rows = (1...150).map { "Entreprise \($0);Trois-Rivières;NA" } + [";Trois-Rivières;NA"]
            let location = try #require(try await ImportWebTests.upload(client, admin, "Nom;Municipalité;Secteur\n" + rows.joined(separator: "\n")))
            let page = try await client.execute(uri: location, method: .get, headers: admin.headers).text
            let groups = try #require(Self.field(page, containing: "<caption>Problèmes par genre"))
            #expect(groups.contains("<td>Erreur</td><td>1</td>"), "the error first")
            #expect(page.contains("<td>Avertissement</td><td>151</td>"), "« sans secteur » once, counted")
            #expect(page.contains("Problèmes 1 à 100 sur 152"))
            #expect(page.contains("aria-current=\"page\">1</span>"))
            let second = try await client.execute(uri: location + "?page=2", method: .get, headers: admin.headers).text
            #expect(second.contains("Problèmes 101 à 152 sur 152"))
            // examples are non-blank values
            #expect(page.contains("<td>Entreprise 1 · Entreprise 2 · Entreprise 3</td>"))
        }
    }

    @Test("apply and revert run as jobs: the progress page, its state for the script, and the result")
    func jobs() async throws {
        try await TestApp.run(configure: { $0.importWaitMilliseconds = 0 }) { client, env in
            let admin = try await env.signedIn([.admin])
            let location = try #require(try await ImportWebTests.upload(client, admin, Self.members))
            // With no wait, even a small file's preview may go through its job page first.
            var preview = try await client.execute(uri: location, method: .get, headers: admin.headers)
            for _ in 0..<100 where !preview.text.contains("Aperçu de l") {
                try await Task.sleep(for: .milliseconds(20))
                preview = try await client.execute(uri: location, method: .get, headers: admin.headers)
            }
            #expect(preview.text.contains("Aperçu de l"))
            let applied = try await client.execute(uri: location + "/appliquer", method: .post, headers: admin.formHeaders, body: admin.form([]))
            #expect(applied.status == .seeOther)
            let jobURL = try #require(applied.headers[.location])
            #expect(jobURL.hasPrefix("/gestion/import/travaux/"))
            // another person cannot see it
            let other = try await env.signedIn([.admin])
            #expect(try await client.execute(uri: jobURL, method: .get, headers: other.headers).status == .notFound)
            var state = ""
            for _ in 0..<200 {
                let status = try await client.execute(uri: jobURL + "/etat", method: .get, headers: admin.headers)
                #expect(status.headers[.contentType]?.hasPrefix("application/json") == true)
                state = status.text
                if state.contains("\"finished\"") { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(state.contains("\"state\":\"finished\""))
            #expect(state.contains("\"location\":\"/gestion/import?lot="))
            let done = try await client.execute(uri: jobURL, method: .get, headers: admin.headers)
            #expect(done.status == .seeOther)
            #expect(done.headers[.location]?.hasPrefix("/gestion/import?lot=") == true)
            #expect(try await EnterpriseStore(database: env.database).count() == 2)
        }
    }

    @Test("a running job's page shows a labelled progress bar, and the import page lists it")
    func runningJobPage() async throws {
        let jobs = ImportJobs(logger: TestDatabases.logger)
        let gate = AsyncStream<Void>.makeStream()
        let id = jobs.start(.apply, key: "k", userID: "u", fileName: "liste.csv") { progress in
            progress.phase("Écriture dans le répertoire", total: 10)
            progress.advance(to: 4)
            for await _ in gate.stream { break }
            return "/gestion/import"
        }
        #expect(jobs.start(.apply, key: "k", userID: "u", fileName: "liste.csv") { _ in "/ailleurs" } == id, "a double click finds the running job")
        let running = try #require(await jobs.wait(id, userID: "u", upTo: .milliseconds(100)))
        #expect(running.state == .running)
        #expect(running.percent == 40)
        #expect(jobs.running(userID: "u").map(\.id) == [id])
        #expect(jobs.snapshot(id, userID: "someone else") == nil)
        gate.continuation.yield()
        let finished = try #require(await jobs.wait(id, userID: "u", upTo: .seconds(5)))
        #expect(finished.state == .finished(location: "/gestion/import"))
        #expect(jobs.running(userID: "u").isEmpty)
    }
}
