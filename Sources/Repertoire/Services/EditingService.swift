import Foundation

/// Keeping the directory's records right: creating, correcting, verifying, archiving and
/// restoring enterprises, restoring past versions, and the proposals that representatives make.
/// The HTML pages and the JSON API call the same methods; each checks the user's reach over the
/// record as it is and as it would be, validates, and writes the record with its revision and
/// audit entry in one transaction.
struct EditingService: Sendable {
    let directory: DirectoryService
    let revisions: RevisionLog
    let proposals: ProposalStore
    let mail: any MailQueue

    init(directory: DirectoryService, mail: any MailQueue) {
        self.directory = directory
        revisions = RevisionLog(database: directory.enterprises.database)
        proposals = ProposalStore(database: directory.enterprises.database)
        self.mail = mail
    }

    var database: Database { directory.enterprises.database }

    /// Who asks, from where, and through which door (for the audit log).
    struct Actor: Sendable {
        var user: User
        var client: String
        /// `API` for the JSON API; nil for the web pages.
        var channel: String? = nil

        var author: Author { Author(user) }

        func detail(_ text: String) -> String {
            guard let channel else { return text }
            return text.isEmpty ? channel : "\(channel) ; \(text)"
        }
    }

    // MARK: Reach

    /// The region an enterprise belongs to: its own, or its municipality's.
    func region(of profile: EnterpriseProfile) -> String? {
        profile.regionCode ?? profile.municipalityCode.flatMap { directory.municipality(code: $0)?.regionCode }
    }

    func mayEdit(_ user: User, _ profile: EnterpriseProfile) -> Bool {
        user.mayEdit(regionCode: region(of: profile))
    }

    /// Refuses a record outside the user's regions; `resulting` when it is the state a write
    /// would leave.
    func requireReach(_ user: User, _ profile: EnterpriseProfile, resulting: Bool = false) throws(Refusal) {
        guard mayEdit(user, profile) else { throw Refusal.outOfReach(region(of: profile), resulting: resulting) }
    }

    /// The enterprise (archived ones included), if the user's regions reach it.
    func reachable(_ idOrSlug: String, by user: User) async throws -> Enterprise {
        guard let enterprise = try await directory.enterprises.find(idOrSlug) else {
            throw Refusal.notFound("L'entreprise « \(idOrSlug) »", english: "Enterprise \(idOrSlug)")
        }
        try requireReach(user, enterprise.profile)
        return enterprise
    }

    // MARK: Validation

    /// The profile validated by the domain's rules, with its warnings; or every problem at once:
    /// those found reading the input (a malformed number, say) and the domain's.
    func checked(_ profile: EnterpriseProfile, inputIssues: [FieldIssue] = []) throws(ValidationFailure) -> (EnterpriseProfile, [FieldIssue]) {
        let result: (EnterpriseProfile, warnings: [FieldIssue])
        do throws(ValidationFailure) {
            result = try profile.validated(using: directory.catalog)
        } catch {
            throw ValidationFailure(inputIssues + error.issues.filter { !inputIssues.contains($0) })
        }
        guard inputIssues.isEmpty else { throw ValidationFailure(inputIssues + result.warnings) }
        return (result.0, result.warnings)
    }

    // MARK: Writes

    func create(_ profile: EnterpriseProfile, inputIssues: [FieldIssue] = [], by actor: Actor) async throws -> (Enterprise, [FieldIssue]) {
        let (valid, warnings) = try checked(profile, inputIssues: inputIssues)
        try requireReach(actor.user, valid, resulting: true)
        let (created, _) = try await directory.create(valid, by: actor.author) { work, _, created in
            try await work.audit(.enterpriseCreated, actor: actor.user, target: created.slug, detail: actor.detail(""), client: actor.client)
        }
        return (created, warnings)
    }

