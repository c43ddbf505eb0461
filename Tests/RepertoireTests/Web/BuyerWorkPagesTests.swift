import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

/// Issue #13: pages that keep the buyer's work — the way back to the same results, the printable
/// list of a whole search, titles that say what a page shows, the staff's to-verify list.
@Suite("Pages that keep the buyer's work")
struct BuyerWorkPagesTests {
    /// 25 caterers in Longueuil (more than a page of 20) and one in Trois-Rivières.
    static let caterers: [EnterpriseProfile] = (1...25).map {
        Fixtures.minimal("Traiteur Numéro \($0)", municipality: "58227", sector: "agroalimentaire-restauration")
    } + [Fixtures.minimal("Traiteur Mauricien", municipality: "37067", sector: "agroalimentaire-restauration")]

    static func links(_ html: String, to prefix: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            .filter { $0.hasPrefix(prefix) }.map { $0.replacingOccurrences(of: "&amp;", with: "&") }
    }

    static func backLink(_ html: String) -> String? {
        guard let range = html.range(of: "<p class=\"back\"><a href=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("a result's profile link carries the search, and « Retour aux résultats » leads back to it, in French and English",
          arguments: Language.allCases)
    func backToResults(language: Language) async throws {
        try await TestApp.run(profiles: Self.caterers) { client in
            let prefix = language == .fr ? "" : "/en"
            let search = "\(prefix)/entreprises?q=traiteur&municipalite=58227&tri=nom&page=2"
            // given: page 2 of a filtered, sorted search
            var profileURL = ""
            try await client.execute(uri: search, method: .get) { response in
                #expect(response.status == .ok)
                let profiles = Self.links(response.text, to: "\(prefix)/entreprises/traiteur-")
                #expect(profiles.count == 5)
                profileURL = try #require(profiles.first)
            }
            #expect(profileURL.contains("?retour="))
            // when: the buyer opens a result
            try await client.execute(uri: profileURL, method: .get) { response in
                #expect(response.status == .ok)
                // then: the way back is that very search
                #expect(Self.backLink(response.text) == search)
                #expect(response.text.contains(language == .fr ? "Retour aux résultats" : "Back to results"))
            }
        }
    }

    @Test("a retour that is not a search of this site is ignored: no open redirect")
    func noOpenRedirect() async throws {
        try await TestApp.run(profiles: Self.caterers) { client in
            let hostile = ["%2F%2Fevil.example%2F", "https%3A%2F%2Fevil.example", "%2Fentreprises%3Fq%3Dx", "%5C%5Cevil.example",
                           "q%3Dx%26region%3D99", "javascript%3Aalert(1)", "%23evil", "q%3D%2522%253E%253Cscript%253E"]
            for value in hostile {
                try await client.execute(uri: "/entreprises/traiteur-numero-1?retour=\(value)", method: .get) { response in
                    #expect(response.status == .ok, "\(value)")
                    let back = try #require(Self.backLink(response.text), "\(value)")
                    #expect(back.hasPrefix("/entreprises"), "\(value): \(back)")
                    #expect(!response.text.contains("evil.example"), "\(value)")
                    #expect(!response.text.contains("<script>"), "\(value)")
                }
            }
            try await client.execute(uri: "/entreprises/traiteur-numero-1?retour=%2F%2Fevil.example", method: .get) { response in
                #expect(Self.backLink(response.text) == "/entreprises")
            }
        }
    }

    @Test("the printable list holds every result of the search, with the filters in words; the search page links to it")
    func printableList() async throws {
        try await TestApp.run(profiles: Self.caterers) { client in
            var printURL = ""
            try await client.execute(uri: "/entreprises?q=traiteur&region=16", method: .get) { response in
                let links = Self.links(response.text, to: "/imprimer")
                #expect(links == ["/imprimer?q=traiteur&region=16"])
                printURL = links.first ?? ""
            }
            try await client.execute(uri: printURL, method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                for number in 1...25 { #expect(html.contains(">Traiteur Numéro \(number)<"), "entry \(number)") }
                #expect(!html.contains("Traiteur Mauricien"))
                #expect(html.contains("Recherche : « traiteur »"))
                #expect(html.contains("Région : Montérégie"))
                #expect(html.contains("25 entreprises"))
                #expect(html.contains("data-print-only hidden"), "the print button waits for the script")
            }
            try await client.execute(uri: "/en/imprimer?secteur=agroalimentaire-restauration", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<html lang=\"en-CA\">"))
                #expect(response.text.contains("26 enterprises"))
                #expect(response.text.contains("Sector : Food and catering") || response.text.contains("Sector :"))
            }
        }
    }

