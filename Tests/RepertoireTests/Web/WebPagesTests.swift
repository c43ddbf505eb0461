import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("Web pages")
struct WebPagesTests {
    static let payload = "<script>alert('x')</script>"

    /// An enterprise whose every free-text field carries a script.
    static var hostile: EnterpriseProfile {
        var p = Fixtures.complete(name: "Coop \(payload)", neq: nil)
        p.otherNames = [OtherName(kind: .trade, name: "Nom \(payload)")]
        p.mission = "Mission \(payload)"
        p.missionEnglish = "Mission EN \(payload)"
        p.offerings = [Offering(name: "Offre \(payload)", description: "Description \(payload)", kind: .service, offeredToMunicipalities: true)]
        p.address = "1 rue \(payload)"
        p.benefits.text = "Retombées \(payload)"
        p.contracts = [MunicipalContract(municipality: "Ville \(payload)", year: 2024, description: "Contrat \(payload)")]
        p.source = "Source \(payload)"
        p.managers = [ManagerContact(name: "Gestionnaire Secrète", email: "secret@coop.exemple.org")]
        return p
    }

    static let profiles = [hostile, Fixtures.minimal("Traiteur Les Saveurs", municipality: "58227", sector: "agroalimentaire-restauration")]

    static func assertSafe(_ html: String, _ page: String) {
        #expect(!html.contains("<script>alert"), "\(page): a script from the data reached the page")
        #expect(!html.contains("Gestionnaire Secrète"), "\(page): a manager's name reached a visitor")
        #expect(!html.contains("secret@coop"), "\(page): a manager's email reached a visitor")
    }

    @Test("every page escapes what users typed, in French and English", arguments: Language.allCases)
    func escaping(language: Language) async throws {
        try await TestApp.run(profiles: Self.profiles) { client in
            let prefix = language == .fr ? "" : "/en"
            let slug = "coop-script-alert-x-script"
            let pages = [
                language == .fr ? "/" : "/en", "\(prefix)/entreprises", "\(prefix)/entreprises?q=coop",
                "\(prefix)/entreprises/\(slug)", "\(prefix)/secteurs/environnement-recuperation-recyclage",
                "\(prefix)/regions/monteregie", "\(prefix)/a-propos", "\(prefix)/liste-complete?region=16",
                "\(prefix)/entreprises?q=%3Cscript%3Ealert(%27x%27)%3C%2Fscript%3E",
                "\(prefix)/entreprises?q=%22%3E%3Cscript%3Ealert(%27x%27)%3C%2Fscript%3E",
            ]
            for page in pages {
                try await client.execute(uri: page, method: .get) { response in
                    #expect(response.status == .ok, "\(page)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(page)")
                    let html = response.text
                    Self.assertSafe(html, page)
                    #expect(html.contains("<html lang=\"\(language == .fr ? "fr-CA" : "en-CA")\">"), "\(page)")
                }
            }
            try await client.execute(uri: "\(prefix)/entreprises/\(slug)", method: .get) { response in
                let html = response.text
                for field in ["Coop &lt;script&gt;", "Mission &lt;script&gt;", "Offre &lt;script&gt;", "Description &lt;script&gt;",
                              "1 rue &lt;script&gt;", "Retombées &lt;script&gt;", "Ville &lt;script&gt;", "Contrat &lt;script&gt;",
                              "Source &lt;script&gt;", "Nom &lt;script&gt;"] {
                    #expect(html.contains(field), "\(field) is shown, escaped")
                }
            }
            try await client.execute(uri: "\(prefix)/entreprises?q=%3Cscript%3E", method: .get) { response in
                #expect(response.text.contains("&lt;script&gt;"), "the query is shown back, escaped")
            }
        }
    }

    @Test("the home page: search box, 11 sectors and 17 regions with counts, newest enterprises")
    func home() async throws {
        try await TestApp.run(profiles: Self.profiles) { client in
            try await client.execute(uri: "/", method: .get) { response in
                let html = response.text
                #expect(html.contains("Que cherchez-vous ?"))
                #expect(html.components(separatedBy: "href=\"/secteurs/").count - 1 == 11)
                #expect(html.components(separatedBy: "href=\"/regions/").count - 1 == 17)
                #expect(html.contains("Agroalimentaire et restauration</span> <span class=\"tile-count\">1<"))
                #expect(html.contains("Traiteur Les Saveurs"))
                #expect(html.contains("<a class=\"skip-link\" href=\"#contenu\">"))
                #expect(html.contains("<main id=\"contenu\""))
                #expect(html.contains("<link rel=\"canonical\" href=\"http://127.0.0.1:8080/\">"))
                #expect(!html.contains("Données fictives"), "no demo notice when no record is fictional")
            }
            try await client.execute(uri: "/en", method: .get) { response in
                #expect(response.text.contains("What are you looking for?"))
                #expect(response.text.contains("Food and catering"))
            }
        }
    }

