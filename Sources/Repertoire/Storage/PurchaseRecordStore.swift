import Foundation
import SQLKit

/// What a dashboard or a list of the purchasing record covers.
public struct PurchaseFilter: Sendable, Equatable {
    public enum Scope: Sendable, Equatable, Hashable {
        case quebec
        case region(String)
        case mrc(String)
        case municipality(String)
    }

    public var scope: Scope
    public var fromYear: Int?
    public var toYear: Int?
    public var sector: String?
    public var procedure: PurchaseContract.Procedure?
    public var kind: String?
    public var enterpriseID: String?

    public init(scope: Scope, fromYear: Int? = nil, toYear: Int? = nil, sector: String? = nil,
                procedure: PurchaseContract.Procedure? = nil, kind: String? = nil, enterpriseID: String? = nil) {
        self.scope = scope
        self.fromYear = fromYear
        self.toYear = toYear
        self.sector = sector
        self.procedure = procedure
        self.kind = kind
        self.enterpriseID = enterpriseID
    }

    /// The WHERE clause, every value bound.
    var condition: SQLQueryString {
        var parts: [SQLQueryString] = []
        switch scope {
        case .quebec: parts.append("1 = 1")
        case .region(let code): parts.append("region_code = \(bind: code)")
        case .mrc(let code): parts.append("mrc_code = \(bind: code)")
        case .municipality(let code): parts.append("municipality_code = \(bind: code)")
        }
        if let fromYear { parts.append("year >= \(bind: fromYear)") }
        if let toYear { parts.append("year <= \(bind: toYear)") }
        if let sector { parts.append("sector_slug = \(bind: sector)") }
        if let procedure { parts.append("procedure = \(bind: procedure.rawValue)") }
        if let kind { parts.append("kind = \(bind: kind)") }
        if let enterpriseID { parts.append("enterprise_id = \(bind: enterpriseID)") }
        return parts.joined(separator: " AND ")
    }
}

/// One group of contracts: the dashboards add these up in every direction.
public struct PurchaseGroup: Sendable, Equatable {
    public var year: Int
    public var procedure: String
    public var kind: String
    public var sector: String
    /// The supplier is in the buying municipality / in its MRC.
    public var sameMunicipality: Bool
    public var sameMRC: Bool
    public var count: Int
    public var amountCents: Int64
}

