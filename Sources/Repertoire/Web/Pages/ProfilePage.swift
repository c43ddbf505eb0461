import Foundation
import Mustache

/// `/entreprises/{slug}`: everything public about an enterprise. Managers' contacts are put in
/// the model only for a person allowed to see them (Loi 25), so no template change can leak them
/// to visitors.
struct ProfilePage: Sendable {
    struct ManagerItem: Sendable {
        var name: String
        var role: String?
        var email: String?
        var phone: String?
        var phoneURL: String?
    }

    struct OfferingGroup: Sendable {
        var kind: String
        var items: [OfferingItem]
    }

    struct OfferingItem: Sendable {
        var name: String
        var description: String?
        var offered: Bool
    }

    struct Figure: Sendable {
        var label: String
        var value: String
    }

    struct ContractItem: Sendable {
        var municipality: String
        var year: Int
        var description: String
        var amount: String?
    }

    struct SectorLink: Sendable {
        var name: String
        var url: String
    }

    var t: Strings
    var layout: LayoutModel
    var backURL: String
    var name: String
    var place: String?
    var legalForm: String
    var offers: Bool
    var certifications: [String]
    var closed: Bool
    var fictional: Bool
    var verifiedText: String
    var missionParagraphs: [String]
    var missionEnglish: String?
    var hasMission: Bool
    var offeringGroups: [OfferingGroup]
    var hasOfferings: Bool
    var benefitsText: String?
    var figures: [Figure]
    var hasFigures: Bool
    var hasBenefits: Bool
    var contracts: [ContractItem]
    var hasContracts: Bool
    var address: String?
    var phone: String?
    var phoneURL: String?
    var email: String?
    var website: String?
    var websiteLabel: String?
    var serviceArea: String
    var neq: String?
    var foundedYear: Int?
    var otherNames: String
    var hasOtherNames: Bool
    var sectors: [SectorLink]
    var lastVerified: String
    var source: String?

    /// For those who edit enterprises: who changed it last, and where to edit it.
    struct StaffInfo: Sendable {
        var editURL: String
        var historyURL: String
        var updated: String?
        /// False for a hub editor looking at another region's enterprise: no edit links then.
        var canEdit: Bool
    }

    var staff: StaffInfo?
    /// The small map of the enterprise's position (issue #13); the address stays in words.
    var map: MapBox?

    var managers: [ManagerItem] = []
    var showsManagers = false
    /// « Ajouter à une liste d'achat », for a signed-in buyer (``BuyerCard/addForm``).
    var addToListHTML: SafeHTML? = nil
    /// The J'achète hub's stories and news about the enterprise (``HubPages/profileSection``).
    var hubHTML: SafeHTML? = nil
    /// For the enterprise's representative: SEAO's open calls that could suit it.
    var tendersHTML: SafeHTML? = nil
    /// The enterprise's SEAO awards (« Contrats publics obtenus »).
    var publicContractsHTML: SafeHTML? = nil
    var signInURL = ""