    @Test("results: cards, facets that keep the other filters, chips, sort and the links to CSV and JSON")
    func results() async throws {
        try await TestApp.run(profiles: EnterprisesReadAPITests.profiles) { client in
            try await client.execute(uri: "/entreprises?q=deneigement&region=16&tri=nom", method: .get) { response in
                let html = response.text
                #expect(html.contains("<mark>Déneigement</mark>"))
                #expect(html.contains("id=\"f-region-16\" name=\"region\" value=\"16\" checked"))
                #expect(html.contains("<input type=\"hidden\" name=\"q\" value=\"deneigement\">"), "the facet form keeps the text")
                #expect(html.contains("<input type=\"hidden\" name=\"tri\" value=\"nom\">"), "the facet form keeps the sort")
                #expect(html.contains("class=\"chip\" href=\"/entreprises?q=deneigement&amp;tri=nom\""), "the chip removes only its filter")
                #expect(html.contains("href=\"/entreprises.csv?q=deneigement&amp;region=16&amp;tri=nom\""))
                #expect(html.contains("href=\"/api/v1/enterprises?q=deneigement&amp;region=16&amp;sort=name\""))
                #expect(html.contains("<option value=\"nom\" selected>"))
                #expect(html.contains("<span class=\"visually-hidden\"> entreprises</span>"), "counts are read as numbers of enterprises")
            }
            try await client.execute(uri: "/entreprises?q=entretien+m%C3%A9nager+%2B+plus", method: .get) { response in
                #expect(response.text.contains("value=\"entretien ménager + plus\""), "a space typed in a form comes back as a space")
                #expect(response.text.contains("<a href=\"#resultats\">Aller aux résultats</a>"))
            }
            try await client.execute(uri: "/entreprises?q=xyzzyplugh", method: .get) { response in
                #expect(response.text.contains("Aucune entreprise ne correspond"))
            }
            try await client.execute(uri: "/entreprises?region=99", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Région inconnue « 99 »"))
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
        }
    }

    @Test("a search that finds nothing and has nothing to suggest offers the sectors, with counts, and the complete list")
    func zeroResultWayOut() async throws {
        let profiles = EnterprisesReadAPITests.profiles
        try await TestApp.run(profiles: profiles) { client in
            // given: a sector of the seeded enterprises, and its count
            let sector = try #require(Sector.all.first { sector in profiles.contains { $0.sectors.contains(sector.slug) } })
            let count = profiles.filter { $0.sectors.contains(sector.slug) }.count
            var nonsense = DirectoryQuery()
            nonsense.text = "xyzzyplugh"
            for language in [Language.fr, .en] {
                // when
                try await client.execute(uri: SiteURL.search(nonsense).path(language), method: .get) { response in
                    // then
                    let html = response.text
                    #expect(response.status == .ok)
                    #expect(html.contains(language == .fr ? "Parcourez plutôt les secteurs d&#39;activité" : "Browse the activity sectors instead"))
                    let name = language == .fr ? sector.name : sector.nameEnglish
                    #expect(html.contains("<a href=\"\(SiteURL.sector(slug: sector.slug).path(language))\"><span class=\"tile-name\">\(name)</span> <span class=\"tile-count\">\(count)<"),
                            "\(language): \(sector.slug) linked with its count")
                    #expect(html.components(separatedBy: "class=\"tile-name\"").count == Sector.all.count + 1, "every sector")
                    #expect(html.contains("href=\"\(SiteURL.completeList(DirectoryQuery()).path(language))\">\(language == .fr ? "Ou consultez la liste complète" : "Or see the complete list")"))
                }
            }
            // a word the index knows, misspelt beyond the search's tolerance: the suggestion is the way out
            var typo = DirectoryQuery()
            typo.text = "trateurr"  // « Traiteur Les Saveurs »: two edits in eight letters
            try await client.execute(uri: SiteURL.search(typo).path(.fr), method: .get) { response in
                #expect(response.text.contains("Vouliez-vous dire"), "« \(typo.text) »")
                #expect(!response.text.contains("Parcourez plutôt les secteurs"))
            }
        }
    }

