import Mustache

/// The interface's words, in French and in English. Templates read them as `{{t.name}}`.
struct Strings: Sendable {
    let lang: String
    let siteName = "Répertoire"
    let tagline: String
    let skipToContent: String
    let skipToResults: String
    let mainNavigation: String
    let navSearch: String
    let navSectors: String
    let navRegions: String
    let navAbout: String
    let navHub: String
    let navTenders: String
    let switchLanguage: String
    let switchLanguageLabel: String
    let searchLabel: String
    let searchPlaceholder: String
    let searchButton: String
    let fictionalNotice: String
    let homeTitle: String
    let homeIntro: String
    let homeWhoTitle: String
    let homeWho: [String]
    let sectorsTitle: String
    let regionsTitle: String
    let newestTitle: String
    let enterprisesCount: String
    let resultsTitle: String
    let resultsFor: String
    let resultCountOne: String
    let resultCountMany: String
    let noResultsTitle: String
    let noResultsHelp: String
    let didYouMean: String
    /// The zero-result page's way out when no suggestion finds anything.
    let browseSectors: String
    let browseCompleteList: String
    let removeFilter: String
    let clearFilters: String
    let activeFilters: String
    let filtersTitle: String
    let applyFilters: String
    let facetRegion: String
    let facetMunicipality: String
    let facetSector: String
    let facetLegalForm: String
    let facetCertification: String
    let facetOffers: String
    let sortLabel: String
    let sortRelevance: String
    let sortName: String
    let sortVerified: String
    let pagination: String
    let previous: String
    let next: String
    let pageOf: String
    let downloadCSV: String
    let exportChoices: String
    let downloadJSON: String
    let offersBadge: String
    let verifiedOn: String
    let neverVerified: String
    let closedBadge: String
    let fictionalBadge: String
    let mission: String
    let offerings: String
    let offeredToMunicipalities: String
    let benefits: String
    let employees: String
    let integrationEmployees: String
    let volunteers: String
    let members: String
    let peopleServed: String
    let certifications: String
    let serviceArea: String
    let serviceAreaQuebec: String
    let address: String
    let contact: String
    let phone: String
    let email: String
    let website: String
    let managers: String
    let managersSignIn: String
    let noManagers: String
    let signIn: String
    let myAccount: String
    let signOut: String
    let contracts: String
    let identification: String
    let legalForm: String
    let neq: String
    let foundedYear: String
    let otherNames: String
    let sectors: String
    let lastVerified: String
    let source: String
    let backToResults: String
    let aboutTitle: String
    let aboutBody: [String]
    let reportError: String
    let notFoundTitle: String
    let notFoundBody: String
    let errorTitle: String
    let errorBody: String
    let badRequestTitle: String
    let backHome: String
    let yes: String
    let no: String
    let enterpriseWord: String
    let enterprisesWord: String
    let footer: String
    let printList: String
    let completeList: String
    /// On the history page, where the managers' personal data was erased after the retention period.
    let contactDetailsErased: String
    /// The « Filtres (3) » link above the results on narrow screens.
    let filtersLink: String
    // Where enterprises work (issue #13).
    let facetMRC: String
    let placeModeLegend: String
    let placeModeServes: String
    let placeModeHeadOffice: String
    let placeModeHeadOfficeChip: String
    let includeClosed: String
    let includeClosedChip: String
    let placeUnderstood: String
    let removePlace: String
    let searchWordsEverywhere: String
    let otherPlaces: String
    let sortLocal: String
    let servesYourMunicipality: String
    /// The home page's title: the product and what it is for.
    let homeDocumentTitle: String
    /// True on English pages: the directory's data (names, descriptions, offerings) is French
    /// and is marked `lang="fr"` there, so screen readers pronounce it in French.
    let frenchData: Bool

