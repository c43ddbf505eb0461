/// Compact constructors for the hand-written anchor profiles, so each anchor reads like a record card.
extension DemoAnchors {
    static func offer(_ name: String, _ description: String?, _ kind: OfferingKind = .service, municipal: Bool = true) -> Offering {
        Offering(name: name, description: description, kind: kind, offeredToMunicipalities: municipal)
    }

    static func contract(_ town: String, _ year: Int, _ description: String, _ amount: Int?) -> MunicipalContract {
        MunicipalContract(municipality: town, year: year, description: description, amount: amount)
    }

    static func manager(_ name: String, _ role: String, _ domain: String?, phone: String? = nil) -> ManagerContact {
        let local = name.split(separator: " ").map { DemoFrench.slug(String($0), maxLength: 20).split(separator: "-").joined() }.joined(separator: ".")
        return ManagerContact(name: name, role: role, email: domain.map { local + "@" + $0 }, phone: phone)
    }

    /// One anchor. `domain` gives the fictional email and website; `offset` moves the point away
    /// from the town centre so anchors of one town do not pile up on the map.
    static func anchor(
        _ name: String, _ legalForm: LegalForm, _ sectors: [String], in code: String, neq: String?, founded: Int?,
        mission: String?, english: String? = nil, offerings: [Offering], address: String? = nil, postalCode: String? = nil,
        offset: (Double, Double)? = (0, 0), phone: String? = nil, domain: String? = nil, managers: [ManagerContact] = [],
        benefits: CommunityBenefits = .init(), certifications: [String] = [], contracts: [MunicipalContract] = [],
        serviceArea: ServiceArea? = nil, otherNames: [OtherName] = [], verified: String? = "2026-09-15"
    ) -> EnterpriseProfile {
        guard let place = DemoPlace.byCode[code] else { preconditionFailure("Anchor \(name) uses unknown municipality \(code)") }
        var profile = EnterpriseProfile(name: name, legalForm: legalForm)
        profile.otherNames = otherNames
        profile.neq = neq
        profile.foundedYear = founded
        profile.mission = mission
        profile.missionEnglish = english
        profile.sectors = sectors
        profile.offerings = offerings
        profile.address = address
        profile.municipalityCode = code
        profile.regionCode = place.regionCode
        profile.postalCode = postalCode
        if let offset {
            profile.coordinates = Coordinates(latitude: ((place.latitude + offset.0) * 100_000).rounded() / 100_000,
                                              longitude: ((place.longitude + offset.1) * 100_000).rounded() / 100_000)
        }
        profile.serviceArea = serviceArea ?? ServiceArea(scope: .regions, codes: [place.regionCode])
        profile.phone = phone
        if let domain {
            profile.email = "info@" + domain
            profile.website = "https://www." + domain
        }
        profile.managers = managers
        profile.benefits = benefits
        profile.certifications = certifications
        profile.contracts = contracts
        profile.lastVerified = verified
        profile.source = DemoData.sourceLabel
        return profile
    }
}
