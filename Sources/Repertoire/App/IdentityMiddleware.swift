import Foundation
import HTTPTypes
import Hummingbird

/// Finds who makes each request: a session cookie (browsers) or a bearer token (the API: a
/// personal token, or the configuration's service token). Lookups hit the database only when a
/// credential is presented, so anonymous browsing costs nothing.
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let sessions: SessionStore
    let tokens: APITokenStore
    let serviceToken: String?
    let trustForwardedFor: Bool

    static let sessionCookie = "repertoire_session"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if trustForwardedFor, let forwarded = request.headers[.xForwardedFor]?.split(separator: ",").first {
            context.clientAddress = forwarded.trimmingCharacters(in: .whitespaces)
        }
        if let bearer = Self.bearer(request) {
            if let serviceToken, SecretToken.equals(bearer, serviceToken) {
                context.identity = .service
            } else if let identity = try await tokens.identity(secret: bearer) {
                context.identity = identity
            } else {
                context.presentedInvalidToken = true
            }
        } else if let cookie = request.cookies[Self.sessionCookie]?.value, !cookie.isEmpty, cookie.count < 200 {
            context.identity = try await sessions.identity(cookieValue: cookie)
        }
        return try await next(request, context)
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
