import Foundation
import Mustache

/// `/liste-complete`: every active enterprise of a territory (region, MRC or chosen
/// municipalities), grouped by sector, with offerings and public contacts — the printable list a
/// hub hands to the cities of its territory.
struct CompleteListPage: Sendable {
    struct Group: Sendable {
        var sector: String
        var count: String
        var entries: [Entry]
    }

    struct Entry: Sendable {
        var name: String
        var url: String
        var legalForm: String
        var neq: String?
        var address: String?
        var phone: String?
        var email: String?
        var website: String?
        var offerings: String
        var hasOfferings: Bool
        var offers: Bool
        var fictional: Bool
    }

    var t: Strings
    var layout: LayoutModel
    var title: String
    var territory: String
    var dateText: String
    var countText: String
    var groups: [Group]
    var empty: Bool
    var intro: String
    /// The same territory as a spreadsheet (the export page, with the territory's filters).
    var exportURL: String
    var exportLabel: String
    /// Without a territory: the regions to choose from instead of a list of the whole province.
    var choose: Choice?

    struct Choice: Sendable {
        var heading: String
        var regions: [RegionLink]
    }

    struct RegionLink: Sendable {
        var name: String
        var url: String
    }

    static let maximum = 5_000

    /// The page asking for a territory (a region, an MRC or municipalities): the whole
    /// province's list is too long to print and too heavy to build for each visitor.
    init(choosingIn context: WebContext) {
        self.init(context: context, query: DirectoryQuery(), territory: "", enterprises: [])
        let french = context.language == .fr
        territory = french ? "Choisissez un territoire" : "Choose a territory"
        intro = french
            ? "La liste complète se fait pour un territoire : une région administrative, une MRC (?mrc=…) ou des municipalités (?municipalite=…). Choisissez une région :"
            : "The complete list is made for a territory: an administrative region, an MRC (?mrc=…) or municipalities (?municipalite=…). Choose a region:"
        countText = ""
        choose = Choice(heading: french ? "Régions administratives" : "Administrative regions",
                        regions: Region.all.map { region in
                            var query = DirectoryQuery()
                            query.regions = [region.code]
                            return RegionLink(name: "\(region.name) (\(region.code))", url: SiteURL.completeList(query).path(context.language))
                        })
    }

    init(context: WebContext, query: DirectoryQuery, territory: String, enterprises: [Enterprise], today: Date = Date()) {
        let t = context.t
        let catalog = context.directory.catalog
        self.t = t
        title = context.language == .fr ? "Liste complète des entreprises d'économie sociale" : "Complete list of social-economy enterprises"
        self.territory = territory
        dateText = (context.language == .fr ? "En date du " : "As of ") + (context.day(CalendarDay.string(from: today)) ?? "")
        countText = context.count(enterprises.count)
        intro = context.language == .fr
            ? "Entreprises actives du territoire, regroupées par secteur d'activité principal, avec leurs produits et services et leurs coordonnées publiques. Les coordonnées des gestionnaires ne figurent pas sur cette liste publique."
            : "Active enterprises of the territory, grouped by main activity sector, with their products, services and public contact details. Managers' contacts are not part of this public list."
        var bySector: [String: [Entry]] = [:]
        for enterprise in enterprises where enterprise.profile.status == .active {
            let p = enterprise.profile
            let municipality = p.municipalityCode.flatMap(catalog.municipality(code:))?.name
            let entry = Entry(
                name: p.name, url: context.absolute(SiteURL.enterprise(slug: enterprise.slug).path(context.language)),
                legalForm: context.legalFormName(p.legalForm), neq: p.neq,
                address: [p.address, municipality, p.postalCode].compactMap { $0 }.joined(separator: ", "),
                phone: p.phone, email: p.email, website: p.website,
                offerings: p.offerings.map(\.name).joined(separator: " · "), hasOfferings: !p.offerings.isEmpty,
                offers: p.offersToMunicipalities, fictional: enterprise.isFictional)
            bySector[p.sectors.first ?? "", default: []].append(entry)
        }
        let order = Sector.all.map(\.slug) + [""]
        groups = order.compactMap { slug in
            guard let entries = bySector[slug], !entries.isEmpty else { return nil }
            let name = Sector.find(slug).map(context.sectorName) ?? (context.language == .fr ? "Secteur non précisé" : "Sector not given")
            return Group(sector: name, count: context.count(entries.count),
                         entries: entries.sorted { Slug.fold($0.name) < Slug.fold($1.name) })
        }
        empty = groups.isEmpty
        exportURL = SiteURL.export(query).path(context.language)
        exportLabel = context.language == .fr ? "Télécharger en Excel, CSV ou JSON" : "Download as Excel, CSV or JSON (in French)"
        layout = context.layout(title: "\(title) — \(territory)", description: "\(title) — \(territory)",
                                path: .completeList(query), fictional: enterprises.contains(where: \.isFictional))
    }
}

// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension CompleteListPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "t": self.t
        case "layout": self.layout
        case "title": self.title
        case "territory": self.territory
        case "dateText": self.dateText
        case "countText": self.countText
        case "groups": self.groups
        case "empty": self.empty
        case "intro": self.intro
        case "exportURL": self.exportURL
        case "exportLabel": self.exportLabel
        case "choose": self.choose
        default: nil
        }
    }
}

extension CompleteListPage.Choice: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "regions": self.regions
        default: nil
        }
    }
}

extension CompleteListPage.RegionLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": self.url
        default: nil
        }
    }
}

extension CompleteListPage.Group: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "sector": self.sector
        case "count": self.count
        case "entries": self.entries
        default: nil
        }
    }
}

extension CompleteListPage.Entry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": self.url
        case "legalForm": self.legalForm
        case "neq": self.neq
        case "address": self.address
        case "phone": self.phone
        case "email": self.email
        case "website": self.website
        case "offerings": self.offerings
        case "hasOfferings": self.hasOfferings
        case "offers": self.offers
        case "fictional": self.fictional
        default: nil
        }
    }
}
