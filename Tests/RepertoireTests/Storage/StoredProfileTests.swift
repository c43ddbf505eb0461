import Foundation
import SQLKit
import Testing
@testable import Repertoire

@Suite("Stored profiles: history keeps its own versioned format and reads what was stored before it")
struct StoredProfileTests {
    /// A revision's profile exactly as the store wrote it before issue #10: the default Codable
    /// JSON of `EnterpriseProfile` (sorted keys, no version), captured from that encoder.
    static let legacyJSON = #"{"address":"1250, rue Saint-Charles Ouest","benefits":{"employees":24,"integrationEmployees":9,"members":40,"peopleServed":1200,"text":"Emplois pour des personnes éloignées du marché du travail.","volunteers":5},"certifications":["entreprise-insertion"],"contracts":[{"amount":48000,"description":"Déneigement des stationnements municipaux","municipality":"Longueuil","year":2024}],"coordinates":{"latitude":45.53,"longitude":-73.51},"email":"info@deneigement.exemple.org","foundedYear":1998,"lastVerified":"2025-06-30","legalForm":"cooperative-solidarite","managers":[{"email":"julie@deneigement.exemple.org","name":"Julie Tremblay","phone":"450 555-0124, poste 2","role":"Directrice générale"}],"mission":"Offrir un déneigement fiable des stationnements et trottoirs tout en créant des emplois durables.","missionEnglish":"Reliable snow removal that creates lasting jobs.","municipalityCode":"58227","name":"Coopérative de solidarité Déneigement Rive-Sud","neq":"1140139735","offerings":[{"description":"Déblaiement et épandage d'abrasifs.","kind":"service","name":"Déneigement de stationnements","offeredToMunicipalities":true},{"kind":"service","name":"Entretien de sentiers","offeredToMunicipalities":false}],"otherNames":[{"kind":"legal","name":"COOPÉRATIVE DE SOLIDARITÉ DÉNEIGEMENT RIVE-SUD"}],"phone":"450 555-0123","postalCode":"J4H 1C3","regionCode":"16","sectors":["environnement-recuperation-recyclage","services-entreprises-organisations"],"serviceArea":{"codes":["58227","58007"],"scope":"municipalities"},"source":"Tests","status":"active","website":"https:\/\/www.deneigement.exemple.org"}"#

    /// The profile `legacyJSON` holds.
    static var legacyProfile: EnterpriseProfile {
        var p = EnterpriseProfile(name: "Coopérative de solidarité Déneigement Rive-Sud", legalForm: .solidarityCooperative)
        p.otherNames = [OtherName(kind: .legal, name: "COOPÉRATIVE DE SOLIDARITÉ DÉNEIGEMENT RIVE-SUD")]
        p.neq = "1140139735"
        p.foundedYear = 1998
        p.status = .active
        p.mission = "Offrir un déneigement fiable des stationnements et trottoirs tout en créant des emplois durables."
        p.missionEnglish = "Reliable snow removal that creates lasting jobs."
        p.sectors = ["environnement-recuperation-recyclage", "services-entreprises-organisations"]
        p.offerings = [
            Offering(name: "Déneigement de stationnements", description: "Déblaiement et épandage d'abrasifs.", kind: .service, offeredToMunicipalities: true),
            Offering(name: "Entretien de sentiers", kind: .service, offeredToMunicipalities: false),
        ]
        p.address = "1250, rue Saint-Charles Ouest"
        p.municipalityCode = "58227"
        p.postalCode = "J4H 1C3"
        p.regionCode = "16"
        p.coordinates = Coordinates(latitude: 45.53, longitude: -73.51)
        p.serviceArea = ServiceArea(scope: .municipalities, codes: ["58227", "58007"])
        p.phone = "450 555-0123"
        p.email = "info@deneigement.exemple.org"
        p.website = "https://www.deneigement.exemple.org"
        p.managers = [ManagerContact(name: "Julie Tremblay", role: "Directrice générale", email: "julie@deneigement.exemple.org", phone: "450 555-0124, poste 2")]
        p.benefits = CommunityBenefits(text: "Emplois pour des personnes éloignées du marché du travail.", employees: 24, integrationEmployees: 9,
                                       volunteers: 5, members: 40, peopleServed: 1200)
        p.certifications = ["entreprise-insertion"]
        p.contracts = [MunicipalContract(municipality: "Longueuil", year: 2024, description: "Déneigement des stationnements municipaux", amount: 48_000)]
        p.lastVerified = "2025-06-30"
        p.source = "Tests"
        return p
    }