    /// Saves a profile over the version the person started from. With a proposal, approving it:
    /// the proposal's decision and its e-mail are committed with the write.
    func update(_ idOrSlug: String, expectedVersion: Int, profile: EnterpriseProfile, inputIssues: [FieldIssue] = [],
                by actor: Actor, proposal: Proposal? = nil) async throws -> (Enterprise, [FieldIssue]) {
        let current = try await reachable(idOrSlug, by: actor.user)
        let (valid, warnings) = try checked(profile, inputIssues: inputIssues)
        try requireReach(actor.user, valid, resulting: true)
        let mail = self.mail
        let (saved, _) = try await directory.update(current.id, expectedVersion: expectedVersion, profile: valid, by: actor.author) { work, before, after in
            let fields = ProfileField.changes(from: before?.profile, to: after.profile).map(\.label).joined(separator: ", ")
            try await work.audit(.enterpriseUpdated, actor: actor.user, target: after.slug, detail: actor.detail(fields), client: actor.client)
            if let proposal {
                try await ProposalDecision.record(proposal, approved: true, by: actor.user, message: nil, enterpriseName: after.profile.name,
                                                  mail: mail, client: actor.client, in: work)
            }
        }
        return (saved, warnings)
    }

    func archive(_ idOrSlug: String, expectedVersion: Int, by actor: Actor) async throws -> Enterprise {
        let current = try await reachable(idOrSlug, by: actor.user)
        return try await directory.archive(current.id, expectedVersion: expectedVersion, by: actor.author) { work, _, after in
            try await work.audit(.enterpriseArchived, actor: actor.user, target: after.slug, detail: actor.detail(""), client: actor.client)
        }
    }

    func restore(_ idOrSlug: String, expectedVersion: Int, by actor: Actor) async throws -> Enterprise {
        let current = try await reachable(idOrSlug, by: actor.user)
        return try await directory.restore(current.id, expectedVersion: expectedVersion, by: actor.author) { work, _, after in
            try await work.audit(.enterpriseRestored, actor: actor.user, target: after.slug, detail: actor.detail(""), client: actor.client)
        }
    }

    /// "Verified today": the record was checked with the enterprise.
    func verify(_ idOrSlug: String, expectedVersion: Int, by actor: Actor) async throws -> Enterprise {
        let current = try await reachable(idOrSlug, by: actor.user)
        return try await directory.verify(current.id, expectedVersion: expectedVersion, by: actor.author) { work, _, after in
            try await work.audit(.enterpriseVerified, actor: actor.user, target: after.slug, detail: actor.detail(""), client: actor.client)
        }
    }

    enum RevisionState: Sendable {
        /// The state the revision wrote.
        case after
        /// The state it started from.
        case before
    }

    /// Writes a past state of the record as its next version. The state is checked like any
    /// other write: the user must reach the record as it is and as it would become.
    func restoreRevision(_ idOrSlug: String, seq: Int64, state: RevisionState, expectedVersion: Int, by actor: Actor) async throws -> Enterprise {
        let current = try await reachable(idOrSlug, by: actor.user)
        guard let revision = try await revisions.revision(seq), revision.enterpriseID == current.id,
              var profile = state == .before ? revision.before : revision.after else {
            throw Refusal.notFound("Cette version", english: "This version")
        }
        // Erased contact details (Loi 25) cannot come back: the current ones stay.
        if state == .before ? revision.beforeErased : revision.afterErased {
            profile.managers = current.profile.managers
        }
        try requireReach(actor.user, profile, resulting: true)
        let (valid, _) = try checked(profile)
        let (saved, _) = try await directory.update(current.id, expectedVersion: expectedVersion, profile: valid, by: actor.author,
                                                    action: .restoreRevision) { work, _, after in
            try await work.audit(.revisionRestored, actor: actor.user, target: after.slug, detail: "version \(revision.version)", client: actor.client)
        }
        return saved
    }

    // MARK: Reads for the staff pages

    func history(of enterpriseID: String) async throws -> [Revision] {
        try await revisions.revisions(of: enterpriseID)
    }

    func latestRevision(of enterpriseID: String) async throws -> Revision? {
        try await revisions.latest(of: enterpriseID)
    }

    /// The archived enterprises the user's regions reach: out of the public directory, not lost.
    /// The archived enterprises of the user's regions, most recent first (at most `limit`), and
    /// how many there are in all.
    func archived(for user: User, limit: Int = 1_000) async throws -> (enterprises: [Enterprise], total: Int) {
        let regions: Set<String>? = user.roles.contains(.admin) ? nil : (user.roles.contains(.hubEditor) && user.isActive ? user.regions : [])
        if regions?.isEmpty == true { return ([], 0) }
        let shown = try await directory.enterprises.archived(limit: limit, regions: regions).filter { mayEdit(user, $0.profile) }
        return (shown, try await directory.enterprises.archivedCount(regions: regions))
    }

