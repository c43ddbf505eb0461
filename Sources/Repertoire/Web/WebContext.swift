import Foundation

/// What every page builder needs: the language, the directory and where the site lives.
struct WebContext: Sendable {
    let language: Language
    let directory: DirectoryService
    /// The public base URL (`https://repertoire.example`), for canonical links and the sitemap.
    let baseURL: String
    let assets: StaticAssets
    /// The signed-in person, if any: shown in the header, and deciding what personal data appears.
    var identity: Identity? = nil

    var t: Strings { language.strings }

    func absolute(_ path: String) -> String { baseURL + path }

    /// The shared frame of a page.
    func layout(title: String, description: String, path: SiteURL, fictional: Bool) -> LayoutModel {
        LayoutModel(
            lang: t.lang,
            title: title == t.siteName || title == t.homeDocumentTitle ? title : "\(title) — \(t.siteName)",
            description: description,
            canonical: absolute(path.path(language)),
            alternate: absolute(path.path(language.other)),
            alternateLang: language.other.strings.lang,
            switchURL: path.path(language.other),
            cssURL: assets.url(for: "site.css"),
            jsURL: assets.url(for: "site.js"),
            iconURL: assets.url(for: "icon.svg"),
            homeURL: SiteURL.home.path(language),
            searchURL: SiteURL.search(DirectoryQuery()).path(language),
            aboutURL: SiteURL.about.path(language),
            hubURL: Route.hub.path(language: language),
            tendersURL: Route.tenders.path(language: language),
            apiURL: "/api/v1/openapi.json",
            fictional: fictional,
            signedIn: identity != nil,
            userName: identity.map { $0.user.name.isEmpty ? $0.user.email : $0.user.name },
            accountURL: Route.account.path(),
            signInURL: Route.signIn.path(),
            signOutURL: Route.signOut.path(),
            csrf: CSRF.mask(identity?.csrfToken ?? ""),
            staffLinks: StaffLinks.links(for: identity?.user, language: language),
            language: language)
    }

    /// True when the page may show the managers' contacts of this enterprise (Loi 25).
    func maySeePersonalData(ofEnterprise id: String) -> Bool {
        identity?.user.maySeePersonalData(ofEnterprise: id) ?? false
    }

    func form(id: String, query: DirectoryQuery, keepFilters: Bool) -> SearchFormModel {
        SearchFormModel(
            id: id, action: SiteURL.search(DirectoryQuery()).path(language), text: query.text,
            hidden: keepFilters ? WebQuery.items(query, includePaging: false).filter { $0.0 != "q" }.map { HiddenField(name: $0.0, value: $0.1) } : [],
            typeaheadURL: "/api/v1/enterprises", language: language)
    }

    /// `2025-06-30` → `30 juin 2025` / `June 30, 2025`.
    func day(_ text: String?) -> String? {
        guard let text else { return nil }
        return Formats.longDay(text, language: language)
    }

    func number(_ value: Int) -> String {
        Formats.number(value, language: language)
    }

    func count(_ value: Int) -> String {
        value == 1 ? t.resultCountOne : "\(number(value)) \(t.resultCountMany)"
    }

    func sectorName(_ sector: Sector) -> String { language == .fr ? sector.name : sector.nameEnglish }
    func certificationName(_ c: Certification) -> String { language == .fr ? c.name : c.nameEnglish }
    func legalFormName(_ form: LegalForm) -> String { language == .fr ? form.name : form.nameEnglish }

    func facetLabel(_ facet: SearchFacet, _ value: String) -> String {
        switch facet {
        case .sector: Sector.find(value).map(sectorName) ?? value
        case .certification: Certification.find(value).map(certificationName) ?? value
        case .legalForm: LegalForm(rawValue: value).map(legalFormName) ?? value
        case .offersToMunicipalities: value == "true" ? t.offersBadge : (language == .fr ? "N'offre pas aux municipalités" : "Does not offer to municipalities")
        case .region, .municipality, .mrc, .serves: FacetLabels.label(facet, value, catalog: directory.catalog)
        case .status: value == "closed" ? t.closedBadge : (language == .fr ? "Active" : "Active")
        case .offeringKind: OfferingKind(rawValue: value).map { language == .fr ? $0.name : $0.nameEnglish } ?? value
        case .contracted: value == "true"
            ? (language == .fr ? "A déjà obtenu un contrat municipal" : "Has held a municipal contract")
            : (language == .fr ? "Aucun contrat municipal inscrit" : "No municipal contract on record")
        }
    }
}

