import Testing
@testable import Repertoire

@Suite("Disjunctive facets")
struct FacetTests {
    // region / legal form / sectors / offers
    let index = makeSearchIndex([
        searchDoc("1", name: "Un", description: "traiteur", region: "16", municipality: "58227",
                  sectorSlugs: ["alimentation"], legalForm: "obnl", certifications: ["bio"], offersToMunicipalities: true),
        searchDoc("2", name: "Deux", description: "traiteur", region: "16", municipality: "58007",
                  sectorSlugs: ["alimentation", "evenements"], legalForm: "cooperative-travail", offersToMunicipalities: false),
        searchDoc("3", name: "Trois", description: "traiteur", region: "06", municipality: "66023",
                  sectorSlugs: ["evenements"], legalForm: "obnl", offersToMunicipalities: true),
        searchDoc("4", name: "Quatre", description: "imprimerie", region: "06", municipality: "66023",
                  sectorSlugs: ["impression"], legalForm: "obnl", offersToMunicipalities: true),
        searchDoc("5", name: "Cinq", description: "traiteur", region: "03", municipality: "23027",
                  sectorSlugs: ["alimentation"], legalForm: "cooperative-travail", offersToMunicipalities: true),
    ])

    func counts(_ result: SearchResult, _ facet: SearchFacet) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: (result.facets[facet] ?? []).map { ($0.value, $0.count) })
    }

    @Test func countsWithoutSelectionFollowTheTextQuery() {
        let result = index.search(SearchQuery(text: "traiteur"))
        #expect(result.total == 4)
        #expect(counts(result, .region) == ["16": 2, "06": 1, "03": 1])
        #expect(counts(result, .sector) == ["alimentation": 3, "evenements": 2])
        #expect(counts(result, .offersToMunicipalities) == ["true": 3, "false": 1])
        #expect(Set(result.facets.keys) == Set(SearchFacet.allCases))
    }

    @Test func facetCountsIgnoreTheirOwnSelection() {
        let result = index.search(SearchQuery(text: "traiteur", filters: [.region: ["16"]]))
        #expect(result.total == 2)
        // Region counts ignore the region selection but keep the text query.
        #expect(counts(result, .region) == ["16": 2, "06": 1, "03": 1])
        // Other facets apply the region selection.
        #expect(counts(result, .legalForm) == ["obnl": 1, "cooperative-travail": 1])
        #expect(counts(result, .sector) == ["alimentation": 2, "evenements": 1])
    }

    @Test func valuesWithinAFacetAreOrAndFacetsAreAnd() {
        let result = index.search(SearchQuery(text: "", filters: [
            .region: ["16", "06"], .offersToMunicipalities: ["true"],
        ]))
        #expect(Set(result.hits.map(\.id)) == ["1", "3", "4"])
        #expect(counts(result, .region) == ["16": 1, "06": 2, "03": 1])   // offers=true applied
        #expect(counts(result, .offersToMunicipalities) == ["true": 3, "false": 1])  // regions applied
        #expect(counts(result, .legalForm) == ["obnl": 3])
    }

    @Test func multiValuedSectorFilter() {
        let result = index.search(SearchQuery(text: "traiteur", filters: [.sector: ["evenements"], .legalForm: ["obnl"]]))
        #expect(result.hits.map(\.id) == ["3"])
        #expect(counts(result, .sector) == ["alimentation": 1, "evenements": 1])   // docs 1 and 3 (obnl)
        #expect(counts(result, .legalForm) == ["obnl": 1, "cooperative-travail": 1])
    }

    @Test func selectedValuesAreMarkedAndKeptAtZero() {
        let result = index.search(SearchQuery(text: "imprimerie", filters: [.region: ["16", "99"]]))
        #expect(result.total == 0)
        let regions = result.facets[.region] ?? []
        #expect(regions == [
            FacetCount(value: "06", count: 1, selected: false),
            FacetCount(value: "16", count: 0, selected: true),
            FacetCount(value: "99", count: 0, selected: true),
        ])
    }

    @Test func countsFacetsWithMoreThanSixtyFourValues() {
        // Sector ids ≥ 64 are not in the per-document bit sets: the CSR fallback must agree.
        let docs = (0..<70).map { i in
            searchDoc("\(i)", name: "Coop \(i)", sectorSlugs: ["s\(i)", "commun"], legalForm: i % 2 == 0 ? "obnl" : "coop")
        }
        let index = makeSearchIndex(docs)
        let result = index.search(SearchQuery(text: "", filters: [.sector: ["s69", "s1"], .legalForm: ["coop"]]))
        #expect(Set(result.hits.map(\.id)) == ["1", "69"])
        #expect(counts(result, .sector)["commun"] == 35)   // own selection ignored, legal form applied
        #expect(counts(result, .sector)["s69"] == 1)
        #expect(counts(result, .sector)["s68"] == nil)     // doc 68 is an OBNL
        #expect(counts(result, .legalForm) == ["coop": 2])
    }

    @Test func ordersByCountThenValue() {
        let result = index.search(SearchQuery(text: ""))
        #expect(result.facets[.region]?.map(\.value) == ["06", "16", "03"])
        #expect(result.facets[.municipality]?.map(\.value) == ["66023", "23027", "58007", "58227"])
    }
}
