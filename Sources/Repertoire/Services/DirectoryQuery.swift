/// A search of the directory as a person asks it: the same type serves the JSON API and the
/// web pages, so both answer identically.
public struct DirectoryQuery: Sendable, Equatable {
    public static let maxTextLength = 500
    public static let maxPerPage = 100

    public var text: String = ""
    public var regions: [String] = []
    public var municipalities: [String] = []
    public var sectors: [String] = []
    public var legalForms: [String] = []
    public var certifications: [String] = []
    public var offersToMunicipalities: Bool?
    /// Kinds of offering to municipalities (``OfferingKind`` raw values; the buyers' tab).
    public var offeringKinds: [String] = []
    /// Has (or has not) carried out a municipal contract (the buyers' tab).
    public var contracted: Bool?
    /// MRC codes (`460`, `58`; see ``MRC``).
    public var mrcs: [String] = []
    /// Whether the place filters (regions, MRCs, municipalities) mean where enterprises work
    /// (the default) or where their head office is.
    public var placeMode: PlaceMode = .serves
    /// Closed enterprises are left out unless asked for; then they rank last.
    public var includeClosed = false
    /// Place names in the text stay words to look for instead of becoming a place filter.
    public var everywhere = false
    /// Count the buyers' tab's facets too (kind of offering, municipal contracts); the public
    /// pages and the API do not show them, so they are not counted there. Not a URL parameter.
    public var countsBuyerFacets = false
    public var sort: SearchSort = .relevance
    public var page: Int = 1
    public var perPage: Int = 20

    public init() {}

    public enum PlaceMode: String, Sendable, Equatable {
        case serves, headOffice
    }

    /// The problem with a query parameter, named so the caller can fix it.
    public struct ParameterError: Error, Sendable, Equatable {
        public var parameter: String
        public var message: String
        public var messageEnglish: String
    }

