import Foundation
import Testing
@testable import Repertoire

@Suite("Enterprise summaries: packed fields")
struct EnterpriseSummaryTests {
    static func enterprise(_ id: String, _ profile: EnterpriseProfile) -> Enterprise {
        Enterprise(id: id, slug: "slug-\(id)", profile: profile, isFictional: false, version: 1,
                   createdAt: Date(timeIntervalSince1970: 1_000), updatedAt: Date(timeIntervalSince1970: 1_000), archivedAt: nil)
    }

    @Test("every field reads back; nil and empty stay apart; a chunk's summaries equal single ones")
    func roundTrip() {
        // given: a complete profile, a minimal one with an empty optional, and one too long for 16-bit offsets
        var minimal = Fixtures.minimal("Petit OBNL")
        minimal.phone = ""
        var long = Fixtures.complete(name: String(repeating: "é", count: 40_000))
        long.certifications = []
        let enterprises = [Self.enterprise("a", Fixtures.complete()), Self.enterprise("b", minimal), Self.enterprise("c", long)]
        let names: [String?] = ["Longueuil", nil, "Longueuil"]
        // when
        let chunk = EnterpriseSummary.chunk(enterprises) { e in names[enterprises.firstIndex { $0.id == e.id }!] }
        // then
        let full = chunk[0]
        #expect(full.id == "a" && full.slug == "slug-a" && full.name == "Coopérative de solidarité Déneigement Rive-Sud")
        #expect(full.legalForm == .solidarityCooperative && full.municipalityCode == "58227" && full.municipalityName == "Longueuil")
        #expect(full.keyOfferings == ["Déneigement de stationnements", "Entretien de sentiers"])
        #expect(full.sectors == ["environnement-recuperation-recyclage", "services-entreprises-organisations"])
        #expect(full.certifications == ["entreprise-insertion"])
        #expect(full.phone == "(450) 555-0123" && full.postalCode == enterprises[0].profile.postalCode && full.lastVerified == "2025-06-30")
        #expect(full.offersToMunicipalities == enterprises[0].profile.offersToMunicipalities && full.createdAt == Date(timeIntervalSince1970: 1_000))
        let small = chunk[1]
        #expect(small.phone == "" && small.email == nil && small.municipalityName == nil && small.regionCode == nil)
        #expect(small.keyOfferings.isEmpty && small.sectors == ["habitation"] && small.certifications.isEmpty)
        #expect(chunk[2].name.count == 40_000 && chunk[2].certifications.isEmpty && chunk[2].sectors.count == 2)
        for (i, enterprise) in enterprises.enumerated() {
            #expect(chunk[i] == EnterpriseSummary(enterprise, municipalityName: names[i]))
        }
        #expect(chunk[0] != chunk[1])
    }

    @Test("the summary table finds each id after replacements and removals (the last one moves into the hole)")
    func table() {
        // given
        let summaries = (0..<5).map { EnterpriseSummary(Self.enterprise("e\($0)", Fixtures.minimal("Nom \($0)")), municipalityName: nil) }
        var table = SummaryTable()
        for summary in summaries { table[summary.id] = summary }
        // when
        table["e1"] = nil
        table["e4"] = nil
        table["e9"] = nil
        table["e2"] = EnterpriseSummary(Self.enterprise("e2", Fixtures.minimal("Autre nom")), municipalityName: nil)
        // then
        #expect(table.count == 3)
        #expect(table["e0"]?.name == "Nom 0" && table["e3"]?.name == "Nom 3" && table["e2"]?.name == "Autre nom")
        #expect(table["e1"] == nil && table["e4"] == nil)
        #expect(Set(table.values.map(\.id)) == ["e0", "e2", "e3"])
    }
}
