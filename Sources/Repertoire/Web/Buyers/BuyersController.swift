import Foundation
import Hummingbird

/// `/acheteurs`: the buyers' tab (the directory's search, limited to enterprises offering to
/// municipalities, with the filters and details a buyer needs), the procurement advisor, and the
/// administrators' page of dated thresholds. Workflows are ``ProcurementAdvisor``'s and
/// ``PurchaseListService``'s; the search is the directory's own.
struct BuyersController: Sendable {
    let web: WebController
    let lists: PurchaseListService
    let advisor: ProcurementAdvisor

    var directory: DirectoryService { web.directory }

    func addRoutes(to guarded: GuardedRoutes) {
        for language in Language.allCases {
            guarded.get(.buyers, language) { request, context, identity in try await self.tab(request, context, identity, language) }
            guarded.get(.advisor, language) { request, context, identity in try await self.advice(request, context, identity, language) }
        }
        guarded.get(.thresholds) { _, context, identity in try await self.thresholdsPage(context, identity) }
        guarded.post(.thresholds) { _, context, identity, form in try await self.addThreshold(context, identity, form) }
    }

    /// The buyers' filters, beside the public ones (the offer filter is fixed: always « offers »).
    static let facetParameters: [(SearchFacet, String)] = [
        (.municipality, "municipalite"), (.mrc, "mrc"), (.region, "region"), (.offeringKind, "type"), (.contracted, "contrats"),
        (.sector, "secteur"), (.certification, "certification"), (.legalForm, "forme"),
    ]

    // MARK: The buyers' tab