extension WebContext {
    /// French or English, as the page is.
    func tr(_ french: String, _ english: String) -> String { language == .fr ? french : english }

    /// `60 000,00 $` / `$60,000.00`.
    func money(cents: Int64) -> String {
        let units = Int(cents / 100), rest = Int(cents % 100)
        let whole = number(units)
        if rest == 0 { return language == .fr ? "\(whole) $" : "$\(whole)" }
        let fraction = rest < 10 ? "0\(rest)" : "\(rest)"
        return language == .fr ? "\(whole),\(fraction) $" : "$\(whole).\(fraction)"
    }

    /// Where an enterprise works, in words.
    func serviceAreaText(_ profile: EnterpriseProfile) -> String {
        let catalog = directory.catalog
        switch profile.serviceArea?.scope {
        case .quebec?: return t.serviceAreaQuebec
        case .regions?: return (profile.serviceArea?.codes ?? []).compactMap(Region.find).map(\.name).joined(separator: ", ")
        case .mrcs?: return (profile.serviceArea?.codes ?? []).map { catalog.mrc(code: $0)?.label ?? $0 }.joined(separator: ", ")
        case .municipalities?: return (profile.serviceArea?.codes ?? []).map { catalog.municipality(code: $0)?.name ?? $0 }.joined(separator: ", ")
        case nil: return profile.regionCode.flatMap(Region.find)?.name ?? "—"
        }
    }
}

/// Formats made once: a results page formats a hundred numbers and twenty dates, and making a
/// `Locale` for each was a few per cent of the page.
enum Formats {
    static let quebecTime = TimeZone(identifier: "America/Toronto") ?? .gmt
    static let dayFrench = Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: "fr_CA"), timeZone: quebecTime)
    static let dayEnglish = Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: "en_CA"), timeZone: quebecTime)
    static let numberFrench = IntegerFormatStyle<Int>.number.locale(Locale(identifier: "fr_CA"))
    static let numberEnglish = IntegerFormatStyle<Int>.number.locale(Locale(identifier: "en_CA"))

    private static let monthsFrench = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    private static let monthsEnglish = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// `2025-06-30` → `30 juin 2025` / `June 30, 2025`, as `dayFrench` and `dayEnglish` write
    /// it (``FormatsTests`` compares them day by day), without Foundation's formatter, which was
    /// 3 % of a results page (twenty cards, a date each). Nil unless the text is a real date.
    static func longDay(_ text: String, language: Language) -> String? {
        // Foundation's calendar is Julian before 1582: it answers for the years before 1600,
        // and for texts that are not a day (nil).
        guard let (year, month, day) = CalendarDay.components(text), year >= 1600 else {
            return CalendarDay.parse(text)?.formatted(language == .fr ? dayFrench : dayEnglish)
        }
        return language == .fr ? "\(day) \(monthsFrench[month - 1]) \(year)" : "\(monthsEnglish[month - 1]) \(day), \(year)"
    }

    /// `12345` → `12 345` (a no-break space) / `12,345`, as `numberFrench` and `numberEnglish`
    /// write it (``FormatsTests``), without Foundation's formatter.
    static func number(_ value: Int, language: Language) -> String {
        let digits = String(value.magnitude)
        guard digits.utf8.count > 3 else { return value < 0 ? "-" + digits : digits }
        let separator: Character = language == .fr ? "\u{00A0}" : ","
        var result = value < 0 ? "-" : ""
        result.reserveCapacity(digits.utf8.count * 2)
        let count = digits.count
        for (index, digit) in digits.enumerated() {
            if index > 0 && (count - index) % 3 == 0 { result.append(separator) }
            result.append(digit)
        }
        return result
    }
}
