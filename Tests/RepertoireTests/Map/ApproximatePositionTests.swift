import Foundation
import Testing
@testable import Repertoire

@Suite("Map: approximate positions from the postal area or the municipality")
struct ApproximatePositionTests {
    static func place(_ municipality: String?, _ postalCode: String?) -> AreaMeans.Place {
        AreaMeans.Place(municipalityCode: municipality, postalCode: postalCode)!
    }

    @Test("the postal area is the postal code's first three characters, when it looks Canadian")
    func postalArea() {
        #expect(AreaMeans.postalArea("j4h 1c3") == "J4H")
        #expect(AreaMeans.postalArea("J4H1C3") == "J4H")
        #expect(AreaMeans.postalArea(" g1l") == "G1L")
        #expect(AreaMeans.postalArea("12345") == nil)
        #expect(AreaMeans.postalArea("J4") == nil)
        #expect(AreaMeans.postalArea(nil) == nil)
    }

    @Test("the postal area's mean within the municipality first, else the municipality's, else nothing")
    func fallbacks() throws {
        // given
        var means = AreaMeans()
        means.add(Coordinates(latitude: 45.50, longitude: -73.50), at: Self.place("58227", "J4H 1A1"))
        means.add(Coordinates(latitude: 45.52, longitude: -73.52), at: Self.place("58227", "J4H 2B2"))
        means.add(Coordinates(latitude: 45.60, longitude: -73.40), at: Self.place("58227", "J4K 1C3"))
        // when
        let area = try #require(means.approximate(municipalityCode: "58227", postalCode: "J4H 9Z9"))
        let municipality = try #require(means.approximate(municipalityCode: "58227", postalCode: "J4M 1A1"))
        // then
        #expect(area.precision == .postalArea)
        #expect(abs(area.latitude - 45.51) < 1e-9 && abs(area.longitude + 73.51) < 1e-9)
        #expect(municipality.precision == .municipality)
        #expect(abs(municipality.latitude - 45.54) < 1e-9)
        #expect(means.approximate(municipalityCode: "58227", postalCode: nil)?.precision == .municipality)
        // The same postal area in another municipality is not the same place.
        #expect(means.approximate(municipalityCode: "58007", postalCode: "J4H 1A1") == nil)
        #expect(means.approximate(municipalityCode: nil, postalCode: "J4H 1A1") == nil)
    }

    @Test("removing a point takes it out of the means, and an emptied area is forgotten")
    func removal() {
        var means = AreaMeans()
        let point = Coordinates(latitude: 46.35, longitude: -72.55)
        means.add(point, at: Self.place("37067", "G9A 5H7"))
        #expect(means.approximate(municipalityCode: "37067", postalCode: "G9A 1A1") != nil)
        means.remove(point, at: Self.place("37067", "G9A 5H7"))
        #expect(means.approximate(municipalityCode: "37067", postalCode: "G9A 1A1") == nil)
        #expect(means.byArea.isEmpty && means.byMunicipality.isEmpty)
    }

    @Test("the table gives an enterprise's own coordinates first, and follows updates and archiving")
    func table() throws {
        // given
        let table = PositionTable()
        var located = Fixtures.complete()
        located.coordinates = Coordinates(latitude: 45.53, longitude: -73.51)
        let enterprise = Enterprise(id: "a", slug: "a", profile: located, isFictional: false, version: 1, createdAt: .now, updatedAt: .now, archivedAt: nil)
        table.update([enterprise], ids: ["a"])
        // then
        #expect(table.position(id: "a", municipalityCode: "58227", postalCode: nil)?.precision == .exact)
        #expect(table.position(id: "b", municipalityCode: "58227", postalCode: "J4H 7B7")?.precision == .postalArea)
        // when archived, it leaves the map and the means
        var archived = enterprise
        archived.archivedAt = .now
        table.update([archived], ids: ["a"])
        #expect(table.position(id: "a", municipalityCode: "58227", postalCode: nil) == nil)
        #expect(table.count == 0)
    }

    @Test("UUID ids and other ids are both kept, apart, and a replaced load drops what it no longer holds")
    func tableKeys() throws {
        let table = PositionTable()
        var located = Fixtures.complete()
        located.coordinates = Coordinates(latitude: 45.53, longitude: -73.51)
        let uuid = RecordID.next()
        func enterprise(_ id: String, latitude: Double) -> Enterprise {
            var profile = located
            profile.coordinates = Coordinates(latitude: latitude, longitude: -73.51)
            return Enterprise(id: id, slug: id, profile: profile, isFictional: false, version: 1, createdAt: .now, updatedAt: .now, archivedAt: nil)
        }
        table.update([enterprise(uuid, latitude: 45.1), enterprise("import-17", latitude: 45.2)], ids: [])
        #expect(table.count == 2)
        #expect(table.position(id: uuid, municipalityCode: nil, postalCode: nil)?.latitude == 45.1)
        #expect(table.position(id: "import-17", municipalityCode: nil, postalCode: nil)?.latitude == 45.2)
        #expect(table.position(id: RecordID.next(), municipalityCode: nil, postalCode: nil) == nil)
        // when: a fresh load holds only the UUID one, moved
        table.replaceAll([PositionTable.entries([enterprise(uuid, latitude: 46.0)])])
        #expect(table.count == 1)
        #expect(table.position(id: uuid, municipalityCode: nil, postalCode: nil)?.latitude == 46.0)
        #expect(table.position(id: "import-17", municipalityCode: nil, postalCode: nil) == nil)
        // and deleting by id
        table.update([], ids: [uuid])
        #expect(table.count == 0)
    }
}
