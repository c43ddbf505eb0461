import Foundation
import SQLKit

/// An image uploaded for the hub's articles.
public struct ArticleImage: Sendable, Equatable {
    public var id: String
    public var contentType: String
    public var bytes: [UInt8]
    public var alt: String
    public var createdAt: Date
}

/// The hub's articles, their enterprises, revisions and images. Every write of an article is one
/// transaction with its revision, its audit line and its change-log entry (entity `article`, read
/// by ``ArticleCatalog`` on every instance); who may write is ``ArticleService``'s business.
public struct ArticleStore: Sendable {
    public let database: Database
    /// The change log's entity for articles.
    static let entity = "article"

    public init(database: Database) {
        self.database = database
    }

    static let columns = "id, slug, kind, status, title_fr, summary_fr, body_fr, title_en, summary_en, body_en, regions, tags, publish_at, starts_at, details, version, created_by, created_at, updated_at"

    // MARK: Reads

    public func article(id: String) async throws -> Article? {
        try await database.read { sql in
            guard let row = try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM articles WHERE id = \(bind: id)").first() else { return nil }
            return try await Self.withEnterprises([try Self.decode(row)], on: sql).first
        }
    }

    /// Every article (a few thousand at most), with their enterprises: the catalog's load.
    public func all() async throws -> [Article] {
        try await database.read { sql in
            let articles = try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM articles ORDER BY created_at, id").all().map(Self.decode)
            return try await Self.withEnterprises(articles, on: sql)
        }
    }

    /// The articles with these ids (the ones the change log names), with their enterprises.
    public func articles(ids: [String]) async throws -> [Article] {
        guard !ids.isEmpty else { return [] }
        return try await database.read { sql in
            var articles: [Article] = []
            for chunk in ids.chunked(by: 500) {
                articles += try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM articles WHERE id IN (\(binds: Array(chunk)))").all().map(Self.decode)
            }
            return try await Self.withEnterprises(articles, on: sql)
        }
    }

    public func slugExists(_ slug: String) async throws -> Bool {
        try await database.read { sql in
            try await sql.raw("SELECT id FROM articles WHERE slug = \(bind: slug)").first() != nil
        }
    }

