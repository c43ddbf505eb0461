import Foundation
import Hummingbird

/// « Économie sociale, J'achète! » on the web: the public hub (front page, articles, new
/// enterprises, images) and the hub editors' pages. Thin handlers over ``ArticleService``.
struct HubController: Sendable {
    let web: WebController
    let articles: ArticleService
    /// The visitors' form cookie is `Secure` behind https.
    var secureCookies = false

    func addRoutes(to router: Router<AppRequestContext>, guarded: GuardedRoutes) {
        for language in Language.allCases {
            router.get(.hub, language) { request, context in try await self.front(request, self.web.context(language, context)) }
            router.get(.hubArticle, language) { request, context in
                try await self.article(try context.parameters.require("slug"), request, context, self.web.context(language, context))
            }
            router.get(.hubNewEnterprises, language) { request, context in try await self.newEnterprises(request, self.web.context(language, context)) }
            for feed in [Route.hubFeedArticles, .hubFeedTrainings, .hubFeedNewEnterprises] {
                router.get(feed, language) { request, context in try await self.feed(feed, request, self.web.context(language, context)) }
            }
        }
        router.get(.hubImage) { _, context in try await self.image(try context.parameters.require("id")) }
        router.get(.hubCalendar) { _, context in try await self.calendar(self.web.context(.fr, context)) }
        router.post(.hubRegister) { request, context in try await self.register(try context.parameters.require("slug"), request, context) }
        for language in Language.allCases {
            router.get(.hubCancel, language) { request, context in try await self.cancelPage(request, context, self.web.context(language, context)) }
        }
        router.post(.hubCancel) { request, context in try await self.cancel(request, context) }
        guarded.get(.articleRegistrations) { _, context, identity in try await self.exportRegistrations(try context.parameters.require("id"), identity) }
        router.get(.hubTrainingCalendar) { _, context in try await self.trainingCalendar(try context.parameters.require("slug"), self.web.context(.fr, context)) }
        guarded.get(.articles) { request, context, identity in
            let notice = FormQuery.parameters(request).last { $0.0 == "message" }.flatMap { Self.notice($0.1) }
            let web = self.staffContext(context, identity)
            return try self.page(ArticlePages.list(try await self.articles.staffList(for: identity.user), notice: notice, now: Date(), web: web),
                                 title: "Articles J'achète", route: .articles, web: web)
        }
        guarded.get(.newArticle) { _, context, identity in
            let web = self.staffContext(context, identity)
            var input = ArticleService.Input()
            input.kind = Article.Kind.collaboration.rawValue
            if !identity.user.roles.contains(.admin) { input.regions = identity.user.regions.sorted() }
            return try self.page(ArticlePages.newPage(self.formState(input, issues: [], article: nil, identity.user), csrf: identity.csrfToken ?? "", web: web),
                                 title: "Écrire un article", route: .newArticle, web: web)
        }
        guarded.post(.newArticle) { _, context, identity, form in try await self.create(context, identity, form) }
        guarded.get(.article) { request, context, identity in
            let parameters = FormQuery.parameters(request)
            let notice = parameters.last { $0.0 == "message" }.flatMap { Self.notice($0.1) }
            let id = try context.parameters.require("id")
            // An earlier version's text in the form, to take it up again by saving it.
            if let wanted = parameters.last(where: { $0.0 == "version" }).flatMap({ Int($0.1) }),
               let revision = try await self.articles.store.revisions(of: id).first(where: { $0.version == wanted }) {
                let input = ArticleService.Input(revision.article, enterpriseNames: self.articles.enterpriseKeys(revision.article))
                return try await self.staffPage(id, context, identity, notice: "Le formulaire montre le texte de la version \(wanted) : enregistrez-le pour le reprendre (une nouvelle version est créée).",
                                                input: input)
            }
            return try await self.staffPage(id, context, identity, notice: notice)
        }
        guarded.post(.article) { _, context, identity, form in try await self.save(try context.parameters.require("id"), context, identity, form) }
        guarded.post(.articleStatus) { _, context, identity, form in try await self.changeStatus(try context.parameters.require("id"), context, identity, form) }
        guarded.get(.articleImages) { _, context, identity in
            let web = self.staffContext(context, identity)
            return try self.page(ArticlePages.imagesPage(issues: [], uploaded: nil, alt: "", csrf: identity.csrfToken ?? "",
                                                         maxMegabytes: self.articles.settings.imageMaxBytes >> 20, web: web),
                                 title: "Téléverser une image", route: .articleImages, web: web)
        }
        guarded.upload(.articleImages, maximumSize: articles.settings.imageMaxBytes + 100_000) { _, context, identity, form in
            try await self.upload(context, identity, form)
        }
    }

