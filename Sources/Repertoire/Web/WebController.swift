import Foundation
import Hummingbird

/// The public web directory: server-rendered pages in French, mirrored in English under `/en`.
struct WebController: Sendable {
    let directory: DirectoryService
    let renderer: WebRenderer
    let assets: StaticAssets
    let baseURL: String
    /// Shared pages of visitors who are not signed in, kept between writes.
    var pages = PageCache()
    /// Complete lists and export files: a few at a time, one per client.
    var heavy = HeavyRequestGate()
    /// The maps' tile server (a profile's small map).
    var mapTiles: MapTiles? = .openStreetMap
    /// A buyer's lists, for the profile's « Ajouter à une liste ».
    var purchaseLists: PurchaseListService? = nil
    /// The purchasing record, for the contracts listed on profiles.
    var purchaseRecord: PurchaseRecordService? = nil
    /// The J'achète hub, for the stories listed on profiles and the home page's block.
    var articles: ArticleService? = nil
    /// SEAO's open calls, for the « appels d'offres qui pourraient vous convenir » of a representative's profile.
    var tenders: TenderService? = nil

    func addRoutes(to router: Router<AppRequestContext>) {
        for language in Language.allCases {
            router.get(.home, language) { _, context in try await self.home(self.context(language, context)) }
            router.get(.search, language) { request, context in try await self.search(request, self.context(language, context)) }
            router.get(.enterprise, language) { request, context in
                try await self.profile(request, context, self.context(language, context))
            }
            router.get(.sector, language) { request, context in try await self.sector(request, context, self.context(language, context)) }
            router.get(.region, language) { request, context in try await self.region(request, context, self.context(language, context)) }
            router.get(.about, language) { _, context in try self.about(self.context(language, context)) }
            router.get(.completeList, language) { request, context in
                try await self.completeList(request, self.context(language, context), client: context.clientAddress)
            }
        }
        router.get(.sitemap) { _, _ in Self.xml(self.sitemapIndexXML(hub: try await self.hubSitemapPaths())) }
        router.get(.sitemapFile) { _, context in
            Self.xml(try self.sitemapFileXML(try context.parameters.require("file"), hub: try await self.hubSitemapPaths()))
        }
        router.get(.robots) { _, _ in
            // Downloads and the map's JSON are answers to searches, not pages to index.
            let disallowed = [Route.searchCSV.path(), Route.mapMarkers.path(), Route.mapMarkers.path(language: .en)]
            let text = "User-agent: *\n" + disallowed.map { "Disallow: \($0)\n" }.joined() + "Sitemap: \(baseURL)\(Route.sitemap.path())\n"
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get(.asset) { request, context in try self.assets.response(for: try context.parameters.require("name"), request: request) }
    }

    func context(_ language: Language, _ request: AppRequestContext? = nil) -> WebContext {
        WebContext(language: language, directory: directory, baseURL: baseURL, assets: assets, identity: request?.identity)
    }

    func home(_ web: WebContext) async throws -> Response {
        // The hub's block changes without the directory changing: its articles are in the key.
        let hub = try await articles?.homeItems()
        return try shared(web, key: "home" + (hub?.key ?? "")) {
            var page = HomePage(context: web)
            if let hub { page.hubHTML = HubPages.homeSection(hub.items, web: web) }
            return try renderer.text(page, template: "home")
        }
    }

    /// A page every visitor who is not signed in gets alike: from ``PageCache`` while the
    /// directory has not changed; anyone signed in gets it rendered for them.
    private func shared(_ web: WebContext, key: String, render: () throws -> String) throws -> Response {
        guard web.identity == nil else { return WebRenderer.response(try render(), status: .ok, headers: [:]) }
        return WebRenderer.response(try pages.page("\(web.language.rawValue) \(key)", sequence: directory.sequence, render: render))
    }

    func search(_ request: Request, _ web: WebContext, preset: (inout DirectoryQuery) -> Void = { _ in }, path: SiteURL? = nil, heading: String? = nil) async throws -> Response {
        let language = web.language
        do {
            var query = try DirectoryQuery.parse(FormQuery.parameters(request), names: WebQuery.names)
            preset(&query)
            let canonical = (path ?? .search(DirectoryQuery())).path(.fr) + WebQuery.string(query)
            // A buyer adds enterprises to their purchase lists from any result card.
            var lists: [PurchaseList]?
            if let identity = web.identity, identity.user.has(.keepPurchaseLists), let purchaseLists {
                lists = try await purchaseLists.writableLists(for: identity.user)
            }
            return try shared(web, key: canonical) {
                let page = directory.search(query, localTo: web.identity?.user.municipalityCode)
                var model = SearchPage(context: web, page: page, path: path, heading: heading)
                if let lists, let identity = web.identity {
                    let masked = CSRF.mask(identity.csrfToken ?? "")
                    let here = (path ?? .search(query)).path(language) + (path == nil ? "" : WebQuery.string(query))
                    for index in model.cards.indices where index < page.items.count {
                        model.cards[index].extraHTML = BuyerCard.addForm(enterpriseID: page.items[index].summary.id, lists: lists, maskedCSRF: masked,
                                                                         returnTo: here, context: web)
                    }
                }
                return model.document
            }
        } catch let error as DirectoryQuery.ParameterError {
            let page = directory.search(DirectoryQuery())
            let message = language == .fr ? error.message : error.messageEnglish
            var empty = page
            empty.items = []
            empty.total = 0
            return WebRenderer.response(SearchPage(context: web, page: empty, heading: heading, error: message).document, status: .badRequest, headers: [:])
        }
    }

    func sector(_ request: Request, _ context: AppRequestContext, _ web: WebContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        guard let sector = Sector.find(slug) else { throw HTTPError(.notFound) }
        return try await search(request, web, preset: { if !$0.sectors.contains(sector.slug) { $0.sectors.append(sector.slug) } },
                          path: .sector(slug: sector.slug), heading: web.sectorName(sector))
    }

    func region(_ request: Request, _ context: AppRequestContext, _ web: WebContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        guard let region = Region.find(slug) else { throw HTTPError(.notFound) }
        return try await search(request, web, preset: { if !$0.regions.contains(region.code) { $0.regions.append(region.code) } },
                          path: .region(slug: region.slug), heading: region.name)
    }

    func profile(_ request: Request, _ context: AppRequestContext, _ web: WebContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        guard let enterprise = try await directory.enterprise(slug) else { throw HTTPError(.notFound) }
        // Pages with personal data must not be kept by shared caches.
        let personal = web.maySeePersonalData(ofEnterprise: enterprise.id)
        var page = ProfilePage(context: web, enterprise: enterprise)
        if let search = ReturnLink.query(parameters: FormQuery.parameters(request)) {
            page.backURL = SiteURL.search(search).path(web.language)
            page.layout.switchURL += ReturnLink.suffix(for: search)
        }
        page.map = MapBox.profile(enterprise, context: web, tiles: mapTiles)
        try await addRecordedContracts(to: &page, enterprise.id, web)
        if let articles {
            page.hubHTML = HubPages.profileSection(try await articles.articles(about: enterprise.id), web: web)
        }
        if let tenders, let user = web.identity?.user, user.roles.contains(.representative), user.isActive, user.enterpriseID == enterprise.id {
            page.tendersHTML = TenderPages.suiting(try await tenders.suitingCalls(enterpriseID: enterprise.id), web: web)
        }
        if let identity = web.identity, identity.user.has(.keepPurchaseLists), let purchaseLists {
            let lists = try await purchaseLists.writableLists(for: identity.user)
            page.addToListHTML = BuyerCard.addForm(enterpriseID: enterprise.id, lists: lists, maskedCSRF: CSRF.mask(identity.csrfToken ?? ""),
                                                   returnTo: SiteURL.enterprise(slug: enterprise.slug).path(web.language), context: web)
        }
        let staff = web.identity?.user.has(.editEnterprises) ?? false
        if staff {
            page.staff = ProfilePage.StaffInfo(editURL: Route.editEnterprise.path(enterprise.id), historyURL: Route.history.path(enterprise.id), updated: nil,
                                               canEdit: web.identity?.user.mayEdit(regionCode: enterprise.profile.regionCode) ?? false)
            if let latest = try await RevisionLog(database: directory.enterprises.database).latest(of: enterprise.id) {
                page.staff?.updated = "Modifié le \(StaffDates.text(latest.at)) par \(latest.actor)"
            }
        }
        return try renderer.html(page, template: "profile", headers: personal || staff ? [.cacheControl: "private, no-store"] : [:])
    }

    /// The contracts of the purchasing record, beside those the hub entered by hand: the
    /// municipality, the year and the kind, with the amount's band unless the city publishes
    /// exact amounts.
    private func addRecordedContracts(to page: inout ProfilePage, _ enterpriseID: String, _ web: WebContext) async throws {
        // SEAO's awards have their own list, « Contrats publics obtenus ».
        var fromSEAO = Set<String>()
        if let tenders {
            let awarded = try await tenders.publicContracts(enterpriseID: enterpriseID)
            page.publicContractsHTML = TenderPages.publicContracts(awarded, web: web)
            fromSEAO = Set(awarded.map(\.contract.id))
        }
        guard let purchaseRecord else { return }
        let recorded = try await purchaseRecord.profileContracts(enterpriseID).filter { !fromSEAO.contains($0.contract.id) }
        guard !recorded.isEmpty else { return }
        let catalog = directory.catalog
        let items = recorded.map { contract, exact in
            ProfilePage.ContractItem(municipality: catalog.municipality(code: contract.municipalityCode)?.name ?? contract.municipalityCode, year: contract.year,
                                     description: contract.contractKind.map { web.language == .fr ? $0.name : $0.nameEnglish } ?? contract.kind,
                                     amount: exact ? web.money(cents: contract.amountCents) : PurchaseContract.bandText(contract.amountCents, english: web.language == .en))
        }
        page.contracts = (page.contracts + items).sorted { $0.year > $1.year }
        page.hasContracts = true
    }

    func about(_ web: WebContext) throws -> Response {
        try renderer.html(AboutPage(context: web), template: "about")
    }

    /// The printable list of a territory: `?region=16`, `?mrc=Longueuil (58)` or
    /// `?municipalite=58227&municipalite=58007…`, optionally narrowed by sector or words.
    func completeList(_ request: Request, _ web: WebContext, client: String) async throws -> Response {
        let parameters = FormQuery.parameters(request)
        var query = try DirectoryQuery.parse(parameters, names: WebQuery.names)
        // A territory's list: the enterprises whose head office is there.
        query.placeMode = .headOffice
        let catalog = directory.catalog
        for mrc in query.mrcs where catalog.mrc(code: mrc) == nil {
            throw DirectoryQuery.ParameterError(parameter: "mrc", message: "Aucune municipalité n'appartient à la MRC « \(mrc) ».",
                                                messageEnglish: "No municipality belongs to the MRC \"\(mrc)\".")
        }
        var territory: [String] = query.regions.compactMap(Region.find).map(\.name)
        territory += query.mrcs.compactMap { catalog.mrc(code: $0)?.label }
        if territory.isEmpty {
            territory = query.municipalities.compactMap { catalog.municipality(code: $0)?.name }
        }
        guard !territory.isEmpty else {
            return try renderer.html(CompleteListPage(choosingIn: web), template: "completelist")
        }
        let label = territory.joined(separator: ", ")
        let directory = directory, renderer = renderer, chosen = query
        return try await heavy.run(client: client) {
            let ids = directory.searchAll(chosen, limit: CompleteListPage.maximum).map(\.id)
            let enterprises = try await directory.enterprises.load(ids: ids)
            // Thousands of entries: built and rendered at a lower priority than other pages.
            return try await renderer.htmlInBackground(template: "completelist") {
                CompleteListPage(context: web, query: chosen, territory: label, enterprises: enterprises)
            }
        }
    }

    /// The J'achète hub's public pages: its front page, its new enterprises and each published article.
    func hubSitemapPaths() async throws -> [SiteURL] {
        guard let articles else { return [] }
        let published = try await articles.published(.init()).map { SiteURL.route(.hubArticle, [$0.article.slug]) }
        return [.route(.hub), .route(.hubNewEnterprises)] + published
    }

    /// URLs per sitemap file: the protocol's limit is 50,000 (and 50 MB).
    static let sitemapURLsPerFile = 50_000

    /// Every public page, French then English for each, in a stable order: the sitemap's content.
    func sitemapPaths(hub: [SiteURL] = []) -> [SiteURL] {
        var paths: [SiteURL] = [.home, .about] + hub
        paths += Sector.all.map { .sector(slug: $0.slug) }
        paths += Region.all.map { .region(slug: $0.slug) }
        paths += directory.allSummaries.map { .enterprise(slug: $0.slug) }
        return paths
    }

    /// `/sitemap.xml`: a sitemap index naming one file per 50,000 URLs.
    func sitemapIndexXML(urlsPerFile: Int = sitemapURLsPerFile, hub: [SiteURL] = []) -> String {
        let urls = sitemapPaths(hub: hub).count * Language.allCases.count
        let files = max(1, (urls + urlsPerFile - 1) / urlsPerFile)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for file in 1...files {
            xml += "<sitemap><loc>\(XMLText.escape(baseURL + Route.sitemapFile.path("\(file).xml")))</loc></sitemap>\n"
        }
        xml += "</sitemapindex>\n"
        return xml
    }

    /// `/sitemaps/N.xml`: the Nth run of 50,000 URLs.
    func sitemapFileXML(_ name: String, urlsPerFile: Int = sitemapURLsPerFile, hub: [SiteURL] = []) throws -> String {
        let perFile = max(1, urlsPerFile / Language.allCases.count)
        let paths = sitemapPaths(hub: hub)
        guard name.hasSuffix(".xml"), let number = Int(name.dropLast(4)), number >= 1,
              number == 1 || (number - 1) * perFile < paths.count else {
            throw Problem.notFound("Ce fichier du plan du site")
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths[min(paths.count, (number - 1) * perFile)..<min(paths.count, number * perFile)] {
            for language in Language.allCases {
                xml += "<url><loc>\(XMLText.escape(baseURL + path.path(language)))</loc></url>\n"
            }
        }
        xml += "</urlset>\n"
        return xml
    }

    static func xml(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/xml; charset=utf-8", .cacheControl: "public, max-age=3600"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The error page for a non-API request, in the language of its path.
    func errorPage(for request: Request, problem: Problem) -> Response? {
        let language: Language = request.uri.path.hasPrefix("/en/") || request.uri.path == "/en" ? .en : .fr
        let web = context(language)
        let t = web.t
        let (heading, message): (String, String)
        switch problem.status {
        case .notFound: (heading, message) = (t.notFoundTitle, t.notFoundBody)
        case .internalServerError: (heading, message) = (t.errorTitle, t.errorBody)
        default: (heading, message) = (problem.title, language == .fr ? problem.detail : problem.detailEnglish)
        }
        return try? renderer.html(ErrorPage(context: web, heading: heading, message: message), template: "error", status: problem.status)
    }
}
