import Foundation
import SQLKit

/// SEAO's awards into the responsible-purchasing record: an award of a municipal buyer whose
/// municipality is known, to a supplier whose NEQ is an enterprise of the directory, becomes a
/// contract (procedure from the call's method, amount settled by the contract when there is one,
/// else awarded). A contract already entered by hand for the same municipality and enterprise,
/// near the same day and amount, is kept and linked instead; the same award coming again (a
/// later weekly file, a file imported twice) finds its link and changes nothing.
struct TenderAwards: Sendable {
    let database: Database
    let references: ReferenceStore

    /// A hand-entered contract is the same award when within these of its day and amount.
    static let sameDays = 120
    static let sameAmountShare = 0.10

    struct Outcome: Sendable, Equatable {
        var created = 0
        var merged = 0
    }

    /// Records the awards of the given processes; returns what was created or linked.
    func record(ocids: [String], now: Date = Date()) async throws -> Outcome {
        guard !ocids.isEmpty else { return Outcome() }
        let store = TenderStore(database: database)
        let catalog = try await references.catalog()
        let buyers = Dictionary(uniqueKeysWithValues: try await store.buyers().map { ($0.id, $0) })
        var outcome = Outcome()
        for tender in try await store.tenders(ocids: ocids) {
            guard let buyer = tender.buyer, let code = buyers[buyer.id]?.municipalityCode, buyer.municipal,
                  let municipality = catalog.municipality(code: code) else { continue }
            for award in tender.awards where award.status == nil || award.status == "active" {
                let contract = tender.contracts.first { $0.awardID == award.id }
                guard let cents = contract?.valueCents ?? award.valueCents, cents > 0, cents <= PurchaseContract.maxAmountCents else { continue }
                let day = QuebecTime.day(from: contract?.signedAt ?? award.date ?? tender.lastReleaseDate)
                for supplier in award.suppliers {
                    guard let neq = supplier.neq, let enterprise = try await enterprise(neq: neq) else { continue }
                    let draft = PurchaseContract(
                        id: RecordID.next(now: now), municipalityCode: code, mrcCode: catalog.mrcCode(of: code) ?? "", regionCode: municipality.regionCode,
                        enterpriseID: enterprise.id, supplierName: enterprise.profile.name, supplierNEQ: neq,
                        supplierMunicipalityCode: enterprise.profile.municipalityCode ?? "",
                        supplierMRCCode: enterprise.profile.municipalityCode.flatMap(catalog.mrcCode(of:)) ?? "",
                        sectorSlug: enterprise.profile.sectors.first ?? "", awardedOn: day, amountCents: cents,
                        procedure: Self.procedure(tender.tender.method), kind: Self.kind(tender.tender.category),
                        description: String(("Appel d'offres public SEAO \(tender.seaoNumber) : " + (tender.tender.title ?? "")).prefix(PurchaseContract.maxDescriptionLength)),
                        callID: nil, isFictional: enterprise.isFictional, version: 1, createdBy: nil, createdAt: now, updatedAt: now)
                    switch try await recordOne(draft, ocid: tender.ocid, awardID: award.id, now: now) {
                    case .created: outcome.created += 1
                    case .merged: outcome.merged += 1
                    case .known: break
                    }
                }
            }
        }
        return outcome
    }

    private enum One { case created, merged, known }

    /// In one transaction: the link is claimed first (its primary key), then the hand-entered
    /// contract looked for, then the contract created with its revision and change-log entry.
    private func recordOne(_ draft: PurchaseContract, ocid: String, awardID: String, now: Date) async throws -> One {
        try await database.loggedUnitOfWork(now: now) { work, log in
            let sql = work.sql
            let enterpriseID = draft.enterpriseID ?? ""
            if try await sql.raw("SELECT contract_id FROM seao_contracts WHERE ocid = \(bind: ocid) AND award_id = \(bind: awardID) AND enterprise_id = \(bind: enterpriseID)").first() != nil {
                return .known
            }
            let low = Int64(Double(draft.amountCents) * (1 - Self.sameAmountShare)), high = Int64(Double(draft.amountCents) * (1 + Self.sameAmountShare))
            let day = CalendarDay.parse(draft.awardedOn)
            let candidates = try await sql.raw("""
                SELECT c.id, c.awarded_on FROM purchase_contracts c
                WHERE c.municipality_code = \(bind: draft.municipalityCode) AND c.enterprise_id = \(bind: enterpriseID)
                  AND c.amount_cents BETWEEN \(bind: low) AND \(bind: high)
                  AND NOT EXISTS (SELECT 1 FROM seao_contracts s WHERE s.contract_id = c.id)
                ORDER BY c.awarded_on
                """).all()
            let handEntered = try candidates.first { row in
                guard let day, let other = CalendarDay.parse(try row.decode(column: "awarded_on", as: String.self)) else { return false }
                return abs(day.timeIntervalSince(other)) <= Double(Self.sameDays) * 86_400
            }.map { try $0.decode(column: "id", as: String.self) }
            let contractID = handEntered ?? draft.id
            if handEntered == nil {
                try await PurchaseRecordStore.insert(draft, on: sql)
                try await log.record([(draft.id, "create", draft.version)], entity: PurchaseCube.entity, at: now)
                try await PurchaseRecordStore.revise(draft, action: "created", author: nil, now: now, on: sql)
            }
            try await sql.raw("""
                INSERT INTO seao_contracts (ocid, award_id, enterprise_id, contract_id, merged, recorded_at)
                VALUES (\(bind: ocid), \(bind: awardID), \(bind: enterpriseID), \(bind: contractID), \(handEntered != nil), \(bind: Timestamp.string(from: now)))
                """).run()
            return handEntered == nil ? .created : .merged
        }
    }

    private func enterprise(neq: String) async throws -> Enterprise? {
        let id = try await database.read { sql in
            try await sql.raw("SELECT id FROM enterprises WHERE neq = \(bind: neq) AND archived_at IS NULL").first()?.decode(column: "id", as: String.self)
        }
        guard let id else { return nil }
        return try await EnterpriseStore(database: database).load(ids: [id]).first
    }

    static func procedure(_ method: String?) -> PurchaseContract.Procedure {
        switch method {
        case "direct": .mutualAgreement
        case "selective", "limited": .writtenInvitation
        default: .publicCall
        }
    }

    static func kind(_ category: String?) -> String {
        switch category {
        case "goods": ContractKind.goods.rawValue
        case "works": ContractKind.construction.rawValue
        default: ContractKind.services.rawValue
        }
    }

    /// The contracts an enterprise obtained through SEAO, newest first, for its profile.
    func publicContracts(enterpriseID: String) async throws -> [(contract: PurchaseContract, ocid: String, url: String?)] {
        let rows = try await database.read { sql in
            try await sql.raw("""
                SELECT s.ocid, s.contract_id FROM seao_contracts s JOIN purchase_contracts c ON c.id = s.contract_id
                WHERE s.enterprise_id = \(bind: enterpriseID) ORDER BY c.awarded_on DESC LIMIT 50
                """).all().map { (try $0.decode(column: "ocid", as: String.self), try $0.decode(column: "contract_id", as: String.self)) }
        }
        let records = PurchaseRecordStore(database: database)
        let tenders = TenderStore(database: database)
        var found: [(PurchaseContract, String, String?)] = []
        for (ocid, contractID) in rows {
            guard let contract = try await records.contract(id: contractID) else { continue }
            found.append((contract, ocid, try await tenders.tender(ocid)?.seaoURL))
        }
        return found
    }
}
