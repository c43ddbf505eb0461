import Foundation
import Hummingbird

/// `/gestion/entreprises/…`: creating and editing enterprises through the full form, with the
/// side-by-side choice when someone else saved in between, the history with restoring, archiving
/// and "verified today". Hub editors reach only the enterprises of their regions.
struct EditingController: Sendable {
    let web: WebController
    let editing: EditingService

    var directory: DirectoryService { web.directory }

    static let messages = [
        "cree": "L'entreprise a été créée.",
        "enregistre": "Les modifications ont été enregistrées.",
        "archive": "L'entreprise a été archivée : elle n'apparaît plus dans le répertoire.",
        "restaure": "L'entreprise est de retour dans le répertoire.",
        "verifie": "La fiche est marquée vérifiée aujourd'hui.",
        "version": "La version choisie a été restaurée.",
    ]

    func addRoutes(to routes: GuardedRoutes) {
        routes.get(.newEnterprise) { _, context, identity in
            var input = EnterpriseFormInput()
            input["status"] = "active"
            return try newPage(context, identity, input: input, issues: [])
        }
        routes.post(.newEnterprise) { _, context, identity, form in
            try await create(context, identity, form)
        }
        routes.get(.archivedEnterprises) { _, context, identity in
            try await archivedPage(context, identity)
        }
        routes.get(.editEnterprise) { request, context, identity in
            let enterprise = try await reachable(context, identity)
            let code = FormQuery.parameters(request).first { $0.0 == "message" }?.1
            return try await editPage(context, identity, enterprise, notice: code.flatMap { Self.messages[$0] })
        }
        routes.post(.editEnterprise) { _, context, identity, form in
            try await update(context, identity, form)
        }
        routes.post(.resolveConflict) { _, context, identity, form in
            try await resolveConflict(context, identity, form)
        }
        routes.get(.history) { _, context, identity in
            try await historyPage(context, identity, try await reachable(context, identity))
        }
        routes.post(.restoreRevision) { _, context, identity, form in
            try await restoreRevision(context, identity, form)
        }
        routes.post(.archiveEnterprise) { _, context, identity, form in
            try await simpleWrite(context, identity, form, message: "archive") { id, version, actor in
                try await editing.archive(id, expectedVersion: version, by: actor)
            }
        }
        routes.post(.restoreEnterprise) { _, context, identity, form in
            try await simpleWrite(context, identity, form, message: "restaure") { id, version, actor in
                try await editing.restore(id, expectedVersion: version, by: actor)
            }
        }
        routes.post(.verifyEnterprise) { _, context, identity, form in
            try await simpleWrite(context, identity, form, message: "verifie") { id, version, actor in
                try await editing.verify(id, expectedVersion: version, by: actor)
            }
        }
    }

    // MARK: Loading

    /// The enterprise named in the path (archived ones included), if the user's regions reach it.
    func reachable(_ context: AppRequestContext, _ identity: Identity) async throws -> Enterprise {
        try await editing.reachable(try context.parameters.require("id"), by: identity.user)
    }

    static func actor(_ context: AppRequestContext, _ identity: Identity) -> EditingService.Actor {
        EditingService.Actor(user: identity.user, client: context.clientAddress)
    }

    private func frame(_ context: AppRequestContext, _ identity: Identity, title: String, path: String,
                       notice: String? = nil, error: String? = nil) -> StaffFrame {
        StaffFrame(web.context(.fr, context), title: title, path: path, csrf: identity.csrfToken ?? "", notice: notice, error: error)
    }

    private func version(_ form: FormBody) throws -> Int {
        guard let version = Int(form["version"]) else {
            throw Problem(.badRequest, title: "Version manquante",
                          detail: "Le formulaire ne dit pas de quelle version de la fiche il part. Rechargez la page et recommencez.",
                          english: "The form does not say which version it started from. Reload the page and try again.")
        }
        return version
    }

    // MARK: Create

    func newPage(_ context: AppRequestContext, _ identity: Identity, input: EnterpriseFormInput, issues: [FieldIssue],
                 error: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let model = EnterpriseEditPage(frame: frame(context, identity, title: "Nouvelle entreprise", path: Route.newEnterprise.path(), error: error),
                                       heading: "Nouvelle entreprise", action: Route.newEnterprise.path(), version: nil, token: nil,
                                       submitLabel: "Créer l'entreprise", cancelURL: Route.account.path(), form: EnterpriseFormModel(input, issues: issues))
        return try web.renderer.staff(model, template: "enterpriseedit", status: status)
    }