    public func revisions(of id: String) async throws -> [ArticleRevision] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT version, action, snapshot, author_name, recorded_at FROM article_revisions
                WHERE article_id = \(bind: id) ORDER BY version DESC
                """).all().map { row in
                ArticleRevision(version: try row.decode(column: "version", as: Int.self),
                                action: try row.decode(column: "action", as: String.self),
                                article: try ArticleSnapshot.decode(try row.decode(column: "snapshot", as: String.self)),
                                authorName: try row.decode(column: "author_name", as: String.self),
                                recordedAt: Timestamp.date(from: try row.decode(column: "recorded_at", as: String.self)) ?? .distantPast)
            }
        }
    }

    public func image(id: String) async throws -> ArticleImage? {
        try await database.read { sql in
            guard let row = try await sql.raw("SELECT id, content_type, bytes, alt, created_at FROM article_images WHERE id = \(bind: id)").first() else { return nil }
            return ArticleImage(id: try row.decode(column: "id", as: String.self), contentType: try row.decode(column: "content_type", as: String.self),
                                bytes: Array(try row.decode(column: "bytes", as: Data.self)), alt: try row.decode(column: "alt", as: String.self),
                                createdAt: Timestamp.date(from: try row.decode(column: "created_at", as: String.self)) ?? .distantPast)
        }
    }

    // MARK: Writes: each one transaction, with its revision, audit line and change-log entry

    public func create(_ article: Article, author: User?, client: String) async throws {
        try await database.loggedUnitOfWork(now: article.createdAt) { work, log in
            try await Self.insert(article, on: work.sql)
            try await Self.setEnterprises(article, on: work.sql)
            try await log.record([(article.id, "create", article.version)], entity: Self.entity, at: work.now)
            try await Self.revise(article, action: "created", author: author, now: work.now, on: work.sql)
            try await work.audit(.articleCreated, actor: author, target: article.id, detail: Self.summary(article), client: client)
        }
    }

    /// Writes the next version when the stored one is still `expectedVersion`; false when
    /// someone else changed the article meanwhile. `action` names the change in the history
    /// (`updated`, `published`, `scheduled`, `archived`, `unpublished`).
    public func update(_ article: Article, expectedVersion: Int, action: String, author: User, client: String, now: Date = Date()) async throws -> Bool {
        try await database.loggedUnitOfWork(now: now) { work, log in
            var next = article
            next.version = expectedVersion + 1
            next.updatedAt = now
            let changed = try await work.sql.raw("""
                UPDATE articles SET slug = \(bind: next.slug), kind = \(bind: next.kind.rawValue), status = \(bind: next.status.rawValue),
                    title_fr = \(bind: next.titleFrench), summary_fr = \(bind: next.summaryFrench), body_fr = \(bind: next.bodyFrench),
                    title_en = \(bind: next.titleEnglish), summary_en = \(bind: next.summaryEnglish), body_en = \(bind: next.bodyEnglish),
                    regions = \(bind: Self.list(next.regions)), tags = \(bind: Self.list(next.tags)),
                    publish_at = \(bind: next.publishAt.map(Timestamp.string(from:))), starts_at = \(bind: next.training.map { Timestamp.string(from: $0.startsAt) }),
                    details = \(bind: try Self.details(next)), version = \(bind: next.version), updated_at = \(bind: Timestamp.string(from: now))
                WHERE id = \(bind: next.id) AND version = \(bind: expectedVersion) RETURNING id
                """).all().count
            guard changed == 1 else { return false }
            try await work.sql.raw("DELETE FROM article_enterprises WHERE article_id = \(bind: next.id)").run()
            try await Self.setEnterprises(next, on: work.sql)
            try await log.record([(next.id, action, next.version)], entity: Self.entity, at: now)
            try await Self.revise(next, action: action, author: author, now: now, on: work.sql)
            let audit: AuditLog.Action = switch action {
            case "published", "scheduled": .articlePublished
            case "archived": .articleArchived
            default: .articleUpdated
            }
            try await work.audit(audit, actor: author, target: next.id, detail: "\(action) · " + Self.summary(next), client: client)
            return true
        }
    }

    public func addImage(_ image: ArticleImage, author: User, client: String) async throws {
        try await database.unitOfWork(now: image.createdAt) { work in
            try await work.sql.raw("""
                INSERT INTO article_images (id, content_type, bytes, alt, created_by, created_at)
                VALUES (\(bind: image.id), \(bind: image.contentType), \(bind: Data(image.bytes)), \(bind: image.alt), \(bind: author.id),
                        \(bind: Timestamp.string(from: image.createdAt)))
                """).run()
            try await work.audit(.articleImageUploaded, actor: author, target: image.id, detail: "\(image.contentType), \(image.bytes.count) octets", client: client)
        }
    }

    // MARK: Rows

    private static func list(_ values: [String]) -> String { values.joined(separator: "\n") }

    private static func split(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    private struct Details: Codable {
        var training: Article.Training?
        var collaboration: Article.Collaboration?
    }

    private static func details(_ article: Article) throws -> String {
        try StoredJSON.text(Details(training: article.training, collaboration: article.collaboration))
    }

    static func insert(_ a: Article, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO articles (\(unsafeRaw: columns)) VALUES (
                \(bind: a.id), \(bind: a.slug), \(bind: a.kind.rawValue), \(bind: a.status.rawValue), \(bind: a.titleFrench), \(bind: a.summaryFrench),
                \(bind: a.bodyFrench), \(bind: a.titleEnglish), \(bind: a.summaryEnglish), \(bind: a.bodyEnglish), \(bind: list(a.regions)),
                \(bind: list(a.tags)), \(bind: a.publishAt.map(Timestamp.string(from:))), \(bind: a.training.map { Timestamp.string(from: $0.startsAt) }),
                \(bind: try details(a)), \(bind: a.version), \(bind: a.createdBy), \(bind: Timestamp.string(from: a.createdAt)),
                \(bind: Timestamp.string(from: a.updatedAt)))
            """).run()
    }

    private static func setEnterprises(_ article: Article, on sql: any SQLDatabase) async throws {
        for (position, id) in article.enterpriseIDs.enumerated() {
            try await sql.raw("""
                INSERT INTO article_enterprises (article_id, enterprise_id, position) VALUES (\(bind: article.id), \(bind: id), \(bind: position))
                """).run()
        }
    }

    private static func withEnterprises(_ articles: [Article], on sql: any SQLDatabase) async throws -> [Article] {
        guard !articles.isEmpty else { return [] }
        var byArticle: [String: [(Int, String)]] = [:]
        for chunk in articles.map(\.id).chunked(by: 500) {
            for row in try await sql.raw("""
                SELECT article_id, enterprise_id, position FROM article_enterprises WHERE article_id IN (\(binds: Array(chunk)))
                """).all() {
                byArticle[try row.decode(column: "article_id", as: String.self), default: []]
                    .append((try row.decode(column: "position", as: Int.self), try row.decode(column: "enterprise_id", as: String.self)))
            }
        }
        return articles.map { article in
            var article = article
            article.enterpriseIDs = (byArticle[article.id] ?? []).sorted { $0.0 < $1.0 }.map(\.1)
            return article
        }
    }

    static func revise(_ article: Article, action: String, author: User?, now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO article_revisions (article_id, version, action, snapshot, author_id, author_name, recorded_at)
            VALUES (\(bind: article.id), \(bind: article.version), \(bind: action), \(bind: try ArticleSnapshot.encode(article)), \(bind: author?.id),
                    \(bind: author?.label ?? "système"), \(bind: Timestamp.string(from: now)))
            """).run()
    }

    private static func summary(_ a: Article) -> String {
        "\(a.kind.rawValue) · \(a.titleFrench) · \(a.regions.joined(separator: ","))"
    }

    static func decode(_ row: any SQLRow) throws -> Article {
        let details = try StoredJSON.value(Details.self, from: try row.decode(column: "details", as: String.self))
        return Article(
            id: try row.decode(column: "id", as: String.self),
            slug: try row.decode(column: "slug", as: String.self),
            kind: Article.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .news,
            status: Article.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft,
            titleFrench: try row.decode(column: "title_fr", as: String.self),
            summaryFrench: try row.decode(column: "summary_fr", as: String.self),
            bodyFrench: try row.decode(column: "body_fr", as: String.self),
            titleEnglish: try row.decode(column: "title_en", as: String.self),
            summaryEnglish: try row.decode(column: "summary_en", as: String.self),
            bodyEnglish: try row.decode(column: "body_en", as: String.self),
            regions: split(try row.decode(column: "regions", as: String.self)),
            tags: split(try row.decode(column: "tags", as: String.self)),
            publishAt: try row.decode(column: "publish_at", as: String?.self).flatMap(Timestamp.date(from:)),
            training: details.training, collaboration: details.collaboration, enterpriseIDs: [],
            version: try row.decode(column: "version", as: Int.self),
            createdBy: try row.decode(column: "created_by", as: String?.self),
            createdAt: Timestamp.date(from: try row.decode(column: "created_at", as: String.self)) ?? .distantPast,
            updatedAt: Timestamp.date(from: try row.decode(column: "updated_at", as: String.self)) ?? .distantPast)
    }
}

/// The stored form of an article in its revisions: a format of its own (not ``Article``'s
/// `Codable`), numbered, so that changing the domain type never breaks the history pages. A
/// new format gets a new struct and a case in ``decode(_:)``; old snapshots stay readable.
enum ArticleSnapshot {
    static let format = 1

    private struct Training: Codable {
        var startsAt: String, endsAt: String, online: Bool, place: String, audience: String, registrationURL: String
        /// Added after the first snapshots: absent from theirs.
        var capacity: Int?
    }

    private struct Collaboration: Codable {
        var municipalityCode: String, bought: String, procedure: String, amountCents: Int64?, outcome: String
    }

    private struct V1: Codable {
        var format: Int
        var id: String, slug: String, kind: String, status: String
        var titleFrench: String, summaryFrench: String, bodyFrench: String
        var titleEnglish: String, summaryEnglish: String, bodyEnglish: String
        var regions: [String], tags: [String]
        var publishAt: String?
        var training: Training?
        var collaboration: Collaboration?
        var enterpriseIDs: [String]
        var version: Int
        var createdBy: String?
        var createdAt: String, updatedAt: String
    }

    private struct Header: Codable { var format: Int }

    static func encode(_ a: Article) throws -> String {
        let stamp = Timestamp.string(from:)
        let v1 = V1(format: format, id: a.id, slug: a.slug, kind: a.kind.rawValue, status: a.status.rawValue,
                    titleFrench: a.titleFrench, summaryFrench: a.summaryFrench, bodyFrench: a.bodyFrench,
                    titleEnglish: a.titleEnglish, summaryEnglish: a.summaryEnglish, bodyEnglish: a.bodyEnglish,
                    regions: a.regions, tags: a.tags, publishAt: a.publishAt.map(stamp),
                    training: a.training.map { Training(startsAt: stamp($0.startsAt), endsAt: stamp($0.endsAt), online: $0.online, place: $0.place,
                                                        audience: $0.audience, registrationURL: $0.registrationURL, capacity: $0.capacity) },
                    collaboration: a.collaboration.map { Collaboration(municipalityCode: $0.municipalityCode, bought: $0.bought, procedure: $0.procedure,
                                                                       amountCents: $0.amountCents, outcome: $0.outcome) },
                    enterpriseIDs: a.enterpriseIDs, version: a.version, createdBy: a.createdBy, createdAt: stamp(a.createdAt), updatedAt: stamp(a.updatedAt))
        return try StoredJSON.text(v1)
    }

    struct UnknownFormat: Error { var format: Int }

    static func decode(_ text: String) throws -> Article {
        let data = Data(text.utf8)
        let header = try JSONDecoder().decode(Header.self, from: data)
        guard header.format == 1 else { throw UnknownFormat(format: header.format) }
        let v = try JSONDecoder().decode(V1.self, from: data)
        let date = { (text: String) in Timestamp.date(from: text) ?? .distantPast }
        return Article(
            id: v.id, slug: v.slug, kind: Article.Kind(rawValue: v.kind) ?? .news, status: Article.Status(rawValue: v.status) ?? .draft,
            titleFrench: v.titleFrench, summaryFrench: v.summaryFrench, bodyFrench: v.bodyFrench,
            titleEnglish: v.titleEnglish, summaryEnglish: v.summaryEnglish, bodyEnglish: v.bodyEnglish,
            regions: v.regions, tags: v.tags, publishAt: v.publishAt.flatMap(Timestamp.date(from:)),
            training: v.training.map { Article.Training(startsAt: date($0.startsAt), endsAt: date($0.endsAt), online: $0.online, place: $0.place,
                                                        audience: $0.audience, registrationURL: $0.registrationURL, capacity: $0.capacity) },
            collaboration: v.collaboration.map { Article.Collaboration(municipalityCode: $0.municipalityCode, bought: $0.bought, procedure: $0.procedure,
                                                                       amountCents: $0.amountCents, outcome: $0.outcome) },
            enterpriseIDs: v.enterpriseIDs, version: v.version, createdBy: v.createdBy, createdAt: date(v.createdAt), updatedAt: date(v.updatedAt))
    }
}
