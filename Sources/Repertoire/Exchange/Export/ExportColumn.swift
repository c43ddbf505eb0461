/// A column a person can choose for an export of search results.
public enum ExportColumn: String, Sendable, CaseIterable, Codable {
    case neq
    case name = "nom"
    case legalForm = "forme"
    case address = "adresse"
    case municipality = "municipalite"
    case postalCode = "code-postal"
    case region
    case sectors = "secteurs"
    case offerings = "offres"
    case offersToMunicipalities = "offre-municipalites"
    case phone = "telephone"
    case email = "courriel"
    case website = "site-web"
    case mission
    case certifications
    case lastVerified = "verification"
    case profileURL = "fiche"
    case managerNames = "gestionnaires"
    case managerEmails = "gestionnaires-courriels"
    case managerPhones = "gestionnaires-telephones"
    case fictional = "fictif"

    /// The header, in French; the import recognises each of them (round trip).
    public var label: String {
        switch self {
        case .neq: "NEQ"
        case .name: "Nom"
        case .legalForm: "Forme juridique"
        case .address: "Adresse"
        case .municipality: "Municipalité"
        case .postalCode: "Code postal"
        case .region: "Région"
        case .sectors: "Secteurs"
        case .offerings: "Produits et services"
        case .offersToMunicipalities: "Offre aux municipalités"
        case .phone: "Téléphone"
        case .email: "Courriel"
        case .website: "Site web"
        case .mission: "Mission"
        case .certifications: "Certifications"
        case .lastVerified: "Dernière vérification"
        case .profileURL: "Fiche"
        case .managerNames: "Gestionnaires"
        case .managerEmails: "Courriels des gestionnaires"
        case .managerPhones: "Téléphones des gestionnaires"
        case .fictional: "Données fictives"
        }
    }

    /// Managers' contacts: personal information (Loi 25).
    public var isPersonal: Bool {
        switch self {
        case .managerNames, .managerEmails, .managerPhones: true
        default: false
        }
    }

    /// The columns of a municipal supplier register.
    public static func defaults(personal: Bool) -> [ExportColumn] {
        [.neq, .name, .legalForm, .address, .municipality, .postalCode, .region, .sectors, .offerings, .phone, .email, .website]
            + (personal ? [.managerNames, .managerEmails, .managerPhones] : [])
    }

    /// The columns of `/entreprises.csv`, the search page's one-click download: every public
    /// field a spreadsheet user expects, with the link to each profile.
    public static let quickDownload: [ExportColumn] = [
        .name, .neq, .legalForm, .address, .municipality, .postalCode, .region, .sectors, .offerings, .offersToMunicipalities,
        .phone, .email, .website, .certifications, .lastVerified, .profileURL, .fictional,
    ]

    /// Width in characters of the column in a spreadsheet.
    var width: Int {
        switch self {
        case .neq, .postalCode, .lastVerified, .fictional, .offersToMunicipalities: 14
        case .name, .offerings, .mission, .managerNames, .managerEmails, .profileURL: 40
        case .address, .sectors, .legalForm, .certifications, .email, .website: 30
        default: 20
        }
    }
}

/// The value of one cell: text, or a calendar day that spreadsheets show as a date.
public enum ExportCell: Sendable, Equatable {
    case text(String)
    case day(String)

    var text: String {
        switch self {
        case .text(let text), .day(let text): text
        }
    }
}

/// The rows of an export, in the chosen columns, before any file format.
public struct ExportTable: Sendable {
    public var columns: [ExportColumn]
    public var rows: [[ExportCell]]
    /// Columns a particular export adds after the chosen ones (a purchase list's notes).
    public private(set) var extraColumns: [ExtraColumn] = []

    public struct ExtraColumn: Sendable, Equatable {
        /// The key in JSON, like an ``ExportColumn``'s raw value.
        public var key: String
        public var label: String
        var width = 40
    }

    /// Every column's header, in order.
    public var headers: [String] { columns.map(\.label) + extraColumns.map(\.label) }
    /// Every column's JSON key, in order.
    public var keys: [String] { columns.map(\.rawValue) + extraColumns.map(\.key) }
    /// Every column's width in a spreadsheet, in order.
    var widths: [Int] { columns.map(\.width) + extraColumns.map(\.width) }

    /// Appends a column with one value per row.
    public mutating func append(_ column: ExtraColumn, values: [String]) {
        precondition(values.count == rows.count, "one value per row")
        extraColumns.append(column)
        for index in rows.indices { rows[index].append(.text(values[index])) }
    }

    public var containsPersonalData: Bool { columns.contains(where: \.isPersonal) }

    /// A table of `count` rows whose columns are all appended (rows that are not enterprises).
    public init(rowCount count: Int) {
        columns = []
        rows = Array(repeating: [], count: count)
    }

    public init(columns: [ExportColumn], enterprises: [Enterprise], catalog: MunicipalityCatalog, baseURL: String) {
        self.columns = columns
        rows = enterprises.map { enterprise in
            columns.map { Self.cell($0, enterprise, catalog: catalog, baseURL: baseURL) }
        }
    }

    static func cell(_ column: ExportColumn, _ enterprise: Enterprise, catalog: MunicipalityCatalog, baseURL: String) -> ExportCell {
        let p = enterprise.profile
        func list(_ values: [String]) -> ExportCell { .text(values.joined(separator: "; ")) }
        switch column {
        case .neq: return .text(p.neq ?? "")
        case .name: return .text(p.name)
        case .legalForm: return .text(p.legalForm.name)
        case .address: return .text(p.address ?? "")
        case .municipality: return .text(p.municipalityCode.flatMap(catalog.municipality(code:))?.name ?? "")
        case .postalCode: return .text(p.postalCode ?? "")
        case .region: return .text(p.regionCode.flatMap(Region.find)?.name ?? "")
        case .sectors: return list(p.sectors.compactMap(Sector.find).map(\.name))
        case .offerings: return list(p.offerings.map(\.name))
        case .offersToMunicipalities: return .text(p.offersToMunicipalities ? "oui" : "non")
        case .phone: return .text(p.phone ?? "")
        case .email: return .text(p.email ?? "")
        case .website: return .text(p.website ?? "")
        case .mission: return .text(p.mission ?? "")
        case .certifications: return list(p.certifications.compactMap(Certification.find).map(\.name))
        case .lastVerified: return p.lastVerified.map(ExportCell.day) ?? .text("")
        case .profileURL: return .text(baseURL + "/entreprises/" + enterprise.slug)
        case .managerNames: return list(p.managers.map { [$0.name, $0.role].compactMap { $0 }.joined(separator: ", ") })
        case .managerEmails: return list(p.managers.compactMap(\.email))
        case .managerPhones: return list(p.managers.compactMap(\.phone))
        case .fictional: return .text(enterprise.isFictional ? "oui" : "non")
        }
    }
}
