import Foundation
import Hummingbird

/// `/api/v1/enterprises`: search and read (public; managers' contacts only for those allowed to
/// see them), and, for administrators and hub editors (in their regions), create, update,
/// archive, restore.
struct EnterprisesController: Sendable {
    let directory: DirectoryService
    let editing: EditingService

    func addRoutes(to group: RouterGroup<AppRequestContext>, guarded: GuardedRoutes) {
        group.get("enterprises", use: search)
        group.get("enterprises/:id", use: show)
        guarded.api(.post, "api/v1/enterprises", prefix: "", .editEnterprises) { request, context, identity in
            try await create(request, context: context, identity: identity)
        }
        guarded.api(.put, "api/v1/enterprises/:id", prefix: "", .editEnterprises) { request, context, identity in
            try await update(request, context: context, identity: identity)
        }
        guarded.api(.post, "api/v1/enterprises/:id/archive", prefix: "", .editEnterprises) { request, context, identity in
            try await archive(request, context: context, identity: identity)
        }
        guarded.api(.post, "api/v1/enterprises/:id/restore", prefix: "", .editEnterprises) { request, context, identity in
            try await restore(request, context: context, identity: identity)
        }
    }

    private func actor(_ context: AppRequestContext, _ identity: Identity) -> EditingService.Actor {
        EditingService.Actor(user: identity.user, client: context.clientAddress, channel: "API")
    }

    /// Searches the directory: text, facets, sorting and paging, with facet counts.
    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try DirectoryQuery.parse(FormQuery.parameters(request))
        let page = directory.search(query, localTo: context.identity?.user.municipalityCode)
        return SearchPageJSON.response(page, catalog: directory.catalog)
    }

    /// One enterprise of the directory, by id or slug.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let enterprise = try await directory.enterprise(id) else { throw Problem.notFound("L'entreprise « \(id) »") }
        let personal = context.identity?.user.maySeePersonalData(ofEnterprise: enterprise.id) ?? false
        let dto = EnterpriseDTO(enterprise, catalog: directory.catalog, includePersonalData: personal)
        return try JSONCoding.response(dto, headers: [.eTag: "\"\(enterprise.version)\"", .cacheControl: personal ? "private, no-store" : "no-cache"])
    }

    /// Creates an enterprise from a complete profile.
    func create(_ request: Request, context: AppRequestContext, identity: Identity) async throws -> Response {
        let input = try await JSONBody.decode(EnterpriseInput.self, from: request, context: context)
        let (profile, inputIssues) = input.profile()
        let (enterprise, warnings) = try await editing.create(profile, inputIssues: inputIssues, by: actor(context, identity))
        return try JSONCoding.response(WriteResultDTO(enterprise: EnterpriseDTO(enterprise, catalog: directory.catalog, includePersonalData: true), warnings: warnings),
                                       status: .created, headers: [.location: APIPaths.enterprise(enterprise.slug), .eTag: "\"\(enterprise.version)\""])
    }

    /// Replaces an enterprise's profile. The version it was read at must be given, in the body
    /// (`version`) or as `If-Match`; a stale version is refused with 409 and nothing changes.
    func update(_ request: Request, context: AppRequestContext, identity: Identity) async throws -> Response {
        let id = try context.parameters.require("id")
        _ = try await editing.reachable(id, by: identity.user)
        let input = try await JSONBody.decode(EnterpriseInput.self, from: request, context: context)
        let version = try expectedVersion(request, body: input.version)
        let (profile, inputIssues) = input.profile()
        let (enterprise, warnings) = try await editing.update(id, expectedVersion: version, profile: profile, inputIssues: inputIssues,
                                                              by: actor(context, identity))
        return try JSONCoding.response(WriteResultDTO(enterprise: EnterpriseDTO(enterprise, catalog: directory.catalog, includePersonalData: true), warnings: warnings),
                                       headers: [.eTag: "\"\(enterprise.version)\""])
    }

    /// Takes an enterprise out of the directory; nothing is deleted and it can be restored.
    func archive(_ request: Request, context: AppRequestContext, identity: Identity) async throws -> Response {
        let id = try context.parameters.require("id")
        _ = try await editing.reachable(id, by: identity.user)
        let enterprise = try await editing.archive(id, expectedVersion: try expectedVersion(request, body: nil), by: actor(context, identity))
        return try JSONCoding.response(EnterpriseDTO(enterprise, catalog: directory.catalog, includePersonalData: true), headers: [.eTag: "\"\(enterprise.version)\""])
    }

    /// Puts an archived enterprise back in the directory.
    func restore(_ request: Request, context: AppRequestContext, identity: Identity) async throws -> Response {
        let id = try context.parameters.require("id")
        _ = try await editing.reachable(id, by: identity.user)
        let enterprise = try await editing.restore(id, expectedVersion: try expectedVersion(request, body: nil), by: actor(context, identity))
        return try JSONCoding.response(EnterpriseDTO(enterprise, catalog: directory.catalog, includePersonalData: true), headers: [.eTag: "\"\(enterprise.version)\""])
    }

    private func expectedVersion(_ request: Request, body: Int?) throws -> Int {
        if let header = request.headers[.ifMatch] {
            let digits = header.trimmingCharacters(in: CharacterSet(charactersIn: "\"W/ "))
            guard let version = Int(digits) else {
                throw Problem(.badRequest, title: "En-tête If-Match invalide",
                              detail: "If-Match doit contenir la version lue, p. ex. \"3\".",
                              english: "If-Match must hold the version read, e.g. \"3\".")
            }
            return version
        }
        if let body { return body }
        throw Problem(.preconditionRequired, title: "Version requise",
                      detail: "Indiquez la version de l'entreprise que vous modifiez (champ « version » ou en-tête If-Match), pour ne jamais écraser le travail d'une autre personne.",
                      english: "Give the version of the enterprise you are changing (field 'version' or If-Match header), so nobody's work is overwritten.")
    }
}

struct WriteResultDTO: Encodable, Sendable {
    var enterprise: EnterpriseDTO
    var warnings: [FieldIssue]
}

extension SearchPageDTO {
    init(_ page: DirectoryPage, catalog: MunicipalityCatalog) {
        total = page.total
        self.page = page.query.page
        perPage = page.query.perPage
        pageCount = page.pageCount
        items = page.items.map(EnterpriseSummaryDTO.init)
        var facets: [String: [FacetValueDTO]] = [:]
        for facet in SearchFacet.shown {
            facets[facet.rawValue] = (page.facets[facet] ?? []).map { count in
                FacetValueDTO(value: count.value, label: FacetLabels.label(facet, count.value, catalog: catalog), count: count.count, selected: count.selected)
            }
        }
        self.facets = facets
        suggestions = page.suggestions
        notice = page.items.contains(where: { $0.summary.isFictional }) ? Self.fictionalNotice : nil
        interpretation = page.interpretation.map {
            InterpretationDTO(matchedText: $0.matchedText, remainingText: $0.remainingText,
                              place: PlaceDTO(kind: $0.place.kind.name, code: $0.place.code, name: $0.place.name))
        }
    }
}
