import Foundation
import Hummingbird

/// Calls for interest on the web: the buyer's pages (`/acheteurs/appels`), and the enterprise's
/// answer and stop pages reached from the e-mail's links (no account). Thin handlers over
/// ``CallService``; every form works without JavaScript and sends the page's language.
struct CallsController: Sendable {
    let web: WebController
    let calls: CallService
    let audit: AuditLog
    let thresholds: ThresholdStore
    let secureCookies: Bool
    /// The purchasing record: the contracts recorded from a call's answers.
    var records: PurchaseRecordService? = nil

    var directory: DirectoryService { web.directory }

    /// A new call's form: its fields and every attachment.
    var maxCreateSize: Int { calls.settings.maxFileBytes * CallForInterest.maxAttachments + 1_000_000 }
    /// An answer: its fields and one document.
    var maxAnswerSize: Int { calls.settings.maxFileBytes + 200_000 }

    func addRoutes(to router: Router<AppRequestContext>, guarded: GuardedRoutes) {
        for language in Language.allCases {
            guarded.get(.calls, language) { _, context, identity in try await self.index(context, identity, language) }
            guarded.get(.newCall, language) { request, context, identity in try await self.newForm(request, context, identity, language) }
            guarded.get(.call, language) { request, context, identity in
                try await self.show(try context.parameters.require("id"), request, context, identity, language)
            }
            router.get(.callAnswer, language) { request, context in try await self.answerPage(request, context, language) }
            router.get(.callUnsubscribe, language) { request, context in try await self.unsubscribePage(request, context, language) }
        }
        guarded.upload(.calls, maximumSize: maxCreateSize) { _, context, identity, form in try await self.create(context, identity, form) }
        guarded.post(.callUpdate) { _, context, identity, form in try await self.update(try context.parameters.require("id"), context, identity, form) }
        guarded.post(.callRecipients) { _, context, identity, form in
            try await self.recipients(try context.parameters.require("id"), context, identity, form)
        }
        guarded.upload(.callAttachments, maximumSize: calls.settings.maxFileBytes + 200_000) { _, context, identity, form in
            try await self.attachments(try context.parameters.require("id"), context, identity, form)
        }
        guarded.get(.callFile) { _, context, identity in
            let found = try await self.calls.file(try context.parameters.require("file"), of: try context.parameters.require("id"), for: identity.user)
            return Self.download(found.file, found.bytes)
        }
        guarded.post(.callSend) { _, context, identity, form in try await self.send(try context.parameters.require("id"), context, identity, form) }
        guarded.post(.callClose) { _, context, identity, form in try await self.close(try context.parameters.require("id"), context, identity, form) }
        guarded.get(.callExport) { request, context, identity in try await self.export(try context.parameters.require("id"), request, context, identity) }
        guarded.post(.myEnterpriseCalls) { _, context, identity, form in
            try await self.calls.setReceivesCalls(form["recevoir"] == "oui", by: identity.user, client: context.clientAddress)
            return Self.redirect(Route.myEnterprise.path() + "?message=appels")
        }
        router.post(.callAnswer) { request, context in try await self.answer(request, context) }
        router.post(.callUnsubscribe) { request, context in try await self.unsubscribe(request, context) }
    }

    // MARK: Helpers

    private func webContext(_ language: Language, _ context: AppRequestContext, _ identity: Identity?) -> WebContext {
        var web = self.web.context(language, context)
        web.identity = identity
        return web
    }

    private static func language(_ form: FormBody) -> Language { form["langue"] == "en" ? .en : .fr }

    private static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    private static func status(of refusal: Refusal) -> HTTPResponse.Status {
        switch refusal.kind {
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .conflict: .conflict
        case .gone: .gone
        default: .unprocessableContent
        }
    }

    private func page(_ body: SafeHTML, title: String, path: SiteURL, web: WebContext, status: HTTPResponse.Status = .ok,
                      headers: HTTPFields = [:]) throws -> Response {
        var fields: HTTPFields = [.cacheControl: "private, no-store"]
        for field in headers { fields[field.name] = field.value }
        let model = WrittenPage(t: web.t, layout: web.layout(title: title, description: title, path: path, fictional: false), body: body)
        return try self.web.renderer.html(model, template: "written", status: status, headers: fields)
    }

    private func refused(_ refusal: Refusal, back: String?, path: SiteURL, _ web: WebContext, headers: HTTPFields = [:]) throws -> Response {
        try page(CallPages.refusal(refusal, back: back, web: web), title: refusal.title, path: path, web: web, status: Self.status(of: refusal), headers: headers)
    }

