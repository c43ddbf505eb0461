import Foundation
import HummingbirdBcrypt
import Logging
import NIOPosix
import SQLKit

/// Sign-in, sessions, invitations, passwords and API tokens. Every change is written with its
/// audit entry (and its email, if any) in one transaction.
public struct AccountService: Sendable {
    public let database: Database
    let mail: any MailQueue
    let baseURL: String
    let bcryptCost: UInt8
    var throttle = SignInThrottle()
    /// Checked against when the email is unknown, so that a refusal takes as long either way.
    private let decoyHash: String

    public init(database: Database, mail: any MailQueue, baseURL: String, bcryptCost: Int) {
        self.database = database
        self.mail = mail
        self.baseURL = baseURL
        self.bcryptCost = UInt8(clamping: bcryptCost)
        decoyHash = Bcrypt.hash(SecretToken.generate(), cost: UInt8(clamping: bcryptCost))
    }

    var sessions: SessionStore { SessionStore(database: database) }
    var tokens: APITokenStore { APITokenStore(database: database) }
    var accountStore: AccountStore { AccountStore(database: database) }

    // MARK: Signing in and out

    public enum SignInResult: Sendable {
        case signedIn(Identity, cookieValue: String)
        /// Wrong email or password; the message never says which.
        case refused
        case throttled(seconds: Int)
    }

    /// Signs in; `replacing` is the session this browser had, ended on the server once the new
    /// one opens (signing in as someone else never leaves the previous session alive).
    public func signIn(email: String, password: String, client: String, replacing: String? = nil, now: Date = Date()) async throws -> SignInResult {
        let keys = SignInThrottle.keys(email: email, client: client)
        let throttle = self.throttle
        let dialect = database.dialect
        // The attempt is counted before the password is checked, so concurrent attempts cannot
        // all pass the limit while the first ones are being evaluated.
        let admission = try await database.transaction { sql in
            let admission = try await throttle.admit(keys, now: now, dialect: dialect, on: sql)
            if case .wait = admission {
                try await AuditLog.record(.signInThrottled, actor: nil, target: AccountStore.normalizedEmail(email), client: client, now: now, on: sql)
            }
            return admission
        }
        let attempt: SignInThrottle.Attempt
        switch admission {
        case .wait(let wait): return .throttled(seconds: max(1, Int(wait.rounded(.up))))
        case .admitted(let admitted): attempt = admitted
        }
        let found = try await database.read { sql in try await AccountStore.credentials(email: email, on: sql) }
        let hash = found?.hash ?? decoyHash
        let matches = try await Self.verify(password, hash: hash)
        guard let found, found.hash != nil, matches, found.user.isActive else {
            try await database.transaction { sql in
                try await AuditLog.record(.signInFailed, actor: found?.user, target: AccountStore.normalizedEmail(email), client: client, now: now, on: sql)
            }
            return .refused
        }
        let user = found.user
        let opened = try await database.transaction { sql in
            try await throttle.release(attempt, on: sql)
            if let replacing { try await SessionStore.close(idHash: replacing, on: sql) }
            try await AccountStore.recordSignIn(userID: user.id, now: now, on: sql)
            try await AuditLog.record(.signIn, actor: user, target: user.email, client: client, now: now, on: sql)
            return try await SessionStore.open(userID: user.id, client: client, now: now, on: sql)
        }
        return .signedIn(Identity(user: user, credential: .session(id: opened.idHash, csrfToken: opened.csrfToken)), cookieValue: opened.cookieValue)
    }

    public func signOut(_ identity: Identity, client: String) async throws {
        guard let id = identity.sessionID else { return }
        try await database.transaction { sql in
            try await SessionStore.close(idHash: id, on: sql)
            try await AuditLog.record(.signOut, actor: identity.user, target: identity.user.email, client: client, on: sql)
        }
    }

    /// Ends every session of the user, this one included.
    public func signOutEverywhere(_ identity: Identity, client: String) async throws {
        try await database.transaction { sql in
            try await SessionStore.closeAll(userID: identity.user.id, on: sql)
            try await AuditLog.record(.signOutEverywhere, actor: identity.user, target: identity.user.email, client: client, on: sql)
        }
    }

    // MARK: Invitations

    public struct Invitation: Sendable {
        public var email: String
        public var name: String
        public var roles: Set<Role>
        public var regions: Set<String> = []
        public var municipalityCode: String?
        public var enterpriseID: String?