    // MARK: Helpers

    private func staffContext(_ context: AppRequestContext, _ identity: Identity) -> WebContext {
        var web = self.web.context(.fr, context)
        web.identity = identity
        return web
    }

    /// `fictional`: the page shows demo enterprises, and the site's banner says they are fictional.
    private func page(_ body: SafeHTML, title: String, route: Route, parameters: [String] = [], web: WebContext, status: HTTPResponse.Status = .ok,
                      cache: String = "private, no-store", fictional: Bool = false) throws -> Response {
        let path = SiteURL.route(route, parameters)
        let model = WrittenPage(t: web.t, layout: web.layout(title: title, description: title, path: path, fictional: fictional), body: body)
        return try self.web.renderer.html(model, template: "written", status: status, headers: [.cacheControl: cache])
    }

    private static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    private static func notice(_ code: String) -> String? {
        switch code {
        case "cree": "Le brouillon est enregistré. Relisez-le, puis publiez-le."
        case "modifie": "Les changements sont enregistrés."
        case "publie": "L'article est publié."
        case "programme": "La publication est programmée."
        case "archive": "L'article est archivé : il ne paraît plus dans les listes, mais sa page reste accessible."
        case "brouillon": "L'article est remis en brouillon : il ne paraît plus sur le site."
        default: nil
        }
    }

    private func formState(_ input: ArticleService.Input, issues: [FieldIssue], article: Article?, _ user: User, preview: Bool = false) -> ArticlePages.FormState {
        let admin = user.roles.contains(.admin)
        let regions = admin ? Region.all : Region.all.filter { user.regions.contains($0.code) }
        let municipalities = articles.directory.catalog.all.map { ($0.code, $0.name) }
            .sorted { $0.1.compare($1.1, locale: Locale(identifier: "fr_CA")) == .orderedAscending }
        return ArticlePages.FormState(input: input, issues: issues, article: article, regions: regions, mayChooseAllQuebec: admin,
                                      municipalities: municipalities, preview: preview)
    }

    private static func input(_ form: FormBody) -> ArticleService.Input {
        var input = ArticleService.Input()
        input.kind = form["type"]
        input.titleFrench = form["titre"]; input.summaryFrench = form["resume"]; input.bodyFrench = form.raw("texte")
        input.titleEnglish = form["titre_en"]; input.summaryEnglish = form["resume_en"]; input.bodyEnglish = form.raw("texte_en")
        input.regions = form.all("regions")
        input.tags = form["etiquettes"]
        input.enterprises = form["entreprises"]
        input.day = form["date"]; input.startTime = form["debut"]; input.endTime = form["fin"]
        input.online = form["en_ligne"] == "1"
        input.place = form["lieu"]; input.audience = form["public"]; input.registrationURL = form["inscription"]; input.capacity = form["places"]
        input.municipality = form["municipalite"]; input.bought = form["achat"]; input.procedure = form["mode"]
        input.amount = form["montant"]; input.outcome = form.raw("resultat")
        return input
    }

    private func refused(_ refusal: Refusal, web: WebContext, route: Route, parameters: [String] = []) throws -> Response {
        var w = HTMLWriter(capacity: 512)
        w.markup("<div class=\"staff\"><h1>"); w.text(refusal.title); w.markup("</h1><p>"); w.text(web.tr(refusal.message, refusal.english))
        w.markup("</p><p><a href=\""); w.text(Route.articles.path()); w.markup("\">← Articles « J'achète! »</a></p></div>")
        return try page(w.result, title: refusal.title, route: route, parameters: parameters, web: web, status: Problem(refusal).status)
    }

    // MARK: Staff pages

