import Foundation
import Hummingbird

/// `/api/v1/articles`: the J'achète hub's published articles, open to anyone like the pages:
/// filters `q` (the French engine), `region`, `type` (formation, collaboration, nouvelle) and
/// `tag`; and one article with its Markdown and its sanitised HTML.
struct ArticlesAPIController: Sendable {
    let articles: ArticleService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("articles", use: list)
        group.get("articles/:slug", use: one)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = FormQuery.parameters(request)
        var filter = ArticleService.Filter()
        for (name, value) in parameters where ["q", "region", "type", "tag"].contains(name) {
            if !Self.isSingleTrimmedLine(value) {
                throw Problem(.badRequest, title: "Paramètre invalide", detail: "Paramètre « \(name) » : vide, entouré d'espaces ou sur plusieurs lignes ; donnez une valeur d'une ligne ou omettez-le.",
                              english: "Parameter '\(name)': empty, surrounded by spaces or on several lines; give a one-line value or leave it out.")
            }
            let limit = name == "tag" ? Article.maxTagLength : 200
            if value.count > limit {
                throw Problem(.badRequest, title: "Paramètre trop long", detail: "Paramètre « \(name) » : \(value.count) caractères, \(limit) au plus.",
                              english: "Parameter '\(name)': \(value.count) characters, at most \(limit).")
            }
            switch name {
            case "q": filter.text = value
            case "region":
                guard Region.find(value) != nil else {
                    throw Problem(.badRequest, title: "Région inconnue", detail: "Paramètre « region » : « \(value) » n'est pas un code de 01 à 17.",
                                  english: "Parameter 'region': '\(value)' is not a code from 01 to 17.")
                }
                filter.region = value
            case "type":
                guard let kind = Article.Kind(rawValue: value) else {
                    throw Problem(.badRequest, title: "Type inconnu", detail: "Paramètre « type » : « \(value) » n'est pas formation, collaboration ou nouvelle.",
                                  english: "Parameter 'type': '\(value)' is not formation, collaboration or nouvelle.")
                }
                filter.kind = kind
            default: filter.tag = value
            }
        }
        let found = try await articles.published(filter)
        return try JSONCoding.response(ArticleListDTO(items: found.map { ArticleDTO($0.article, articles: articles, full: false) }),
                                       headers: [.cacheControl: "public, max-age=60"])
    }

    /// What the schema's `^\S(.*\S)?$` accepts (JavaScript's regular expressions): no space at
    /// either end, no line break anywhere.
    static func isSingleTrimmedLine(_ value: String) -> Bool {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            ["\t", "\n", "\u{0B}", "\u{0C}", "\r", " ", "\u{A0}", "\u{FEFF}", "\u{2028}", "\u{2029}"].contains(scalar)
                || scalar.properties.generalCategory == .spaceSeparator
        }
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last, !isSpace(first), !isSpace(last) else { return false }
        return !value.unicodeScalars.contains { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }

    @Sendable func one(_ request: Request, context: AppRequestContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        guard let article = try await articles.readable(slug: slug) else { throw Problem.notFound("Cet article") }
        return try JSONCoding.response(ArticleDTO(article, articles: articles, full: true), headers: [.cacheControl: "public, max-age=60"])
    }
}

struct ArticleListDTO: Encodable, Sendable {
    var items: [ArticleDTO]
}

struct ArticleDTO: Encodable, Sendable {
    struct TrainingDTO: Encodable, Sendable {
        var startsAt: Date
        var endsAt: Date
        var online: Bool
        var place: String
        var audience: String
        var registrationURL: String?
        var capacity: Int?
    }

    struct CollaborationDTO: Encodable, Sendable {
        var municipality: ReferenceDTO
        var bought: String
        var procedure: String
        var amountCents: Int64?
        var outcome: String
    }

    var slug: String
    var type: String
    var state: String
    var title: String
    var summary: String
    var titleEnglish: String?
    var summaryEnglish: String?
    var url: String
    var regions: [String]
    var tags: [String]
    var publishedAt: Date?
    var updatedAt: Date
    var enterprises: [String]
    var training: TrainingDTO?
    var collaboration: CollaborationDTO?
    /// One article only: its Markdown and the HTML the page shows.
    var body: String?
    var bodyHTML: String?
    var bodyEnglish: String?

    init(_ article: Article, articles: ArticleService, full: Bool) {
        slug = article.slug
        type = article.kind.rawValue
        state = article.state(at: Date()).rawValue
        title = article.titleFrench
        summary = article.summaryFrench
        titleEnglish = article.titleEnglish.isEmpty ? nil : article.titleEnglish
        summaryEnglish = article.titleEnglish.isEmpty ? nil : article.summaryEnglish
        url = articles.baseURL + Route.hubArticle.path(article.slug)
        regions = article.regions
        tags = article.tags
        publishedAt = article.publishAt
        updatedAt = article.updatedAt
        enterprises = articles.directory.summaries(ids: article.enterpriseIDs).map(\.slug)
        training = article.training.map {
            TrainingDTO(startsAt: $0.startsAt, endsAt: $0.endsAt, online: $0.online, place: $0.place, audience: $0.audience,
                        registrationURL: $0.registrationURL.isEmpty ? nil : $0.registrationURL, capacity: $0.capacity)
        }
        collaboration = article.collaboration.map { story in
            CollaborationDTO(municipality: ReferenceDTO(code: story.municipalityCode,
                                                        name: articles.directory.catalog.municipality(code: story.municipalityCode)?.name ?? story.municipalityCode),
                             bought: story.bought, procedure: story.procedure, amountCents: story.amountCents, outcome: story.outcome)
        }
        if full {
            body = article.bodyFrench
            bodyHTML = ArticleMarkdown.html(article.bodyFrench).renderText
            bodyEnglish = article.bodyEnglish.isEmpty ? nil : article.bodyEnglish
        }
    }
}
