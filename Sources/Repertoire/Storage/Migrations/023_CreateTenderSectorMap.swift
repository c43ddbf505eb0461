import SQLKit

/// Which activity sectors a SEAO call concerns, from its SEAO categories (« C01 ») and its
/// UNSPSC segments (« UNSPSC 72 »): a table administrators edit, filled here with a first
/// mapping of the UNSPSC segments that social-economy enterprises answer most.
struct CreateTenderSectorMap: Migration {
    let id = 23
    let name = "create the SEAO categories' sectors"

    static let initial: [(code: String, sectors: [String])] = [
        ("C01", ["habitation", "insertion-socioprofessionnelle"]),
        ("UNSPSC 14", ["communications-medias-imprimerie"]),
        ("UNSPSC 49", ["loisirs-sports-tourisme"]),
        ("UNSPSC 50", ["agroalimentaire-restauration"]),
        ("UNSPSC 53", ["commerce-detail-friperies"]),
        ("UNSPSC 55", ["communications-medias-imprimerie"]),
        ("UNSPSC 56", ["commerce-detail-friperies"]),
        ("UNSPSC 60", ["arts-culture-patrimoine", "petite-enfance-famille"]),
        ("UNSPSC 70", ["environnement-recuperation-recyclage"]),
        ("UNSPSC 72", ["habitation", "insertion-socioprofessionnelle"]),
        ("UNSPSC 76", ["environnement-recuperation-recyclage", "insertion-socioprofessionnelle", "services-entreprises-organisations"]),
        ("UNSPSC 77", ["environnement-recuperation-recyclage"]),
        ("UNSPSC 78", ["services-personnes", "services-entreprises-organisations"]),
        ("UNSPSC 80", ["services-entreprises-organisations"]),
        ("UNSPSC 82", ["communications-medias-imprimerie", "arts-culture-patrimoine"]),
        ("UNSPSC 85", ["services-personnes"]),
        ("UNSPSC 86", ["insertion-socioprofessionnelle", "services-entreprises-organisations"]),
        ("UNSPSC 90", ["agroalimentaire-restauration", "loisirs-sports-tourisme"]),
        ("UNSPSC 91", ["services-personnes", "petite-enfance-famille"]),
        ("UNSPSC 93", ["services-personnes"]),
        ("UNSPSC 94", ["loisirs-sports-tourisme"]),
        ("UNSPSC 95", ["habitation"]),
    ]

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            """
            CREATE TABLE seao_sector_map (
                code TEXT PRIMARY KEY,
                sectors TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
        ])
        for row in Self.initial {
            try await sql.raw("""
                INSERT INTO seao_sector_map (code, sectors, updated_at) VALUES (\(bind: row.code), \(bind: row.sectors.joined(separator: " ")), '2026-12-07T00:00:00.000Z')
                """).run()
        }
    }
}
