import Foundation
import Hummingbird

/// `/api/v1/lists`: a buyer's purchase lists and their enterprises, with a personal API token.
/// The same rules as the web pages (``PurchaseListService``): a list is seen only by its owner
/// and, when shared, by the other buyers of the owner's municipality; anyone else gets 404.
struct ListsController: Sendable {
    let lists: PurchaseListService
    let directory: DirectoryService

    func addRoutes(guarded: GuardedRoutes) {
        guarded.api(.get, "api/v1/lists", prefix: "", .keepPurchaseLists) { _, _, identity in try await index(identity) }
        guarded.api(.post, "api/v1/lists", prefix: "", .keepPurchaseLists) { request, context, identity in
            try await create(request, context, identity)
        }
        guarded.api(.get, "api/v1/lists/:id", prefix: "", .keepPurchaseLists) { _, context, identity in
            try await show(try context.parameters.require("id"), identity)
        }
        guarded.api(.patch, "api/v1/lists/:id", prefix: "", .keepPurchaseLists) { request, context, identity in
            try await update(try context.parameters.require("id"), request, context, identity)
        }
        guarded.api(.post, "api/v1/lists/:id/items", prefix: "", .keepPurchaseLists) { request, context, identity in
            try await addItem(try context.parameters.require("id"), request, context, identity)
        }
        guarded.api(.patch, "api/v1/lists/:id/items/:enterprise", prefix: "", .keepPurchaseLists) { request, context, identity in
            try await updateItem(try context.parameters.require("id"), try context.parameters.require("enterprise"), request, context, identity)
        }
        guarded.api(.delete, "api/v1/lists/:id/items/:enterprise", prefix: "", .keepPurchaseLists) { _, context, identity in
            try await lists.remove(try await enterpriseID(try context.parameters.require("enterprise")),
                                   from: try context.parameters.require("id"), by: identity.user)
            return Response(status: .noContent)
        }
    }

    // MARK: Bodies

    struct NewList: Decodable {
        var name: String
        var sharing: PurchaseList.Sharing?
        var enterpriseIds: [String]?
    }

    struct ListChange: Decodable {
        var name: String?
        var sharing: PurchaseList.Sharing?
        var archived: Bool?
    }

    struct NewItem: Decodable {
        var enterpriseId: String
        var note: String?
    }

    struct ItemChange: Decodable {
        var note: String?
        /// 1-based place in the list.
        var position: Int?
    }

    // MARK: Handlers

    func index(_ identity: Identity) async throws -> Response {
        let all = try await lists.lists(for: identity.user)
        return try JSONCoding.response(ListsDTO(lists: all.map { ListDTO($0, user: identity.user, catalog: directory.catalog) }),
                                       headers: [.cacheControl: "private, no-store"])
    }

    func show(_ id: String, _ identity: Identity, status: HTTPResponse.Status = .ok) async throws -> Response {
        let opened = try await lists.open(id, for: identity.user)
        var dto = ListDTO(opened.list, user: identity.user, catalog: directory.catalog)
        dto.itemCount = opened.entries.count
        dto.items = opened.entries.enumerated().map { index, entry in
            ListItemDTO(enterpriseId: entry.item.enterpriseID, slug: entry.enterprise?.slug, name: entry.enterprise?.profile.name ?? entry.item.enterpriseID,
                        position: index + 1, note: entry.item.note, listed: entry.isListed, addedAt: entry.item.addedAt)
        }
        let b = opened.combinedBenefits
        dto.combinedBenefits = BenefitsDTO(employees: b.employees ?? 0, integrationEmployees: b.integrationEmployees ?? 0, volunteers: b.volunteers ?? 0,
                                           members: b.members ?? 0, peopleServed: b.peopleServed ?? 0)
        var headers: HTTPFields = [.cacheControl: "private, no-store"]
        if status == .created { headers[.location] = "/api/v1/lists/\(id)" }
        return try JSONCoding.response(dto, status: status, headers: headers)
    }

    func create(_ request: Request, _ context: AppRequestContext, _ identity: Identity) async throws -> Response {
        let body = try await JSONBody.decode(NewList.self, from: request, context: context)
        var ids: [String] = []
        for reference in body.enterpriseIds ?? [] { ids.append(try await enterpriseID(reference, inBody: true)) }
        let list = try await lists.create(name: body.name, sharing: body.sharing ?? .private, enterpriseIDs: ids, by: identity.user)
        return try await show(list.id, identity, status: .created)
    }

