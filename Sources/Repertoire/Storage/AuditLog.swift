import Foundation
import SQLKit

/// One line of the audit log.
public struct AuditEntry: Sendable, Equatable {
    public var seq: Int64
    public var at: Date
    public var actorID: String?
    public var actor: String
    public var action: String
    public var target: String
    public var detail: String
    public var client: String
}

/// What happened, who did it and from where: sign-ins, role changes, edits, exports of personal
/// data. Written in the same transaction as the change it records; never holds a password or a
/// secret link.
public struct AuditLog: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    enum Action: String, CaseIterable, Sendable {
        case signIn = "sign-in"
        case signInFailed = "sign-in-failed"
        case signInThrottled = "sign-in-throttled"
        case signOut = "sign-out"
        case signOutEverywhere = "sign-out-everywhere"
        case invitation
        case passwordSet = "password-set"
        case passwordResetRequested = "password-reset-requested"
        case passwordChanged = "password-changed"
        case userChanged = "user-changed"
        case tokenCreated = "token-created"
        case tokenRevoked = "token-revoked"
        case enterpriseCreated = "enterprise-created"
        case enterpriseUpdated = "enterprise-updated"
        case enterpriseArchived = "enterprise-archived"
        case enterpriseRestored = "enterprise-restored"
        case enterpriseVerified = "enterprise-verified"
        case revisionRestored = "revision-restored"
        case proposalSubmitted = "proposal-submitted"
        case proposalDecided = "proposal-decided"
        case confirmationRequested = "confirmation-requested"
        case importApplied = "import-applied"
        case importReverted = "import-reverted"
        case personalDataExport = "personal-data-export"
        case thresholdAdded = "threshold-added"
        case callCreated = "call-created"
        case callUpdated = "call-updated"
        case callSent = "call-sent"
        case callClosed = "call-closed"
        case callCancelled = "call-cancelled"
        case callAnswered = "call-answered"
        case callOptOut = "call-opt-out"
        case callOptIn = "call-opt-in"
        case contractRecorded = "contract-recorded"
        case contractUpdated = "contract-updated"
        case contractDeleted = "contract-deleted"
        case publicationChanged = "purchase-publication-changed"
        case contractsImported = "contracts-imported"
        case contractsImportReverted = "contracts-import-reverted"
        case articleCreated = "article-created"
        case articleUpdated = "article-updated"
        case articlePublished = "article-published"
        case articleArchived = "article-archived"
        case articleImageUploaded = "article-image-uploaded"

        var label: String {
            switch self {
            case .signIn: "Connexion"
            case .signInFailed: "Connexion refusée"
            case .signInThrottled: "Connexion bloquée (trop de tentatives)"
            case .signOut: "Déconnexion"
            case .signOutEverywhere: "Déconnexion de toutes les sessions"
            case .invitation: "Invitation"
            case .passwordSet: "Mot de passe choisi"
            case .passwordResetRequested: "Réinitialisation demandée"
            case .passwordChanged: "Mot de passe changé"
            case .userChanged: "Utilisateur modifié"
            case .tokenCreated: "Jeton d'API créé"
            case .tokenRevoked: "Jeton d'API révoqué"
            case .enterpriseCreated: "Entreprise créée"
            case .enterpriseUpdated: "Entreprise modifiée"
            case .enterpriseArchived: "Entreprise archivée"
            case .enterpriseRestored: "Entreprise restaurée"
            case .enterpriseVerified: "Entreprise vérifiée"
            case .revisionRestored: "Révision restaurée"
            case .proposalSubmitted: "Proposition soumise"
            case .proposalDecided: "Proposition traitée"
            case .confirmationRequested: "Confirmation demandée"
            case .importApplied: "Import appliqué"
            case .importReverted: "Import annulé"
            case .personalDataExport: "Exportation de données personnelles"
            case .thresholdAdded: "Seuil de contrat ajouté"
            case .callCreated: "Appel d'intérêt créé"
            case .callUpdated: "Appel d'intérêt modifié"
            case .callSent: "Appel d'intérêt envoyé"
            case .callClosed: "Appel d'intérêt fermé"
            case .callCancelled: "Appel d'intérêt annulé"
            case .callAnswered: "Réponse à un appel d'intérêt"
            case .callOptOut: "Désabonnement des appels d'intérêt"
            case .callOptIn: "Réabonnement aux appels d'intérêt"
            case .contractRecorded: "Contrat inscrit au registre d'achats"
            case .contractUpdated: "Contrat du registre modifié"
            case .contractDeleted: "Contrat du registre supprimé"
            case .publicationChanged: "Publication du tableau de bord modifiée"
            case .contractsImported: "Contrats importés au registre"
            case .contractsImportReverted: "Import de contrats annulé"
            case .articleCreated: "Article J'achète créé"
            case .articleUpdated: "Article J'achète modifié"
            case .articlePublished: "Article J'achète publié ou programmé"
            case .articleArchived: "Article J'achète archivé"
            case .articleImageUploaded: "Image d'article téléversée"
            }
        }
    }

    /// Appends an entry inside the caller's transaction.
    static func record(_ action: Action, actor: User?, target: String, detail: String = "", client: String, now: Date = Date(), on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "audit_log").columns("at", "actor_id", "actor", "action", "target", "detail", "client")
            .values(SQLBind(Timestamp.string(from: now)), SQLBind(actor?.id), SQLBind(actor?.label ?? "anonyme"), SQLBind(action.rawValue),
                    SQLBind(String(target.prefix(500))), SQLBind(String(detail.prefix(2000))), SQLBind(String(client.prefix(200))))
            .run()
    }

    /// Appends an entry in its own transaction.
    func record(_ action: Action, actor: User?, target: String, detail: String = "", client: String) async throws {
        try await database.transaction { sql in try await Self.record(action, actor: actor, target: target, detail: detail, client: client, on: sql) }
    }

    /// The newest entries first, before `seq` when given, optionally of one action.
    public func entries(before seq: Int64? = nil, action: String? = nil, limit: Int = 100) async throws -> [AuditEntry] {
        try await database.read { sql in
            var query = sql.select().columns("seq", "at", "actor_id", "actor", "action", "target", "detail", "client").from("audit_log")
            if let seq { query = query.where("seq", .lessThan, SQLBind(seq)) }
            if let action { query = query.where("action", .equal, SQLBind(action)) }
            return try await query.orderBy("seq", .descending).limit(limit).all().map { row in
                AuditEntry(seq: try row.decode(column: "seq", as: Int64.self),
                           at: Timestamp.date(from: try row.decode(column: "at", as: String.self)) ?? .distantPast,
                           actorID: try row.decode(column: "actor_id", as: String?.self), actor: try row.decode(column: "actor", as: String.self),
                           action: try row.decode(column: "action", as: String.self), target: try row.decode(column: "target", as: String.self),
                           detail: try row.decode(column: "detail", as: String.self), client: try row.decode(column: "client", as: String.self))
            }
        }
    }
}
