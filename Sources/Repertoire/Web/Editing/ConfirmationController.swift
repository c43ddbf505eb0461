import Foundation
import Hummingbird
import SQLKit

/// Keeping records current: `/gestion/a-verifier` lists the enterprises of the editor's regions
/// not verified for a year, oldest first, with a one-click request that emails the enterprise a
/// single-use link to `/confirmation`, where it confirms its record or proposes changes.
struct ConfirmationController: Sendable {
    let editing: EditingController
    let baseURL: String
    let secureCookies: Bool

    var web: WebController { editing.web }
    var directory: DirectoryService { editing.directory }

    /// Records verified longer ago than this are due.
    static let dueAfterMonths = 12

    struct DueItem: Sendable {
        var name: String
        var editURL: String
        var place: String
        var lastVerified: String
        var email: String?
        var requestURL: String
    }

    struct DuePage: Sendable {
        var frame: StaffFrame
        var items: [DueItem]
        var count: Int
        var hasItems: Bool
    }

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
        guarded.get("gestion/a-verifier", .editEnterprises) { request, context, identity in
            let code = FormQuery.parameters(request).first { $0.0 == "message" }?.1
            return try await duePage(context, identity, notice: code == "demande" ? "La demande de confirmation a été envoyée par courriel." : nil)
        }
        guarded.post("gestion/entreprises/:id/demander-confirmation", .editEnterprises) { _, context, identity, _ in
            try await requestConfirmation(context, identity)
        }
        router.get("confirmation") { request, context in
            try await confirmationPage(request, context, token: FormQuery.parameters(request).first { $0.0 == "jeton" }?.1 ?? "")
        }
        router.post("confirmation") { request, context in
            try await confirm(request, context)
        }
    }

    // MARK: Staff

    /// Enterprises of the user's regions (all for administrators) due for verification, the
    /// never-verified first, then the oldest.
    func due(for user: User, now: Date = Date()) -> [EnterpriseSummary] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Toronto") ?? .gmt
        let limit = CalendarDay.string(from: calendar.date(byAdding: .month, value: -Self.dueAfterMonths, to: now) ?? now)
        return directory.allSummaries
            .filter { user.mayEdit(regionCode: $0.regionCode) && ($0.lastVerified.map { $0 < limit } ?? true) }
            .sorted { ($0.lastVerified ?? "", $0.name) < ($1.lastVerified ?? "", $1.name) }
    }

    func duePage(_ context: AppRequestContext, _ identity: Identity, notice: String? = nil, error: String? = nil,
                 status: HTTPResponse.Status = .ok) async throws -> Response {
        let items = due(for: identity.user).prefix(500).map { summary in
            DueItem(name: summary.name, editURL: EditingURL.edit(summary.id),
                    place: [summary.municipalityName, summary.regionCode.flatMap(Region.find)?.name].compactMap { $0 }.joined(separator: ", "),
                    lastVerified: summary.lastVerified ?? "jamais", email: summary.email, requestURL: EditingURL.requestConfirmation(summary.id))
        }
        let model = DuePage(frame: StaffFrame(web.context(.fr, context), title: "À vérifier", path: EditingURL.toVerify,
                                              csrf: identity.csrfToken ?? "", notice: notice, error: error),
                            items: Array(items), count: items.count, hasItems: !items.isEmpty)
        return try web.renderer.staff(model, template: "toverify", status: status)
    }

    func requestConfirmation(_ context: AppRequestContext, _ identity: Identity) async throws -> Response {
        let enterprise = try await editing.reachable(context, identity)
        guard let email = enterprise.profile.email else {
            return try await duePage(context, identity,
                                     error: "« \(enterprise.profile.name) » n'a pas de courriel public : impossible de lui écrire. Ajoutez son courriel dans la fiche, ou appelez-la puis cliquez « Vérifié aujourd'hui ».",
                                     status: .unprocessableContent)
        }
        let mail = editing.mail
        let baseURL = self.baseURL
        let user = identity.user
        let client = context.clientAddress
        try await directory.enterprises.database.transaction { sql in
            let now = Date()
            let secret = try await OneTimeTokenStore.issue(.confirmation, userID: nil, enterpriseID: enterprise.id, createdBy: user.id, now: now, on: sql)
            let link = baseURL + "/confirmation?jeton=" + secret
            try await mail.enqueue(MailDraft(to: email, subject: "Votre fiche dans Répertoire est-elle à jour ?", body: """
                Bonjour,

                « \(enterprise.profile.name) » figure dans Répertoire, le répertoire des entreprises d'économie sociale consulté par les acheteurs municipaux.
                Pouvez-vous nous confirmer que votre fiche est exacte, ou nous proposer des corrections ? Ce lien sert une seule fois et expire dans 30 jours :

                \(link)

                Merci !
                \(user.name.isEmpty ? "L'équipe Répertoire" : user.name)
                """, kind: "confirmation"), now: now, on: sql)
            try await AuditLog.record(.confirmationRequested, actor: user, target: enterprise.slug, detail: "à \(email)", client: client, now: now, on: sql)
        }
        return Response(status: .seeOther, headers: [.location: EditingURL.toVerify + "?message=demande"])
    }

    // MARK: The enterprise's side (public, with the link's token)

    /// The enterprise a still-valid confirmation link is for.
    private func enterprise(forToken token: String) async throws -> Enterprise? {
        let found = try await directory.enterprises.database.read { sql in try await OneTimeTokenStore.find(token, on: sql) }
        guard let found, found.purpose == .confirmation, found.usedAt == nil, found.expiresAt > Date(), let id = found.enterpriseID else { return nil }
        return try await directory.enterprises.find(id)
    }

    private func makeFrame(_ request: Request, _ context: AppRequestContext, notice: String? = nil, error: String? = nil) -> (StaffFrame, String?) {
        let (csrf, cookie) = CSRF.token(for: request, identity: context.identity, secure: secureCookies)
        return (StaffFrame(web.context(.fr, context), title: "Confirmation de votre fiche", path: "/confirmation", csrf: csrf, notice: notice, error: error), cookie)
    }

    func confirmationPage(_ request: Request, _ context: AppRequestContext, token: String, input: EnterpriseFormInput? = nil,
                          issues: [FieldIssue] = [], error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (frame, cookie) = makeFrame(request, context, error: error)
        guard let enterprise = try await enterprise(forToken: token) else {
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

    struct LinkAlreadyUsed: Error {}

    func confirm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.parse(request)
        try CSRF.verify(form, request: request, identity: context.identity)
        let token = form["jeton"]
        guard let enterprise = try await enterprise(forToken: token) else {
            return try await confirmationPage(request, context, token: token)
        }
        let (frame, cookie) = makeFrame(request, context)
        let client = context.clientAddress
        do {
            if form["action"] == "proposer" {
                let input = EnterpriseFormInput(form)
                let (profile, inputIssues) = input.profile()
                let valid: EnterpriseProfile
                do {
                    let (checked, _) = try profile.validated(using: directory.catalog)
                    guard inputIssues.isEmpty else { throw ValidationFailure(inputIssues) }
                    valid = checked
                } catch let failure as ValidationFailure {
                    return try await confirmationPage(request, context, token: token, input: input,
                                                      issues: inputIssues + failure.issues.filter { !inputIssues.contains($0) }, status: .unprocessableContent)
                }
                let proposal = Proposal(id: UUID().uuidString.lowercased(), enterpriseID: enterprise.id, baseVersion: Int(form["version"]) ?? enterprise.version,
                                        profile: valid, proposedByID: nil, proposer: Author.confirmationLink.label, proposerEmail: enterprise.profile.email,
                                        proposedAt: Date(), status: .pending)
                try await ProposalsController.submit(proposal, enterpriseName: enterprise.profile.name, actor: nil, client: client,
                                                     database: directory.enterprises.database) { sql in
                    guard try await OneTimeTokenStore.consume(token, now: Date(), on: sql) else { throw LinkAlreadyUsed() }
                }
                let model = ConfirmPage(frame: frame, name: enterprise.profile.name, token: "", facts: [], valid: false,
                                        done: "Merci ! Vos corrections ont été transmises à l'équipe de votre pôle régional, qui les vérifiera avant de les publier.",
                                        form: nil, version: 0)
                return try web.renderer.staff(model, template: "confirmation", setCookies: [cookie])
            }
            _ = try await directory.verify(enterprise.id, expectedVersion: enterprise.version, by: .confirmationLink) { sql, _, after in
                guard try await OneTimeTokenStore.consume(token, now: Date(), on: sql) else { throw LinkAlreadyUsed() }
                try await AuditLog.record(.enterpriseVerified, actor: nil, target: after.slug, detail: "confirmée par l'entreprise (lien)", client: client, on: sql)
            }
            let model = ConfirmPage(frame: frame, name: enterprise.profile.name, token: "", facts: [], valid: false,
                                    done: "Merci ! Votre fiche est confirmée à jour en date d'aujourd'hui.", form: nil, version: 0)
            return try web.renderer.staff(model, template: "confirmation", setCookies: [cookie])
        } catch is LinkAlreadyUsed {
            return try await confirmationPage(request, context, token: token)
        } catch StoreError.conflict {
            return try await confirmationPage(request, context, token: token, error: "La fiche vient d'être modifiée : vérifiez-la de nouveau ci-dessous.",
                                              status: .conflict)
        }
    }
}

extension ConfirmationController.DuePage: StaffPageModel {}
extension ConfirmationController.ConfirmPage: StaffPageModel {}
