import Mustache

/// A map's container and what the page's script needs to draw it: the Leaflet files, the tile
/// server and its credit, and either the markers' address (results) or one point (a profile).
/// Without JavaScript the container stays hidden and the page's text says the same.
struct MapBox: Sendable {
    var id: String
    var label: String
    var m: MapStrings
    var leafletCSS: String
    var clusterCSS: String
    var clusterDefaultCSS: String
    var leafletJS: String
    var clusterJS: String
    var mapCSS: String
    var mapJS: String
    var iconPath: String
    var tiles: String?
    var attribution: String?
    var attributionURL: String?
    var markersURL: String?
    var latitude: String?
    var longitude: String?
    var name: String?
    var approximate: Bool
    /// Said in words beside a profile's map when its position is approximate.
    var note: String?
    var small: Bool

    init(id: String, label: String, context: WebContext, tiles: MapTiles?) {
        let assets = context.assets
        self.id = id
        self.label = label
        m = MapStrings.of(context.language)
        leafletCSS = assets.url(for: "leaflet/leaflet.css")
        clusterCSS = assets.url(for: "leaflet/MarkerCluster.css")
        clusterDefaultCSS = assets.url(for: "leaflet/MarkerCluster.Default.css")
        leafletJS = assets.url(for: "leaflet/leaflet.min.js")
        clusterJS = assets.url(for: "leaflet/leaflet.markercluster.min.js")
        mapCSS = assets.url(for: "map.css")
        mapJS = assets.url(for: "map.js")
        iconPath = String(Route.leafletImage.path("x").dropLast())
        self.tiles = tiles?.urlTemplate
        // The default credit is French; English pages say it in English.
        if let tiles {
            attribution = tiles == .openStreetMap && context.language == .en ? "© OpenStreetMap contributors" : tiles.attribution
            attributionURL = tiles.attributionURL
        }
        approximate = false
        small = false
    }

    /// The results map of a search: its markers come from ``MapMarkers``.
    static func results(_ query: DirectoryQuery, context: WebContext, tiles: MapTiles?) -> MapBox {
        var box = MapBox(id: "carte", label: MapStrings.of(context.language).mapLabel, context: context, tiles: tiles)
        box.markersURL = SiteURL.mapMarkers(query).path(context.language)
        return box
    }

    /// A profile's small map, when the enterprise has a position (its own or approximate).
    static func profile(_ enterprise: Enterprise, context: WebContext, tiles: MapTiles?) -> MapBox? {
        let p = enterprise.profile
        guard let position = context.directory.positions.position(id: enterprise.id, municipalityCode: p.municipalityCode, postalCode: p.postalCode)
        else { return nil }
        var box = MapBox(id: "carte-profil", label: MapStrings.of(context.language).profileMapLabel, context: context, tiles: tiles)
        box.latitude = String(position.latitude)
        box.longitude = String(position.longitude)
        box.name = p.name
        box.approximate = position.isApproximate
        let m = MapStrings.of(context.language)
        box.note = switch position.precision {
        case .exact: nil
        case .postalArea: m.approximatePostalCode
        case .municipality: m.approximateMunicipality
        }
        box.small = true
        return box
    }
}

extension MapBox: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "label": self.label
        case "m": self.m
        case "leafletCSS": self.leafletCSS
        case "clusterCSS": self.clusterCSS
        case "clusterDefaultCSS": self.clusterDefaultCSS
        case "leafletJS": self.leafletJS
        case "clusterJS": self.clusterJS
        case "mapCSS": self.mapCSS
        case "mapJS": self.mapJS
        case "iconPath": self.iconPath
        case "tiles": self.tiles
        case "attribution": self.attribution
        case "attributionURL": self.attributionURL
        case "markersURL": self.markersURL
        case "latitude": self.latitude
        case "longitude": self.longitude
        case "name": self.name
        case "approximate": self.approximate
        case "note": self.note
        case "small": self.small
        default: nil
        }
    }
}

extension MapStrings: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "viewSwitch": viewSwitch
        case "list": list
        case "map": map
        case "title": title
        case "mapLabel": mapLabel
        case "needsScript": needsScript
        case "listBelow": listBelow
        case "seeList": seeList
        case "loading": loading
        case "profileMapLabel": profileMapLabel
        case "approximate": approximate
        case "approximatePostalCode": approximatePostalCode
        case "approximateMunicipality": approximateMunicipality
        case "onMap": onMap
        case "noneOnMap": noneOnMap
        case "capped": capped
        case "withoutPosition": withoutPosition
        case "failed": failed
        case "markerApproximate": markerApproximate
        case "firstResults": firstResults
        default: nil
        }
    }
}
