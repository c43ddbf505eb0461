import Foundation
import Testing
@testable import Repertoire

@Suite("Demo data: default set")
struct DemoDataTests {
    @Test func sameSeedGivesIdenticalData() throws {
        // when
        let first = DemoData.defaultSet(seed: 42)
        let second = DemoData.defaultSet(seed: 42)
        // then: equal values and byte-identical JSON
        #expect(first == second)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(first) == encoder.encode(second))
        #expect(DemoData.synthetic(count: 500, seed: 3) == DemoData.synthetic(count: 500, seed: 3))
    }

    @Test func differentSeedsGiveDifferentData() {
        let first = DemoData.defaultSet(seed: 1)
        let second = DemoData.defaultSet(seed: 2)
        #expect(first != second)
        // The anchors are fixed; everything after them must differ in most records.
        let anchors = DemoData.anchorNames.count
        let differing = zip(first.dropFirst(anchors), second.dropFirst(anchors)).filter { $0 != $1 }.count
        #expect(differing > (first.count - anchors) * 9 / 10)
        #expect(DemoData.synthetic(count: 200, seed: 1) != DemoData.synthetic(count: 200, seed: 2))
    }

    @Test func agglomerationHasEnoughEnterprisesInEverySector() {
        // given
        let local = DemoFixtures.defaultSet.filter { DemoFixtures.agglomerationCodes.contains($0.municipalityCode ?? "") }
        // then
        #expect(local.count >= 420)
        for sector in Sector.all {
            let count = local.filter { $0.sectors.first == sector.slug }.count
            #expect(count >= 15, "\(sector.slug) has only \(count) enterprises in the agglomeration")
        }
        for code in DemoFixtures.agglomerationCodes {
            #expect(local.filter { $0.municipalityCode == code }.count >= 20, "too few enterprises in \(code)")
        }
    }

    @Test func restOfQuebecCoversEveryRegion() {
        let elsewhere = DemoFixtures.defaultSet.filter { !DemoFixtures.agglomerationCodes.contains($0.municipalityCode ?? "") }
        #expect(elsewhere.count >= 1_500)
        let regions = Set(DemoFixtures.defaultSet.compactMap(\.regionCode))
        #expect(regions == Set(Region.all.map(\.code)))
        for region in Region.all {
            #expect(elsewhere.filter { $0.regionCode == region.code }.count >= 20, "region \(region.code) is nearly empty")
        }
    }