        public init(email: String, name: String, roles: Set<Role>, regions: Set<String> = [], municipalityCode: String? = nil, enterpriseID: String? = nil) {
            self.email = email
            self.name = name
            self.roles = roles
            self.regions = regions
            self.municipalityCode = municipalityCode
            self.enterpriseID = enterpriseID
        }
    }

    /// Creates the account (without a password) and queues the invitation email with a
    /// single-use link. Inviting someone whose invitation is still pending sends a new link.
    /// `enterpriseRegion` and `municipalityRegion` tell where a representative's enterprise and a
    /// buyer's municipality are, to check a hub editor's reach.
    @discardableResult
    public func invite(_ invitation: Invitation, by actor: User?, actorLabel: String? = nil, municipalityRegion: String?, enterpriseRegion: String?,
                       client: String, now: Date = Date()) async throws -> (user: User, link: String) {
        let email = AccountStore.normalizedEmail(invitation.email)
        if case .failure(let issue) = ContactRules.email(invitation.email, field: "email") { throw AccountError(issue.message, field: "email") }
        guard let name = TextRules.personName(invitation.name) else {
            throw AccountError("Le nom contient des caractères de contrôle invisibles : retapez-le.", field: "name")
        }
        guard !name.isEmpty, name.count <= 120 else { throw AccountError("Indiquez le nom de la personne (120 caractères au plus).", field: "name") }
        guard !invitation.roles.isEmpty else { throw AccountError("Choisissez au moins un rôle.", field: "roles") }
        try Self.checkAttachments(invitation.roles, regions: invitation.regions, municipality: invitation.municipalityCode, enterprise: invitation.enterpriseID)
        if let actor { try Self.checkReach(actor, roles: invitation.roles, regions: invitation.regions, municipalityRegion: municipalityRegion, enterpriseRegion: enterpriseRegion) }
        let mail = self.mail
        let baseURL = self.baseURL
        return try await database.transaction { sql in
            try await Self.checkAttachmentsExist(municipality: invitation.municipalityCode, enterprise: invitation.enterpriseID, on: sql)
            var user: User
            if let existing = try await AccountStore.user(email: email, on: sql) {
                guard !existing.hasPassword else {
                    throw AccountError("Un compte existe déjà pour \(email) ; modifiez ses rôles dans la liste des utilisateurs.", field: "email")
                }
                // Re-inviting rewrites the account: only someone who could manage it as it stands may.
                if let actor, !actor.roles.contains(.admin) {
                    let attached = try await AccountStore.attachmentRegions(of: existing, on: sql)
                    let reachable = existing.roles.isSubset(of: [.buyer, .representative]) && existing.regions.isEmpty
                        && (!existing.roles.contains(.buyer) || attached.municipality.map(actor.regions.contains) == true)
                        && (!existing.roles.contains(.representative) || attached.enterprise.map(actor.regions.contains) == true)
                    guard reachable else {
                        throw AccountError("Un compte en attente existe déjà pour \(email) hors de vos régions : seul un administrateur peut inviter de nouveau cette personne.", field: "email")
                    }
                }
                user = existing
                user.name = name
                user.roles = invitation.roles
                user.regions = invitation.regions
                user.municipalityCode = invitation.municipalityCode
                user.enterpriseID = invitation.enterpriseID
                user.isActive = true
                try await AccountStore.update(user, now: now, on: sql)
            } else {
                user = User(id: UUID().uuidString.lowercased(), email: email, name: name, roles: invitation.roles, regions: invitation.regions,
                            municipalityCode: invitation.municipalityCode, enterpriseID: invitation.enterpriseID, createdAt: Timestamp.stored(now))
                try await AccountStore.insert(user, now: now, on: sql)
            }
            let secret = try await OneTimeTokenStore.issue(.invitation, userID: user.id, enterpriseID: nil, createdBy: actor?.id ?? "cli", now: now, on: sql)
            let link = baseURL + "/mot-de-passe?jeton=" + secret
            let inviter = actor?.name ?? actorLabel ?? "L'équipe Répertoire"
            try await mail.enqueue(MailDraft(to: email, subject: "Invitation à Répertoire / Invitation to Répertoire", body: """
                Bonjour \(name),

                \(inviter) vous invite à rejoindre Répertoire, le répertoire des entreprises d'économie sociale du Québec, à titre de : \(user.roleNames).

                Pour activer votre compte, choisissez votre mot de passe en ouvrant ce lien (valide 7 jours, utilisable une seule fois) :
                \(link)

                Si vous n'attendiez pas cette invitation, ignorez ce message : aucun compte ne sera activé.

                ---
                You have been invited to Répertoire. Open the link above within 7 days to choose your password.
                """, kind: "invitation"), now: now, on: sql)
            try await AuditLog.record(.invitation, actor: actor, target: email, detail: "rôles : \(user.roleNames)" + (user.regions.isEmpty ? "" : " ; régions : \(user.regions.sorted().joined(separator: ", "))"),
                                      client: client, now: now, on: sql)
            return (user, link)
        }
    }

