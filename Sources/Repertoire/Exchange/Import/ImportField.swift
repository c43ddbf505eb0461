/// What a column of an imported file feeds in an ``EnterpriseProfile``.
public enum ImportField: String, Sendable, Codable, CaseIterable {
    case name
    /// A legal or trade name other than the main one.
    case otherName
    case neq
    case legalForm
    case foundedYear
    case mission
    /// A free-text activity such as the REQ's `SecteurActivite`: it never matches one of our 11
    /// sectors, so it becomes the description ("Activité déclarée au REQ : …").
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
        case .ignored: "Ignorée"
        }
    }
}