    @Test("sector and region pages are pre-filtered searches")
    func browse() async throws {
        try await TestApp.run(profiles: EnterprisesReadAPITests.profiles) { client in
            try await client.execute(uri: "/secteurs/agroalimentaire-restauration", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<h1 id=\"results-title\">Agroalimentaire et restauration</h1>"))
                #expect(response.text.contains("Traiteur Les Saveurs"))
                #expect(!response.text.contains("Friperie de Trois-Rivières"))
            }
            try await client.execute(uri: "/en/regions/mauricie", method: .get) { response in
                #expect(response.text.contains("Friperie de Trois-Rivières"))
                #expect(!response.text.contains("Traiteur Les Saveurs"))
            }
            try await client.execute(uri: "/secteurs/inconnu", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("Page introuvable"))
            }
        }
    }

    @Test("the profile shows everything public and asks visitors to sign in for managers")
    func profile() async throws {
        try await TestApp.run(profiles: [Fixtures.complete()]) { client in
            try await client.execute(uri: "/entreprises/cooperative-de-solidarite-deneigement-rive-sud", method: .get) { response in
                let html = response.text
                for expected in ["Coopérative de solidarité Déneigement Rive-Sud", "Offrir un déneigement fiable", "Déneigement de stationnements",
                                 "offert aux municipalités", "Employés", "24", "Bénévoles", "Entreprise d&#39;insertion", "1140139735",
                                 "450 555-0123", "info@deneigement.exemple.org", "Longueuil</strong>, 2024", "48", "30 juin 2025", "Montérégie",
                                 "réservées aux acheteurs municipaux"] {
                    #expect(html.contains(expected), "\(expected)")
                }
                #expect(!html.contains("Julie Tremblay"))
            }
            try await client.execute(uri: "/entreprises/personne", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("Page introuvable"))
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
            try await client.execute(uri: "/en/nowhere", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("Page not found"))
            }
        }
    }

    @Test("CSV export: byte-order mark, public columns, formulas neutralised")
    func csvExport() async throws {
        var formula = Fixtures.minimal("=HYPERLINK(\"http://evil\")", municipality: "58227")
        formula.address = "+1 rue"
        try await TestApp.run(profiles: [Fixtures.complete(), formula]) { client in
            try await client.execute(uri: "/entreprises.csv?tri=nom", method: .get) { response in
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                let text = response.text
                #expect(text.hasPrefix("\u{FEFF}Nom,NEQ,"))
                #expect(text.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""))
                #expect(text.contains(",'+1 rue,"))
                #expect(text.contains("Coopérative de solidarité Déneigement Rive-Sud,1140139735,"))
                #expect(!text.contains("Julie"))
                #expect(text.split(separator: "\r\n").count == 3)
            }
        }
    }

    @Test("the complete list of a territory, grouped by sector, for printing")
    func completeList() async throws {
        try await TestApp.run(profiles: EnterprisesReadAPITests.profiles) { client in
            try await client.execute(uri: "/liste-complete?mrc=Longueuil%20(58)", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<p class=\"cover-territory\">Territoire de Longueuil</p>"))
                #expect(html.contains("Traiteur Les Saveurs") && html.contains("Déneigement Brossard"))
                #expect(!html.contains("Friperie de Trois-Rivières"), "outside the territory")
                #expect(!html.contains("Julie Tremblay"), "no manager on a public list")
                let food = try #require(html.range(of: "Agroalimentaire et restauration"))
                let services = try #require(html.range(of: "Services aux entreprises et aux organisations <span"))
                #expect(food.lowerBound < services.lowerBound, "groups follow the sectors' order")
                #expect(html.contains("4 entreprises") == false && html.contains("3 entreprises"))
                #expect(html.contains("href=\"/exporter?mrc=58&amp;lieu=siege"), "the territory as a spreadsheet")
            }
            // Without a territory: the regions to choose from, not the whole province.
            try await client.execute(uri: "/liste-complete?secteur=habitation", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Choisissez un territoire"))
                #expect(response.text.contains("href=\"/liste-complete?region=16\">Montérégie (16)</a>"))
                #expect(!response.text.contains("Traiteur Les Saveurs"))
            }
            try await client.execute(uri: "/en/liste-complete", method: .get) { response in
                #expect(response.text.contains("Choose a territory"))
                #expect(response.text.contains("href=\"/en/liste-complete?region=04\">Mauricie (04)</a>"))
            }
            try await client.execute(uri: "/liste-complete?mrc=Nulle%20part", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("MRC invalide « Nulle part »"))
            }
            try await client.execute(uri: "/liste-complete?mrc=999", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Aucune municipalité n&#39;appartient à la MRC « 999 »"))
            }
            try await client.execute(uri: "/en/liste-complete?region=04", method: .get) { response in
                #expect(response.text.contains("Complete list of social-economy enterprises"))
                #expect(response.text.contains("Friperie de Trois-Rivières"))
            }
        }
    }

    @Test("sitemap, robots, static files with cache headers, gzip and security headers")
    func plumbing() async throws {
        try await TestApp.run(profiles: [Fixtures.complete()]) { client in
            try await client.execute(uri: "/sitemap.xml", method: .get) { response in
                #expect(response.text.contains("<sitemapindex"))
                #expect(response.text.contains("<sitemap><loc>http://127.0.0.1:8080/sitemaps/1.xml</loc></sitemap>"))
                #expect(!response.text.contains("sitemaps/2.xml"))
            }
            try await client.execute(uri: "/sitemaps/2.xml", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/sitemaps/1.xml", method: .get) { response in
                #expect(response.text.contains("<loc>http://127.0.0.1:8080/entreprises/cooperative-de-solidarite-deneigement-rive-sud</loc>"))
                #expect(response.text.contains("<loc>http://127.0.0.1:8080/en/secteurs/habitation</loc>"))
            }
            try await client.execute(uri: "/robots.txt", method: .get) { response in
                #expect(response.text.contains("Sitemap: http://127.0.0.1:8080/sitemap.xml"))
                #expect(response.text.contains("Disallow: /entreprises.csv\nDisallow: /carte/marqueurs\nDisallow: /en/carte/marqueurs\n"))
            }
            let cssURL = try await client.execute(uri: "/", method: .get) { response -> String in
                #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(!response.text.contains("<script>"), "no inline script")
                #expect(!response.text.contains("style=\""), "no inline style")
                let html = response.text
                guard let range = html.range(of: "/static/site.css?v=") else { return "" }
                return String(html[range.lowerBound...].prefix { $0 != "\"" })
            }
            try await client.execute(uri: cssURL, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            }
            try await client.execute(uri: "/entreprises", method: .get, headers: [.acceptEncoding: "gzip, deflate"]) { response in
                #expect(response.headers[.contentEncoding] == "gzip")
                #expect(response.body.readableBytes < 10_000)
            }
            try await client.execute(uri: "/static/nothing.css", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("the sitemap is an index of files of at most the protocol's number of URLs, which together list every page once")
    func sitemapIndexSplitsFiles() async throws {
        let many = (0..<30).map { Fixtures.minimal("Entreprise \($0) de traiteur", municipality: "58227", sector: "habitation") }
        try await TestDatabases.withDatabase(.sqliteMemory) { database in
        let directory = DirectoryService(database: database, logger: TestDatabases.logger)
        try await directory.loadIndex()
        for profile in many { _ = try await directory.create(profile) }
        let web = WebController(directory: directory, renderer: try await WebRenderer(), assets: try StaticAssets(), baseURL: "https://r.example")
        let perFile = 20
        let pages = web.sitemapPaths().count * Language.allCases.count
        let index = web.sitemapIndexXML(urlsPerFile: perFile)
        let files = (pages + perFile - 1) / perFile
        #expect(index.components(separatedBy: "<sitemap>").count - 1 == files)
        var seen: [String] = []
        for number in 1...files {
            #expect(index.contains("<loc>https://r.example/sitemaps/\(number).xml</loc>"))
            let xml = try web.sitemapFileXML("\(number).xml", urlsPerFile: perFile)
            let locs = xml.components(separatedBy: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }) }
            #expect(locs.count <= perFile)
            seen += locs
        }
        #expect(seen.count == pages)
        #expect(Set(seen).count == pages)
        #expect(seen.contains("https://r.example/en/entreprises/entreprise-29-de-traiteur"))
        #expect(throws: Problem.self) { try web.sitemapFileXML("\(files + 1).xml", urlsPerFile: perFile) }
        #expect(throws: Problem.self) { try web.sitemapFileXML("0.xml", urlsPerFile: perFile) }
        #expect(throws: Problem.self) { try web.sitemapFileXML("un.xml", urlsPerFile: perFile) }
        }
    }

    @Test("pages stay under 60 KB of HTML plus CSS")
    func pageWeight() async throws {
        let many = (0..<40).map { Fixtures.minimal("Entreprise \($0) de déneigement", municipality: "58227", sector: "habitation") }
        try await TestApp.run(profiles: many + [Fixtures.complete()]) { client in
            let css = try await client.execute(uri: "/static/site.css", method: .get) { $0.body.readableBytes }
            for page in ["/", "/entreprises", "/entreprises?q=deneigement&par-page=100", "/entreprises/cooperative-de-solidarite-deneigement-rive-sud", "/a-propos"] {
                let html = try await client.execute(uri: page, method: .get) { $0.body.readableBytes }
                #expect(html + css < 60_000, "\(page): \(html) + \(css) bytes")
            }
        }
    }
}
