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

    @Test("calendar days")
    func days() {
        #expect(CalendarDay.parse("2024-02-29") != nil)
        #expect(CalendarDay.parse("2023-02-29") == nil)
        #expect(CalendarDay.parse("2023-2-1") == nil)
        #expect(CalendarDay.parse("hier") == nil)
    }
}
