import Foundation
import Logging
import Synchronization

/// The directory as the rest of the app sees it: searching (through the in-memory index),
/// reading and writing enterprises (through the store, with the domain's validation), and
/// keeping the index in step with the store's change log.
public final class DirectoryService: Sendable {
    public let enterprises: EnterpriseStore
    public let references: ReferenceStore
    let index: SearchIndex
    /// Coordinates for the map (exact, or approximate from an enterprise's area).
    public let positions = PositionTable()
    private let logger: Logger
    private let state = Mutex(State())
    /// Catch-ups run one at a time, so changes are applied in order.
    private let followLock = AsyncLock()
    /// The home and about pages' figures, kept until the next write is followed.
    private let overviewCache = Mutex<(sequence: Int64, overview: Overview)?>(nil)

    private struct State {
        var summaries = SummaryTable()
        var catalog = MunicipalityCatalog([]) {
            didSet { interpreter = QueryInterpreter(catalog: catalog) }
        }
        var interpreter = QueryInterpreter(catalog: MunicipalityCatalog([]))
        /// Per postal-code FSA, how many enterprises of each municipality have it: the
        /// municipalities a postal code typed in a search stands for.
        var postalAreas: [String: [String: Int]] = [:]
        var sequence: Int64 = 0

        mutating func setSummary(_ summary: EnterpriseSummary?, id: String) {
            if let old = summaries[id] { count(old, -1) }
            summaries[id] = summary
            if let summary { count(summary, 1) }
        }

        mutating func count(_ summary: EnterpriseSummary, _ delta: Int) {
            guard let postalCode = summary.postalCode, let municipality = summary.municipalityCode else { return }
            let fsa = String(postalCode.filter { !$0.isWhitespace }.prefix(3)).uppercased()
            guard fsa.count == 3 else { return }
            let count = (postalAreas[fsa]?[municipality] ?? 0) + delta
            postalAreas[fsa, default: [:]][municipality] = count > 0 ? count : nil
            if postalAreas[fsa]?.isEmpty == true { postalAreas[fsa] = nil }
        }

        /// The municipalities of the FSAs a text holds (the one with most enterprises first).
        func postalMunicipalities(for text: String) -> [String: [String]] {
            var out: [String: [String]] = [:]
            for word in QueryInterpreter.words(text) where word.count == 3 || word.count == 6 {
                let fsa = String(word.prefix(3)).uppercased()
                guard out[fsa] == nil, let area = postalAreas[fsa] else { continue }
                out[fsa] = area.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
            }
            return out
        }
    }

    public init(database: Database, synonyms: SynonymTable = SynonymTable(), logger: Logger) {
        enterprises = EnterpriseStore(database: database)
        references = ReferenceStore(database: database)
        index = SearchIndex(synonyms: synonyms)
        self.logger = logger
    }

    // MARK: Index

    /// Builds the index from a snapshot of the store.
    public func loadIndex() async throws {
        try await followLock.withLock { [self] in
            let catalog = try await references.catalog()
            let started = ContinuousClock.now
            let positionsLoading = PositionTable.Loading()
            let builder = SearchIndex.Builder()
            // Full records are read a chunk at a time and reduced at once to what is kept: the
            // index takes each chunk's documents (which then go), the summaries are kept.
            let (chunks, sequence) = try await enterprises.snapshot { chunk in
                positionsLoading.add(chunk)
                builder.add(chunk.map { SearchDocument($0, catalog: catalog) })
                return EnterpriseSummary.chunk(chunk) { $0.profile.municipalityCode.flatMap(catalog.municipality(code:))?.name }
            }
            let loaded = ContinuousClock.now
            let count = chunks.reduce(0) { $0 + $1.count }
            var summaries = SummaryTable()
            summaries.reserveCapacity(count)
            for chunk in chunks {
                for summary in chunk where summaries[summary.id] == nil { summaries[summary.id] = summary }
            }
            index.replaceAll(builder)
            positions.replaceAll(positionsLoading)
            state.withLock {
                $0.summaries = summaries
                $0.postalAreas = [:]
                for summary in summaries.values { $0.count(summary, 1) }
                $0.catalog = catalog
                $0.sequence = sequence
            }
            logger.info("search index built", metadata: [
                "enterprises": "\(count)", "sequence": "\(sequence)",
                "load": "\(loaded - started)", "index": "\(ContinuousClock.now - loaded)",
            ])
        }
        // Only now are the documents and the build's scratch freed: give that memory back, or
        // the process keeps the load's peak resident.
        Malloc.releaseFreeMemory()
    }