    func create(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let web = staffContext(context, identity)
        let input = Self.input(form)
        if form["action"] == "apercu" {
            let checked = try await articles.validate(input, existing: nil, for: identity.user, now: Date())
            let issues = if case .failure(let failure) = checked { failure.issues } else { [FieldIssue]() }
            return try page(ArticlePages.newPage(formState(input, issues: issues, article: nil, identity.user, preview: true), csrf: identity.csrfToken ?? "", web: web),
                            title: "Écrire un article", route: .newArticle, web: web, status: issues.isEmpty ? .ok : .badRequest)
        }
        do {
            switch try await articles.create(input, by: identity.user, client: context.clientAddress) {
            case .success(let article):
                return Self.redirect(Route.article.path(article.id) + "?message=cree")
            case .failure(let failure):
                return try page(ArticlePages.newPage(formState(input, issues: failure.issues, article: nil, identity.user), csrf: identity.csrfToken ?? "", web: web),
                                title: "Écrire un article", route: .newArticle, web: web, status: .badRequest)
            }
        } catch let refusal as Refusal {
            return try refused(refusal, web: web, route: .newArticle)
        }
    }

    func staffPage(_ id: String, _ context: AppRequestContext, _ identity: Identity, notice: String? = nil, problem: String? = nil,
                   input: ArticleService.Input? = nil, issues: [FieldIssue] = [], preview: Bool = false, status: HTTPResponse.Status = .ok) async throws -> Response {
        let web = staffContext(context, identity)
        do {
            let (article, canEdit, revisions) = try await articles.article(id, for: identity.user)
            let input = input ?? ArticleService.Input(article, enterpriseNames: articles.enterpriseKeys(article))
            var state = ArticlePages.ArticleState(form: formState(input, issues: issues, article: article, identity.user, preview: preview), revisions: revisions,
                                                  canEdit: canEdit, notice: notice, problem: problem, now: Date())
            if canEdit, article.training?.capacity != nil {
                state.registrations = try await articles.registrations(id, for: identity.user).registrations
            }
            return try page(ArticlePages.page(state, csrf: identity.csrfToken ?? "", web: web), title: article.titleFrench, route: .article, parameters: [id], web: web,
                            status: status)
        } catch let refusal as Refusal {
            return try refused(refusal, web: web, route: .article, parameters: [id])
        }
    }

    func save(_ id: String, _ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let input = Self.input(form)
        if form["action"] == "apercu" {
            let existing = try await articles.store.article(id: id)
            let checked = try await articles.validate(input, existing: existing, for: identity.user, now: Date())
            let issues = if case .failure(let failure) = checked { failure.issues } else { [FieldIssue]() }
            return try await staffPage(id, context, identity, input: input, issues: issues, preview: true, status: issues.isEmpty ? .ok : .badRequest)
        }
        guard let version = Int(form["version"]) else {
            return try await staffPage(id, context, identity, problem: "Version de l'article manquante : rechargez la page.", input: input, status: .badRequest)
        }
        do {
            switch try await articles.update(id, input, expectedVersion: version, by: identity.user, client: context.clientAddress) {
            case .success:
                return Self.redirect(Route.article.path(id) + "?message=modifie")
            case .failure(let failure):
                return try await staffPage(id, context, identity, input: input, issues: failure.issues, status: .badRequest)
            }
        } catch let refusal as Refusal where refusal.kind == .conflict {
            return try await staffPage(id, context, identity, problem: refusal.message, input: input, status: .conflict)
        } catch let refusal as Refusal {
            return try refused(refusal, web: staffContext(context, identity), route: .article, parameters: [id])
        }
    }

    func changeStatus(_ id: String, _ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        guard let version = Int(form["version"]) else {
            return try await staffPage(id, context, identity, problem: "Version de l'article manquante : rechargez la page.", status: .badRequest)
        }
        let transition: ArticleService.Transition
        var at: Date?
        let message: String
        switch form["action"] {
        case "publier": (transition, message) = (.publish, "publie")
        case "programmer":
            guard let moment = QuebecTime.moment(day: form["date"], time: form["heure"]) else {
                return try await staffPage(id, context, identity, problem: "Date ou heure de publication invalide « \(form["date"]) \(form["heure"]) » : AAAA-MM-JJ et HH:MM.",
                                           status: .badRequest)
            }
            (transition, at, message) = (.publish, moment, "programme")
        case "archiver": (transition, message) = (.archive, "archive")
        case "brouillon": (transition, message) = (.unpublish, "brouillon")
        default:
            return try await staffPage(id, context, identity, problem: "Action inconnue « \(form["action"]) ».", status: .badRequest)
        }
        do {
            let article = try await articles.transition(id, transition, at: at, expectedVersion: version, by: identity.user, client: context.clientAddress)
            let done = transition == .publish && article.state(at: Date()) == .published ? "publie" : message
            return Self.redirect(Route.article.path(id) + "?message=" + done)
        } catch let refusal as Refusal where refusal.kind == .conflict || refusal.kind == .invalid {
            return try await staffPage(id, context, identity, problem: refusal.message, status: Problem(refusal).status)
        } catch let refusal as Refusal {
            return try refused(refusal, web: staffContext(context, identity), route: .article, parameters: [id])
        }
    }

