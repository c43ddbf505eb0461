/// Facets the directory filters on. The `offersToMunicipalities` facet takes "true" / "false".
public enum SearchFacet: String, CaseIterable, Sendable {
    case region, municipality, sector, legalForm, certification, offersToMunicipalities
}

public enum SearchSort: String, Sendable {
    /// Best text match first; an empty query falls back to name order.
    case relevance
    /// French collation: case- and accent-insensitive.
    case name
    /// Most recently verified first, never-verified last.
    case verified
}

public struct SearchQuery: Sendable {
    public var text: String
    /// Values within a facet are OR-ed; facets are AND-ed with each other.
    public var filters: [SearchFacet: Set<String>]
    public var sort: SearchSort
    public var offset: Int
    public var limit: Int

    public init(
        text: String = "",
        filters: [SearchFacet: Set<String>] = [:],
        sort: SearchSort = .relevance,
        offset: Int = 0,
        limit: Int = 20
    ) {
        self.text = text
        self.filters = filters
        self.sort = sort
        self.offset = offset
        self.limit = limit
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
