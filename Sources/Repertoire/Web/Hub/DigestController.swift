import Foundation
import Hummingbird

/// The J'achète digest on the web: subscribing (visitors with double opt-in, signed-in people from
/// their account), confirming, and unsubscribing (the page, or a mail program's one-click POST).
struct DigestController: Sendable {
    let web: WebController
    let digests: DigestService
    var secureCookies = false

    func addRoutes(to router: Router<AppRequestContext>, guarded: GuardedRoutes) {
        for language in Language.allCases {
            router.get(.hubDigest, language) { request, context in try await self.subscribePage(request, context, self.web.context(language, context)) }
            router.get(.hubDigestConfirm, language) { request, context in try await self.confirmPage(request, context, self.web.context(language, context)) }
            router.get(.hubDigestUnsubscribe, language) { request, context in try await self.unsubscribePage(request, context, self.web.context(language, context)) }
        }
        router.post(.hubDigest) { request, context in try await self.subscribe(request, context) }
        router.post(.hubDigestConfirm) { request, context in try await self.confirm(request, context) }
        router.post(.hubDigestUnsubscribe) { request, context in try await self.unsubscribe(request, context) }
        guarded.get(.accountDigest) { _, context, identity in try await self.accountPage(context, identity, notice: nil) }
        guarded.post(.accountDigest) { _, context, identity, form in try await self.accountSave(context, identity, form) }
    }

    private func page(_ body: SafeHTML, title: String, route: Route, web: WebContext, status: HTTPResponse.Status = .ok, cookie: String? = nil) throws -> Response {
        let model = WrittenPage(t: web.t, layout: web.layout(title: title, description: title, path: .route(route), fictional: false), body: body)
        var response = try self.web.renderer.html(model, template: "written", status: status, headers: [.cacheControl: "private, no-store", .referrerPolicy: "no-referrer"])
        if let cookie { response.headers[.setCookie] = cookie }
        return response
    }

    private func refused(_ refusal: Refusal, route: Route, web: WebContext, cookie: String? = nil) throws -> Response {
        var w = HTMLWriter(capacity: 512)
        w.markup("<div class=\"hub\"><h1>"); w.text(refusal.title); w.markup("</h1><p>"); w.text(web.tr(refusal.message, refusal.english))
        w.markup("</p><p><a href=\""); w.text(Route.hubDigest.path(language: web.language)); w.markup("\">"); w.text(web.tr("S'abonner au résumé", "Subscribe to the digest"))
        w.markup("</a></p></div>")
        return try page(w.result, title: refusal.title, route: route, web: web, status: Problem(refusal).status, cookie: cookie)
    }

    private static func input(_ form: FormBody) -> DigestService.Input {
        DigestService.Input(email: form["courriel"], frequency: form["frequence"], regions: form.all("regions"))
    }

    // MARK: Visitors

    func subscribePage(_ request: Request, _ context: AppRequestContext, _ web: WebContext, state: DigestPages.FormState? = nil,
                       status: HTTPResponse.Status = .ok) async throws -> Response {
        let (csrf, cookie) = try CSRF.token(for: request, context: context, secure: secureCookies)
        var state = state ?? DigestPages.FormState(input: .init(), csrf: "")
        state.csrf = CSRF.mask(csrf)
        return try page(DigestPages.subscribe(state, web: web), title: web.tr("Résumé J'achète!", "J'achète! digest"), route: .hubDigest, web: web,
                        status: status, cookie: cookie)
    }

    func subscribe(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.parse(request)
        try CSRF.verify(form, request: request, context: context)
        let language: Language = form["langue"] == "en" ? .en : .fr
        let web = self.web.context(language, context)
        let input = Self.input(form)
        switch try await digests.subscribe(input, language: language) {
        case .success:
            let notice = web.tr("Presque fini : si cette adresse n'est pas déjà abonnée, un courriel lui demande de confirmer (le lien vaut sept jours).",
                                "Almost done: unless this address is already subscribed, an e-mail asks it to confirm (the link is valid for seven days).")
            return try await subscribePage(request, context, web, state: .init(input: .init(), notice: notice, csrf: ""))
        case .failure(let failure):
            return try await subscribePage(request, context, web, state: .init(input: input, issues: failure.issues, csrf: ""), status: .badRequest)
        }
    }

    func confirmPage(_ request: Request, _ context: AppRequestContext, _ web: WebContext) async throws -> Response {
        let token = FormQuery.parameters(request).last { $0.0 == "jeton" }?.1 ?? ""
        let (csrf, cookie) = try CSRF.token(for: request, context: context, secure: secureCookies)
        do {
            let subscription = try await digests.pending(token: token)
            return try page(DigestPages.confirm(subscription, token: token, csrf: CSRF.mask(csrf), web: web), title: web.tr("Confirmer l'abonnement", "Confirm the subscription"),
                            route: .hubDigestConfirm, web: web, cookie: cookie)
        } catch let refusal as Refusal {
            return try refused(refusal, route: .hubDigestConfirm, web: web, cookie: cookie)
        }
    }

