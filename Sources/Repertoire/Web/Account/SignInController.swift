import Foundation
import Hummingbird
import Mustache

/// Signing in and out, and the password links (invitation, reset). These pages are public; their
/// forms are protected by the visitor's CSRF cookie.
struct SignInController: Sendable {
    let web: WebController
    let accounts: AccountService
    let secureCookies: Bool

    struct SignInPage: Sendable {
        var frame: StaffFrame
        var email: String
        var returnTo: String
        var signedInAs: String?
    }

    struct ForgotPage: Sendable {
        var frame: StaffFrame
        var email: String
        var sent: Bool
    }

    struct PasswordPage: Sendable {
        var frame: StaffFrame
        var token: String
        var email: String?
        var name: String?
        var isInvitation: Bool
        var usable: Bool
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(.signIn) { request, context in try signInPage(request, context) }
        router.post(.signIn) { request, context in try await signIn(request, context) }
        router.post(.signOut) { request, context in try await signOut(request, context) }
        router.get(.forgotPassword) { request, context in try forgotPage(request, context, email: "", sent: false) }
        router.post(.forgotPassword) { request, context in try await forgot(request, context) }
        router.get(.choosePassword) { request, context in try await passwordPage(request, context) }
        router.post(.choosePassword) { request, context in try await choosePassword(request, context) }
    }

    private func frame(_ request: Request, _ context: AppRequestContext, title: String, path: String, notice: String? = nil, error: String? = nil) throws -> (StaffFrame, String?) {
        let (csrf, cookie) = try CSRF.token(for: request, context: context, secure: secureCookies)
        return (StaffFrame(web.context(.fr, context), title: title, path: path, csrf: csrf, notice: notice, error: error), cookie)
    }

    private func form(_ request: Request, _ context: AppRequestContext) async throws -> FormBody {
        let form = try await FormBody.parse(request)
        try CSRF.verify(form, request: request, context: context)
        return form
    }

    func signInPage(_ request: Request, _ context: AppRequestContext, email: String = "", error: String? = nil,
                    status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let parameters = FormQuery.parameters(request)
        let returnTo = ReturnPath.safe(parameters.first { $0.0 == "retour" }?.1)
        let notice = parameters.contains { $0.0 == "deconnecte" } ? "Vous êtes déconnecté." : nil
        let (frame, cookie) = try frame(request, context, title: "Connexion", path: Route.signIn.path(), notice: notice, error: error)
        var response = try web.renderer.staff(SignInPage(frame: frame, email: email, returnTo: returnTo,
                                                         signedInAs: context.identity?.user.label), template: "signin", status: status, setCookies: [cookie])
        response.headers.append(contentsOf: headers)
        return response
    }

    func signIn(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await form(request, context)
        let email = form["email"]
        guard !email.isEmpty, !form.raw("password").isEmpty else {
            return try signInPage(request, context, email: email, error: "Indiquez votre adresse courriel et votre mot de passe.", status: .unprocessableContent)
        }
        switch try await accounts.signIn(email: email, password: form.raw("password"), client: context.clientAddress, replacing: context.identity?.sessionID) {
        case .signedIn(_, let cookieValue):
            return Response(status: .seeOther, headers: [
                .location: ReturnPath.safe(form["retour"]),
                .setCookie: CookieHeader.make(IdentityMiddleware.sessionCookie, value: cookieValue, maxAge: Int(SessionStore.lifetime), secure: secureCookies),
                .cacheControl: "no-store",
            ])
        case .refused:
            return try signInPage(request, context, email: email, error: "Adresse courriel ou mot de passe incorrect.", status: .unauthorized)
        case .throttled(let seconds):
            let minutes = max(1, (seconds + 59) / 60)
            return try signInPage(request, context, email: email,
                                  error: "Trop de tentatives de connexion. Pour protéger ce compte, attendez \(minutes) minute\(minutes > 1 ? "s" : "") avant de réessayer, ou réinitialisez votre mot de passe.",
                                  status: .tooManyRequests, headers: [.retryAfter: String(seconds)])
        }
    }

    func signOut(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try await form(request, context)
        if let identity = context.identity {
            try await accounts.signOut(identity, client: context.clientAddress)
        }
        return Response(status: .seeOther, headers: [
            .location: Route.signIn.path() + "?deconnecte=1",
            .setCookie: CookieHeader.expire(IdentityMiddleware.sessionCookie, secure: secureCookies),
            .cacheControl: "no-store",
        ])
    }