    /// Applies every change recorded since the last one seen. Called after each write made here
    /// (so it is searchable when the write returns) and periodically for other instances' writes.
    public func catchUp() async throws {
        try await followLock.withLock { [self] in
            while true {
                let since = state.withLock { $0.sequence }
                let changes = try await enterprises.changes(after: since, limit: 2_000)
                guard let last = changes.last else { return }
                if changes.contains(where: { $0.entity == "municipalities" }) {
                    let catalog = try await references.catalog()
                    state.withLock { $0.catalog = catalog }
                }
                let ids = Array(Set(changes.filter { $0.entity == "enterprise" }.map(\.entityID)))
                let loaded = try await enterprises.load(ids: ids)
                let catalog = state.withLock { $0.catalog }
                var present = Set<String>()
                for enterprise in loaded where !enterprise.isArchived {
                    present.insert(enterprise.id)
                    index.upsert(SearchDocument(enterprise, catalog: catalog))
                }
                for id in ids where !present.contains(id) { index.remove(id: id) }
                positions.update(loaded, ids: ids)
                state.withLock { state in
                    for enterprise in loaded {
                        state.setSummary(enterprise.isArchived ? nil : EnterpriseSummary(
                            enterprise, municipalityName: enterprise.profile.municipalityCode.flatMap(catalog.municipality(code:))?.name),
                            id: enterprise.id)
                    }
                    for id in ids where !present.contains(id) { state.setSummary(nil, id: id) }
                    state.sequence = last.sequence
                }
            }
        }
    }

    public var indexedCount: Int { index.count }
    public var sequence: Int64 { state.withLock { $0.sequence } }

    // MARK: Reading

