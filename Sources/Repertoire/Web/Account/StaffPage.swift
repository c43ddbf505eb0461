import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// What every page of the signed-in area carries: the frame, the words, the form token and an
/// optional notice or error at the top.
struct StaffFrame: Sendable {
    var t: Strings
    var layout: LayoutModel
    var csrf: String
    var notice: String?
    var error: String?
    /// The staff area's fixed addresses, for forms and links in templates.
    var links = StaffFrameLinks()

    init(_ web: WebContext, title: String, path: String, csrf: String, notice: String? = nil, error: String? = nil) {
        t = web.t
        layout = web.layout(title: title, description: title, path: .staff(path), fictional: false)
        // Masked anew for each response (BREACH); the forms' check unmasks it.
        self.csrf = CSRF.mask(csrf)
        self.notice = notice
        self.error = error
    }
}

/// The fixed addresses the staff templates link to or post to, printed from ``Route``.
struct StaffFrameLinks: Sendable {
    var account = Route.account.path()
    var signIn = Route.signIn.path()
    var forgotPassword = Route.forgotPassword.path()
    var choosePassword = Route.choosePassword.path()
    var changePassword = Route.changePassword.path()
    var signOutEverywhere = Route.signOutEverywhere.path()
    var tokens = Route.tokens.path()
    var users = Route.users.path()
    var invitations = Route.invitations.path()
    var audit = Route.audit.path()
    var imports = Route.imports.path()
    var confirmation = Route.confirmation.path()
}

extension WebRenderer {
    /// A page of the signed-in area: never cached, and with the visitor's CSRF cookie when one
    /// had to be made. Only a ``StaffPageModel`` renders here, so every staff page gets the
    /// site's frame (stylesheet, title, language, header links).
    func staff(_ model: some StaffPageModel, template: String, status: HTTPResponse.Status = .ok, setCookies: [String?] = []) throws -> Response {
        var headers: HTTPFields = [.cacheControl: "private, no-store"]
        for cookie in setCookies.compactMap({ $0 }) { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return try html(model, template: template, status: status, headers: headers)
    }
}

/// `2026-11-27 14:05` in Quebec time.
enum StaffDates {
    static func text(_ date: Date?) -> String {
        guard let date else { return "—" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Toronto") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}

/// Where to go after signing in: only a path of this site. Visible ASCII only: browsers drop
/// tabs and line breaks from addresses (`/<TAB>/host` becomes `//host`, another site) and read a
/// backslash as a slash, so any of them, anywhere, is refused; so is a non-ASCII character,
/// which a path of this site carries percent-encoded.
enum ReturnPath {
    static func safe(_ value: String?) -> String {
        guard let value, value.hasPrefix("/"), !value.hasPrefix("//"), value.utf8.count < 2000,
              value.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) && $0 != "\\" }),
              !value.hasPrefix(Route.signIn.path()) else { return Route.account.path() }
        return value
    }
}

/// A staff page's model. The shared layout reads `t` and `layout` at the top level, while staff
/// models keep them in `frame`: the model's own fields come from `field(named:)`, the frame's
/// words and layout from here, so no staff page can render without the site's frame.
protocol StaffPageModel: MustacheParent {
    var frame: StaffFrame { get }
    /// The model's own fields, for its template (see ``MustacheModelCheck``).
    func field(named name: String) -> Any?
}

extension StaffPageModel {
    func child(named name: String) -> Any? {
        switch name {
        case "t": frame.t
        case "layout": frame.layout
        default: field(named: name)
        }
    }
}

// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension StaffFrame: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "t": self.t
        case "layout": self.layout
        case "csrf": self.csrf
        case "notice": self.notice
        case "error": self.error
        case "links": self.links
        default: nil
        }
    }
}

extension StaffFrameLinks: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "account": self.account
        case "signIn": self.signIn
        case "forgotPassword": self.forgotPassword
        case "choosePassword": self.choosePassword
        case "changePassword": self.changePassword
        case "signOutEverywhere": self.signOutEverywhere
        case "tokens": self.tokens
        case "users": self.users
        case "invitations": self.invitations
        case "audit": self.audit
        case "imports": self.imports
        case "confirmation": self.confirmation
        default: nil
        }
    }
}