    func create(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let input = EnterpriseFormInput(form)
        let (profile, inputIssues) = input.profile()
        do {
            let (created, _) = try await editing.create(profile, inputIssues: inputIssues, by: Self.actor(context, identity))
            return Response(status: .seeOther, headers: [.location: Route.editEnterprise.path(created.id) + "?message=cree"])
        } catch let failure as ValidationFailure {
            return try newPage(context, identity, input: input, issues: failure.issues, status: .unprocessableContent)
        } catch let refusal as Refusal where refusal.kind == .forbidden {
            return try newPage(context, identity, input: input, issues: [], error: refusal.message, status: .forbidden)
        } catch StoreError.duplicateNEQ(let neq, let slug) {
            return try newPage(context, identity, input: input, issues: [Self.duplicate(neq, slug)], status: .unprocessableContent)
        }
    }

    static func duplicate(_ neq: String, _ slug: String) -> FieldIssue {
        FieldIssue(field: "neq", code: "duplicate", message: "Le NEQ \(neq) est déjà celui de l'entreprise « \(slug) ».",
                   english: "NEQ \(neq) already belongs to \(slug).")
    }

    // MARK: Edit

    func editPage(_ context: AppRequestContext, _ identity: Identity, _ enterprise: Enterprise, input: EnterpriseFormInput? = nil,
                  issues: [FieldIssue]? = nil, version: Int? = nil, notice: String? = nil, error: String? = nil,
                  status: HTTPResponse.Status = .ok) async throws -> Response {
        // The stored profile's warnings are worth showing each time the form opens.
        let shownIssues = issues ?? ((try? enterprise.profile.validated(using: directory.catalog).warnings) ?? [])
        let edit = Route.editEnterprise.path(enterprise.id)
        var model = EnterpriseEditPage(
            frame: frame(context, identity, title: "Modifier « \(enterprise.profile.name) »", path: edit, notice: notice, error: error),
            heading: "Modifier « \(enterprise.profile.name) »", action: edit, version: version ?? enterprise.version,
            token: nil, submitLabel: "Enregistrer", cancelURL: enterprise.isArchived ? nil : SiteURL.enterprise(slug: enterprise.slug).path(.fr),
            form: EnterpriseFormModel(input ?? EnterpriseFormInput(enterprise.profile), issues: shownIssues))
        model.archived = enterprise.isArchived
        model.hasLinks = true
        model.hasActions = true
        model.profileURL = enterprise.isArchived ? nil : SiteURL.enterprise(slug: enterprise.slug).path(.fr)
        model.historyURL = Route.history.path(enterprise.id)
        if let latest = try await editing.latestRevision(of: enterprise.id) {
            model.updatedText = "Modifié le \(StaffDates.text(latest.at)) par \(latest.actor)"
        }
        model.verifyURL = Route.verifyEnterprise.path(enterprise.id)
        model.archiveURL = Route.archiveEnterprise.path(enterprise.id)
        model.restoreURL = Route.restoreEnterprise.path(enterprise.id)
        return try web.renderer.staff(model, template: "enterpriseedit", status: status)
    }

    func update(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let enterprise = try await reachable(context, identity)
        let version = try version(form)
        let input = EnterpriseFormInput(form)
        let (profile, inputIssues) = input.profile()
        return try await save(context, identity, enterprise, profile: profile, inputIssues: inputIssues, version: version, input: input)
    }

    /// Saves a profile at `version`; a conflict shows both versions side by side.
    func save(_ context: AppRequestContext, _ identity: Identity, _ enterprise: Enterprise, profile: EnterpriseProfile, inputIssues: [FieldIssue] = [],
              version: Int, input: EnterpriseFormInput, proposal: Proposal? = nil) async throws -> Response {
        do {
            let (saved, _) = try await editing.update(enterprise.id, expectedVersion: version, profile: profile, inputIssues: inputIssues,
                                                      by: Self.actor(context, identity), proposal: proposal)
            if proposal != nil { return Response(status: .seeOther, headers: [.location: Route.proposals.path() + "?message=approuvee"]) }
            return Response(status: .seeOther, headers: [.location: Route.editEnterprise.path(saved.id) + "?message=enregistre"])
        } catch let failure as ValidationFailure {
            return try await editPage(context, identity, enterprise, input: input, issues: failure.issues, version: version, status: .unprocessableContent)
        } catch let refusal as Refusal where refusal.kind == .forbidden {
            return try await editPage(context, identity, enterprise, input: input, issues: [], version: version, error: refusal.message, status: .forbidden)
        } catch StoreError.conflict(let current) {
            return try await conflictPage(context, identity, mine: profile, baseVersion: version, current: current, proposal: proposal)
        } catch StoreError.duplicateNEQ(let neq, let slug) {
            return try await editPage(context, identity, enterprise, input: input, issues: [Self.duplicate(neq, slug)], version: version,
                                      status: .unprocessableContent)
        } catch is ProposalDecision.AlreadyDecided {
            return Response(status: .seeOther, headers: [.location: Route.proposals.path() + "?message=dejatraitee"])
        }
    }

