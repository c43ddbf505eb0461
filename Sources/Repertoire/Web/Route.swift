import Foundation
import Hummingbird

/// Every page and form of the site, defined once: a case's path pattern registers the route
/// (with the permission it needs, through ``GuardedRoutes``) and prints its links, so a link can
/// never point where no route listens. Parameters are `:name` segments, filled in order.
/// The JSON API has its own definition: the OpenAPI document, checked against the router.
enum Route: String, CaseIterable, Sendable {
    // The public directory (French; the English mirror is under /en)
    case home = "/"
    case search = "/entreprises"
    case enterprise = "/entreprises/:slug"
    case sector = "/secteurs/:slug"
    case region = "/regions/:slug"
    case about = "/a-propos"
    case completeList = "/liste-complete"
    case searchCSV = "/entreprises.csv"
    case export = "/exporter"
    case exportFile = "/exporter/fichier"
    case sitemap = "/sitemap.xml"
    /// One file of the sitemap index: `/sitemaps/1.xml`, `/sitemaps/2.xml`…
    case sitemapFile = "/sitemaps/:file"
    case robots = "/robots.txt"
    case asset = "/static/:name"
    /// The map library's files (its CSS names its images relative to itself).
    case leafletAsset = "/static/leaflet/:name"
    case leafletImage = "/static/leaflet/images/:name"
    /// The search's results on a map, and their markers for the page's script.
    case searchMap = "/carte"
    case mapMarkers = "/carte/marqueurs"
    case health = "/healthz"
    /// A search's results, all of them (up to the export cap) on one page made for printing.
    case searchPrint = "/imprimer"

    // Accounts
    case signIn = "/connexion"
    case signOut = "/deconnexion"
    case forgotPassword = "/mot-de-passe-oublie"
    case choosePassword = "/mot-de-passe"
    case account = "/compte"
    case changePassword = "/compte/mot-de-passe"
    case signOutEverywhere = "/compte/deconnexion-partout"
    case tokens = "/compte/jetons"
    case revokeToken = "/compte/jetons/:id/revoquer"
    /// A signed-in person's J'achète digest (their account's address, no confirmation needed).
    case accountDigest = "/compte/infolettre"

    // Administration
    case users = "/admin/utilisateurs"
    case invitations = "/admin/utilisateurs/invitations"
    case user = "/admin/utilisateurs/:id"
    case audit = "/admin/journal"
    case outbox = "/admin/courriels"

    // Editing the directory
    case newEnterprise = "/gestion/entreprises/nouvelle"
    case archivedEnterprises = "/gestion/entreprises/archivees"
    case editEnterprise = "/gestion/entreprises/:id/modifier"
    case resolveConflict = "/gestion/entreprises/:id/conflit"
    case history = "/gestion/entreprises/:id/historique"
    case restoreRevision = "/gestion/entreprises/:id/historique/:seq/restaurer"
    case archiveEnterprise = "/gestion/entreprises/:id/archiver"
    case restoreEnterprise = "/gestion/entreprises/:id/restaurer"
    case verifyEnterprise = "/gestion/entreprises/:id/verifier"
    case requestConfirmation = "/gestion/entreprises/:id/demander-confirmation"
    case toVerify = "/gestion/a-verifier"
    case toVerifyCSV = "/gestion/a-verifier.csv"
    case proposals = "/gestion/propositions"
    case approveProposal = "/gestion/propositions/:id/approuver"
    case rejectProposal = "/gestion/propositions/:id/rejeter"
    case myEnterprise = "/mon-entreprise"
    case confirmation = "/confirmation"

    // The buyers' workspace
    case buyers = "/acheteurs"
    case advisor = "/acheteurs/mode-de-sollicitation"
    case purchaseLists = "/acheteurs/listes"
    /// « Ajouter à une liste », from a result card or a profile.
    case purchaseListAdd = "/acheteurs/listes/ajouter"
    case purchaseList = "/acheteurs/listes/:id"
    case purchaseListUpdate = "/acheteurs/listes/:id/modifier"
    case purchaseListItem = "/acheteurs/listes/:id/entreprises/:enterprise"
    case purchaseListExport = "/acheteurs/listes/:id/exporter"
    /// The dated amounts of the procurement rules.
    case thresholds = "/admin/seuils"

