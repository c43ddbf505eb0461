/// Every link of the web pages is built here, so routes and links never drift apart.
/// English pages mirror the French ones under `/en`.
enum SiteURL {
    case home
    case search(DirectoryQuery)
    case searchCSV(DirectoryQuery)
    case enterprise(slug: String)
    case sector(slug: String)
    case region(slug: String)
    case about
    case completeList(DirectoryQuery)
    /// Every result of a search on one page made for printing.
    case searchPrint(DirectoryQuery)
    /// The export page of a search (French only, like the signed-in area).
    case export(DirectoryQuery)
    case sitemap
    case asset(String)
    /// The results of a search on a map, and the map's markers.
    case searchMap(DirectoryQuery)
    case mapMarkers(DirectoryQuery)
    /// A page of the signed-in area, in French only: its English "version" is the English home.
    case staff(String)
    /// The buyers' tab (signed-in; mirrored in English like the public pages).
    case buyers(DirectoryQuery)
    /// A page of the buyers' workspace that has an English mirror, with its parameters.
    case route(Route, [String] = [])
    /// A route with its query (`?appel=…&jeton=…`), for pages whose query is what they show.
    case routeWithQuery(Route, String)

    func path(_ language: Language) -> String {
        switch self {
        case .home: Route.home.path(language: language)
        case .search(let query): Route.search.path(language: language) + WebQuery.string(query)
        case .searchCSV(let query): Route.searchCSV.path() + WebQuery.string(query, includePaging: false)
        case .enterprise(let slug): Route.enterprise.path(slug, language: language)
        case .sector(let slug): Route.sector.path(slug, language: language)
        case .region(let slug): Route.region.path(slug, language: language)
        case .about: Route.about.path(language: language)
        case .completeList(let query): Route.completeList.path(language: language) + WebQuery.string(query, includePaging: false)
        case .searchPrint(let query): Route.searchPrint.path(language: language) + WebQuery.string(query, includePaging: false)
        case .export(let query): Route.export.path() + WebQuery.string(query, includePaging: false)
        case .sitemap: Route.sitemap.path()
        case .asset(let name): Route.asset.path(name)
        case .searchMap(let query): Route.searchMap.path(language: language) + WebQuery.string(query, includePaging: false)
        case .mapMarkers(let query): Route.mapMarkers.path(language: language) + WebQuery.string(query, includePaging: false)
        case .staff(let path): language == .fr ? path : Route.home.path(language: .en)
        case .buyers(let query): Route.buyers.path(language: language) + BuyerQuery.string(query)
        case .route(let route, let parameters): route.path(parameters, language: language)
        case .routeWithQuery(let route, let query): route.path(language: language) + (query.isEmpty ? "" : "?" + query)
        }
    }
}

/// Query strings of the search pages, with French parameter names.
enum WebQuery {
    static let names = ParameterNames(
        text: ["q"], region: ["region"], municipality: ["municipalite"], sector: ["secteur"],
        legalForm: ["forme"], certification: ["certification"], offersToMunicipalities: ["offre"],
        mrc: ["mrc"], placeMode: ["lieu"], placeModeValues: ["dessert": .serves, "siege": .headOffice],
        includeClosed: ["fermees"], everywhere: ["partout"],
        sort: ["tri"], sortValues: ["pertinence": .relevance, "nom": .name, "verification": .verified, "proximite": .local],
        page: ["page"], perPage: ["par-page"])

    static func sortValue(_ sort: SearchSort, names: ParameterNames = names) -> String {
        names.sortValues.first { $0.value == sort }?.key ?? sort.rawValue
    }

    /// The query's parameters, under the page names (`secteur`) or the API's (`sector`).
    static func items(_ query: DirectoryQuery, includePaging: Bool = true, names: ParameterNames = names) -> [(String, String)] {
        var items: [(String, String)] = []
        if !query.text.isEmpty { items.append((names.text[0], query.text)) }
        items += query.regions.map { (names.region[0], $0) }
        items += query.municipalities.map { (names.municipality[0], $0) }
        items += query.sectors.map { (names.sector[0], $0) }
        items += query.legalForms.map { (names.legalForm[0], $0) }
        items += query.certifications.map { (names.certification[0], $0) }
        items += query.mrcs.map { (names.mrc[0], $0) }
        if let offers = query.offersToMunicipalities { items.append((names.offersToMunicipalities[0], offers ? "true" : "false")) }
        if let name = names.offeringKind.first { items += query.offeringKinds.map { (name, $0) } }
        if let name = names.contracted.first, let contracted = query.contracted { items.append((name, contracted ? "true" : "false")) }
        if query.placeMode != .serves, let value = names.placeModeValues.first(where: { $0.value == query.placeMode })?.key {
            items.append((names.placeMode[0], value))
        }
        if query.includeClosed { items.append((names.includeClosed[0], names.strict ? "true" : "1")) }
        if query.everywhere { items.append((names.everywhere[0], names.strict ? "true" : "1")) }
        if query.sort != .relevance { items.append((names.sort[0], sortValue(query.sort, names: names))) }
        if includePaging && query.page > 1 { items.append((names.page[0], String(query.page))) }
        if includePaging && query.perPage != 20 { items.append((names.perPage[0], String(query.perPage))) }
        return items
    }

    static func string(_ query: DirectoryQuery, includePaging: Bool = true, names: ParameterNames = names) -> String {
        let items = items(query, includePaging: includePaging, names: names)
        guard !items.isEmpty else { return "" }
        return "?" + items.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    static func encode(_ text: String) -> String {
        // Plain words (most parameter names and values) need no encoding at all.
        if text.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39)
            || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F || $0 == 0x7E }) { return text }
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}

import Foundation

/// The buyers' tab's query strings: the public names, plus the kind of offering (`type`),
/// municipal contracts (`contrats`), the nearest-first sort (`tri=distance`) and `tous=1`, which
/// says that no place is chosen on purpose (without it the tab shows the buyer's municipality).
enum BuyerQuery {
    static let names: ParameterNames = {
        var names = WebQuery.names
        names.offeringKind = ["type"]
        names.contracted = ["contrats"]
        names.sortValues["distance"] = .distance
        return names
    }()

    static let allPlacesParameter = "tous"

    static func string(_ query: DirectoryQuery) -> String {
        var items = WebQuery.items(query, names: names)
        if !query.hasPlace { items.append((allPlacesParameter, "1")) }
        return "?" + items.map { "\(WebQuery.encode($0.0))=\(WebQuery.encode($0.1))" }.joined(separator: "&")
    }
}
