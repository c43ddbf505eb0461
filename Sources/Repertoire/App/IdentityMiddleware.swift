import Foundation
import HTTPTypes
import Hummingbird

/// Finds who makes each request: a session cookie (browsers) or a bearer token (the API: a
/// personal token, or the configuration's service token). Lookups hit the database only when a
/// credential is presented, so anonymous browsing costs nothing.
///
/// Bearer tokens authenticate the JSON API (`/api/…`) only: web pages and forms need a session,
/// so a token can never create another token or send an invitation through a form. On the API,
/// a session cookie is read for reads only (the pages' type-ahead): the API's writes carry no
/// CSRF token, so a cookie alone never makes one.
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let sessions: SessionStore
    let tokens: APITokenStore
    let serviceToken: String?
    let trustForwardedFor: Bool
    var proxyHops = 1
    var formSecret: FormSecret?

    static let sessionCookie = "repertoire_session"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if trustForwardedFor, let forwarded = Self.forwardedClient(request.headers, hops: proxyHops) {
            context.clientAddress = forwarded
        }
        let isAPI = Self.isAPI(request.uri.path)
        if isAPI, let bearer = Self.bearer(request) {
            if let serviceToken, SecretToken.equals(bearer, serviceToken) {
                context.identity = .service
            } else if let identity = try await tokens.identity(secret: bearer) {
                context.identity = identity
            } else {
                context.presentedInvalidToken = true
            }
        } else if !isAPI || request.method == .get || request.method == .head,
                  let cookie = request.cookies[Self.sessionCookie]?.value, !cookie.isEmpty, cookie.count < 200 {
            context.identity = try await sessions.identity(cookieValue: cookie)
        }
        if !isAPI, let formSecret {
            // Cached after the first request; without the database, visitors' forms answer 503.
            context.formKey = try? await formSecret.key()
        }
        return try await next(request, context)
    }

    /// The client's address as the trusted proxies recorded it. Each proxy appends the address
    /// it received the request from, so with `hops` proxies the client is the entry `hops` places
    /// from the right; anything to its left was written by the client and may be forged. A
    /// shorter list (a proxy was bypassed or appended nothing) gives its left-most entry, which a
    /// trusted proxy still wrote. Every `X-Forwarded-For` line counts, in order.
    static func forwardedClient(_ headers: HTTPFields, hops: Int) -> String? {
        let entries = headers[values: .xForwardedFor].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !entries.isEmpty else { return nil }
        let entry = entries[max(0, entries.count - max(1, hops))]
        // An address, with an optional port or brackets: never free text for the logs.
        guard !entry.isEmpty, entry.count <= 64, entry.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".:[]_-".unicodeScalars.contains($0)) })
        else { return nil }
        return entry
    }

    static func isAPI(_ path: String) -> Bool {
        path == "/api" || path.hasPrefix("/api/")
    }

    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
