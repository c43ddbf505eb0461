import Hummingbird
import Synchronization

/// One protected route: who may use it.
struct AccessRule: Sendable, Equatable {
    var method: HTTPRequest.Method
    var path: String
    var permission: Permission
    var isAPI: Bool
}

/// Every protected route of the app with the permission it requires, filled as the routes are
/// registered through ``GuardedRoutes`` (so that no protected route can be missing from it).
/// Routes not listed here are public. The authorization matrix test walks this table.
final class AccessTable: Sendable {
    private let storage = Mutex<[AccessRule]>([])

    var rules: [AccessRule] { storage.withLock { $0 } }

    func add(_ rule: AccessRule) {
        storage.withLock { $0.append(rule) }
    }
}

/// Registers routes that require a permission. The handler runs only for an identity holding
/// it, and receives that identity; a visitor is sent to the sign-in page (web) or answered 401
/// (API); a signed-in user without the permission gets 403. Web forms are checked for CSRF.
struct GuardedRoutes {
    let router: Router<AppRequestContext>
    let table: AccessTable

    typealias PageHandler = @Sendable (Request, AppRequestContext, Identity) async throws -> Response
    typealias FormHandler = @Sendable (Request, AppRequestContext, Identity, FormBody) async throws -> Response

    func get(_ route: Route, _ language: Language = .fr, _ handler: @escaping PageHandler) {
        let permission = Self.permission(of: route)
        precondition(language == .fr || route.hasEnglish, "\(route) has no English page")
        let pattern = route.pattern(language)
        table.add(AccessRule(method: .get, path: pattern, permission: permission, isAPI: false))
        router.get(RouterPath(pattern)) { request, context in
            try await handler(request, context, try Self.authorize(request, context, permission, api: false))
        }
    }

    /// A form post: the body is parsed and its CSRF token checked before the handler runs.
    func post(_ route: Route, _ handler: @escaping FormHandler) {
        let permission = Self.permission(of: route)
        table.add(AccessRule(method: .post, path: route.pattern(), permission: permission, isAPI: false))
        router.post(RouterPath(route.pattern())) { request, context in
            let identity = try Self.authorize(request, context, permission, api: false)
            let form = try await FormBody.parse(request)
            try CSRF.verify(form, request: request, context: context)
            return try await handler(request, context, identity, form)
        }
    }

    /// An API route (bearer tokens: no CSRF, since browsers never send them by themselves).
    func api(_ method: HTTPRequest.Method, _ path: String, prefix: String, _ permission: Permission, _ handler: @escaping PageHandler) {
        table.add(AccessRule(method: method, path: prefix + path, permission: permission, isAPI: true))
        router.on(RouterPath(path), method: method) { request, context in
            try await handler(request, context, try Self.authorize(request, context, permission, api: true))
        }
    }

    /// A guarded route must say who may use it: a route without a permission is a programming
    /// error, caught when the router is built (every test builds it).
    static func permission(of route: Route) -> Permission {
        guard let permission = route.permission else { preconditionFailure("\(route) is registered as protected but has no permission") }
        return permission
    }

    static func authorize(_ request: Request, _ context: AppRequestContext, _ permission: Permission, api: Bool) throws -> Identity {
        guard let identity = context.identity else {
            if api {
                var problem = Problem(.unauthorized, title: "Authentification requise",
                                      detail: context.presentedInvalidToken
                                        ? "Le jeton présenté n'est pas valide (inconnu, révoqué, ou son compte est désactivé)."
                                        : "Présentez un jeton d'API personnel dans l'en-tête Authorization: Bearer <jeton> (créez-le dans « Mon compte »).",
                                      english: context.presentedInvalidToken
                                        ? "The token presented is not valid (unknown, revoked, or its account is deactivated)."
                                        : "Present a personal API token in the header Authorization: Bearer <token> (create one under \"My account\").")
                problem.headers[.wwwAuthenticate] = context.presentedInvalidToken ? "Bearer realm=\"repertoire\", error=\"invalid_token\"" : "Bearer realm=\"repertoire\""
                throw problem
            }
            throw SignInRequired(returnTo: request.uri.string)
        }
        guard identity.user.has(permission) else {
            throw Problem(.forbidden, title: "Accès refusé",
                          detail: "Votre compte (\(identity.user.roleNames.isEmpty ? "sans rôle" : identity.user.roleNames)) ne donne pas accès à cette page (\(permission.label)).",
                          english: "Your account does not give access to this page (\(permission.rawValue)).")
        }
        return identity
    }
}

/// A visitor asked for a page that needs an account: answered with a redirect to sign in.
struct SignInRequired: Error, HTTPResponseError {
    var returnTo: String
    var status: HTTPResponse.Status { .seeOther }

    var location: String {
        Route.signIn.path() + "?retour=" + (returnTo.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}

import Foundation