    func upload(_ context: AppRequestContext, _ identity: Identity, _ form: MultipartForm) async throws -> Response {
        let web = staffContext(context, identity)
        let alt = form["alt"]
        let result = try await articles.uploadImage(form.file("image")?.data ?? [], alt: alt, by: identity.user, client: context.clientAddress)
        let maxMegabytes = articles.settings.imageMaxBytes >> 20
        switch result {
        case .success(let image):
            return try page(ArticlePages.imagesPage(issues: [], uploaded: image, alt: "", csrf: identity.csrfToken ?? "", maxMegabytes: maxMegabytes, web: web),
                            title: "Téléverser une image", route: .articleImages, web: web)
        case .failure(let failure):
            return try page(ArticlePages.imagesPage(issues: failure.issues, uploaded: nil, alt: alt, csrf: identity.csrfToken ?? "", maxMegabytes: maxMegabytes, web: web),
                            title: "Téléverser une image", route: .articleImages, web: web, status: .badRequest)
        }
    }

    // MARK: Public pages

    /// The filter a visitor asked for, with what could not be read.
    private func filters(_ request: Request, _ web: WebContext) async throws -> HubPages.Filters {
        let parameters = FormQuery.parameters(request)
        func value(_ name: String) -> String { (parameters.last { $0.0 == name }?.1 ?? "").trimmingCharacters(in: .whitespaces) }
        var filter = ArticleService.Filter()
        var problems: [String] = []
        filter.text = String(value("q").prefix(200))
        let region = value("region")
        if !region.isEmpty {
            if Region.find(region) != nil { filter.region = region } else { problems.append(web.tr("Région « \(region) » inconnue.", "Unknown region \"\(region)\".")) }
        }
        let kind = value("type")
        if !kind.isEmpty {
            if let known = Article.Kind(rawValue: kind) { filter.kind = known } else {
                problems.append(web.tr("Type « \(kind) » inconnu (formation, collaboration ou nouvelle).", "Unknown kind \"\(kind)\" (formation, collaboration or nouvelle)."))
            }
        }
        let tag = value("etiquette")
        if !tag.isEmpty { filter.tag = tag }
        return HubPages.Filters(filter: filter, tags: try await articles.tags(), problems: problems)
    }

    func front(_ request: Request, _ web: WebContext) async throws -> Response {
        let filters = try await filters(request, web)
        var state = HubPages.FrontState(filters: filters, newEnterpriseMonths: articles.settings.newEnterpriseMonths)
        let now = Date()
        if filters.isActive {
            state.results = try await articles.published(filters.filter, now: now)
        } else {
            state.stories = Array(try await articles.published(.init(kind: .collaboration), now: now).prefix(6))
            state.trainings = Array(try await articles.upcomingTrainings(now: now).prefix(6))
            state.news = Array(try await articles.published(.init(kind: .news), now: now).prefix(6))
            state.newEnterprises = try await articles.newEnterprises(limit: 6, now: now)
        }
        let cache = web.identity == nil ? "public, max-age=60" : "private, no-store"
        return try page(HubPages.front(state, web: web), title: web.tr("J'achète! — économie sociale", "J'achète! — social economy"),
                        route: .hub, web: web, status: filters.problems.isEmpty ? .ok : .badRequest, cache: cache,
                        fictional: state.newEnterprises.contains { $0.summary.isFictional })
    }

