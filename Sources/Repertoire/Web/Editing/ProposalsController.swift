import Foundation
import SQLKit
import Hummingbird

/// `/mon-entreprise`, where a representative proposes changes to their enterprise through the
/// same form, and `/gestion/propositions`, where the hub editors of its region approve them
/// (a write expecting the version the proposal started from) or refuse them with a message.
struct ProposalsController: Sendable {
    let editing: EditingController

    var web: WebController { editing.web }
    var directory: DirectoryService { editing.directory }

    struct ProposalItem: Sendable {
        var id: String
        var name: String
        var editURL: String
        var proposer: String
        var at: String
        var changes: [EnterpriseHistoryPage.Change]
        var hasChanges: Bool
        var approveURL: String
        var rejectURL: String
    }

    struct ProposalsPage: Sendable {
        var frame: StaffFrame
        var proposals: [ProposalItem]
        var hasProposals: Bool
    }

    static let messages = [
        "envoyee": "Votre proposition a été envoyée à l'équipe de votre pôle régional. Vous recevrez sa décision par courriel.",
        "approuvee": "La proposition a été approuvée et appliquée.",
        "refusee": "La proposition a été refusée ; la personne en a été avisée.",
        "dejatraitee": "Cette proposition a déjà été traitée.",
    ]

    func addRoutes(to routes: GuardedRoutes) {
        routes.get("mon-entreprise", .proposeChanges) { request, context, identity in
            let enterprise = try await ownEnterprise(identity)
            let code = FormQuery.parameters(request).first { $0.0 == "message" }?.1
            return try await ownPage(context, identity, enterprise, notice: code.flatMap { Self.messages[$0] })
        }
        routes.post("mon-entreprise", .proposeChanges) { _, context, identity, form in
            try await propose(context, identity, form)
        }
        routes.get("gestion/propositions", .reviewProposals) { request, context, identity in
            let code = FormQuery.parameters(request).first { $0.0 == "message" }?.1
            return try await list(context, identity, notice: code.flatMap { Self.messages[$0] })
        }
        routes.post("gestion/propositions/:id/approuver", .reviewProposals) { _, context, identity, _ in
            try await approve(context, identity)
        }
        routes.post("gestion/propositions/:id/rejeter", .reviewProposals) { _, context, identity, form in
            try await reject(context, identity, form)
        }
    }

    // MARK: The representative's side

    private func ownEnterprise(_ identity: Identity) async throws -> Enterprise {
        guard let id = identity.user.enterpriseID, let enterprise = try await directory.enterprise(id) else {
            throw Problem(.notFound, title: "Aucune entreprise", detail: "Votre compte n'est rattaché à aucune entreprise du répertoire. Écrivez à votre pôle régional.",
                          english: "Your account is not attached to any enterprise of the directory.")
        }
        return enterprise
    }

    private func ownPage(_ context: AppRequestContext, _ identity: Identity, _ enterprise: Enterprise, input: EnterpriseFormInput? = nil,
                         issues: [FieldIssue] = [], version: Int? = nil, notice: String? = nil, error: String? = nil,
                         status: HTTPResponse.Status = .ok) async throws -> Response {
        let all = try await editing.proposals.proposals(of: enterprise.id)
        let pending = all.filter { $0.status == .pending }.count
        var lines: [String] = []
        if pending > 0 { lines.append("\(pending) proposition(s) en attente de décision.") }
        // The latest decision, so that the representative sees it here as well as by e-mail.
        if let decided = all.filter({ $0.status != .pending && $0.decidedAt != nil }).max(by: { $0.decidedAt! < $1.decidedAt! }) {
            var line = "Votre proposition du \(StaffDates.text(decided.proposedAt)) a été \(decided.status.label) le \(StaffDates.text(decided.decidedAt))"
            if let message = decided.message, !message.isEmpty { line += " : « \(message) »" }
            lines.append(line + ".")
        }
        let waiting = lines.isEmpty ? nil : lines.joined(separator: " ")
        let model = EnterpriseEditPage(
            frame: StaffFrame(web.context(.fr, context), title: "Mon entreprise", path: "/mon-entreprise", csrf: identity.csrfToken ?? "",
                              notice: notice ?? waiting, error: error),
            heading: "Proposer des modifications : « \(enterprise.profile.name) »", action: "/mon-entreprise", version: version ?? enterprise.version,
            token: nil, submitLabel: "Proposer ces modifications", cancelURL: SiteURL.enterprise(slug: enterprise.slug).path(.fr),
            form: EnterpriseFormModel(input ?? EnterpriseFormInput(enterprise.profile), issues: issues))
        return try web.renderer.staff(model, template: "enterpriseedit", status: status)
    }

