import Foundation

/// The top-level fields of a profile, with their French labels: what an enterprise's history and
/// the conflict page compare, one field at a time.
public enum ProfileField: String, Sendable, CaseIterable {
    case name, otherNames, neq, legalForm, foundedYear, status, mission, missionEnglish, sectors, offerings
    case address, municipalityCode, postalCode, regionCode, coordinates, serviceArea, phone, email, website
    case managers, benefits, certifications, contracts, lastVerified, source

    public var label: String {
        switch self {
        case .name: "Nom"
        case .otherNames: "Autres noms"
        case .neq: "NEQ"
        case .legalForm: "Forme juridique"
        case .foundedYear: "Année de fondation"
        case .status: "Statut"
        case .mission: "Mission"
        case .missionEnglish: "Mission (anglais)"
        case .sectors: "Secteurs d'activité"
        case .offerings: "Offre de produits et services"
        case .address: "Adresse"
        case .municipalityCode: "Municipalité"
        case .postalCode: "Code postal"
        case .regionCode: "Région"
        case .coordinates: "Coordonnées géographiques"
        case .serviceArea: "Territoire desservi"
        case .phone: "Téléphone"
        case .email: "Courriel"
        case .website: "Site Web"
        case .managers: "Gestionnaires"
        case .benefits: "Retombées"
        case .certifications: "Certifications"
        case .contracts: "Contrats municipaux"
        case .lastVerified: "Dernière vérification"
        case .source: "Source"
        }
    }

    /// The fields whose values differ between two profiles, in form order.
    public static func changes(from before: EnterpriseProfile?, to after: EnterpriseProfile) -> [ProfileField] {
        guard let before else { return allCases.filter { !$0.isEmpty(in: after) } }
        return allCases.filter { !$0.same(before, after) }
    }

    public func same(_ a: EnterpriseProfile, _ b: EnterpriseProfile) -> Bool {
        switch self {
        case .name: a.name == b.name
        case .otherNames: a.otherNames == b.otherNames
        case .neq: a.neq == b.neq
        case .legalForm: a.legalForm == b.legalForm
        case .foundedYear: a.foundedYear == b.foundedYear
        case .status: a.status == b.status
        case .mission: a.mission == b.mission
        case .missionEnglish: a.missionEnglish == b.missionEnglish
        case .sectors: a.sectors == b.sectors
        case .offerings: a.offerings == b.offerings
        case .address: a.address == b.address
        case .municipalityCode: a.municipalityCode == b.municipalityCode
        case .postalCode: a.postalCode == b.postalCode
        case .regionCode: a.regionCode == b.regionCode
        case .coordinates: a.coordinates == b.coordinates
        case .serviceArea: a.serviceArea == b.serviceArea
        case .phone: a.phone == b.phone
        case .email: a.email == b.email
        case .website: a.website == b.website
        case .managers: a.managers == b.managers
        case .benefits: a.benefits == b.benefits
        case .certifications: a.certifications == b.certifications
        case .contracts: a.contracts == b.contracts
        case .lastVerified: a.lastVerified == b.lastVerified
        case .source: a.source == b.source
        }
    }

    /// Copies this field's value from `source` into `target` (the conflict page's choices).
    public func copy(from source: EnterpriseProfile, into target: inout EnterpriseProfile) {
        switch self {
        case .name: target.name = source.name
        case .otherNames: target.otherNames = source.otherNames
        case .neq: target.neq = source.neq
        case .legalForm: target.legalForm = source.legalForm
        case .foundedYear: target.foundedYear = source.foundedYear
        case .status: target.status = source.status
        case .mission: target.mission = source.mission
        case .missionEnglish: target.missionEnglish = source.missionEnglish
        case .sectors: target.sectors = source.sectors
        case .offerings: target.offerings = source.offerings
        case .address: target.address = source.address
        case .municipalityCode: target.municipalityCode = source.municipalityCode
        case .postalCode: target.postalCode = source.postalCode
        case .regionCode: target.regionCode = source.regionCode
        case .coordinates: target.coordinates = source.coordinates
        case .serviceArea: target.serviceArea = source.serviceArea
        case .phone: target.phone = source.phone
        case .email: target.email = source.email
        case .website: target.website = source.website
        case .managers: target.managers = source.managers
        case .benefits: target.benefits = source.benefits
        case .certifications: target.certifications = source.certifications
        case .contracts: target.contracts = source.contracts
        case .lastVerified: target.lastVerified = source.lastVerified
        case .source: target.source = source.source
        }
    }

