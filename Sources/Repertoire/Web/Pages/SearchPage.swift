import Mustache

/// `/entreprises`: results with facets, chips, sorting and paging; also the sector and region
/// pages, which are searches with one filter set.
struct SearchPage: Sendable {
    struct FacetGroup: Sendable {
        var title: String
        var values: [FacetValue]
        /// « entreprises », after each count for screen readers.
        var countWord: String

        /// The values' checkboxes as HTML, written in Swift: a results page lists up to ~100
        /// values, and eight template tags each were a third of the page's time.
        var valuesHTML: SafeHTML {
            var w = HTMLWriter(capacity: values.count * 200)
            for value in values {
                w.markup("<li><input type=\"checkbox\" id=\""); w.text(value.inputID)
                w.markup("\" name=\""); w.text(value.param)
                w.markup("\" value=\""); w.text(value.value); w.markup("\"")
                if value.selected { w.markup(" checked") }
                w.markup("> <label for=\""); w.text(value.inputID); w.markup("\">"); w.text(value.label)
                w.markup(" <span class=\"count\">("); w.text(value.count)
                w.markup("<span class=\"visually-hidden\"> "); w.text(countWord); w.markup("</span>)</span></label></li>")
            }
            return w.result
        }
    }

    struct FacetValue: Sendable {
        var inputID: String
        var param: String
        var value: String
        var label: String
        var count: String
        var selected: Bool
    }

    struct Chip: Sendable {
        var label: String
        var url: String
    }

    struct SortOption: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct PageLink: Sendable {
        var number: Int
        var url: String
        var current: Bool
        var gap: Bool
    }

    struct Suggestion: Sendable {
        var text: String
        var url: String
    }

    /// A place found in the words typed, now a filter: how to undo it.
    struct PlaceNote: Sendable {
        var typed: String
        var place: String
        var removeURL: String
        var everywhereURL: String
        var everywhereText: String
        var alternatives: [Suggestion]
        var hasAlternatives: Bool
    }

    struct Choice: Sendable {
        var inputID: String
        var value: String
        var label: String
        var selected: Bool
    }

    /// A sector offered on a zero-result page, with its number of enterprises.
    struct SectorLink: Sendable {
        var name: String
        var url: String
        var count: String
    }

    var t: Strings
    var layout: LayoutModel
    var form: SearchFormModel
    var heading: String
    var text: String?
    var error: String?
    var formAction: String
    var keep: [HiddenField]
    var keepWithoutSort: [HiddenField]
    var facets: [FacetGroup]
    var countText: String
    var chips: [Chip]
    var hasChips: Bool
    var clearURL: String
    var empty: Bool
    var suggestions: [Suggestion]
    var hasSuggestions: Bool
    /// No result and nothing to suggest: the sectors and the complete list, so the visitor
    /// is never left at a dead end.
    var browse: Bool
    var browseSectors: [SectorLink]
    var browseCompleteListURL: String
    var cards: [CardModel]
    var sorts: [SortOption]
    var pages: [PageLink]
    var hasPages: Bool
    var previousURL: String?
    var nextURL: String?
    var csvURL: String
    var jsonURL: String
    var completeListURL: String
    var exportURL: String
    // The pages that keep the buyer's work: every result on paper, the filters first on phones.
    var printURL: String
    var filtersLinkText: String
    /// « Liste » / « Carte » (issue #13).
    var viewSwitch: ViewSwitch
    var placeNote: PlaceNote?
    /// « Dessert » / « Siège », when a place is chosen.
    var placeModes: [Choice]
    var hasPlaceModes: Bool
    var includeClosed: Bool
    /// The buyers' tab: its introduction (choice of place, the advisor), and no public downloads
    /// of a search whose filters the public pages do not know.
    var introHTML: SafeHTML? = nil
    var showDownloads = true

    static let facetParameters: [(SearchFacet, String)] = [
        (.region, "region"), (.mrc, "mrc"), (.municipality, "municipalite"), (.sector, "secteur"),
        (.legalForm, "forme"), (.certification, "certification"), (.offersToMunicipalities, "offre"),
    ]

