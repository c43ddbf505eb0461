/// What a route requires. Each permission lists the roles that hold it: together with the route
/// registrations (see ``AccessTable``) this is the whole authorization matrix of the app.
public enum Permission: String, Sendable, CaseIterable {
    /// Any signed-in user: their own account, sessions and API tokens.
    case account
    /// The managers' names, direct emails and phones (Loi 25).
    case viewPersonalData
    /// Create, edit, verify, archive and restore enterprises (hub editors: of their regions).
    case editEnterprises
    /// Propose changes to one's own enterprise.
    case proposeChanges
    /// Approve or reject proposed changes (hub editors: of their regions).
    case reviewProposals
    /// Invite people (hub editors: buyers and representatives of their regions).
    case inviteUsers
    /// Change anyone's roles, regions and access.
    case manageUsers
    /// Read the audit log and the outbox.
    case viewAudit
    /// Import lists of enterprises (hub editors: into their regions).
    case importData
    /// The buyers' tab and the procurement advisor.
    case buyerWorkspace
    /// Purchase lists: a buyer's own, and those shared within their municipality.
    case keepPurchaseLists
    /// Add the next dated amount of a procurement rule.
    case manageThresholds
    /// Write calls for interest and send them to enterprises (buyers, for their municipality).
    case sendCallsForInterest
    /// Follow calls for interest: buyers their municipality's, hub editors those delivered in
    /// their regions (without the answers' documents), administrators all.
    case followCallsForInterest
    /// Record the contracts awarded to social-economy enterprises (buyers, for their
    /// municipality; administrators, for any).
    case recordPurchases
    /// The purchasing record and its dashboards: buyers their municipality's, hub editors their
    /// regions', administrators all of Quebec.
    case viewPurchaseRecord
    /// Write the J'achète hub's articles (hub editors: for their regions; administrators: any,
    /// and for all of Quebec).
    case writeArticles
    /// Import SEAO's files and say which municipality a buyer is (administrators).
    case manageTenders

    /// The roles that hold this permission.
    public var roles: Set<Role> {
        switch self {
        case .account: Set(Role.allCases)
        case .viewPersonalData: [.admin, .hubEditor, .buyer]
        case .editEnterprises, .reviewProposals, .inviteUsers, .importData: [.admin, .hubEditor]
        case .proposeChanges: [.representative]
        case .manageUsers, .viewAudit, .manageThresholds, .manageTenders: [.admin]
        case .buyerWorkspace: [.admin, .hubEditor, .buyer]
        case .keepPurchaseLists, .sendCallsForInterest: [.buyer]
        case .followCallsForInterest: [.admin, .hubEditor, .buyer]
        case .recordPurchases: [.admin, .buyer]
        case .viewPurchaseRecord: [.admin, .hubEditor, .buyer]
        case .writeArticles: [.admin, .hubEditor]
        }
    }

    public var label: String {
        switch self {
        case .account: "compte personnel"
        case .viewPersonalData: "coordonnées des gestionnaires"
        case .editEnterprises: "modification des entreprises"
        case .proposeChanges: "propositions de modification"
        case .reviewProposals: "approbation des propositions"
        case .inviteUsers: "invitations"
        case .manageUsers: "gestion des utilisateurs"
        case .viewAudit: "journal d'audit"
        case .importData: "importation"
        case .buyerWorkspace: "espace acheteurs"
        case .keepPurchaseLists: "listes d'achat"
        case .manageThresholds: "seuils des contrats"
        case .sendCallsForInterest: "envoi d'appels d'intérêt"
        case .followCallsForInterest: "suivi des appels d'intérêt"
        case .recordPurchases: "registre des achats responsables"
        case .viewPurchaseRecord: "tableaux de bord des achats"
        case .writeArticles: "articles J'achète"
        case .manageTenders: "appels d'offres du SEAO"
        }
    }
}
