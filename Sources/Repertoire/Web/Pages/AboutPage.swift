import Mustache

/// `/a-propos`: where the data comes from, how it is verified, how to report an error.
struct AboutPage: Sendable {
    var t: Strings
    var layout: LayoutModel
    var reportTitle: String
    var totalText: String
    var fictionalCount: String?

    init(context: WebContext) {
        let stats = context.directory.overview().statistics
        t = context.t
        layout = context.layout(title: context.t.aboutTitle, description: context.t.aboutBody[0], path: .about, fictional: stats.fictional > 0)
        reportTitle = context.language == .fr ? "Signaler une erreur" : "Report an error"
        totalText = context.language == .fr
            ? "Le répertoire compte actuellement \(context.count(stats.total))."
            : "The directory currently lists \(context.count(stats.total))."
        fictionalCount = stats.fictional > 0 ? context.count(stats.fictional) : nil
    }
}

/// Friendly 404, 400 and 500 pages in the site's layout.
struct ErrorPage: Sendable {
    var t: Strings
    var layout: LayoutModel
    var heading: String
    var message: String
    var form: SearchFormModel

    init(context: WebContext, heading: String, message: String) {
        t = context.t
        layout = context.layout(title: heading, description: message, path: .home, fictional: false)
        self.heading = heading
        self.message = message
        form = context.form(id: "error", query: DirectoryQuery(), keepFilters: false)
    }
}

// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension AboutPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "t": self.t
        case "layout": self.layout
        case "reportTitle": self.reportTitle
        case "totalText": self.totalText
        case "fictionalCount": self.fictionalCount
        default: nil
        }
    }
}

extension ErrorPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "t": self.t
        case "layout": self.layout
        case "heading": self.heading
        case "message": self.message
        case "form": self.form
        default: nil
        }
    }
}
