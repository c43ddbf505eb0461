import Foundation
import Hummingbird

/// `/acheteurs/listes`: a buyer's purchase lists, and those shared within their municipality.
/// Thin handlers over ``PurchaseListService``; every form works without JavaScript and sends
/// the page's language (`langue`) so that the answer comes back in it.
struct PurchaseListsController: Sendable {
    let web: WebController
    let lists: PurchaseListService

    var directory: DirectoryService { web.directory }

    func addRoutes(to guarded: GuardedRoutes) {
        for language in Language.allCases {
            guarded.get(.purchaseLists, language) { _, context, identity in try await self.index(context, identity, language) }
            guarded.get(.purchaseList, language) { request, context, identity in
                try await self.show(try context.parameters.require("id"), request, context, identity, language)
            }
        }
        guarded.post(.purchaseLists) { _, context, identity, form in try await self.create(context, identity, form) }
        guarded.post(.purchaseListAdd) { _, context, identity, form in try await self.addFromCard(context, identity, form) }
        guarded.post(.purchaseListUpdate) { _, context, identity, form in
            try await self.update(try context.parameters.require("id"), context, identity, form)
        }
        guarded.post(.purchaseListItem) { _, context, identity, form in
            try await self.item(try context.parameters.require("id"), try context.parameters.require("enterprise"), context, identity, form)
        }
        guarded.get(.purchaseListExport) { request, context, identity in
            try await self.export(try context.parameters.require("id"), request, context, identity)
        }
    }

    private func webContext(_ language: Language, _ context: AppRequestContext, _ identity: Identity) -> WebContext {
        var web = self.web.context(language, context)
        web.identity = identity
        return web
    }

    private static func language(_ form: FormBody) -> Language { form["langue"] == "en" ? .en : .fr }

    private static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// A Refusal answered on a page of the site, in the form's language, with a way back.
    private func refused(_ refusal: Refusal, back: String, _ web: WebContext) throws -> Response {
        var w = HTMLWriter()
        w.markup("<div class=\"staff\"><h1>"); w.text(refusal.title); w.markup("</h1><div class=\"alert\" role=\"alert\"><p>")
        w.text(web.language == .fr ? refusal.message : refusal.english); w.markup("</p></div><p><a href=\""); w.text(back); w.markup("\">")
        w.text(web.tr("Revenir à la page précédente", "Back to the previous page")); w.markup("</a></p></div>")
        let status: HTTPResponse.Status = switch refusal.kind {
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .conflict: .conflict
        default: .unprocessableContent
        }
        let model = WrittenPage(t: web.t, layout: web.layout(title: refusal.title, description: refusal.title, path: .route(.purchaseLists), fictional: false), body: w.result)
        return try self.web.renderer.html(model, template: "written", status: status, headers: [.cacheControl: "private, no-store"])
    }

    // MARK: Pages

    func index(_ context: AppRequestContext, _ identity: Identity, _ language: Language,
               error: String? = nil, typedName: String = "", status: HTTPResponse.Status = .ok) async throws -> Response {
        let web = webContext(language, context, identity)
        let all = try await lists.lists(for: identity.user)
        let body = PurchaseListPages.index(all, user: identity.user, error: error, typedName: typedName, csrf: identity.csrfToken ?? "", web: web)
        let title = web.tr("Listes d'achat", "Purchase lists")
        let model = WrittenPage(t: web.t, layout: web.layout(title: title, description: title, path: .route(.purchaseLists), fictional: false), body: body)
        return try self.web.renderer.html(model, template: "written", status: status, headers: [.cacheControl: "private, no-store"])
    }

    func show(_ id: String, _ request: Request, _ context: AppRequestContext, _ identity: Identity, _ language: Language) async throws -> Response {
        let web = webContext(language, context, identity)
        let opened = try await lists.open(id, for: identity.user)
        let message = FormQuery.parameters(request).last { $0.0 == "message" }?.1
        let body = PurchaseListPages.list(opened, notice: message.flatMap { PurchaseListPages.notice($0, web) }, csrf: identity.csrfToken ?? "", web: web)
        let model = WrittenPage(t: web.t, layout: web.layout(title: opened.list.name, description: opened.list.name, path: .route(.purchaseList, [id]),
                                                             fictional: opened.entries.contains { $0.enterprise?.isFictional ?? false }), body: body)
        return try self.web.renderer.html(model, template: "written", headers: [.cacheControl: "private, no-store"])
    }

    // MARK: Forms

    func create(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let language = Self.language(form)
        var ids = form.all("entreprise")
        // « Créer une liste avec ces entreprises » (the advisor): the first results of its search.
        let search = form["recherche"]
        if !search.isEmpty {
            let parameters = FormQuery.parameters(String(search.drop { $0 == "?" }))
            var query = try DirectoryQuery.parse(parameters, names: BuyerQuery.names)
            query.offersToMunicipalities = true
            ids += directory.searchAll(query, limit: 50).map(\.id)
        }
        do {
            let sharing = PurchaseList.Sharing(rawValue: form["partage"]) ?? .private
            let list = try await lists.create(name: form["nom"], sharing: sharing, enterpriseIDs: ids, by: identity.user)
            return Self.redirect(Route.purchaseList.path(list.id, language: language) + "?message=creee")
        } catch let refusal as Refusal {
            return try await index(context, identity, language,
                                   error: language == .fr ? refusal.message : refusal.english, typedName: form["nom"], status: .unprocessableContent)
        }
    }

