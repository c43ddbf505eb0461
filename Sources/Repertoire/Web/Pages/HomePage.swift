import Mustache

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
    /// The J'achète hub's block (``HubPages/homeSection``); nil without articles.
    var hubHTML: SafeHTML? = nil

    init(context: WebContext) {
        let overview = context.directory.overview()
        let sectorCounts = overview.sectorCounts
        let regionCounts = overview.regionCounts
        let newestSummaries = overview.newest
        t = context.t
        layout = context.layout(title: context.t.homeDocumentTitle, description: context.t.tagline, path: .home,
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

// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension HomePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "t": self.t
        case "layout": self.layout
        case "form": self.form
        case "sectors": self.sectors
        case "regions": self.regions
        case "newest": self.newest
        case "hasNewest": self.hasNewest
        case "hubHTML": self.hubHTML
        default: nil
        }
    }
}

extension HomePage.Tile: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "url": self.url
        case "code": self.code
        case "name": self.name
        case "count": self.count
        default: nil
        }
    }
}