    func confirm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.parse(request)
        try CSRF.verify(form, request: request, context: context)
        let web = self.web.context(form["langue"] == "en" ? .en : .fr, context)
        do {
            let subscription = try await digests.confirm(token: form["jeton"])
            return try page(DigestPages.confirm(subscription, token: "", csrf: "", web: web), title: web.tr("Abonnement confirmé", "Subscription confirmed"),
                            route: .hubDigestConfirm, web: web)
        } catch let refusal as Refusal {
            return try refused(refusal, route: .hubDigestConfirm, web: web)
        }
    }

    func unsubscribePage(_ request: Request, _ context: AppRequestContext, _ web: WebContext) async throws -> Response {
        let parameters = FormQuery.parameters(request)
        let id = parameters.last { $0.0 == "abonnement" }?.1 ?? "", token = parameters.last { $0.0 == "jeton" }?.1 ?? ""
        let (csrf, cookie) = try CSRF.token(for: request, context: context, secure: secureCookies)
        do {
            let subscription = try await digests.unsubscribeTarget(id: id, token: token)
            return try page(DigestPages.unsubscribe(subscription, token: token, csrf: CSRF.mask(csrf), done: false, web: web),
                            title: web.tr("Se désabonner", "Unsubscribe"), route: .hubDigestUnsubscribe, web: web, cookie: cookie)
        } catch let refusal as Refusal {
            return try refused(refusal, route: .hubDigestUnsubscribe, web: web, cookie: cookie)
        }
    }

    /// The page's form, or a mail program's one-click POST (RFC 8058: the link's own parameters in
    /// the query, `List-Unsubscribe=One-Click` in the body, no cookie).
    func unsubscribe(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = FormQuery.parameters(request)
        let form = try await FormBody.parse(request)
        if form["List-Unsubscribe"] == "One-Click" {
            let id = query.last { $0.0 == "abonnement" }?.1 ?? "", token = query.last { $0.0 == "jeton" }?.1 ?? ""
            do {
                _ = try await digests.unsubscribe(id: id, token: token)
                return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(string: "Désabonnement enregistré. / Unsubscribed.\n")))
            } catch let refusal as Refusal {
                return Response(status: Problem(refusal).status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(string: refusal.message + "\n" + refusal.english + "\n")))
            }
        }
        try CSRF.verify(form, request: request, context: context)
        let web = self.web.context(form["langue"] == "en" ? .en : .fr, context)
        do {
            let subscription = try await digests.unsubscribe(id: form["abonnement"], token: form["jeton"])
            return try page(DigestPages.unsubscribe(subscription, token: "", csrf: "", done: true, web: web), title: web.tr("Désabonnement enregistré", "Unsubscribed"),
                            route: .hubDigestUnsubscribe, web: web)
        } catch let refusal as Refusal {
            return try refused(refusal, route: .hubDigestUnsubscribe, web: web)
        }
    }

    // MARK: Signed-in people

    func accountPage(_ context: AppRequestContext, _ identity: Identity, notice: String?, input: DigestService.Input? = nil, issues: [FieldIssue] = [],
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        var web = self.web.context(.fr, context)
        web.identity = identity
        let current = try await digests.subscription(of: identity.user)
        let defaultRegions = identity.user.municipalityCode.flatMap { web.directory.catalog.municipality(code: $0)?.regionCode }.map { [$0] } ?? identity.user.regions.sorted()
        let shown = input ?? (current.map { $0.status == .active ? DigestService.Input(email: "", frequency: $0.frequency.rawValue, regions: $0.regions) : nil } ?? nil)
            ?? DigestService.Input(email: "", frequency: DigestSubscription.Frequency.monthly.rawValue, regions: defaultRegions)
        let state = DigestPages.FormState(input: shown, issues: issues, notice: notice, csrf: CSRF.mask(identity.csrfToken ?? ""), account: .some(current))
        return try page(DigestPages.account(state, web: web), title: "Résumé J'achète!", route: .accountDigest, web: web, status: status)
    }

    func accountSave(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        if form["action"] == "desabonner" {
            try await digests.unsubscribe(identity.user)
            return try await accountPage(context, identity, notice: "Vous ne recevrez plus le résumé.")
        }
        let input = Self.input(form)
        switch try await digests.subscribe(identity.user, input, language: .fr) {
        case .success(let subscription):
            return try await accountPage(context, identity, notice: "Abonnement enregistré : résumé \(subscription.frequency.name.lowercased()), envoyé à \(subscription.email).")
        case .failure(let failure):
            return try await accountPage(context, identity, notice: nil, input: input, issues: failure.issues, status: .badRequest)
        }
    }
}