    /// A buyer needs a municipality, a representative an enterprise, a hub editor regions.
    /// Regions, a municipality or an enterprise given to a role that has none are refused, not
    /// stored: they would grant nothing today and something unexpected after a role change.
    static func checkAttachments(_ roles: Set<Role>, regions: Set<String>, municipality: String?, enterprise: String?) throws {
        if roles.contains(.hubEditor), regions.isEmpty { throw AccountError("Un éditeur de pôle régional doit avoir au moins une région.", field: "regions") }
        if !roles.contains(.hubEditor), !regions.isEmpty {
            throw AccountError("Les régions ne s'appliquent qu'aux éditeurs de pôle régional : retirez-les ou choisissez ce rôle.", field: "regions")
        }
        if !roles.contains(.buyer), municipality != nil {
            throw AccountError("La municipalité ne s'applique qu'aux acheteurs : retirez-la ou choisissez ce rôle.", field: "municipality")
        }
        if !roles.contains(.representative), enterprise != nil {
            throw AccountError("L'entreprise ne s'applique qu'aux représentants d'entreprise : retirez-la ou choisissez ce rôle.", field: "enterprise")
        }
        if let bad = regions.first(where: { Region.find($0) == nil }) { throw AccountError("La région « \(bad) » n'existe pas.", field: "regions") }
        if roles.contains(.buyer), municipality == nil { throw AccountError("Un acheteur doit être rattaché à une municipalité.", field: "municipality") }
        if roles.contains(.representative), enterprise == nil { throw AccountError("Un représentant doit être rattaché à une entreprise.", field: "enterprise") }
    }

    /// The municipality and enterprise a user is attached to must exist (the database's keys
    /// would refuse them anyway, with a less helpful message).
    static func checkAttachmentsExist(municipality: String?, enterprise: String?, on sql: any SQLDatabase) async throws {
        switch try await AccountStore.missingAttachment(municipality: municipality, enterprise: enterprise, on: sql) {
        case .municipality?:
            throw AccountError("Aucune municipalité n'a le code « \(municipality ?? "") » (importez d'abord la liste des municipalités).", field: "municipality")
        case .enterprise?:
            throw AccountError("Cette entreprise n'existe pas.", field: "enterprise")
        case nil:
            return
        }
    }

    /// Hub editors invite only buyers and representatives of their own regions.
    static func checkReach(_ actor: User, roles: Set<Role>, regions: Set<String>, municipalityRegion: String?, enterpriseRegion: String?) throws {
        guard !actor.roles.contains(.admin) else { return }
        guard actor.has(.inviteUsers) else { throw AccountError("Vous ne pouvez pas inviter de nouveaux utilisateurs.") }
        guard roles.isSubset(of: [.buyer, .representative]) else {
            throw AccountError("Un éditeur de pôle peut inviter des acheteurs et des représentants d'entreprise seulement.", field: "roles")
        }
        if roles.contains(.buyer), !(municipalityRegion.map(actor.regions.contains) ?? false) {
            throw AccountError("Cette municipalité n'est pas dans vos régions.", field: "municipality")
        }
        if roles.contains(.representative), !(enterpriseRegion.map(actor.regions.contains) ?? false) {
            throw AccountError("Cette entreprise n'est pas dans vos régions.", field: "enterprise")
        }
    }

    // MARK: Passwords

    public enum LinkState: Sendable, Equatable {
        case valid(purpose: String, email: String, name: String)
        case expired
        case used
        case unknown
    }

    /// What a set-password link leads to, without using it.
    public func linkState(_ secret: String, now: Date = Date()) async throws -> LinkState {
        try await database.read { sql in
            guard let token = try await OneTimeTokenStore.find(secret, on: sql), token.purpose != .confirmation,
                  let userID = token.userID, let user = try await AccountStore.user(id: userID, on: sql) else { return .unknown }
            if token.usedAt != nil { return .used }
            if token.expiresAt <= now { return .expired }
            return .valid(purpose: token.purpose.rawValue, email: user.email, name: user.name)
        }
    }

