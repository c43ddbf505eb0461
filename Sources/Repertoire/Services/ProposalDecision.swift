import Foundation

/// Recording a decision on a proposal, inside the unit of work that applies it (or not): the
/// proposal's status, the audit entry and the email to the proposer commit together.
enum ProposalDecision {
    struct AlreadyDecided: Error {}

    static func record(_ proposal: Proposal, approved: Bool, by user: User, message: String?, enterpriseName: String,
                       mail: any MailQueue, client: String, in work: UnitOfWork) async throws {
        let status: Proposal.Status = approved ? .approved : .rejected
        guard try await ProposalStore.decide(proposal.id, status, by: user.label, message: message, now: work.now, on: work.sql) else {
            throw AlreadyDecided()
        }
        try await work.audit(.proposalDecided, actor: user, target: enterpriseName, detail: "\(status.label) ; proposée par \(proposal.proposer)",
                             client: client)
        guard let email = proposal.proposerEmail else { return }
        let reason = message.map { "\n\nMessage de l'équipe :\n\($0)\n" } ?? "\n"
        let body = approved
            ? "Bonjour,\n\nLes modifications que vous avez proposées pour « \(enterpriseName) » ont été approuvées et sont maintenant en ligne.\(reason)\n— L'équipe Répertoire\n"
            : "Bonjour,\n\nLes modifications que vous avez proposées pour « \(enterpriseName) » n'ont pas été retenues.\(reason)\n— L'équipe Répertoire\n"
        try await work.send(MailDraft(to: email, subject: "Votre proposition pour « \(enterpriseName) » a été \(status.label)",
                                      body: body, kind: "proposal-decision"), through: mail)
    }
}
