/// What one distinct value of a code or free-text column stands for: a sector, a legal form,
/// nothing, or "this row is not an enterprise" (a citizen member, a partner person). Chosen per
/// value in the preview, saved with the column mapping; `automatic` lets ``ValueGuesser`` decide.
public enum ValueTarget: Sendable, Hashable {
    case automatic
    case sector(String)
    case legalForm(LegalForm)
    case ignore
    case notEnterprise

    /// The form value and the saved form: `auto`, `secteur:habitation`, `forme:cooperative`,
    /// `ignorer`, `personne`.
    public var code: String {
        switch self {
        case .automatic: "auto"
        case .sector(let slug): "secteur:\(slug)"
        case .legalForm(let form): "forme:\(form.rawValue)"
        case .ignore: "ignorer"
        case .notEnterprise: "personne"
        }
    }

    public init?(code: String) {
        switch code {
        case "auto": self = .automatic
        case "ignorer": self = .ignore
        case "personne": self = .notEnterprise
        default:
            if code.hasPrefix("secteur:"), let sector = Sector.find(String(code.dropFirst(8))) {
                self = .sector(sector.slug)
            } else if code.hasPrefix("forme:"), let form = LegalForm(rawValue: String(code.dropFirst(6))) {
                self = .legalForm(form)
            } else {
                return nil
            }
        }
    }

    /// In French, for the preview and the command line.
    public var label: String {
        switch self {
        case .automatic: "Automatique"
        case .sector(let slug): "Secteur : \(Sector.find(slug)?.name ?? slug)"
        case .legalForm(let form): "Forme juridique : \(form.name)"
        case .ignore: "Ignorer la valeur"
        case .notEnterprise: "Pas une entreprise : ligne ignorée"
        }
    }

    /// Every choice a person can make for a value, in the preview's order.
    public static var choices: [ValueTarget] {
        [.automatic, .notEnterprise, .ignore] + Sector.all.map { .sector($0.slug) } + LegalForm.allCases.map { .legalForm($0) }
    }
}

extension ValueTarget: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let target = ValueTarget(code: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown value target \(text)"))
        }
        self = target
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

/// How an update settles a field whose stored value and the file's value are both filled in and
/// differ. `automatic` keeps the stored value when a person edited it, or verified the record,
/// after the list's date, and takes the file's otherwise.
public enum ConflictChoice: String, Sendable, Codable, CaseIterable {
    case automatic = "auto"
    case keepStored = "garder"
    case takeIncoming = "fichier"

    public var label: String {
        switch self {
        case .automatic: "Selon la règle (valeurs modifiées à la main ou vérifiées gardées)"
        case .keepStored: "Garder les valeurs enregistrées"
        case .takeIncoming: "Prendre les valeurs du fichier"
        }
    }
}

/// The automatic reading of a value: person categories, sectors by name or by their usual
/// words, legal forms by name or REQ code.
public enum ValueGuesser {
    /// Folded keys (see `ImportText.key`) of the categories that name people, not enterprises.
    static let personValues: Set<String> = [
        "citoyen", "citoyenne", "citoyens", "citoyennes", "citoyen ne", "individu", "individus", "individuel", "individuelle",
        "membre individuel", "membre individuelle", "membres individuels", "membre citoyen", "membre citoyenne",
        "membre a titre individuel", "personne", "personne physique", "personnes physiques", "particulier", "particuliere",
        "particuliers", "membre particulier", "individual", "individual member", "citizen", "person",
    ]

    public static func isPerson(_ value: String) -> Bool { personValues.contains(ImportText.key(value)) }

    /// What `value` of a column feeding `field` stands for when no one chose: never `automatic`.
    public static func target(for field: ImportField, value: String) -> ValueTarget {
        if isPerson(value) { return .notEnterprise }
        switch field {
        case .legalForm:
            return ValueParsers.legalForm(value).map(ValueTarget.legalForm) ?? .ignore
        case .sectors, .activity:
            return sector(value).map { .sector($0.slug) } ?? .ignore
        case .category:
            if let sector = ValueParsers.sector(value) { return .sector(sector.slug) }
            if let form = ValueParsers.legalForm(value), form != .other { return .legalForm(form) }
            return sector(value).map { .sector($0.slug) } ?? .ignore
        default:
            return .ignore
        }
    }

    /// A sector by name, slug, or the words its enterprises use (`Traiteur` → food and catering,
    /// `Ressourcerie` → environment): the sector with the most matching word beginnings wins.
    static func sector(_ value: String) -> Sector? {
        if let exact = ValueParsers.sector(value) { return exact }
        let words = ImportText.key(value).split(separator: " ")
        var best: (Sector, Int)?
        for (slug, stems) in keywords {
            let score = words.reduce(0) { count, word in count + (stems.contains { word.hasPrefix($0) } ? 1 : 0) }
            if score > 0, score > (best?.1 ?? 0), let sector = Sector.find(slug) { best = (sector, score) }
        }
        return best?.0
    }

    /// Word beginnings (folded) that point to a sector, in a fixed order so ties go the same way.
    static let keywords: [(String, [String])] = [
        ("agroalimentaire-restauration", ["agroalim", "aliment", "restaura", "traiteur", "cuisine", "epicer", "ferme", "agricol",
                                          "boulang", "cafe", "repas", "nourrit", "food", "maraich", "fromag", "brasse"]),
        ("arts-culture-patrimoine", ["art", "cultur", "patrimo", "musee", "theatr", "musiq", "spectacl", "cinema", "danse",
                                     "histoir", "artist", "galerie"]),
        ("commerce-detail-friperies", ["commerce", "detail", "friperi", "boutiqu", "magasin", "quincail", "librair", "depanneur"]),
        ("communications-medias-imprimerie", ["communicat", "media", "imprim", "journal", "radio", "televis", "edition", "graphi"]),
        ("environnement-recuperation-recyclage", ["environn", "recup", "recycl", "ecocentr", "compost", "dechet", "reemploi",
                                                  "ressourcer", "forest", "foret", "ecolog"]),
        ("habitation", ["habitat", "logement", "immobil", "residenc", "hlm"]),
        ("loisirs-sports-tourisme", ["loisir", "sport", "touris", "plein", "camping", "hebergem", "ski", "golf", "auberge", "recreat"]),
        ("petite-enfance-famille", ["enfance", "enfant", "garde", "cpe", "famil", "garderi", "parent", "halte"]),
        ("services-entreprises-organisations", ["entreprises", "organisations", "conseil", "comptab", "informatiq", "consult",
                                                "gestion", "financ", "credit", "assuranc", "demenag", "transport"]),
        ("services-personnes", ["personnes", "soins", "sante", "domicil", "aines", "soutien", "funerair", "menag", "entretien"]),
        ("insertion-socioprofessionnelle", ["insertion", "emploi", "employab", "adapte", "integrat", "travail"]),
    ]
}