    @Test func everyProfileValidatesWithoutErrors() {
        for profile in DemoFixtures.defaultSet {
            #expect(throws: Never.self, "\(profile.name)") {
                _ = try profile.validated(using: DemoFixtures.catalog, today: DemoFixtures.today)
            }
        }
    }

    @Test func profilesAreAlreadyNormalised() throws {
        // Validation fills a missing service area from the region; everything else must come out unchanged,
        // so the demo data can be stored as generated.
        for profile in DemoFixtures.defaultSet {
            var (normalised, warnings) = try profile.validated(using: DemoFixtures.catalog, today: DemoFixtures.today)
            if profile.serviceArea == nil { normalised.serviceArea = nil }
            #expect(normalised == profile, "\(profile.name)")
            #expect(warnings.isEmpty, "\(profile.name): \(warnings.map(\.code))")
        }
    }

    @Test func namesAreUnique() {
        let names = DemoFixtures.defaultSet.map(\.name)
        let duplicates = Dictionary(grouping: names, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(duplicates.isEmpty, "duplicated names: \(duplicates.prefix(10))")
    }

    @Test func neqsPassTheCheckDigitAndAreUnique() {
        let neqs = DemoFixtures.defaultSet.compactMap(\.neq)
        #expect(Double(neqs.count) >= Double(DemoFixtures.defaultSet.count) * 0.75)
        #expect(Set(neqs).count == neqs.count)
        for neq in neqs {
            #expect(neq.count == 10 && (neq.hasPrefix("11") || neq.hasPrefix("33")), "\(neq)")
            #expect(NEQ(digits: neq).passesCheckDigit, "\(neq)")
        }
    }

    @Test func mostEnterprisesOfferSomethingToMunicipalities() {
        let share = Double(DemoFixtures.defaultSet.filter(\.offersToMunicipalities).count) / Double(DemoFixtures.defaultSet.count)
        #expect(share >= 0.55 && share <= 0.8, "share offering to municipalities: \(share)")
    }

    @Test func datesSourcesAndContactsAreFictionalAndInRange() {
        for profile in DemoFixtures.defaultSet {
            #expect(profile.source == DemoData.sourceLabel)
            if let day = profile.lastVerified {
                #expect(day >= "2023-01-01" && day <= "2026-10-31" && CalendarDay.parse(day) != nil, "\(day)")
            }
            if let year = profile.foundedYear { #expect((1960...2024).contains(year)) }
            let emails = [profile.email] + profile.managers.map(\.email)
            for email in emails.compactMap({ $0 }) { #expect(email.hasSuffix(".exemple.org") || email.hasSuffix(".example"), "\(email)") }
            if let website = profile.website { #expect(website.hasPrefix("https://www.") && website.hasSuffix(".exemple.org")) }
            let phones = [profile.phone] + profile.managers.map(\.phone)
            for phone in phones.compactMap({ $0 }) { #expect(phone.dropFirst(4).hasPrefix("555-01"), "\(phone)") }
            for contract in profile.contracts {
                #expect((2015...2026).contains(contract.year))
                if let amount = contract.amount { #expect((2_000...250_000).contains(amount)) }
                #expect(DemoData.municipalities.contains { $0.name == contract.municipality })
            }
            if let integration = profile.benefits.integrationEmployees {
                #expect(integration <= profile.benefits.employees ?? 0)
            }
        }
    }

    @Test func completenessAndStatusVaryLikeRealData() {
        let set = DemoFixtures.defaultSet
        let bare = set.filter { $0.mission == nil && $0.offerings.isEmpty && $0.address == nil }
        let closed = set.filter { $0.status == .closed }
        let english = set.filter { $0.missionEnglish != nil }
        let withMission = set.filter { $0.mission != nil }
        #expect(bare.count > set.count / 50)
        #expect(closed.count > set.count / 50 && closed.count < set.count / 10)
        #expect(Double(english.count) / Double(withMission.count) > 0.3)
        #expect(set.contains { !$0.otherNames.isEmpty })
        #expect(set.contains { $0.certifications.contains("centre-petite-enfance") })
        #expect(set.contains { $0.serviceArea?.scope == .quebec })
        #expect(set.contains { $0.serviceArea?.scope == .municipalities })
        for kind in OfferingKind.allCases { #expect(set.contains { $0.offerings.contains { $0.kind == kind } }) }
    }
}

@Suite("Demo data: synthetic sets")
struct DemoSyntheticTests {
    @Test func hasExactlyTheRequestedCount() {
        #expect(DemoData.synthetic(count: 1_234, seed: 5).count == 1_234)
        #expect(DemoData.synthetic(count: 0, seed: 5).isEmpty)
    }

    @Test("made batch by batch, the set is the same whatever the batch size")
    func batches() {
        let whole = DemoData.synthetic(count: 1_234, seed: 5)
        for size in [1, 100, 500, 5_000] {
            let batches = Array(DemoData.SyntheticBatches(count: 1_234, seed: 5, batchSize: size))
            #expect(batches.count == (1_234 + size - 1) / size)
            #expect(Array(batches.joined()) == whole, "batches of \(size)")
        }
        #expect(Array(DemoData.SyntheticBatches(count: 0, seed: 5, batchSize: 10)).isEmpty)
    }

    @Test func syntheticProfilesValidate() {
        let profiles = DemoData.synthetic(count: 1_234, seed: 5) + DemoFixtures.synthetic
        for profile in profiles {
            #expect(throws: Never.self, "\(profile.name)") {
                _ = try profile.validated(using: DemoFixtures.catalog, today: DemoFixtures.today)
            }
        }
    }

    @Test func syntheticSpreadsOverAllMunicipalitiesWithoutAnchors() {
        let codes = Set(DemoFixtures.synthetic.compactMap(\.municipalityCode))
        #expect(codes.count == DemoData.municipalities.count)
        #expect(!DemoFixtures.synthetic.contains { DemoData.anchorNames.contains($0.name) })
        #expect(Set(DemoFixtures.synthetic.map(\.name)).count == DemoFixtures.synthetic.count)
    }
}
