import Foundation
import Hummingbird
import Mustache

/// Keeping records current: `/gestion/a-verifier` lists the enterprises of the editor's regions
/// not verified for a year, oldest first, with a one-click request that emails the enterprise a
/// single-use link to `/confirmation`, where it confirms its record or proposes changes.
struct ConfirmationController: Sendable {
    let editing: EditingController
    let confirmations: ConfirmationService
    let secureCookies: Bool

    var web: WebController { editing.web }
    var directory: DirectoryService { editing.directory }

    struct ConfirmPage: Sendable {
        var frame: StaffFrame
        var name: String
        var token: String
        var facts: [EnterpriseHistoryPage.Change]
        var valid: Bool
        var done: String?
        var form: EnterpriseFormModel?
        var version: Int
    }

    func addRoutes(to router: Router<AppRequestContext>, guarded: GuardedRoutes) {
        guarded.get(.toVerify) { request, context, identity in
            let code = FormQuery.parameters(request).first { $0.0 == "message" }?.1
            return try await duePage(context, identity, choice: DueListPage.Choice(FormQuery.parameters(request)),
                                     notice: code == "demande" ? "La demande de confirmation a été envoyée par courriel." : nil)
        }
        guarded.get(.toVerifyCSV) { request, _, identity in
            try await dueCSV(identity, choice: DueListPage.Choice(FormQuery.parameters(request)))
        }
        guarded.post(.requestConfirmation) { _, context, identity, _ in
            try await requestConfirmation(context, identity)
        }
        router.get(.confirmation) { request, context in
            try await confirmationPage(request, context, token: FormQuery.parameters(request).first { $0.0 == "jeton" }?.1 ?? "")
        }
        router.post(.confirmation) { request, context in
            try await confirm(request, context)
        }
    }

    // MARK: Staff

    func duePage(_ context: AppRequestContext, _ identity: Identity, choice: DueListPage.Choice = DueListPage.Choice([]),
                 notice: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let regions = ConfirmationService.dueRegions(for: identity.user, asked: choice.regions)
        var (total, records) = try await confirmations.due(in: regions, page: choice.page, perPage: DueListPage.perPage)
        // Past the last page (the list shrank meanwhile): the last page instead.
        var choice = choice
        if records.isEmpty && total > 0 {
            choice.page = (total + DueListPage.perPage - 1) / DueListPage.perPage
            (total, records) = try await confirmations.due(in: regions, page: choice.page, perPage: DueListPage.perPage)
        }
        let frame = StaffFrame(web.context(.fr, context), title: "À vérifier — \(total) fiche(s)" + (choice.page > 1 ? " — page \(choice.page)" : ""),
                               path: Route.toVerify.path(), csrf: identity.csrfToken ?? "", notice: notice, error: error)
        let model = DueListPage(frame: frame, user: identity.user, choice: choice, total: total, records: records, catalog: directory.catalog)
        return try web.renderer.staff(model, template: "toverify", status: status)
    }

    /// Every record of the list (its region choice, not its page) as CSV.
    func dueCSV(_ identity: Identity, choice: DueListPage.Choice) async throws -> Response {
        let regions = ConfirmationService.dueRegions(for: identity.user, asked: choice.regions)
        let (_, records) = try await confirmations.due(in: regions, page: 1, perPage: 1_000_000)
        return Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8", .cacheControl: "private, no-store",
            .contentDisposition: "attachment; filename=\"a-verifier.csv\"",
        ], body: .init(byteBuffer: ByteBuffer(string: DueListPage.csv(records, catalog: directory.catalog, baseURL: web.baseURL))))
    }

    func requestConfirmation(_ context: AppRequestContext, _ identity: Identity) async throws -> Response {
        do {
            try await confirmations.requestConfirmation(try context.parameters.require("id"), by: EditingController.actor(context, identity))
        } catch let refusal as Refusal where refusal.kind == .invalid {
            return try await duePage(context, identity, error: refusal.message, status: .unprocessableContent)
        }
        return Response(status: .seeOther, headers: [.location: Route.toVerify.path() + "?message=demande"])
    }

    // MARK: The enterprise's side (public, with the link's token)

    private func makeFrame(_ request: Request, _ context: AppRequestContext, notice: String? = nil, error: String? = nil) throws -> (StaffFrame, String?) {
        let (csrf, cookie) = try CSRF.token(for: request, context: context, secure: secureCookies)
        return (StaffFrame(web.context(.fr, context), title: "Confirmation de votre fiche", path: Route.confirmation.path(), csrf: csrf, notice: notice, error: error), cookie)
    }

    func confirmationPage(_ request: Request, _ context: AppRequestContext, token: String, input: EnterpriseFormInput? = nil,
                          issues: [FieldIssue] = [], error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (frame, cookie) = try makeFrame(request, context, error: error)
        guard let enterprise = try await confirmations.enterprise(forToken: token) else {
            let model = ConfirmPage(frame: frame, name: "", token: "", facts: [], valid: false, done: nil, form: nil, version: 0)
            return try web.renderer.staff(model, template: "confirmation", status: .gone, setCookies: [cookie])
        }
        let catalog = directory.catalog
        let facts = [ProfileField.name, .address, .municipalityCode, .phone, .email, .website, .sectors, .offerings].map {
            EnterpriseHistoryPage.Change(label: $0.label, before: "", after: $0.display(enterprise.profile, catalog: catalog))
        }
        let model = ConfirmPage(frame: frame, name: enterprise.profile.name, token: token, facts: facts, valid: true, done: nil,
                                form: EnterpriseFormModel(input ?? EnterpriseFormInput(enterprise.profile), issues: issues), version: enterprise.version)
        return try web.renderer.staff(model, template: "confirmation", status: status, setCookies: [cookie])
    }

    func confirm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.parse(request)
        try CSRF.verify(form, request: request, context: context)
        let token = form["jeton"]
        guard let enterprise = try await confirmations.enterprise(forToken: token) else {
            return try await confirmationPage(request, context, token: token)
        }
        let (frame, cookie) = try makeFrame(request, context)
        let client = context.clientAddress
        let done: String
        do {
            if form["action"] == "proposer" {
                let input = EnterpriseFormInput(form)
                let (profile, inputIssues) = input.profile()
                do {
                    try await confirmations.propose(token: token, profile: profile, inputIssues: inputIssues, baseVersion: Int(form["version"]), client: client)
                } catch let failure as ValidationFailure {
                    return try await confirmationPage(request, context, token: token, input: input, issues: failure.issues, status: .unprocessableContent)
                }
                done = "Merci ! Vos corrections ont été transmises à l'équipe de votre pôle régional, qui les vérifiera avant de les publier."
            } else {
                _ = try await confirmations.confirm(token: token, client: client)
                done = "Merci ! Votre fiche est confirmée à jour en date d'aujourd'hui."
            }
        } catch let refusal as Refusal where refusal.kind == .gone {
            return try await confirmationPage(request, context, token: token)
        } catch StoreError.conflict {
            return try await confirmationPage(request, context, token: token, error: "La fiche vient d'être modifiée : vérifiez-la de nouveau ci-dessous.",
                                              status: .conflict)
        }
        let model = ConfirmPage(frame: frame, name: enterprise.profile.name, token: "", facts: [], valid: false, done: done, form: nil, version: 0)
        return try web.renderer.staff(model, template: "confirmation", setCookies: [cookie])
    }
}


// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension ConfirmationController.ConfirmPage: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "name": self.name
        case "token": self.token
        case "facts": self.facts
        case "valid": self.valid
        case "done": self.done
        case "form": self.form
        case "version": self.version
        default: nil
        }
    }
}