    static let french = Strings(
        lang: "fr-CA",
        tagline: "Le répertoire des entreprises d'économie sociale pour les acheteurs municipaux",
        skipToContent: "Aller au contenu",
        skipToResults: "Aller aux résultats",
        mainNavigation: "Navigation principale",
        navSearch: "Rechercher", navSectors: "Secteurs", navRegions: "Régions", navAbout: "À propos", navHub: "J'achète!", navTenders: "Appels d'offres",
        switchLanguage: "English", switchLanguageLabel: "Switch to English",
        searchLabel: "Que cherchez-vous ?",
        searchPlaceholder: "ex. déneigement, traiteur, entretien ménager…",
        searchButton: "Rechercher",
        fictionalNotice: "Données fictives de démonstration : les entreprises affichées n'existent pas.",
        homeTitle: "Trouvez une entreprise d'économie sociale",
        homeIntro: "Coopératives, organismes à but non lucratif et mutuelles qui vendent des biens, des services et des travaux aux municipalités du Québec : cherchez par besoin, par ville, par région ou par secteur, comparez les offres et les retombées dans la communauté, puis contactez-les pour un appel d'offres ou un contrat de gré à gré.",
        homeWhoTitle: "Pour qui ?",
        homeWho: [
            "Les acheteurs et responsables de l'approvisionnement des municipalités, qui veulent acheter local et responsable.",
            "Les pôles régionaux d'économie sociale, qui tiennent à jour la liste des entreprises de leur territoire.",
            "Les entreprises collectives, qui veulent être trouvées, et le public.",
        ],
        sectorsTitle: "Secteurs d'activité", regionsTitle: "Régions administratives", newestTitle: "Nouvelles entreprises",
        enterprisesCount: "entreprises",
        resultsTitle: "Entreprises", resultsFor: "Résultats pour",
        resultCountOne: "1 entreprise", resultCountMany: "entreprises",
        noResultsTitle: "Aucune entreprise ne correspond à votre recherche.",
        noResultsHelp: "Essayez des mots plus généraux, vérifiez l'orthographe ou retirez un filtre.",
        didYouMean: "Vouliez-vous dire :",
        browseSectors: "Parcourez plutôt les secteurs d'activité :",
        browseCompleteList: "Ou consultez la liste complète des entreprises d'un territoire",
        removeFilter: "Retirer le filtre", clearFilters: "Effacer tous les filtres", activeFilters: "Filtres actifs",
        filtersTitle: "Affiner la recherche", applyFilters: "Appliquer les filtres",
        facetRegion: "Région", facetMunicipality: "Municipalité", facetSector: "Secteur", facetLegalForm: "Forme juridique",
        facetCertification: "Certification", facetOffers: "Offre aux municipalités",
        sortLabel: "Trier par", sortRelevance: "Pertinence", sortName: "Nom", sortVerified: "Vérification récente",
        pagination: "Pages de résultats", previous: "Précédente", next: "Suivante", pageOf: "Page",
        downloadCSV: "Télécharger en CSV", exportChoices: "Exporter (Excel, CSV, JSON ; choix des colonnes)", downloadJSON: "Données JSON",
        offersBadge: "Offre aux municipalités", verifiedOn: "Vérifiée le", neverVerified: "Jamais vérifiée",
        closedBadge: "Fermée", fictionalBadge: "Fictive",
        mission: "Mission", offerings: "Produits et services", offeredToMunicipalities: "offert aux municipalités",
        benefits: "Retombées dans la communauté", employees: "Employés", integrationEmployees: "dont en insertion ou emploi adapté",
        volunteers: "Bénévoles", members: "Membres", peopleServed: "Personnes desservies",
        certifications: "Certifications et reconnaissances", serviceArea: "Territoire desservi", serviceAreaQuebec: "Tout le Québec",
        address: "Adresse", contact: "Coordonnées", phone: "Téléphone", email: "Courriel", website: "Site web",
        managers: "Personnes-ressources",
        managersSignIn: "Les coordonnées des gestionnaires sont réservées aux acheteurs municipaux et aux pôles connectés (Loi 25).",
        noManagers: "Aucun gestionnaire n'est inscrit pour cette entreprise.",
        signIn: "Se connecter",
        myAccount: "Mon compte",
        signOut: "Se déconnecter",
        contracts: "Contrats municipaux réalisés", identification: "Identification", legalForm: "Forme juridique",
        neq: "NEQ", foundedYear: "Année de fondation", otherNames: "Autres noms", sectors: "Secteurs",
        lastVerified: "Dernière vérification", source: "Source", backToResults: "Retour aux résultats",
        aboutTitle: "À propos du répertoire",
        aboutBody: [
            "Répertoire rassemble les entreprises d'économie sociale du Québec — coopératives, organismes à but non lucratif et mutuelles — pour que les municipalités puissent les trouver et leur confier des contrats.",
            "Les données proviennent des pôles régionaux d'économie sociale, du Registraire des entreprises du Québec (REQ) et des entreprises elles-mêmes. Chaque fiche indique sa source et la date de sa dernière vérification ; les pôles vérifient les fiches de leur territoire au moins une fois par année.",
            "Rappel : les contrats municipaux de moins de 25 000 $ peuvent être accordés de gré à gré ; au-delà, une demande de prix écrite auprès d'au moins deux fournisseurs est requise, et un appel d'offres public sur le SEAO à partir du seuil fixé par règlement (121 200 $ depuis le 7 octobre 2022).",
        ],
        reportError: "Vous avez repéré une erreur dans une fiche ? Écrivez au pôle d'économie sociale de votre région en indiquant le nom de l'entreprise et la correction à apporter.",
        notFoundTitle: "Page introuvable",
        notFoundBody: "Cette page n'existe pas ou l'entreprise n'est plus au répertoire.",
        errorTitle: "Une erreur est survenue",
        errorBody: "Une erreur inattendue est survenue de notre côté. Réessayez dans un moment.",
        badRequestTitle: "Recherche invalide",
        backHome: "Retour à l'accueil", yes: "Oui", no: "Non",
        enterpriseWord: "entreprise", enterprisesWord: "entreprises",
        footer: "Répertoire des entreprises d'économie sociale du Québec",
        printList: "Imprimer la liste",
        completeList: "Liste complète imprimable",
        contactDetailsErased: "Coordonnées effacées (Loi 25)",
        filtersLink: "Filtres",
        facetMRC: "MRC ou territoire",
        placeModeLegend: "Lieu choisi",
        placeModeServes: "Entreprises qui le desservent",
        placeModeHeadOffice: "Entreprises dont le siège y est",
        placeModeHeadOfficeChip: "Siège social dans le lieu choisi",
        includeClosed: "Inclure les entreprises fermées",
        includeClosedChip: "Entreprises fermées incluses",
        placeUnderstood: "Lieu reconnu dans votre recherche",
        removePlace: "Retirer ce lieu",
        searchWordsEverywhere: "Chercher plutôt les mots partout",
        otherPlaces: "Vouliez-vous dire",
        sortLocal: "Votre municipalité d'abord",
        servesYourMunicipality: "Dessert votre municipalité",
        homeDocumentTitle: "Répertoire — entreprises d'économie sociale du Québec pour les acheteurs municipaux",
        frenchData: false)

