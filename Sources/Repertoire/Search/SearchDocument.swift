import Foundation

/// One enterprise as the search index sees it: flattened by the app from the domain model.
public struct SearchDocument: Sendable {
    /// Nested so it does not clash with the domain's richer `Offering`.
    public struct Offering: Sendable, Equatable {
        public var name: String
        public var description: String

        public init(name: String, description: String = "") {
            self.name = name
            self.description = description
        }
    }

    public var id: String
    public var slug: String
    public var name: String
    public var otherNames: [String]
    public var neq: String?
    public var phones: [String]
    public var offerings: [Offering]
    public var sectorNames: [String]
    public var description: String
    public var place: String
    public var regionCode: String?
    public var municipalityCode: String?
    public var sectorSlugs: [String]
    public var legalForm: String
    public var certifications: [String]
    public var offersToMunicipalities: Bool
    /// The head office's MRC code.
    public var mrcCode: String?
    /// Where it works, as ``ServedPlaces`` values.
    public var serves: [String]
    public var isClosed: Bool
    /// Kinds of the offerings offered to municipalities (`bien`, `service`, `travaux`).
    public var offeringKinds: [String] = []
    /// Whether it has carried out a contract for a municipality.
    public var hasMunicipalContracts = false
    public var verifiedAt: Date?
    public var createdAt: Date

    public init(
        id: String,
        slug: String,
        name: String,
        otherNames: [String] = [],
        neq: String? = nil,
        phones: [String] = [],
        offerings: [Offering] = [],
        sectorNames: [String] = [],
        description: String = "",
        place: String = "",
        regionCode: String? = nil,
        municipalityCode: String? = nil,
        sectorSlugs: [String] = [],
        legalForm: String = "",
        certifications: [String] = [],
        offersToMunicipalities: Bool = false,
        mrcCode: String? = nil,
        serves: [String] = [],
        isClosed: Bool = false,
        verifiedAt: Date? = nil,
        createdAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.slug = slug
        self.name = name
        self.otherNames = otherNames
        self.neq = neq
        self.phones = phones
        self.offerings = offerings
        self.sectorNames = sectorNames
        self.description = description
        self.place = place
        self.regionCode = regionCode
        self.municipalityCode = municipalityCode
        self.sectorSlugs = sectorSlugs
        self.legalForm = legalForm
        self.certifications = certifications
        self.offersToMunicipalities = offersToMunicipalities
        self.mrcCode = mrcCode
        self.serves = serves
        self.isClosed = isClosed
        self.verifiedAt = verifiedAt
        self.createdAt = createdAt
    }
}