/// The responsible-purchasing record: contracts, their revisions, the municipalities' publication
/// choices. Every write is one transaction with its revision and its audit line; who may write is
/// ``PurchaseRecordService``'s business.
public struct PurchaseRecordStore: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    static let columns = "id, municipality_code, mrc_code, region_code, enterprise_id, supplier_name, supplier_neq, supplier_municipality_code, supplier_mrc_code, sector_slug, awarded_on, amount_cents, procedure, kind, description, call_id, is_fictional, version, created_by, created_at, updated_at"

    // MARK: Reads

    public func contract(id: String) async throws -> PurchaseContract? {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM purchase_contracts WHERE id = \(bind: id)").first().map(Self.decode)
        }
    }

    /// The contracts a filter covers, newest first.
    public func contracts(_ filter: PurchaseFilter, limit: Int = 50, offset: Int = 0) async throws -> (contracts: [PurchaseContract], total: Int) {
        try await database.read { sql in
            let total = try await sql.raw("SELECT COUNT(*) AS n FROM purchase_contracts WHERE \(filter.condition)").first()?
                .decode(column: "n", as: Int.self) ?? 0
            let rows = try await sql.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM purchase_contracts WHERE \(filter.condition)
                ORDER BY awarded_on DESC, created_at DESC, id LIMIT \(literal: max(1, limit)) OFFSET \(literal: max(0, offset))
                """).all()
            return (try rows.map(Self.decode), total)
        }
    }

    /// The contracts recorded from one call for interest.
    public func contracts(fromCall callID: String) async throws -> [PurchaseContract] {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM purchase_contracts WHERE call_id = \(bind: callID) ORDER BY awarded_on")
                .all().map(Self.decode)
        }
    }

    /// The first and last years recorded within a scope.
    public func years(_ scope: PurchaseFilter.Scope) async throws -> ClosedRange<Int>? {
        try await database.read { sql in
            let row = try await sql.raw("SELECT MIN(year) AS first, MAX(year) AS last FROM purchase_contracts WHERE \(PurchaseFilter(scope: scope).condition)").first()
            guard let first = try row?.decode(column: "first", as: Int?.self), let last = try row?.decode(column: "last", as: Int?.self) else { return nil }
            return first...last
        }
    }

    public func revisions(of id: String) async throws -> [PurchaseContractRevision] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT version, action, snapshot, author_name, recorded_at FROM purchase_contract_revisions
                WHERE contract_id = \(bind: id) ORDER BY version DESC
                """).all().map { row in
                PurchaseContractRevision(version: try row.decode(column: "version", as: Int.self),
                                         action: try row.decode(column: "action", as: String.self),
                                         contract: try StoredJSON.value(PurchaseContract.self, from: try row.decode(column: "snapshot", as: String.self)),
                                         authorName: try row.decode(column: "author_name", as: String.self),
                                         recordedAt: Timestamp.date(from: try row.decode(column: "recorded_at", as: String.self)) ?? .distantPast)
            }
        }
    }

    public func publication(_ territory: String) async throws -> PurchasePublication? {
        try await database.read { sql in
            try await sql.raw("SELECT territory, is_public, exact_amounts FROM purchase_publications WHERE territory = \(bind: territory)")
                .first().map(Self.decodePublication)
        }
    }

    // MARK: Writes: each one transaction, with its revision and audit line

    /// Stores a new contract with its revision, its audit line and the e-mails it sends.
    public func create(_ contract: PurchaseContract, author: User?, client: String, announcing drafts: [MailDraft] = [], via mail: (any MailQueue)? = nil) async throws {
        try await database.loggedUnitOfWork(now: contract.createdAt) { work, log in
            try await Self.insert(contract, on: work.sql)
            try await log.record([(contract.id, "create", contract.version)], entity: PurchaseCube.entity, at: work.now)
            if let mail { for draft in drafts { try await work.send(draft, through: mail) } }
            try await Self.revise(contract, action: "created", author: author, now: work.now, on: work.sql)
            try await work.audit(.contractRecorded, actor: author, target: contract.id, detail: Self.summary(contract), client: client)
        }
    }

    /// Writes a new version when the stored one is still `expectedVersion`; returns false when
    /// someone else changed the contract meanwhile.
    public func update(_ contract: PurchaseContract, expectedVersion: Int, author: User?, client: String, now: Date = Date()) async throws -> Bool {
        try await database.loggedUnitOfWork(now: now) { work, log in
            var next = contract
            next.version = expectedVersion + 1
            next.updatedAt = now
            let changed = try await work.sql.raw("""
                UPDATE purchase_contracts SET enterprise_id = \(bind: next.enterpriseID), supplier_name = \(bind: next.supplierName),
                    supplier_neq = \(bind: next.supplierNEQ), supplier_municipality_code = \(bind: next.supplierMunicipalityCode),
                    supplier_mrc_code = \(bind: next.supplierMRCCode), sector_slug = \(bind: next.sectorSlug), awarded_on = \(bind: next.awardedOn),
                    year = \(bind: next.year), amount_cents = \(bind: next.amountCents), procedure = \(bind: next.procedure.rawValue),
                    kind = \(bind: next.kind), description = \(bind: next.description), call_id = \(bind: next.callID),
                    version = \(bind: next.version), updated_at = \(bind: Timestamp.string(from: now))
                WHERE id = \(bind: next.id) AND version = \(bind: expectedVersion) RETURNING id
                """).all().count
            guard changed == 1 else { return false }
            try await log.record([(next.id, "update", next.version)], entity: PurchaseCube.entity, at: now)
            try await Self.revise(next, action: "updated", author: author, now: now, on: work.sql)
            try await work.audit(.contractUpdated, actor: author, target: next.id, detail: Self.summary(next), client: client)
            return true
        }
    }

    /// Removes a contract; its revisions stay, the last one saying who deleted it.
    public func delete(_ contract: PurchaseContract, author: User?, client: String, now: Date = Date()) async throws -> Bool {
        try await database.loggedUnitOfWork(now: now) { work, log in
            let deleted = try await work.sql.raw("DELETE FROM purchase_contracts WHERE id = \(bind: contract.id) AND version = \(bind: contract.version) RETURNING id")
                .all().count
            guard deleted == 1 else { return false }
            try await log.record([(contract.id, "delete", contract.version + 1)], entity: PurchaseCube.entity, at: now)
            var last = contract
            last.version += 1
            try await Self.revise(last, action: "deleted", author: author, now: now, on: work.sql)
            try await work.audit(.contractDeleted, actor: author, target: contract.id, detail: Self.summary(contract), client: client)
            return true
        }
    }

    public func setPublication(_ publication: PurchasePublication, by user: User, client: String, now: Date = Date()) async throws {
        try await database.unitOfWork(now: now) { work in
            try await work.sql.raw("DELETE FROM purchase_publications WHERE territory = \(bind: publication.territory)").run()
            try await work.sql.raw("""
                INSERT INTO purchase_publications (territory, is_public, exact_amounts, updated_at, updated_by)
                VALUES (\(bind: publication.territory), \(publication.isPublic), \(publication.exactAmounts), \(bind: Timestamp.string(from: now)), \(bind: user.id))
                """).run()
            try await work.audit(.publicationChanged, actor: user, target: publication.territory,
                                 detail: "\(publication.isPublic ? "publique" : "privée"), montants \(publication.exactAmounts ? "exacts" : "par tranche")", client: client)
        }
    }

    /// Many contracts at once (the demo's fictional record), without revisions or audit: one
    /// transaction, multi-row INSERTs under both databases' limits on bound parameters.
    func insertMany(_ contracts: [PurchaseContract]) async throws {
        let columns = Self.columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } + ["year"]
        let stamp = contracts.first.map { Timestamp.string(from: $0.createdAt) } ?? ""
        try await database.write { sql, log in
            let sqlite = sql.dialect.name == "sqlite"
            let rows: [[any Encodable & Sendable]] = contracts.map { c in
                [c.id, c.municipalityCode, c.mrcCode, c.regionCode, c.enterpriseID, c.supplierName, c.supplierNEQ, c.supplierMunicipalityCode,
                 c.supplierMRCCode, c.sectorSlug, c.awardedOn, c.amountCents, c.procedure.rawValue, c.kind, c.description, c.callID, c.isFictional,
                 c.version, c.createdBy, stamp, stamp, c.year]
            }
            for chunk in rows.chunked(by: EnterpriseStore.maxBindings / columns.count) {
                try await sql.execute(sql: try SerializedQuery.insert(into: "purchase_contracts", columns: columns, rows: chunk, sqlite: sqlite)) { _ in }
            }
            try await log.record(contracts.map { ($0.id, "create", $0.version) }, entity: PurchaseCube.entity, at: contracts.first?.createdAt ?? Date())
        }
    }

    // MARK: Rows

    static func insert(_ c: PurchaseContract, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO purchase_contracts (\(unsafeRaw: columns), year) VALUES (
                \(bind: c.id), \(bind: c.municipalityCode), \(bind: c.mrcCode), \(bind: c.regionCode), \(bind: c.enterpriseID), \(bind: c.supplierName),
                \(bind: c.supplierNEQ), \(bind: c.supplierMunicipalityCode), \(bind: c.supplierMRCCode), \(bind: c.sectorSlug), \(bind: c.awardedOn),
                \(bind: c.amountCents), \(bind: c.procedure.rawValue), \(bind: c.kind), \(bind: c.description), \(bind: c.callID), \(c.isFictional),
                \(bind: c.version), \(bind: c.createdBy), \(bind: Timestamp.string(from: c.createdAt)), \(bind: Timestamp.string(from: c.updatedAt)), \(bind: c.year))
            """).run()
    }

    static func revise(_ contract: PurchaseContract, action: String, author: User?, now: Date, on sql: any SQLDatabase) async throws {
        let snapshot = try StoredJSON.text(contract)
        try await sql.raw("""
            INSERT INTO purchase_contract_revisions (contract_id, version, action, snapshot, author_id, author_name, recorded_at)
            VALUES (\(bind: contract.id), \(bind: contract.version), \(bind: action), \(bind: snapshot), \(bind: author?.id),
                    \(bind: author?.label ?? "système"), \(bind: Timestamp.string(from: now)))
            """).run()
    }

    private static func summary(_ c: PurchaseContract) -> String {
        "\(c.municipalityCode) · \(c.supplierName) · \(c.awardedOn) · \(c.amountCents / 100) $ · \(c.procedure.rawValue)"
    }

    static func decode(_ row: any SQLRow) throws -> PurchaseContract {
        PurchaseContract(
            id: try row.decode(column: "id", as: String.self),
            municipalityCode: try row.decode(column: "municipality_code", as: String.self),
            mrcCode: try row.decode(column: "mrc_code", as: String.self),
            regionCode: try row.decode(column: "region_code", as: String.self),
            enterpriseID: try row.decode(column: "enterprise_id", as: String?.self),
            supplierName: try row.decode(column: "supplier_name", as: String.self),
            supplierNEQ: try row.decode(column: "supplier_neq", as: String.self),
            supplierMunicipalityCode: try row.decode(column: "supplier_municipality_code", as: String.self),
            supplierMRCCode: try row.decode(column: "supplier_mrc_code", as: String.self),
            sectorSlug: try row.decode(column: "sector_slug", as: String.self),
            awardedOn: try row.decode(column: "awarded_on", as: String.self),
            amountCents: try row.decode(column: "amount_cents", as: Int64.self),
            procedure: PurchaseContract.Procedure(rawValue: try row.decode(column: "procedure", as: String.self)) ?? .mutualAgreement,
            kind: try row.decode(column: "kind", as: String.self),
            description: try row.decode(column: "description", as: String.self),
            callID: try row.decode(column: "call_id", as: String?.self),
            isFictional: try row.decode(column: "is_fictional", as: Bool.self),
            version: try row.decode(column: "version", as: Int.self),
            createdBy: try row.decode(column: "created_by", as: String?.self),
            createdAt: Timestamp.date(from: try row.decode(column: "created_at", as: String.self)) ?? .distantPast,
            updatedAt: Timestamp.date(from: try row.decode(column: "updated_at", as: String.self)) ?? .distantPast)
    }

    private static func decodePublication(_ row: any SQLRow) throws -> PurchasePublication {
        PurchasePublication(territory: try row.decode(column: "territory", as: String.self),
                            isPublic: try row.decode(column: "is_public", as: Bool.self),
                            exactAmounts: try row.decode(column: "exact_amounts", as: Bool.self))
    }
}
