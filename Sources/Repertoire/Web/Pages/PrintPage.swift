import Foundation
import Mustache

/// `/imprimer?…`: every result of a search (up to the export cap) on one page made for paper,
/// with the search written at the top in words, so that printing a result list prints the list
/// and not only the 20 results of the page on screen.
struct PrintPage: Sendable {
    struct Entry: Sendable {
        var name: String
        var url: String
        var meta: String
        var offerings: String
        var hasOfferings: Bool
        var contact: String?
        var fictional: Bool
    }

    var t: Strings
    var layout: LayoutModel
    var title: String
    var filterLines: [String]
    var dateText: String
    var countText: String
    /// Said when the search has more results than the cap.
    var truncatedText: String?
    var entries: [Entry]
    var empty: Bool
    var searchURL: String
    var backLabel: String

    init(context: WebContext, query: DirectoryQuery, total: Int, summaries: [EnterpriseSummary], today: Date = Date()) {
        let t = context.t
        let french = context.language == .fr
        self.t = t
        title = french ? "Liste imprimable des résultats" : "Printable list of results"
        filterLines = SearchWords.lines(query, context)
        dateText = (french ? "En date du " : "As of ") + (context.day(CalendarDay.string(from: today)) ?? "")
        countText = context.count(total)
        truncatedText = summaries.count < total
            ? (french ? "Seules les \(context.number(summaries.count)) premières figurent ici : précisez la recherche pour les voir toutes."
                      : "Only the first \(context.number(summaries.count)) are listed: narrow the search to see them all.")
            : nil
        entries = summaries.map { summary in
            let place = [summary.municipalityName, summary.regionCode.flatMap(Region.find)?.name].compactMap { $0 }.joined(separator: ", ")
            let sectors = summary.sectors.compactMap(Sector.find).map(context.sectorName).joined(separator: ", ")
            let contact = [summary.address, summary.phone, summary.email, summary.website].compactMap { $0 }.joined(separator: " · ")
            return Entry(name: summary.name, url: context.absolute(SiteURL.enterprise(slug: summary.slug).path(context.language)),
                         meta: [place, context.legalFormName(summary.legalForm), sectors].filter { !$0.isEmpty }.joined(separator: " · "),
                         offerings: summary.keyOfferings.joined(separator: " · "), hasOfferings: !summary.keyOfferings.isEmpty,
                         contact: contact.isEmpty ? nil : contact, fictional: summary.isFictional)
        }
        empty = summaries.isEmpty
        var back = query
        back.page = 1
        searchURL = SiteURL.search(back).path(context.language)
        backLabel = french ? "Revenir aux résultats" : "Back to the results"
        layout = context.layout(title: "\(title) – \(SearchWords.title(query, context, fallback: t.resultsTitle))",
                                description: "\(title) — \(countText)", path: .searchPrint(query),
                                fictional: summaries.contains(where: \.isFictional))
    }
}

// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension PrintPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "t": self.t
        case "layout": self.layout
        case "title": self.title
        case "filterLines": self.filterLines
        case "dateText": self.dateText
        case "countText": self.countText
        case "truncatedText": self.truncatedText
        case "entries": self.entries
        case "empty": self.empty
        case "searchURL": self.searchURL
        case "backLabel": self.backLabel
        default: nil
        }
    }
}

extension PrintPage.Entry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": self.url
        case "meta": self.meta
        case "offerings": self.offerings
        case "hasOfferings": self.hasOfferings
        case "contact": self.contact
        case "fictional": self.fictional
        default: nil
        }
    }
}