    // MARK: Conflicts

    func conflictPage(_ context: AppRequestContext, _ identity: Identity, mine: EnterpriseProfile, baseVersion: Int,
                      current: Enterprise, proposal: Proposal? = nil) async throws -> Response {
        let history = try await editing.history(of: current.id)
        let base = history.first { $0.version == baseVersion }?.after
        let latest = history.first
        let catalog = directory.catalog
        let rows = ProfileField.allCases.filter { !$0.same(mine, current.profile) }.map { field in
            // Keep what the person typed, unless they left the field as it was and only the
            // other person changed it.
            let mineChanged = base.map { !field.same($0, mine) } ?? true
            return EnterpriseConflictPage.Row(field: field.rawValue, label: field.label, mine: field.display(mine, catalog: catalog),
                                              theirs: field.display(current.profile, catalog: catalog), mineChosen: mineChanged)
        }
        let savedAt = latest.map { StaffDates.text($0.at) } ?? StaffDates.text(current.updatedAt)
        let model = EnterpriseConflictPage(
            frame: frame(context, identity, title: "Conflit de modification", path: Route.resolveConflict.path(current.id)),
            name: current.profile.name, action: Route.resolveConflict.path(current.id), version: current.version, mine: EnterpriseRows.json(mine),
            proposal: proposal?.id, baseVersion: baseVersion, savedBy: latest?.actor ?? "une autre personne", savedAt: savedAt, savedTime: String(savedAt.suffix(5)),
            rows: rows, count: rows.count, cancelURL: Route.editEnterprise.path(current.id))
        return try web.renderer.staff(model, template: "enterpriseconflict", status: .conflict)
    }

    func resolveConflict(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let current = try await reachable(context, identity)
        let version = try version(form)
        guard let mine = try? JSONDecoder().decode(EnterpriseProfile.self, from: Data(form.raw("mine").utf8)) else {
            throw Problem(.badRequest, title: "Saisie illisible", detail: "Le formulaire de conflit est incomplet. Rechargez la page d'édition.",
                          english: "The conflict form is incomplete.")
        }
        var proposal: Proposal?
        if !form["proposal"].isEmpty {
            guard identity.user.has(.reviewProposals), let (found, _) = try await editing.pendingProposal(form["proposal"], for: identity.user),
                  found.enterpriseID == current.id else {
                return Response(status: .seeOther, headers: [.location: Route.proposals.path() + "?message=dejatraitee"])
            }
            proposal = found
        }
        guard version == current.version else {
            // Yet another save in between: compare again with the newest version.
            return try await conflictPage(context, identity, mine: mine, baseVersion: Int(form["base"]) ?? version, current: current, proposal: proposal)
        }
        var merged = current.profile
        for field in ProfileField.allCases where form["choice.\(field.rawValue)"] == "mine" {
            field.copy(from: mine, into: &merged)
        }
        return try await save(context, identity, current, profile: merged, version: current.version, input: EnterpriseFormInput(merged), proposal: proposal)
    }

    // MARK: History