    /// - Parameters:
    ///   - path: the canonical page (a sector or region page, or the search page).
    ///   - heading: the page's title, when it is not the plain search page.
    ///   - link: the page of another query (the buyers' tab keeps its own address).
    ///   - names: the query's parameter names on this page.
    init(context: WebContext, page: DirectoryPage, path: SiteURL? = nil, heading: String? = nil, error: String? = nil,
         link: (DirectoryQuery) -> SiteURL = { .search($0) }, names: ParameterNames = WebQuery.names,
         facetParameters: [(SearchFacet, String)] = SearchPage.facetParameters, sorts extraSorts: [(SearchSort, String)] = []) {
        let t = context.t
        let language = context.language
        let query = page.query
        self.t = t
        self.heading = heading ?? t.resultsTitle
        text = query.text.isEmpty ? nil : query.text
        self.error = error
        let pageTitle = SearchWords.title(query, context, fallback: heading ?? t.resultsTitle)
        layout = context.layout(title: pageTitle, description: "\(context.count(page.total)) — \(t.tagline)",
                                path: path ?? link(query), fictional: page.items.contains(where: { $0.summary.isFictional }))
        form = context.form(id: "results", query: query, keepFilters: true)
        formAction = link(DirectoryQuery()).path(language)
        let items = WebQuery.items(query, includePaging: false, names: names)
        keep = items.filter { $0.0 == "q" || $0.0 == "tri" || $0.0 == "partout" }.map { HiddenField(name: $0.0, value: $0.1) }
        keepWithoutSort = items.filter { $0.0 != "tri" }.map { HiddenField(name: $0.0, value: $0.1) }

        facets = facetParameters.compactMap { facet, param in
            let counts = page.facets[facet] ?? []
            // Long lists (municipalities) show the selected values and the most frequent others.
            let limit = facet == .municipality || facet == .mrc ? 15 : 40
            let shown = counts.filter(\.selected) + counts.filter { !$0.selected }.prefix(max(0, limit - counts.filter(\.selected).count))
            guard !shown.isEmpty else { return nil }
            return FacetGroup(title: Self.title(facet, t), values: shown.map { count in
                FacetValue(inputID: "f-\(param)-\(Slug.make(from: count.value))", param: param, value: count.value,
                           label: context.facetLabel(facet, count.value), count: context.number(count.count), selected: count.selected)
            }, countWord: t.enterprisesWord)
        }
        countText = context.count(page.total)

        var chips: [Chip] = []
        func chip(_ facet: SearchFacet, _ value: String, removing: (inout DirectoryQuery) -> Void) {
            var without = query
            removing(&without)
            without.page = 1
            chips.append(Chip(label: "\(Self.title(facet, t)) : \(context.facetLabel(facet, value))", url: link(without).path(language)))
        }
        for value in query.regions { chip(.region, value) { $0.regions.removeAll { $0 == value } } }
        for value in query.mrcs { chip(.mrc, value) { $0.mrcs.removeAll { $0 == value } } }
        for value in query.municipalities { chip(.municipality, value) { $0.municipalities.removeAll { $0 == value } } }
        for value in query.sectors { chip(.sector, value) { $0.sectors.removeAll { $0 == value } } }
        for value in query.legalForms { chip(.legalForm, value) { $0.legalForms.removeAll { $0 == value } } }
        for value in query.certifications { chip(.certification, value) { $0.certifications.removeAll { $0 == value } } }
        for value in query.offeringKinds { chip(.offeringKind, value) { $0.offeringKinds.removeAll { $0 == value } } }
        if let contracted = query.contracted { chip(.contracted, contracted ? "true" : "false") { $0.contracted = nil } }
        if let offers = query.offersToMunicipalities { chip(.offersToMunicipalities, offers ? "true" : "false") { $0.offersToMunicipalities = nil } }
        if query.placeMode == .headOffice && query.hasPlace {
            var without = query
            without.placeMode = .serves
            without.page = 1
            chips.append(Chip(label: t.placeModeHeadOfficeChip, url: link(without).path(language)))
        }
        if query.includeClosed {
            var without = query
            without.includeClosed = false
            without.page = 1
            chips.append(Chip(label: t.includeClosedChip, url: link(without).path(language)))
        }
        self.chips = chips
        hasChips = !chips.isEmpty
        placeNote = page.interpretation.map { found in
            var without = query
            switch found.place.kind {
            case .municipality: without.municipalities.removeAll { $0 == found.place.code }
            case .postalArea: without.municipalities.removeAll { found.place.municipalities.contains($0) }
            case .mrc: without.mrcs.removeAll { $0 == found.place.code }
            case .region: without.regions.removeAll { $0 == found.place.code }
            }
            without.page = 1
            var everywhere = page.typed ?? query
            everywhere.everywhere = true
            everywhere.page = 1
            let alternatives = found.alternatives.map { place -> Suggestion in
                var other = without
                switch place.kind {
                case .municipality: other.municipalities.append(place.code)
                case .postalArea: other.municipalities += place.municipalities
                case .mrc: other.mrcs.append(place.code)
                case .region: other.regions.append(place.code)
                }
                let kind = place.kind == .municipality ? context.facetLabel(.region, Self.catalogRegion(place.code, context)) : ""
                return Suggestion(text: kind.isEmpty ? place.name : "\(place.name) (\(kind))", url: link(other).path(language))
            }
            return PlaceNote(typed: found.matchedText, place: found.place.name, removeURL: link(without).path(language),
                             everywhereURL: link(everywhere).path(language),
                             everywhereText: "\(t.searchWordsEverywhere) : « \(everywhere.text) »",
                             alternatives: alternatives, hasAlternatives: !alternatives.isEmpty)
        }
        // The default sends an empty value, so that the form's URL says only what differs.
        placeModes = [(DirectoryQuery.PlaceMode.serves, "dessert", t.placeModeServes), (.headOffice, "siege", t.placeModeHeadOffice)].map {
            Choice(inputID: "lieu-\($0.1)", value: $0.0 == .serves ? "" : $0.1, label: $0.2, selected: query.placeMode == $0.0)
        }
        hasPlaceModes = query.hasPlace
        includeClosed = query.includeClosed
        var cleared = DirectoryQuery()
        cleared.text = query.text
        cleared.sort = query.sort
        clearURL = link(cleared).path(language)

        empty = page.total == 0 && error == nil
        suggestions = page.suggestions.prefix(5).map { word in
            var suggested = query
            suggested.text = word
            suggested.page = 1
            return Suggestion(text: word, url: link(suggested).path(language))
        }
        hasSuggestions = !suggestions.isEmpty
        browse = empty && !hasSuggestions
        if browse {
            let counts = context.directory.overview().sectorCounts  // cached between writes
            browseSectors = Sector.all.map { sector in
                SectorLink(name: context.sectorName(sector), url: SiteURL.sector(slug: sector.slug).path(language),
                           count: context.number(counts[sector.slug] ?? 0))
            }
        } else {
            browseSectors = []
        }
        browseCompleteListURL = SiteURL.completeList(DirectoryQuery()).path(language)
        // Each profile link carries this search, for the profile's « Retour aux résultats ».
        let back = ReturnLink.suffix(for: query)
        cards = page.items.map {
            var card = CardModel($0.summary, hit: $0.hit, context: context)
            card.url += back
            card.servesLocal = $0.servesLocal
            card.hasBadges = card.hasBadges || $0.servesLocal
            return card
        }
        var sortChoices = [(SearchSort.relevance, t.sortRelevance), (.name, t.sortName), (.verified, t.sortVerified)]
        if context.identity?.user.municipalityCode != nil || query.sort == .local { sortChoices.append((.local, t.sortLocal)) }
        sortChoices += extraSorts
        sorts = sortChoices.map {
            SortOption(value: WebQuery.sortValue($0.0, names: names), label: $0.1, selected: query.sort == $0.0)
        }

        let pageCount = page.pageCount
        func url(_ number: Int) -> String {
            var target = query
            target.page = number
            return link(target).path(language)
        }
        var links: [PageLink] = []
        var last = 0
        for number in 1...pageCount where number == 1 || number == pageCount || abs(number - query.page) <= 2 {
            if number - last > 1 { links.append(PageLink(number: 0, url: "", current: false, gap: true)) }
            links.append(PageLink(number: number, url: url(number), current: number == query.page, gap: false))
            last = number
        }
        pages = links
        hasPages = pageCount > 1
        previousURL = query.page > 1 ? url(query.page - 1) : nil
        nextURL = query.page < pageCount ? url(query.page + 1) : nil
        csvURL = SiteURL.searchCSV(query).path(language)
        jsonURL = "/api/v1/enterprises" + WebQuery.string(query, names: .api)
        completeListURL = SiteURL.completeList(query).path(language)
        exportURL = SiteURL.export(query).path(language)
        printURL = SiteURL.searchPrint(query).path(language)
        let filterCount = SearchWords.filterCount(query)
        filtersLinkText = "\(t.filtersLink) (\(filterCount))"
        viewSwitch = ViewSwitch(query, context: context, onMap: false)
    }

