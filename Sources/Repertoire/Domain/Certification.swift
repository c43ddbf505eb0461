/// Certifications and recognitions a buyer may look for (and, for some, must by policy).
public struct Certification: Sendable, Hashable, Codable {
    public let slug: String
    public let name: String
    public let nameEnglish: String

    public static let all: [Certification] = [
        Certification(slug: "entreprise-insertion", name: "Entreprise d'insertion", nameEnglish: "Work integration social enterprise"),
        Certification(slug: "entreprise-adaptee", name: "Entreprise adaptée", nameEnglish: "Adapted enterprise"),
        Certification(slug: "centre-petite-enfance", name: "Centre de la petite enfance", nameEnglish: "Early childhood centre (CPE)"),
        Certification(slug: "eco-responsable", name: "Éco-responsable", nameEnglish: "Eco-responsible"),
        Certification(slug: "commerce-equitable", name: "Commerce équitable", nameEnglish: "Fair trade"),
        Certification(slug: "aliments-du-quebec", name: "Aliments du Québec", nameEnglish: "Aliments du Québec (local food)"),
        Certification(slug: "ici-on-recycle", name: "ICI on recycle +", nameEnglish: "ICI on recycle + (recycling)"),
    ]

    private static let bySlug = Dictionary(uniqueKeysWithValues: all.map { ($0.slug, $0) })

    public static func find(_ slug: String) -> Certification? {
        bySlug[slug] ?? bySlug[slug.trimmingCharacters(in: .whitespaces).lowercased()]  // stored slugs are exact: no Foundation call
    }

    /// The catalogue's own copy of a stored slug (see `Sector.sharedSlug`).
    static func sharedSlug(_ slug: String) -> String { bySlug[slug]?.slug ?? slug }
}

import Foundation