    @Test("a revision and a proposal stored in the previous format read through the stores", arguments: TestDatabases.kinds)
    func readsLegacyRows(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            // given: rows written as the store wrote them before
            let enterprise = try await EnterpriseStore(database: database).create(
                try Fixtures.minimal("Coopérative de solidarité Déneigement Rive-Sud", municipality: "58227").validated(using: Fixtures.catalog).0)
            let seq = try await database.transaction { sql -> Int64 in
                try await sql.insert(into: "revisions")
                    .columns("enterprise_id", "version", "at", "actor", "action", "fields", "before_profile", "after_profile")
                    .values(SQLBind(enterprise.id), SQLBind(2), SQLBind("2025-07-01T12:00:00.000Z"), SQLBind("Marie"), SQLBind("update"),
                            SQLBind("managers"), SQLBind(Self.legacyJSON), SQLBind(Self.legacyJSON)).run()
                try await sql.insert(into: "proposals")
                    .columns("id", "enterprise_id", "base_version", "profile", "proposer", "proposed_at", "status")
                    .values(SQLBind("legacy"), SQLBind(enterprise.id), SQLBind(1), SQLBind(Self.legacyJSON), SQLBind("Julie"),
                            SQLBind("2025-07-01T12:00:00.000Z"), SQLBind("pending")).run()
                return try #require(try await sql.select().column(SQLFunction("MAX", args: SQLIdentifier("seq")), as: "seq").from("revisions").first())
                    .decode(column: "seq", as: Int64.self)
            }
            // when
            let revision = try #require(try await RevisionLog(database: database).revision(seq))
            let proposal = try #require(try await ProposalStore(database: database).find("legacy"))
            // then
            #expect(revision.after == Self.legacyProfile)
            #expect(revision.before == Self.legacyProfile)
            #expect(proposal.profile == Self.legacyProfile)
            #expect(try StoredImportProfile.decode(Self.legacyJSON) == Self.legacyProfile)
        }
    }

    @Test("new rows carry version 1 and read back to the same profile", arguments: TestDatabases.kinds)
    func writesVersionOne(kind: TestDatabases.Kind) async throws {
        try await TestDatabases.withDatabase(kind) { database in
            let profile = try Fixtures.complete().validated(using: Fixtures.catalog).0
            let created = try await EnterpriseStore(database: database).create(profile)
            let stored = try await database.read { sql in
                try #require(try await sql.select().column("after_profile").from("revisions").where("enterprise_id", .equal, SQLBind(created.id)).first())
                    .decode(column: "after_profile", as: String.self)
            }
            #expect(stored.contains(#""version":1"#))
            #expect(try await RevisionLog(database: database).latest(of: created.id)?.after == profile)
        }
    }

    @Test("the stored format round-trips every field, and its keys are the legacy ones plus version")
    func roundTrip() throws {
        let json = try StoredProfile.encode(Self.legacyProfile)
        #expect(try StoredProfile.decode(json) == Self.legacyProfile)
        #expect(json == Self.legacyJSON.replacingOccurrences(of: #""status":"active","#, with: #""status":"active","version":1,"#))
    }

    @Test("a version newer than the program, or a value the domain no longer knows, is refused, not guessed")
    func refusesUnknown() {
        #expect(throws: StoredProfile.Unreadable.self) { try StoredProfile.decode(#"{"version":2,"name":"X","legalForm":"obnl"}"#) }
        #expect(throws: StoredProfile.Unreadable.self) { try StoredProfile.decode(#"{"version":1,"name":"X","legalForm":"sarl"}"#) }
    }
}
