/// The 11 activity sectors of the Quebec social economy used by the regional hubs.
public struct Sector: Sendable, Hashable, Codable {
    public let slug: String
    public let name: String
    public let nameEnglish: String

    public static let all: [Sector] = [
        Sector(slug: "agroalimentaire-restauration", name: "Agroalimentaire et restauration", nameEnglish: "Food and catering"),
        Sector(slug: "arts-culture-patrimoine", name: "Arts, culture et patrimoine", nameEnglish: "Arts, culture and heritage"),
        Sector(slug: "commerce-detail-friperies", name: "Commerce de détail et friperies", nameEnglish: "Retail and thrift stores"),
        Sector(slug: "communications-medias-imprimerie", name: "Communications, médias et imprimerie", nameEnglish: "Communications, media and printing"),
        Sector(slug: "environnement-recuperation-recyclage", name: "Environnement, récupération et recyclage", nameEnglish: "Environment, recovery and recycling"),
        Sector(slug: "habitation", name: "Habitation", nameEnglish: "Housing"),
        Sector(slug: "loisirs-sports-tourisme", name: "Loisirs, sports et tourisme", nameEnglish: "Leisure, sports and tourism"),
        Sector(slug: "petite-enfance-famille", name: "Petite enfance et famille", nameEnglish: "Early childhood and family"),
        Sector(slug: "services-entreprises-organisations", name: "Services aux entreprises et aux organisations", nameEnglish: "Services to businesses and organisations"),
        Sector(slug: "services-personnes", name: "Services aux personnes", nameEnglish: "Personal services"),
        Sector(slug: "insertion-socioprofessionnelle", name: "Insertion socioprofessionnelle", nameEnglish: "Work integration"),
    ]

    private static let bySlug = Dictionary(uniqueKeysWithValues: all.map { ($0.slug, $0) })

    public static func find(_ slug: String) -> Sector? {
        bySlug[slug] ?? bySlug[slug.trimmingCharacters(in: .whitespaces).lowercased()]  // stored slugs are exact: no Foundation call
    }

    /// The catalogue's own copy of a stored slug, so that 100,000 summaries share a few dozen
    /// strings instead of each owning its copies; any other text is returned as is.
    static func sharedSlug(_ slug: String) -> String { bySlug[slug]?.slug ?? slug }
}

import Foundation
