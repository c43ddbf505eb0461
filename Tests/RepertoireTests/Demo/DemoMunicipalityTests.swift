import Foundation
import Testing
@testable import Repertoire

@Suite("Demo data: municipalities")
struct DemoMunicipalityTests {
    @Test func agglomerationCitiesAreThere() {
        let expected = ["58227": "Longueuil", "58007": "Brossard", "58033": "Boucherville",
                        "58037": "Saint-Bruno-de-Montarville", "58012": "Saint-Lambert"]
        for (code, name) in expected {
            let city = DemoData.municipalities.first { $0.code == code }
            #expect(city?.name == name)
            #expect(city?.regionCode == "16")
            #expect(city?.mrc == "Longueuil (58)")
        }
    }

    @Test func everyRegionHasMunicipalitiesAndCodesAreValid() {
        let municipalities = DemoData.municipalities
        #expect(Set(municipalities.map(\.code)).count == municipalities.count)
        for municipality in municipalities {
            #expect(Municipality.isValidCode(municipality.code))
            #expect(Region.find(municipality.regionCode) != nil)
        }
        for region in Region.all {
            let count = municipalities.filter { $0.regionCode == region.code }.count
            // Laval is a single city that is a whole region.
            #expect(region.code == "13" ? count == 1 : count >= 4, "region \(region.code): \(count)")
        }
    }

    @Test func postalPrefixesAndCoordinatesAreUsable() {
        for place in DemoPlace.all {
            for prefix in place.postalPrefixes {
                #expect((try? PostalCode.parse(prefix + "1A1").get()) != nil, "\(place.name): \(prefix)")
            }
            #expect((45.0...59.0).contains(place.latitude) && (-80.0...(-61.0)).contains(place.longitude), "\(place.name)")
        }
        #expect(DemoPlace.byCode["58227"]?.postalPrefixes.allSatisfy { $0.hasPrefix("J") } == true)
    }

    @Test(.enabled(if: DemoFixtures.municipalityFile != nil, "needs shared/data/MUN.csv"))
    func matchesTheOfficialList() throws {
        // given: the MAMH list, quoted CSV with a byte-order mark
        let url = try #require(DemoFixtures.municipalityFile)
        let text = try String(contentsOf: url, encoding: .utf8)
        var official: [String: [String]] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\",\"", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\r"))
            }
            if fields.count > 19 { official[fields[0]] = fields }
        }
        // then: columns 1 munnom, 11 mdes, 13 regadm, 14 divrec, 15 mrc, 19 mpopul
        for municipality in DemoData.municipalities {
            let row = try #require(official[municipality.code], "\(municipality.code) is not an official code")
            #expect(row[1] == municipality.name)
            #expect(row[13].hasSuffix("(\(municipality.regionCode))"))
            #expect(municipality.mrc == (row[15].isEmpty ? row[14] : row[15]))
            #expect(municipality.designation == row[11])
            #expect(municipality.population == Int(row[19]))
        }
    }
}
