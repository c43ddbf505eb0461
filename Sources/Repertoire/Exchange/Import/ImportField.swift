/// What a column of an imported file feeds in an ``EnterpriseProfile``.
public enum ImportField: String, Sendable, Codable, CaseIterable {
    case name
    /// A legal or trade name other than the main one.
    case otherName
    case neq
    case legalForm
    case foundedYear
    case mission
    /// A free-text activity such as the REQ's `SecteurActivite`: its values are mapped to our 11
    /// sectors (by their words, or by the person in the preview), never published as text.
    case activity
    case sectors
    case offerings
    case address
    /// A second address line (the REQ's `Adresse_Lign3`), sometimes holding the municipality.
    case addressLine2
    /// A municipality name or its 5-digit geographic code.
    case municipality
    case postalCode
    case region
    case phone
    case email
    case website
    case latitude
    case longitude
    case certifications
    case lastVerified
    case source
    /// A member category or "type" (`Citoyen`, `Entreprise d'économie sociale`, `Coopérative`…):
    /// each value is mapped to a sector, a legal form, nothing, or "not an enterprise".
    case category
    /// `Oui`/`Non`: whether the enterprise's offerings are offered to municipalities.
    case offersToMunicipalities
    /// `Oui`/`Non`: records marked fictional (demo data) stay fictional.
    case fictional
    /// The address of the record's page in the directory (our exports' `Fiche`): it finds the
    /// record to update before the NEQ and the name do.
    case recordPage
    case managerNames
    case managerEmails
    case managerPhones
    case ignored

    /// The label shown in the mapping form.
    public var label: String {
        switch self {
        case .name: "Nom"
        case .otherName: "Autre nom (légal ou commercial)"
        case .neq: "NEQ"
        case .legalForm: "Forme juridique"
        case .foundedYear: "Année de fondation"
        case .mission: "Mission"
        case .activity: "Activité déclarée (texte libre)"
        case .sectors: "Secteurs d'activité"
        case .offerings: "Produits et services"
        case .address: "Adresse"
        case .addressLine2: "Adresse (2e ligne)"
        case .municipality: "Municipalité (nom ou code)"
        case .postalCode: "Code postal"
        case .region: "Région"
        case .phone: "Téléphone"
        case .email: "Courriel"
        case .website: "Site web"
        case .latitude: "Latitude"
        case .longitude: "Longitude"
        case .certifications: "Certifications"
        case .lastVerified: "Dernière vérification"
        case .source: "Source"
        case .category: "Catégorie ou type de membre"
        case .offersToMunicipalities: "Offre aux municipalités (oui/non)"
        case .fictional: "Données fictives (oui/non)"
        case .recordPage: "Fiche du répertoire (adresse)"
        case .managerNames: "Gestionnaires (noms)"
        case .managerEmails: "Courriels des gestionnaires"
        case .managerPhones: "Téléphones des gestionnaires"
        case .ignored: "Ignorée"
        }
    }

    /// Whether the preview lists this column's distinct values for a person to map each one.
    public var mapsValues: Bool {
        switch self {
        case .sectors, .activity, .legalForm, .category: true
        default: false
        }
    }
}