    /// Sets the password through an invitation or reset link, ends the user's other sessions and
    /// signs them in.
    public func choosePassword(secret: String, password: String, confirmation: String, client: String, replacing: String? = nil,
                               now: Date = Date()) async throws -> (Identity, cookieValue: String) {
        let state = try await linkState(secret, now: now)
        switch state {
        case .unknown: throw AccountError("Ce lien n'est pas valide. Demandez un nouveau lien.")
        case .used: throw AccountError("Ce lien a déjà été utilisé. Connectez-vous, ou demandez un nouveau lien.")
        case .expired: throw AccountError("Ce lien a expiré. Demandez un nouveau lien.")
        case .valid(_, let email, _):
            if let problem = PasswordRules.problem(password, confirmation: confirmation, email: email) { throw AccountError(problem, field: "password") }
        }
        let hash = try await Self.hash(password, cost: bcryptCost)
        return try await database.transaction { sql in
            guard let token = try await OneTimeTokenStore.consume(secret, purposes: [.invitation, .passwordReset], now: now, on: sql),
                  let userID = token.userID, var user = try await AccountStore.user(id: userID, on: sql) else {
                throw AccountError("Ce lien a déjà été utilisé ou a expiré. Connectez-vous, ou demandez un nouveau lien.")
            }
            try await AccountStore.setPassword(userID: userID, hash: hash, now: now, on: sql)
            // Links issued before this password stop working, and so do the user's sessions and
            // the one this browser had, whoever it belonged to.
            try await OneTimeTokenStore.retireAll([.invitation, .passwordReset], userID: userID, now: now, on: sql)
            try await SessionStore.closeAll(userID: userID, on: sql)
            if let replacing { try await SessionStore.close(idHash: replacing, on: sql) }
            try await AccountStore.recordSignIn(userID: userID, now: now, on: sql)
            user.hasPassword = true
            try await AuditLog.record(.passwordSet, actor: user, target: user.email, detail: token.purpose == .invitation ? "invitation acceptée" : "réinitialisation",
                                      client: client, now: now, on: sql)
            let opened = try await SessionStore.open(userID: userID, client: client, now: now, on: sql)
            return (Identity(user: user, credential: .session(id: opened.idHash, csrfToken: opened.csrfToken)), opened.cookieValue)
        }
    }

    /// Queues a reset link when the address belongs to an active account. The caller answers the
    /// same thing either way. Requests per address are limited like sign-ins.
    public func requestPasswordReset(email: String, client: String, now: Date = Date()) async throws {
        // Counted apart from sign-ins: requesting links never blocks a correct password.
        let keys = SignInThrottle.keys(email: email, client: client, kind: .passwordReset)
        let throttle = self.throttle
        let dialect = database.dialect
        let mail = self.mail
        let baseURL = self.baseURL
        try await database.transaction { sql in
            guard case .admitted = try await throttle.admit(keys, now: now, dialect: dialect, on: sql) else { return }
            guard ContactRules.looksLikeEmail(AccountStore.normalizedEmail(email)),
                  let user = try await AccountStore.user(email: email, on: sql), user.isActive else { return }
            let secret = try await OneTimeTokenStore.issue(.passwordReset, userID: user.id, enterpriseID: nil, createdBy: user.id, now: now, on: sql)
            let link = baseURL + "/mot-de-passe?jeton=" + secret
            try await mail.enqueue(MailDraft(to: user.email, subject: "Réinitialisation de votre mot de passe Répertoire / Password reset", body: """
                Bonjour \(user.name),

                Une réinitialisation du mot de passe de votre compte Répertoire a été demandée. Pour choisir un nouveau mot de passe, ouvrez ce lien (valide une heure, utilisable une seule fois) :
                \(link)

                Si vous n'avez rien demandé, ignorez ce message : votre mot de passe actuel reste valide.

                ---
                A password reset was requested for your Répertoire account. Open the link above within one hour to choose a new password.
                """, kind: "password-reset"), now: now, on: sql)
            try await AuditLog.record(.passwordResetRequested, actor: user, target: user.email, client: client, now: now, on: sql)
        }
    }

    /// Changes the password of a signed-in user who knows the current one; other sessions end.
    public func changePassword(_ identity: Identity, current: String, new: String, confirmation: String, client: String, now: Date = Date()) async throws {
        let user = identity.user
        guard let stored = try await database.read({ sql in try await AccountStore.passwordHash(userID: user.id, on: sql) }),
              try await Self.verify(current, hash: stored) else {
            throw AccountError("Le mot de passe actuel n'est pas le bon.", field: "current")
        }
        if let problem = PasswordRules.problem(new, confirmation: confirmation, email: user.email) { throw AccountError(problem, field: "password") }
        let hash = try await Self.hash(new, cost: bcryptCost)
        try await database.transaction { sql in
            try await AccountStore.setPassword(userID: user.id, hash: hash, now: now, on: sql)
            try await OneTimeTokenStore.retireAll([.passwordReset], userID: user.id, now: now, on: sql)
            try await SessionStore.closeAll(userID: user.id, except: identity.sessionID, on: sql)
            try await AuditLog.record(.passwordChanged, actor: user, target: user.email, client: client, now: now, on: sql)
        }
    }

