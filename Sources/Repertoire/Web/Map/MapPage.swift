import Mustache

/// `/carte`: the search's results on a map, for the same query and filters as the list; below
/// the map, the first results as cards (the list stays the way to them without JavaScript).
struct MapPage: Sendable {
    var t: Strings
    var m: MapStrings
    var layout: LayoutModel
    var heading: String
    var countText: String
    var listURL: String
    var viewSwitch: ViewSwitch
    var map: MapBox
    var capped: Bool
    var cards: [CardModel]
    var hasMore: Bool

    init(context: WebContext, page: DirectoryPage, markerLimit: Int, tiles: MapTiles?) {
        let t = context.t
        let query = page.query
        self.t = t
        m = MapStrings.of(context.language)
        heading = query.text.isEmpty ? m.title : "\(m.title) — « \(query.text) »"
        layout = context.layout(title: heading, description: "\(context.count(page.total)) — \(t.tagline)", path: .searchMap(query),
                                fictional: page.items.contains(where: { $0.summary.isFictional }))
        countText = context.count(page.total)
        var list = query
        list.page = 1
        listURL = SiteURL.search(list).path(context.language)
        viewSwitch = ViewSwitch(query, context: context, onMap: true)
        map = MapBox.results(query, context: context, tiles: tiles)
        capped = page.total > markerLimit
        cards = page.items.map { CardModel($0.summary, hit: $0.hit, context: context) }
        hasMore = page.total > page.items.count
    }
}

extension MapPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "t": self.t
        case "m": self.m
        case "layout": self.layout
        case "heading": self.heading
        case "countText": self.countText
        case "listURL": self.listURL
        case "viewSwitch": self.viewSwitch
        case "map": self.map
        case "capped": self.capped
        case "cards": self.cards
        case "hasMore": self.hasMore
        default: nil
        }
    }
}
