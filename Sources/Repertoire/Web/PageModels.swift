import Mustache

/// The shared frame of every page (see `layout.mustache`).
struct LayoutModel: Sendable {
    var lang: String
    var title: String
    var description: String
    var canonical: String
    var alternate: String
    var alternateLang: String
    var switchURL: String
    var cssURL: String
    var jsURL: String
    var iconURL: String
    var homeURL: String
    var searchURL: String
    var aboutURL: String
    var hubURL: String
    var tendersURL: String
    var apiURL: String
    var fictional: Bool
    var signedIn: Bool = false
    var userName: String? = nil
    var accountURL: String = Route.account.path()
    var signInURL: String = Route.signIn.path()
    var signOutURL: String = Route.signOut.path()
    var csrf: String = ""
    var staffLinks: [LinkModel] = []
    /// The page's language: the frame's words (``top``, ``bottom``).
    var language: Language = .fr
}

struct LinkModel: Sendable {
    var url: String
    var label: String
}

/// The staff tools a user's roles open, for the header and the account page.
enum StaffLinks {
    static func links(for user: User?, language: Language = .fr) -> [LinkModel] {
        guard let user else { return [] }
        var links: [LinkModel] = []
        // The buyers' workspace, in the page's language.
        if user.has(.buyerWorkspace) {
            links.append(LinkModel(url: Route.buyers.path(language: language), label: language == .fr ? "Espace acheteurs" : "Buyers' workspace"))
        }
        if user.has(.keepPurchaseLists) {
            links.append(LinkModel(url: Route.purchaseLists.path(language: language), label: language == .fr ? "Listes d'achat" : "Purchase lists"))
        }
        if user.has(.followCallsForInterest) {
            links.append(LinkModel(url: Route.calls.path(language: language), label: language == .fr ? "Appels d'intérêt" : "Calls for interest"))
        }
        if user.has(.viewPurchaseRecord) {
            links.append(LinkModel(url: Route.purchaseDashboard.path(language: language), label: language == .fr ? "Achats responsables" : "Responsible purchasing"))
        }
        for tool in StaffTool.all where user.has(tool.permission) {
            links.append(LinkModel(url: tool.url, label: tool.label))
        }
        return links
    }
}

/// A page of the staff area: where it is, what it is called and who may open it.
struct StaffTool: Sendable {
    var url: String
    var label: String
    var permission: Permission

    /// Filled as the staff controllers are written; the header lists those the user may open.
    static let all: [StaffTool] = [
        StaffTool(.articles, label: "Articles J'achète"),
        StaffTool(.newEnterprise, label: "Nouvelle entreprise"),
        StaffTool(.toVerify, label: "À vérifier"),
        StaffTool(.archivedEnterprises, label: "Archives"),
        StaffTool(.proposals, label: "Propositions"),
        StaffTool(.myEnterprise, label: "Mon entreprise"),
        StaffTool(.users, label: "Utilisateurs"),
        StaffTool(.audit, label: "Journal d'audit"),
        StaffTool(.outbox, label: "Courriels"),
        StaffTool(.imports, label: "Importation"),
        StaffTool(.thresholds, label: "Seuils des contrats"),
        StaffTool(.tenderImports, label: "SEAO"),
    ]

    /// A tool is a staff route: its link and who may open it come from the route's definition.
    init(_ route: Route, label: String) {
        url = route.path()
        self.label = label
        permission = GuardedRoutes.permission(of: route)
    }
}

struct HiddenField: Sendable {
    var name: String
    var value: String
}

struct SearchFormModel: Sendable {
    var id: String
    var action: String
    var text: String
    var hidden: [HiddenField]
    var typeaheadURL: String
    /// The page's language: the box's words (``html``).
    var language: Language = .fr

    /// The search box, written by ``HTMLWriter/searchForm(_:_:)`` for the templates too.
    var html: SafeHTML {
        var w = HTMLWriter(capacity: 1_024)
        w.searchForm(self, language.strings)
        return w.result
    }
}