    /// Reads a query from URL parameters. Parameters may repeat (`region=16&region=06`) or hold
    /// comma-separated values. `names` maps each logical parameter to the names accepted for it,
    /// so French page URLs (`secteur`) and API URLs (`sector`) share this code.
    public static func parse(_ parameters: [(String, String)], names: ParameterNames = .api) throws(ParameterError) -> DirectoryQuery {
        var query = DirectoryQuery()
        func values(_ keys: [String]) -> [String] {
            parameters.filter { keys.contains($0.0) }
                .flatMap { $0.1.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
                .filter { !$0.isEmpty }
        }
        func single(_ keys: [String]) -> String? {
            parameters.last(where: { keys.contains($0.0) })?.1.trimmingCharacters(in: .whitespaces)
        }

        if names.strict, let empty = parameters.first(where: { name, value in
            !names.text.contains(name) && names.all.contains(name)
                && value.split(separator: ",", omittingEmptySubsequences: false).contains { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        }) {
            throw ParameterError(parameter: empty.0,
                                 message: "valeur vide : donnez une valeur ou retirez le paramètre.",
                                 messageEnglish: "empty value: give a value or leave the parameter out.")
        }
        let text = single(names.text) ?? ""
        if text.count > maxTextLength {
            throw ParameterError(parameter: names.text[0],
                                 message: "La recherche est trop longue (\(text.count) caractères) : \(maxTextLength) au maximum.",
                                 messageEnglish: "The search text is too long (\(text.count) characters): at most \(maxTextLength).")
        }
        query.text = text

        for value in values(names.region) {
            guard let region = Region.find(value) else {
                throw ParameterError(parameter: names.region[0],
                                     message: "Région inconnue « \(value) » : utilisez un code de 01 à 17.",
                                     messageEnglish: "Unknown region \"\(value)\": use a code from 01 to 17.")
            }
            if !query.regions.contains(region.code) { query.regions.append(region.code) }
        }
        for value in values(names.municipality) {
            guard Municipality.isValidCode(value) else {
                throw ParameterError(parameter: names.municipality[0],
                                     message: "Code de municipalité invalide « \(value) » : 5 chiffres attendus (ex. 58227).",
                                     messageEnglish: "Invalid municipality code \"\(value)\": 5 digits expected (e.g. 58227).")
            }
            if !query.municipalities.contains(value) { query.municipalities.append(value) }
        }
        for value in values(names.sector) {
            guard let sector = Sector.find(value) else {
                throw ParameterError(parameter: names.sector[0],
                                     message: "Secteur inconnu « \(value) ».", messageEnglish: "Unknown sector \"\(value)\".")
            }
            if !query.sectors.contains(sector.slug) { query.sectors.append(sector.slug) }
        }
        for value in values(names.legalForm) {
            guard let form = LegalForm(rawValue: value.lowercased()) else {
                throw ParameterError(parameter: names.legalForm[0],
                                     message: "Forme juridique inconnue « \(value) ».", messageEnglish: "Unknown legal form \"\(value)\".")
            }
            if !query.legalForms.contains(form.rawValue) { query.legalForms.append(form.rawValue) }
        }
        for value in values(names.certification) {
            guard let certification = Certification.find(value) else {
                throw ParameterError(parameter: names.certification[0],
                                     message: "Certification inconnue « \(value) ».", messageEnglish: "Unknown certification \"\(value)\".")
            }
            if !query.certifications.contains(certification.slug) { query.certifications.append(certification.slug) }
        }
        for value in values(names.mrc) {
            // A code, or the catalogue's field (« Longueuil (58) », « MRC Acton (480) »).
            // The name may not hold parentheses of its own (the API's schema says the same).
            let code = value.allSatisfy({ $0.isASCII && $0.isNumber }) ? value
                : MRC.parse(value).flatMap { $0.name.contains(where: { "()".contains($0) }) ? nil : $0.code }
            guard let code, (1...3).contains(code.count) else {
                throw ParameterError(parameter: names.mrc[0],
                                     message: "MRC invalide « \(value) » : un code de 2 ou 3 chiffres attendu (ex. 58 pour Longueuil, 460 pour Brome-Missisquoi).",
                                     messageEnglish: "Invalid MRC \"\(value)\": a 2- or 3-digit code expected (e.g. 58 for Longueuil, 460 for Brome-Missisquoi).")
            }
            if !query.mrcs.contains(code) { query.mrcs.append(code) }
        }
        if let raw = try flag(single(names.offersToMunicipalities), names.offersToMunicipalities[0], strict: names.strict) { query.offersToMunicipalities = raw }
        for value in values(names.offeringKind) {
            guard let kind = OfferingKind(rawValue: value.lowercased()) else {
                throw ParameterError(parameter: names.offeringKind[0],
                                     message: "Type d'offre inconnu « \(value) » : bien, service ou travaux.",
                                     messageEnglish: "Unknown kind of offering \"\(value)\": bien, service or travaux.")
            }
            if !query.offeringKinds.contains(kind.rawValue) { query.offeringKinds.append(kind.rawValue) }
        }
        if let name = names.contracted.first, let raw = try flag(single(names.contracted), name, strict: names.strict) { query.contracted = raw }
        if let raw = single(names.placeMode), !raw.isEmpty {
            guard let mode = names.placeModeValues.first(where: { $0.key.lowercased() == raw.lowercased() })?.value else {
                throw ParameterError(parameter: names.placeMode[0],
                                     message: "Valeur « \(raw) » invalide : \(names.placeModeValues.keys.sorted().joined(separator: " ou ")) attendu.",
                                     messageEnglish: "Invalid value \"\(raw)\": \(names.placeModeValues.keys.sorted().joined(separator: " or ")) expected.")
            }
            query.placeMode = mode
        }
        query.includeClosed = try flag(single(names.includeClosed), names.includeClosed[0], strict: names.strict) ?? false
        query.everywhere = try flag(single(names.everywhere), names.everywhere[0], strict: names.strict) ?? false
        if let raw = single(names.sort), !raw.isEmpty {
            guard let sort = names.sortValues[raw.lowercased()] else {
                throw ParameterError(parameter: names.sort[0],
                                     message: "Tri inconnu « \(raw) » : \(names.sortValues.keys.sorted().joined(separator: ", ")).",
                                     messageEnglish: "Unknown sort \"\(raw)\": \(names.sortValues.keys.sorted().joined(separator: ", ")).")
            }
            query.sort = sort
        }
        if let raw = single(names.page), !raw.isEmpty {
            guard let page = Int(raw), page >= 1, page <= 10_000 else {
                throw ParameterError(parameter: names.page[0],
                                     message: "Numéro de page invalide « \(raw) » : un entier de 1 à 10000.",
                                     messageEnglish: "Invalid page number \"\(raw)\": an integer from 1 to 10000.")
            }
            query.page = page
        }
        if let raw = single(names.perPage), !raw.isEmpty {
            guard let perPage = Int(raw), perPage >= 1, perPage <= maxPerPage else {
                throw ParameterError(parameter: names.perPage[0],
                                     message: "Taille de page invalide « \(raw) » : un entier de 1 à \(maxPerPage).",
                                     messageEnglish: "Invalid page size \"\(raw)\": an integer from 1 to \(maxPerPage).")
            }
            query.perPage = perPage
        }
        return query
    }

    private static func flag(_ raw: String?, _ parameter: String, strict: Bool) throws(ParameterError) -> Bool? {
        guard let raw, !raw.isEmpty else { return nil }
        // The API says true or false; the pages also take what forms and people write.
        let yes: Set<String> = strict ? ["true"] : ["true", "1", "oui", "yes", "on"]
        let no: Set<String> = strict ? ["false"] : ["false", "0", "non", "no", "off"]
        switch strict ? raw : raw.lowercased() {
        case let value where yes.contains(value): return true
        case let value where no.contains(value): return false
        default:
            throw ParameterError(parameter: parameter,
                                 message: "Valeur « \(raw) » invalide : true ou false attendu.",
                                 messageEnglish: "Invalid value \"\(raw)\": true or false expected.")
        }
    }

    /// This query with the place found in its text as a filter, and the rest as its text.
    func applying(_ found: QueryInterpreter.Interpretation) -> DirectoryQuery {
        var applied = self
        applied.text = found.remainingText
        let place = found.place
        switch place.kind {
        case .municipality: if !applied.municipalities.contains(place.code) { applied.municipalities.append(place.code) }
        case .postalArea: applied.municipalities += place.municipalities.filter { !applied.municipalities.contains($0) }
        case .mrc: if !applied.mrcs.contains(place.code) { applied.mrcs.append(place.code) }
        case .region: if !applied.regions.contains(place.code) { applied.regions.append(place.code) }
        }
        return applied
    }

    /// Whether a place is chosen (region, MRC or municipality).
    public var hasPlace: Bool { !regions.isEmpty || !mrcs.isEmpty || !municipalities.isEmpty }

    /// The engine's query for this page. `localTo`: the signed-in buyer's municipality, which
    /// the local sort puts first when no place is chosen.
    func searchQuery(catalog: MunicipalityCatalog, localTo: String? = nil) -> SearchQuery {
        var filters: [SearchFacet: Set<String>] = [:]
        var tiers: [[SearchFacet: Set<String>]] = []
        switch placeMode {
        case .headOffice:
            if !regions.isEmpty { filters[.region] = Set(regions) }
            if !mrcs.isEmpty { filters[.mrc] = Set(mrcs) }
            if !municipalities.isEmpty { filters[.municipality] = Set(municipalities) }
        case .serves:
            if hasPlace {
                filters[.serves] = ServedPlaces.filter(regions: regions, mrcs: mrcs, municipalities: municipalities, catalog: catalog)
                tiers = ServedPlaces.tiers(regions: regions, mrcs: mrcs, municipalities: municipalities, catalog: catalog)
            }
        }
        if tiers.isEmpty, sort == .local, let localTo {
            tiers = ServedPlaces.tiers(regions: [], mrcs: [], municipalities: [localTo], catalog: catalog)
        }
        if !includeClosed { filters[.status] = ["active"] }
        if !sectors.isEmpty { filters[.sector] = Set(sectors) }
        if !legalForms.isEmpty { filters[.legalForm] = Set(legalForms) }
        if !certifications.isEmpty { filters[.certification] = Set(certifications) }
        if let offers = offersToMunicipalities { filters[.offersToMunicipalities] = [offers ? "true" : "false"] }
        if !offeringKinds.isEmpty { filters[.offeringKind] = Set(offeringKinds) }
        if let contracted { filters[.contracted] = [contracted ? "true" : "false"] }
        var query = SearchQuery(text: text, filters: filters, sort: sort == .local || sort == .distance ? .relevance : sort,
                                offset: (page - 1) * perPage, limit: perPage,
                                rankTiers: sort == .name || sort == .verified ? [] : tiers,
                                demoted: includeClosed ? [.status: ["closed"]] : [:])
        // What pages and the API show: the public facets, and `serves` for the place counts.
        query.countedFacets = Set(SearchFacet.shown + [.serves] + (countsBuyerFacets ? [.offeringKind, .contracted] : []))
        return query
    }
}

/// The URL parameter names accepted for each part of a ``DirectoryQuery``.
public struct ParameterNames: Sendable {
    public var text: [String]
    public var region: [String]
    public var municipality: [String]
    public var sector: [String]
    public var legalForm: [String]
    public var certification: [String]
    public var offersToMunicipalities: [String]
    /// The buyers' tab's filters; the public pages and the API do not read them (empty).
    public var offeringKind: [String] = []
    public var contracted: [String] = []
    public var mrc: [String]
    public var placeMode: [String]
    public var placeModeValues: [String: DirectoryQuery.PlaceMode]
    public var includeClosed: [String]
    public var everywhere: [String]
    public var sort: [String]
    public var sortValues: [String: SearchSort]
    public var page: [String]
    public var perPage: [String]
    /// The API holds to its OpenAPI schema: an empty value is refused rather than ignored, and a
    /// yes/no parameter is `true` or `false`. Pages stay lenient: forms send empty fields.
    public var strict = false

    /// Every name this query reads.
    var all: Set<String> {
        Set(text + region + municipality + sector + legalForm + certification + offersToMunicipalities + offeringKind + contracted + mrc
            + placeMode + includeClosed + everywhere + sort + page + perPage)
    }

    public static let api = ParameterNames(
        text: ["q"], region: ["region"], municipality: ["municipality"], sector: ["sector"],
        legalForm: ["legalForm"], certification: ["certification"], offersToMunicipalities: ["offersToMunicipalities"],
        mrc: ["mrc"], placeMode: ["placeMode"], placeModeValues: ["serves": .serves, "headOffice": .headOffice],
        includeClosed: ["includeClosed"], everywhere: ["everywhere"],
        sort: ["sort"], sortValues: ["relevance": .relevance, "name": .name, "verified": .verified, "local": .local],
        page: ["page"], perPage: ["perPage"], strict: true)
}