    static let english = Strings(
        lang: "en-CA",
        tagline: "The directory of social-economy enterprises for municipal buyers",
        skipToContent: "Skip to content",
        skipToResults: "Skip to results",
        mainNavigation: "Main navigation",
        navSearch: "Search", navSectors: "Sectors", navRegions: "Regions", navAbout: "About", navHub: "J'achète! hub", navTenders: "Calls for tenders",
        switchLanguage: "Français", switchLanguageLabel: "Passer au français",
        searchLabel: "What are you looking for?",
        searchPlaceholder: "e.g. snow removal (déneigement), catering (traiteur)…",
        searchButton: "Search",
        fictionalNotice: "Fictional demo data: the enterprises shown do not exist.",
        homeTitle: "Find a social-economy enterprise",
        homeIntro: "Co-operatives, non-profits and mutuals that sell goods, services and construction work to Quebec municipalities: search by need, city, region or sector, compare their offers and community benefits, then contact them for a call for tenders or a mutual-agreement contract.",
        homeWhoTitle: "Who is it for?",
        homeWho: [
            "Municipal buyers and procurement officers who want to buy local and responsible.",
            "Regional social-economy hubs, who keep their territory's list of enterprises current.",
            "Collective enterprises who want to be found, and the public.",
        ],
        sectorsTitle: "Activity sectors", regionsTitle: "Administrative regions", newestTitle: "New enterprises",
        enterprisesCount: "enterprises",
        resultsTitle: "Enterprises", resultsFor: "Results for",
        resultCountOne: "1 enterprise", resultCountMany: "enterprises",
        noResultsTitle: "No enterprise matches your search.",
        noResultsHelp: "Try broader words, check the spelling or remove a filter.",
        didYouMean: "Did you mean:",
        browseSectors: "Browse the activity sectors instead:",
        browseCompleteList: "Or see the complete list of a territory's enterprises",
        removeFilter: "Remove filter", clearFilters: "Clear all filters", activeFilters: "Active filters",
        filtersTitle: "Refine the search", applyFilters: "Apply filters",
        facetRegion: "Region", facetMunicipality: "Municipality", facetSector: "Sector", facetLegalForm: "Legal form",
        facetCertification: "Certification", facetOffers: "Offers to municipalities",
        sortLabel: "Sort by", sortRelevance: "Relevance", sortName: "Name", sortVerified: "Recently verified",
        pagination: "Result pages", previous: "Previous", next: "Next", pageOf: "Page",
        downloadCSV: "Download as CSV", exportChoices: "Export (Excel, CSV, JSON; choose the columns, in French)", downloadJSON: "JSON data",
        offersBadge: "Offers to municipalities", verifiedOn: "Verified on", neverVerified: "Never verified",
        closedBadge: "Closed", fictionalBadge: "Fictional",
        mission: "Mission", offerings: "Products and services", offeredToMunicipalities: "offered to municipalities",
        benefits: "Community benefits", employees: "Employees", integrationEmployees: "of whom in integration or adapted jobs",
        volunteers: "Volunteers", members: "Members", peopleServed: "People served",
        certifications: "Certifications and recognitions", serviceArea: "Area served", serviceAreaQuebec: "All of Quebec",
        address: "Address", contact: "Contact", phone: "Phone", email: "Email", website: "Website",
        managers: "Contact persons",
        managersSignIn: "Managers' contact details are reserved for signed-in municipal buyers and hubs (Quebec privacy law, Loi 25).",
        noManagers: "No manager is listed for this enterprise.",
        signIn: "Sign in",
        myAccount: "My account",
        signOut: "Sign out",
        contracts: "Municipal contracts carried out", identification: "Identification", legalForm: "Legal form",
        neq: "NEQ (Quebec enterprise number)", foundedYear: "Founded", otherNames: "Other names", sectors: "Sectors",
        lastVerified: "Last verified", source: "Source", backToResults: "Back to results",
        aboutTitle: "About the directory",
        aboutBody: [
            "Répertoire gathers Quebec's social-economy enterprises — co-operatives, non-profits and mutuals — so that municipalities can find them and award them contracts.",
            "The data comes from the regional social-economy hubs, the Quebec enterprise register (REQ) and the enterprises themselves. Each record shows its source and the date it was last verified; hubs verify the records of their territory at least once a year.",
            "Reminder: municipal contracts under $25,000 may be awarded by mutual agreement; above that, a written invitation to at least two suppliers is required, and a public call for tenders on SEAO from the threshold set by regulation ($121,200 since October 7, 2022).",
        ],
        reportError: "Found a mistake in a record? Write to your region's social-economy hub with the enterprise's name and the correction.",
        notFoundTitle: "Page not found",
        notFoundBody: "This page does not exist or the enterprise is no longer in the directory.",
        errorTitle: "Something went wrong",
        errorBody: "An unexpected error occurred on our side. Please try again in a moment.",
        badRequestTitle: "Invalid search",
        backHome: "Back to the home page", yes: "Yes", no: "No",
        enterpriseWord: "enterprise", enterprisesWord: "enterprises",
        footer: "Directory of Quebec social-economy enterprises",
        printList: "Print the list",
        completeList: "Printable complete list",
        contactDetailsErased: "Contact details erased (Law 25)",
        filtersLink: "Filters",
        facetMRC: "MRC or territory",
        placeModeLegend: "Chosen place",
        placeModeServes: "Enterprises serving it",
        placeModeHeadOffice: "Enterprises with their head office there",
        placeModeHeadOfficeChip: "Head office in the chosen place",
        includeClosed: "Include closed enterprises",
        includeClosedChip: "Closed enterprises included",
        placeUnderstood: "Place recognised in your search",
        removePlace: "Remove this place",
        searchWordsEverywhere: "Search the words everywhere instead",
        otherPlaces: "Did you mean",
        sortLocal: "Your municipality first",
        servesYourMunicipality: "Serves your municipality",
        homeDocumentTitle: "Répertoire — Quebec social-economy enterprises for municipal buyers",
        frenchData: true)
}

// MARK: Template access, without reflection

extension Strings: MustacheParent {
    /// Each language's words by name, read once by reflection. The words are constants (`let`),
    /// so the table of a language always holds what its instance holds.
    /// Written once, at first use, and only read after: safe to share.
    nonisolated(unsafe) private static let tables: [String: [String: Any]] = Dictionary(uniqueKeysWithValues: [french, english].map { strings in
        (strings.lang, Dictionary(Mirror(reflecting: strings).children.compactMap { child in child.label.map { ($0, child.value) } },
                                  uniquingKeysWith: { first, _ in first }))
    })

    func child(named name: String) -> Any? {
        guard let table = Self.tables[lang] else { return Mirror(reflecting: self).children.first { $0.label == name }?.value }
        return table[name]
    }
}
