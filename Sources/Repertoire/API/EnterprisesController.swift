import Foundation
import Hummingbird

/// `/api/v1/enterprises`: search, read, and (with the write token) create, update, archive, restore.
struct EnterprisesController: Sendable {
    let directory: DirectoryService
    let access: WriteAccess

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("enterprises", use: search)
        group.post("enterprises", use: create)
        group.get("enterprises/:id", use: show)
        group.put("enterprises/:id", use: update)
        group.post("enterprises/:id/archive", use: archive)
        group.post("enterprises/:id/restore", use: restore)
    }

    /// Searches the directory: text, facets, sorting and paging, with facet counts.
    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try DirectoryQuery.parse(FormQuery.parameters(request))
        let page = directory.search(query)
        return SearchPageJSON.response(page, catalog: directory.catalog)
    }

    /// One enterprise of the directory, by id or slug.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let enterprise = try await directory.enterprise(id) else { throw Problem.notFound("L'entreprise « \(id) »") }
        let dto = EnterpriseDTO(enterprise, catalog: directory.catalog, includePersonalData: access.isGranted(request))
        return try JSONCoding.response(dto, headers: [.eTag: "\"\(enterprise.version)\""])
    }

    /// Creates an enterprise from a complete profile.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        try access.require(request)
        let input = try await JSONBody.decode(EnterpriseInput.self, from: request, context: context)
        let profile = try checked(input)
        let (enterprise, warnings) = try await directory.create(profile)
        return try JSONCoding.response(WriteResultDTO(enterprise: EnterpriseDTO(enterprise, catalog: directory.catalog, includePersonalData: true), warnings: warnings),
                                       status: .created, headers: [.location: APIPaths.enterprise(enterprise.slug), .eTag: "\"\(enterprise.version)\""])
    }

    /// Replaces an enterprise's profile. The version it was read at must be given, in the body
    /// (`version`) or as `If-Match`; a stale version is refused with 409 and nothing changes.
    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        try access.require(request)
        let id = try context.parameters.require("id")
        let input = try await JSONBody.decode(EnterpriseInput.self, from: request, context: context)
        let version = try expectedVersion(request, body: input.version)
        let profile = try checked(input)
        let (enterprise, warnings) = try await directory.update(id, expectedVersion: version, profile: profile)
        return try JSONCoding.response(WriteResultDTO(enterprise: EnterpriseDTO(enterprise, catalog: directory.catalog, includePersonalData: true), warnings: warnings),
                                       headers: [.eTag: "\"\(enterprise.version)\""])
    }

    /// Takes an enterprise out of the directory; nothing is deleted and it can be restored.
    @Sendable func archive(_ request: Request, context: AppRequestContext) async throws -> Response {
        try access.require(request)
        let enterprise = try await directory.archive(try context.parameters.require("id"), expectedVersion: try expectedVersion(request, body: nil))
        return try JSONCoding.response(EnterpriseDTO(enterprise, catalog: directory.catalog, includePersonalData: true), headers: [.eTag: "\"\(enterprise.version)\""])
    }

    /// Puts an archived enterprise back in the directory.
    @Sendable func restore(_ request: Request, context: AppRequestContext) async throws -> Response {
        try access.require(request)
        let enterprise = try await directory.restore(try context.parameters.require("id"), expectedVersion: try expectedVersion(request, body: nil))
        return try JSONCoding.response(EnterpriseDTO(enterprise, catalog: directory.catalog, includePersonalData: true), headers: [.eTag: "\"\(enterprise.version)\""])
    }

    /// Enumeration errors from the input and the domain's own validation, reported together.
    private func checked(_ input: EnterpriseInput) throws -> EnterpriseProfile {
        let (profile, inputIssues) = input.profile()
        guard inputIssues.isEmpty else {
            var issues = inputIssues
            do {
                _ = try profile.validated(using: directory.catalog)
            } catch {
                issues += error.issues
            }
            throw ValidationFailure(issues)
        }
        return profile
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
        for facet in SearchFacet.allCases {
            facets[facet.rawValue] = (page.facets[facet] ?? []).map { count in
                FacetValueDTO(value: count.value, label: FacetLabels.label(facet, count.value, catalog: catalog), count: count.count, selected: count.selected)
            }
        }
        self.facets = facets
        suggestions = page.suggestions
        notice = page.items.contains(where: { $0.summary.isFictional }) ? Self.fictionalNotice : nil
    }
}

/// Human names for facet values, in French.
enum FacetLabels {
    static func label(_ facet: SearchFacet, _ value: String, catalog: MunicipalityCatalog) -> String {
        switch facet {
        case .region: Region.find(value)?.name ?? value
        case .municipality: catalog.municipality(code: value)?.name ?? value
        case .sector: Sector.find(value)?.name ?? value
        case .legalForm: LegalForm(rawValue: value)?.name ?? value
        case .certification: Certification.find(value)?.name ?? value
        case .offersToMunicipalities: value == "true" ? "Offre aux municipalités" : "N'offre pas aux municipalités"
        }
    }
}
