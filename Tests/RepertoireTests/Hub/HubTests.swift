import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import Repertoire

/// Issue #17 through the real app: hub editors write articles for their regions, publish or
/// schedule them; visitors find them on /jachete, by searching, and from the profiles of the
/// enterprises they name; new enterprises are listed without anyone writing them.
@Suite("J'achète hub")
struct HubTests {
    typealias Kit = CallTestKit

    static let profiles: [EnterpriseProfile] = [
        Fixtures.minimal("Déneigement Rive-Sud", municipality: "58227"),
        Fixtures.minimal("Traiteur Saveurs Solidaires", municipality: "58007", sector: "agroalimentaire-restauration"),
        Fixtures.minimal("Récup Mauricie", municipality: "37067", sector: "environnement-recuperation-recyclage"),
    ]

    static func story(title: String = "Longueuil déneige avec une coopérative", regions: [String] = ["16"]) -> [(String, String)] {
        [("type", "collaboration"), ("titre", title),
         ("resume", "La Ville a confié le déneigement de ses stationnements à deux entreprises d'économie sociale."),
         ("texte", "## Le contexte\n\nUn contrat de **déneigement** octroyé de gré à gré, puis renouvelé.\n\n<script>alert(1)</script>"),
         ("etiquettes", "déneigement, gré à gré"),
         ("entreprises", "Déneigement Rive-Sud\nTraiteur Saveurs Solidaires"),
         ("municipalite", "58227"), ("achat", "Déneigement de 12 stationnements"), ("mode", "gre-a-gre"), ("montant", "24 500"),
         ("resultat", "Neuf emplois d'insertion, 98 % des sorties faites dans les délais.")] + regions.map { ("regions", $0) }
    }

    /// Creates through the form and returns the new article's id.
    static func create(_ client: some TestClientProtocol, _ user: TestEnvironment.SignedIn, _ fields: [(String, String)]) async throws -> String {
        try await client.execute(uri: "/gestion/jachete/nouveau", method: .post, headers: user.formHeaders, body: user.form(fields)) { response in
            #expect(response.status == .seeOther, "\(response.text.prefix(1200))")
            return String((response.headers[.location] ?? "").split(separator: "?").first?.split(separator: "/").last ?? "")
        }
    }

    static func status(_ client: some TestClientProtocol, _ user: TestEnvironment.SignedIn, _ env: TestEnvironment, _ id: String,
                       _ fields: [(String, String)]) async throws -> HTTPResponse.Status {
        let version = try await ArticleStore(database: env.database).article(id: id)?.version ?? 0
        return try await client.execute(uri: "/gestion/jachete/\(id)/statut", method: .post, headers: user.formHeaders,
                                        body: user.form(fields + [("version", String(version))])) { $0.status }
    }

    /// Text as the pages print it (apostrophes and quotes escaped).
    static func escaped(_ text: String) -> String { HTMLEscaping.escape(text) }

    static func slug(_ database: Database, _ id: String) async throws -> String {
        try await ArticleStore(database: database).article(id: id)?.slug ?? ""
    }

