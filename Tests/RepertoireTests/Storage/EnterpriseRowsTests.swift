import Testing
@testable import Repertoire

@Suite("Stored row values")
struct StoredRowValueTests {
    @Test("the service area is written as the JSON encoder writes it")
    func serviceAreaJSON() {
        let areas = [ServiceArea(scope: .quebec), ServiceArea(scope: .regions, codes: ["16"]), ServiceArea(scope: .regions, codes: ["06", "16"]),
                     ServiceArea(scope: .municipalities, codes: ["58227", "58007"]), ServiceArea(scope: .municipalities, codes: ["5\"8"])]
        for area in areas {
            #expect(EnterpriseRows.serviceAreaJSON(area) == EnterpriseRows.json(area), "\(area)")
        }
    }
}