    func article(_ slug: String, _ request: Request, _ context: AppRequestContext, _ web: WebContext, input: ArticleService.RegistrationInput = .init(),
                 issues: [FieldIssue] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let now = Date()
        guard let article = try await articles.readable(slug: slug, now: now) else {
            throw HTTPError(.notFound)
        }
        var state = HubPages.ArticleState(article: article, enterprises: articles.directory.summaries(ids: article.enterpriseIDs),
                                          municipalityName: article.collaboration.flatMap { articles.directory.catalog.municipality(code: $0.municipalityCode)?.name },
                                          now: now)
        var cache = web.identity == nil ? "public, max-age=60" : "private, no-store"
        var cookie: String?
        // A training taking registrations: its form carries the visitor's token, so the page is theirs.
        if article.isListed(at: now), let training = article.training, let seats = try await articles.seats(article) {
            let (csrf, setCookie) = try CSRF.token(for: request, context: context, secure: secureCookies)
            cookie = setCookie
            cache = "private, no-store"
            let notice = switch FormQuery.parameters(request).last(where: { $0.0 == "inscription" })?.1 {
            case "confirmee": web.tr("Votre inscription est confirmée : un courriel vous l'a envoyée, avec la formation à ajouter à votre agenda.",
                                     "Your registration is confirmed: an e-mail was sent to you, with the training to add to your calendar.")
            case "attente": web.tr("La formation est complète : vous êtes sur la liste d'attente. Un courriel vous le confirme.",
                                   "The training is full: you are on the waiting list. An e-mail confirms it.")
            default: String?.none
            }
            state.registration = HubPages.RegistrationBox(capacity: seats.capacity, confirmed: seats.confirmed, waiting: seats.waiting, csrf: CSRF.mask(csrf),
                                                          input: input, issues: issues, notice: notice, open: training.startsAt > now)
        }
        var response = try page(HubPages.article(state, web: web), title: article.title(web.language), route: .hubArticle, parameters: [slug], web: web,
                                status: status, cache: cache, fictional: state.enterprises.contains(where: \.isFictional))
        if let cookie { response.headers[.setCookie] = cookie }
        return response
    }

    func register(_ slug: String, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.parse(request)
        try CSRF.verify(form, request: request, context: context)
        let language: Language = form["langue"] == "en" ? .en : .fr
        let web = self.web.context(language, context)
        let input = ArticleService.RegistrationInput(name: form["nom"], email: form["courriel"], city: form["ville"])
        do {
            switch try await articles.register(slug: slug, input, client: context.clientAddress) {
            case .success(let done):
                let outcome = done.registration.status == .confirmed ? "confirmee" : "attente"
                return Self.redirect(Route.hubArticle.path(slug, language: language) + "?inscription=\(outcome)#inscription")
            case .failure(let failure):
                return try await article(slug, request, context, web, input: input, issues: failure.issues, status: .badRequest)
            }
        } catch let refusal as Refusal {
            return try page(Self.refusalBody(refusal, web: web), title: web.tr(refusal.title, refusal.title), route: .hubArticle, parameters: [slug], web: web,
                            status: Problem(refusal).status)
        }
    }