    func addFromCard(_ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let language = Self.language(form)
        let web = webContext(language, context, identity)
        let back = form["retour"].hasPrefix("/") && !form["retour"].hasPrefix("//") ? form["retour"] : Route.buyers.path(language: language)
        let enterprise = form["entreprise"]
        do {
            let listID: String
            if !form["liste"].isEmpty && form["nom"].isEmpty {
                listID = form["liste"]
                try await lists.add([enterprise], to: listID, by: identity.user)
            } else {
                listID = try await lists.create(name: form["nom"], enterpriseIDs: [enterprise], by: identity.user).id
            }
            return Self.redirect(Route.purchaseList.path(listID, language: language) + "?message=ajoutee")
        } catch let refusal as Refusal {
            return try refused(refusal, back: back, web)
        }
    }

    func update(_ id: String, _ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let language = Self.language(form)
        let web = webContext(language, context, identity)
        let back = Route.purchaseList.path(id, language: language)
        do {
            switch form["action"] {
            case "archiver": _ = try await lists.update(id, archived: true, by: identity.user)
            case "desarchiver": _ = try await lists.update(id, archived: false, by: identity.user)
            default:
                guard let sharing = PurchaseList.Sharing(rawValue: form["partage"]) else {
                    throw Refusal(.invalid, title: "Partage invalide", message: "Choisissez qui peut voir la liste.", english: "Choose who may see the list.")
                }
                _ = try await lists.update(id, name: form["nom"], sharing: sharing, by: identity.user)
            }
            return Self.redirect(back + "?message=enregistree")
        } catch let refusal as Refusal {
            return try refused(refusal, back: back, web)
        }
    }

    func item(_ id: String, _ enterpriseID: String, _ context: AppRequestContext, _ identity: Identity, _ form: FormBody) async throws -> Response {
        let language = Self.language(form)
        let web = webContext(language, context, identity)
        let back = Route.purchaseList.path(id, language: language)
        do {
            switch form["action"] {
            case "note": try await lists.setNote(form.raw("note"), enterpriseID: enterpriseID, in: id, by: identity.user)
            case "monter": try await lists.move(enterpriseID, in: id, by: -1, user: identity.user)
            case "descendre": try await lists.move(enterpriseID, in: id, by: 1, user: identity.user)
            case "retirer": try await lists.remove(enterpriseID, from: id, by: identity.user)
            default:
                throw Refusal(.invalid, title: "Action inconnue", message: "Action « \(form["action"]) » inconnue : note, monter, descendre ou retirer.",
                              english: "Unknown action \"\(form["action"])\": note, monter, descendre or retirer.")
            }
            return Self.redirect(back + "?message=enregistree#e-" + enterpriseID)
        } catch let refusal as Refusal {
            return try refused(refusal, back: back, web)
        }
    }

    func export(_ id: String, _ request: Request, _ context: AppRequestContext, _ identity: Identity) async throws -> Response {
        let parameters = FormQuery.parameters(request)
        let formatText = parameters.last { $0.0 == "format" }?.1 ?? "xlsx"
        let language: Language = parameters.last { $0.0 == "langue" }?.1 == "en" ? .en : .fr
        if formatText == "imprimer" {
            let web = webContext(language, context, identity)
            let opened = try await lists.openForPrint(id, by: identity.user, client: context.clientAddress)
            let model = WrittenPage(t: web.t, layout: web.layout(title: opened.list.name, description: opened.list.name, path: .route(.purchaseList, [id]),
                                                                 fictional: opened.entries.contains { $0.enterprise?.isFictional ?? false }),
                                    body: PurchaseListPages.printable(opened, web: web))
            return try self.web.renderer.html(model, template: "written", headers: [.cacheControl: "private, no-store"])
        }
        guard let format = ExportFormat(rawValue: formatText), format != .json else {
            throw Problem(.badRequest, title: "Paramètre invalide",
                          detail: "Paramètre « format » : « \(formatText) » n'est pas un format de liste (csv, csv-pv, xlsx ou imprimer).",
                          english: "Parameter 'format': '\(formatText)' is not a list format (csv, csv-pv, xlsx or imprimer).")
        }
        let (list, file) = try await lists.export(id, format: format, by: identity.user, client: context.clientAddress)
        let name = Slug.make(from: list.name)
        return Response(status: .ok, headers: [
            .contentType: format.contentType, .cacheControl: "private, no-store",
            .contentDisposition: "attachment; filename=\"liste-\(name.isEmpty ? "achat" : name).\(format.fileExtension)\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}
