import Hummingbird

/// `/api/v1/sectors`, `/regions`, `/municipalities`, `/certifications`, `/legal-forms`: the
/// reference lists a client needs to build filters and forms.
struct ReferenceController: Sendable {
    let directory: DirectoryService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("sectors", use: sectors)
        group.get("regions", use: regions)
        group.get("municipalities", use: municipalities)
        group.get("certifications", use: certifications)
        group.get("legal-forms", use: legalForms)
    }

    struct ListDTO<Item: Encodable & Sendable>: Encodable, Sendable {
        var items: [Item]
    }

    struct CountedDTO: Encodable, Sendable {
        var code: String
        var name: String
        var nameEnglish: String?
        var enterpriseCount: Int
    }

    struct MunicipalityDTO: Encodable, Sendable {
        var code: String
        var name: String
        var regionCode: String
        var mrc: String?
        var designation: String?
        var population: Int?
        var enterpriseCount: Int
    }

    /// The 11 activity sectors with their number of enterprises.
    @Sendable func sectors(_ request: Request, context: AppRequestContext) async throws -> Response {
        let counts = facetCounts(.sector)
        return try JSONCoding.response(ListDTO(items: Sector.all.map {
            CountedDTO(code: $0.slug, name: $0.name, nameEnglish: $0.nameEnglish, enterpriseCount: counts[$0.slug] ?? 0)
        }))
    }

    /// The 17 administrative regions with their number of enterprises.
    @Sendable func regions(_ request: Request, context: AppRequestContext) async throws -> Response {
        let counts = facetCounts(.region)
        return try JSONCoding.response(ListDTO(items: Region.all.map {
            CountedDTO(code: $0.code, name: $0.name, enterpriseCount: counts[$0.code] ?? 0)
        }))
    }

    /// The municipalities known to the directory, optionally of one region (`?region=16`).
    @Sendable func municipalities(_ request: Request, context: AppRequestContext) async throws -> Response {
        var regionFilter: String?
        if let raw = FormQuery.parameters(request).last(where: { $0.0 == "region" })?.1 {
            guard let region = Region.find(raw) else {
                throw DirectoryQuery.ParameterError(parameter: "region", message: "Région inconnue « \(raw) » : utilisez un code de 01 à 17.",
                                                    messageEnglish: "Unknown region \"\(raw)\": use a code from 01 to 17.")
            }
            regionFilter = region.code
        }
        let counts = facetCounts(.municipality)
        let items = directory.catalog.all
            .filter { regionFilter == nil || $0.regionCode == regionFilter }
            .sorted { Slug.fold($0.name) < Slug.fold($1.name) }
            .map { MunicipalityDTO(code: $0.code, name: $0.name, regionCode: $0.regionCode, mrc: $0.mrc, designation: $0.designation,
                                   population: $0.population, enterpriseCount: counts[$0.code] ?? 0) }
        return try JSONCoding.response(ListDTO(items: items))
    }

    /// The certifications and recognitions buyers can filter on.
    @Sendable func certifications(_ request: Request, context: AppRequestContext) async throws -> Response {
        let counts = facetCounts(.certification)
        return try JSONCoding.response(ListDTO(items: Certification.all.map {
            CountedDTO(code: $0.slug, name: $0.name, nameEnglish: $0.nameEnglish, enterpriseCount: counts[$0.slug] ?? 0)
        }))
    }

    /// The legal forms.
    @Sendable func legalForms(_ request: Request, context: AppRequestContext) async throws -> Response {
        let counts = facetCounts(.legalForm)
        return try JSONCoding.response(ListDTO(items: LegalForm.allCases.map {
            CountedDTO(code: $0.rawValue, name: $0.name, nameEnglish: $0.nameEnglish, enterpriseCount: counts[$0.rawValue] ?? 0)
        }))
    }

    private func facetCounts(_ facet: SearchFacet) -> [String: Int] {
        var query = DirectoryQuery()
        query.perPage = 1
        let page = directory.search(query)
        return Dictionary((page.facets[facet] ?? []).map { ($0.value, $0.count) }, uniquingKeysWith: +)
    }
}
