/// One of Quebec's 17 administrative regions, identified by its official two-digit number.
public struct Region: Sendable, Hashable, Codable {
    public let code: String
    public let name: String
    public let slug: String

    public static let all: [Region] = [
        Region(code: "01", name: "Bas-Saint-Laurent", slug: "bas-saint-laurent"),
        Region(code: "02", name: "Saguenay–Lac-Saint-Jean", slug: "saguenay-lac-saint-jean"),
        Region(code: "03", name: "Capitale-Nationale", slug: "capitale-nationale"),
        Region(code: "04", name: "Mauricie", slug: "mauricie"),
        Region(code: "05", name: "Estrie", slug: "estrie"),
        Region(code: "06", name: "Montréal", slug: "montreal"),
        Region(code: "07", name: "Outaouais", slug: "outaouais"),
        Region(code: "08", name: "Abitibi-Témiscamingue", slug: "abitibi-temiscamingue"),
        Region(code: "09", name: "Côte-Nord", slug: "cote-nord"),
        Region(code: "10", name: "Nord-du-Québec", slug: "nord-du-quebec"),
        Region(code: "11", name: "Gaspésie–Îles-de-la-Madeleine", slug: "gaspesie-iles-de-la-madeleine"),
        Region(code: "12", name: "Chaudière-Appalaches", slug: "chaudiere-appalaches"),
        Region(code: "13", name: "Laval", slug: "laval"),
        Region(code: "14", name: "Lanaudière", slug: "lanaudiere"),
        Region(code: "15", name: "Laurentides", slug: "laurentides"),
        Region(code: "16", name: "Montérégie", slug: "monteregie"),
        Region(code: "17", name: "Centre-du-Québec", slug: "centre-du-quebec"),
    ]

    private static let byCode = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// Finds a region by its code (`16`, also `6` for `06`) or its slug (`monteregie`).
    public static func find(_ key: String) -> Region? {
        // Stored codes are exact: skip trimming and lowercasing (Foundation calls, which cost
        // ~5 % of a search request when every facet value and result is labelled).
        if let region = byCode[key] { return region }
        let trimmed = key.trimmingCharacters(in: .whitespaces).lowercased()
        if let region = byCode[trimmed] { return region }
        if trimmed.count == 1, let region = byCode["0" + trimmed] { return region }
        return all.first { $0.slug == trimmed }
    }
}

import Foundation
