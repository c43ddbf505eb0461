/// Human names for facet values, in French.
enum FacetLabels {
    static func label(_ facet: SearchFacet, _ value: String, catalog: MunicipalityCatalog) -> String {
        switch facet {
        case .region: Region.find(value)?.name ?? value
        case .municipality: catalog.municipality(code: value)?.name ?? value
        case .sector: Sector.find(value)?.name ?? value
        case .legalForm: LegalForm(rawValue: value)?.name ?? value
        case .certification: Certification.find(value)?.name ?? value
        case .offersToMunicipalities: value == "true" ? "Offre aux municipalités" : "N'offre pas aux municipalités"
        case .mrc: catalog.mrc(code: value)?.label ?? value
        case .serves: value
        case .status: value == "closed" ? "Fermée" : "Active"
        case .offeringKind: OfferingKind(rawValue: value)?.name ?? value
        case .contracted: value == "true" ? "A déjà obtenu un contrat municipal" : "Aucun contrat municipal inscrit"
        }
    }
}
