import Foundation
import Hummingbird

/// SEAO's public calls for tenders: the open calls and each process's page (public, in French
/// and English), and the administrators' imports and buyers' municipalities.
struct TenderController: Sendable {
    let web: WebController
    let tenders: TenderService
    let alerts: TenderAlerts
    let secureCookies: Bool
    /// The largest file taken by the upload form (a monthly file is ~60 MB).
    static let maxUploadBytes = 128 << 20

    func addRoutes(to router: Router<AppRequestContext>, guarded: GuardedRoutes) {
        for language in Language.allCases {
            router.get(.tenders, language) { request, context in try await self.list(request, self.web.context(language, context)) }
            router.get(.tender, language) { _, context in
                try await self.process(try context.parameters.require("ocid"), self.web.context(language, context))
            }
        }
        guarded.get(.tenderImports) { request, context, identity in
            let outcome = FormQuery.parameters(request).last { $0.0 == "message" }.map { $0.1 }
            return try await self.admin(context, identity, outcome: outcome.flatMap(Self.notice), problems: [])
        }
        guarded.upload(.tenderImports, maximumSize: Self.maxUploadBytes) { _, context, identity, form in
            try await self.upload(context, identity, form)
        }
        guarded.post(.tenderBuyer) { _, context, identity, form in
            let id = try context.parameters.require("id")
            let code = form["municipalite"].trimmingCharacters(in: .whitespaces)
            guard Municipality.isValidCode(code) else {
                return try await self.admin(context, identity, outcome: nil, problems: ["Le code MAMH de \(id) doit compter 5 chiffres (« \(code) » reçu)."], status: .badRequest)
            }
            do {
                guard try await self.tenders.setMunicipality(ofBuyer: id, to: code) != nil else { throw HTTPError(.notFound) }
            } catch let refusal as TenderService.ImportRefusal {
                return try await self.admin(context, identity, outcome: nil, problems: ["\(id) : \(refusal.reason)."], status: .badRequest)
            }
            return Response(status: .seeOther, headers: [.location: Route.tenderImports.path() + "?message=acheteur", .cacheControl: "no-store"])
        }
        guarded.get(.accountTenderAlerts) { _, context, identity in try await self.alertsPage(context, identity, notice: nil) }
        guarded.post(.accountTenderAlerts) { _, context, identity, form in
            // Anyone signed in reaches the page; it says who may ask for alerts.
            guard TenderAlerts.mayReceive(identity.user) else { return try await self.alertsPage(context, identity, notice: nil, status: .badRequest) }
            if form["action"] == "arreter" {
                try await self.alerts.unsubscribe(userID: identity.user.id)
                return try await self.alertsPage(context, identity, notice: "Les alertes sont arrêtées.")
            }
            try await self.alerts.subscribe(identity.user)
            return try await self.alertsPage(context, identity, notice: "Les alertes sont activées : vous recevrez un courriel pour chaque nouvel appel d'offres qui correspond.")
        }
        router.get(.tenderAlertsUnsubscribe) { request, context in
            let parameters = FormQuery.parameters(request)
            let id = parameters.last { $0.0 == "compte" }?.1 ?? "", token = parameters.last { $0.0 == "jeton" }?.1 ?? ""
            let (csrf, cookie) = try CSRF.token(for: request, context: context, secure: self.secureCookies)
            let web = self.web.context(.fr, context)
            var response = try self.page(TenderPages.unsubscribe(userID: id, token: token, csrf: CSRF.mask(csrf), done: false, web: web),
                                         title: "Ne plus recevoir les alertes d'appels d'offres", route: .tenderAlertsUnsubscribe, web: web)
            if let cookie { response.headers[.setCookie] = cookie }
            return response
        }
        router.post(.tenderAlertsUnsubscribe) { request, context in
            let query = FormQuery.parameters(request)
            let form = try await FormBody.parse(request)
            let web = self.web.context(.fr, context)
            // A mail program's one-click POST (RFC 8058): the link's parameters in the query, no cookie.
            let oneClick = form["List-Unsubscribe"] == "One-Click"
            if !oneClick { try CSRF.verify(form, request: request, context: context) }
            let id = oneClick ? (query.last { $0.0 == "compte" }?.1 ?? "") : form["compte"]
            let token = oneClick ? (query.last { $0.0 == "jeton" }?.1 ?? "") : form["jeton"]
            do {
                try await self.alerts.unsubscribe(userID: id, token: token)
            } catch let refusal as Refusal {
                if oneClick {
                    return Response(status: Problem(refusal).status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                                    body: .init(byteBuffer: ByteBuffer(string: refusal.message + "\n" + refusal.english + "\n")))
                }
                throw refusal
            }
            if oneClick {
                return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(string: "Désabonnement enregistré. / Unsubscribed.\n")))
            }
            return try self.page(TenderPages.unsubscribe(userID: id, token: "", csrf: "", done: true, web: web),
                                 title: "Alertes d'appels d'offres arrêtées", route: .tenderAlertsUnsubscribe, web: web)
        }
        guarded.post(.tenderSectors) { _, context, identity, form in
            let text = form["secteurs"]
            let problems = try await self.tenders.saveSectorMap(text)
            guard problems.isEmpty else {
                return try await self.admin(context, identity, outcome: nil, problems: problems.map(\.description), sectorMap: text, status: .badRequest)
            }
            return Response(status: .seeOther, headers: [.location: Route.tenderImports.path() + "?message=secteurs", .cacheControl: "no-store"])
        }
    }

    private static func notice(_ code: String) -> String? {
        switch code {
        case "acheteur": "La municipalité de l'organisme est enregistrée : ses appels d'offres sont rattachés à elle."
        case "secteurs": "Les secteurs des catégories sont enregistrés : les entreprises proposées pour chaque appel en tiennent compte."
        default: nil
        }
    }

    // MARK: Public pages

    func list(_ request: Request, _ web: WebContext) async throws -> Response {
        let parameters = FormQuery.parameters(request)
        func value(_ name: String) -> String { (parameters.last { $0.0 == name }?.1 ?? "").trimmingCharacters(in: .whitespaces) }
        var filter = TenderService.Filter()
        var problems: [String] = []
        filter.text = String(value("q").prefix(200))
        let region = value("region")
        if !region.isEmpty {
            if Region.find(region) != nil { filter.region = region } else { problems.append(web.tr("Région « \(region) » inconnue.", "Unknown region \"\(region)\".")) }
        }
        let kind = value("nature")
        if !kind.isEmpty {
            if TenderService.kinds.contains(where: { $0.code == kind }) { filter.kind = kind } else {
                problems.append(web.tr("Nature « \(kind) » inconnue : biens (goods), services ou travaux (works).", "Unknown kind \"\(kind)\": goods, services or works."))
            }
        }
        let category = value("categorie")
        if !category.isEmpty {
            if category.range(of: #"^[A-Z][0-9]{1,3}$"#, options: .regularExpression) != nil { filter.category = category } else {
                problems.append(web.tr("Catégorie SEAO « \(category) » invalide (ex. C01, S3).", "Invalid SEAO category \"\(category)\" (e.g. C01, S3)."))
            }
        }
        let closes = value("ferme-avant")
        if !closes.isEmpty {
            if QuebecTime.moment(day: closes, time: "23:59") != nil { filter.closesBy = closes } else {
                problems.append(web.tr("Date « \(closes) » invalide : AAAA-MM-JJ attendu.", "Invalid date \"\(closes)\": YYYY-MM-DD expected."))
            }
        }
        filter.allBodies = !value("tous").isEmpty
        let now = Date()
        let state = TenderPages.ListState(filter: filter, calls: try await tenders.openCalls(filter, now: now),
                                          categories: try await tenders.openCategories(now: now), problems: problems)
        return try page(TenderPages.list(state, web: web), title: web.tr("Appels d'offres publics", "Public calls for tenders"),
                        route: .tenders, web: web, status: problems.isEmpty ? .ok : .badRequest,
                        cache: web.identity == nil ? "public, max-age=60" : "private, no-store")
    }

    func process(_ ocid: String, _ web: WebContext) async throws -> Response {
        guard let found = try await tenders.process(ocid) else { throw HTTPError(.notFound) }
        // Hubs, buyers and administrators see the enterprises that could answer.
        let now = Date()
        let matches = web.identity?.user.has(.buyerWorkspace) == true ? try await tenders.matches(for: ocid, now: now) : nil
        return try page(TenderPages.process(found.tender, history: found.history, municipality: found.municipality, matches: matches, now: now, web: web),
                        title: found.tender.tender.title ?? found.tender.seaoNumber, route: .tender, parameters: [ocid], web: web,
                        fictional: matches?.contains { $0.summary.isFictional } ?? false,
                        cache: web.identity == nil ? "public, max-age=60" : "private, no-store")
    }

    // MARK: Alerts

    private func alertsPage(_ context: AppRequestContext, _ identity: Identity, notice: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        var web = self.web.context(.fr, context)
        web.identity = identity
        let may = TenderAlerts.mayReceive(identity.user)
        let subscribed = may ? try await alerts.isSubscribed(userID: identity.user.id) : false
        return try page(TenderPages.alerts(may: may, subscribed: subscribed, notice: notice, csrf: identity.csrfToken ?? "", web: web),
                        title: "Alertes d'appels d'offres", route: .accountTenderAlerts, web: web, status: status)
    }

    // MARK: Administrators

    private func admin(_ context: AppRequestContext, _ identity: Identity, outcome: String?, problems: [String], sectorMap: String? = nil,
                       status: HTTPResponse.Status = .ok) async throws -> Response {
        var web = self.web.context(.fr, context)
        web.identity = identity
        let map: String
        if let sectorMap { map = sectorMap } else { map = try await tenders.sectorMapText() }
        let body = TenderPages.admin(imports: try await tenders.imports(), buyers: try await tenders.buyers(), sectorMap: map, outcome: outcome, problems: problems,
                                     csrf: identity.csrfToken ?? "", web: web)
        return try page(body, title: "Appels d'offres du SEAO", route: .tenderImports, web: web, status: status)
    }

    private func upload(_ context: AppRequestContext, _ identity: Identity, _ form: MultipartForm) async throws -> Response {
        guard let file = form.file("fichier"), !file.data.isEmpty else {
            return try await admin(context, identity, outcome: nil, problems: ["Choisissez un fichier JSON du SEAO à importer."], status: .badRequest)
        }
        do {
            let done = try await tenders.importUpload(file.data, fileName: file.fileName, by: identity.user.id)
            var outcome = done.summary
            // The alerts of the new calls go now rather than at the next run of the job; the
            // import stands whatever happens to them (the job tries again).
            do {
                let queued = try await alerts.sendDue()
                if queued > 0 { outcome += " Alertes envoyées : \(queued)." }
            } catch {
                context.logger.warning("SEAO alerts after an import failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            let skips = try await tenders.skips(importID: done.id)
            if !skips.isEmpty {
                outcome += " " + skips.prefix(10).map { "Publication \($0.position)\($0.ocid.map { " (\($0))" } ?? "") ignorée : \($0.reason)." }.joined(separator: " ")
            }
            return try await admin(context, identity, outcome: outcome, problems: [])
        } catch let refusal as TenderService.ImportRefusal {
            return try await admin(context, identity, outcome: nil, problems: [refusal.description], status: .badRequest)
        }
    }

    /// `fictional`: the page lists demo enterprises, and the site's banner says they are fictional.
    private func page(_ body: SafeHTML, title: String, route: Route, parameters: [String] = [], web: WebContext, status: HTTPResponse.Status = .ok,
                      fictional: Bool = false, cache: String = "private, no-store") throws -> Response {
        let model = WrittenPage(t: web.t, layout: web.layout(title: title, description: title, path: SiteURL.route(route, parameters), fictional: fictional), body: body)
        return try self.web.renderer.html(model, template: "written", status: status, headers: [.cacheControl: cache])
    }
}
