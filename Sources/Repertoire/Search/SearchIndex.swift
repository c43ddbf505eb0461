import Foundation

/// In-memory French search over the directory's enterprises.
///
/// Thread-safe: searches run concurrently under a read lock; writes take the write lock and
/// are visible to the next search as soon as they return. Bulk builds happen outside the lock
/// and are swapped in, so searches keep being served while `replaceAll` runs.
public final class SearchIndex: @unchecked Sendable {
    private let lock = SearchRWLock()
    private var storage = IndexStorage()
    private let synonyms: CompiledSynonyms
    private let scratchPool = MatchScratchPool()

    public init(synonyms: SynonymTable = .init()) {
        self.synonyms = CompiledSynonyms(synonyms)
    }

    public func replaceAll(_ docs: [SearchDocument]) {
        let built = IndexStorage.build(docs)
        lock.write { storage = built }
    }

    /// Replaces the whole index with what `builder` was given.
    public func replaceAll(_ builder: Builder) {
        builder.storage.finishBulk()
        lock.write { storage = builder.storage }
    }

    /// A bulk build fed a chunk at a time (see ``IndexStorage/bulkAdd(_:)``), for a load that
    /// reads the directory in chunks: each chunk's documents can be freed once added. Fed by one
    /// task at a time, then handed to `replaceAll(_ builder:)`, once.
    public final class Builder: @unchecked Sendable {
        fileprivate let storage = IndexStorage()

        public init() {}

        /// Adds a chunk's documents; an id already added is skipped.
        public func add(_ docs: [SearchDocument]) { storage.bulkAdd(docs) }
    }

    public func upsert(_ doc: SearchDocument) {
        lock.write { storage.upsert(doc) }
    }

    public func remove(id: String) {
        lock.write { storage.remove(id: id) }
    }

    public var count: Int {
        lock.read { storage.aliveCount }
    }

    public func search(_ q: SearchQuery) -> SearchResult {
        lock.read { Self.search(q, storage, synonyms, scratchPool) }
    }

    private static func search(_ q: SearchQuery, _ storage: IndexStorage, _ synonyms: CompiledSynonyms,
                               _ pool: MatchScratchPool) -> SearchResult {
        let plan = QueryPlanner.plan(q.text, storage: storage, synonyms: synonyms)
        let matched = pool.withScratch(storage.docCount) { Matcher.match(plan, storage, $0) }
        let outcome = FacetCounter.count(matched.docs, filters: q.filters, storage, everything: plan.matchesEverything, counted: q.countedFacets)
        let docs = outcome.kept.map { matched.docs[Int($0)] }
        let scores = matched.scores(outcome.kept, storage)

        let tiered = q.sort == .relevance && (!q.rankTiers.isEmpty || !q.demoted.isEmpty)
        let sort: SearchSort = plan.matchesEverything && q.sort == .relevance && !tiered ? .name : q.sort
        let offset = min(max(q.offset, 0), docs.count)
        let limit = min(max(q.limit, 0), docs.count)  // also keeps offset + limit from overflowing
        let ranks = storage.nameRank
        let tiers = tiered ? Self.tiers(q, docs, storage) : []
        let order = sort == .name && docs.count > 4 * (offset + limit) + 64
            ? Self.firstByName(docs, offset + limit, storage)
            : TopK.select(docs.count, k: offset + limit) { i -> RankKey in
            let d = Int(docs[i])
            switch sort {
            case .relevance, .local, .distance:
                guard tiered else { return RankKey(primary: -Double(scores[i]), secondary: ranks[d]) }
                // Each tier further from the place weighs its text score by 0.8 more; equal
                // scores (an empty text) go by tier; demoted documents come after all others.
                let tier = Int(tiers[d])
                if tier > q.rankTiers.count { return RankKey(primary: 1_000_000 - Double(scores[i]), secondary: ranks[d]) }
                return RankKey(primary: -Double(scores[i]) * Self.tierWeights[min(tier, Self.tierWeights.count - 1)] + Double(tier) * 1e-4,
                               secondary: ranks[d])
            case .name: return RankKey(primary: 0, secondary: ranks[d])
            case .verified: return RankKey(primary: -storage.verifiedKeys[d], secondary: ranks[d])
            }
        }
        let terms = Highlighter.Terms(plan.highlightTerms, storage)
        let hits = order.dropFirst(offset).map { i -> SearchHit in
            let doc = storage.documents[Int(docs[i])]
            guard q.highlight else { return SearchHit(id: doc.id, slug: doc.slug, score: Double(scores[i]), nameHighlight: []) }
            let fields = Highlighter.matchedFields(docs[i], terms, storage)
            let snippet = Highlighter.snippet(doc, terms, fields, storage)
            return SearchHit(
                id: doc.id, slug: doc.slug, score: Double(scores[i]),
                nameHighlight: Highlighter.name(doc, terms, fields, storage),
                snippet: snippet?.segments, snippetSource: snippet?.source)
        }
        let suggestions = docs.isEmpty && !plan.words.isEmpty ? Suggester.suggest(plan, .init(storage: storage, filters: q.filters, synonyms: synonyms, pool: pool)) : []
        return SearchResult(total: docs.count, hits: hits, facets: outcome.facets, suggestions: suggestions)
    }