    func tab(_ request: Request, _ context: AppRequestContext, _ identity: Identity, _ language: Language) async throws -> Response {
        var web = self.web.context(language, context)
        web.identity = identity
        let user = identity.user
        let parameters = FormQuery.parameters(request)
        var query: DirectoryQuery
        do {
            query = try DirectoryQuery.parse(parameters, names: BuyerQuery.names)
        } catch {
            var empty = directory.search(DirectoryQuery())
            empty.items = []
            empty.total = 0
            var page = SearchPage(context: web, page: empty, path: .buyers(DirectoryQuery()), heading: web.tr("Espace acheteurs", "Buyers' workspace"),
                                  error: language == .fr ? error.message : error.messageEnglish,
                                  link: { .buyers($0) }, names: BuyerQuery.names, facetParameters: Self.facetParameters)
            page.showDownloads = false
            return WebRenderer.response(page.document, status: .badRequest, headers: [.cacheControl: "private, no-store"])
        }
        query.offersToMunicipalities = true
        query.countsBuyerFacets = true
        let home = user.municipalityCode
        if !query.hasPlace, !parameters.contains(where: { $0.0 == BuyerQuery.allPlacesParameter }), let home { query.municipalities = [home] }

        var page: DirectoryPage
        var kilometres: [String: Double] = [:]
        var distanceUnavailable = false
        if query.sort == .distance, let home, let origin = directory.centroid(ofMunicipality: home) {
            (page, kilometres) = directory.searchNearest(query, from: origin, localTo: home)
        } else {
            if query.sort == .distance { distanceUnavailable = true }
            page = directory.search(query, localTo: home)
        }
        let loaded = try await directory.enterprises.load(ids: page.items.map(\.summary.id))
        let byID = Dictionary(loaded.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let writable = try await lists.writableLists(for: user)
        let here = SiteURL.buyers(page.query).path(language)
        let maskedCSRF = CSRF.mask(identity.csrfToken ?? "")

        var model = SearchPage(context: web, page: page, path: .buyers(page.query), heading: web.tr("Espace acheteurs", "Buyers' workspace"),
                               link: { .buyers($0) }, names: BuyerQuery.names, facetParameters: Self.facetParameters,
                               sorts: home == nil ? [] : [(.distance, web.tr("Plus près d'abord (distance)", "Nearest first (distance)"))])
        model.showDownloads = false
        model.keep.append(HiddenField(name: BuyerQuery.allPlacesParameter, value: "1"))
        model.form.action = Route.buyers.path(language: language)
        model.form.hidden = WebQuery.items(page.query, includePaging: false, names: BuyerQuery.names)
            .filter { $0.0 != "q" }.map { HiddenField(name: $0.0, value: $0.1) } + [HiddenField(name: BuyerQuery.allPlacesParameter, value: "1")]
        let offersTitle = SearchPage.title(.offersToMunicipalities, web.t)
        model.chips.removeAll { $0.label.hasPrefix(offersTitle) }
        model.hasChips = !model.chips.isEmpty
        for index in model.cards.indices {
            let id = page.items[index].summary.id
            guard let enterprise = byID[id] else { continue }
            var extra = BuyerCard.details(enterprise, kilometres: kilometres[id], context: web).renderText
            if user.has(.keepPurchaseLists) {
                extra += BuyerCard.addForm(enterpriseID: id, lists: writable, maskedCSRF: maskedCSRF, returnTo: here, context: web).renderText
            }
            model.cards[index].extraHTML = SafeHTML(written: extra)
        }
        model.introHTML = intro(query: page.query, home: home, distanceUnavailable: distanceUnavailable, web: web)
        return WebRenderer.response(model.document, status: .ok, headers: [.cacheControl: "private, no-store"])
    }

    /// The choice of place in one click (my municipality, its MRC or agglomeration, all of Quebec)
    /// and the way to the advisor and the lists.
    /// A value for a link's query string.
    static func queryEscape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    private func intro(query: DirectoryQuery, home: String?, distanceUnavailable: Bool, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 1024)
        w.markup("<div class=\"buyer-intro\"><p>")
        w.text(web.tr("Les entreprises qui offrent leurs biens, services ou travaux aux municipalités, avec leurs retombées pour la communauté et les coordonnées de leurs gestionnaires.",
                      "Enterprises that offer goods, services or construction work to municipalities, with their benefits for the community and their managers' contacts."))
        w.markup("</p>")
        var base = query
        base.regions = []; base.mrcs = []; base.municipalities = []; base.page = 1
        w.markup("<p class=\"place-choices\">"); w.text(web.tr("Dessert : ", "Serves: "))
        var choices: [(String, DirectoryQuery, Bool)] = []
        if let home, let municipality = directory.municipality(code: home) {
            var mine = base; mine.municipalities = [home]
            choices.append((web.tr("ma municipalité (\(municipality.name))", "my municipality (\(municipality.name))"), mine,
                            query.municipalities == [home] && query.mrcs.isEmpty && query.regions.isEmpty))
            if let mrc = directory.catalog.mrcCode(of: home), let label = directory.catalog.mrc(code: mrc)?.label {
                var area = base; area.mrcs = [mrc]
                choices.append((web.tr("son agglomération ou MRC (\(label))", "its agglomeration or MRC (\(label))"), area,
                                query.mrcs == [mrc] && query.municipalities.isEmpty && query.regions.isEmpty))
            }
        }
        choices.append((web.tr("tout le Québec", "all of Quebec"), base, !query.hasPlace))
        for (index, choice) in choices.enumerated() {
            if index > 0 { w.markup(" · ") }
            if choice.2 {
                w.markup("<strong aria-current=\"true\">"); w.text(choice.0); w.markup("</strong>")
            } else {
                w.markup("<a href=\""); w.text(SiteURL.buyers(choice.1).path(web.language)); w.markup("\">"); w.text(choice.0); w.markup("</a>")
            }
        }
        w.markup("</p>")
        if distanceUnavailable {
            w.markup("<p class=\"alert\" role=\"status\">")
            w.text(web.tr("Le tri par distance demande votre municipalité et la position d'au moins une entreprise de celle-ci : les résultats sont classés par pertinence.",
                          "Sorting by distance needs your municipality and the position of at least one of its enterprises: results are sorted by relevance."))
            w.markup("</p>")
        }
        w.markup("<p><a href=\""); w.text(Route.advisor.path(language: web.language)); w.markup("\">")
        w.text(web.tr("Quel mode de sollicitation pour mon contrat ?", "Which procurement procedure for my contract?")); w.markup("</a>")
        if web.identity?.user.has(.keepPurchaseLists) ?? false {
            w.markup(" · <a href=\""); w.text(Route.purchaseLists.path(language: web.language)); w.markup("\">")
            w.text(web.tr("Mes listes d'achat", "My purchase lists")); w.markup("</a>")
        }
        if web.identity?.user.has(.sendCallsForInterest) ?? false {
            w.markup(" · <a href=\""); w.text(Route.newCall.path(language: web.language) + (query.text.isEmpty ? "" : "?titre=" + Self.queryEscape(query.text))); w.markup("\">")
            w.text(web.tr("Lancer un appel d'intérêt pour ce besoin", "Send a call for interest for this need")); w.markup("</a>")
        }
        w.markup("</p></div>")
        return w.result
    }

