import Foundation
import Hummingbird

/// `/gestion/entreprises/…`: creating and editing enterprises through the full form, with the
/// side-by-side choice when someone else saved in between, the history with restoring, archiving
/// and "verified today". Hub editors reach only the enterprises of their regions.
struct EditingController: Sendable {
    let web: WebController
    let revisions: RevisionLog
    let proposals: ProposalStore
    let mail: any MailQueue

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
        routes.get("gestion/entreprises/nouvelle", .editEnterprises) { _, context, identity in
            var input = EnterpriseFormInput()
            input["status"] = "active"
            return try newPage(context, identity, input: input, issues: [])
        }
        routes.post("gestion/entreprises/nouvelle", .editEnterprises) { _, context, identity, form in
            try await create(context, identity, form)
        }
        routes.get("gestion/entreprises/archivees", .editEnterprises) { _, context, identity in
            try await archivedPage(context, identity)
        }
        routes.get("gestion/entreprises/:id/modifier", .editEnterprises) { request, context, identity in
            let enterprise = try await reachable(context, identity)
            let code = FormQuery.parameters(request).first { $0.0 == "message" }?.1
            return try await editPage(context, identity, enterprise, notice: code.flatMap { Self.messages[$0] })
        }
        routes.post("gestion/entreprises/:id/modifier", .editEnterprises) { _, context, identity, form in
            try await update(context, identity, form)
        }
        routes.post("gestion/entreprises/:id/conflit", .editEnterprises) { _, context, identity, form in
            try await resolveConflict(context, identity, form)
        }
        routes.get("gestion/entreprises/:id/historique", .editEnterprises) { _, context, identity in
            try await historyPage(context, identity, try await reachable(context, identity))
        }
        routes.post("gestion/entreprises/:id/historique/:seq/restaurer", .editEnterprises) { _, context, identity, form in
            try await restoreRevision(context, identity, form)
        }
        routes.post("gestion/entreprises/:id/archiver", .editEnterprises) { _, context, identity, form in
            try await simpleWrite(context, identity, form, message: "archive") { enterprise, version in
                try await directory.archive(enterprise.id, expectedVersion: version, by: Author(identity.user)) { sql, _, after in
                    try await AuditLog.record(.enterpriseArchived, actor: identity.user, target: after.slug, client: context.clientAddress, on: sql)
                }
            }
        }
        routes.post("gestion/entreprises/:id/restaurer", .editEnterprises) { _, context, identity, form in
            try await simpleWrite(context, identity, form, message: "restaure") { enterprise, version in
                try await directory.restore(enterprise.id, expectedVersion: version, by: Author(identity.user)) { sql, _, after in
                    try await AuditLog.record(.enterpriseRestored, actor: identity.user, target: after.slug, client: context.clientAddress, on: sql)
                }
            }
        }
        routes.post("gestion/entreprises/:id/verifier", .editEnterprises) { _, context, identity, form in
            try await simpleWrite(context, identity, form, message: "verifie") { enterprise, version in
                try await directory.verify(enterprise.id, expectedVersion: version, by: Author(identity.user)) { sql, _, after in
                    try await AuditLog.record(.enterpriseVerified, actor: identity.user, target: after.slug, client: context.clientAddress, on: sql)
                }
            }
        }
    }

    // MARK: Loading

    /// The enterprise named in the path (archived ones included), if the user's regions reach it.
    func reachable(_ context: AppRequestContext, _ identity: Identity) async throws -> Enterprise {
        let id = try context.parameters.require("id")
        guard let enterprise = try await directory.enterprises.find(id) else { throw HTTPError(.notFound) }
        try EnterprisesController.requireReach(identity, regionCode: enterprise.profile.regionCode)
        return enterprise
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

    /// The profile a form describes, validated, or the issues to show next to the inputs.
    private func read(_ input: EnterpriseFormInput) -> Result<(EnterpriseProfile, [FieldIssue]), ValidationFailure> {
        let (profile, inputIssues) = input.profile()
        do {
            let (valid, warnings) = try profile.validated(using: directory.catalog)
            if !inputIssues.isEmpty { return .failure(ValidationFailure(inputIssues + warnings)) }
            return .success((valid, warnings))
        } catch {
            return .failure(ValidationFailure(inputIssues + error.issues))
        }
    }

    private func targetRegion(_ profile: EnterpriseProfile) -> String? {
        profile.regionCode ?? profile.municipalityCode.flatMap { directory.municipality(code: $0)?.regionCode }
    }

    // MARK: Create

    func newPage(_ context: AppRequestContext, _ identity: Identity, input: EnterpriseFormInput, issues: [FieldIssue],
                 error: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let model = EnterpriseEditPage(frame: frame(context, identity, title: "Nouvelle entreprise", path: EditingURL.new, error: error),
                                       heading: "Nouvelle entreprise", action: EditingURL.new, version: nil, token: nil,
                                       submitLabel: "Créer l'entreprise", cancelURL: "/compte", form: EnterpriseFormModel(input, issues: issues))
        return try web.renderer.staff(model, template: "enterpriseedit", status: status)
    }

    func create(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let input = EnterpriseFormInput(form)
        switch read(input) {
        case .failure(let failure):
            return try newPage(context, identity, input: input, issues: failure.issues, status: .unprocessableContent)
        case .success(let (profile, _)):
            let region = targetRegion(profile)
            guard identity.user.mayEdit(regionCode: region) else {
                return try newPage(context, identity, input: input, issues: [],
                                   error: "Cette entreprise serait dans la région \(region ?? "—"), qui ne fait pas partie des régions que vous gérez.",
                                   status: .forbidden)
            }
            do {
                let (created, _) = try await directory.create(profile, by: Author(identity.user)) { sql, _, created in
                    try await AuditLog.record(.enterpriseCreated, actor: identity.user, target: created.slug, client: context.clientAddress, on: sql)
                }
                return Response(status: .seeOther, headers: [.location: EditingURL.edit(created.id) + "?message=cree"])
            } catch let error as StoreError {
                guard case .duplicateNEQ(let neq, let slug) = error else { throw error }
                return try newPage(context, identity, input: input, issues: [Self.duplicate(neq, slug)], status: .unprocessableContent)
            }
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
        var model = EnterpriseEditPage(
            frame: frame(context, identity, title: "Modifier « \(enterprise.profile.name) »", path: EditingURL.edit(enterprise.id), notice: notice, error: error),
            heading: "Modifier « \(enterprise.profile.name) »", action: EditingURL.edit(enterprise.id), version: version ?? enterprise.version,
            token: nil, submitLabel: "Enregistrer", cancelURL: enterprise.isArchived ? nil : SiteURL.enterprise(slug: enterprise.slug).path(.fr),
            form: EnterpriseFormModel(input ?? EnterpriseFormInput(enterprise.profile), issues: shownIssues))
        model.archived = enterprise.isArchived
        model.hasLinks = true
        model.hasActions = true
        model.profileURL = enterprise.isArchived ? nil : SiteURL.enterprise(slug: enterprise.slug).path(.fr)
        model.historyURL = EditingURL.history(enterprise.id)
        if let latest = try await revisions.latest(of: enterprise.id) {
            model.updatedText = "Modifié le \(StaffDates.text(latest.at)) par \(latest.actor)"
        }
        model.verifyURL = EditingURL.verify(enterprise.id)
        model.archiveURL = EditingURL.archive(enterprise.id)
        model.restoreURL = EditingURL.restore(enterprise.id)
        return try web.renderer.staff(model, template: "enterpriseedit", status: status)
    }

    func update(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let enterprise = try await reachable(context, identity)
        let version = try version(form)
        let input = EnterpriseFormInput(form)
        switch read(input) {
        case .failure(let failure):
            return try await editPage(context, identity, enterprise, input: input, issues: failure.issues, version: version, status: .unprocessableContent)
        case .success(let (profile, _)):
            return try await save(context, identity, enterprise, profile: profile, version: version, input: input)
        }
    }

    /// Saves a valid profile at `version`; a conflict shows both versions side by side.
    func save(_ context: AppRequestContext, _ identity: Identity, _ enterprise: Enterprise, profile: EnterpriseProfile, version: Int,
              input: EnterpriseFormInput, proposal: Proposal? = nil) async throws -> Response {
        let mail = self.mail
        guard identity.user.mayEdit(regionCode: targetRegion(profile)) else {
            return try await editPage(context, identity, enterprise, input: input, issues: [], version: version,
                                      error: "La nouvelle région de l'entreprise ne fait pas partie des régions que vous gérez.", status: .forbidden)
        }
        do {
            let (saved, _) = try await directory.update(enterprise.id, expectedVersion: version, profile: profile, by: Author(identity.user)) { sql, before, after in
                let fields = ProfileField.changes(from: before?.profile, to: after.profile).map(\.label).joined(separator: ", ")
                try await AuditLog.record(.enterpriseUpdated, actor: identity.user, target: after.slug, detail: fields, client: context.clientAddress, on: sql)
                if let proposal {
                    try await ProposalDecision.record(proposal, approved: true, by: identity.user, message: nil, enterpriseName: after.profile.name,
                                                      mail: mail, client: context.clientAddress, now: Date(), on: sql)
                }
            }
            if proposal != nil { return Response(status: .seeOther, headers: [.location: EditingURL.proposals + "?message=approuvee"]) }
            return Response(status: .seeOther, headers: [.location: EditingURL.edit(saved.id) + "?message=enregistre"])
        } catch let error as StoreError {
            switch error {
            case .conflict(let current):
                return try await conflictPage(context, identity, mine: profile, baseVersion: version, current: current, proposal: proposal)
            case .duplicateNEQ(let neq, let slug):
                return try await editPage(context, identity, enterprise, input: input, issues: [Self.duplicate(neq, slug)], version: version,
                                          status: .unprocessableContent)
            case .notFound:
                throw HTTPError(.notFound)
            }
        } catch let failure as ValidationFailure {
            return try await editPage(context, identity, enterprise, input: input, issues: failure.issues, version: version, status: .unprocessableContent)
        } catch is ProposalDecision.AlreadyDecided {
            return Response(status: .seeOther, headers: [.location: EditingURL.proposals + "?message=dejatraitee"])
        }
    }

    // MARK: Conflicts

    func conflictPage(_ context: AppRequestContext, _ identity: Identity, mine: EnterpriseProfile, baseVersion: Int,
                      current: Enterprise, proposal: Proposal? = nil) async throws -> Response {
        let history = try await revisions.revisions(of: current.id)
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
            frame: frame(context, identity, title: "Conflit de modification", path: EditingURL.conflict(current.id)),
            name: current.profile.name, action: EditingURL.conflict(current.id), version: current.version, mine: EnterpriseRows.json(mine),
            proposal: proposal?.id, baseVersion: baseVersion, savedBy: latest?.actor ?? "une autre personne", savedAt: savedAt, savedTime: String(savedAt.suffix(5)),
            rows: rows, count: rows.count, cancelURL: EditingURL.edit(current.id))
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
            guard identity.user.has(.reviewProposals), let found = try await proposals.find(form["proposal"]), found.enterpriseID == current.id,
                  found.status == .pending else {
                return Response(status: .seeOther, headers: [.location: EditingURL.proposals + "?message=dejatraitee"])
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
        let input = EnterpriseFormInput(merged)
        switch read(input) {
        case .failure(let failure):
            return try await editPage(context, identity, current, input: input, issues: failure.issues, version: current.version,
                                      status: .unprocessableContent)
        case .success(let (profile, _)):
            return try await save(context, identity, current, profile: profile, version: current.version, input: input, proposal: proposal)
        }
    }

    // MARK: History

    func historyPage(_ context: AppRequestContext, _ identity: Identity, _ enterprise: Enterprise, error: String? = nil,
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        let catalog = directory.catalog
        let history = try await revisions.revisions(of: enterprise.id)
        var items = history.map { revision in
            let changes = revision.fields.compactMap(ProfileField.init(rawValue:)).map { field in
                EnterpriseHistoryPage.Change(label: field.label, before: revision.before.map { field.display($0, catalog: catalog) } ?? "—",
                                             after: field.display(revision.after, catalog: catalog))
            }
            return EnterpriseHistoryPage.Item(seq: revision.seq, version: revision.version, action: revision.action.label,
                                              at: StaffDates.text(revision.at), actor: revision.actor, changes: changes, hasChanges: !changes.isEmpty,
                                              restorable: revision.after != enterprise.profile,
                                              restoreURL: EditingURL.restoreRevision(enterprise.id, revision.seq), restorableBefore: false)
        }
        // Records imported before revisions existed (or seeded) have no revision of their first
        // state: the oldest revision's "before" is the only copy of it.
        if let oldest = history.last, let before = oldest.before, before != enterprise.profile, !items.isEmpty {
            items[items.count - 1].restorableBefore = true
        }
        let model = EnterpriseHistoryPage(
            frame: frame(context, identity, title: "Historique de « \(enterprise.profile.name) »", path: EditingURL.history(enterprise.id), error: error),
            name: enterprise.profile.name, editURL: EditingURL.edit(enterprise.id),
            profileURL: enterprise.isArchived ? nil : SiteURL.enterprise(slug: enterprise.slug).path(.fr),
            currentVersion: enterprise.version, revisions: items, hasRevisions: !items.isEmpty)
        return try web.renderer.staff(model, template: "enterprisehistory", status: status)
    }

    func restoreRevision(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let enterprise = try await reachable(context, identity)
        let version = try version(form)
        guard let seq = Int64(try context.parameters.require("seq")), let revision = try await revisions.revision(seq),
              revision.enterpriseID == enterprise.id else { throw HTTPError(.notFound) }
        // "avant" restores the state the revision started from, otherwise the one it wrote.
        guard let profile = form["etat"] == "avant" ? revision.before : revision.after else { throw HTTPError(.notFound) }
        do {
            _ = try await directory.update(enterprise.id, expectedVersion: version, profile: profile, by: Author(identity.user),
                                           action: .restoreRevision) { sql, _, after in
                try await AuditLog.record(.revisionRestored, actor: identity.user, target: after.slug, detail: "version \(revision.version)",
                                          client: context.clientAddress, on: sql)
            }
            return Response(status: .seeOther, headers: [.location: EditingURL.edit(enterprise.id) + "?message=version"])
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
        }
    }

    // MARK: Archive, restore, verify

    /// The archived enterprises the user's regions reach: out of the public directory, not lost.
    func archivedPage(_ context: AppRequestContext, _ identity: Identity) async throws -> Response {
        let catalog = directory.catalog
        let items = try await directory.enterprises.archived()
            .filter { identity.user.mayEdit(regionCode: $0.profile.regionCode) }
            .map { enterprise in
                EnterpriseArchivePage.Item(name: enterprise.profile.name, editURL: EditingURL.edit(enterprise.id),
                                           place: ProfileField.municipalityCode.display(enterprise.profile, catalog: catalog),
                                           archivedAt: StaffDates.text(enterprise.archivedAt))
            }
        let model = EnterpriseArchivePage(frame: frame(context, identity, title: "Entreprises archivées", path: EditingURL.archived),
                                          items: items, count: items.count, hasItems: !items.isEmpty)
        return try web.renderer.staff(model, template: "archived")
    }

    private func simpleWrite(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody, message: String,
                             _ write: (Enterprise, Int) async throws -> Enterprise) async throws -> Response {
        let enterprise = try await reachable(context, identity)
        let version = try version(form)
        do {
            let written = try await write(enterprise, version)
            return Response(status: .seeOther, headers: [.location: EditingURL.edit(written.id) + "?message=" + message])
        } catch StoreError.conflict(let current) {
            return try await editPage(context, identity, current,
                                      error: "La fiche a été modifiée entre-temps par une autre personne : rien n'a été fait. Vérifiez la version à jour ci-dessous puis recommencez.",
                                      status: .conflict)
        }
    }
}
