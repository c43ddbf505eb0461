import Foundation

/// Keeping records current with the enterprises themselves: the records of a hub's regions not
/// verified for a year, an e-mailed single-use link, and what the enterprise does with it —
/// confirm its record as it stands, or propose corrections for a hub editor to approve.
struct ConfirmationService: Sendable {
    let editing: EditingService
    /// The public base URL, for the link in the e-mail.
    let baseURL: String

    var directory: DirectoryService { editing.directory }

    /// Records verified longer ago than this are due.
    static let dueAfterMonths = 12

    /// The regions a user's to-verify list covers: those asked for among the ones they look after
    /// (any region for an administrator), or all of theirs when none is; nil means every region.
    static func dueRegions(for user: User, asked: [String]) -> Set<String>? {
        let allowed = Set(Region.all.map(\.code).filter { user.mayEdit(regionCode: $0) })
        let chosen = Set(asked).intersection(allowed)
        if !chosen.isEmpty { return chosen }
        return allowed.count == Region.all.count ? nil : allowed
    }

    /// The first day a record verified on it is not due yet: a year before `now`, in Quebec.
    static func dueLimit(now: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Toronto") ?? .gmt
        return CalendarDay.string(from: calendar.date(byAdding: .month, value: -dueAfterMonths, to: now) ?? now)
    }

    /// One page of the enterprises of `regions` due for verification (see ``dueRegions``), the
    /// never-verified first, then the oldest; and how many are due in all.
    func due(in regions: Set<String>?, page: Int, perPage: Int, now: Date = Date()) async throws -> (total: Int, records: [EnterpriseStore.DueRecord]) {
        try await directory.enterprises.due(before: Self.dueLimit(now: now), regions: regions, limit: perPage, offset: (page - 1) * perPage)
    }

    /// E-mails the enterprise a single-use link to confirm or correct its record.
    func requestConfirmation(_ enterpriseID: String, by actor: EditingService.Actor) async throws {
        let enterprise = try await editing.reachable(enterpriseID, by: actor.user)
        guard let email = enterprise.profile.email else {
            throw Refusal(.invalid, title: "Aucun courriel",
                          message: "« \(enterprise.profile.name) » n'a pas de courriel public : impossible de lui écrire. Ajoutez son courriel dans la fiche, ou appelez-la puis cliquez « Vérifié aujourd'hui ».",
                          english: "\(enterprise.profile.name) has no public e-mail address: add one, or call them and mark the record verified.")
        }
        let mail = editing.mail
        let baseURL = self.baseURL
        let user = actor.user
        try await editing.database.unitOfWork { work in
            let secret = try await OneTimeTokenStore.issue(.confirmation, userID: nil, enterpriseID: enterprise.id, createdBy: user.id, now: work.now, on: work.sql)
            let link = baseURL + Route.confirmation.path() + "?jeton=" + secret
            try await work.send(MailDraft(to: email, subject: "Votre fiche dans Répertoire est-elle à jour ?", body: """
                Bonjour,

                « \(enterprise.profile.name) » figure dans Répertoire, le répertoire des entreprises d'économie sociale consulté par les acheteurs municipaux.
                Pouvez-vous nous confirmer que votre fiche est exacte, ou nous proposer des corrections ? Ce lien sert une seule fois et expire dans 30 jours :

                \(link)

                Merci !
                \(user.name.isEmpty ? "L'équipe Répertoire" : user.name)
                """, kind: "confirmation"), through: mail)
            try await work.audit(.confirmationRequested, actor: user, target: enterprise.slug, detail: "à \(email)", client: actor.client)
        }
    }

    /// The enterprise a still-valid confirmation link is for.
    func enterprise(forToken token: String) async throws -> Enterprise? {
        let found = try await editing.database.read { sql in try await OneTimeTokenStore.find(token, on: sql) }
        guard let found, found.purpose == .confirmation, found.usedAt == nil, found.expiresAt > Date(), let id = found.enterpriseID else { return nil }
        return try await directory.enterprise(id)
    }

    static let linkUnusable = Refusal(.gone, title: "Lien inutilisable",
                                      message: "Ce lien de confirmation a déjà servi ou a expiré.",
                                      english: "This confirmation link was already used or has expired.")

    /// The enterprise confirms its record as it stands: "verified today", and the link is spent.
    func confirm(token: String, client: String) async throws -> Enterprise {
        guard let enterprise = try await enterprise(forToken: token) else { throw Self.linkUnusable }
        return try await directory.verify(enterprise.id, expectedVersion: enterprise.version, by: .confirmationLink) { work, _, after in
            guard try await OneTimeTokenStore.consume(token, purposes: [.confirmation], now: work.now, on: work.sql)?.enterpriseID == enterprise.id else {
                throw Self.linkUnusable
            }
            try await work.audit(.enterpriseVerified, actor: nil, target: after.slug, detail: "confirmée par l'entreprise (lien)", client: client)
        }
    }

    /// The enterprise proposes corrections through the link, which is spent with the proposal.
    func propose(token: String, profile: EnterpriseProfile, inputIssues: [FieldIssue], baseVersion: Int?, client: String) async throws {
        guard let enterprise = try await enterprise(forToken: token) else { throw Self.linkUnusable }
        let (valid, _) = try editing.checked(profile, inputIssues: inputIssues)
        let proposal = Proposal(id: UUID().uuidString.lowercased(), enterpriseID: enterprise.id, baseVersion: baseVersion ?? enterprise.version,
                                profile: valid, proposedByID: nil, proposer: Author.confirmationLink.label, proposerEmail: enterprise.profile.email,
                                proposedAt: Date(), status: .pending)
        try await editing.database.unitOfWork { work in
            guard try await OneTimeTokenStore.consume(token, purposes: [.confirmation], now: work.now, on: work.sql)?.enterpriseID == enterprise.id else {
                throw Self.linkUnusable
            }
            try await ProposalStore.insert(proposal, on: work.sql)
            try await work.audit(.proposalSubmitted, actor: nil, target: enterprise.profile.name, detail: "par \(proposal.proposer)", client: client)
        }
    }
}
