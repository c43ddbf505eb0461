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
    case sitemap
    case asset(String)

    func path(_ language: Language) -> String {
        switch self {
        case .home: language == .fr ? "/" : "/en/"
        case .search(let query): language.prefix + "/entreprises" + WebQuery.string(query)
        case .searchCSV(let query): "/entreprises.csv" + WebQuery.string(query, includePaging: false)
        case .enterprise(let slug): language.prefix + "/entreprises/" + Self.escape(slug)
        case .sector(let slug): language.prefix + "/secteurs/" + Self.escape(slug)
        case .region(let slug): language.prefix + "/regions/" + Self.escape(slug)
        case .about: language.prefix + "/a-propos"
        case .sitemap: "/sitemap.xml"
        case .asset(let name): "/static/" + name
        }
    }

    /// Slugs are already URL-safe; anything else is percent-encoded.
    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "?", "#"])) ?? text
    }
}

/// Query strings of the search pages, with French parameter names.
enum WebQuery {
    static let names = ParameterNames(
        text: ["q"], region: ["region"], municipality: ["municipalite"], sector: ["secteur"],
        legalForm: ["forme"], certification: ["certification"], offersToMunicipalities: ["offre"],
        sort: ["tri"], sortValues: ["pertinence": .relevance, "nom": .name, "verification": .verified],
        page: ["page"], perPage: ["par-page"])

    static func sortValue(_ sort: SearchSort) -> String {
        switch sort {
        case .relevance: "pertinence"
        case .name: "nom"
        case .verified: "verification"
        }
    }

    static func items(_ query: DirectoryQuery, includePaging: Bool = true) -> [(String, String)] {
        var items: [(String, String)] = []
        if !query.text.isEmpty { items.append(("q", query.text)) }
        items += query.regions.map { ("region", $0) }
        items += query.municipalities.map { ("municipalite", $0) }
        items += query.sectors.map { ("secteur", $0) }
        items += query.legalForms.map { ("forme", $0) }
        items += query.certifications.map { ("certification", $0) }
        if let offers = query.offersToMunicipalities { items.append(("offre", offers ? "true" : "false")) }
        if query.sort != .relevance { items.append(("tri", sortValue(query.sort))) }
        if includePaging && query.page > 1 { items.append(("page", String(query.page))) }
        if includePaging && query.perPage != 20 { items.append(("par-page", String(query.perPage))) }
        return items
    }

    static func string(_ query: DirectoryQuery, includePaging: Bool = true) -> String {
        let items = items(query, includePaging: includePaging)
        guard !items.isEmpty else { return "" }
        return "?" + items.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    static func encode(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

import Foundation
