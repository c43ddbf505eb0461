import Crypto
import Foundation
import Hummingbird

/// Cross-site request forgery protection for every form that changes something.
///
/// A signed-in user's forms carry their session's token, stored with the session on the server.
/// A visitor's forms (sign-in, password reset, confirmation link) carry an HMAC, under a server
/// secret kept in the database settings (``FormSecret``), of a random pre-session cookie: a
/// client that chooses its own cookie cannot compute the matching token, which also closes login
/// CSRF. Personal API tokens never reach the forms (``IdentityMiddleware`` reads them on `/api/`
/// only), so no form falls back on anything the client chose. Pages carry the token masked anew
/// on each response (a random pad, and the token XORed with it), so that a compressed page that
/// echoes the query beside it does not leak it byte by byte (BREACH). `SameSite=Lax` cookies add
/// a second wall.
enum CSRF {
    static let field = "_csrf"
    static let cookie = "repertoire_csrf"

    /// The token to put in a form (unmasked: page frames mask it), and a cookie to set when the
    /// visitor has no pre-session yet.
    static func token(for request: Request, context: AppRequestContext, secure: Bool) throws -> (token: String, setCookie: String?) {
        if let identity = context.identity { return (identity.csrfToken ?? "", nil) }
        let key = try formKey(context)
        if let existing = preSession(request) { return (visitorToken(preSession: existing, key: key), nil) }
        let fresh = SecretToken.generate()
        return (visitorToken(preSession: fresh, key: key), CookieHeader.make(cookie, value: fresh, maxAge: nil, secure: secure))
    }

    /// Throws 403 unless the form carries the token of this session, or of this visitor's pre-session.
    static func verify(_ form: FormBody, request: Request, context: AppRequestContext) throws {
        let expected: String?
        if let identity = context.identity {
            expected = identity.csrfToken
        } else if let preSession = preSession(request) {
            expected = visitorToken(preSession: preSession, key: try formKey(context))
        } else {
            expected = nil
        }
        let presented = form.raw(field)
        guard let expected, !expected.isEmpty, !presented.isEmpty,
              SecretToken.equals(presented, expected) || unmask(presented).map({ SecretToken.equals($0, expected) }) == true else {
            throw Problem(.forbidden, title: "Formulaire expiré",
                          detail: "Ce formulaire a expiré ou ne vient pas de Répertoire. Rechargez la page et recommencez.",
                          english: "This form has expired or does not come from Répertoire. Reload the page and try again.")
        }
    }

    /// The visitor's pre-session cookie, when it looks like one the server issued.
    private static func preSession(_ request: Request) -> String? {
        guard let value = request.cookies[cookie]?.value, (32..<100).contains(value.count) else { return nil }
        return value
    }

    static func visitorToken(preSession: String, key: SymmetricKey) -> String {
        Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data(("csrf-pre-session:" + preSession).utf8), using: key)))
    }

    private static func formKey(_ context: AppRequestContext) throws -> SymmetricKey {
        guard let key = context.formKey else {
            throw Problem(.serviceUnavailable, title: "Service indisponible",
                          detail: "Le formulaire ne peut pas être préparé pour le moment. Réessayez dans quelques instants.",
                          english: "The form cannot be prepared right now. Try again in a moment.")
        }
        return key
    }

    /// The token as a page carries it: a fresh random pad, then the token XORed with the pad.
    static func mask(_ token: String) -> String {
        guard !token.isEmpty else { return "" }
        let bytes = Array(token.utf8)
        var generator = SystemRandomNumberGenerator()
        let pad = bytes.map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Base64URL.encode(Data(pad + zip(bytes, pad).map { $0 ^ $1 }))
    }

    /// The token behind a masked one, or nil when the text is not a masked token.
    static func unmask(_ masked: String) -> String? {
        guard masked.count < 400, let data = Base64URL.decode(masked), !data.isEmpty, data.count % 2 == 0 else { return nil }
        let bytes = Array(data)
        let half = bytes.count / 2
        return String(bytes: zip(bytes[..<half], bytes[half...]).map { $0 ^ $1 }, encoding: .utf8)
    }
}

/// base64url without padding (RFC 4648 §5), as in cookies and form fields.
enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
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