    /// A page of results. A place named in the text becomes a place filter (unless the query
    /// says `everywhere`): the page's query is then the one applied, with the place as a filter
    /// and the rest of the words as text. `localTo`: the signed-in buyer's municipality, for the
    /// local sort and the "serves your municipality" badge.
    public func search(_ query: DirectoryQuery, localTo: String? = nil) -> DirectoryPage {
        let (applied, interpretation) = interpret(query)
        let catalog = self.catalog
        let result = index.search(applied.searchQuery(catalog: catalog, localTo: localTo))
        let summaries = state.withLock { state in result.hits.compactMap { state.summaries[$0.id] } }
        let byID = Dictionary(summaries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let servingLocal = localTo.map { index.have([.serves: ServedPlaces.serving(municipality: $0, catalog: catalog)], ids: summaries.map(\.id)) } ?? []
        let items = result.hits.compactMap { hit in
            byID[hit.id].map { DirectoryPage.Item(summary: $0, hit: hit, servesLocal: servingLocal.contains($0.id)) }
        }
        let facets = applied.placeMode == .serves ? ServedPlaces.counts(result.facets, query: applied, catalog: catalog) : result.facets
        return DirectoryPage(query: applied, total: result.total, items: items, facets: facets, suggestions: result.suggestions,
                             interpretation: interpretation, typed: query)
    }

    /// The query as applied: a place found in the text moved into the place filters.
    func interpret(_ query: DirectoryQuery) -> (DirectoryQuery, QueryInterpreter.Interpretation?) {
        guard !query.everywhere, !query.text.isEmpty else { return (query, nil) }
        let (interpreter, postal) = state.withLock { ($0.interpreter, $0.postalMunicipalities(for: query.text)) }
        guard let found = interpreter.interpret(query.text, postalAreas: postal) else { return (query, nil) }
        return (query.applying(found), found)
    }

    /// Every result of a search, in order, up to `limit` (for exports).
    /// A page of results nearest `origin` first (the buyers' tab's « Plus près d'abord »): every
    /// match is put in order of distance from its position (its own coordinates, else its postal
    /// area's or municipality's mean), those without a position after them in relevance order.
    /// Returns the page and each listed enterprise's distance in kilometres.
    public func searchNearest(_ query: DirectoryQuery, from origin: Coordinates, localTo: String? = nil) -> (page: DirectoryPage, kilometres: [String: Double]) {
        var first = query
        first.page = 1
        first.perPage = 1
        first.sort = .relevance
        var page = search(first, localTo: localTo)
        page.query.sort = .distance
        page.query.page = query.page
        page.query.perPage = query.perPage
        var engineQuery = page.query.searchQuery(catalog: catalog)
        engineQuery.offset = 0
        engineQuery.limit = max(page.total, 1)
        engineQuery.highlight = false
        engineQuery.countedFacets = []  // the first page's search counted them
        let all = index.search(engineQuery).hits
        let summaries = state.withLock { state in all.compactMap { state.summaries[$0.id] } }
        let placed = positions.positions(summaries)
        var ranked: [(summary: EnterpriseSummary, km: Double?, rank: Int)] = []
        ranked.reserveCapacity(summaries.count)
        for (rank, summary) in summaries.enumerated() {
            ranked.append((summary, placed[rank].map { Self.kilometres(origin, Coordinates(latitude: $0.latitude, longitude: $0.longitude)) }, rank))
        }
        ranked.sort { a, b in
            switch (a.km, b.km) {
            case let (x?, y?): x == y ? a.rank < b.rank : x < y
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.rank < b.rank
            }
        }
        let start = min((query.page - 1) * query.perPage, ranked.count)
        let slice = ranked[start..<min(start + query.perPage, ranked.count)]
        let servingLocal = localTo.map { index.have([.serves: ServedPlaces.serving(municipality: $0, catalog: catalog)], ids: slice.map(\.summary.id)) } ?? []
        page.items = slice.map { entry in
            DirectoryPage.Item(summary: entry.summary,
                               hit: SearchHit(id: entry.summary.id, slug: entry.summary.slug, score: 0, nameHighlight: [.init(text: entry.summary.name, matched: false)]),
                               servesLocal: servingLocal.contains(entry.summary.id))
        }
        var kilometres: [String: Double] = [:]
        for entry in slice { if let km = entry.km { kilometres[entry.summary.id] = km } }
        return (page, kilometres)
    }

    /// Great-circle distance (haversine), in kilometres.
    static func kilometres(_ a: Coordinates, _ b: Coordinates) -> Double {
        let radians = Double.pi / 180
        let dLat = (b.latitude - a.latitude) * radians, dLon = (b.longitude - a.longitude) * radians
        let h = pow(sin(dLat / 2), 2) + cos(a.latitude * radians) * cos(b.latitude * radians) * pow(sin(dLon / 2), 2)
        return 2 * 6371.0 * asin(min(1, sqrt(h)))
    }

    /// Where a municipality is, for the nearest-first sort: the mean of its enterprises' known
    /// coordinates (see ``AreaMeans``); nil when none of them has coordinates.
    public func centroid(ofMunicipality code: String) -> Coordinates? {
        positions.position(id: "", municipalityCode: code, postalCode: nil).map { Coordinates(latitude: $0.latitude, longitude: $0.longitude) }
    }

    public func searchAll(_ query: DirectoryQuery, limit: Int) -> [EnterpriseSummary] {
        var engineQuery = interpret(query).0.searchQuery(catalog: catalog)
        engineQuery.offset = 0
        engineQuery.limit = limit
        engineQuery.countedFacets = []  // a list of results: no facet shown
        engineQuery.highlight = false  // summaries only: the hits' highlights would be thrown away
        let result = index.search(engineQuery)
        return state.withLock { state in result.hits.compactMap { state.summaries[$0.id] } }
    }

    /// A public enterprise of the directory; archived ones are not (the store still has them).
    public func enterprise(_ idOrSlug: String) async throws -> Enterprise? {
        guard let enterprise = try await enterprises.find(idOrSlug), !enterprise.isArchived else { return nil }
        return enterprise
    }

    public var catalog: MunicipalityCatalog { state.withLock { $0.catalog } }

    /// An enterprise of the directory from what a person typed: its id, its page address (or the
    /// whole link to its page, as copied from the browser), or its exact name (accents and case
    /// aside); otherwise the names that come closest (the page addresses when several share the name).
    func resolveEnterprise(_ typed: String) async throws -> (enterprise: Enterprise?, ambiguous: Bool, suggestions: [String]) {
        var key = typed
        if let page = typed.range(of: "/entreprises/") {
            let rest = typed[page.upperBound...]
            let slug = rest.prefix { $0 != "?" && $0 != "#" && $0 != "/" }
            key = String(slug).removingPercentEncoding ?? String(slug)
        }
        if let enterprise = try await enterprise(key) { return (enterprise, false, []) }
        var query = DirectoryQuery()
        query.text = String(key.prefix(DirectoryQuery.maxTextLength))
        query.everywhere = true
        let results = searchAll(query, limit: 20)
        let same = results.filter { $0.name.compare(key, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame }
        if same.count == 1, let enterprise = try await enterprise(same[0].id) { return (enterprise, false, []) }
        if same.count > 1 { return (nil, true, same.prefix(5).map { $0.slug }) }
        return (nil, false, results.prefix(3).map(\.name))
    }

    /// The summaries of these enterprises, in the order given (unknown ids left out).
    public func summaries(ids: [String]) -> [EnterpriseSummary] {
        state.withLock { state in ids.compactMap { state.summaries[$0] } }
    }

    /// The most recently added enterprises of the directory.
    public func newest(limit: Int) -> [EnterpriseSummary] {
        state.withLock { Self.newest(of: $0.summaries.values.lazy.filter { $0.status == .active }, limit: limit) }
    }

    /// The first `limit` of `summaries`, newest first. The id only breaks ties (an import gives a
    /// whole batch the same date), compared as keys, since a summary's id string is decoded on
    /// each read; the first `limit` are kept as the summaries go by instead of sorting them all.
    static func newest(of summaries: some Sequence<EnterpriseSummary>, limit: Int) -> [EnterpriseSummary] {
        guard limit > 0 else { return [] }
        func newer(_ a: (summary: EnterpriseSummary, key: IDKey), than b: (summary: EnterpriseSummary, key: IDKey)) -> Bool {
            a.summary.createdAt != b.summary.createdAt ? a.summary.createdAt > b.summary.createdAt : a.key > b.key
        }
        var kept: [(summary: EnterpriseSummary, key: IDKey)] = []
        kept.reserveCapacity(limit + 1)
        for summary in summaries {
            let candidate = (summary: summary, key: summary.idKey)
            guard kept.count < limit || newer(candidate, than: kept[limit - 1]) else { continue }
            kept.insert(candidate, at: kept.firstIndex { newer(candidate, than: $0) } ?? kept.count)
            if kept.count > limit { kept.removeLast() }
        }
        return kept.map(\.summary)
    }

    /// What the home and about pages show of the whole directory: counts per sector and region,
    /// the newest enterprises and the totals. Computed once per state of the directory (its
    /// change-log sequence), not per visit: at 100,000 enterprises it costs a facet count over
    /// every record and a sort of every summary.
    public struct Overview: Sendable {
        public var sectorCounts: [String: Int]
        public var regionCounts: [String: Int]
        public var newest: [EnterpriseSummary]
        public var statistics: Statistics
    }

    static let newestShown = 6

    public func overview() -> Overview {
        let sequence = self.sequence
        if let cached = overviewCache.withLock({ $0 }), cached.sequence == sequence { return cached.overview }
        var everything = DirectoryQuery()
        everything.perPage = 1
        let page = search(everything)
        let overview = Overview(
            sectorCounts: Dictionary((page.facets[.sector] ?? []).map { ($0.value, $0.count) }, uniquingKeysWith: +),
            regionCounts: Dictionary((page.facets[.region] ?? []).map { ($0.value, $0.count) }, uniquingKeysWith: +),
            newest: newest(limit: Self.newestShown),
            statistics: statistics)
        // Tagged with the sequence read first: a write followed meanwhile only makes the next
        // visit compute again.
        overviewCache.withLock { $0 = (sequence, overview) }
        return overview
    }

    public struct Statistics: Sendable {
        public var total: Int
        public var fictional: Int
    }

    public var statistics: Statistics {
        state.withLock { state in
            Statistics(total: state.summaries.count, fictional: state.summaries.values.filter(\.isFictional).count)
        }
    }

    /// Every enterprise of the directory, for the sitemap.
    public var allSummaries: [EnterpriseSummary] {
        // Slugs are decoded from the packed fields: once each, not at every comparison.
        state.withLock { Array($0.summaries.values) }.map { ($0.slug, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    public func municipality(code: String) -> Municipality? { catalog.municipality(code: code) }

    // MARK: Writing

    /// Validates and stores a new enterprise; returns it with the validation warnings.
    public func create(_ profile: EnterpriseProfile, by author: Author = .system,
                       also: EnterpriseStore.AlsoInTransaction? = nil) async throws -> (Enterprise, [FieldIssue]) {
        let (valid, warnings) = try profile.validated(using: try await references.catalog())
        let enterprise = try await enterprises.create(valid, by: author, also: also)
        try await catchUp()
        return (enterprise, warnings)
    }

    public func update(_ idOrSlug: String, expectedVersion: Int, profile: EnterpriseProfile, by author: Author = .system,
                       action: RevisionAction = .update, also: EnterpriseStore.AlsoInTransaction? = nil) async throws -> (Enterprise, [FieldIssue]) {
        let (valid, warnings) = try profile.validated(using: try await references.catalog())
        let enterprise = try await enterprises.update(id: idOrSlug, expectedVersion: expectedVersion, profile: valid, by: author,
                                                      action: action, also: also)
        try await catchUp()
        return (enterprise, warnings)
    }

    public func archive(_ idOrSlug: String, expectedVersion: Int, by author: Author = .system,
                        also: EnterpriseStore.AlsoInTransaction? = nil) async throws -> Enterprise {
        let enterprise = try await enterprises.archive(id: idOrSlug, expectedVersion: expectedVersion, by: author, also: also)
        try await catchUp()
        return enterprise
    }

    public func restore(_ idOrSlug: String, expectedVersion: Int, by author: Author = .system,
                        also: EnterpriseStore.AlsoInTransaction? = nil) async throws -> Enterprise {
        let enterprise = try await enterprises.restore(id: idOrSlug, expectedVersion: expectedVersion, by: author, also: also)
        try await catchUp()
        return enterprise
    }

    /// Stamps `lastVerified` with today's date in Quebec, as a revision of its own.
    public func verify(_ idOrSlug: String, expectedVersion: Int, by author: Author, now: Date = Date(),
                       also: EnterpriseStore.AlsoInTransaction? = nil) async throws -> Enterprise {
        guard let current = try await enterprises.find(idOrSlug) else { throw StoreError.notFound(id: idOrSlug) }
        guard current.version == expectedVersion else { throw StoreError.conflict(current: current) }
        var profile = current.profile
        profile.lastVerified = CalendarDay.string(from: now)
        // The stored profile is already valid; only the date changes.
        let enterprise = try await enterprises.update(id: current.id, expectedVersion: expectedVersion, profile: profile, by: author,
                                                      action: .verify, now: now, also: also)
        try await catchUp()
        return enterprise
    }
}

/// One page of search results with everything a page or an API response shows.
public struct DirectoryPage: Sendable {
    public struct Item: Sendable {
        public var summary: EnterpriseSummary
        public var hit: SearchHit
        /// It serves the signed-in buyer's municipality.
        public var servesLocal = false
    }

    public var query: DirectoryQuery
    public var total: Int
    public var items: [Item]
    public var facets: [SearchFacet: [FacetCount]]
    public var suggestions: [String]
    /// The place found in the text, when one was.
    public var interpretation: QueryInterpreter.Interpretation? = nil
    /// The query as typed, before a place in its text became a filter.
    public var typed: DirectoryQuery? = nil

    public var pageCount: Int { max(1, (total + query.perPage - 1) / query.perPage) }
}