    @Test("an editor writes a story linked to two enterprises, publishes it; visitors find it on /jachete, by searching, and from both profiles",
          arguments: TestDatabases.kinds)
    func publishAndFind(_ kind: TestDatabases.Kind) async throws {
        try await TestApp.run(kind, profiles: Self.profiles) { client, env in
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            let id = try await Self.create(client, editor, Self.story())
            let slug = try await Self.slug(env.database, id)
            #expect(slug == "longueuil-deneige-avec-une-cooperative")
            // A draft is nobody's business but the hub's.
            try await client.execute(uri: "/jachete/articles/\(slug)", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/jachete", method: .get) { #expect(!$0.text.contains("Longueuil déneige")) }

            #expect(try await Self.status(client, editor, env, id, [("action", "publier")]) == .seeOther)
            try await client.execute(uri: "/jachete/articles/\(slug)", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<h1>Longueuil déneige avec une coopérative</h1>"))
                #expect(html.contains("<h3>Le contexte</h3>"))
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>alert(1)"))
                let amount = try Regex("24.500 \\$")
                #expect(html.contains(amount) && html.contains(Self.escaped("Neuf emplois d'insertion")), "\(html)")
                #expect(html.contains("Déneigement Rive-Sud") && html.contains("Traiteur Saveurs Solidaires"))
            }
            // Found by a word of its text, without its accent, on the French and English pages.
            for uri in ["/jachete?q=deneigement", "/en/jachete?q=stationnements", "/jachete?etiquette=gr%C3%A9%20%C3%A0%20gr%C3%A9", "/jachete?region=16&type=collaboration"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.text.contains("/articles/\(slug)"), "\(uri)")
                }
            }
            for uri in ["/jachete?q=piscine", "/jachete?region=04", "/jachete?type=formation"] {
                try await client.execute(uri: uri, method: .get) { #expect(!$0.text.contains("/articles/\(slug)"), "\(uri)") }
            }
            try await client.execute(uri: "/jachete?region=99&type=webinaire", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Région « 99 » inconnue.") && response.text.contains("Type « webinaire » inconnu"))
            }
            // Each enterprise's profile links back to the story; the home page shows it too.
            let directory = DirectoryService(database: env.database, logger: TestDatabases.logger)
            try await directory.loadIndex()
            for name in ["Déneigement Rive-Sud", "Traiteur Saveurs Solidaires"] {
                let enterprise = try #require(try await directory.resolveEnterprise(name).enterprise)
                try await client.execute(uri: "/entreprises/\(enterprise.slug)", method: .get) { response in
                    #expect(response.text.contains(Self.escaped("Dans J'achète!")) && response.text.contains("/jachete/articles/\(slug)"), "\(name)")
                }
            }
            try await client.execute(uri: "/", method: .get) { #expect($0.text.contains("/jachete/articles/\(slug)")) }

            // Archived: off the lists, its page stays and says so; back to draft: gone.
            #expect(try await Self.status(client, editor, env, id, [("action", "archiver")]) == .seeOther)
            try await client.execute(uri: "/jachete", method: .get) { #expect(!$0.text.contains("/articles/\(slug)")) }
            try await client.execute(uri: "/jachete/articles/\(slug)", method: .get) { #expect($0.text.contains("Article archivé")) }
            #expect(try await Self.status(client, editor, env, id, [("action", "brouillon")]) == .seeOther)
            try await client.execute(uri: "/jachete/articles/\(slug)", method: .get) { #expect($0.status == .notFound) }

            // Every change is a revision, stored in the snapshot format.
            let revisions = try await ArticleStore(database: env.database).revisions(of: id)
            #expect(revisions.map(\.action) == ["unpublished", "archived", "published", "created"])
            #expect(revisions.first?.article.enterpriseIDs.count == 2)
        }
    }

    @Test("a scheduled article appears once its time has come, without any write")
    func scheduling() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            let id = try await Self.create(client, editor, Self.story())
            let slug = try await Self.slug(env.database, id)
            let soon = Date().addingTimeInterval(120)
            #expect(try await Self.status(client, editor, env, id, [("action", "programmer"), ("date", QuebecTime.day(from: soon)), ("heure", QuebecTime.time(from: soon))]) == .seeOther)
            try await client.execute(uri: "/jachete/articles/\(slug)", method: .get) { #expect($0.status == .notFound) }
            let article = try #require(try await ArticleStore(database: env.database).article(id: id))
            #expect(article.state(at: Date()) == .scheduled)
            #expect(article.state(at: soon.addingTimeInterval(60)) == .published)
            let service = ArticleService(store: ArticleStore(database: env.database), directory: DirectoryService(database: env.database, logger: TestDatabases.logger))
            #expect(try await service.readable(slug: slug, now: Date()) == nil)
            #expect(try await service.readable(slug: slug, now: soon.addingTimeInterval(60))?.id == id)
            #expect(try await service.published(.init(text: "stationnements"), now: soon.addingTimeInterval(60)).map(\.article.id) == [id])
            // A time already past is refused with its reason; nothing changes.
            let status = try await Self.status(client, editor, env, id, [("action", "programmer"), ("date", "2020-01-01"), ("heure", "08:00")])
            #expect(status == .unprocessableContent)
            #expect(try await ArticleStore(database: env.database).article(id: id)?.version == article.version)
        }
    }

    @Test("an editor of region 16 cannot write for region 04 nor change an article of region 04; buyers and visitors cannot write")
    func roles() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let montérégie = try await env.signedIn([.hubEditor], regions: ["16"])
            let mauricie = try await env.signedIn([.hubEditor], regions: ["04"])
            let admin = try await env.signedIn([.admin])
            let buyer = try await env.signedIn([.buyer], municipality: "58227")

            try await client.execute(uri: "/gestion/jachete/nouveau", method: .post, headers: montérégie.formHeaders,
                                     body: montérégie.form(Self.story(regions: ["04"]))) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Vous ne gérez pas la région Mauricie (04)"))
            }
            let mauricieID = try await Self.create(client, mauricie, Self.story(title: "Trois-Rivières récupère", regions: ["04"]))
            try await client.execute(uri: "/gestion/jachete/\(mauricieID)", method: .post, headers: montérégie.formHeaders,
                                     body: montérégie.form(Self.story(title: "Pris par un autre pôle", regions: ["04"]) + [("version", "1")])) { response in
                #expect(response.status == .forbidden)
                #expect(response.text.contains("Cet article concerne une région que vous ne gérez pas"), "\(response.text.prefix(3000))")
            }
            #expect(try await Self.status(client, montérégie, env, mauricieID, [("action", "publier")]) == .forbidden)
            #expect(try await ArticleStore(database: env.database).article(id: mauricieID)?.titleFrench == "Trois-Rivières récupère")
            // The page shows it read-only to the other hub; the administrator may change it.
            try await client.execute(uri: "/gestion/jachete/\(mauricieID)", method: .get, headers: montérégie.headers) { response in
                #expect(response.status == .ok && !response.text.contains("Publier maintenant"))
            }
            #expect(try await Self.status(client, admin, env, mauricieID, [("action", "publier")]) == .seeOther)
            // An administrator's article may concern all of Quebec.
            _ = try await Self.create(client, admin, Self.story(title: "Pour tout le Québec", regions: []))

            try await client.execute(uri: "/gestion/jachete", method: .get, headers: buyer.headers) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/gestion/jachete/nouveau", method: .post, headers: buyer.formHeaders, body: buyer.form(Self.story())) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/gestion/jachete", method: .get) { #expect($0.status == .seeOther || $0.status == .unauthorized) }
            let count = try await env.database.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM articles").first()?.decode(column: "n", as: Int.self) }
            #expect(count == 2)
        }
    }

