import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import Repertoire

/// SEAO's awards in the responsible-purchasing record: an award to an enterprise of the directory
/// becomes a contract of the buyer's municipality (counted in its dashboard, listed on the
/// enterprise's profile), merged with the one a buyer entered by hand, never twice.
@Suite("SEAO awards in the purchasing record")
struct TenderAwardTests {
    @Test("awards become contracts once, a hand-entered one is kept and linked, the dashboard counts them, the profile lists them", arguments: TestDatabases.kinds)
    func awardsToContracts(_ kind: TestDatabases.Kind) async throws {
        try await TestApp.run(kind, profiles: CallTestKit.profiles) { client, env in
            let enterprises = try await EnterpriseStore(database: env.database).snapshot().0
            let rive = try #require(enterprises.first { $0.profile.neq == "1140139735" })
            // A buyer of Longueuil entered the first contract by hand.
            let buyer = try await env.createUser([.buyer], municipality: "58227")
            let records = PurchaseRecordStore(database: env.database)
            let now = Date()
            let hand = PurchaseContract(id: RecordID.next(now: now), municipalityCode: "58227", mrcCode: "58", regionCode: "16", enterpriseID: rive.id,
                                        supplierName: rive.profile.name, supplierNEQ: "1140139735", supplierMunicipalityCode: "58227", supplierMRCCode: "58",
                                        sectorSlug: rive.profile.sectors.first ?? "", awardedOn: "2026-11-12", amountCents: 2_400_000, procedure: .publicCall,
                                        kind: "services", description: "Entretien ménager (saisi à la main)", callID: nil, isFictional: false, version: 1,
                                        createdBy: buyer.id, createdAt: now, updatedAt: now)
            try await records.create(hand, author: buyer, client: "test")
            let file = SEAOFixtures.package([
                SEAOFixtures.tender(900001),
                SEAOFixtures.award(900001, id: "A1", date: "2026-11-10T10:00:00-05:00", supplier: ("1140139735", "Coop Rive-Sud (SEAO)"), amount: "24500"),
                SEAOFixtures.tender(900004, buyer: ("OP-900004", "Ville de Brossard")),
                SEAOFixtures.award(900004, id: "A4", date: "2026-11-20T10:00:00-05:00", supplier: ("1140139735", "Coop Rive-Sud (SEAO)"), amount: "80000",
                                   buyer: ("OP-900004", "Ville de Brossard")),
                SEAOFixtures.award(900005, id: "A5", date: "2026-11-20T10:00:00-05:00", supplier: ("2240000000", "Inconnue"), amount: "5000"),
            ])
            let path = try SEAOFixtures.write(file)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let service = TenderService(database: env.database)
            let done = try await service.importFile(at: path, source: "fictif.json")
            #expect(done.contractsCreated == 1 && done.contractsMerged == 1)
            #expect(done.summary.contains("1 contrats ajoutés, 1 rattachés à un contrat déjà saisi"))
            func contracts(_ code: String) async throws -> [PurchaseContract] {
                try await records.contracts(PurchaseFilter(scope: .municipality(code)), limit: 100).contracts
            }
            #expect(try await contracts("58227").map(\.description) == ["Entretien ménager (saisi à la main)"])
            let brossard = try await contracts("58007")
            #expect(brossard.count == 1 && brossard[0].amountCents == 8_000_000 && brossard[0].enterpriseID == rive.id && brossard[0].procedure == .publicCall)
            #expect(brossard[0].awardedOn == "2026-11-20" && brossard[0].description.hasPrefix("Appel d'offres public SEAO 900004 : "))
            // Again, and a later delta for the same award: nothing more.
            let again = try await service.importFile(at: path, source: "fictif.json")
            #expect(again.contractsCreated == 0 && again.contractsMerged == 0)
            let delta = try SEAOFixtures.write(SEAOFixtures.package([
                SEAOFixtures.award(900004, id: "A4-bis", date: "2026-11-21T10:00:00-05:00", supplier: ("1140139735", "Coop Rive-Sud (SEAO)"), amount: "80000",
                                   buyer: ("OP-900004", "Ville de Brossard")).replacingOccurrences(of: "\"id\":\"A-900004\"", with: "\"id\":\"A-900004\""),
            ]))
            defer { try? FileManager.default.removeItem(atPath: delta) }
            _ = try await service.importFile(at: delta, source: "fictif-2.json")
            #expect(try await contracts("58007").count == 1)
            // Brossard's dashboard counts it.
            let dashboard = try await PurchaseCube(database: env.database).dashboard(PurchaseFilter(scope: .municipality("58007")))
            #expect(dashboard.count == 1 && dashboard.amountCents == 8_000_000)
            // The contract's page in the record says where it came from.
            let brossardBuyer = try await env.signedIn([.buyer], municipality: "58007")
            try await client.execute(uri: "/acheteurs/contrats/\(brossard[0].id)", method: .get, headers: brossardBuyer.headers) { response in
                #expect(response.status == .ok && response.text.contains(HTMLEscaping.escape("Source : SEAO, appel d'offres")))
                #expect(response.text.contains("/appels-d-offres/ocds-ec9k95-900004") && response.text.contains("ItemId=fictif-900004"))
            }
            // The enterprise's profile: « Contrats publics obtenus », with the SEAO link; not twice in the other list.
            let web = try await env.signedIn([.admin])
            try await client.execute(uri: "/entreprises/\(rive.slug)", method: .get, headers: web.headers) { response in
                #expect(response.text.contains("Contrats publics obtenus") && response.text.contains("/appels-d-offres/ocds-ec9k95-900004"))
                #expect(!response.text.contains("2026 — Appel d"))  // not in the other list of contracts
            }
        }
    }
}