    func historyPage(_ context: AppRequestContext, _ identity: Identity, _ enterprise: Enterprise, error: String? = nil,
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        let catalog = directory.catalog
        let history = try await editing.history(of: enterprise.id)
        var items = history.map { revision in
            let changes = revision.fields.compactMap(ProfileField.init(rawValue:)).map { field in
                EnterpriseHistoryPage.Change(label: field.label, before: revision.before.map { field.display($0, catalog: catalog) } ?? "—",
                                             after: field.display(revision.after, catalog: catalog))
            }
            return EnterpriseHistoryPage.Item(seq: revision.seq, version: revision.version, action: revision.action.label,
                                              at: StaffDates.text(revision.at), actor: revision.actor, changes: changes, hasChanges: !changes.isEmpty,
                                              restorable: revision.after != enterprise.profile,
                                              restoreURL: Route.restoreRevision.path(enterprise.id, String(revision.seq)), restorableBefore: false,
                                              personalDataErased: revision.personalDataErased)
        }
        // Records imported before revisions existed (or seeded) have no revision of their first
        // state: the oldest revision's "before" is the only copy of it.
        if let oldest = history.last, let before = oldest.before, before != enterprise.profile, !items.isEmpty {
            items[items.count - 1].restorableBefore = true
        }
        let model = EnterpriseHistoryPage(
            frame: frame(context, identity, title: "Historique de « \(enterprise.profile.name) »", path: Route.history.path(enterprise.id), error: error),
            name: enterprise.profile.name, editURL: Route.editEnterprise.path(enterprise.id),
            profileURL: enterprise.isArchived ? nil : SiteURL.enterprise(slug: enterprise.slug).path(.fr),
            currentVersion: enterprise.version, revisions: items, hasRevisions: !items.isEmpty)
        return try web.renderer.staff(model, template: "enterprisehistory", status: status)
    }

    func restoreRevision(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let enterprise = try await reachable(context, identity)
        let version = try version(form)
        guard let seq = Int64(try context.parameters.require("seq")) else { throw HTTPError(.notFound) }
        // "avant" restores the state the revision started from, otherwise the one it wrote.
        let state: EditingService.RevisionState = form["etat"] == "avant" ? .before : .after
        do {
            _ = try await editing.restoreRevision(enterprise.id, seq: seq, state: state, expectedVersion: version, by: Self.actor(context, identity))
            return Response(status: .seeOther, headers: [.location: Route.editEnterprise.path(enterprise.id) + "?message=version"])
        } catch StoreError.conflict(let current) {
            return try await historyPage(context, identity, current, error: "La fiche a été modifiée entre-temps : voici l'historique à jour. Rien n'a été restauré.",
                                         status: .conflict)
        } catch StoreError.duplicateNEQ(let neq, let slug) {
            return try await historyPage(context, identity, enterprise, error: Self.duplicate(neq, slug).message + " Rien n'a été restauré.",
                                         status: .unprocessableContent)
        } catch let failure as ValidationFailure {
            let messages = failure.errors.map(\.message).joined(separator: " ")
            return try await historyPage(context, identity, enterprise, error: "Cette version ne respecte plus les règles actuelles : \(messages) Modifiez la fiche plutôt.",
                                         status: .unprocessableContent)
        } catch let refusal as Refusal where refusal.kind == .forbidden {
            return try await historyPage(context, identity, enterprise, error: refusal.message, status: .forbidden)
        }
    }

    // MARK: Archive, restore, verify

    /// The archived enterprises the user's regions reach: out of the public directory, not lost.
    func archivedPage(_ context: AppRequestContext, _ identity: Identity) async throws -> Response {
        let catalog = directory.catalog
        let (archived, total) = try await editing.archived(for: identity.user)
        let items = archived
            .map { enterprise in
                EnterpriseArchivePage.Item(name: enterprise.profile.name, editURL: Route.editEnterprise.path(enterprise.id),
                                           place: ProfileField.municipalityCode.display(enterprise.profile, catalog: catalog),
                                           archivedAt: StaffDates.text(enterprise.archivedAt))
            }
        let model = EnterpriseArchivePage(frame: frame(context, identity, title: "Entreprises archivées", path: Route.archivedEnterprises.path()),
                                          items: items,
                                          count: total > items.count
                                              ? "\(total) entreprises archivées ; les \(items.count) plus récemment archivées sont listées"
                                              : "\(total) entreprise(s)",
                                          hasItems: !items.isEmpty)
        return try web.renderer.staff(model, template: "archived")
    }

    private func simpleWrite(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody, message: String,
                             _ write: (String, Int, EditingService.Actor) async throws -> Enterprise) async throws -> Response {
        let enterprise = try await reachable(context, identity)
        let version = try version(form)
        do {
            let written = try await write(enterprise.id, version, Self.actor(context, identity))
            return Response(status: .seeOther, headers: [.location: Route.editEnterprise.path(written.id) + "?message=" + message])
        } catch StoreError.conflict(let current) {
            return try await editPage(context, identity, current,
                                      error: "La fiche a été modifiée entre-temps par une autre personne : rien n'a été fait. Vérifiez la version à jour ci-dessous puis recommencez.",
                                      status: .conflict)
        }
    }
}