    /// 0.8 to the power of the tier.
    static let tierWeights: [Double] = (0..<16).map { pow(0.8, Double($0)) }

    /// Each document's tier (see ``SearchQuery/rankTiers``): the first tier it has a value of,
    /// `rankTiers.count` when none, one more when demoted.
    private static func tiers(_ q: SearchQuery, _ docs: [UInt32], _ storage: IndexStorage) -> [UInt8] {
        let last = UInt8(min(q.rankTiers.count, 250))
        var tiers = [UInt8](repeating: last, count: storage.docCount)
        for (t, tier) in q.rankTiers.prefix(250).enumerated().reversed() {
            let bits = storage.documents(having: tier)
            for d in docs where bits[Int(d >> 6)] & (1 << UInt64(d & 63)) != 0 { tiers[Int(d)] = UInt8(t) }
        }
        if !q.demoted.isEmpty {
            let bits = storage.documents(having: q.demoted)
            for d in docs where bits[Int(d >> 6)] & (1 << UInt64(d & 63)) != 0 { tiers[Int(d)] = last + 1 }
        }
        return tiers
    }

    /// Which of `keys` have one of `values` (``have(_:ids:)`` for ids already keyed).
    func have(_ values: [SearchFacet: Set<String>], keys: some Sequence<IDKey>) -> Set<IDKey> {
        lock.read {
            let bits = storage.documents(having: values)
            var found = Set<IDKey>()
            for key in keys {
                guard let d = storage.docNumbers[key: key].map(Int.init) else { continue }
                if bits[d >> 6] & (1 << UInt64(d & 63)) != 0 { found.insert(key) }
            }
            return found
        }
    }

    /// Whether each of `ids` has one of `values` (for a badge on result cards).
    public func have(_ values: [SearchFacet: Set<String>], ids: [String]) -> Set<String> {
        lock.read {
            let bits = storage.documents(having: values)
            return Set(ids.filter { id in
                guard let d = storage.docNumbers[id].map(Int.init) else { return false }
                return bits[d >> 6] & (1 << UInt64(d & 63)) != 0
            })
        }
    }

    /// Positions (into `docs`) of the first `k` documents in name order, walking the presorted
    /// name order instead of ranking every match: for large result sets (an empty query) the
    /// first page is found within the first few hundred names.
    private static func firstByName(_ docs: [UInt32], _ k: Int, _ storage: IndexStorage) -> [Int] {
        guard k > 0 else { return [] }
        // Position + 1 of each listed document, 0 elsewhere.
        var position = [UInt32](repeating: 0, count: storage.docCount)
        for (i, d) in docs.enumerated() { position[Int(d)] = UInt32(i + 1) }
        var out: [Int] = []
        out.reserveCapacity(k)
        for d in storage.byName {
            let p = position[Int(d)]
            if p != 0 {
                out.append(Int(p - 1))
                if out.count == k { break }
            }
        }
        return out
    }
}
