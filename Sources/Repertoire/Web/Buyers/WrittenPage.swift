import Mustache

/// A page whose body is written in Swift with ``HTMLWriter`` (the buyers' workspace): the
/// site's frame from `layout.mustache`, and markup that escapes every value it prints.
struct WrittenPage: Sendable {
    var t: Strings
    var layout: LayoutModel
    var body: SafeHTML
}

extension WrittenPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "t": self.t
        case "layout": self.layout
        case "body": self.body
        default: nil
        }
    }
}

extension WebContext {
    /// French or English, as the page is.
    func tr(_ french: String, _ english: String) -> String { language == .fr ? french : english }

    /// `60 000,00 $` / `$60,000.00`.
    func money(cents: Int64) -> String {
        let units = Int(cents / 100), rest = Int(cents % 100)
        let whole = number(units)
        if rest == 0 { return language == .fr ? "\(whole) $" : "$\(whole)" }
        let fraction = rest < 10 ? "0\(rest)" : "\(rest)"
        return language == .fr ? "\(whole),\(fraction) $" : "$\(whole).\(fraction)"
    }

    /// Where an enterprise works, in words.
    func serviceAreaText(_ profile: EnterpriseProfile) -> String {
        let catalog = directory.catalog
        switch profile.serviceArea?.scope {
        case .quebec?: return t.serviceAreaQuebec
        case .regions?: return (profile.serviceArea?.codes ?? []).compactMap(Region.find).map(\.name).joined(separator: ", ")
        case .mrcs?: return (profile.serviceArea?.codes ?? []).map { catalog.mrc(code: $0)?.label ?? $0 }.joined(separator: ", ")
        case .municipalities?: return (profile.serviceArea?.codes ?? []).map { catalog.municipality(code: $0)?.name ?? $0 }.joined(separator: ", ")
        case nil: return profile.regionCode.flatMap(Region.find)?.name ?? "—"
        }
    }
}
