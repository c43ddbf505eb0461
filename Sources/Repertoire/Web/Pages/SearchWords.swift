/// A search said in words: its filters named (« Région : Montérégie »), for the printable list's
/// heading, and the page title (« ménage – Longueuil – page 2 »), so a tab, a bookmark or a
/// screen reader says what the page shows.
enum SearchWords {
    /// Each filter of the query, as (the facet's title, the value's label), in the chips' order.
    static func filters(_ query: DirectoryQuery, _ context: WebContext) -> [(title: String, label: String)] {
        var filters: [(SearchFacet, String)] = []
        filters += query.regions.map { (.region, $0) }
        filters += query.municipalities.map { (.municipality, $0) }
        filters += query.sectors.map { (.sector, $0) }
        filters += query.legalForms.map { (.legalForm, $0) }
        filters += query.certifications.map { (.certification, $0) }
        if let offers = query.offersToMunicipalities { filters.append((.offersToMunicipalities, offers ? "true" : "false")) }
        return filters.map { (SearchPage.title($0.0, context.t), context.facetLabel($0.0, $0.1)) }
    }

    /// How many filters the query applies (the « Filtres (3) » link).
    static func filterCount(_ query: DirectoryQuery) -> Int {
        query.regions.count + query.municipalities.count + query.sectors.count + query.legalForms.count
            + query.certifications.count + (query.offersToMunicipalities == nil ? 0 : 1)
    }

    /// The words, the filters' values and the page number, or `fallback` for a search of
    /// everything; the layout adds the site's name.
    static func title(_ query: DirectoryQuery, _ context: WebContext, fallback: String) -> String {
        var parts = query.text.isEmpty ? [] : [query.text]
        parts += filters(query, context).map(\.label)
        if parts.isEmpty { parts = [fallback] }
        if query.page > 1 { parts.append("page \(query.page)") }
        return parts.joined(separator: " – ")
    }

    /// The search in sentences, for the top of the printed list.
    static func lines(_ query: DirectoryQuery, _ context: WebContext) -> [String] {
        let french = context.language == .fr
        var lines = query.text.isEmpty ? [] : ["\(french ? "Recherche" : "Search") : « \(query.text) »"]
        // Several values of one facet are or-ed: one line each facet.
        var byTitle: [(String, [String])] = []
        for (title, label) in filters(query, context) {
            if let index = byTitle.firstIndex(where: { $0.0 == title }) { byTitle[index].1.append(label) } else { byTitle.append((title, [label])) }
        }
        lines += byTitle.map { "\($0.0) : \($0.1.joined(separator: french ? " ou " : " or "))" }
        if lines.isEmpty { lines = [french ? "Aucun filtre : toutes les entreprises du répertoire" : "No filter: every enterprise of the directory"] }
        return lines
    }
}
