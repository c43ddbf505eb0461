/// « Retour aux résultats »: a profile opened from a result list carries that list's query
/// string in `retour`, so the way back keeps the buyer's words, filters and page, without
/// JavaScript. The value is only ever read as a search of this site: it is parsed as a
/// ``DirectoryQuery`` and the link printed again from that, never echoed, so it cannot send
/// anyone elsewhere (no open redirect).
enum ReturnLink {
    static let parameter = "retour"

    /// What a result card's link to a profile carries: `?retour=` and the search's query string
    /// (nothing for the plain search page).
    static func suffix(for query: DirectoryQuery) -> String {
        let string = WebQuery.string(query)
        guard string.count > 1 else { return "" }
        return "?\(parameter)=" + WebQuery.encode(String(string.dropFirst()))
    }

    /// The search a `retour` value names; nil when the value is not a valid search of this site
    /// (a URL, a path, an unknown filter…).
    static func query(_ value: String) -> DirectoryQuery? {
        guard !value.isEmpty, value.count <= 2_000,
              !value.contains(where: { $0 == "/" || $0 == "\\" || $0 == ":" || $0 == "?" || $0 == "#" })
        else { return nil }
        return try? DirectoryQuery.parse(FormQuery.parameters(value), names: WebQuery.names)
    }

    /// The search a request's `retour` names, if any.
    static func query(parameters: [(String, String)]) -> DirectoryQuery? {
        parameters.last { $0.0 == parameter }.flatMap { query($0.1) }
    }
}