    static func title(_ facet: SearchFacet, _ t: Strings) -> String {
        switch facet {
        case .region: t.facetRegion
        case .municipality: t.facetMunicipality
        case .sector: t.facetSector
        case .legalForm: t.facetLegalForm
        case .certification: t.facetCertification
        case .offersToMunicipalities: t.facetOffers
        case .mrc: t.facetMRC
        case .serves: t.placeModeLegend
        case .status: t.closedBadge
        case .offeringKind: t.lang.hasPrefix("fr") ? "Type d'offre aux municipalités" : "Kind of offering to municipalities"
        case .contracted: t.lang.hasPrefix("fr") ? "Contrats municipaux" : "Municipal contracts"
        }
    }

    private static func catalogRegion(_ municipality: String, _ context: WebContext) -> String {
        context.directory.municipality(code: municipality)?.regionCode ?? ""
    }
}

// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension SearchPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "t": self.t
        case "layout": self.layout
        case "form": self.form
        case "heading": self.heading
        case "text": self.text
        case "error": self.error
        case "formAction": self.formAction
        case "keep": self.keep
        case "keepWithoutSort": self.keepWithoutSort
        case "facets": self.facets
        case "countText": self.countText
        case "chips": self.chips
        case "hasChips": self.hasChips
        case "clearURL": self.clearURL
        case "empty": self.empty
        case "suggestions": self.suggestions
        case "hasSuggestions": self.hasSuggestions
        case "browse": self.browse
        case "browseSectors": self.browseSectors
        case "browseCompleteListURL": self.browseCompleteListURL
        case "cards": self.cards
        case "sorts": self.sorts
        case "pages": self.pages
        case "hasPages": self.hasPages
        case "previousURL": self.previousURL
        case "nextURL": self.nextURL
        case "csvURL": self.csvURL
        case "jsonURL": self.jsonURL
        case "completeListURL": self.completeListURL
        case "exportURL": self.exportURL
        case "printURL": self.printURL
        case "filtersLinkText": self.filtersLinkText
        case "viewSwitch": self.viewSwitch
        case "placeNote": self.placeNote
        case "placeModes": self.placeModes
        case "hasPlaceModes": self.hasPlaceModes
        case "includeClosed": self.includeClosed
        case "introHTML": self.introHTML
        case "showDownloads": self.showDownloads
        case "contentHTML": self.contentHTML
        default: nil
        }
    }
}