    @Test("titles say the words, the filters and the page; the home page names the product and its purpose")
    func titles() async throws {
        try await TestApp.run(profiles: Self.caterers) { client in
            try await client.execute(uri: "/entreprises?q=traiteur&municipalite=58227&page=2", method: .get) { response in
                #expect(response.text.contains("<title>traiteur – Longueuil – page 2 — Répertoire</title>"))
                #expect(response.text.contains("Filtres (1)"))
            }
            try await client.execute(uri: "/en/entreprises?q=traiteur&page=2", method: .get) { response in
                #expect(response.text.contains("<title>traiteur – page 2 — Répertoire</title>"))
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.text.contains("<title>Répertoire — entreprises d&#39;économie sociale du Québec pour les acheteurs municipaux</title>"))
            }
            try await client.execute(uri: "/en", method: .get) { response in
                #expect(response.text.contains("<title>Répertoire — Quebec social-economy enterprises for municipal buyers</title>"))
            }
        }
    }

    @Test("French data on English pages is marked lang=fr")
    func frenchDataMarked() async throws {
        try await TestApp.run(profiles: Self.caterers) { client in
            try await client.execute(uri: "/en/entreprises/traiteur-numero-1", method: .get) { response in
                #expect(response.text.contains("<h1 id=\"profile-title\" lang=\"fr\">Traiteur Numéro 1</h1>"))
            }
            try await client.execute(uri: "/en/entreprises?q=traiteur", method: .get) { response in
                #expect(response.text.contains("<h3 class=\"card-title\" lang=\"fr\">"))
            }
            try await client.execute(uri: "/entreprises/traiteur-numero-1", method: .get) { response in
                #expect(response.text.contains("<h1 id=\"profile-title\">Traiteur Numéro 1</h1>"))
            }
        }
    }

    @Test("the edit form hides its spare empty blocks behind « Ajouter »; one empty block shows without scripts")
    func editFormBlocks() async throws {
        try await TestApp.run(profiles: Self.caterers) { (client: any TestClientProtocol, env: TestEnvironment) in
            let admin = try await env.signedIn([.admin])
            let enterprise = try #require(try await EnterpriseStore(database: env.database).find("traiteur-numero-1"))
            try await client.execute(uri: "/gestion/entreprises/\(enterprise.id)/modifier", method: .get, headers: admin.headers) { response in
                let html = response.text
                #expect(html.contains("<button type=\"button\" class=\"add-row\" data-add-row hidden>Ajouter un produit ou service</button>"))
                #expect(html.contains("<fieldset class=\"form-row\" data-blank><legend>Produit ou service 1</legend>"))
                #expect(html.contains("<fieldset class=\"form-row\" data-blank hidden><legend>Produit ou service 2</legend>"))
            }
        }
    }

    @Test("`users create` prints links at the address the server uses: its public URL, else its host and port")
    func usersCreateLink() async throws {
        let cases: [([String: String], String)] = [
            (["REPERTOIRE_PORT": "9123"], "http://127.0.0.1:9123/mot-de-passe?jeton="),
            (["REPERTOIRE_HOST": "0.0.0.0", "REPERTOIRE_PORT": "8181"], "http://localhost:8181/mot-de-passe?jeton="),
            (["REPERTOIRE_PUBLIC_URL": "https://repertoire.example/"], "https://repertoire.example/mot-de-passe?jeton="),
        ]
        for (flags, expected) in cases {
            var configuration = try Configuration.resolve(flags: flags, environment: [:])
            configuration.database = .sqliteMemory
            configuration.bcryptCost = 4
            let text = try await UsersTask.create(email: "admin@exemple.org", name: nil, roles: ["admin"], regions: [], municipality: nil,
                                                  configuration: configuration, mail: MemoryMailQueue(), logger: TestDatabases.logger)
            #expect(text.contains(expected), "\(flags): \(text)")
        }
    }
}

