import Foundation
@testable import Repertoire

/// Small hand-made documents: only what a test sets matters.
func searchDoc(
    _ id: String, name: String, otherNames: [String] = [], neq: String? = nil, phones: [String] = [],
    offerings: [(String, String)] = [], sectors: [String] = [], description: String = "", place: String = "",
    region: String? = nil, municipality: String? = nil, sectorSlugs: [String] = [], legalForm: String = "obnl",
    certifications: [String] = [], offersToMunicipalities: Bool = false, verifiedAt: Date? = nil
) -> SearchDocument {
    SearchDocument(
        id: id, slug: "slug-\(id)", name: name, otherNames: otherNames, neq: neq, phones: phones,
        offerings: offerings.map { SearchDocument.Offering(name: $0.0, description: $0.1) },
        sectorNames: sectors, description: description, place: place,
        regionCode: region, municipalityCode: municipality, sectorSlugs: sectorSlugs, legalForm: legalForm,
        certifications: certifications, offersToMunicipalities: offersToMunicipalities, verifiedAt: verifiedAt)
}

func makeSearchIndex(_ docs: [SearchDocument], synonyms: SynonymTable = .init()) -> SearchIndex {
    let index = SearchIndex(synonyms: synonyms)
    index.replaceAll(docs)
    return index
}

extension SearchIndex {
    /// Ids of the hits for `text`, in result order.
    func ids(_ text: String, filters: [SearchFacet: Set<String>] = [:], sort: SearchSort = .relevance, limit: Int = 50) -> [String] {
        search(SearchQuery(text: text, filters: filters, sort: sort, offset: 0, limit: limit)).hits.map(\.id)
    }
}

extension Array where Element == HighlightSegment {
    var matchedTexts: [String] { filter(\.matched).map(\.text) }
    var joinedText: String { map(\.text).joined() }
}
