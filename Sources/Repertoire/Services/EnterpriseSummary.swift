import Foundation

/// What a result card and a list row need to show of an enterprise, kept in memory next to the
/// search index so that a search never waits for the database.
public struct EnterpriseSummary: Sendable, Equatable {
    public var id: String
    public var slug: String
    public var name: String
    public var legalForm: LegalForm
    public var status: EnterpriseStatus
    public var municipalityCode: String?
    public var municipalityName: String?
    public var regionCode: String?
    public var sectors: [String]
    public var keyOfferings: [String]
    public var offersToMunicipalities: Bool
    public var certifications: [String]
    public var lastVerified: String?
    public var isFictional: Bool
    public var createdAt: Date
    /// Public contact, for printed contact lists.
    public var phone: String?
    public var email: String?
    public var website: String?
    public var neq: String?
    public var address: String?
    public var postalCode: String?

    init(_ enterprise: Enterprise, municipalityName: String?) {
        let p = enterprise.profile
        id = enterprise.id
        slug = enterprise.slug
        name = p.name
        legalForm = p.legalForm
        status = p.status
        municipalityCode = p.municipalityCode
        self.municipalityName = municipalityName
        regionCode = p.regionCode
        sectors = p.sectors.map(Sector.sharedSlug)
        // Offerings to municipalities first: that is what a buyer looks for on a card.
        keyOfferings = Array((p.offerings.filter(\.offeredToMunicipalities) + p.offerings.filter { !$0.offeredToMunicipalities })
            .map(\.name).prefix(3))
        offersToMunicipalities = p.offersToMunicipalities
        certifications = p.certifications.map(Certification.sharedSlug)
        lastVerified = p.lastVerified
        isFictional = enterprise.isFictional
        createdAt = enterprise.createdAt
        phone = p.phone
        email = p.email
        website = p.website
        neq = p.neq
        address = p.address
        postalCode = p.postalCode
    }
}
