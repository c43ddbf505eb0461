import Foundation
import Testing
@testable import Repertoire

@Suite("Enterprise profile validation")
struct ProfileValidationTests {
    let catalog = Fixtures.catalog

    @Test("a complete profile is normalised")
    func complete() throws {
        // when
        let (profile, warnings) = try Fixtures.complete().validated(using: catalog)
        // then
        #expect(warnings.isEmpty)
        #expect(profile.postalCode == "J4H 1C3")
        #expect(profile.phone == "450 555-0123")
        #expect(profile.email == "info@deneigement.exemple.org")
        #expect(profile.website == "https://www.deneigement.exemple.org")
        #expect(profile.regionCode == "16", "the region comes from the municipality")
        #expect(profile.managers[0].phone == "450 555-0124, poste 2")
        #expect(profile.serviceArea == ServiceArea(scope: .regions, codes: ["16"]))
        #expect(profile.offersToMunicipalities)
    }

    @Test("every error is reported at once, on its field, in French")
    func manyErrors() {
        // given
        var p = Fixtures.complete()
        p.name = "   "
        p.neq = "12345"
        p.postalCode = "ABC"
        p.email = "pas-un-courriel"
        p.sectors = ["inconnu"]
        p.regionCode = "99"
        p.managers = [ManagerContact(name: "Ann", email: "ann@")]
        p.benefits.employees = 3
        p.benefits.integrationEmployees = 5
        p.contracts = [MunicipalContract(municipality: "Longueuil", year: 1800, description: "x")]
        p.lastVerified = "2025-02-30"
        // when
        let failure = #expect(throws: ValidationFailure.self) { try p.validated(using: catalog) }
        // then
        let fields = Set(failure?.errors.map(\.field) ?? [])
        #expect(fields == ["name", "neq", "postalCode", "email", "sectors[0]", "regionCode", "managers[0].email",
                           "benefits.integrationEmployees", "contracts[0].year", "lastVerified"])
        #expect(failure?.errors.first(where: { $0.field == "sectors[0]" })?.message.contains("« inconnu » n'existe pas") == true)
    }

    @Test("an unknown municipality and a region that contradicts it")
    func municipality() {
        var unknown = Fixtures.minimal("A")
        unknown.municipalityCode = "99999"
        let failure = #expect(throws: ValidationFailure.self) { try unknown.validated(using: catalog) }
        #expect(failure?.errors.map(\.code) == ["unknown_municipality"])

        var mismatch = Fixtures.minimal("B")
        mismatch.regionCode = "04"
        let mismatchFailure = #expect(throws: ValidationFailure.self) { try mismatch.validated(using: catalog) }
        #expect(mismatchFailure?.errors.map(\.code) == ["region_mismatch"])
    }

    @Test("over-long texts and control characters are refused")
    func lengths() {
        var p = Fixtures.minimal("C")
        p.name = String(repeating: "é", count: 201)
        p.mission = String(repeating: "a", count: 5_001)
        p.offerings = [Offering(name: "Bad\u{0007}bell", kind: .good, offeredToMunicipalities: false)]
        let failure = #expect(throws: ValidationFailure.self) { try p.validated(using: catalog) }
        #expect(Set(failure?.errors.map(\.field) ?? []) == ["name", "mission", "offerings[0].name"])
        #expect(failure?.errors.first?.message.contains("201 caractères") == true)
    }

    @Test("no sector is a warning, not an error; a failing NEQ check too")
    func warnings() throws {
        var p = Fixtures.minimal("D")
        p.sectors = []
        p.neq = "1140139736"
        let (_, warnings) = try p.validated(using: catalog)
        #expect(Set(warnings.map(\.code)) == ["no_sector", "neq.check_digit"])
    }

    @Test("a future verification date is refused")
    func futureDate() {
        var p = Fixtures.minimal("E")
        p.lastVerified = "2099-01-01"
        let failure = #expect(throws: ValidationFailure.self) { try p.validated(using: catalog) }
        #expect(failure?.errors.map(\.code) == ["in_future"])
    }

    @Test("an MRC scope keeps known MRC codes, once each, and names an unknown one with its position")
    func mrcScope() throws {
        // given
        var known = Fixtures.minimal("F")
        known.serviceArea = ServiceArea(scope: .mrcs, codes: ["58", "37", "58"])
        // when
        let (profile, _) = try known.validated(using: catalog)
        // then
        #expect(profile.serviceArea == ServiceArea(scope: .mrcs, codes: ["58", "37"]))

        // given: a municipality code is not an MRC code, nor is a name
        var unknown = Fixtures.minimal("G")
        unknown.serviceArea = ServiceArea(scope: .mrcs, codes: ["58", "58227", "Longueuil"])
        // when
        let failure = #expect(throws: ValidationFailure.self) { try unknown.validated(using: catalog) }
        // then
        #expect(failure?.errors.map(\.code) == ["unknown_mrc", "unknown_mrc"])
        #expect(failure?.errors.map(\.field) == ["serviceArea.codes[1]", "serviceArea.codes[2]"])
        #expect(failure?.errors.first?.message.contains("« 58227 »") == true)

        // given: no code at all
        var empty = Fixtures.minimal("H")
        empty.serviceArea = ServiceArea(scope: .mrcs, codes: [])
        let emptyFailure = #expect(throws: ValidationFailure.self) { try empty.validated(using: catalog) }
        #expect(emptyFailure?.errors.map(\.field) == ["serviceArea.codes"])
    }

    @Test("an MRC is read from the trailing code in parentheses of a municipality's mrc field")
    func mrcParse() {
        #expect(MRC.parse("MRC Brome-Missisquoi (460)").map { [$0.code, $0.name] } == ["460", "MRC Brome-Missisquoi"])
        #expect(MRC.parse("  Longueuil (58) ").map { [$0.code, $0.name] } == ["58", "Longueuil"])
        #expect(MRC.parse("Communauté maritime des Îles-de-la-Madeleine (010)").map { [$0.code, $0.name] } == ["010", "Communauté maritime des Îles-de-la-Madeleine"])
        // the last parentheses hold the code, earlier ones belong to the name
        #expect(MRC.parse("Le Golfe-du-Saint-Laurent (TE) (981)").map { [$0.code, $0.name] } == ["981", "Le Golfe-du-Saint-Laurent (TE)"])
        #expect(MRC.parse("MRC Brome-Missisquoi") == nil)
        #expect(MRC.parse("MRC Brome-Missisquoi ()") == nil)
        #expect(MRC.parse("MRC Brome-Missisquoi (46O)") == nil, "a letter O is not a digit")
        #expect(MRC.parse("MRC Brome-Missisquoi (460) x") == nil)
        #expect(MRC.parse("(٤٦٠)") == nil, "only ASCII digits")
        #expect(MRC.parse("(460)") == nil, "a code without a name")
        #expect(MRC.parse("") == nil)
    }

    @Test("the catalogue's MRCs: codes, labels, members, and the MRC of a municipality")
    func mrcCatalog() {
        let brome = Municipality(code: "46078", name: "Cowansville", regionCode: "05", mrc: "MRC Brome-Missisquoi (460)",
                                 designation: "Ville", population: 14_000)
        let unnamed = Municipality(code: "99001", name: "Sans MRC", regionCode: "10", mrc: nil, designation: nil, population: nil)
        let catalog = MunicipalityCatalog(Fixtures.municipalities + [brome, unnamed])
        #expect(catalog.mrcs.map(\.code) == ["58", "460", "37"], "sorted by name")
        #expect(catalog.mrc(code: "58")?.label == "Territoire de Longueuil", "a census division is not mistaken for the city")
        #expect(catalog.mrc(code: "460")?.label == "MRC Brome-Missisquoi")
        #expect(catalog.mrc(code: "460")?.regionCode == "05")
        #expect(catalog.mrc(code: "58")?.municipalityCodes == ["58007", "58012", "58033", "58037", "58227"])
        #expect(catalog.mrc(of: "46078")?.code == "460")
        #expect(catalog.mrc(of: "99001") == nil)
        #expect(catalog.mrc(code: "0460") == nil)
    }

    @Test("calendar days")
    func days() {
        #expect(CalendarDay.parse("2024-02-29") != nil)
        #expect(CalendarDay.parse("2023-02-29") == nil)
        #expect(CalendarDay.parse("2023-2-1") == nil)
        #expect(CalendarDay.parse("hier") == nil)
    }
}
