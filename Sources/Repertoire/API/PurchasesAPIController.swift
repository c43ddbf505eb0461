import Foundation
import Hummingbird

/// `/api/v1/purchases`: the purchasing record and its dashboard figures, under the same rules as
/// the pages (``PurchaseRecordService``): a buyer their municipality's, a hub editor their
/// regions', an administrator Quebec's. Filters as on the pages: `territoire`, `depuis`,
/// `jusqua`, `secteur`, `mode`, `type`.
struct PurchasesAPIController: Sendable {
    let records: PurchaseRecordService

    func addRoutes(guarded: GuardedRoutes) {
        guarded.api(.get, "api/v1/purchases/dashboard", prefix: "", .viewPurchaseRecord) { request, _, identity in
            let filter = try self.filter(request, identity)
            let dashboard = try await records.dashboard(filter, for: identity.user)
            return try JSONCoding.response(PurchaseDashboardDTO(dashboard, records: records), headers: [.cacheControl: "private, no-store"])
        }
        guarded.api(.get, "api/v1/purchases", prefix: "", .viewPurchaseRecord) { request, _, identity in
            let filter = try self.filter(request, identity)
            let pageText = FormQuery.parameters(request).last { $0.0 == "page" }?.1 ?? "1"
            guard let page = Int(pageText), (1...100_000).contains(page) else {
                throw Problem(.badRequest, title: "Paramètre invalide", detail: "Paramètre « page » : « \(pageText) » n'est pas un nombre de 1 à 100 000.",
                              english: "Parameter 'page': '\(pageText)' is not a number from 1 to 100000.")
            }
            let found = try await records.contracts(filter, for: identity.user, page: page)
            return try JSONCoding.response(PurchaseContractsDTO(total: found.total, page: page, pageSize: PurchaseRecordService.pageSize,
                                                                contracts: found.contracts.map(PurchaseContractDTO.init)),
                                           headers: [.cacheControl: "private, no-store"])
        }
    }

    private func filter(_ request: Request, _ identity: Identity) throws -> PurchaseFilter {
        guard let defaultScope = records.defaultScope(for: identity.user) else {
            throw Problem(PurchaseRecordService.viewForbidden)
        }
        let parameters = FormQuery.parameters(request)
        // The pages' forms send empty values for « all »; the API takes a parameter or leaves it out.
        for (name, value) in parameters where ["territoire", "depuis", "jusqua", "secteur", "mode", "type", "page"].contains(name) {
            if value.isEmpty || value != value.trimmingCharacters(in: .whitespacesAndNewlines) {
                throw Problem(.badRequest, title: "Paramètre invalide", detail: "Paramètre « \(name) » : vide ou entouré d'espaces ; donnez une valeur ou omettez-le.",
                              english: "Parameter '\(name)': empty or surrounded by spaces; give a value or leave it out.")
            }
        }
        let (filter, problems) = PurchaseRecordService.filter(parameters, defaultScope: defaultScope)
        guard problems.isEmpty else {
            throw Problem(.badRequest, title: "Filtre invalide", detail: problems.map(\.french).joined(separator: " "), english: problems.map(\.english).joined(separator: " "))
        }
        return filter
    }
}

struct PurchaseContractsDTO: Encodable {
    var total: Int
    var page: Int
    var pageSize: Int
    var contracts: [PurchaseContractDTO]
}

struct PurchaseContractDTO: Encodable {
    var id: String
    var municipality: String
    var awardedOn: String
    var supplierName: String
    var supplierNeq: String?
    var enterpriseId: String?
    var sector: String?
    var procedure: String
    var kind: String
    var description: String
    var amountCents: Int64
    var callId: String?
    var fictional: Bool
    var version: Int

    init(_ c: PurchaseContract) {
        id = c.id
        municipality = c.municipalityCode
        awardedOn = c.awardedOn
        supplierName = c.supplierName
        supplierNeq = c.supplierNEQ.isEmpty ? nil : c.supplierNEQ
        enterpriseId = c.enterpriseID
        sector = c.sectorSlug.isEmpty ? nil : c.sectorSlug
        procedure = c.procedure.rawValue
        kind = c.kind
        description = c.description
        amountCents = c.amountCents
        callId = c.callID
        fictional = c.isFictional
        version = c.version
    }
}

struct PurchaseDashboardDTO: Encodable {
    struct Line: Encodable {
        var key: String
        var count: Int
        var amountCents: Int64
    }

    struct Year: Encodable {
        var year: Int
        var count: Int
        var amountCents: Int64
        var amountCentsByProcedure: [String: Int64]
    }

    var territory: String
    var territoryName: String
    var fromYear: Int?
    var toYear: Int?
    var sector: String?
    var procedure: String?
    var kind: String?
    var firstYearRecorded: Int?
    var lastYearRecorded: Int?
    var count: Int
    var amountCents: Int64
    var sameMunicipalityAmountCents: Int64
    var sameMrcAmountCents: Int64
    var byYear: [Year]
    var byProcedure: [Line]
    var byKind: [Line]
    var bySector: [Line]
    var byMunicipality: [Line]
    var enterprises: Int
    var employees: Int
    var integrationEmployees: Int
    var volunteers: Int
    var callsSent: Int
    var enterprisesReached: Int
    var enterprisesInterested: Int

    init(_ d: PurchaseDashboard, records: PurchaseRecordService) {
        let f = d.filter
        territory = PurchaseRecordService.scopeValue(f.scope)
        territoryName = records.scopeName(f.scope)
        fromYear = f.fromYear
        toYear = f.toYear
        sector = f.sector
        procedure = f.procedure?.rawValue
        kind = f.kind
        firstYearRecorded = d.years?.lowerBound
        lastYearRecorded = d.years?.upperBound
        count = d.count
        amountCents = d.amountCents
        sameMunicipalityAmountCents = d.sameMunicipalityCents
        sameMrcAmountCents = d.sameMRCCents
        byYear = d.byYear.map { Year(year: Int($0.key) ?? 0, count: $0.count, amountCents: $0.amountCents, amountCentsByProcedure: d.byYearProcedure[Int($0.key) ?? 0] ?? [:]) }
        func lines(_ lines: [PurchaseDashboard.Line]) -> [Line] { lines.map { Line(key: $0.key, count: $0.count, amountCents: $0.amountCents) } }
        byProcedure = lines(d.byProcedure)
        byKind = lines(d.byKind)
        bySector = lines(d.bySector)
        byMunicipality = lines(d.byMunicipality)
        enterprises = d.enterprises
        employees = d.employees
        integrationEmployees = d.integrationEmployees
        volunteers = d.volunteers
        callsSent = d.callsSent
        enterprisesReached = d.enterprisesReached
        enterprisesInterested = d.interested
    }
}