    /// A file of a call, always as a download: never shown inline, never sniffed as HTML.
    static func download(_ file: CallFile, _ bytes: [UInt8]) -> Response {
        Response(status: .ok, headers: [
            .contentType: file.contentType, .contentDisposition: CallDocument.disposition(file.fileName),
            .cacheControl: "private, no-store", .xContentTypeOptions: "nosniff",
        ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private func bands() async throws -> (invitation: Int64, publicCall: Int64) {
        let rows = try await thresholds.all()
        let today = CalendarDay.string(from: Date())
        return (ProcurementThreshold.inForce(rows, kind: .invitation, on: today)?.amountCents ?? 2_500_000,
                ProcurementThreshold.inForce(rows, kind: .publicCall, on: today)?.amountCents ?? 13_380_000)
    }

    // MARK: The buyer's pages

    func index(_ context: AppRequestContext, _ identity: Identity, _ language: Language) async throws -> Response {
        let web = webContext(language, context, identity)
        let listed = try await calls.calls(for: identity.user)
        let counts = try await calls.counts(for: identity.user)
        return try page(CallPages.index(listed, counts: counts, user: identity.user, calls: calls, web: web),
                        title: web.tr("Appels d'intérêt", "Calls for interest"), path: .route(.calls), web: web)
    }

    func newForm(_ request: Request, _ context: AppRequestContext, _ identity: Identity, _ language: Language) async throws -> Response {
        let web = webContext(language, context, identity)
        let parameters = FormQuery.parameters(request)
        func value(_ name: String) -> String { parameters.last { $0.0 == name }?.1 ?? "" }
        guard let municipality = identity.user.municipalityCode, identity.user.roles.contains(.buyer) else {
            return try refused(CallService.buyersOnly, back: Route.calls.path(language: language), path: .route(.newCall), web)
        }
        var state = CallPages.FormState(input: CallService.Input())
        do {
            if !value("modifier").isEmpty {
                let opened = try await calls.open(value("modifier"), for: identity.user)
                guard opened.access == .owner, opened.call.status.isEditable else {
                    throw opened.access == .owner ? CallService.alreadySent : CallService.ownerOnly
                }
                state.input = CallService.Input(opened.call)
                state.callID = opened.call.id
            } else {
                // From the buyers' tab (its words), the advisor (need, kind, amount) or a list.
                state.input.title = value("titre")
                state.input.kind = value("type")
                state.input.place = calls.places(for: municipality).first?.value ?? ""
                state.input.amountBand = CallForInterest.AmountBand.unknown.rawValue
                if case .success(let cents) = ProcurementRules.parseAmount(value("montant")), !value("montant").isEmpty {
                    let b = try await bands()
                    state.input.amountBand = CallForInterest.AmountBand.of(amountCents: cents, invitation: b.invitation, publicCall: b.publicCall).rawValue
                }
                state.input.deadline = CalendarDay.string(from: Date().addingTimeInterval(14 * 24 * 3600))
                if !value("liste").isEmpty {
                    let list = try await calls.lists.list(value("liste"), for: identity.user)
                    state.listID = list.id
                    state.listName = list.name
                    if state.input.title.isEmpty { state.input.title = list.name }
                }
            }
        } catch let refusal as Refusal {
            return try refused(refusal, back: Route.calls.path(language: language), path: .route(.newCall), web)
        }
        return try await formPage(state, municipality: municipality, web: web, status: .ok)
    }

    private func formPage(_ state: CallPages.FormState, municipality: String, web: WebContext, status: HTTPResponse.Status) async throws -> Response {
        let body = CallPages.form(state, municipality: municipality, calls: calls, bands: try await bands(), csrf: web.identity?.csrfToken ?? "", web: web)
        let title = state.callID == nil ? web.tr("Nouvel appel d'intérêt", "New call for interest") : web.tr("Modifier le besoin", "Change the need")
        return try page(body, title: title, path: .route(.newCall), web: web, status: status)
    }

    private static func input(_ fields: (String) -> String, all: (String) -> [String]) -> CallService.Input {
        var input = CallService.Input()
        input.title = fields("titre")
        input.description = fields("description")
        input.kind = fields("type")
        input.sectors = all("secteur")
        input.place = fields("lieu")
        input.amountBand = fields("montant")
        input.deadline = fields("date-limite")
        return input
    }

    func create(_ context: AppRequestContext, _ identity: Identity, _ multipart: MultipartForm) async throws -> Response {
        let form = FormBody(fields: multipart.fields)
        let language = Self.language(form)
        let web = webContext(language, context, identity)
        let input = Self.input({ form.raw($0) }, all: { form.all($0) })
        let uploads = multipart.files.filter { $0.field == "pieces" && !($0.data.isEmpty && $0.fileName.isEmpty) }
            .map { CallService.Upload(fileName: $0.fileName, bytes: $0.data) }
        let listID = form["liste"].isEmpty ? nil : form["liste"]
        var state = CallPages.FormState(input: input, listID: listID)
        do {
            let call = try await calls.create(input, attachments: uploads, fromList: listID, by: identity.user, client: context.clientAddress)
            return Self.redirect(Route.call.path(call.id, language: language) + "?message=cree")
        } catch let errors as CallService.FieldErrors {
            state.errors = errors.errors
        } catch let refusal as Refusal where refusal.kind == .invalid {
            state.errors = [CallService.FieldError(field: "pieces", message: refusal.message, english: refusal.english)]
        }
        if let listID { state.listName = try? await calls.lists.list(listID, for: identity.user).name }
        return try await formPage(state, municipality: identity.user.municipalityCode ?? "", web: web, status: .unprocessableContent)
    }

    func update(_ id: String, _ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let language = Self.language(form)
        let web = webContext(language, context, identity)
        let input = Self.input({ form.raw($0) }, all: { form.all($0) })
        do {
            let call = try await calls.update(id, input, by: identity.user, client: context.clientAddress)
            return Self.redirect(Route.call.path(call.id, language: language) + "?message=enregistre")
        } catch let errors as CallService.FieldErrors {
            let state = CallPages.FormState(input: input, errors: errors.errors, callID: id)
            return try await formPage(state, municipality: identity.user.municipalityCode ?? "", web: web, status: .unprocessableContent)
        } catch let refusal as Refusal {
            return try refused(refusal, back: Route.call.path(id, language: language), path: .route(.call, [id]), web)
        }
    }

    func show(_ id: String, _ request: Request, _ context: AppRequestContext, _ identity: Identity, _ language: Language,
              error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let web = webContext(language, context, identity)
        let opened = try await calls.open(id, for: identity.user)
        let parameters = FormQuery.parameters(request)
        var state = CallPages.CallPageState(bands: try await bands())
        state.notice = parameters.last { $0.0 == "message" }.flatMap { CallPages.notice($0.1, web) }
        state.error = error
        state.addQuery = String((parameters.last { $0.0 == "ajout" }?.1 ?? "").prefix(DirectoryQuery.maxTextLength))
        if opened.access >= .colleague, let records {
            state.contracts = try await records.contractsByEnterprise(fromCall: id)
            state.canRecordContracts = PurchaseRecordService.canRecord(in: opened.call.municipalityCode, identity.user) && identity.user.roles.contains(.buyer)
        }
        if !state.addQuery.trimmingCharacters(in: .whitespaces).isEmpty && opened.access == .owner {
            var query = DirectoryQuery()
            query.text = state.addQuery
            query.everywhere = true
            let present = Set(opened.entries.map(\.recipient.enterpriseID))
            state.addResults = directory.searchAll(query, limit: 20).filter { !present.contains($0.id) }.prefix(10).map { $0 }
        }
        return try page(CallPages.call(opened, state: state, calls: calls, csrf: identity.csrfToken ?? "", web: web),
                        title: opened.call.title, path: .route(.call, [id]), web: web, status: status)
    }

    /// Runs a change of the call page and comes back to it, or shows the page with the refusal.
    private func change(_ id: String, _ context: AppRequestContext, _ identity: Identity, _ form: FormBody, message: String,
                        _ body: () async throws -> Void) async throws -> Response {
        let language = Self.language(form)
        do {
            try await body()
            return Self.redirect(Route.call.path(id, language: language) + "?message=" + message)
        } catch let refusal as Refusal where refusal.kind != .notFound {
            let web = webContext(language, context, identity)
            return try refused(refusal, back: Route.call.path(id, language: language), path: .route(.call, [id]), web)
        }
    }

    func recipients(_ id: String, _ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let client = context.clientAddress
        switch form["action"] {
        case "proposer":
            return try await change(id, context, identity, form, message: "propose") { try await calls.propose(id, by: identity.user, client: client) }
        case "ajouter":
            return try await change(id, context, identity, form, message: "enregistre") {
                try await calls.add(form["entreprise"], to: id, by: identity.user, client: client)
            }
        case "retirer":
            return try await change(id, context, identity, form, message: "enregistre") {
                try await calls.remove(form["entreprise"], from: id, by: identity.user, client: client)
            }
        default:
            throw Problem(.badRequest, title: "Action inconnue", detail: "Action « \(form["action"]) » inconnue : proposer, ajouter ou retirer.",
                          english: "Unknown action \"\(form["action"])\": proposer, ajouter or retirer.")
        }
    }

    func attachments(_ id: String, _ context: AppRequestContext, _ identity: Identity, _ multipart: MultipartForm) async throws -> Response {
        let form = FormBody(fields: multipart.fields)
        return try await change(id, context, identity, form, message: "enregistre") {
            if !form["retirer"].isEmpty {
                try await calls.detach(form["retirer"], from: id, by: identity.user, client: context.clientAddress)
                return
            }
            guard let file = multipart.files.first(where: { $0.field == "pieces" && !$0.data.isEmpty }) else {
                throw Refusal(.invalid, title: "Aucun fichier", message: "Choisissez un fichier à joindre.", english: "Choose a file to attach.")
            }
            try await calls.attach(CallService.Upload(fileName: file.fileName, bytes: file.data), to: id, by: identity.user, client: context.clientAddress)
        }
    }

    func send(_ id: String, _ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        try await change(id, context, identity, form, message: "envoye") { try await calls.send(id, by: identity.user, client: context.clientAddress) }
    }

    func close(_ id: String, _ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        if form["action"] == "annuler" {
            return try await change(id, context, identity, form, message: "annule") {
                try await calls.cancel(id, message: form.raw("message"), by: identity.user, client: context.clientAddress)
            }
        }
        return try await change(id, context, identity, form, message: "ferme") { try await calls.close(id, by: identity.user, client: context.clientAddress) }
    }

    func export(_ id: String, _ request: Request, _ context: AppRequestContext, _ identity: Identity) async throws -> Response {
        let parameters = FormQuery.parameters(request)
        let formatText = parameters.last { $0.0 == "format" }?.1 ?? "xlsx"
        let language: Language = parameters.last { $0.0 == "langue" }?.1 == "en" ? .en : .fr
        guard let format = ExportFormat(rawValue: formatText), format != .json else {
            throw Problem(.badRequest, title: "Paramètre invalide",
                          detail: "Paramètre « format » : « \(formatText) » n'est pas un format d'export (csv, csv-pv ou xlsx).",
                          english: "Parameter 'format': '\(formatText)' is not an export format (csv, csv-pv or xlsx).")
        }
        let (call, bytes) = try await calls.export(id, format: format, by: identity.user, client: context.clientAddress, audit: audit, language: language)
        let name = Slug.make(from: call.title)
        return Response(status: .ok, headers: [
            .contentType: format.contentType, .cacheControl: "private, no-store",
            .contentDisposition: "attachment; filename=\"appel-\(name.isEmpty ? "interet" : name).\(format.fileExtension)\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    // MARK: The enterprise's side

    private func answerPath(_ callID: String, _ secret: String) -> SiteURL {
        .routeWithQuery(.callAnswer, "appel=\(Route.escape(callID))&jeton=\(Route.escape(secret))")
    }

    func answerPage(_ request: Request, _ context: AppRequestContext, _ language: Language) async throws -> Response {
        let parameters = FormQuery.parameters(request)
        func value(_ name: String) -> String { parameters.last { $0.0 == name }?.1 ?? "" }
        let web = webContext(language, context, nil)
        let (csrf, cookie) = try CSRF.token(for: request, context: context, secure: secureCookies)
        let headers: HTTPFields = cookie.map { [.setCookie: $0, .referrerPolicy: "no-referrer"] } ?? [.referrerPolicy: "no-referrer"]
        do {
            let answer = try await calls.answerContext(callID: value("appel"), secret: value("jeton"), markOpened: value("fichier").isEmpty)
            if !value("fichier").isEmpty {
                guard let file = answer.attachments.first(where: { $0.id == value("fichier") }),
                      let found = try await calls.store.file(id: file.id) else { throw Refusal.notFound("Ce fichier", english: "This file") }
                return Self.download(found.file, found.bytes)
            }
            let body = CallPages.answer(answer, secret: value("jeton"), state: CallPages.AnswerState(), csrf: CSRF.mask(csrf), web: web)
            return try page(body, title: web.tr("Appel d'intérêt : ", "Call for interest: ") + answer.call.title, path: answerPath(answer.call.id, value("jeton")),
                            web: web, headers: headers)
        } catch let refusal as Refusal {
            return try refused(refusal, back: nil, path: .route(.callAnswer), web, headers: headers)
        }
    }

    func answer(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let multipart = try await MultipartForm.parse(request, maximumSize: maxAnswerSize)
        let form = FormBody(fields: multipart.fields)
        try CSRF.verify(form, request: request, context: context)
        let language = Self.language(form)
        let web = webContext(language, context, nil)
        let (csrf, cookie) = try CSRF.token(for: request, context: context, secure: secureCookies)
        let headers: HTTPFields = cookie.map { [.setCookie: $0, .referrerPolicy: "no-referrer"] } ?? [.referrerPolicy: "no-referrer"]
        let callID = form["appel"], secret = form["jeton"]
        let input = CallService.AnswerInput(answer: form["reponse"], message: form.raw("message"), reason: form["raison"],
                                            contactName: form["contact-nom"], contactEmail: form["contact-courriel"], contactPhone: form["contact-telephone"])
        let document = multipart.file("document").flatMap { $0.data.isEmpty && $0.fileName.isEmpty ? nil : CallService.Upload(fileName: $0.fileName, bytes: $0.data) }
        do {
            let saved = try await calls.answer(callID: callID, secret: secret, input, document: document, client: context.clientAddress)
            let body = CallPages.answer(saved, secret: secret, state: CallPages.AnswerState(done: true), csrf: CSRF.mask(csrf), web: web)
            return try page(body, title: web.tr("Réponse enregistrée", "Answer saved"), path: answerPath(callID, secret), web: web, headers: headers)
        } catch let errors as CallService.FieldErrors {
            let answer = try await calls.answerContext(callID: callID, secret: secret)
            let body = CallPages.answer(answer, secret: secret, state: CallPages.AnswerState(input: input, errors: errors.errors), csrf: CSRF.mask(csrf), web: web)
            return try page(body, title: web.tr("Réponse à corriger", "Answer to fix"), path: answerPath(callID, secret), web: web,
                            status: .unprocessableContent, headers: headers)
        } catch let refusal as Refusal {
            return try refused(refusal, back: nil, path: .route(.callAnswer), web, headers: headers)
        }
    }

    func unsubscribePage(_ request: Request, _ context: AppRequestContext, _ language: Language) async throws -> Response {
        let secret = FormQuery.parameters(request).last { $0.0 == "jeton" }?.1 ?? ""
        let web = webContext(language, context, nil)
        let (csrf, cookie) = try CSRF.token(for: request, context: context, secure: secureCookies)
        let headers: HTTPFields = cookie.map { [.setCookie: $0, .referrerPolicy: "no-referrer"] } ?? [.referrerPolicy: "no-referrer"]
        do {
            let (enterprise, optedOut) = try await calls.unsubscribeTarget(secret: secret)
            let body = CallPages.unsubscribe(enterprise: enterprise.profile.name, optedOut: optedOut, done: false, secret: secret, csrf: CSRF.mask(csrf), web: web)
            return try page(body, title: web.tr("Ne plus recevoir d'appels d'intérêt", "Stop receiving calls for interest"),
                            path: .routeWithQuery(.callUnsubscribe, "jeton=" + Route.escape(secret)), web: web, headers: headers)
        } catch let refusal as Refusal {
            return try refused(refusal, back: nil, path: .route(.callUnsubscribe), web, headers: headers)
        }
    }

    /// The confirmation form, or a mail program's one-click POST (RFC 8058: the link's own
    /// secret in the query, `List-Unsubscribe=One-Click` in the body, no cookie).
    func unsubscribe(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = FormQuery.parameters(request)
        let form = try await FormBody.parse(request)
        if let secret = query.last(where: { $0.0 == "jeton" })?.1, form["List-Unsubscribe"] == "One-Click" {
            do {
                _ = try await calls.unsubscribe(secret: secret, client: context.clientAddress)
                return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(string: "Désabonnement enregistré. / Unsubscribed.\n")))
            } catch let refusal as Refusal {
                return Response(status: Self.status(of: refusal), headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(string: refusal.message + "\n" + refusal.english + "\n")))
            }
        }
        try CSRF.verify(form, request: request, context: context)
        let language = Self.language(form)
        let web = webContext(language, context, nil)
        do {
            let enterprise = try await calls.unsubscribe(secret: form["jeton"], client: context.clientAddress)
            let body = CallPages.unsubscribe(enterprise: enterprise.profile.name, optedOut: true, done: true, secret: "", csrf: "", web: web)
            return try page(body, title: web.tr("Désabonnement enregistré", "Unsubscribed"), path: .route(.callUnsubscribe), web: web,
                            headers: [.referrerPolicy: "no-referrer"])
        } catch let refusal as Refusal {
            return try refused(refusal, back: nil, path: .route(.callUnsubscribe), web)
        }
    }
}
