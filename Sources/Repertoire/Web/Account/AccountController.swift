import Foundation
import Hummingbird
import Mustache

/// `/compte`: one's own account: roles, password, sessions and personal API tokens.
struct AccountController: Sendable {
    let web: WebController
    let accounts: AccountService
    let secureCookies: Bool

    struct TokenItem: Sendable {
        var id: String
        var name: String
        var hint: String
        var created: String
        var lastUsed: String
        var revoked: String?
        var active: Bool
        var revokeURL: String
    }

    struct AccountPage: Sendable {
        var frame: StaffFrame
        var name: String
        var email: String
        var roles: String
        var regions: String?
        var municipality: String?
        var enterprise: String?
        var sessions: Int
        var tokens: [TokenItem]
        var hasTokens: Bool
        var newToken: String?
        var tools: [LinkModel]
        var hasTools: Bool
        var tokenName: String
    }

    static let messages = [
        "bienvenue": "Votre mot de passe est enregistré : vous êtes connecté.",
        "motdepasse": "Votre mot de passe a été changé. Vos autres sessions ont été fermées.",
        "revoque": "Le jeton a été révoqué : il ne donne plus accès à l'API.",
    ]

    func addRoutes(to routes: GuardedRoutes) {
        routes.get(.account) { request, context, identity in
            let code = FormQuery.parameters(request).first { $0.0 == "message" }?.1
            return try await page(context, identity, notice: code.flatMap { Self.messages[$0] })
        }
        routes.post(.changePassword) { _, context, identity, form in
            do {
                try await accounts.changePassword(identity, current: form.raw("current"), new: form.raw("password"),
                                                  confirmation: form.raw("confirmation"), client: context.clientAddress)
                return Response(status: .seeOther, headers: [.location: Route.account.path() + "?message=motdepasse"])
            } catch let error as AccountError {
                return try await page(context, identity, error: error.message, status: .unprocessableContent)
            }
        }
        routes.post(.signOutEverywhere) { _, context, identity, _ in
            try await accounts.signOutEverywhere(identity, client: context.clientAddress)
            return Response(status: .seeOther, headers: [
                .location: Route.signIn.path() + "?deconnecte=1",
                .setCookie: CookieHeader.expire(IdentityMiddleware.sessionCookie, secure: secureCookies),
            ])
        }
        routes.post(.tokens) { _, context, identity, form in
            do {
                let (_, secret) = try await accounts.createToken(identity, name: form["name"], client: context.clientAddress)
                return try await page(context, identity, notice: "Jeton créé. Copiez-le maintenant : il ne sera plus jamais affiché.", newToken: secret)
            } catch let error as AccountError {
                return try await page(context, identity, error: error.message, status: .unprocessableContent, tokenName: form["name"])
            }
        }
        routes.post(.revokeToken) { _, context, identity, _ in
            do {
                try await accounts.revokeToken(identity, id: try context.parameters.require("id"), client: context.clientAddress)
                return Response(status: .seeOther, headers: [.location: Route.account.path() + "?message=revoque"])
            } catch let error as AccountError {
                return try await page(context, identity, error: error.message, status: .notFound)
            }
        }
    }

    func page(_ context: AppRequestContext, _ identity: Identity, notice: String? = nil, error: String? = nil,
              status: HTTPResponse.Status = .ok, newToken: String? = nil, tokenName: String = "") async throws -> Response {
        let user = identity.user
        let webContext = web.context(.fr, context)
        let tokens = try await accounts.tokens.tokens(userID: user.id).map { token in
            TokenItem(id: token.id, name: token.name, hint: token.hint + "…", created: StaffDates.text(token.createdAt),
                      lastUsed: token.lastUsedAt.map(StaffDates.text) ?? "jamais", revoked: token.revokedAt.map(StaffDates.text), active: token.revokedAt == nil,
                      revokeURL: Route.revokeToken.path(token.id))
        }
        let enterprise: String?
        if let id = user.enterpriseID, let found = try await web.directory.enterprise(id) { enterprise = found.profile.name } else { enterprise = nil }
        // Everyone may receive the hub's digest at their account's address.
        var tools = StaffLinks.links(for: user) + [LinkModel(url: Route.accountDigest.path(), label: "Résumé J'achète! par courriel")]
        if TenderAlerts.mayReceive(user) { tools.append(LinkModel(url: Route.accountTenderAlerts.path(), label: "Alertes d'appels d'offres (SEAO)")) }
        let model = AccountPage(
            frame: StaffFrame(webContext, title: "Mon compte", path: Route.account.path(), csrf: identity.csrfToken ?? "", notice: notice, error: error),
            name: user.name, email: user.email, roles: user.roleNames,
            regions: user.regions.isEmpty ? nil : user.regions.sorted().compactMap { Region.find($0).map { "\($0.name) (\($0.code))" } }.joined(separator: ", "),
            municipality: user.municipalityCode.map { web.directory.municipality(code: $0)?.name ?? $0 },
            enterprise: enterprise,
            sessions: try await accounts.sessions.count(userID: user.id),
            tokens: tokens, hasTokens: !tokens.isEmpty, newToken: newToken, tools: tools, hasTools: !tools.isEmpty, tokenName: tokenName)
        return try web.renderer.staff(model, template: "account", status: status)
    }
}

// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension AccountController.TokenItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "name": self.name
        case "hint": self.hint
        case "created": self.created
        case "lastUsed": self.lastUsed
        case "revoked": self.revoked
        case "active": self.active
        case "revokeURL": self.revokeURL
        default: nil
        }
    }
}

extension AccountController.AccountPage: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "name": self.name
        case "email": self.email
        case "roles": self.roles
        case "regions": self.regions
        case "municipality": self.municipality
        case "enterprise": self.enterprise
        case "sessions": self.sessions
        case "tokens": self.tokens
        case "hasTokens": self.hasTokens
        case "newToken": self.newToken
        case "tools": self.tools
        case "hasTools": self.hasTools
        case "tokenName": self.tokenName
        default: nil
        }
    }
}
