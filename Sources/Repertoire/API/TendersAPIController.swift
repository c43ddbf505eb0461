import Foundation
import Hummingbird

/// `/api/v1/tenders`: SEAO's open calls, open to anyone like their page: filters `q` (the French
/// engine), `region`, `kind` (goods, services, works), `category` (SEAO's code), `closesBy` (a
/// day) and `all` (every public body, not only municipal ones); and one process with its history.
struct TendersAPIController: Sendable {
    let tenders: TenderService
    let baseURL: String

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("tenders", use: list)
        group.get("tenders/:ocid", use: one)
    }

    static func invalid(_ name: String, _ french: String, _ english: String) -> Problem {
        Problem(.badRequest, title: "Paramètre invalide", detail: "Paramètre « \(name) » : \(french)", english: "Parameter '\(name)': \(english)")
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        var filter = TenderService.Filter()
        for (name, value) in FormQuery.parameters(request) where ["q", "region", "kind", "category", "closesBy", "all"].contains(name) {
            guard ArticlesAPIController.isSingleTrimmedLine(value), value.count <= 200 else {
                throw Self.invalid(name, "vide, trop long, entouré d'espaces ou sur plusieurs lignes ; donnez une valeur d'une ligne ou omettez-le.",
                                   "empty, too long, surrounded by spaces or on several lines; give a one-line value or leave it out.")
            }
            switch name {
            case "q": filter.text = value
            case "region":
                guard Region.find(value) != nil else { throw Self.invalid(name, "« \(value) » n'est pas un code de 01 à 17.", "'\(value)' is not a code from 01 to 17.") }
                filter.region = value
            case "kind":
                guard TenderService.kinds.contains(where: { $0.code == value }) else {
                    throw Self.invalid(name, "« \(value) » n'est pas goods, services ou works.", "'\(value)' is not goods, services or works.")
                }
                filter.kind = value
            case "category":
                guard value.range(of: #"^[A-Z][0-9]{1,3}$"#, options: .regularExpression) != nil else {
                    throw Self.invalid(name, "« \(value) » n'est pas une catégorie SEAO (ex. C01).", "'\(value)' is not a SEAO category (e.g. C01).")
                }
                filter.category = value
            case "closesBy":
                guard QuebecTime.moment(day: value, time: "23:59") != nil else {
                    throw Self.invalid(name, "« \(value) » n'est pas une date AAAA-MM-JJ.", "'\(value)' is not a YYYY-MM-DD date.")
                }
                filter.closesBy = value
            default:
                guard value == "true" || value == "false" else { throw Self.invalid(name, "true ou false attendu.", "true or false expected.") }
                filter.allBodies = value == "true"
            }
        }
        let calls = try await tenders.openCalls(filter)
        return try JSONCoding.response(TenderListDTO(items: calls.map { TenderDTO($0.tender, municipalityCode: $0.municipalityCode, regions: $0.regions, baseURL: baseURL) }),
                                       headers: [.cacheControl: "public, max-age=60"])
    }

    @Sendable func one(_ request: Request, context: AppRequestContext) async throws -> Response {
        let ocid = try context.parameters.require("ocid")
        guard let found = try await tenders.process(ocid) else { throw Problem.notFound("Cet appel d'offres") }
        var dto = TenderDTO(found.tender, municipalityCode: found.municipality?.code, regions: found.tender.tender.deliveryRegions, baseURL: baseURL)
        dto.history = found.history.map { .init(id: $0.id, date: $0.date, tags: $0.tags) }
        return try JSONCoding.response(dto, headers: [.cacheControl: "public, max-age=60"])
    }
}

struct TenderListDTO: Encodable, Sendable {
    var items: [TenderDTO]
}

struct TenderDTO: Encodable, Sendable {
    struct Buyer: Encodable, Sendable { var id: String; var name: String; var municipal: Bool }
    struct Award: Encodable, Sendable {
        struct Supplier: Encodable, Sendable { var name: String; var neq: String? }
        var id: String
        var date: Date?
        var valueCents: Int64?
        var suppliers: [Supplier]
    }
    struct Release: Encodable, Sendable { var id: String; var date: Date; var tags: [String] }

    var ocid: String
    var seaoNumber: String
    var title: String
    var buyer: Buyer?
    var municipality: String?
    var status: String?
    var kind: String?
    var categories: [SEAORelease.Category]
    var unspsc: [String]
    var valueCents: Int64?
    var opensAt: Date?
    var closesAt: Date?
    var regions: [String]
    var seaoURL: String?
    var url: String
    var releaseCount: Int
    var lastReleaseAt: Date
    var awards: [Award]
    /// One process only: its releases, oldest first.
    var history: [Release]?

    init(_ tender: PublicTender, municipalityCode: String?, regions: [String], baseURL: String) {
        ocid = tender.ocid
        seaoNumber = tender.seaoNumber
        title = tender.tender.title ?? tender.seaoNumber
        buyer = tender.buyer.map { Buyer(id: $0.id, name: $0.name, municipal: $0.municipal) }
        municipality = municipalityCode
        status = tender.tender.status
        kind = tender.tender.category
        categories = tender.tender.categories
        unspsc = tender.tender.unspsc
        valueCents = tender.tender.valueCents
        opensAt = tender.tender.opensAt
        closesAt = tender.tender.closesAt
        self.regions = regions.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        seaoURL = tender.seaoURL
        url = baseURL + Route.tender.path(tender.ocid)
        releaseCount = tender.releaseCount
        lastReleaseAt = tender.lastReleaseDate
        awards = tender.awards.map { Award(id: $0.id, date: $0.date, valueCents: $0.valueCents, suppliers: $0.suppliers.map { .init(name: $0.name, neq: $0.neq) }) }
    }
}