    @Test("bad input: each problem named at its field, nothing stored; a stale version is a conflict that loses nothing")
    func badInput() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            var fields = Self.story().filter { !["titre", "resultat", "entreprises"].contains($0.0) }
            fields += [("entreprises", "Entreprise qui n'existe pas"), ("titre_en", "Only a title")]
            try await client.execute(uri: "/gestion/jachete/nouveau", method: .post, headers: editor.formHeaders, body: editor.form(fields)) { response in
                #expect(response.status == .badRequest)
                let html = response.text
                for message in ["Écrivez le titre de l'article.", "Décrivez le résultat, en mots et en chiffres.",
                                "Aucune entreprise du répertoire ne s'appelle « Entreprise qui n'existe pas ».",
                                "La version anglaise a besoin d'un résumé."] {
                    #expect(html.contains(Self.escaped(message)), "\(message)")
                }
                #expect(html.contains("<li><a href=\"#titre\">"))
            }
            var training = [("type", "formation"), ("titre", "Acheter local"), ("resume", "Un atelier."), ("texte", "Contenu."), ("regions", "16"),
                            ("date", "2027-02-30"), ("debut", "9:30"), ("fin", "12:00")]
            try await client.execute(uri: "/gestion/jachete/nouveau", method: .post, headers: editor.formHeaders, body: editor.form(training)) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Date de la formation invalide « 2027-02-30 »"))
                #expect(response.text.contains("Indiquez le lieu de la formation, ou cochez"))
            }
            training = training.filter { $0.0 != "date" && $0.0 != "fin" } + [("date", "2027-02-18"), ("en_ligne", "1"), ("fin", "08:00")]
            try await client.execute(uri: "/gestion/jachete/nouveau", method: .post, headers: editor.formHeaders, body: editor.form(training)) { response in
                #expect(response.text.contains("La formation finit (08:00) avant de commencer (09:30)."))
            }
            let count = try await env.database.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM articles").first()?.decode(column: "n", as: Int.self) }
            #expect(count == 0)

            // Two people edit the same version: the second is told, and the first one's text stays.
            let id = try await Self.create(client, editor, Self.story())
            try await client.execute(uri: "/gestion/jachete/\(id)", method: .post, headers: editor.formHeaders,
                                     body: editor.form(Self.story(title: "Premier changement") + [("version", "1")])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/gestion/jachete/\(id)", method: .post, headers: editor.formHeaders,
                                     body: editor.form(Self.story(title: "Second changement") + [("version", "1")])) { response in
                #expect(response.status == .conflict)
                #expect(response.text.contains(Self.escaped("Quelqu'un a modifié cet article")) && response.text.contains("Second changement"))
            }
            #expect(try await ArticleStore(database: env.database).article(id: id)?.titleFrench == "Premier changement")
            // An earlier version's text comes back into the form; saving it makes a new version.
            try await client.execute(uri: "/gestion/jachete/\(id)?version=1", method: .get, headers: editor.headers) { response in
                #expect(response.text.contains("le texte de la version 1") && response.text.contains("value=\"Longueuil déneige avec une coopérative\""))
            }
            // « Aperçu » shows the rendered text and saves nothing.
            try await client.execute(uri: "/gestion/jachete/\(id)", method: .post, headers: editor.formHeaders,
                                     body: editor.form(Self.story(title: "Titre en aperçu") + [("version", "2"), ("action", "apercu")])) { response in
                #expect(response.status == .ok && response.text.contains("Aperçu (non enregistré)") && response.text.contains("<h3>Le contexte</h3>"))
            }
            #expect(try await ArticleStore(database: env.database).article(id: id)?.titleFrench == "Premier changement")
        }
    }

    @Test("images: PNG, JPEG and WebP recognised from their bytes, with an alternative text; anything else refused; served as uploaded")
    func images() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 64)
            func upload(_ bytes: [UInt8], name: String, type: String, alt: String) async throws -> (HTTPResponse.Status, String) {
                try await client.execute(uri: "/gestion/jachete/images", method: .post, headers: Kit.uploadHeaders(editor),
                                         body: Kit.multipart([("_csrf", editor.csrf), ("alt", alt)], files: [.init(field: "image", fileName: name, type: type, bytes: bytes)])) {
                    ($0.status, $0.text)
                }
            }
            let (missingAlt, text1) = try await upload(png, name: "photo.png", type: "image/png", alt: " ")
            #expect(missingAlt == .badRequest && text1.contains(Self.escaped("Décrivez l'image en quelques mots")))
            let (disguised, text2) = try await upload(Array("<svg onload=alert(1)>".utf8), name: "photo.png", type: "image/png", alt: "Une photo")
            #expect(disguised == .badRequest && text2.contains(Self.escaped("n'est pas une image PNG, JPEG ou WebP")))
            let (ok, text3) = try await upload(png, name: "photo.png", type: "image/png", alt: "Bénévoles au marché")
            #expect(ok == .ok)
            let path = try #require(text3.firstMatch(of: try Regex(#"/jachete/images/[0-9a-f-]+"#)).map { String(text3[$0.range]) })
            #expect(text3.contains("![Bénévoles au marché](\(path))"))
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "image/png")
                #expect(Array(buffer: response.body) == png)
            }
            try await client.execute(uri: "/jachete/images/inconnue", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test("new enterprises are listed by themselves, per region")
    func newEnterprises() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, _ in
            try await client.execute(uri: "/jachete/nouvelles-entreprises?region=16", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Déneigement Rive-Sud") && response.text.contains("Traiteur Saveurs Solidaires"))
                #expect(!response.text.contains("Récup Mauricie"))
            }
            try await client.execute(uri: "/en/jachete/nouvelles-entreprises", method: .get) { #expect($0.text.contains("Récup Mauricie")) }
            try await client.execute(uri: "/jachete", method: .get) { #expect($0.text.contains("Récup Mauricie")) }
            try await client.execute(uri: "/jachete/nouvelles-entreprises?region=42", method: .get) { response in
                #expect(response.status == .badRequest && response.text.contains(Self.escaped("La région « 42 » n'existe pas")))
            }
        }
    }

    @Test("the API lists the published articles with the pages' filters, and gives one with its Markdown and sanitised HTML")
    func api() async throws {
        try await TestApp.run(profiles: Self.profiles) { client, env in
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            let id = try await Self.create(client, editor, Self.story())
            let draft = try await Self.create(client, editor, Self.story(title: "Brouillon invisible"))
            #expect(try await Self.status(client, editor, env, id, [("action", "publier")]) == .seeOther)
            struct List: Decodable { struct Item: Decodable { var slug: String; var type: String; var enterprises: [String]; var collaboration: Story? }
                                     struct Story: Decodable { var amountCents: Int64?; var procedure: String }
                                     var items: [Item] }
            for uri in ["/api/v1/articles", "/api/v1/articles?q=deneigement&region=16&type=collaboration&tag=gr%C3%A9%20%C3%A0%20gr%C3%A9"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    let list = try JSONDecoder().decode(List.self, from: Data(buffer: response.body))
                    #expect(list.items.map(\.slug) == ["longueuil-deneige-avec-une-cooperative"], "\(uri)")
                    #expect(list.items.first?.enterprises.count == 2 && list.items.first?.collaboration?.amountCents == 2_450_000)
                }
            }
            try await client.execute(uri: "/api/v1/articles?region=04", method: .get) { response in
                let list = try JSONDecoder().decode(List.self, from: Data(buffer: response.body))
                #expect(list.items.isEmpty)
            }
            for uri in ["/api/v1/articles?region=99", "/api/v1/articles?type=webinaire", "/api/v1/articles?q=", "/api/v1/articles?tag=%20x",
                        "/api/v1/articles?tag=a%0Ab", "/api/v1/articles?q=x%C2%A0"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .badRequest, "\(uri)") }
            }
            try await client.execute(uri: "/api/v1/articles/longueuil-deneige-avec-une-cooperative", method: .get) { response in
                let article = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
                #expect((article["body"] as? String)?.contains("<script>alert(1)</script>") == true)
                #expect((article["bodyHTML"] as? String)?.contains("&lt;script&gt;") == true && (article["bodyHTML"] as? String)?.contains("<script>") == false)
            }
            let draftSlug = try await Self.slug(env.database, draft)
            try await client.execute(uri: "/api/v1/articles/\(draftSlug)", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test("the demo set comes with three published articles, each saying it is fictional")
    func demoArticles() async throws {
        try await TestApp.run(demo: true) { client, env in
            let articles = try await ArticleStore(database: env.database).all()
            #expect(articles.count == 3 && Set(articles.map(\.kind)) == Set(Article.Kind.allCases))
            for article in articles {
                #expect(article.titleFrench.lowercased().contains("fictif") || article.titleFrench.lowercased().contains("fictive"), "\(article.titleFrench)")
                #expect(article.bodyFrench.contains("Données fictives de démonstration"))
            }
            #expect(articles.first { $0.kind == .collaboration }?.enterpriseIDs.count == 2)
            try await client.execute(uri: "/jachete", method: .get) { response in
                for article in articles { #expect(response.text.contains(Self.escaped(article.titleFrench)), "\(article.titleFrench)") }
            }
            // Writing the demo again adds nothing.
            try await DemoArticles.write(into: env.database)
            #expect(try await ArticleStore(database: env.database).all().count == 3)
        }
    }

    @Test("a revision stored in the first snapshot format still reads")
    func snapshotFormat() throws {
        let stored = """
            {"bodyEnglish":"","bodyFrench":"Texte","collaboration":{"amountCents":2450000,"bought":"Déneigement","municipalityCode":"58227","outcome":"Bien","procedure":"gre-a-gre"},\
            "createdAt":"2026-12-01T14:00:00.000Z","createdBy":null,"enterpriseIDs":["e1","e2"],"format":1,"id":"a1","kind":"collaboration",\
            "publishAt":"2026-12-02T13:00:00.000Z","regions":["16"],"slug":"un-exemple","status":"published","summaryEnglish":"","summaryFrench":"Résumé",\
            "tags":["déneigement"],"titleEnglish":"","titleFrench":"Un exemple","updatedAt":"2026-12-02T13:00:00.000Z","version":3}
            """
        let article = try ArticleSnapshot.decode(stored)
        #expect(article.titleFrench == "Un exemple" && article.version == 3 && article.enterpriseIDs == ["e1", "e2"])
        #expect(article.collaboration?.amountCents == 2_450_000 && article.kind == .collaboration && article.status == .published)
        #expect(try ArticleSnapshot.decode(try ArticleSnapshot.encode(article)) == article)
        #expect(throws: ArticleSnapshot.UnknownFormat.self) { try ArticleSnapshot.decode("{\"format\":2}") }
    }
}