    // Calls for interest
    case calls = "/acheteurs/appels"
    case newCall = "/acheteurs/appels/nouveau"
    case call = "/acheteurs/appels/:id"
    case callUpdate = "/acheteurs/appels/:id/modifier"
    case callRecipients = "/acheteurs/appels/:id/destinataires"
    case callAttachments = "/acheteurs/appels/:id/pieces-jointes"
    case callFile = "/acheteurs/appels/:id/fichiers/:file"
    case callSend = "/acheteurs/appels/:id/envoyer"
    case callClose = "/acheteurs/appels/:id/fermer"
    case callExport = "/acheteurs/appels/:id/exporter"
    /// The enterprise's answer page, reached from its e-mail's link (no account).
    case callAnswer = "/appel-d-interet"
    /// Stops calls for interest to an enterprise: the e-mails' one-click link.
    case callUnsubscribe = "/appel-d-interet/desabonnement"
    /// A representative's choice to receive calls for interest or not.
    case myEnterpriseCalls = "/mon-entreprise/appels-d-interet"

    // The responsible-purchasing record and its dashboards (issue #16)
    case purchaseDashboard = "/acheteurs/tableau-de-bord"
    case purchaseContracts = "/acheteurs/contrats"
    case newPurchaseContract = "/acheteurs/contrats/nouveau"
    case purchaseContractsExport = "/acheteurs/contrats/exporter"
    /// A spreadsheet of contracts: upload, preview with its mapping, apply, revert.
    case purchaseImport = "/acheteurs/contrats/importer"
    case purchaseImportPreview = "/acheteurs/contrats/importer/:id"
    case purchaseImportMapping = "/acheteurs/contrats/importer/:id/correspondance"
    case purchaseImportApply = "/acheteurs/contrats/importer/:id/appliquer"
    case purchaseImportRevert = "/acheteurs/contrats/importer/:id/annuler"
    case purchaseContract = "/acheteurs/contrats/:id"
    case purchaseContractUpdate = "/acheteurs/contrats/:id/modifier"
    case purchaseContractDelete = "/acheteurs/contrats/:id/supprimer"
    /// A municipality's choice to publish its figures.
    case purchasePublication = "/acheteurs/tableau-de-bord/publication"
    /// The public page of a municipality that publishes its figures.
    case publicPurchases = "/achats-responsables/:municipality"

    // « Économie sociale, J'achète! » (issue #17)
    case hub = "/jachete"
    case hubArticle = "/jachete/articles/:slug"
    /// The enterprises new to the directory, of a region or all of Quebec.
    case hubNewEnterprises = "/jachete/nouvelles-entreprises"
    /// An image uploaded for the articles (public once uploaded: articles show them).
    case hubImage = "/jachete/images/:id"
    /// Atom feeds (`?region=16` for one region's) and the trainings' iCalendar.
    case hubFeedArticles = "/jachete/articles.atom"
    case hubFeedTrainings = "/jachete/formations.atom"
    case hubFeedNewEnterprises = "/jachete/nouvelles-entreprises.atom"
    case hubCalendar = "/jachete/formations.ics"
    case hubTrainingCalendar = "/jachete/articles/:slug/calendrier.ics"
    /// A visitor registers to a training (no account).
    case hubRegister = "/jachete/articles/:slug/inscription"
    /// The registration e-mail's link: the cancellation page, then its form.
    case hubCancel = "/jachete/inscription/annulation"
    /// The digest: a visitor's subscription form, the e-mailed confirmation, the one-click stop.
    case hubDigest = "/jachete/infolettre"
    case hubDigestConfirm = "/jachete/infolettre/confirmation"
    case hubDigestUnsubscribe = "/jachete/infolettre/desabonnement"
    case articles = "/gestion/jachete"
    case newArticle = "/gestion/jachete/nouveau"
    case article = "/gestion/jachete/:id"
    /// Publish (now or at a time), archive or take back.
    case articleStatus = "/gestion/jachete/:id/statut"
    case articleImages = "/gestion/jachete/images"
    case articleRegistrations = "/gestion/jachete/:id/inscriptions.csv"