    init(context: WebContext, enterprise: Enterprise) {
        let t = context.t
        let p = enterprise.profile
        if context.maySeePersonalData(ofEnterprise: enterprise.id) {
            showsManagers = true
            managers = p.managers.map { m in
                ManagerItem(name: m.name, role: m.role, email: m.email, phone: m.phone,
                            phoneURL: m.phone.map { "tel:" + $0.filter { $0.isNumber || $0 == "+" }.prefix(11) })
            }
        }
        signInURL = "/connexion?retour=" + (SiteURL.enterprise(slug: enterprise.slug).path(context.language).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        let catalog = context.directory.catalog
        let municipality = p.municipalityCode.flatMap(catalog.municipality(code:))
        let region = p.regionCode.flatMap(Region.find)
        self.t = t
        name = p.name
        let description = (p.mission ?? p.offerings.map(\.name).joined(separator: ", "))
        layout = context.layout(title: p.name, description: String(description.prefix(155)),
                                path: .enterprise(slug: enterprise.slug), fictional: enterprise.isFictional)
        backURL = SiteURL.search(DirectoryQuery()).path(context.language)
        place = [municipality?.name, region?.name].compactMap { $0 }.joined(separator: ", ")
        if place?.isEmpty == true { place = nil }
        legalForm = context.legalFormName(p.legalForm)
        offers = p.offersToMunicipalities
        certifications = p.certifications.compactMap(Certification.find).map(context.certificationName)
        closed = p.status == .closed
        fictional = enterprise.isFictional
        let verified = context.day(p.lastVerified)
        verifiedText = verified.map { "\(t.verifiedOn) \($0)" } ?? t.neverVerified
        lastVerified = verified ?? t.neverVerified
        missionParagraphs = (p.mission ?? "").split(separator: "\n").map(String.init)
        missionEnglish = context.language == .en ? p.missionEnglish : nil
        hasMission = !missionParagraphs.isEmpty || missionEnglish != nil
        offeringGroups = OfferingKind.allCases.compactMap { kind in
            let items = p.offerings.filter { $0.kind == kind }
            guard !items.isEmpty else { return nil }
            return OfferingGroup(kind: context.language == .fr ? kind.name : kind.nameEnglish,
                                 items: items.map { OfferingItem(name: $0.name, description: $0.description, offered: $0.offeredToMunicipalities) })
        }
        hasOfferings = !offeringGroups.isEmpty
        benefitsText = p.benefits.text
        let b = p.benefits
        var figures: [Figure] = []
        if let employees = b.employees {
            var value = context.number(employees)
            if let integration = b.integrationEmployees { value += " (\(t.integrationEmployees) : \(context.number(integration)))" }
            figures.append(Figure(label: t.employees, value: value))
        }
        if let volunteers = b.volunteers { figures.append(Figure(label: t.volunteers, value: context.number(volunteers))) }
        if let members = b.members { figures.append(Figure(label: t.members, value: context.number(members))) }
        if let served = b.peopleServed { figures.append(Figure(label: t.peopleServed, value: context.number(served))) }
        self.figures = figures
        hasFigures = !figures.isEmpty
        hasBenefits = benefitsText != nil || hasFigures
        contracts = p.contracts.sorted { $0.year > $1.year }.map {
            ContractItem(municipality: $0.municipality, year: $0.year, description: $0.description,
                         amount: $0.amount.map { context.language == .fr ? "\(context.number($0)) $" : "$\(context.number($0))" })
        }
        hasContracts = !contracts.isEmpty
        address = [p.address, municipality?.name, p.postalCode].compactMap { $0 }.joined(separator: ", ")
        if address?.isEmpty == true { address = nil }
        phone = p.phone
        phoneURL = p.phone.map { "tel:+1" + $0.prefix { $0 != "," }.filter(\.isNumber) }
        email = p.email
        website = p.website
        websiteLabel = p.website.map { $0.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "") }
        serviceArea = context.serviceAreaText(p)
        neq = p.neq
        foundedYear = p.foundedYear
        otherNames = p.otherNames.map(\.name).joined(separator: " ; ")
        hasOtherNames = !p.otherNames.isEmpty
        sectors = p.sectors.compactMap(Sector.find).map { SectorLink(name: context.sectorName($0), url: SiteURL.sector(slug: $0.slug).path(context.language)) }
        source = p.source
    }
}

// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension ProfilePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "t": self.t
        case "layout": self.layout
        case "backURL": self.backURL
        case "name": self.name
        case "place": self.place
        case "legalForm": self.legalForm
        case "offers": self.offers
        case "certifications": self.certifications
        case "closed": self.closed
        case "fictional": self.fictional
        case "verifiedText": self.verifiedText
        case "missionParagraphs": self.missionParagraphs
        case "missionEnglish": self.missionEnglish
        case "hasMission": self.hasMission
        case "offeringGroups": self.offeringGroups
        case "hasOfferings": self.hasOfferings
        case "benefitsText": self.benefitsText
        case "figures": self.figures
        case "hasFigures": self.hasFigures
        case "hasBenefits": self.hasBenefits
        case "contracts": self.contracts
        case "hasContracts": self.hasContracts
        case "address": self.address
        case "phone": self.phone
        case "phoneURL": self.phoneURL
        case "email": self.email
        case "website": self.website
        case "websiteLabel": self.websiteLabel
        case "serviceArea": self.serviceArea
        case "neq": self.neq
        case "foundedYear": self.foundedYear
        case "otherNames": self.otherNames
        case "hasOtherNames": self.hasOtherNames
        case "sectors": self.sectors
        case "lastVerified": self.lastVerified
        case "source": self.source
        case "staff": self.staff
        case "map": self.map
        case "managers": self.managers
        case "addToListHTML": self.addToListHTML
        case "hubHTML": self.hubHTML
        case "tendersHTML": self.tendersHTML
        case "publicContractsHTML": self.publicContractsHTML
        case "showsManagers": self.showsManagers
        case "signInURL": self.signInURL
        default: nil
        }
    }
}

extension ProfilePage.ManagerItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "role": self.role
        case "email": self.email
        case "phone": self.phone
        case "phoneURL": self.phoneURL
        default: nil
        }
    }
}

extension ProfilePage.OfferingGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "kind": self.kind
        case "items": self.items
        default: nil
        }
    }
}

extension ProfilePage.OfferingItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "description": self.description
        case "offered": self.offered
        default: nil
        }
    }
}

extension ProfilePage.Figure: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "value": self.value
        default: nil
        }
    }
}

extension ProfilePage.ContractItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "municipality": self.municipality
        case "year": self.year
        case "description": self.description
        case "amount": self.amount
        default: nil
        }
    }
}

extension ProfilePage.SectorLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": self.url
        default: nil
        }
    }
}

extension ProfilePage.StaffInfo: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "editURL": self.editURL
        case "historyURL": self.historyURL
        case "updated": self.updated
        case "canEdit": self.canEdit
        default: nil
        }
    }
}
