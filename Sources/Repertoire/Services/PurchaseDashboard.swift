/// The figures of one dashboard, added up from the store's groups: totals, and amounts and
/// numbers of contracts per year, procedure, kind and sector, with the share bought locally and
/// the community benefits behind them.
struct PurchaseDashboard: Sendable, Equatable {
    struct Line: Sendable, Equatable {
        var key: String
        var count: Int
        var amountCents: Int64
    }

    var filter: PurchaseFilter
    /// The first and last years recorded in the scope, whatever the filter.
    var years: ClosedRange<Int>?
    var count = 0
    var amountCents: Int64 = 0
    var byYear: [Line] = []
    /// Per year, the amount per procedure (stacked bars).
    var byYearProcedure: [Int: [String: Int64]] = [:]
    var byYearProcedureCount: [Int: [String: Int]] = [:]
    var byProcedure: [Line] = []
    var byKind: [Line] = []
    var bySector: [Line] = []
    var byMunicipality: [Line] = []
    var sameMunicipalityCents: Int64 = 0
    var sameMRCCents: Int64 = 0
    var enterprises = 0
    var employees = 0
    var integrationEmployees = 0
    var volunteers = 0
    var callsSent = 0
    var enterprisesReached = 0
    var interested = 0

    init(filter: PurchaseFilter, groups: [PurchaseGroup]) {
        self.filter = filter
        var years: [String: Line] = [:], procedures: [String: Line] = [:], kinds: [String: Line] = [:], sectors: [String: Line] = [:]
        func add(_ table: inout [String: Line], _ key: String, _ group: PurchaseGroup) {
            table[key, default: Line(key: key, count: 0, amountCents: 0)].count += group.count
            table[key, default: Line(key: key, count: 0, amountCents: 0)].amountCents += group.amountCents
        }
        for group in groups {
            count += group.count
            amountCents += group.amountCents
            add(&years, String(group.year), group)
            add(&procedures, group.procedure, group)
            add(&kinds, group.kind, group)
            add(&sectors, group.sector, group)
            byYearProcedure[group.year, default: [:]][group.procedure, default: 0] += group.amountCents
            byYearProcedureCount[group.year, default: [:]][group.procedure, default: 0] += group.count
            if group.sameMunicipality { sameMunicipalityCents += group.amountCents }
            if group.sameMRC { sameMRCCents += group.amountCents }
        }
        byYear = years.values.sorted { $0.key < $1.key }
        // Procedures and kinds in their own order; sectors by amount, largest first.
        byProcedure = PurchaseContract.Procedure.allCases.compactMap { procedures[$0.rawValue] }
        byKind = ContractKind.allCases.compactMap { kinds[$0.rawValue] }
        bySector = sectors.values.sorted { ($0.amountCents, $1.key) > ($1.amountCents, $0.key) }
    }

    /// A share of the total, in whole percent.
    func percent(_ cents: Int64) -> Int {
        amountCents == 0 ? 0 : Int((Double(cents) * 100 / Double(amountCents)).rounded())
    }
}