    func isEmpty(in profile: EnterpriseProfile) -> Bool {
        display(profile, catalog: nil) == "—"
    }

    /// The value as a person reads it, in French; `—` when empty.
    public func display(_ p: EnterpriseProfile, catalog: (any ReferenceCatalog)?) -> String {
        func text(_ value: String?) -> String { (value?.isEmpty ?? true) ? "—" : value! }
        func list(_ items: [String]) -> String { items.isEmpty ? "—" : items.joined(separator: " ; ") }
        switch self {
        case .name: return text(p.name)
        case .otherNames: return list(p.otherNames.map { "\($0.name) (\($0.kind == .legal ? "nom légal" : "nom commercial"))" })
        case .neq: return text(p.neq)
        case .legalForm: return p.legalForm.name
        case .foundedYear: return text(p.foundedYear.map(String.init))
        case .status: return p.status == .active ? "Active" : "Fermée"
        case .mission: return text(p.mission)
        case .missionEnglish: return text(p.missionEnglish)
        case .sectors: return list(p.sectors.map { Sector.find($0)?.name ?? $0 })
        case .offerings:
            return list(p.offerings.map { o in
                var line = "\(o.name) (\(o.kind.name)\(o.offeredToMunicipalities ? ", offert aux municipalités" : ""))"
                if let d = o.description { line += " : \(d)" }
                return line
            })
        case .address: return text(p.address)
        case .municipalityCode:
            guard let code = p.municipalityCode else { return "—" }
            return catalog?.municipality(code: code).map { "\($0.name) (\(code))" } ?? code
        case .postalCode: return text(p.postalCode)
        case .regionCode: return text(p.regionCode.map { code in Region.find(code).map { "\($0.name) (\(code))" } ?? code })
        case .coordinates: return text(p.coordinates.map { "\($0.latitude), \($0.longitude)" })
        case .serviceArea:
            guard let area = p.serviceArea else { return "—" }
            switch area.scope {
            case .quebec: return "Tout le Québec"
            case .regions: return "Régions : " + area.codes.map { Region.find($0)?.name ?? $0 }.joined(separator: ", ")
            case .mrcs: return "MRC : " + area.codes.map { catalog?.mrc(code: $0)?.label ?? $0 }.joined(separator: ", ")
            case .municipalities: return "Municipalités : " + area.codes.map { catalog?.municipality(code: $0)?.name ?? $0 }.joined(separator: ", ")
            }
        case .phone: return text(p.phone)
        case .email: return text(p.email)
        case .website: return text(p.website)
        case .managers:
            return list(p.managers.map { m in [m.name, m.role, m.email, m.phone].compactMap { $0 }.joined(separator: ", ") })
        case .benefits:
            let b = p.benefits
            let parts: [String?] = [b.text, b.employees.map { "\($0) employés" }, b.integrationEmployees.map { "\($0) en insertion" },
                                    b.volunteers.map { "\($0) bénévoles" }, b.members.map { "\($0) membres" },
                                    b.peopleServed.map { "\($0) personnes servies" }]
            return list(parts.compactMap { $0 })
        case .certifications: return list(p.certifications.map { Certification.find($0)?.name ?? $0 })
        case .contracts:
            return list(p.contracts.map { c in "\(c.municipality), \(c.year) : \(c.description)\(c.amount.map { " (\($0) $)" } ?? "")" })
        case .lastVerified: return text(p.lastVerified)
        case .source: return text(p.source)
        }
    }
}
