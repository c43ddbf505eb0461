import Foundation
import Hummingbird
import Mustache

/// `/mon-entreprise`, where a representative proposes changes to their enterprise through the
/// same form, and `/gestion/propositions`, where the hub editors of its region approve them
/// (a write expecting the version the proposal started from) or refuse them with a message.
struct ProposalsController: Sendable {
    let editing: EditingController
    /// Whether the enterprise receives calls for interest, shown and changed on its page.
    var calls: CallService? = nil

    var web: WebController { editing.web }
    var directory: DirectoryService { editing.directory }
    var service: EditingService { editing.editing }

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
        "appels": "Votre choix sur les appels d'intérêt est enregistré.",
        "envoyee": "Votre proposition a été envoyée à l'équipe de votre pôle régional. Vous recevrez sa décision par courriel.",
        "approuvee": "La proposition a été approuvée et appliquée.",
        "refusee": "La proposition a été refusée ; la personne en a été avisée.",
        "dejatraitee": "Cette proposition a déjà été traitée.",
    ]

    func addRoutes(to routes: GuardedRoutes) {
        routes.get(.myEnterprise) { request, context, identity in
            let enterprise = try await service.ownEnterprise(of: identity.user)
            let code = FormQuery.parameters(request).first { $0.0 == "message" }?.1
            return try await ownPage(context, identity, enterprise, notice: code.flatMap { Self.messages[$0] })
        }
        routes.post(.myEnterprise) { _, context, identity, form in
            try await propose(context, identity, form)
        }
        routes.get(.proposals) { request, context, identity in
            let code = FormQuery.parameters(request).first { $0.0 == "message" }?.1
            return try await list(context, identity, notice: code.flatMap { Self.messages[$0] })
        }
        routes.post(.approveProposal) { _, context, identity, _ in
            try await approve(context, identity)
        }
        routes.post(.rejectProposal) { _, context, identity, form in
            try await reject(context, identity, form)
        }
    }

    // MARK: The representative's side

    private func ownPage(_ context: AppRequestContext, _ identity: Identity, _ enterprise: Enterprise, input: EnterpriseFormInput? = nil,
                         issues: [FieldIssue] = [], version: Int? = nil, notice: String? = nil, error: String? = nil,
                         status: HTTPResponse.Status = .ok) async throws -> Response {
        let all = try await service.proposals(of: enterprise.id)
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
            frame: StaffFrame(web.context(.fr, context), title: "Mon entreprise", path: Route.myEnterprise.path(), csrf: identity.csrfToken ?? "",
                              notice: notice ?? waiting, error: error),
            heading: "Proposer des modifications : « \(enterprise.profile.name) »", action: Route.myEnterprise.path(), version: version ?? enterprise.version,
            token: nil, submitLabel: "Proposer ces modifications", cancelURL: SiteURL.enterprise(slug: enterprise.slug).path(.fr),
            form: EnterpriseFormModel(input ?? EnterpriseFormInput(enterprise.profile), issues: issues))
        var page = model
        if let calls { page.introHTML = Self.callsChoice(receives: try await calls.receivesCalls(enterprise.id), csrf: identity.csrfToken ?? "") }
        return try web.renderer.staff(page, template: "enterpriseedit", status: status)
    }

    func propose(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let enterprise = try await service.ownEnterprise(of: identity.user)
        let version = Int(form["version"]) ?? enterprise.version
        let input = EnterpriseFormInput(form)
        let (profile, inputIssues) = input.profile()
        do {
            try await service.propose(profile, inputIssues: inputIssues, baseVersion: version, by: EditingController.actor(context, identity))
        } catch let failure as ValidationFailure {
            return try await ownPage(context, identity, enterprise, input: input, issues: failure.issues, version: version, status: .unprocessableContent)
        } catch let refusal as Refusal where refusal.kind == .invalid {
            return try await ownPage(context, identity, enterprise, input: input, version: version, error: refusal.message, status: .unprocessableContent)
        }
        return Response(status: .seeOther, headers: [.location: Route.myEnterprise.path() + "?message=envoyee"])
    }

    /// The CASL choice: receive the municipalities' calls for interest by e-mail, or not.
    static func callsChoice(receives: Bool, csrf: String) -> SafeHTML {
        var w = HTMLWriter()
        w.markup("<section class=\"calls-choice\" aria-labelledby=\"appels-interet\"><h2 id=\"appels-interet\">Appels d'intérêt des municipalités</h2><p>")
        w.text(receives ? "Votre entreprise reçoit les appels d'intérêt que les acheteurs municipaux lui envoient par Répertoire, à son adresse générale et à celles de ses gestionnaires."
                        : "Votre entreprise ne reçoit pas les appels d'intérêt des municipalités : elle a demandé à ne plus en recevoir.")
        w.markup("</p><form method=\"post\" action=\""); w.text(Route.myEnterpriseCalls.path()); w.markup("\" class=\"inline-form\"><input type=\"hidden\" name=\"_csrf\" value=\"")
        w.text(CSRF.mask(csrf)); w.markup("\"><input type=\"hidden\" name=\"recevoir\" value=\""); w.text(receives ? "non" : "oui"); w.markup("\"><button type=\"submit\">")
        w.text(receives ? "Ne plus recevoir d'appels d'intérêt" : "Recevoir de nouveau les appels d'intérêt"); w.markup("</button></form></section>")
        return w.result
    }

    // MARK: The reviewers' side

    func list(_ context: AppRequestContext, _ identity: Identity, notice: String? = nil, error: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let catalog = directory.catalog
        var items: [ProposalItem] = []
        for (proposal, enterprise) in try await service.pendingProposals(for: identity.user) {
            let changes = ProfileField.allCases.filter { !$0.same(enterprise.profile, proposal.profile) }.map { field in
                EnterpriseHistoryPage.Change(label: field.label, before: field.display(enterprise.profile, catalog: catalog),
                                             after: field.display(proposal.profile, catalog: catalog))
            }
            items.append(ProposalItem(id: proposal.id, name: enterprise.profile.name, editURL: Route.editEnterprise.path(enterprise.id), proposer: proposal.proposer,
                                      at: StaffDates.text(proposal.proposedAt), changes: changes, hasChanges: !changes.isEmpty,
                                      approveURL: Route.approveProposal.path(proposal.id), rejectURL: Route.rejectProposal.path(proposal.id)))
        }
        let model = ProposalsPage(frame: StaffFrame(web.context(.fr, context), title: "Propositions", path: Route.proposals.path(),
                                                    csrf: identity.csrfToken ?? "", notice: notice, error: error),
                                  proposals: items, hasProposals: !items.isEmpty)
        return try web.renderer.staff(model, template: "proposals", status: status)
    }

    /// The pending proposal of the path, if the reviewer's regions reach its enterprise.
    private func pending(_ context: AppRequestContext, _ identity: Identity) async throws -> (Proposal, Enterprise)? {
        try await service.pendingProposal(try context.parameters.require("id"), for: identity.user)
    }

    private static let alreadyDecided = Response(status: .seeOther, headers: [.location: Route.proposals.path() + "?message=dejatraitee"])

    func approve(_ context: AppRequestContext, _ identity: Identity) async throws -> Response {
        guard let (proposal, enterprise) = try await pending(context, identity) else { return Self.alreadyDecided }
        guard enterprise.version == proposal.baseVersion else {
            return try await editing.conflictPage(context, identity, mine: proposal.profile, baseVersion: proposal.baseVersion,
                                                  current: enterprise, proposal: proposal)
        }
        return try await editing.save(context, identity, enterprise, profile: proposal.profile, version: proposal.baseVersion,
                                      input: EnterpriseFormInput(proposal.profile), proposal: proposal)
    }

    func reject(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        guard let (proposal, enterprise) = try await pending(context, identity) else { return Self.alreadyDecided }
        do {
            try await service.reject(proposal, of: enterprise, message: form["message"], by: EditingController.actor(context, identity))
        } catch let refusal as Refusal where refusal.kind == .invalid {
            return try await list(context, identity, error: refusal.message, status: .unprocessableContent)
        } catch is ProposalDecision.AlreadyDecided {
            return Self.alreadyDecided
        }
        return Response(status: .seeOther, headers: [.location: Route.proposals.path() + "?message=refusee"])
    }
}


// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension ProposalsController.ProposalItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "name": self.name
        case "editURL": self.editURL
        case "proposer": self.proposer
        case "at": self.at
        case "changes": self.changes
        case "hasChanges": self.hasChanges
        case "approveURL": self.approveURL
        case "rejectURL": self.rejectURL
        default: nil
        }
    }
}

extension ProposalsController.ProposalsPage: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "proposals": self.proposals
        case "hasProposals": self.hasProposals
        default: nil
        }
    }
}