    func update(_ id: String, _ request: Request, _ context: AppRequestContext, _ identity: Identity) async throws -> Response {
        let body = try await JSONBody.decode(ListChange.self, from: request, context: context)
        _ = try await lists.update(id, name: body.name, sharing: body.sharing, archived: body.archived, by: identity.user)
        return try await show(id, identity)
    }

    func addItem(_ id: String, _ request: Request, _ context: AppRequestContext, _ identity: Identity) async throws -> Response {
        let body = try await JSONBody.decode(NewItem.self, from: request, context: context)
        _ = try await lists.list(id, for: identity.user)  // an unknown list is a 404 before anything else
        let enterprise = try await enterpriseID(body.enterpriseId, inBody: true)
        let added = try await lists.add([enterprise], to: id, by: identity.user)
        if let note = body.note { try await lists.setNote(note, enterpriseID: enterprise, in: id, by: identity.user) }
        return try await show(id, identity, status: added > 0 ? .created : .ok)
    }

    func updateItem(_ id: String, _ reference: String, _ request: Request, _ context: AppRequestContext, _ identity: Identity) async throws -> Response {
        let body = try await JSONBody.decode(ItemChange.self, from: request, context: context)
        _ = try await lists.list(id, for: identity.user)
        let enterprise = try await enterpriseID(reference)
        if let note = body.note { try await lists.setNote(note, enterpriseID: enterprise, in: id, by: identity.user) }
        if let position = body.position {
            let opened = try await lists.open(id, for: identity.user)
            guard let current = opened.entries.firstIndex(where: { $0.item.enterpriseID == enterprise }) else {
                throw Refusal.notFound("Cette entreprise sur la liste", english: "This enterprise on the list")
            }
            guard position >= 1 && position <= opened.entries.count else {
                throw Refusal(.invalid, title: "Position invalide",
                              message: "position : un entier de 1 à \(opened.entries.count) (le nombre d'entreprises de la liste).",
                              english: "position: an integer from 1 to \(opened.entries.count) (the number of enterprises on the list).")
            }
            if position - 1 != current { try await lists.move(enterprise, in: id, by: position - 1 - current, user: identity.user) }
        }
        return try await show(id, identity)
    }

    /// An enterprise's id from its id or slug (archived ones too: they may still be on a list).
    /// An unknown one named in the path is a 404 (no such resource); named in the body, a 422
    /// (the request is well formed but names nothing to add).
    private func enterpriseID(_ reference: String, inBody: Bool = false) async throws -> String {
        guard let enterprise = try await directory.enterprises.find(reference) else {
            throw Refusal(inBody ? .invalid : .notFound, title: "Entreprise inconnue",
                          message: "L'entreprise « \(reference) » n'est pas au répertoire.",
                          english: "Enterprise \"\(reference)\" is not in the directory.")
        }
        return enterprise.id
    }
}

// MARK: JSON

struct ListsDTO: Encodable {
    var lists: [ListDTO]
}

struct ListDTO: Encodable {
    var id: String
    var name: String
    var owner: String
    var municipality: String
    var municipalityName: String?
    var sharing: String
    var access: String
    var archived: Bool
    var archivedAt: Date?
    var createdAt: Date
    var updatedAt: Date
    var itemCount: Int
    var items: [ListItemDTO]?
    var combinedBenefits: BenefitsDTO?

    init(_ list: PurchaseList, user: User, catalog: MunicipalityCatalog) {
        id = list.id
        name = list.name
        owner = list.ownerName
        municipality = list.municipalityCode
        municipalityName = catalog.municipality(code: list.municipalityCode)?.name
        sharing = list.sharing.rawValue
        access = switch PurchaseListService.access(list, for: user) {
        case .own?: "owner"
        case .edit?: "edit"
        default: "read"
        }
        archived = list.isArchived
        archivedAt = list.archivedAt
        createdAt = list.createdAt
        updatedAt = list.updatedAt
        itemCount = list.itemCount
    }
}

struct ListItemDTO: Encodable {
    var enterpriseId: String
    var slug: String?
    var name: String
    var position: Int
    var note: String
    /// False once the enterprise is archived: it stays on the list, marked.
    var listed: Bool
    var addedAt: Date
}

struct BenefitsDTO: Encodable {
    var employees: Int
    var integrationEmployees: Int
    var volunteers: Int
    var members: Int
    var peopleServed: Int
}
