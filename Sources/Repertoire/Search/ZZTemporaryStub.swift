// TEMPORARY: stands in for the search engine being written in parallel. Delete on delivery.
import Foundation
import Synchronization

public struct SearchDocument: Sendable {
    public struct Offering: Sendable { public var name: String; public var description: String
        public init(name: String, description: String) { self.name = name; self.description = description } }
    public var id: String
    public var slug: String
    public var name: String
    public var otherNames: [String]
    public var neq: String?
    public var phones: [String]
    public var offerings: [Offering]
    public var sectorNames: [String]
    public var description: String
    public var place: String
    public var regionCode: String?
    public var municipalityCode: String?
    public var sectorSlugs: [String]
    public var legalForm: String
    public var certifications: [String]
    public var offersToMunicipalities: Bool
    public var verifiedAt: Date?
    public var createdAt: Date
    public init(id: String, slug: String, name: String, otherNames: [String] = [], neq: String? = nil, phones: [String] = [],
                offerings: [Offering] = [], sectorNames: [String] = [], description: String = "", place: String = "",
                regionCode: String? = nil, municipalityCode: String? = nil, sectorSlugs: [String] = [], legalForm: String,
                certifications: [String] = [], offersToMunicipalities: Bool = false, verifiedAt: Date? = nil, createdAt: Date) {
        self.id = id; self.slug = slug; self.name = name; self.otherNames = otherNames; self.neq = neq; self.phones = phones
        self.offerings = offerings; self.sectorNames = sectorNames; self.description = description; self.place = place
        self.regionCode = regionCode; self.municipalityCode = municipalityCode; self.sectorSlugs = sectorSlugs
        self.legalForm = legalForm; self.certifications = certifications; self.offersToMunicipalities = offersToMunicipalities
        self.verifiedAt = verifiedAt; self.createdAt = createdAt
    }
}
public enum SearchFacet: String, CaseIterable, Sendable { case region, municipality, sector, legalForm, certification, offersToMunicipalities }
public enum SearchSort: String, Sendable { case relevance, name, verified }
public struct SearchQuery: Sendable {
    public var text: String; public var filters: [SearchFacet: Set<String>]; public var sort: SearchSort; public var offset: Int; public var limit: Int
    public init(text: String = "", filters: [SearchFacet: Set<String>] = [:], sort: SearchSort = .relevance, offset: Int = 0, limit: Int = 20) {
        self.text = text; self.filters = filters; self.sort = sort; self.offset = offset; self.limit = limit }
}
public struct HighlightSegment: Sendable, Equatable, Codable { public var text: String; public var matched: Bool }
public struct SearchHit: Sendable { public var id: String; public var slug: String; public var score: Double; public var nameHighlight: [HighlightSegment]; public var snippet: [HighlightSegment]?; public var snippetSource: String? }
public struct FacetCount: Sendable, Equatable { public var value: String; public var count: Int; public var selected: Bool }
public struct SearchResult: Sendable { public var total: Int; public var hits: [SearchHit]; public var facets: [SearchFacet: [FacetCount]]; public var suggestions: [String] }
public struct SynonymTable: Sendable { public init(groups: [[String]] = []) {}; public static func parse(_ text: String) throws -> SynonymTable { SynonymTable() }
    public static let defaultSynonymsText = "" }
public final class SearchIndex: Sendable {
    private let docs = Mutex<[String: SearchDocument]>([:])
    public init(synonyms: SynonymTable = .init()) {}
    public func replaceAll(_ d: [SearchDocument]) { docs.withLock { $0 = Dictionary(d.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) } }
    public func upsert(_ d: SearchDocument) { docs.withLock { $0[d.id] = d } }
    public func remove(id: String) { _ = docs.withLock { $0.removeValue(forKey: id) } }
    public var count: Int { docs.withLock { $0.count } }
    public func search(_ q: SearchQuery) -> SearchResult {
        let all = docs.withLock { Array($0.values) }.sorted { $0.name < $1.name }
        let text = q.text.lowercased()
        let hits = all.filter { text.isEmpty || $0.name.lowercased().contains(text) }
        return SearchResult(total: hits.count, hits: hits.dropFirst(q.offset).prefix(q.limit).map {
            SearchHit(id: $0.id, slug: $0.slug, score: 1, nameHighlight: [.init(text: $0.name, matched: false)], snippet: nil, snippetSource: nil) },
            facets: [:], suggestions: [])
    }
}
