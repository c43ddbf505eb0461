import Hummingbird

/// The results map, its markers, and the map library's files.
struct MapController: Sendable {
    let web: WebController
    /// Markers of one map at most: the anonymous export's cap (a map shows as much as a file).
    let markerLimit: Int
    let tiles: MapTiles?

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(.leafletAsset) { request, context in
            try web.assets.response(for: "leaflet/" + (try context.parameters.require("name")), request: request)
        }
        router.get(.leafletImage) { request, context in
            try web.assets.response(for: "leaflet/images/" + (try context.parameters.require("name")), request: request)
        }
        for language in Language.allCases {
            router.get(.searchMap, language) { request, context in try page(request, web.context(language, context)) }
            router.get(.mapMarkers, language) { request, context in try markers(request, web.context(language, context)) }
        }
    }

    func query(_ request: Request) throws -> DirectoryQuery {
        var query = try DirectoryQuery.parse(FormQuery.parameters(request), names: WebQuery.names)
        query.page = 1
        return query
    }

    /// The map page: the map (drawn by the page's script) and the first results as a list.
    func page(_ request: Request, _ web: WebContext) throws -> Response {
        let page = web.directory.search(try self.query(request))
        return try self.web.renderer.html(MapPage(context: web, page: page, markerLimit: markerLimit, tiles: tiles), template: "map")
    }

    /// The markers of the same search, as JSON.
    func markers(_ request: Request, _ web: WebContext) throws -> Response {
        let markers = MapMarkers(try query(request), limit: markerLimit, context: web)
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-cache"],
                        body: .init(byteBuffer: markers.json))
    }
}