    // Public tenders from SEAO
    case tenders = "/appels-d-offres"
    case tender = "/appels-d-offres/:ocid"
    /// Administrators: SEAO files imported (and the upload form), buyers' municipalities.
    case tenderImports = "/gestion/seao"
    case tenderBuyer = "/gestion/seao/acheteurs/:id"
    /// The sectors of SEAO's categories and UNSPSC segments, for matching calls to enterprises.
    case tenderSectors = "/gestion/seao/secteurs"
    /// A representative's or hub editor's alerts of new SEAO calls, and their one-click unsubscribe.
    case accountTenderAlerts = "/compte/alertes-appels-d-offres"
    case tenderAlertsUnsubscribe = "/appels-d-offres/alertes/desabonnement"

    // Importing
    case imports = "/gestion/import"
    case importPreview = "/gestion/import/:id"
    case importErrors = "/gestion/import/:id/erreurs.csv"
    case importApply = "/gestion/import/:id/appliquer"
    case importRevert = "/gestion/import/lots/:batch/annuler"
    /// A background import job's page (its progress bar), and its state for the page's script.
    case importJob = "/gestion/import/travaux/:job"
    case importJobStatus = "/gestion/import/travaux/:job/etat"

    /// What a signed-in user needs to use the route; nil for routes open to visitors (some of
    /// which check more themselves, e.g. a confirmation link's token).
    var permission: Permission? {
        switch self {
        case .home, .search, .enterprise, .sector, .region, .about, .completeList, .searchCSV, .export, .exportFile, .searchPrint,
             .sitemap, .sitemapFile, .robots, .asset, .health,
             .leafletAsset, .leafletImage, .searchMap, .mapMarkers, .signIn, .signOut, .forgotPassword, .choosePassword, .confirmation,
             .callAnswer, .callUnsubscribe, .publicPurchases, .hub, .hubArticle, .hubNewEnterprises, .hubImage,
             .hubFeedArticles, .hubFeedTrainings, .hubFeedNewEnterprises, .hubCalendar, .hubTrainingCalendar,
             .hubRegister, .hubCancel, .hubDigest, .hubDigestConfirm, .hubDigestUnsubscribe, .tenders, .tender, .tenderAlertsUnsubscribe:
            nil
        case .account, .changePassword, .signOutEverywhere, .tokens, .revokeToken, .accountDigest, .accountTenderAlerts: .account
        case .users, .invitations: .inviteUsers
        case .user: .manageUsers
        case .audit, .outbox: .viewAudit
        case .newEnterprise, .archivedEnterprises, .editEnterprise, .resolveConflict, .history, .restoreRevision, .archiveEnterprise,
             .restoreEnterprise, .verifyEnterprise, .requestConfirmation, .toVerify, .toVerifyCSV:
            .editEnterprises
        case .proposals, .approveProposal, .rejectProposal: .reviewProposals
        case .myEnterprise, .myEnterpriseCalls: .proposeChanges
        case .imports, .importPreview, .importErrors, .importApply, .importRevert, .importJob, .importJobStatus: .importData
        case .buyers, .advisor: .buyerWorkspace
        case .purchaseLists, .purchaseListAdd, .purchaseList, .purchaseListUpdate, .purchaseListItem, .purchaseListExport: .keepPurchaseLists
        case .thresholds: .manageThresholds
        case .calls, .call, .callFile, .callExport: .followCallsForInterest
        case .newCall, .callUpdate, .callRecipients, .callAttachments, .callSend, .callClose: .sendCallsForInterest
        // Publishing: the service decides (a city's buyers, or a hub editor for an agglomeration).
        case .purchaseDashboard, .purchaseContracts, .purchaseContractsExport, .purchaseContract, .purchasePublication: .viewPurchaseRecord
        case .newPurchaseContract, .purchaseContractUpdate, .purchaseContractDelete,
             .purchaseImport, .purchaseImportPreview, .purchaseImportMapping, .purchaseImportApply, .purchaseImportRevert:
            .recordPurchases
        case .articles, .newArticle, .article, .articleStatus, .articleImages, .articleRegistrations: .writeArticles
        case .tenderImports, .tenderBuyer, .tenderSectors: .manageTenders
        }
    }