    func forgotPage(_ request: Request, _ context: AppRequestContext, email: String, sent: Bool, error: String? = nil,
                    status: HTTPResponse.Status = .ok) throws -> Response {
        let notice = sent ? "Si un compte actif existe pour cette adresse, un courriel contenant un lien de réinitialisation vient d'y être envoyé. Le lien est valide une heure." : nil
        let (frame, cookie) = try frame(request, context, title: "Mot de passe oublié", path: Route.forgotPassword.path(), notice: notice, error: error)
        return try web.renderer.staff(ForgotPage(frame: frame, email: email, sent: sent), template: "forgot", status: status, setCookies: [cookie])
    }

    func forgot(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await form(request, context)
        let email = form["email"]
        if case .failure(let issue) = ContactRules.email(email, field: "email") {
            return try forgotPage(request, context, email: "", sent: false, error: issue.message, status: .unprocessableContent)
        }
        try await accounts.requestPasswordReset(email: email, client: context.clientAddress)
        return try forgotPage(request, context, email: "", sent: true)
    }

    func passwordPage(_ request: Request, _ context: AppRequestContext, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let token = FormQuery.parameters(request).first { $0.0 == "jeton" }?.1 ?? ""
        return try await passwordPage(request, context, token: token, error: error, status: status)
    }

    func passwordPage(_ request: Request, _ context: AppRequestContext, token: String, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let state = try await accounts.linkState(token)
        var page: PasswordPage
        var problem = error
        var status = status
        switch state {
        case .valid(let purpose, let email, let name):
            let (frame, cookie) = try frame(request, context, title: "Choisir un mot de passe", path: Route.choosePassword.path(), error: error)
            page = PasswordPage(frame: frame, token: token, email: email, name: name, isInvitation: purpose == "invitation", usable: true)
            var response = try web.renderer.staff(page, template: "password", status: status, setCookies: [cookie])
            // The address holds the secret: never pass it on as a referrer.
            response.headers[.referrerPolicy] = "no-referrer"
            return response
        case .expired: problem = "Ce lien a expiré. Demandez un nouveau lien ci-dessous, ou une nouvelle invitation à la personne qui vous a invité."
        case .used: problem = "Ce lien a déjà été utilisé. Connectez-vous, ou demandez un nouveau lien."
        case .unknown: problem = "Ce lien n'est pas valide. Vérifiez qu'il a été copié en entier, ou demandez un nouveau lien."
        }
        if status == .ok { status = .notFound }
        let (frame, cookie) = try frame(request, context, title: "Lien invalide", path: Route.choosePassword.path(), error: problem)
        page = PasswordPage(frame: frame, token: "", email: nil, name: nil, isInvitation: false, usable: false)
        return try web.renderer.staff(page, template: "password", status: status, setCookies: [cookie])
    }

    func choosePassword(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await form(request, context)
        let token = form["jeton"]
        do {
            let (_, cookieValue) = try await accounts.choosePassword(secret: token, password: form.raw("password"), confirmation: form.raw("confirmation"),
                                                                    client: context.clientAddress, replacing: context.identity?.sessionID)
            return Response(status: .seeOther, headers: [
                .location: Route.account.path() + "?message=bienvenue",
                .setCookie: CookieHeader.make(IdentityMiddleware.sessionCookie, value: cookieValue, maxAge: Int(SessionStore.lifetime), secure: secureCookies),
                .cacheControl: "no-store",
            ])
        } catch let error as AccountError {
            return try await passwordPage(request, context, token: token, error: error.message, status: .unprocessableContent)
        }
    }
}

// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension SignInController.SignInPage: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "email": self.email
        case "returnTo": self.returnTo
        case "signedInAs": self.signedInAs
        default: nil
        }
    }
}

extension SignInController.ForgotPage: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "email": self.email
        case "sent": self.sent
        default: nil
        }
    }
}

extension SignInController.PasswordPage: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "token": self.token
        case "email": self.email
        case "name": self.name
        case "isInvitation": self.isInvitation
        case "usable": self.usable
        default: nil
        }
    }
}