    func propose(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let enterprise = try await ownEnterprise(identity)
        let version = Int(form["version"]) ?? enterprise.version
        let input = EnterpriseFormInput(form)
        let (profile, inputIssues) = input.profile()
        let valid: EnterpriseProfile
        do {
            let (checked, _) = try profile.validated(using: directory.catalog)
            guard inputIssues.isEmpty else { throw ValidationFailure(inputIssues) }
            valid = checked
        } catch let failure as ValidationFailure {
            return try await ownPage(context, identity, enterprise, input: input, issues: inputIssues + failure.issues.filter { !inputIssues.contains($0) },
                                     version: version, status: .unprocessableContent)
        }
        guard valid != enterprise.profile else {
            return try await ownPage(context, identity, enterprise, input: input, version: version,
                                     error: "Vous n'avez rien changé : il n'y a rien à proposer.", status: .unprocessableContent)
        }
        try await Self.submit(Proposal(id: UUID().uuidString.lowercased(), enterpriseID: enterprise.id, baseVersion: version, profile: valid,
                                       proposedByID: identity.user.id, proposer: identity.user.label, proposerEmail: identity.user.email,
                                       proposedAt: Date(), status: .pending),
                              enterpriseName: enterprise.profile.name, actor: identity.user, client: context.clientAddress, database: editing.proposals.database)
        return Response(status: .seeOther, headers: [.location: "/mon-entreprise?message=envoyee"])
    }

    /// Stores a proposal with its audit entry; `also` runs in the same transaction (a
    /// confirmation link is consumed there).
    static func submit(_ proposal: Proposal, enterpriseName: String, actor: User?, client: String, database: Database,
                       also: (@Sendable (any SQLDatabase) async throws -> Void)? = nil) async throws {
        try await database.transaction { sql in
            try await also?(sql)
            try await ProposalStore.insert(proposal, on: sql)
            try await AuditLog.record(.proposalSubmitted, actor: actor, target: enterpriseName, detail: "par \(proposal.proposer)", client: client, on: sql)
        }
    }

    // MARK: The reviewers' side

    func list(_ context: AppRequestContext, _ identity: Identity, notice: String? = nil, error: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let catalog = directory.catalog
        var items: [ProposalItem] = []
        for proposal in try await editing.proposals.pending() {
            guard let enterprise = try await directory.enterprises.find(proposal.enterpriseID),
                  identity.user.mayEdit(regionCode: enterprise.profile.regionCode) else { continue }
            let changes = ProfileField.allCases.filter { !$0.same(enterprise.profile, proposal.profile) }.map { field in
                EnterpriseHistoryPage.Change(label: field.label, before: field.display(enterprise.profile, catalog: catalog),
                                             after: field.display(proposal.profile, catalog: catalog))
            }
            items.append(ProposalItem(id: proposal.id, name: enterprise.profile.name, editURL: EditingURL.edit(enterprise.id), proposer: proposal.proposer,
                                      at: StaffDates.text(proposal.proposedAt), changes: changes, hasChanges: !changes.isEmpty,
                                      approveURL: "/gestion/propositions/\(proposal.id)/approuver", rejectURL: "/gestion/propositions/\(proposal.id)/rejeter"))
        }
        let model = ProposalsPage(frame: StaffFrame(web.context(.fr, context), title: "Propositions", path: EditingURL.proposals,
                                                    csrf: identity.csrfToken ?? "", notice: notice, error: error),
                                  proposals: items, hasProposals: !items.isEmpty)
        return try web.renderer.staff(model, template: "proposals", status: status)
    }

    /// The pending proposal of the path, if the reviewer's regions reach its enterprise.
    private func reachable(_ context: AppRequestContext, _ identity: Identity) async throws -> (Proposal, Enterprise)? {
        guard let proposal = try await editing.proposals.find(try context.parameters.require("id")) else { throw HTTPError(.notFound) }
        guard let enterprise = try await directory.enterprises.find(proposal.enterpriseID) else { throw HTTPError(.notFound) }
        try EnterprisesController.requireReach(identity, regionCode: enterprise.profile.regionCode)
        return proposal.status == .pending ? (proposal, enterprise) : nil
    }

    func approve(_ context: AppRequestContext, _ identity: Identity) async throws -> Response {
        guard let found = try await reachable(context, identity) else {
            return Response(status: .seeOther, headers: [.location: EditingURL.proposals + "?message=dejatraitee"])
        }
        let (proposal, enterprise) = found
        guard enterprise.version == proposal.baseVersion else {
            return try await editing.conflictPage(context, identity, mine: proposal.profile, baseVersion: proposal.baseVersion,
                                                  current: enterprise, proposal: proposal)
        }
        return try await editing.save(context, identity, enterprise, profile: proposal.profile, version: proposal.baseVersion,
                                      input: EnterpriseFormInput(proposal.profile), proposal: proposal)
    }

    func reject(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        guard let found = try await reachable(context, identity) else {
            return Response(status: .seeOther, headers: [.location: EditingURL.proposals + "?message=dejatraitee"])
        }
        let (proposal, enterprise) = found
        let message = form["message"]
        guard !message.isEmpty else {
            return try await list(context, identity, error: "Expliquez en quelques mots pourquoi la proposition est refusée : la personne recevra ce message.",
                                  status: .unprocessableContent)
        }
        let mail = editing.mail
        do {
            try await editing.proposals.database.transaction { sql in
                try await ProposalDecision.record(proposal, approved: false, by: identity.user, message: String(message.prefix(2000)),
                                                  enterpriseName: enterprise.profile.name, mail: mail, client: context.clientAddress, now: Date(), on: sql)
            }
        } catch is ProposalDecision.AlreadyDecided {
            return Response(status: .seeOther, headers: [.location: EditingURL.proposals + "?message=dejatraitee"])
        }
        return Response(status: .seeOther, headers: [.location: EditingURL.proposals + "?message=refusee"])
    }
}

extension ProposalsController.ProposalsPage: StaffPageModel {}