    // MARK: The procurement advisor

    func advice(_ request: Request, _ context: AppRequestContext, _ identity: Identity, _ language: Language) async throws -> Response {
        var web = self.web.context(language, context)
        web.identity = identity
        let parameters = FormQuery.parameters(request)
        func value(_ name: String) -> String { parameters.last { $0.0 == name }?.1 ?? "" }
        let asked = ProcurementAdvisor.Request(amount: value("montant"), kind: value("type"), day: value("date"), need: value("besoin"))
        let submitted = parameters.contains { $0.0 == "montant" }
        var outcome: Result<ProcurementAdvisor.Answer, ProcurementAdvisor.FieldErrors>?
        if submitted { outcome = try await advisor.advise(asked, municipality: identity.user.municipalityCode) }
        let rows = try await advisor.thresholds.all()
        let page = AdvisorPage(web: web, asked: asked, outcome: outcome, thresholds: rows,
                               mayStartList: identity.user.has(.keepPurchaseLists), csrf: identity.csrfToken ?? "")
        var status: HTTPResponse.Status = .ok
        if case .failure = outcome { status = .unprocessableContent }
        let model = WrittenPage(t: web.t, layout: web.layout(title: page.title, description: page.title, path: .route(.advisor), fictional: false), body: page.html)
        return try self.web.renderer.html(model, template: "written", status: status, headers: [.cacheControl: "private, no-store"])
    }

    // MARK: Thresholds (administrators)

    func thresholdsPage(_ context: AppRequestContext, _ identity: Identity, errors: [ProcurementAdvisor.FieldError] = [],
                        typed: FormBody? = nil, notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        var web = self.web.context(.fr, context)
        web.identity = identity
        let rows = try await advisor.thresholds.all()
        let body = ThresholdsPage.html(rows: rows, errors: errors, typed: typed, notice: notice, csrf: identity.csrfToken ?? "", web: web)
        let model = WrittenPage(t: web.t, layout: web.layout(title: "Seuils des contrats municipaux", description: "Seuils des contrats municipaux",
                                                             path: .staff(Route.thresholds.path()), fictional: false), body: body)
        return try self.web.renderer.html(model, template: "written", status: status, headers: [.cacheControl: "private, no-store"])
    }

    func addThreshold(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        switch try await advisor.addThreshold(kind: form["sorte"], amount: form["montant"], effectiveFrom: form["debut"], source: form["source"],
                                              sourceURL: form["lien"], by: identity.user, client: context.clientAddress) {
        case .success(let row):
            let web = self.web.context(.fr, context)
            return try await thresholdsPage(context, identity, notice: "Seuil ajouté : \(web.money(cents: row.amountCents)) à partir du \(row.effectiveFrom).")
        case .failure(let failure):
            return try await thresholdsPage(context, identity, errors: failure.errors, typed: form,
                                            status: failure.conflict ? .conflict : .unprocessableContent)
        }
    }
}