extension SearchPage.FacetGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "values": self.values
        case "countWord": self.countWord
        case "valuesHTML": self.valuesHTML
        default: nil
        }
    }
}

extension SearchPage.FacetValue: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "inputID": self.inputID
        case "param": self.param
        case "value": self.value
        case "label": self.label
        case "count": self.count
        case "selected": self.selected
        default: nil
        }
    }
}

extension SearchPage.Chip: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "url": self.url
        default: nil
        }
    }
}

extension SearchPage.SortOption: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": self.value
        case "label": self.label
        case "selected": self.selected
        default: nil
        }
    }
}

extension SearchPage.PageLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": self.number
        case "url": self.url
        case "current": self.current
        case "gap": self.gap
        default: nil
        }
    }
}

extension SearchPage.Suggestion: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": self.text
        case "url": self.url
        default: nil
        }
    }
}

extension SearchPage.PlaceNote: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "typed": self.typed
        case "place": self.place
        case "removeURL": self.removeURL
        case "everywhereURL": self.everywhereURL
        case "everywhereText": self.everywhereText
        case "alternatives": self.alternatives
        case "hasAlternatives": self.hasAlternatives
        default: nil
        }
    }
}

extension SearchPage.Choice: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "inputID": self.inputID
        case "value": self.value
        case "label": self.label
        case "selected": self.selected
        default: nil
        }
    }
}

extension SearchPage.SectorLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": self.url
        case "count": self.count
        default: nil
        }
    }
}
