/// An offering as a sector's enterprises typically describe it.
struct DemoOfferingTemplate: Sendable {
    let name: String
    let description: String
    let kind: OfferingKind
    /// Whether municipalities plausibly buy it; only these are ever marked as offered to them.
    let municipal: Bool
    /// How a past municipal contract for it reads, when municipalities buy it.
    let contract: String?

    init(_ name: String, _ description: String, _ kind: OfferingKind, municipal: Bool = false, contract: String? = nil) {
        self.name = name
        self.description = description
        self.kind = kind
        self.municipal = municipal
        self.contract = contract
    }
}

/// What an enterprise does within its sector; it decides which offerings and mission fit the name,
/// so a "Radio communautaire" never sells tree planting.
struct DemoActivity: Sendable {
    let name: String
    /// Indexes into the sector's offerings; the first is the enterprise's core offering.
    let offerings: [Int]
    /// Indexes into the sector's purposes (first mission sentences) that fit.
    let purposes: [Int]
    /// Indexes into the sector's approaches (second sentences) that fit; nil when all do.
    let approaches: [Int]?
    /// Legal forms the activity implies (`Épicerie coopérative`); nil leaves the sector's usual mix.
    let legalForms: [LegalForm]?

    init(_ name: String, _ offerings: [Int], purposes: [Int], approaches: [Int]? = nil, legalForms: [LegalForm]? = nil) {
        self.name = name
        self.offerings = offerings
        self.purposes = purposes
        self.approaches = approaches
        self.legalForms = legalForms
    }
}

/// A fixed name shape for a sector, such as `Centre de la petite enfance {marque}`, whose legal
/// form and certification follow from the name.
struct DemoNameShape: Sendable {
    let template: DemoTemplate
    let legalForm: LegalForm
    let activity: DemoActivity
    var certification: String? = nil
    var earliestFounding: Int? = nil
}

/// Everything the generator knows about how one sector's enterprises are named and described.
struct DemoSectorVocabulary: Sendable {
    let slug: String
    /// Relative frequency among generated enterprises.
    let weight: Int
    let activities: [DemoActivity]
    let brands: [String]
    let legalForms: [(LegalForm, Int)]
    let shapes: [DemoNameShape]
    /// Probability of using one of `shapes` rather than the general name patterns.
    let shapeShare: Double
    let offerings: [DemoOfferingTemplate]
    /// First sentence of the mission: what the enterprise does and for whom.
    let purposes: [DemoTemplate]
    /// Second sentence: how it goes about it.
    let approaches: [DemoTemplate]
    let englishMissions: [DemoTemplate]
    let benefits: [DemoTemplate]
    let certifications: [(String, Double)]
    let relatedSectors: [String]
    let earliestFounding: Int
    /// Share of employees in integration jobs, for sectors where such jobs are the point.
    let integrationShare: ClosedRange<Double>?

    init(slug: String, weight: Int, activities: [DemoActivity], brands: [String], legalForms: [(LegalForm, Int)],
         shapes: [DemoNameShape] = [], shapeShare: Double = 0, offerings: [DemoOfferingTemplate],
         purposes: [DemoTemplate], approaches: [DemoTemplate], englishMissions: [DemoTemplate], benefits: [DemoTemplate],
         certifications: [(String, Double)] = [], relatedSectors: [String], earliestFounding: Int,
         integrationShare: ClosedRange<Double>? = nil) {
        self.slug = slug
        self.weight = weight
        self.activities = activities
        self.brands = brands
        self.legalForms = legalForms
        self.shapes = shapes
        self.shapeShare = shapeShare
        self.offerings = offerings
        self.purposes = purposes
        self.approaches = approaches
        self.englishMissions = englishMissions
        self.benefits = benefits
        self.certifications = certifications
        self.relatedSectors = relatedSectors
        self.earliestFounding = earliestFounding
        self.integrationShare = integrationShare
    }

    static let all: [DemoSectorVocabulary] = [
        .food, .culture, .retail, .media, .environment, .housing, .leisure, .earlyChildhood,
        .businessServices, .personalServices, .integration,
    ]

    static let bySlug: [String: DemoSectorVocabulary] = Dictionary(uniqueKeysWithValues: all.map { ($0.slug, $0) })

    /// Closing sentences any enterprise's mission may end with.
    static let closers: [DemoTemplate] = [
        "Les profits sont réinvestis dans la communauté.",
        "Son conseil d'administration réunit des citoyens, des employés et des partenaires du milieu.",
        "Ses activités s'appuient sur des partenariats avec la municipalité, les écoles et les organismes du milieu.",
        "Ancrée {a_ville}, son action s'étend à l'ensemble de la région.",
        "{sujet} est membre du pôle d'économie sociale {de_region}.",
    ]

    static let cooperativeClosers: [DemoTemplate] = [
        "La coopérative est gouvernée démocratiquement par ses membres, selon le principe une personne, un vote.",
        "Ses membres partagent les décisions et les surplus de la coopérative.",
    ]

    static let genericBenefits: [DemoTemplate] = [
        "Emplois locaux et achats auprès de fournisseurs {de_region}.",
        "Participation citoyenne et engagement bénévole dans la communauté.",
        "Services accessibles aux personnes à faible revenu.",
    ]
}
