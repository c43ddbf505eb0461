import Foundation

extension SearchDocument {
    /// Flattens an enterprise into what the search index reads. Managers' contacts are left out
    /// on purpose: personal data must never surface in public search results or highlights.
    init(_ enterprise: Enterprise, catalog: MunicipalityCatalog) {
        let p = enterprise.profile
        let municipality = p.municipalityCode.flatMap(catalog.municipality(code:))
        let region = p.regionCode.flatMap(Region.find)
        let sectors = p.sectors.compactMap(Sector.find)
        self.init(
            id: enterprise.id,
            slug: enterprise.slug,
            name: p.name,
            otherNames: p.otherNames.map(\.name),
            neq: p.neq,
            phones: [p.phone].compactMap { $0 },
            offerings: p.offerings.map { SearchDocument.Offering(name: $0.name, description: $0.description ?? "") },
            sectorNames: sectors.flatMap { [$0.name, $0.nameEnglish] },
            description: [p.mission, p.missionEnglish, p.benefits.text].compactMap { $0 }.joined(separator: "\n"),
            place: [municipality?.name, region?.name].compactMap { $0 }.joined(separator: " "),
            regionCode: p.regionCode,
            municipalityCode: p.municipalityCode,
            sectorSlugs: p.sectors,
            legalForm: p.legalForm.rawValue,
            certifications: p.certifications,
            offersToMunicipalities: p.offersToMunicipalities,
            mrcCode: p.municipalityCode.flatMap(catalog.mrcCode(of:)),
            serves: ServedPlaces.values(of: p, catalog: catalog),
            isClosed: p.status == .closed,
            verifiedAt: p.lastVerified.flatMap(CalendarDay.parse),
            createdAt: enterprise.createdAt)
        var kinds: [String] = []
        for offering in p.offerings where offering.offeredToMunicipalities && !kinds.contains(offering.kind.rawValue) {
            kinds.append(offering.kind.rawValue)
        }
        offeringKinds = kinds
        hasMunicipalContracts = !p.contracts.isEmpty
    }
}
