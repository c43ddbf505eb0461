/// `/`: the search box, sectors and regions with their counts, the newest enterprises.
struct HomePage: Sendable {
    struct Tile: Sendable {
        var url: String
        var code: String
        var name: String
        var count: String
    }

    var t: Strings
    var layout: LayoutModel
    var form: SearchFormModel
    var sectors: [Tile]
    var regions: [Tile]
    var newest: [CardModel]
    var hasNewest: Bool

    init(context: WebContext) {
        let directory = context.directory
        var everything = DirectoryQuery()
        everything.perPage = 1
        let page = directory.search(everything)
        let sectorCounts = Dictionary((page.facets[.sector] ?? []).map { ($0.value, $0.count) }, uniquingKeysWith: +)
        let regionCounts = Dictionary((page.facets[.region] ?? []).map { ($0.value, $0.count) }, uniquingKeysWith: +)
        let newestSummaries = directory.newest(limit: 6)
        t = context.t
        layout = context.layout(title: context.t.siteName, description: context.t.tagline, path: .home,
                                fictional: newestSummaries.contains(where: \.isFictional))
        form = context.form(id: "home", query: DirectoryQuery(), keepFilters: false)
        sectors = Sector.all.map { sector in
            Tile(url: SiteURL.sector(slug: sector.slug).path(context.language), code: sector.slug,
                 name: context.sectorName(sector), count: context.number(sectorCounts[sector.slug] ?? 0))
        }
        regions = Region.all.map { region in
            Tile(url: SiteURL.region(slug: region.slug).path(context.language), code: region.code,
                 name: region.name, count: context.number(regionCounts[region.code] ?? 0))
        }
        newest = newestSummaries.map { CardModel($0, hit: nil, context: context) }
        hasNewest = !newest.isEmpty
    }
}