/// `/gestion/a-verifier`: paged with the true total, by region, as CSV — counted and paged by the
/// database, on SQLite and PostgreSQL.
@Suite("The to-verify list")
struct DueListTests {
    /// 230 records due in Montérégie (16), 12 in Mauricie (04), 5 verified recently in 16.
    static var profiles: [EnterpriseProfile] {
        let recent = CalendarDay.string(from: Date().addingTimeInterval(-20 * 86_400))
        var all: [EnterpriseProfile] = []
        for i in 1...230 {
            var p = Fixtures.minimal(String(format: "Coop Montérégie %03d", i), municipality: "58227")
            p.lastVerified = i <= 10 ? nil : String(format: "20%02d-01-%02d", 15 + i % 9, 1 + i % 28)
            all.append(p)
        }
        for i in 1...12 { all.append(Fixtures.minimal(String(format: "Coop Mauricie %02d", i), municipality: "37067")) }
        for i in 1...5 {
            var p = Fixtures.minimal("Coop À jour \(i)", municipality: "58227")
            p.lastVerified = recent
            all.append(p)
        }
        return all
    }

    static func rows(_ html: String) -> Int { html.components(separatedBy: "/demander-confirmation\"").count - 1 }

    @Test("pages through every record due with the true total; a region filter; CSV of the whole list", arguments: TestDatabases.kinds)
    func pagingRegionsAndCSV(kind: TestDatabases.Kind) async throws {
        try await TestApp.run(kind, profiles: Self.profiles) { (client: any TestClientProtocol, env: TestEnvironment) in
            // given: a hub editor of Montérégie
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            try await client.execute(uri: "/gestion/a-verifier", method: .get, headers: editor.headers) { response in
                let html = response.text
                #expect(html.contains("230 fiches à vérifier"))
                #expect(Self.rows(html) == 100)
                #expect(!html.contains("Coop Mauricie"))
                #expect(!html.contains("Coop À jour"))
                // never verified first
                #expect(html.contains("Coop Montérégie 001"))
                #expect(html.contains("href=\"/gestion/a-verifier?page=3\""))
            }
            try await client.execute(uri: "/gestion/a-verifier?page=3", method: .get, headers: editor.headers) { response in
                #expect(Self.rows(response.text) == 30)
                #expect(response.text.contains("<span aria-current=\"page\">3</span>"))
            }
            // asking for another region gives their own
            try await client.execute(uri: "/gestion/a-verifier?region=04", method: .get, headers: editor.headers) { response in
                #expect(response.text.contains("230 fiches à vérifier"))
            }
            try await client.execute(uri: "/gestion/a-verifier.csv", method: .get, headers: editor.headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                let lines = response.text.split(whereSeparator: \.isNewline)
                #expect(lines.count == 231)
                #expect(lines.first?.contains("Dernière vérification") == true)
            }
            // an administrator sees every region, and can narrow to one
            let admin = try await env.signedIn([.admin])
            try await client.execute(uri: "/gestion/a-verifier", method: .get, headers: admin.headers) { response in
                #expect(response.text.contains("242 fiches à vérifier"))
            }
            try await client.execute(uri: "/gestion/a-verifier?region=04", method: .get, headers: admin.headers) { response in
                #expect(response.text.contains("12 fiches à vérifier"))
                #expect(Self.rows(response.text) == 12)
                #expect(response.text.contains("<option value=\"04\" selected>"))
            }
            try await client.execute(uri: "/gestion/a-verifier.csv?region=04", method: .get, headers: admin.headers) { response in
                #expect(response.text.split(whereSeparator: \.isNewline).count == 13)
            }
            // visitors are sent to sign in
            try await client.execute(uri: "/gestion/a-verifier.csv", method: .get) { response in
                #expect(response.status != .ok)
            }
        }
    }

    @Test("the store counts and pages in SQL, never-verified first, then the oldest", arguments: TestDatabases.kinds)
    func storeOrder(kind: TestDatabases.Kind) async throws {
        try await TestApp.run(kind, profiles: Self.profiles) { (_: any TestClientProtocol, env: TestEnvironment) in
            let store = EnterpriseStore(database: env.database)
            let limit = ConfirmationService.dueLimit(now: Date())
            let (total, first) = try await store.due(before: limit, regions: ["16"], limit: 50, offset: 0)
            #expect(total == 230)
            #expect(first.count == 50)
            #expect(first.prefix(10).allSatisfy { $0.lastVerified == nil })
            let dates = first.dropFirst(10).compactMap(\.lastVerified)
            #expect(dates == dates.sorted())
            let (_, last) = try await store.due(before: limit, regions: ["16"], limit: 50, offset: 200)
            #expect(last.count == 30)
            let (none, empty) = try await store.due(before: limit, regions: [], limit: 50, offset: 0)
            #expect(none == 0 && empty.isEmpty)
            let (all, _) = try await store.due(before: limit, regions: nil, limit: 1, offset: 0)
            #expect(all == 242)
        }
    }
}
