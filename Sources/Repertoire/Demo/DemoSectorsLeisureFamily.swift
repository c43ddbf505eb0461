extension DemoSectorVocabulary {
    static let leisure = DemoSectorVocabulary(
        slug: "loisirs-sports-tourisme", weight: 9,
        activities: [
            .init("Loisirs", [0, 5, 4], purposes: [0, 2], approaches: [0, 1]),
            .init("Camp de jour", [0, 7], purposes: [2], approaches: [0, 1]),
            .init("Centre de plein air", [2, 7, 1, 4], purposes: [0], approaches: [0, 2]),
            .init("Club de plein air", [1, 5, 2], purposes: [1], approaches: [2]),
            .init("Base de plein air", [7, 2, 4, 0], purposes: [0, 2], approaches: [0, 2]),
            .init("Corporation touristique", [6, 3, 5], purposes: [3], approaches: [3]),
            .init("Sentiers", [1], purposes: [1], approaches: [2]),
            .init("Vélo-Plein-Air", [2, 1, 5], purposes: [1, 0], approaches: [2]),
        ],
        brands: ["La Randonnée", "Le Grand Air", "Plein Soleil", "L'Escapade", "Le Sommet", "La Traversée",
                 "Mille Pas", "La Pagaie", "L'Envolée", "Les Vagabonds", "Le Refuge", "La Clairière", "Boréal",
                 "Le Portage", "Les Feux Follets", "Les Randonneurs", "Le Belvédère"],
        legalForms: [(.nonProfit, 80), (.solidarityCooperative, 12), (.workersCooperative, 5), (.other, 3)],
        offerings: [
            .init("Animation de camps de jour", "Conception et animation de camps de jour estivaux et de semaines de relâche pour les 5 à 12 ans.", .service,
                  municipal: true, contract: "Animation des camps de jour estivaux"),
            .init("Entretien de sentiers", "Aménagement, balisage et entretien de sentiers pédestres, de ski de fond et de vélo de montagne.", .service,
                  municipal: true, contract: "Entretien des sentiers du parc régional"),
            .init("Location d'équipement de plein air", "Location de kayaks, de raquettes, de skis de fond et de vélos.", .service,
                  municipal: true, contract: "Location de raquettes pour la fête d'hiver"),
            .init("Gestion de sites récréatifs", "Accueil, billetterie et entretien de plages, de parcs et de bases de plein air.", .service,
                  municipal: true, contract: "Gestion de la plage municipale"),
            .init("Location de salles", "Salles et chalets pour réunions, fêtes et activités de groupe.", .service,
                  municipal: true, contract: "Location d'un chalet pour une activité des employés"),
            .init("Organisation d'événements sportifs", "Organisation de tournois, de courses et de fêtes familiales.", .service,
                  municipal: true, contract: "Organisation de la course familiale annuelle"),
            .init("Accueil touristique", "Gestion de bureaux d'accueil touristique et de circuits guidés.", .service,
                  municipal: true, contract: "Gestion du bureau d'accueil touristique"),
            .init("Séjours en nature pour groupes scolaires", "Classes nature de un à trois jours avec hébergement.", .service),
        ],
        purposes: [
            "{sujet} offre des activités de loisir et de plein air accessibles aux familles {de_ville}.",
            "{sujet} développe et entretient un réseau de sentiers {de_region} ouvert à toute la population.",
            "{sujet} fait découvrir aux jeunes le plaisir de bouger et la nature.",
            "{sujet} fait connaître les attraits touristiques {de_region} et accueille les visiteurs {a_ville}.",
        ],
        approaches: [
            "Ses animateurs sont formés en premiers soins et en animation inclusive.",
            "Les tarifs sont modulés selon le revenu pour que tous les enfants puissent participer.",
            "Des bénévoles passionnés entretiennent les installations toute l'année.",
            "Ses circuits mettent en valeur les attraits et les commerces de la région.",
        ],
        englishMissions: [
            "{subject} offers accessible leisure and outdoor activities to families in {ville}.",
            "{subject} develops and maintains a trail network open to everyone.",
        ],
        benefits: [
            "Accès abordable au plein air et au sport pour les familles.",
            "Premier emploi d'été pour des centaines de jeunes animateurs.",
            "Retombées touristiques pour les commerces {de_region}.",
        ],
        certifications: [("eco-responsable", 0.08)],
        relatedSectors: ["arts-culture-patrimoine", "petite-enfance-famille"], earliestFounding: 1960
    )

    private static let cpe = DemoActivity("Centre de la petite enfance", [0, 5, 2, 1], purposes: [0], approaches: [0, 1, 2])

    static let earlyChildhood = DemoSectorVocabulary(
        slug: "petite-enfance-famille", weight: 11,
        activities: [
            .init("Maison de la famille", [2, 3, 1, 4], purposes: [2, 1], approaches: [2, 3]),
            .init("Halte-garderie", [1, 2], purposes: [2], approaches: [2, 3]),
            .init("Centre de ressources périnatales", [6, 2], purposes: [1], approaches: [2, 3]),
            .init("Joujouthèque", [4, 3, 2], purposes: [2], approaches: [3]),
            .init("Carrefour familial", [2, 3, 1, 7], purposes: [2, 1], approaches: [2, 3]),
        ],
        brands: ["Les Lucioles", "Les Copains d'abord", "Les Petits Pas", "La Ribambelle",
                 "Les Marmousets", "Le Jardin d'Éveil", "Les Petites Abeilles", "La Coccinelle", "Les Trottineurs", "Le Petit Prince",
                 "Les Frimousses", "Pomme d'Api", "Les Moussaillons", "La Cabane enchantée", "L'Arche de Noé", "Les Câlinours",
                 "Le Nid douillet", "Les Pissenlits", "La Marmaille", "Les Bambins", "Les Petits Lutins", "La Farandole"],
        legalForms: [(.nonProfit, 90), (.solidarityCooperative, 8), (.other, 2)],
        shapes: [
            // CPEs only exist since the 1997 family policy; their certification follows from the name.
            DemoNameShape(template: "Centre de la petite enfance {marque}", legalForm: .nonProfit, activity: cpe, certification: "centre-petite-enfance", earliestFounding: 1997),
            DemoNameShape(template: "CPE {marque}", legalForm: .nonProfit, activity: cpe, certification: "centre-petite-enfance", earliestFounding: 1997),
            DemoNameShape(template: "CPE {marque} {de_ville}", legalForm: .nonProfit, activity: cpe, certification: "centre-petite-enfance", earliestFounding: 1997),
        ],
        shapeShare: 0.6,
        offerings: [
            .init("Services de garde éducatifs", "Places à contribution réduite pour les enfants de 0 à 5 ans, avec un programme éducatif reconnu.", .service),
            .init("Halte-garderie lors d'événements", "Garde temporaire d'enfants lors d'événements publics, de consultations et de séances d'information.", .service,
                  municipal: true, contract: "Halte-garderie lors des consultations publiques"),
            .init("Ateliers parents-enfants", "Ateliers de stimulation, de jeu et de soutien parental.", .service,
                  municipal: true, contract: "Ateliers parents-enfants en bibliothèque"),
            .init("Animation familiale dans les parcs", "Animations ludiques pour les familles dans les parcs et lors des fêtes de quartier.", .service,
                  municipal: true, contract: "Animation familiale estivale dans les parcs"),
            .init("Prêt de jouets", "Prêt de jeux et de jouets éducatifs aux familles.", .service),
            .init("Repas et collations pour tout-petits", "Repas et collations préparés sur place avec des aliments frais.", .good),
            .init("Soutien périnatal", "Rencontres prénatales, soutien à l'allaitement et visites à domicile.", .service),
            .init("Formation en petite enfance", "Formations pour éducatrices et responsables de services de garde.", .service),
        ],
        purposes: [
            "{sujet} offre aux tout-petits {de_ville} un milieu de vie éducatif, sécuritaire et stimulant.",
            "{sujet} soutient les familles {de_ville} de la grossesse jusqu'à l'entrée à l'école.",
            "{sujet} accueille les parents et leurs enfants dans un lieu d'entraide et de répit.",
        ],
        approaches: [
            "Le conseil d'administration est formé majoritairement de parents utilisateurs.",
            "Les repas sont cuisinés sur place avec des aliments frais et locaux.",
            "Ses intervenantes travaillent en partenariat avec les écoles et le CLSC du territoire.",
            "Les activités sont gratuites ou offertes à faible coût pour les familles.",
        ],
        englishMissions: [
            "{subject} offers young children in {ville} an educational, safe and stimulating environment.",
            "{subject} supports families from pregnancy until school entry.",
        ],
        benefits: [
            "Conciliation travail-famille pour les parents du quartier.",
            "Dépistage précoce et soutien aux enfants ayant des besoins particuliers.",
            "Emplois de qualité, majoritairement occupés par des femmes.",
        ],
        relatedSectors: ["services-personnes"], earliestFounding: 1975
    )
}