    // MARK: Proposals

    /// The enterprise a representative speaks for.
    func ownEnterprise(of user: User) async throws -> Enterprise {
        guard let id = user.enterpriseID, let enterprise = try await directory.enterprise(id) else {
            throw Refusal(.notFound, title: "Aucune entreprise",
                          message: "Votre compte n'est rattaché à aucune entreprise du répertoire. Écrivez à votre pôle régional.",
                          english: "Your account is not attached to any enterprise of the directory.")
        }
        return enterprise
    }

    func proposals(of enterpriseID: String) async throws -> [Proposal] {
        try await proposals.proposals(of: enterpriseID)
    }

    static let nothingToPropose = Refusal(.invalid, title: "Aucun changement", message: "Vous n'avez rien changé : il n'y a rien à proposer.",
                                          english: "You changed nothing: there is nothing to propose.")

    /// A representative's proposal for their own enterprise, waiting for a hub editor.
    func propose(_ profile: EnterpriseProfile, inputIssues: [FieldIssue], baseVersion: Int, by actor: Actor) async throws {
        let enterprise = try await ownEnterprise(of: actor.user)
        let (valid, _) = try checked(profile, inputIssues: inputIssues)
        guard valid != enterprise.profile else { throw Self.nothingToPropose }
        let proposal = Proposal(id: UUID().uuidString.lowercased(), enterpriseID: enterprise.id, baseVersion: baseVersion, profile: valid,
                                proposedByID: actor.user.id, proposer: actor.user.label, proposerEmail: actor.user.email,
                                proposedAt: Date(), status: .pending)
        try await database.unitOfWork { work in
            try await ProposalStore.insert(proposal, on: work.sql)
            try await work.audit(.proposalSubmitted, actor: actor.user, target: enterprise.profile.name, detail: "par \(proposal.proposer)",
                                 client: actor.client)
        }
    }

    /// The pending proposals of the enterprises the user reaches, with those enterprises.
    func pendingProposals(for user: User) async throws -> [(Proposal, Enterprise)] {
        var result: [(Proposal, Enterprise)] = []
        for proposal in try await proposals.pending() {
            guard let enterprise = try await directory.enterprises.find(proposal.enterpriseID), mayEdit(user, enterprise.profile) else { continue }
            result.append((proposal, enterprise))
        }
        return result
    }

    /// A proposal and its enterprise if the user reaches it; nil when it was already decided.
    func pendingProposal(_ id: String, for user: User) async throws -> (Proposal, Enterprise)? {
        guard let proposal = try await proposals.find(id) else { throw Refusal.notFound("Cette proposition", english: "This proposal") }
        let enterprise = try await reachable(proposal.enterpriseID, by: user)
        return proposal.status == .pending ? (proposal, enterprise) : nil
    }

    /// Approves a proposal made from the current version. A proposal made from an older one
    /// throws the store's conflict, for the reviewer to choose field by field.
    func approve(_ proposal: Proposal, of enterprise: Enterprise, by actor: Actor) async throws -> Enterprise {
        guard enterprise.version == proposal.baseVersion else { throw StoreError.conflict(current: enterprise) }
        return try await update(enterprise.id, expectedVersion: proposal.baseVersion, profile: proposal.profile, by: actor, proposal: proposal).0
    }

    static let reasonRequired = Refusal(.invalid, title: "Raison requise",
                                        message: "Expliquez en quelques mots pourquoi la proposition est refusée : la personne recevra ce message.",
                                        english: "Explain briefly why the proposal is refused: the person will receive this message.")

    /// Refuses a proposal with a message, e-mailed to the proposer with the decision.
    func reject(_ proposal: Proposal, of enterprise: Enterprise, message: String, by actor: Actor) async throws {
        let message = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !message.isEmpty else { throw Self.reasonRequired }
        let mail = self.mail
        try await database.unitOfWork { work in
            try await ProposalDecision.record(proposal, approved: false, by: actor.user, message: String(message.prefix(2000)),
                                              enterpriseName: enterprise.profile.name, mail: mail, client: actor.client, in: work)
        }
    }
}
