/// The body of `POST /api/v1/enterprises` and `PUT /api/v1/enterprises/{id}`. Enumerations
/// arrive as text and are checked here so that a wrong value is reported on its field.
struct EnterpriseInput: Decodable, Sendable {
    struct OtherNameInput: Decodable, Sendable { var kind: String?; var name: String }
    struct OfferingInput: Decodable, Sendable { var name: String; var description: String?; var kind: String?; var offeredToMunicipalities: Bool? }
    struct ServiceAreaInput: Decodable, Sendable { var scope: String; var codes: [String]? }

    var version: Int?
    var name: String
    var otherNames: [OtherNameInput]?
    var neq: String?
    var legalForm: String
    var foundedYear: Int?
    var status: String?
    var mission: String?
    var missionEnglish: String?
    var sectors: [String]?
    var offerings: [OfferingInput]?
    var address: String?
    var municipalityCode: String?
    var postalCode: String?
    var regionCode: String?
    var coordinates: Coordinates?
    var serviceArea: ServiceAreaInput?
    var phone: String?
    var email: String?
    var website: String?
    var managers: [ManagerContact]?
    var benefits: CommunityBenefits?
    var certifications: [String]?
    var contracts: [MunicipalContract]?
    var lastVerified: String?
    var source: String?

    /// The profile described, before the domain's validation, with the issues of enumeration
    /// values that are not known (those fields get a default so validation can go on).
    func profile() -> (EnterpriseProfile, [FieldIssue]) {
        var issues: [FieldIssue] = []
        func choice<T: RawRepresentable & CaseIterable>(_ raw: String?, _ type: T.Type, field: String, default value: T) -> T where T.RawValue == String {
            guard let raw else { return value }
            if let parsed = T(rawValue: raw.trimmingCharacters(in: .whitespaces).lowercased()) { return parsed }
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            issues.append(FieldIssue(field: field, code: "unknown_value",
                                     message: "Valeur « \(raw) » inconnue : valeurs possibles \(allowed).",
                                     english: "Unknown value \"\(raw)\": possible values \(allowed)."))
            return value
        }
        var profile = EnterpriseProfile(name: name, legalForm: choice(legalForm, LegalForm.self, field: "legalForm", default: .other))
        profile.otherNames = (otherNames ?? []).enumerated().map { index, other in
            OtherName(kind: choice(other.kind, OtherName.Kind.self, field: "otherNames[\(index)].kind", default: .trade), name: other.name)
        }
        profile.neq = neq
        profile.foundedYear = foundedYear
        profile.status = choice(status, EnterpriseStatus.self, field: "status", default: .active)
        profile.mission = mission
        profile.missionEnglish = missionEnglish
        profile.sectors = sectors ?? []
        profile.offerings = (offerings ?? []).enumerated().map { index, offering in
            Offering(name: offering.name, description: offering.description,
                     kind: choice(offering.kind, OfferingKind.self, field: "offerings[\(index)].kind", default: .service),
                     offeredToMunicipalities: offering.offeredToMunicipalities ?? false)
        }
        profile.address = address
        profile.municipalityCode = municipalityCode
        profile.postalCode = postalCode
        profile.regionCode = regionCode
        profile.coordinates = coordinates
        if let area = serviceArea {
            profile.serviceArea = ServiceArea(scope: choice(area.scope, ServiceArea.Scope.self, field: "serviceArea.scope", default: .quebec),
                                              codes: area.codes ?? [])
        }
        profile.phone = phone
        profile.email = email
        profile.website = website
        profile.managers = managers ?? []
        profile.benefits = benefits ?? CommunityBenefits()
        profile.certifications = certifications ?? []
        profile.contracts = contracts ?? []
        profile.lastVerified = lastVerified
        profile.source = source
        return (profile, issues)
    }
}
