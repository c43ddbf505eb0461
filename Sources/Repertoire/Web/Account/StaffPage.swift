import Foundation
import HTTPTypes
import Hummingbird

/// What every page of the signed-in area carries: the frame, the words, the form token and an
/// optional notice or error at the top.
struct StaffFrame: Sendable {
    var t: Strings
    var layout: LayoutModel
    var csrf: String
    var notice: String?
    var error: String?

    init(_ web: WebContext, title: String, path: String, csrf: String, notice: String? = nil, error: String? = nil) {
        t = web.t
        layout = web.layout(title: title, description: title, path: .staff(path), fictional: false)
        self.csrf = csrf
        self.notice = notice
        self.error = error
    }
}

extension WebRenderer {
    /// A page of the signed-in area: never cached, and with the visitor's CSRF cookie when one
    /// had to be made.
    func staff(_ model: Any, template: String, status: HTTPResponse.Status = .ok, setCookies: [String?] = []) throws -> Response {
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

/// Where to go after signing in: only a path of this site.
enum ReturnPath {
    static func safe(_ value: String?) -> String {
        guard let value, value.hasPrefix("/"), !value.hasPrefix("//"), !value.contains("\\"), value.count < 2000,
              !value.hasPrefix("/connexion") else { return "/compte" }
        return value
    }
}