    /// Pages mirrored in English under `/en`.
    var hasEnglish: Bool {
        switch self {
        case .home, .search, .enterprise, .sector, .region, .about, .completeList, .searchPrint, .searchMap, .mapMarkers,
             .buyers, .advisor, .purchaseLists, .purchaseList, .calls, .newCall, .call, .callAnswer, .callUnsubscribe,
             .purchaseDashboard, .purchaseContracts, .newPurchaseContract, .purchaseContract, .publicPurchases,
             .hub, .hubArticle, .hubNewEnterprises, .hubFeedArticles, .hubFeedTrainings, .hubFeedNewEnterprises, .hubCancel,
             .hubDigest, .hubDigestConfirm, .hubDigestUnsubscribe, .tenders, .tender: true
        default: false
        }
    }

    /// The pattern's segments (`:id` for a parameter).
    var segments: [Substring] { rawValue.split(separator: "/") }

    /// The names of the pattern's parameters, in order.
    var parameterNames: [String] { segments.filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) } }

    /// Each route's segments, split once: every link of every page is printed through them.
    private static let parsed: [Route: (segments: [String], parameters: Int)] = Dictionary(uniqueKeysWithValues: allCases.map { route in
        let segments = route.segments.map(String.init)
        return (route, (segments, segments.filter { $0.hasPrefix(":") }.count))
    })

    /// The pattern as the router takes it, in French or under `/en`.
    func pattern(_ language: Language = .fr) -> String {
        guard language == .en else { return self == .home ? "/" : String(rawValue.dropFirst()) }
        return self == .home ? "en" : "en" + rawValue
    }

    /// The path of this route with its parameters filled in order (each percent-encoded).
    func path(_ parameters: String..., language: Language = .fr) -> String {
        path(parameters, language: language)
    }

    func path(_ parameters: [String], language: Language = .fr) -> String {
        let (segments, count) = Self.parsed[self] ?? ([], 0)
        precondition(parameters.count == count, "\(self) takes \(count) parameter(s)")
        var values = parameters.makeIterator()
        var french = ""
        for segment in segments {
            french += "/"
            french += segment.hasPrefix(":") ? Self.escape(values.next() ?? "") : segment
        }
        if french.isEmpty { french = "/" }
        guard language == .en, hasEnglish else { return french }
        return self == .home ? "/en/" : "/en" + french
    }

    /// The route a path leads to, with its parameters (decoded); nil when none does. Literal
    /// segments win over parameters, as in the router (`/gestion/import/lots/…` is not a preview).
    static func match(_ path: String) -> (route: Route, parameters: [String])? {
        let requested = path.split(separator: "/", omittingEmptySubsequences: true)
        let candidates = allCases.compactMap { route -> (Route, [String], Int)? in
            let pattern = route.segments
            guard pattern.count == requested.count else { return nil }
            var parameters: [String] = []
            var literals = 0
            for (expected, actual) in zip(pattern, requested) {
                if expected.hasPrefix(":") {
                    parameters.append(String(actual).removingPercentEncoding ?? String(actual))
                } else if expected == actual {
                    literals += 1
                } else {
                    return nil
                }
            }
            return (route, parameters, literals)
        }
        return candidates.max { $0.2 < $1.2 }.map { ($0.0, $0.1) }
    }

    /// Path parameters are percent-encoded except what is safe in a segment.
    static func escape(_ text: String) -> String {
        // Slugs, ids and file names (nearly every parameter) need no encoding.
        if text.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39)
            || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F }) { return text }
        return text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "?", "#", ";"])) ?? text
    }
}

extension Router where Context == AppRequestContext {
    /// Registers a route open to visitors, in French or under `/en`.
    @discardableResult
    func get(_ route: Route, _ language: Language = .fr,
             use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator) -> Self {
        precondition(route.permission == nil, "\(route) needs a permission: register it through GuardedRoutes")
        precondition(language == .fr || route.hasEnglish, "\(route) has no English page")
        return on(RouterPath(route.pattern(language)), method: .get, use: handler)
    }

    @discardableResult
    func post(_ route: Route, use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator) -> Self {
        precondition(route.permission == nil, "\(route) needs a permission: register it through GuardedRoutes")
        return on(RouterPath(route.pattern()), method: .post, use: handler)
    }
}
