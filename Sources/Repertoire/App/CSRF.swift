import Hummingbird

/// Cross-site request forgery protection for every form that changes something. A signed-in
/// user's forms carry their session's token; a visitor's (sign-in, password reset) carry the
/// value of a `repertoire_csrf` cookie (double submit). `SameSite=Lax` cookies add a second wall.
enum CSRF {
    static let field = "_csrf"
    static let cookie = "repertoire_csrf"

    /// The token to put in a form, and a cookie to set when the visitor has none yet.
    static func token(for request: Request, identity: Identity?, secure: Bool) -> (token: String, setCookie: String?) {
        if let token = identity?.csrfToken { return (token, nil) }
        if let existing = request.cookies[cookie]?.value, existing.count >= 32, existing.count < 100 { return (existing, nil) }
        let fresh = SecretToken.generate()
        return (fresh, CookieHeader.make(cookie, value: fresh, maxAge: nil, secure: secure))
    }

    /// Throws 403 unless the form carries the expected token.
    static func verify(_ form: FormBody, request: Request, identity: Identity?) throws {
        let expected = identity?.csrfToken ?? request.cookies[cookie]?.value ?? ""
        let presented = form.raw(field)
        guard !expected.isEmpty, !presented.isEmpty, SecretToken.equals(presented, expected) else {
            throw Problem(.forbidden, title: "Formulaire expiré",
                          detail: "Ce formulaire a expiré ou ne vient pas de Répertoire. Rechargez la page et recommencez.",
                          english: "This form has expired or does not come from Répertoire. Reload the page and try again.")
        }
    }
}

/// `Set-Cookie` values with the attributes every Répertoire cookie needs.
enum CookieHeader {
    static func make(_ name: String, value: String, maxAge: Int?, secure: Bool) -> String {
        var text = "\(name)=\(value); Path=/; HttpOnly; SameSite=Lax"
        if let maxAge { text += "; Max-Age=\(maxAge)" }
        if secure { text += "; Secure" }
        return text
    }

    static func expire(_ name: String, secure: Bool) -> String {
        make(name, value: "", maxAge: 0, secure: secure)
    }
}