    private static func refusalBody(_ refusal: Refusal, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 512)
        w.markup("<div class=\"hub\"><h1>"); w.text(refusal.title); w.markup("</h1><p>"); w.text(web.tr(refusal.message, refusal.english))
        w.markup("</p><p><a href=\""); w.text(Route.hub.path(language: web.language)); w.markup("\">← <span lang=\"fr\">"); w.text(HubPages.title); w.markup("</span></a></p></div>")
        return w.result
    }

    func cancelPage(_ request: Request, _ context: AppRequestContext, _ web: WebContext) async throws -> Response {
        let secret = FormQuery.parameters(request).last { $0.0 == "jeton" }?.1 ?? ""
        let (csrf, cookie) = try CSRF.token(for: request, context: context, secure: secureCookies)
        var response: Response
        do {
            let (registration, article) = try await articles.registration(cancelToken: secret)
            response = try page(HubPages.cancelPage(registration, article, secret: secret, csrf: CSRF.mask(csrf), done: false, web: web),
                                title: web.tr("Annuler une inscription", "Cancel a registration"), route: .hubCancel, web: web)
        } catch let refusal as Refusal {
            response = try page(Self.refusalBody(refusal, web: web), title: refusal.title, route: .hubCancel, web: web, status: Problem(refusal).status)
        }
        // The secret is in the address: never sent on to another site.
        response.headers[.referrerPolicy] = "no-referrer"
        if let cookie { response.headers[.setCookie] = cookie }
        return response
    }

    func cancel(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.parse(request)
        try CSRF.verify(form, request: request, context: context)
        let web = self.web.context(form["langue"] == "en" ? .en : .fr, context)
        do {
            let (registration, article, _) = try await articles.cancelRegistration(secret: form["jeton"])
            return try page(HubPages.cancelPage(registration, article, secret: "", csrf: "", done: true, web: web),
                            title: web.tr("Inscription annulée", "Registration cancelled"), route: .hubCancel, web: web)
        } catch let refusal as Refusal {
            return try page(Self.refusalBody(refusal, web: web), title: refusal.title, route: .hubCancel, web: web, status: Problem(refusal).status)
        }
    }

    func exportRegistrations(_ id: String, _ identity: Identity) async throws -> Response {
        let (article, registrations) = try await articles.registrations(id, for: identity.user)
        let writer = CSVWriter()
        var csv = CSVWriter.byteOrderMark + writer.row(["Nom", "Courriel", "Municipalité ou organisation", "État", "Inscrit le"])
        for registration in registrations {
            csv += writer.row([registration.name, registration.email, registration.city, registration.status.name, StaffDates.text(registration.createdAt)])
        }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .cacheControl: "private, no-store",
                                               .contentDisposition: "attachment; filename=\"inscriptions-\(article.slug).csv\""],
                        body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    func newEnterprises(_ request: Request, _ web: WebContext) async throws -> Response {
        let region = (FormQuery.parameters(request).last { $0.0 == "region" }?.1 ?? "").trimmingCharacters(in: .whitespaces)
        guard region.isEmpty || Region.find(region) != nil else {
            var w = HTMLWriter(capacity: 256)
            w.markup("<div class=\"hub\"><h1>"); w.text(web.tr("Région inconnue", "Unknown region")); w.markup("</h1><p>")
            w.text(web.tr("La région « \(region) » n'existe pas : choisissez-en une dans la liste.", "Region \"\(region)\" does not exist: choose one from the list."))
            w.markup("</p><p><a href=\""); w.text(Route.hubNewEnterprises.path(language: web.language)); w.markup("\">"); w.text(web.tr("Nouvelles entreprises", "New enterprises"))
            w.markup("</a></p></div>")
            return try page(w.result, title: web.tr("Région inconnue", "Unknown region"), route: .hubNewEnterprises, web: web, status: .badRequest)
        }
        let list = try await articles.newEnterprises(region: region.isEmpty ? nil : region, limit: 200)
        return try page(HubPages.newEnterprises(list, months: articles.settings.newEnterpriseMonths, region: region.isEmpty ? nil : region, web: web),
                        title: web.tr("Nouvelles entreprises", "New enterprises"), route: .hubNewEnterprises, web: web,
                        cache: web.identity == nil ? "public, max-age=300" : "private, no-store", fictional: list.contains { $0.summary.isFictional })
    }

    // MARK: Feeds and calendars

    /// `?region=16`: one region's (an article for all of Quebec is in every region's); an unknown
    /// region is a 400 that says so, as text.
    private func feedRegion(_ request: Request, _ web: WebContext) throws -> String? {
        let region = (FormQuery.parameters(request).last { $0.0 == "region" }?.1 ?? "").trimmingCharacters(in: .whitespaces)
        guard !region.isEmpty else { return nil }
        guard Region.find(region) != nil else {
            throw Problem(.badRequest, title: "Région inconnue", detail: "La région « \(region) » n'existe pas : un numéro de 01 à 17.",
                          english: "Region \"\(region)\" does not exist: a number from 01 to 17.")
        }
        return region
    }

    func feed(_ route: Route, _ request: Request, _ web: WebContext) async throws -> Response {
        let region = try feedRegion(request, web)
        let now = Date()
        let language = web.language
        let regionName = region.flatMap(Region.find).map { web.tr(" — région \($0.name)", " — \($0.name) region") } ?? ""
        let query = region.map { "?region=\($0)" } ?? ""
        func entry(_ article: Article) -> AtomFeed.Entry {
            let url = web.absolute(Route.hubArticle.path(article.slug, language: language))
            var summary = article.summary(language)
            if let training = article.training { summary = HubPages.when(training, web) + " — " + summary }
            return AtomFeed.Entry(id: url, title: article.title(language), link: url, updated: article.updatedAt, published: article.publishAt,
                                  summary: summary, contentHTML: ArticleMarkdown.html(article.body(language)).renderText,
                                  categories: [web.tr(article.kind.name, article.kind.nameEnglish)] + article.tags,
                                  language: article.fallsBackToFrench(language) ? "fr-CA" : nil)
        }
        let title: String, entries: [AtomFeed.Entry], alternate: String
        switch route {
        case .hubFeedTrainings:
            title = web.tr("J'achète! — formations à venir", "J'achète! — upcoming trainings")
            entries = try await articles.upcomingTrainings(region: region, now: now).map(entry)
            alternate = Route.hub.path(language: language) + "?type=formation" + (region.map { "&region=\($0)" } ?? "")
        case .hubFeedNewEnterprises:
            title = web.tr("J'achète! — nouvelles entreprises", "J'achète! — new enterprises")
            entries = try await articles.newEnterprises(region: region, limit: 50, now: now).map { item in
                let url = web.absolute(SiteURL.enterprise(slug: item.summary.slug).path(language))
                let place = [item.summary.municipalityName, item.summary.regionCode.flatMap(Region.find)?.name].compactMap { $0 }.joined(separator: ", ")
                let sectors = item.summary.sectors.compactMap(Sector.find).map(web.sectorName).joined(separator: ", ")
                let founded = item.foundedYear.map { web.tr(" Fondée en \($0).", " Founded in \($0).") } ?? ""
                return AtomFeed.Entry(id: url, title: item.summary.name + (item.summary.isFictional ? web.tr(" (fictive)", " (fictional)") : ""), link: url,
                                      updated: item.addedAt, published: item.addedAt, summary: "\(place). \(sectors).\(founded)", contentHTML: nil,
                                      categories: item.summary.sectors, language: language == .en ? "fr-CA" : nil)
            }
            alternate = Route.hubNewEnterprises.path(language: language) + query
        default:
            title = web.tr("J'achète! — articles", "J'achète! — articles")
            entries = try await articles.published(ArticleService.Filter(region: region), now: now).prefix(50).map { entry($0.article) }
            alternate = Route.hub.path(language: language) + query
        }
        let selfURL = web.absolute(route.path(language: language) + query)
        let feed = AtomFeed(id: selfURL, title: title + regionName, subtitle: HubPages.title, selfURL: selfURL, alternateURL: web.absolute(alternate),
                            language: web.t.lang, author: web.tr("Répertoire — pôles régionaux d'économie sociale", "Répertoire — regional social-economy hubs"),
                            entries: entries, emptyUpdated: Date(timeIntervalSince1970: 1_767_225_600))
        return Response(status: .ok, headers: [.contentType: "application/atom+xml; charset=utf-8", .cacheControl: "public, max-age=300"],
                        body: .init(byteBuffer: ByteBuffer(string: feed.xml)))
    }

    private func host(_ web: WebContext) -> String { URL(string: web.absolute("/"))?.host ?? "repertoire" }

    func calendar(_ web: WebContext) async throws -> Response {
        let trainings = try await articles.upcomingTrainings()
        let events = trainings.map { TrainingCalendar.Event(article: $0, url: web.absolute(Route.hubArticle.path($0.slug))) }
        let text = TrainingCalendar.calendar(name: "J'achète! — formations", events: events, host: host(web))
        return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .cacheControl: "public, max-age=300"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func trainingCalendar(_ slug: String, _ web: WebContext) async throws -> Response {
        guard let article = try await articles.readable(slug: slug), article.training != nil else { throw HTTPError(.notFound) }
        let text = TrainingCalendar.calendar(name: article.titleFrench, events: [.init(article: article, url: web.absolute(Route.hubArticle.path(slug)))], host: host(web))
        return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .contentDisposition: "attachment; filename=\"formation.ics\""],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func image(_ id: String) async throws -> Response {
        guard ArticleMarkdown.isAllowedImage(ArticleMarkdown.imagePathPrefix + id), let image = try await articles.store.image(id: id) else {
            throw HTTPError(.notFound)
        }
        return Response(status: .ok, headers: [.contentType: image.contentType, .cacheControl: "public, max-age=31536000, immutable",
                                               .contentDisposition: "inline", .init("X-Content-Type-Options")!: "nosniff"],
                        body: .init(byteBuffer: ByteBuffer(bytes: image.bytes)))
    }
}
