import Foundation

/// The tile server behind the maps' markers, and the credit its licence asks for. The site's
/// Content-Security-Policy lets images come from this one origin and no other.
public struct MapTiles: Sendable, Equatable {
    /// `https://tile.openstreetmap.org/{z}/{x}/{y}.png`
    public var urlTemplate: String
    public var attribution: String
    public var attributionURL: String?

    public static let openStreetMap = MapTiles(
        urlTemplate: "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        attribution: "© les contributeurs d'OpenStreetMap", attributionURL: "https://www.openstreetmap.org/copyright")

    /// The scheme, host and port the tiles come from: `https://tile.openstreetmap.org`.
    public var origin: String {
        guard let components = URLComponents(string: urlTemplate.replacingOccurrences(of: "{", with: "%7B").replacingOccurrences(of: "}", with: "%7D")),
              let scheme = components.scheme, let host = components.host else { return "" }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }

    /// Checks a template from the settings: an http(s) address on one host (no `{s}` subdomains,
    /// which the CSP would need a wildcard for) with `{z}`, `{x}` and `{y}`.
    static func parse(_ template: String, attribution: String?, attributionURL: String?) throws(Configuration.Invalid) -> MapTiles {
        let lower = template.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), ["{z}", "{x}", "{y}"].allSatisfy({ template.contains($0) }) else {
            throw Configuration.Invalid(setting: "REPERTOIRE_MAP_TILES",
                                        reason: "'\(template)' must be an http(s) address with {z}, {x} and {y}, e.g. \(openStreetMap.urlTemplate); empty or none for no tiles")
        }
        let tiles = MapTiles(urlTemplate: template, attribution: attribution ?? "", attributionURL: attributionURL)
        let host = tiles.origin.split(separator: "/").last.map(String.init) ?? ""
        guard !host.isEmpty, !host.contains("{"), !host.contains("%7B") else {
            throw Configuration.Invalid(setting: "REPERTOIRE_MAP_TILES",
                                        reason: "'\(template)' must name one host (no {s} subdomains): the Content-Security-Policy allows that host only")
        }
        if let attributionURL, !(attributionURL.hasPrefix("https://") || attributionURL.hasPrefix("http://")) {
            throw Configuration.Invalid(setting: "REPERTOIRE_MAP_ATTRIBUTION_URL", reason: "'\(attributionURL)' must be an http(s) address")
        }
        return tiles
    }

    /// Reads `REPERTOIRE_MAP_TILES` (set to empty or `none`: no tiles, markers only) and the
    /// attribution settings; OpenStreetMap's standard tiles by default.
    static func resolve(flags: [String: String], environment: [String: String]) throws(Configuration.Invalid) -> MapTiles? {
        let raw = flags["REPERTOIRE_MAP_TILES"] ?? environment["REPERTOIRE_MAP_TILES"]
        let attribution = (flags["REPERTOIRE_MAP_ATTRIBUTION"] ?? environment["REPERTOIRE_MAP_ATTRIBUTION"]).flatMap { $0.isEmpty ? nil : $0 }
        let link = (flags["REPERTOIRE_MAP_ATTRIBUTION_URL"] ?? environment["REPERTOIRE_MAP_ATTRIBUTION_URL"]).flatMap { $0.isEmpty ? nil : $0 }
        guard let raw else { return openStreetMap }
        let template = raw.trimmingCharacters(in: .whitespaces)
        if template.isEmpty || template.lowercased() == "none" { return nil }
        if template == openStreetMap.urlTemplate && attribution == nil { return openStreetMap }
        return try parse(template, attribution: attribution, attributionURL: link)
    }
}