/// A result card: written by ``html`` for the results, home and map pages.
struct CardModel: Sendable {
    var url: String
    /// The name with the search words in `<mark>`, escaped (``SafeHTML``).
    var name: SafeHTML
    var place: String?
    var legalForm: String?
    var offers: Bool
    var certifications: [String]
    var closed: Bool
    var fictional: Bool
    /// « Dessert votre municipalité », for a signed-in buyer.
    var servesLocal = false
    var hasBadges: Bool
    var snippet: SafeHTML?
    var hasSnippet: Bool
    var offeringsText: String
    var hasOfferings: Bool
    var sectorsText: String
    var verifiedText: String
    var contact: String?
    /// The interface's words the card prints (the card is written in Swift, see ``html``).
    var frenchData: Bool
    var servesLocalLabel: String
    var offersLabel: String
    var closedLabel: String
    var fictionalLabel: String
    var offeringsLabel: String
    /// The buyers' tab's details and « Ajouter à une liste » form (``BuyerCard``).
    var extraHTML: SafeHTML? = nil

    init(_ summary: EnterpriseSummary, hit: SearchHit?, context: WebContext) {
        let t = context.t
        frenchData = t.frenchData
        servesLocalLabel = t.servesYourMunicipality
        offersLabel = t.offersBadge
        closedLabel = t.closedBadge
        fictionalLabel = t.fictionalBadge
        offeringsLabel = t.offerings
        url = SiteURL.enterprise(slug: summary.slug).path(context.language)
        name = hit.map { SafeHTML(highlighting: $0.nameHighlight) } ?? SafeHTML(text: summary.name)
        let region = summary.regionCode.flatMap(Region.find)?.name
        place = [summary.municipalityName, region].compactMap { $0 }.joined(separator: ", ")
        if place?.isEmpty == true { place = nil }
        legalForm = context.legalFormName(summary.legalForm)
        offers = summary.offersToMunicipalities
        certifications = summary.certifications.compactMap(Certification.find).map(context.certificationName)
        closed = summary.status == .closed
        fictional = summary.isFictional
        hasBadges = offers || !certifications.isEmpty || closed || fictional
        snippet = hit?.snippet.flatMap { $0.isEmpty ? nil : SafeHTML(highlighting: $0) }
        hasSnippet = snippet != nil
        offeringsText = summary.keyOfferings.joined(separator: " · ")
        hasOfferings = !summary.keyOfferings.isEmpty
        sectorsText = summary.sectors.compactMap(Sector.find).map(context.sectorName).joined(separator: ", ")
        verifiedText = context.day(summary.lastVerified).map { "\(t.verifiedOn) \($0)" } ?? t.neverVerified
        let contactParts = [summary.phone, summary.email, summary.website].compactMap { $0 }
        contact = contactParts.isEmpty ? nil : contactParts.joined(separator: " · ")
    }

    /// The card as HTML: written in Swift rather than by a template, because a results page
    /// prints twenty of them and each template tag costs more than the text it prints.
    var html: SafeHTML {
        var w = HTMLWriter(capacity: 1024)
        w.markup("<li class=\"card\">\n<h3 class=\"card-title\"")
        if frenchData { w.markup(" lang=\"fr\"") }
        w.markup("><a href=\""); w.text(url); w.markup("\">"); w.safe(name); w.markup("</a></h3>\n")
        w.markup("<p class=\"card-meta\">")
        if let place { w.markup("<span>"); w.text(place); w.markup("</span>") }
        if let legalForm { w.markup(" · <span>"); w.text(legalForm); w.markup("</span>") }
        w.markup("</p>\n")
        if hasBadges {
            w.markup("<ul class=\"badges\">")
            if servesLocal { w.markup("<li class=\"badge badge-local\">"); w.text(servesLocalLabel); w.markup("</li>") }
            if offers { w.markup("<li class=\"badge badge-offer\">"); w.text(offersLabel); w.markup("</li>") }
            for certification in certifications { w.markup("<li class=\"badge\">"); w.text(certification); w.markup("</li>") }
            if closed { w.markup("<li class=\"badge badge-closed\">"); w.text(closedLabel); w.markup("</li>") }
            if fictional { w.markup("<li class=\"badge badge-fictional\">"); w.text(fictionalLabel); w.markup("</li>") }
            w.markup("</ul>")
        }
        w.markup("\n")
        if let snippet {
            w.markup("<p class=\"snippet\"")
            if frenchData { w.markup(" lang=\"fr\"") }
            w.markup(">"); w.safe(snippet); w.markup("</p>")
        }
        w.markup("\n")
        if hasOfferings {
            w.markup("<p class=\"card-offerings\"><span class=\"visually-hidden\">"); w.text(offeringsLabel); w.markup(" : </span><span")
            if frenchData { w.markup(" lang=\"fr\"") }
            w.markup(">"); w.text(offeringsText); w.markup("</span></p>")
        }
        w.markup("\n<p class=\"card-foot\"><span class=\"sectors\">"); w.text(sectorsText)
        w.markup("</span> <span class=\"verified\">"); w.text(verifiedText); w.markup("</span></p>\n")
        if let contact { w.markup("<p class=\"print-only\">"); w.text(contact); w.markup("</p>") }
        if let extraHTML { w.safe(extraHTML) }
        w.markup("\n</li>\n")
        return w.result
    }
}

// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension LayoutModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "lang": self.lang
        case "title": self.title
        case "description": self.description
        case "canonical": self.canonical
        case "alternate": self.alternate
        case "alternateLang": self.alternateLang
        case "switchURL": self.switchURL
        case "cssURL": self.cssURL
        case "jsURL": self.jsURL
        case "iconURL": self.iconURL
        case "homeURL": self.homeURL
        case "searchURL": self.searchURL
        case "aboutURL": self.aboutURL
        case "hubURL": self.hubURL
        case "tendersURL": self.tendersURL
        case "apiURL": self.apiURL
        case "fictional": self.fictional
        case "signedIn": self.signedIn
        case "userName": self.userName
        case "accountURL": self.accountURL
        case "signInURL": self.signInURL
        case "signOutURL": self.signOutURL
        case "csrf": self.csrf
        case "staffLinks": self.staffLinks
        case "language": self.language.rawValue
        case "top": self.top
        case "bottom": self.bottom
        default: nil
        }
    }
}

extension LinkModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "url": self.url
        case "label": self.label
        default: nil
        }
    }
}

extension HiddenField: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "value": self.value
        default: nil
        }
    }
}

extension SearchFormModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "action": self.action
        case "text": self.text
        case "hidden": self.hidden
        case "typeaheadURL": self.typeaheadURL
        case "language": self.language.rawValue
        case "html": self.html
        default: nil
        }
    }
}

extension CardModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "extraHTML": self.extraHTML
        case "url": self.url
        case "name": self.name
        case "place": self.place
        case "legalForm": self.legalForm
        case "offers": self.offers
        case "certifications": self.certifications
        case "closed": self.closed
        case "servesLocal": self.servesLocal
        case "fictional": self.fictional
        case "hasBadges": self.hasBadges
        case "snippet": self.snippet
        case "hasSnippet": self.hasSnippet
        case "offeringsText": self.offeringsText
        case "hasOfferings": self.hasOfferings
        case "sectorsText": self.sectorsText
        case "verifiedText": self.verifiedText
        case "contact": self.contact
        case "frenchData": self.frenchData
        case "servesLocalLabel": self.servesLocalLabel
        case "offersLabel": self.offersLabel
        case "closedLabel": self.closedLabel
        case "fictionalLabel": self.fictionalLabel
        case "offeringsLabel": self.offeringsLabel
        case "html": self.html
        default: nil
        }
    }
}

extension HTMLWriter {
    /// The search box (the `searchform` template's markup, for pages written in Swift).
    mutating func searchForm(_ form: SearchFormModel, _ t: Strings) {
        markup("<form class=\"search-form\" role=\"search\" method=\"get\" action=\""); text(form.action); markup("\">\n")
        markup("<label for=\"q-"); text(form.id); markup("\" class=\"search-label\">"); text(t.searchLabel); markup("</label>\n")
        markup("<div class=\"search-row\">\n<input type=\"search\" id=\"q-"); text(form.id); markup("\" name=\"q\" value=\""); text(form.text)
        markup("\" placeholder=\""); text(t.searchPlaceholder); markup("\" maxlength=\"500\" autocomplete=\"off\" data-typeahead=\"")
        text(form.typeaheadURL); markup("\" aria-describedby=\"q-"); text(form.id); markup("-hint\">\n")
        hiddenFields(form.hidden)
        markup("\n<button type=\"submit\">"); text(t.searchButton); markup("</button>\n</div>\n")
        markup("<p id=\"q-"); text(form.id); markup("-hint\" class=\"visually-hidden\">"); text(t.searchPlaceholder); markup("</p>\n</form>\n")
    }
}