    // MARK: Administration

    /// Changes a user's roles, regions, attachments or access (administrators only). Deactivating
    /// ends the user's sessions; their API tokens stop working while they are inactive.
    public func update(_ changed: User, by actor: User, client: String, now: Date = Date()) async throws {
        guard actor.has(.manageUsers) else { throw AccountError("Seul un administrateur peut modifier un utilisateur.") }
        guard let name = TextRules.personName(changed.name), name.count <= 120 else {
            throw AccountError("Le nom contient des caractères de contrôle invisibles ou dépasse 120 caractères : retapez-le.", field: "name")
        }
        var cleaned = changed
        cleaned.name = name
        let changed = cleaned
        try Self.checkAttachments(changed.roles, regions: changed.regions, municipality: changed.municipalityCode, enterprise: changed.enterpriseID)
        if changed.id == actor.id, !changed.roles.contains(.admin) || !changed.isActive {
            throw AccountError("Vous ne pouvez pas retirer votre propre rôle d'administrateur ni désactiver votre propre compte.", field: "roles")
        }
        try await database.transaction { sql in
            guard let before = try await AccountStore.user(id: changed.id, on: sql) else { throw AccountError("Cet utilisateur n'existe pas.") }
            try await Self.checkAttachmentsExist(municipality: changed.municipalityCode, enterprise: changed.enterpriseID, on: sql)
            try await AccountStore.update(changed, now: now, on: sql)
            if !changed.isActive { try await SessionStore.closeAll(userID: changed.id, on: sql) }
            var detail: [String] = []
            if before.roles != changed.roles { detail.append("rôles : \(before.roleNames.isEmpty ? "aucun" : before.roleNames) → \(changed.roleNames.isEmpty ? "aucun" : changed.roleNames)") }
            if before.regions != changed.regions { detail.append("régions : \(before.regions.sorted().joined(separator: ", ")) → \(changed.regions.sorted().joined(separator: ", "))") }
            if before.isActive != changed.isActive { detail.append(changed.isActive ? "réactivé" : "désactivé") }
            if before.municipalityCode != changed.municipalityCode { detail.append("municipalité : \(before.municipalityCode ?? "—") → \(changed.municipalityCode ?? "—")") }
            if before.enterpriseID != changed.enterpriseID { detail.append("entreprise : \(before.enterpriseID ?? "—") → \(changed.enterpriseID ?? "—")") }
            if before.name != changed.name { detail.append("nom : \(before.name) → \(changed.name)") }
            try await AuditLog.record(.userChanged, actor: actor, target: changed.email, detail: detail.joined(separator: " ; "), client: client, now: now, on: sql)
        }
    }

    // MARK: API tokens

    public func createToken(_ identity: Identity, name: String, client: String, now: Date = Date()) async throws -> (token: APIToken, secret: String) {
        guard let name = TextRules.personName(name) else {
            throw AccountError("Le nom du jeton contient des caractères de contrôle invisibles : retapez-le.", field: "name")
        }
        guard !name.isEmpty, name.count <= 80 else { throw AccountError("Donnez un nom au jeton (80 caractères au plus), par exemple « Tableur de la Ville ».", field: "name") }
        return try await database.transaction { sql in
            let created = try await APITokenStore.create(userID: identity.user.id, name: name, now: now, on: sql)
            try await AuditLog.record(.tokenCreated, actor: identity.user, target: name, detail: created.token.hint + "…", client: client, now: now, on: sql)
            return created
        }
    }

    public func revokeToken(_ identity: Identity, id: String, client: String, now: Date = Date()) async throws {
        try await database.transaction { sql in
            guard try await APITokenStore.revoke(id: id, userID: identity.user.id, now: now, on: sql) else {
                throw AccountError("Ce jeton n'existe pas ou a déjà été révoqué.")
            }
            try await AuditLog.record(.tokenRevoked, actor: identity.user, target: id, client: client, now: now, on: sql)
        }
    }

    // MARK: bcrypt, off the event loops

    static func hash(_ password: String, cost: UInt8) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
