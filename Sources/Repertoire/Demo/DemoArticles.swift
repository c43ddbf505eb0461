import Foundation
import SQLKit

/// Three fictional articles of the J'achète hub for the demo: a collaboration story about two
/// demo enterprises of the Montérégie, a training three weeks ahead and a news item. Each says it
/// is fictional in its title and its text; they are published when the demo set is written.
enum DemoArticles {
    static let notice = "*Données fictives de démonstration : cet article, la municipalité qui y achète et les entreprises nommées n'existent pas sous cette forme.*"

    static func make(enterpriseIDs: [String], now: Date) -> [Article] {
        func article(_ number: Int, _ kind: Article.Kind, _ slug: String, _ title: String, _ summary: String, _ body: String, regions: [String], tags: [String]) -> Article {
            let at = now.addingTimeInterval(Double(number - 3) * 3600)
            return Article(id: "demo-article-\(number)", slug: slug, kind: kind, status: .published, titleFrench: title, summaryFrench: summary,
                           bodyFrench: body + "\n\n" + notice, titleEnglish: "", summaryEnglish: "", bodyEnglish: "", regions: regions, tags: tags,
                           publishAt: at, training: nil, collaboration: nil, enterpriseIDs: [], version: 1, createdBy: nil, createdAt: at, updatedAt: at)
        }
        var story = article(1, .collaboration, "exemple-fictif-boucherville-entretien-des-parcs",
                            "Exemple fictif — Boucherville confie l'entretien de ses parcs à une coopérative",
                            "Un contrat de gré à gré pour la tonte et l'entretien de douze parcs, confié à des entreprises d'économie sociale de la Montérégie.",
                            "# Le besoin\n\nLa Ville cherchait un fournisseur local pour la tonte et l'entretien de ses parcs de quartier.\n\n"
                                + "# La démarche\n\n- un appel d'intérêt envoyé aux entreprises de la région ;\n- deux réponses intéressées ;\n"
                                + "- un contrat de **gré à gré**, sous le seuil de la demande de prix.",
                            regions: ["16"], tags: ["entretien des parcs", "gré à gré"])
        story.enterpriseIDs = Array(enterpriseIDs.prefix(2))
        story.collaboration = Article.Collaboration(municipalityCode: "58033", bought: "Tonte et entretien de douze parcs, saison 2026",
                                                    procedure: PurchaseContract.Procedure.mutualAgreement.rawValue, amountCents: 2_280_000,
                                                    outcome: "Six emplois d'insertion pendant la saison ; 98 % des interventions faites dans la semaine prévue.")
        var training = article(2, .training, "formation-fictive-acheter-aupres-de-l-economie-sociale",
                               "Formation fictive — Acheter auprès de l'économie sociale : le gré à gré",
                               "Deux heures pour connaître les seuils, les règles du gré à gré et les entreprises de votre région.",
                               "# Au programme\n\n1. Les seuils des contrats municipaux\n2. Le gré à gré et la rotation des fournisseurs\n3. Trouver les entreprises dans Répertoire",
                               regions: ["16"], tags: ["formation", "gré à gré"])
        let start = Calendar(identifier: .gregorian).date(byAdding: .day, value: 21, to: now) ?? now
        let day = QuebecTime.day(from: start)
        training.training = Article.Training(startsAt: QuebecTime.moment(day: day, time: "09:30") ?? start, endsAt: QuebecTime.moment(day: day, time: "11:30") ?? start,
                                             online: true, place: "Visioconférence", audience: "Acheteurs et responsables de l'approvisionnement municipaux",
                                             registrationURL: "", capacity: 30)
        let news = article(3, .news, "nouvelle-fictive-le-repertoire-ouvre-son-coin-j-achete",
                           "Nouvelle fictive — Le répertoire ouvre son coin J'achète!",
                           "Formations, exemples de collaboration et nouvelles entreprises, réunis pour les acheteurs municipaux.",
                           "Les pôles régionaux y publient leurs formations et les exemples de collaboration de leurs villes ; les nouvelles entreprises du répertoire y paraissent d'elles-mêmes.",
                           regions: [], tags: ["répertoire"])
        return [story, training, news]
    }

    /// Writes them (with their first revision) unless the database already has articles.
    static func write(into database: Database, now: Date = Date()) async throws {
        let store = ArticleStore(database: database)
        guard try await store.all().isEmpty else { return }
        let ids = try await database.read { sql in
            try await sql.raw("""
                SELECT id FROM enterprises WHERE archived_at IS NULL AND region_code = '16' AND status = 'active' ORDER BY name, id LIMIT 2
                """).all().map { try $0.decode(column: "id", as: String.self) }
        }
        for article in make(enterpriseIDs: ids, now: now) {
            try await store.create(article, author: nil, client: "demo")
        }
    }
}
