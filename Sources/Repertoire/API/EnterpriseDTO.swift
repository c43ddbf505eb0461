import Foundation

/// Public reference to a piece of reference data: its code or slug and its names.
struct ReferenceDTO: Encodable, Sendable {
    var code: String
    var name: String
    var nameEnglish: String?
}

/// An enterprise as the API shows it. Managers' contacts (personal information) are only
/// included for callers allowed to see them.
struct EnterpriseDTO: Encodable, Sendable {
    var id: String
    var slug: String
    var version: Int
    var name: String
    var otherNames: [OtherName]
    var neq: String?
    var legalForm: ReferenceDTO
    var foundedYear: Int?
    var status: String
    var mission: String?
    var missionEnglish: String?
    var sectors: [ReferenceDTO]
    var offerings: [OfferingDTO]
    var offersToMunicipalities: Bool
    var address: String?
    var municipality: ReferenceDTO?
    var postalCode: String?
    var region: ReferenceDTO?
    var coordinates: Coordinates?
    var serviceArea: ServiceArea?
    var phone: String?
    var email: String?
    var website: String?
    var managers: [ManagerContact]?
    var benefits: CommunityBenefits
    var certifications: [ReferenceDTO]
    var contracts: [MunicipalContract]
    var lastVerified: String?
    var source: String?
    var fictional: Bool
    var archived: Bool
    var createdAt: Date
    var updatedAt: Date
    var links: Links

    struct OfferingDTO: Encodable, Sendable {
        var name: String
        var description: String?
        var kind: String
        var offeredToMunicipalities: Bool
    }

    struct Links: Encodable, Sendable {
        var `self`: String
    }

    init(_ e: Enterprise, catalog: MunicipalityCatalog, includePersonalData: Bool) {
        let p = e.profile
        id = e.id
        slug = e.slug
        version = e.version
        name = p.name
        otherNames = p.otherNames
        neq = p.neq
        legalForm = ReferenceDTO(code: p.legalForm.rawValue, name: p.legalForm.name, nameEnglish: p.legalForm.nameEnglish)
        foundedYear = p.foundedYear
        status = p.status.rawValue
        mission = p.mission
        missionEnglish = p.missionEnglish
        sectors = p.sectors.compactMap(Sector.find).map { ReferenceDTO(code: $0.slug, name: $0.name, nameEnglish: $0.nameEnglish) }
        offerings = p.offerings.map { OfferingDTO(name: $0.name, description: $0.description, kind: $0.kind.rawValue, offeredToMunicipalities: $0.offeredToMunicipalities) }
        offersToMunicipalities = p.offersToMunicipalities
        address = p.address
        municipality = p.municipalityCode.map { code in
            ReferenceDTO(code: code, name: catalog.municipality(code: code)?.name ?? code)
        }
        postalCode = p.postalCode
        region = p.regionCode.flatMap(Region.find).map { ReferenceDTO(code: $0.code, name: $0.name) }
        coordinates = p.coordinates
        serviceArea = p.serviceArea
        phone = p.phone
        email = p.email
        website = p.website
        managers = includePersonalData ? p.managers : nil
        benefits = p.benefits
        certifications = p.certifications.compactMap(Certification.find).map { ReferenceDTO(code: $0.slug, name: $0.name, nameEnglish: $0.nameEnglish) }
        contracts = p.contracts
        lastVerified = p.lastVerified
        source = p.source
        fictional = e.isFictional
        archived = e.isArchived
        createdAt = e.createdAt
        updatedAt = e.updatedAt
        links = Links(self: APIPaths.enterprise(e.slug))
    }
}

/// One search result.
struct EnterpriseSummaryDTO: Encodable, Sendable {
    var id: String
    var slug: String
    var name: String
    var legalForm: String
    var status: String
    var municipality: ReferenceDTO?
    var region: ReferenceDTO?
    var sectors: [String]
    var keyOfferings: [String]
    var offersToMunicipalities: Bool
    var certifications: [String]
    var lastVerified: String?
    var fictional: Bool
    var score: Double
    var highlight: Highlight
    var links: EnterpriseDTO.Links

    struct Highlight: Encodable, Sendable {
        var name: [HighlightSegment]
        var snippet: [HighlightSegment]?
        var snippetSource: String?
    }

    init(_ item: DirectoryPage.Item) {
        let s = item.summary
        id = s.id
        slug = s.slug
        name = s.name
        legalForm = s.legalForm.rawValue
        status = s.status.rawValue
        municipality = s.municipalityCode.map { ReferenceDTO(code: $0, name: s.municipalityName ?? $0) }
        region = s.regionCode.flatMap(Region.find).map { ReferenceDTO(code: $0.code, name: $0.name) }
        sectors = s.sectors
        keyOfferings = s.keyOfferings
        offersToMunicipalities = s.offersToMunicipalities
        certifications = s.certifications
        lastVerified = s.lastVerified
        fictional = s.isFictional
        score = item.hit.score.isFinite ? item.hit.score : 0
        highlight = Highlight(name: item.hit.nameHighlight, snippet: item.hit.snippet, snippetSource: item.hit.snippetSource)
        links = .init(self: APIPaths.enterprise(s.slug))
    }
}

/// A page of search results.
struct SearchPageDTO: Encodable, Sendable {
    var total: Int
    var page: Int
    var perPage: Int
    var pageCount: Int
    var items: [EnterpriseSummaryDTO]
    var facets: [String: [FacetValueDTO]]
    var suggestions: [String]
    var notice: String?
    /// A place recognised in the words `q` and applied as a place filter.
    var interpretation: InterpretationDTO?

    struct InterpretationDTO: Encodable, Sendable {
        var matchedText: String
        var remainingText: String
        var place: PlaceDTO
    }

    struct PlaceDTO: Encodable, Sendable {
        /// municipality, mrc, region or postalArea.
        var kind: String
        var code: String
        var name: String
    }

    static let fictionalNotice = "Données fictives de démonstration : ces entreprises n'existent pas. / Fictional demo data: these enterprises do not exist."

    struct FacetValueDTO: Encodable, Sendable {
        var value: String
        var label: String
        var count: Int
        var selected: Bool
    }
}

/// Where API resources live; built in one place so links never drift from routes.
enum APIPaths {
    static let root = "/api/v1"
    static func enterprise(_ slug: String) -> String { "\(root)/enterprises/\(slug)" }
}
