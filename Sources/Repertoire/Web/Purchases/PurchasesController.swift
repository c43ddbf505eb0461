import Foundation
import Hummingbird

/// The responsible-purchasing record on the web: the dashboard, the contracts, their form, the
/// export, the publication choice and the public page. Thin handlers over ``PurchaseRecordService``.
struct PurchasesController: Sendable {
    let web: WebController
    let records: PurchaseRecordService
    let calls: CallService

    var directory: DirectoryService { web.directory }
    var imports: PurchaseImport { PurchaseImport(records: records) }

    func addRoutes(to router: Router<AppRequestContext>, guarded: GuardedRoutes) {
        for language in Language.allCases {
            guarded.get(.purchaseDashboard, language) { request, context, identity in try await self.dashboard(request, context, identity, language) }
            guarded.get(.purchaseContracts, language) { request, context, identity in try await self.list(request, context, identity, language) }
            guarded.get(.newPurchaseContract, language) { request, context, identity in try await self.newForm(request, context, identity, language) }
            guarded.get(.purchaseContract, language) { request, context, identity in
                try await self.show(try context.parameters.require("id"), request, context, identity, language)
            }
            router.get(.publicPurchases, language) { request, context in
                try await self.publicPage(try context.parameters.require("municipality"), request, context, language)
            }
        }
        guarded.post(.newPurchaseContract) { _, context, identity, form in try await self.create(context, identity, form) }
        guarded.post(.purchaseContractUpdate) { _, context, identity, form in try await self.update(try context.parameters.require("id"), context, identity, form) }
        guarded.post(.purchaseContractDelete) { _, context, identity, form in try await self.delete(try context.parameters.require("id"), context, identity, form) }
        guarded.post(.purchasePublication) { _, context, identity, form in try await self.publish(context, identity, form) }
        guarded.get(.purchaseContractsExport) { request, context, identity in try await self.export(request, context, identity) }
        guarded.get(.purchaseImport) { request, context, identity in try await self.importPage(context, identity, error: nil) }
        guarded.upload(.purchaseImport, maximumSize: PurchaseImport.maxBytes + 100_000) { _, context, identity, form in try await self.upload(context, identity, form) }
        guarded.get(.purchaseImportPreview) { request, context, identity in
            try await self.importPreview(try context.parameters.require("id"), request, context, identity)
        }
        guarded.post(.purchaseImportMapping) { _, context, identity, form in
            let id = try context.parameters.require("id")
            var mapping: [PurchaseImport.Field: Int] = [:]
            for field in PurchaseImport.Field.allCases { if let index = Int(form[field.rawValue]), index >= 0, index < ImportFile.maxColumns { mapping[field] = index } }
            return try await self.importStep(id, context, identity) { try await self.imports.remap(id, mapping, for: identity.user); return "correspondance" }
        }
        guarded.post(.purchaseImportApply) { _, context, identity, _ in
            let id = try context.parameters.require("id")
            return try await self.importStep(id, context, identity) { "applique-\(try await self.imports.apply(id, by: identity.user, client: context.clientAddress))" }
        }
        guarded.post(.purchaseImportRevert) { _, context, identity, _ in
            let id = try context.parameters.require("id")
            return try await self.importStep(id, context, identity) { "annule-\(try await self.imports.revert(id, by: identity.user, client: context.clientAddress))" }
        }
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

    private func page(_ body: SafeHTML, title: String, path: SiteURL, web: WebContext, status: HTTPResponse.Status = .ok, cache: String = "private, no-store") throws -> Response {
        let model = WrittenPage(t: web.t, layout: web.layout(title: title, description: title, path: path, fictional: false), body: body)
        return try self.web.renderer.html(model, template: "written", status: status, headers: [.cacheControl: cache])
    }

    private func refused(_ refusal: Refusal, path: SiteURL, _ web: WebContext) throws -> Response {
        try page(PurchasePages.refusal(refusal, back: Route.purchaseDashboard.path(language: web.language), web: web), title: refusal.title, path: path, web: web, status: Problem(refusal).status)
    }

    /// The filter a query asks for, in the page's language; see ``PurchaseRecordService/filter(_:defaultScope:)``.
    private func filter(_ parameters: [(String, String)], defaultScope: PurchaseFilter.Scope, web: WebContext) -> (PurchaseFilter, [String]) {
        let (filter, problems) = PurchaseRecordService.filter(parameters, defaultScope: defaultScope)
        return (filter, problems.map { web.tr($0.french, $0.english) })
    }

    private static func notice(_ code: String?, _ web: WebContext) -> String? {
        switch code {
        case "inscrit": web.tr("Le contrat est inscrit au registre.", "The contract is recorded.")
        case "modifie": web.tr("Les changements sont enregistrés.", "The changes are saved.")
        case "supprime": web.tr("Le contrat est supprimé du registre ; son historique reste.", "The contract is deleted from the record; its history stays.")
        case "publication": web.tr("Le choix de publication est enregistré.", "The publication choice is saved.")
        default: nil
        }
    }

    // MARK: Dashboard and list

    func dashboard(_ request: Request, _ context: AppRequestContext, _ identity: Identity, _ language: Language) async throws -> Response {
        let web = webContext(language, context, identity)
        let parameters = FormQuery.parameters(request)
        guard let defaultScope = records.defaultScope(for: identity.user) else {
            return try refused(PurchaseRecordService.viewForbidden, path: .route(.purchaseDashboard), web)
        }
        let (filter, problems) = self.filter(parameters, defaultScope: defaultScope, web: web)
        do {
            let dashboard = try await records.dashboard(filter, for: identity.user)
            var publication: PurchasePublication?
            var canPublish = false
            if let code = PurchaseRecordService.publicCode(filter.scope) {
                canPublish = records.canPublish(filter.scope, identity.user)
                publication = try await records.store.publication(code)
            }
            let canRecord = identity.user.has(.recordPurchases) && (identity.user.roles.contains(.admin) || identity.user.municipalityCode != nil)
            let state = PurchasePages.DashboardState(filters: .init(filter: filter, scopes: records.scopes(for: identity.user), problems: problems), dashboard: dashboard,
                                                     canRecord: canRecord, publication: publication, canPublish: canPublish,
                                                     notice: Self.notice(parameters.last { $0.0 == "message" }?.1, web))
            return try page(PurchasePages.dashboard(state, records: records, csrf: identity.csrfToken ?? "", web: web),
                            title: web.tr("Achats responsables", "Responsible purchasing"), path: .route(.purchaseDashboard), web: web,
                            status: problems.isEmpty ? .ok : .badRequest)
        } catch let refusal as Refusal {
            return try refused(refusal, path: .route(.purchaseDashboard), web)
        }
    }

    func list(_ request: Request, _ context: AppRequestContext, _ identity: Identity, _ language: Language) async throws -> Response {
        let web = webContext(language, context, identity)
        let parameters = FormQuery.parameters(request)
        guard let defaultScope = records.defaultScope(for: identity.user) else {
            return try refused(PurchaseRecordService.viewForbidden, path: .route(.purchaseContracts), web)
        }
        var (filter, problems) = self.filter(parameters, defaultScope: defaultScope, web: web)
        let pageText = parameters.last { $0.0 == "page" }?.1 ?? "1"
        var pageNumber = 1
        if let number = Int(pageText), number >= 1, number <= 100_000 { pageNumber = number } else {
            problems.append(web.tr("Page « \(pageText) » invalide : un nombre à partir de 1.", "Invalid page \"\(pageText)\": a number from 1."))
        }
        do {
            let (contracts, total) = try await records.contracts(filter, for: identity.user, page: pageNumber)
            let years = try await records.store.years(filter.scope)
            let canRecord = identity.user.has(.recordPurchases) && (identity.user.roles.contains(.admin) || identity.user.municipalityCode != nil)
            filter.enterpriseID = nil
            return try page(PurchasePages.list(contracts, total: total, page: pageNumber, state: .init(filter: filter, scopes: records.scopes(for: identity.user), problems: problems),
                                               canRecord: canRecord, records: records, years: years, web: web),
                            title: web.tr("Contrats inscrits", "Recorded contracts"), path: .route(.purchaseContracts), web: web,
                            status: problems.isEmpty ? .ok : .badRequest)
        } catch let refusal as Refusal {
            return try refused(refusal, path: .route(.purchaseContracts), web)
        }
    }

    // MARK: A contract

    private func municipalities(for user: User) -> [(code: String, name: String)] {
        guard user.roles.contains(.admin) else { return [] }
        return directory.catalog.all.map { ($0.code, $0.name) }.sorted { $0.name.compare($1.name, locale: Locale(identifier: "fr_CA")) == .orderedAscending }
    }

    private func callTitle(_ id: String, for user: User) async -> String? {
        guard !id.isEmpty, let opened = try? await calls.open(id, for: user) else { return nil }
        return opened.call.title
    }

    func newForm(_ request: Request, _ context: AppRequestContext, _ identity: Identity, _ language: Language) async throws -> Response {
        let web = webContext(language, context, identity)
        let parameters = FormQuery.parameters(request)
        func value(_ name: String) -> String { parameters.last { $0.0 == name }?.1 ?? "" }
        guard identity.user.roles.contains(.admin) || identity.user.municipalityCode != nil else {
            return try refused(PurchaseRecordService.recordForbidden, path: .route(.newPurchaseContract), web)
        }
        var input = PurchaseRecordService.Input()
        if !value("appel").isEmpty {
            input = try await records.prefill(callID: value("appel"), enterpriseID: value("entreprise"), for: identity.user)
        } else {
            input.municipality = identity.user.municipalityCode ?? ""
            input.awardedOn = CalendarDay.string(from: Date())
        }
        let state = PurchasePages.FormState(input: input, municipalities: municipalities(for: identity.user), callTitle: await callTitle(input.callID, for: identity.user))
        return try page(PurchasePages.newPage(state, csrf: identity.csrfToken ?? "", web: web), title: web.tr("Inscrire un contrat", "Record a contract"),
                        path: .route(.newPurchaseContract), web: web)
    }

    private static func input(_ form: FormBody) -> PurchaseRecordService.Input {
        var input = PurchaseRecordService.Input()
        input.municipality = form["municipalite"]
        input.enterprise = form["entreprise"]
        input.supplierName = form["fournisseur"]
        input.supplierNEQ = form["neq"]
        input.awardedOn = form["date"]
        input.amount = form["montant"]
        input.procedure = form["mode"]
        input.kind = form["type"]
        input.description = form["description"]
        input.callID = form["appel"]
        return input
    }

    func create(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let language = Self.language(form)
        let web = webContext(language, context, identity)
        let input = Self.input(form)
        do {
            switch try await records.record(input, by: identity.user, client: context.clientAddress) {
            case .success(let contract):
                return Self.redirect(Route.purchaseContract.path(contract.id, language: language) + "?message=inscrit")
            case .failure(let failure):
                let state = PurchasePages.FormState(input: input, issues: failure.issues, municipalities: municipalities(for: identity.user),
                                                    callTitle: await callTitle(input.callID, for: identity.user))
                return try page(PurchasePages.newPage(state, csrf: identity.csrfToken ?? "", web: web), title: web.tr("Inscrire un contrat", "Record a contract"),
                                path: .route(.newPurchaseContract), web: web, status: .unprocessableContent)
            }
        } catch let refusal as Refusal {
            return try refused(refusal, path: .route(.newPurchaseContract), web)
        }
    }

    func show(_ id: String, _ request: Request, _ context: AppRequestContext, _ identity: Identity, _ language: Language) async throws -> Response {
        let web = webContext(language, context, identity)
        let notice = Self.notice(FormQuery.parameters(request).last { $0.0 == "message" }?.1, web)
        do {
            let found = try await records.contract(id, for: identity.user)
            let form = found.canEdit ? PurchasePages.FormState(input: .init(found.contract), contract: found.contract, municipalities: municipalities(for: identity.user)) : nil
            return try await contractPage(found.contract, form: form, revisions: found.revisions, notice: notice, identity: identity, web: web)
        } catch let refusal as Refusal {
            return try refused(refusal, path: .route(.purchaseContract, [id]), web)
        }
    }

    private func contractPage(_ contract: PurchaseContract, form: PurchasePages.FormState?, revisions: [PurchaseContractRevision], notice: String?,
                              identity: Identity, web: WebContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        var title: String?
        if let callID = contract.callID { title = await callTitle(callID, for: identity.user) }
        let seao = try await self.web.tenders?.source(ofContract: contract.id)
        return try page(PurchasePages.contractPage(contract, form: form, revisions: revisions, notice: notice, callTitle: title, seao: seao,
                                                   csrf: identity.csrfToken ?? "", web: web),
                        title: contract.supplierName, path: .route(.purchaseContract, [contract.id]), web: web, status: status)
    }

    func update(_ id: String, _ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let language = Self.language(form)
        let web = webContext(language, context, identity)
        let input = Self.input(form)
        do {
            guard let version = Int(form["version"]) else {
                throw Refusal(.invalid, title: "Version manquante", message: "Le formulaire ne dit pas quelle version du contrat il modifie : rechargez la page.",
                              english: "The form does not say which version of the contract it changes: reload the page.")
            }
            switch try await records.update(id, input, expectedVersion: version, by: identity.user, client: context.clientAddress) {
            case .success:
                return Self.redirect(Route.purchaseContract.path(id, language: language) + "?message=modifie")
            case .failure(let failure):
                let found = try await records.contract(id, for: identity.user)
                var state = PurchasePages.FormState(input: input, issues: failure.issues, contract: found.contract, municipalities: municipalities(for: identity.user))
                state.contract?.version = version
                return try await contractPage(found.contract, form: state, revisions: found.revisions, notice: nil, identity: identity, web: web, status: .unprocessableContent)
            }
        } catch let refusal as Refusal {
            return try refused(refusal, path: .route(.purchaseContract, [id]), web)
        }
    }

    func delete(_ id: String, _ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let language = Self.language(form)
        let web = webContext(language, context, identity)
        do {
            let found = try await records.contract(id, for: identity.user)
            try await records.delete(id, expectedVersion: Int(form["version"]) ?? -1, by: identity.user, client: context.clientAddress)
            return Self.redirect(Route.purchaseContracts.path(language: language) + "?territoire=municipalite:\(found.contract.municipalityCode)&message=supprime")
        } catch let refusal as Refusal {
            return try refused(refusal, path: .route(.purchaseContract, [id]), web)
        }
    }

    func publish(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let language = Self.language(form)
        let web = webContext(language, context, identity)
        let code = form["territoire"]
        do {
            try await records.setPublication(code, isPublic: form["publique"] == "oui", exactAmounts: form["montants"] == "exacts", by: identity.user, client: context.clientAddress)
            let scope = PurchaseRecordService.scope(publicCode: code)
            return Self.redirect(Route.purchaseDashboard.path(language: language) + "?territoire=\(Route.escape(PurchaseRecordService.scopeValue(scope)))&message=publication#publication")
        } catch let refusal as Refusal {
            return try refused(refusal, path: .route(.purchaseDashboard), web)
        }
    }

    // MARK: Import

    func importPage(_ context: AppRequestContext, _ identity: Identity, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let web = webContext(.fr, context, identity)
        guard identity.user.roles.contains(.admin) || identity.user.municipalityCode != nil else {
            return try refused(PurchaseRecordService.recordForbidden, path: .route(.purchaseImport), web)
        }
        let batches = try await imports.batches(for: identity.user)
        return try page(PurchaseImportPages.upload(batches: batches, error: error, municipalities: municipalities(for: identity.user), csrf: identity.csrfToken ?? "", web: web),
                        title: "Importer des contrats", path: .route(.purchaseImport), web: web, status: status)
    }

    func upload(_ context: AppRequestContext, _ identity: Identity, _ form: MultipartForm) async throws -> Response {
        let fields = FormBody(fields: form.fields)
        guard let file = form.file("fichier"), !(file.data.isEmpty && file.fileName.isEmpty) else {
            return try await importPage(context, identity, error: "Choisissez un fichier CSV ou Excel (.xlsx).", status: .unprocessableContent)
        }
        do {
            let batch = try await imports.upload(fileName: file.fileName.isEmpty ? "fichier.csv" : file.fileName, bytes: file.data, municipality: fields["municipalite"], by: identity.user)
            return Self.redirect(Route.purchaseImportPreview.path(batch.id))
        } catch let refusal as Refusal {
            return try await importPage(context, identity, error: refusal.message, status: Problem(refusal).status)
        }
    }

    func importPreview(_ id: String, _ request: Request, _ context: AppRequestContext, _ identity: Identity, status: HTTPResponse.Status = .ok, error: String? = nil) async throws -> Response {
        let web = webContext(.fr, context, identity)
        do {
            let preview = try await imports.preview(id, for: identity.user)
            let message = FormQuery.parameters(request).last { $0.0 == "message" }?.1 ?? ""
            let notice: String? = error ?? (message == "correspondance" ? "La correspondance est enregistrée : voici l'aperçu revu." :
                message.hasPrefix("applique-") ? "Import appliqué : \(message.dropFirst(9)) contrat(s) inscrit(s)." :
                message.hasPrefix("annule-") ? "Import annulé : \(message.dropFirst(7)) contrat(s) retiré(s) du registre." : nil)
            return try page(PurchaseImportPages.preview(preview, notice: notice, csrf: identity.csrfToken ?? "", web: web),
                            title: "Import de contrats", path: .route(.purchaseImportPreview, [id]), web: web, status: status)
        } catch let refusal as Refusal {
            return try refused(refusal, path: .route(.purchaseImportPreview, [id]), web)
        }
    }

    private func importStep(_ id: String, _ context: AppRequestContext, _ identity: Identity, _ step: () async throws -> String) async throws -> Response {
        let web = webContext(.fr, context, identity)
        do {
            let message = try await step()
            return Self.redirect(Route.purchaseImportPreview.path(id) + "?message=" + message)
        } catch let refusal as Refusal {
            return try refused(refusal, path: .route(.purchaseImportPreview, [id]), web)
        }
    }

    // MARK: Export

    func export(_ request: Request, _ context: AppRequestContext, _ identity: Identity) async throws -> Response {
        let parameters = FormQuery.parameters(request)
        let language: Language = parameters.last { $0.0 == "langue" }?.1 == "en" ? .en : .fr
        let web = webContext(language, context, identity)
        let formatText = parameters.last { $0.0 == "format" }?.1 ?? "xlsx"
        guard let format = ExportFormat(rawValue: formatText), format != .json else {
            throw Problem(.badRequest, title: "Paramètre invalide",
                          detail: "Paramètre « format » : « \(formatText) » n'est pas un format d'export (csv, csv-pv ou xlsx).",
                          english: "Parameter 'format': '\(formatText)' is not an export format (csv, csv-pv or xlsx).")
        }
        guard let defaultScope = records.defaultScope(for: identity.user) else { throw Problem(PurchaseRecordService.viewForbidden) }
        let (filter, problems) = PurchaseRecordService.filter(parameters, defaultScope: defaultScope)
        guard problems.isEmpty else {
            throw Problem(.badRequest, title: "Filtre invalide", detail: problems.map(\.french).joined(separator: " "), english: problems.map(\.english).joined(separator: " "))
        }
        let bytes = try await records.export(filter, format: format, for: identity.user, language: language)
        return Response(status: .ok, headers: [
            .contentType: format.contentType, .cacheControl: "private, no-store",
            .contentDisposition: "attachment; filename=\"contrats-economie-sociale.\(format.fileExtension)\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    // MARK: The public page

    func publicPage(_ code: String, _ request: Request, _ context: AppRequestContext, _ language: Language) async throws -> Response {
        // Signed-in people see the site's frame with their links; the page itself is the same.
        let web = self.web.context(language, context)
        let cache = web.identity == nil ? "public, max-age=300" : "private, no-store"
        let scope = PurchaseRecordService.scope(publicCode: code)
        guard let publication = try await records.store.publication(code), publication.isPublic, records.exists(scope) else {
            return try page(PurchasePages.refusal(Refusal(.notFound, title: web.tr("Page non publiée", "Page not published"),
                                                          message: "Ce territoire ne publie pas ses achats responsables dans Répertoire.",
                                                          english: "This territory does not publish its responsible purchasing in Répertoire."), back: nil, web: web),
                            title: web.tr("Page non publiée", "Page not published"), path: .route(.publicPurchases, [code]), web: web, status: .notFound)
        }
        var (filter, problems) = self.filter(FormQuery.parameters(request).filter { $0.0 != "territoire" }, defaultScope: scope, web: web)
        filter.scope = scope
        let dashboard = try await records.dashboard(filter)
        var state = PurchasePages.DashboardState(filters: .init(filter: filter, scopes: [filter.scope], problems: problems), dashboard: dashboard,
                                                 canRecord: false, publication: publication, canPublish: false, notice: nil)
        state.view = PurchasePages.View(isPublic: true, exactAmounts: publication.exactAmounts)
        return try page(PurchasePages.dashboard(state, records: records, csrf: "", web: web),
                        title: web.tr("Achats responsables — ", "Responsible purchasing — ") + records.scopeName(filter.scope, english: language == .en),
                        path: .route(.publicPurchases, [code]), web: web, status: problems.isEmpty ? .ok : .badRequest, cache: cache)
    }
}
