/// Facets the directory filters on. The `offersToMunicipalities` facet takes "true" / "false".
///
/// `region`, `municipality` and `mrc` are the head office's. `serves` holds where an enterprise
/// works, as values that are disjoint by the scope of its service area (see
/// ``ServedPlaces``). `status` is "active" or "closed".
public enum SearchFacet: String, CaseIterable, Sendable {
    case region, municipality, sector, legalForm, certification, offersToMunicipalities, mrc, serves, status
    /// The kinds (`bien`, `service`, `travaux`) of what the enterprise offers to municipalities,
    /// and whether it has carried out a municipal contract (`true` / `false`): the buyers' tab's.
    case offeringKind, contracted

    /// The facets shown to people (in pages and the API); `serves` and `status` work behind the
    /// place and closed-enterprise filters; `offeringKind` and `contracted` are the buyers' tab's.
    public static let shown: [SearchFacet] = allCases.filter { $0 != .serves && $0 != .status && $0 != .offeringKind && $0 != .contracted }
}

public enum SearchSort: String, Sendable {
    /// Best text match first; an empty query falls back to name order.
    case relevance
    /// French collation: case- and accent-insensitive.
    case name
    /// Most recently verified first, never-verified last.
    case verified
    /// The chosen place's enterprises (or the signed-in buyer's municipality's) first, then by
    /// relevance. Resolved into ``SearchQuery/rankTiers`` before the engine sees it.
    case local
    /// Nearest first, from the signed-in buyer's municipality (the buyers' tab). Resolved by
    /// ``DirectoryService`` from the enterprises' positions; the engine ranks by relevance.
    case distance
}

public struct SearchQuery: Sendable {
    public var text: String
    /// Values within a facet are OR-ed; facets are AND-ed with each other.
    public var filters: [SearchFacet: Set<String>]
    public var sort: SearchSort
    public var offset: Int
    public var limit: Int
    /// Relevance weighted by tiers: a document is in the first tier one of whose facets it has a
    /// value of (the chosen place, then its MRC, region, all of Quebec), after every tier when in
    /// none, and its text score counts 0.8 less for each tier further: local enterprises come
    /// first among comparable matches, without a weak local match burying a strong one nearby.
    /// With no text, documents go by tier.
    public var rankTiers: [[SearchFacet: Set<String>]]
    /// Documents with one of these values rank after all others (closed enterprises).
    public var demoted: [SearchFacet: Set<String>]
    /// False when only the order matters (a re-sort of every match): hits carry no highlight.
    public var highlight = true
    /// The facets to count (nil: every one). Filters apply whatever this says.
    public var countedFacets: Set<SearchFacet>? = nil

    public init(
        text: String = "",
        filters: [SearchFacet: Set<String>] = [:],
        sort: SearchSort = .relevance,
        offset: Int = 0,
        limit: Int = 20,
        rankTiers: [[SearchFacet: Set<String>]] = [],
        demoted: [SearchFacet: Set<String>] = [:]
    ) {
        self.text = text
        self.filters = filters
        self.sort = sort
        self.offset = offset
        self.limit = limit
        self.rankTiers = rankTiers
        self.demoted = demoted
    }
}

/// A slice of ORIGINAL text (accents and case preserved) so the view escapes it itself.
public struct HighlightSegment: Sendable, Equatable, Codable {
    public var text: String
    public var matched: Bool

    public init(text: String, matched: Bool) {
        self.text = text
        self.matched = matched
    }
}

public struct SearchHit: Sendable {
    public var id: String
    public var slug: String
    public var score: Double
    public var nameHighlight: [HighlightSegment]
    public var snippet: [HighlightSegment]?
    /// "offering" or "description".
    public var snippetSource: String?

    public init(id: String, slug: String, score: Double, nameHighlight: [HighlightSegment],
                snippet: [HighlightSegment]? = nil, snippetSource: String? = nil) {
        self.id = id
        self.slug = slug
        self.score = score
        self.nameHighlight = nameHighlight
        self.snippet = snippet
        self.snippetSource = snippetSource
    }
}

public struct FacetCount: Sendable, Equatable {
    public var value: String
    public var count: Int
    public var selected: Bool

    public init(value: String, count: Int, selected: Bool) {
        self.value = value
        self.count = count
        self.selected = selected
    }
}

public struct SearchResult: Sendable {
    public var total: Int
    public var hits: [SearchHit]
    public var facets: [SearchFacet: [FacetCount]]
    /// Close spellings from the index vocabulary, only when nothing matched a non-empty text.
    public var suggestions: [String]

    public init(total: Int, hits: [SearchHit], facets: [SearchFacet: [FacetCount]], suggestions: [String] = []) {
        self.total = total
        self.hits = hits
        self.facets = facets
        self.suggestions = suggestions
    }
}
