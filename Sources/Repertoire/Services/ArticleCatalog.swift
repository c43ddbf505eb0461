import Foundation
import Synchronization

/// The hub's articles held in memory with their own search index (the directory's French engine),
/// kept current the way the enterprise index is: every write of an article appends to the store's
/// change log (entity `article`), and each read first looks at the log's last number and, when
/// it moved, reloads only the articles written since, whichever instance wrote them.
final class ArticleCatalog: Sendable {
    struct Snapshot: Sendable {
        var seq: Int64
        var articles: [String: Article] = [:]
        var bySlug: [String: String] = [:]
    }

    private let database: Database
    private let index: SearchIndex
    private let state = Mutex<Snapshot?>(nil)
    private let loading = AsyncLock()
    /// The new enterprises, per region and length, as of a state of the directory: kept until
    /// the directory changes or for ten minutes (the months' window moves with the clock).
    let newEnterprises = Mutex<[String: (sequence: Int64, at: Date, list: [ArticleService.NewEnterprise])]>([:])

    init(database: Database, synonyms: SynonymTable = .init()) {
        self.database = database
        self.index = SearchIndex(synonyms: synonyms)
    }

    /// The articles as of now: unchanged, brought up to date, or loaded.
    func current() async throws -> Snapshot {
        let seq = try await database.read { sql in try await ChangeLog.lastSeq(on: sql) }
        if let snapshot = state.withLock({ $0 }), snapshot.seq == seq { return snapshot }
        return try await loading.withLock {
            let cached = self.state.withLock { $0 }
            if let cached, cached.seq >= seq { return cached }
            let snapshot = try await self.refresh(cached)
            self.state.withLock { $0 = snapshot }
            return snapshot
        }
    }

    private func refresh(_ cached: Snapshot?) async throws -> Snapshot {
        let store = ArticleStore(database: database)
        guard var snapshot = cached else {
            let seq = try await database.read { sql in try await ChangeLog.lastSeq(on: sql) }
            var snapshot = Snapshot(seq: seq)
            let articles = try await store.all()
            for article in articles { snapshot.put(article) }
            index.replaceAll(articles.filter(Self.isIndexed).map(Self.document))
            return snapshot
        }
        let since = snapshot.seq
        let (ids, seq) = try await database.read { sql in try await ChangeLog.changes(of: ArticleStore.entity, after: since, on: sql) }
        for article in try await store.articles(ids: Array(ids)) {
            snapshot.put(article)
            if Self.isIndexed(article) { index.upsert(Self.document(article)) } else { index.remove(id: article.id) }
        }
        snapshot.seq = seq
        return snapshot
    }

    /// Published articles are searchable (scheduled ones are found once their time comes: the
    /// search filters by the moment of the request).
    private static func isIndexed(_ article: Article) -> Bool { article.status == .published }

    private static func document(_ article: Article) -> SearchDocument {
        SearchDocument(
            id: article.id, slug: article.slug, name: article.titleFrench,
            otherNames: article.titleEnglish.isEmpty ? [] : [article.titleEnglish],
            sectorNames: article.tags,
            description: [article.summaryFrench, ArticleMarkdown.plainText(article.bodyFrench), article.summaryEnglish,
                          ArticleMarkdown.plainText(article.bodyEnglish), article.collaboration?.bought ?? "", article.collaboration?.outcome ?? "",
                          article.training?.audience ?? ""]
                .filter { !$0.isEmpty }.joined(separator: " "),
            createdAt: article.publishAt ?? article.createdAt)
    }

    /// The ids of the indexed articles matching the words, best first.
    func search(_ text: String, limit: Int = 500) -> [(id: String, title: [HighlightSegment], snippet: [HighlightSegment]?)] {
        var query = SearchQuery(text: text, sort: .relevance, limit: limit)
        query.countedFacets = []
        let result = index.search(query)
        return result.hits.map { ($0.id, $0.nameHighlight, $0.snippet) }
    }
}

extension ArticleCatalog.Snapshot {
    mutating func put(_ article: Article) {
        if let old = articles[article.id], old.slug != article.slug { bySlug[old.slug] = nil }
        articles[article.id] = article
        bySlug[article.slug] = article.id
    }

    func article(slug: String) -> Article? { bySlug[slug].flatMap { articles[$0] } }
}
