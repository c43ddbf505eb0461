import Mustache

/// `/exporter`: choose the format and the columns of a download of search results.
struct ExportPage: Sendable {
    struct Choice: Sendable {
        var value: String
        var label: String
        var checked: Bool
        var id: String
    }

    var t: Strings
    var layout: LayoutModel
    var summary: String
    var action: String
    var backURL: String
    var hidden: [HiddenField]
    var formats: [Choice]
    var columns: [Choice]
    var personalColumns: [Choice]
    var personal: Bool
    /// Over the rows the user may export: what to do about it, or nil.
    var tooMany: String?

    init(context: WebContext, query: DirectoryQuery, total: Int, limit: Int, signedIn: Bool, personal: Bool) {
        t = context.t
        layout = context.layout(title: "Exporter les résultats", description: "Télécharger les résultats d'une recherche",
                                path: .export(query), fictional: false)
        summary = total == 1 ? "1 entreprise correspond à cette recherche." : "\(context.number(total)) entreprises correspondent à cette recherche."
        let limitText = context.number(limit)
        tooMany = total <= limit ? nil : signedIn
            ? "Seules les \(limitText) premières entreprises sont exportées : précisez la recherche."
            : "Sans compte, une exportation contient au plus \(limitText) entreprises : précisez la recherche (région, secteur, mots) ou connectez-vous."
        action = Route.exportFile.path()
        backURL = SiteURL.search(query).path(.fr)
        hidden = WebQuery.items(query, includePaging: false).map { HiddenField(name: $0.0, value: $0.1) }
        formats = ExportFormat.allCases.map {
            Choice(value: $0.rawValue, label: $0.label, checked: $0 == .xlsx, id: "format-" + $0.rawValue)
        }
        let defaults = Set(ExportColumn.defaults(personal: personal))
        let choices = ExportColumn.allCases.map {
            Choice(value: $0.rawValue, label: $0.label, checked: defaults.contains($0), id: "colonne-" + $0.rawValue)
        }
        columns = zip(ExportColumn.allCases, choices).filter { !$0.0.isPersonal }.map(\.1)
        personalColumns = personal ? zip(ExportColumn.allCases, choices).filter { $0.0.isPersonal }.map(\.1) : []
        self.personal = personal
    }
}

// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension ExportPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "t": self.t
        case "layout": self.layout
        case "summary": self.summary
        case "action": self.action
        case "backURL": self.backURL
        case "hidden": self.hidden
        case "formats": self.formats
        case "columns": self.columns
        case "personalColumns": self.personalColumns
        case "personal": self.personal
        case "tooMany": self.tooMany
        default: nil
        }
    }
}

extension ExportPage.Choice: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": self.value
        case "label": self.label
        case "checked": self.checked
        case "id": self.id
        default: nil
        }
    }
}
