/// Fictional people: common Québécois first and last names combined at random, so no record
/// names a real manager.
enum DemoPeople {
    static let womenFirstNames = [
        "Geneviève", "Isabelle", "Marie-Ève", "Nathalie", "Sylvie", "Julie", "Caroline", "Mélanie", "Annie",
        "Karine", "Chantal", "Émilie", "Catherine", "Valérie", "Josée", "Sophie", "Audrey", "Marie-Claude",
        "Stéphanie", "Véronique", "Johanne", "Lucie", "Andrée-Anne", "Roxanne", "Myriam", "Maude", "Rosalie",
        "Noémie", "Ariane", "Amélie", "Manon", "Francine", "Line", "Joëlle", "Kim", "Fatima", "Nadia", "Mireille",
    ]

    static let menFirstNames = [
        "Mathieu", "Stéphane", "Jean-François", "Martin", "Éric", "Patrick", "Sébastien", "Louis", "François",
        "Maxime", "Simon", "Guillaume", "Alexandre", "Marc-André", "Jonathan", "Pierre-Luc", "Olivier", "Philippe",
        "Nicolas", "Frédéric", "Luc", "Benoît", "Yves", "Denis", "Réjean", "Gilles", "Jérôme", "Vincent",
        "Samuel", "Félix", "Karim", "Hugo", "Charles-Étienne", "Dominic", "Steve", "Mamadou",
    ]

    static let lastNames = [
        "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné",
        "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard",
        "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Fournier", "Lapointe", "Leclerc",
        "Lefebvre", "Poulin", "Thibault", "St-Pierre", "Nadeau", "Landry", "Martel", "Bédard", "Grenier",
        "Lessard", "Bernier", "Michaud", "Hébert", "Desjardins", "Couture", "Turcotte", "Lachance", "Parent",
        "Blais", "Gosselin", "Savard", "Proulx", "Beaudoin", "Demers", "Perron", "Boudreau", "Charbonneau",
        "Lemieux", "Mercier", "Dufour", "Vachon", "Labelle", "Tardif", "Desrosiers", "Rioux", "Guay",
        "Ménard", "Vaillancourt", "Beauchemin", "Doucet", "Larocque", "Trudel", "Diallo", "Nguyen", "Haddad",
    ]

    /// (feminine, masculine) role titles, most senior first: the first manager usually gets one of the first three.
    static let roles: [(String, String)] = [
        ("Directrice générale", "Directeur général"),
        ("Coordonnatrice", "Coordonnateur"),
        ("Présidente du conseil d'administration", "Président du conseil d'administration"),
        ("Coordonnatrice des opérations", "Coordonnateur des opérations"),
        ("Responsable du développement des affaires", "Responsable du développement des affaires"),
        ("Adjointe administrative", "Adjoint administratif"),
        ("Directrice des finances", "Directeur des finances"),
        ("Chargée de projets", "Chargé de projets"),
        ("Responsable des ventes institutionnelles", "Responsable des ventes institutionnelles"),
        ("Conseillère en insertion", "Conseiller en insertion"),
        ("Cheffe d'équipe", "Chef d'équipe"),
        ("Secrétaire-trésorière", "Secrétaire-trésorier"),
    ]

    static let streetNames = [
        "rue Saint-Charles Ouest", "rue Principale", "rue Notre-Dame", "boulevard Saint-Laurent", "rue de la Gare",
        "rue des Érables", "rue du Parc", "rue Sainte-Catherine", "chemin du Lac", "rue Saint-Jean",
        "boulevard Laurier", "rue Champlain", "rue de l'Église", "rue des Pionniers", "avenue du Collège",
        "rue Wellington", "boulevard des Entreprises", "rue Industrielle", "rue Saint-Georges", "rue Racine",
        "rue King Ouest", "boulevard René-Lévesque", "rue Dufferin", "rue des Forges", "chemin de la Côte",
        "montée Sainte-Julie", "rue Papineau", "rue du Moulin", "avenue des Pins", "rue Bellevue",
        "rue Saint-Louis", "boulevard de l'Hôtel-de-Ville", "rue des Cèdres", "rue Victoria", "rang Saint-Joseph",
        "chemin des Patriotes", "rue Frontenac", "rue Jacques-Cartier", "avenue de la Cathédrale", "rue Lafontaine",
    ]

    /// Streets of the agglomeration, so Rive-Sud buyers recognise where the demo enterprises are.
    static let agglomerationStreets: [String: [String]] = [
        "58227": ["rue Saint-Charles Ouest", "chemin de Chambly", "boulevard Roland-Therrien", "boulevard Taschereau",
                  "rue Saint-Laurent Ouest", "boulevard Jacques-Cartier Est", "boulevard Curé-Poirier Ouest", "rue Sainte-Hélène",
                  "boulevard Cousineau", "rue Grant", "boulevard Gaétan-Boucher", "rue de Gentilly Est"],
        "58007": ["boulevard Rome", "boulevard Taschereau", "boulevard de Rome", "avenue Panama", "boulevard Milan",
                  "rue Sherbrooke", "avenue Niagara", "boulevard Lapinière", "rue de Châteauguay"],
        "58033": ["boulevard de Montarville", "rue De Montbrun", "boulevard De Mortagne", "rue Marie-Victorin",
                  "boulevard du Fort-Saint-Louis", "rue Samuel-De Champlain", "chemin du Lac"],
        "58037": ["boulevard Clairevue Est", "rue Montarville", "boulevard Seigneurial Ouest", "rue Roberval",
                  "rang des Vingt-Cinq Est", "boulevard Sir-Wilfrid-Laurier"],
        "58012": ["avenue Victoria", "rue Green", "avenue Notre-Dame", "rue Riverside", "avenue Tiffin", "rue Aberdeen"],
    ]
}
