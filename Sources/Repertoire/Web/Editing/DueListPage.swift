import Foundation
import Mustache

/// `/gestion/a-verifier`: the records due for verification, a page at a time with the true total,
/// narrowed to a region (a hub editor's own regions by default), and downloadable as CSV.
struct DueListPage: Sendable {
    static let perPage = 100

    struct Item: Sendable {
        var name: String
        var editURL: String
        var place: String
        var lastVerified: String
        var email: String?
        var requestURL: String
    }

    struct RegionOption: Sendable {
        var code: String
        var label: String
        var selected: Bool
    }

    struct PageLink: Sendable {
        var number: Int
        var url: String
        var current: Bool
    }

    var frame: StaffFrame
    var items: [Item]
    var countText: String
    var hasItems: Bool
    var regions: [RegionOption]
    var allRegionsLabel: String
    var pages: [PageLink]
    var hasPages: Bool
    var previousURL: String?
    var nextURL: String?
    var csvURL: String
    var action: String

    /// The request's choices: regions asked for (`region=16`) and the page number.
    struct Choice: Sendable {
        var regions: [String] = []
        var page = 1

        init(_ parameters: [(String, String)]) {
            regions = parameters.filter { $0.0 == "region" }.map(\.1).compactMap(Region.find).map(\.code)
            page = parameters.last { $0.0 == "page" }.flatMap { Int($0.1) }.map { min(max($0, 1), 10_000) } ?? 1
        }

        func query(page: Int? = nil) -> String {
            let items = regions.map { "region=\($0)" } + ((page ?? 1) > 1 ? ["page=\(page ?? 1)"] : [])
            return items.isEmpty ? "" : "?" + items.joined(separator: "&")
        }
    }

    init(frame: StaffFrame, user: User, choice: Choice, total: Int, records: [EnterpriseStore.DueRecord], catalog: MunicipalityCatalog) {
        self.frame = frame
        items = records.map { record in
            Item(name: record.name, editURL: Route.editEnterprise.path(record.id), place: Self.place(record, catalog: catalog),
                 lastVerified: record.lastVerified ?? "jamais", email: record.email, requestURL: Route.requestConfirmation.path(record.id))
        }
        let number = { (value: Int) in value.formatted(.number.locale(Locale(identifier: "fr_CA"))) }
        countText = total == 1 ? "1 fiche à vérifier" : "\(number(total)) fiches à vérifier"
        hasItems = !records.isEmpty
        let shown = ConfirmationService.dueRegions(for: user, asked: choice.regions)
        let allowed = Region.all.filter { user.mayEdit(regionCode: $0.code) }
        regions = allowed.map { RegionOption(code: $0.code, label: "\($0.code) — \($0.name)", selected: !choice.regions.isEmpty && shown?.contains($0.code) == true) }
        allRegionsLabel = allowed.count == Region.all.count ? "Toutes les régions" : "Toutes mes régions"
        let pageCount = max(1, (total + Self.perPage - 1) / Self.perPage)
        let current = min(choice.page, pageCount)
        let base = Route.toVerify.path()
        pages = (1...pageCount).filter { $0 == 1 || $0 == pageCount || abs($0 - current) <= 2 }
            .map { PageLink(number: $0, url: base + choice.query(page: $0), current: $0 == current) }
        hasPages = pageCount > 1
        previousURL = current > 1 ? base + choice.query(page: current - 1) : nil
        nextURL = current < pageCount ? base + choice.query(page: current + 1) : nil
        csvURL = Route.toVerifyCSV.path() + choice.query()
        action = base
    }

    static func place(_ record: EnterpriseStore.DueRecord, catalog: MunicipalityCatalog) -> String {
        [record.municipalityCode.flatMap(catalog.municipality(code:))?.name, record.regionCode.flatMap(Region.find)?.name]
            .compactMap { $0 }.joined(separator: ", ")
    }

    /// The whole list as CSV, for a spreadsheet or a mail merge.
    static func csv(_ records: [EnterpriseStore.DueRecord], catalog: MunicipalityCatalog, baseURL: String) -> String {
        let writer = CSVWriter(delimiter: ",")
        var text = CSVWriter.byteOrderMark + writer.row(["Entreprise", "Municipalité", "Région", "Dernière vérification", "Courriel", "Fiche"])
        for record in records {
            text += writer.row([record.name, record.municipalityCode.flatMap(catalog.municipality(code:))?.name ?? "",
                                record.regionCode.flatMap(Region.find)?.name ?? "", record.lastVerified ?? "jamais", record.email ?? "",
                                baseURL + Route.editEnterprise.path(record.id)])
        }
        return text
    }
}

// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension DueListPage: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "items": self.items
        case "countText": self.countText
        case "hasItems": self.hasItems
        case "regions": self.regions
        case "allRegionsLabel": self.allRegionsLabel
        case "pages": self.pages
        case "hasPages": self.hasPages
        case "previousURL": self.previousURL
        case "nextURL": self.nextURL
        case "csvURL": self.csvURL
        case "action": self.action
        default: nil
        }
    }
}

extension DueListPage.Item: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "editURL": self.editURL
        case "place": self.place
        case "lastVerified": self.lastVerified
        case "email": self.email
        case "requestURL": self.requestURL
        default: nil
        }
    }
}

extension DueListPage.RegionOption: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "code": self.code
        case "label": self.label
        case "selected": self.selected
        default: nil
        }
    }
}

extension DueListPage.PageLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": self.number
        case "url": self.url
        case "current": self.current
        default: nil
        }
    }
}
