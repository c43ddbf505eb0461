/// Where an enterprise sits on the map: its own coordinates, or an approximate position shared
/// by the enterprises of its postal area or municipality (so that the map is not only the few
/// that were geocoded). Approximate positions are always marked as such.
public struct MapPosition: Sendable, Equatable {
    public enum Precision: String, Sendable {
        /// The enterprise's own coordinates.
        case exact
        /// The mean of the enterprises with coordinates in the same municipality whose postal
        /// codes share the first three characters (the forward sortation area, e.g. `J4K`).
        case postalArea = "postal-code"
        /// The mean of the enterprises with coordinates in the same municipality.
        case municipality
    }

    public var latitude: Double
    public var longitude: Double
    public var precision: Precision

    public var isApproximate: Bool { precision != .exact }
}

/// Running means of the known coordinates per postal area (within a municipality) and per
/// municipality. Adding or removing one enterprise's point is O(1), so the means stay current
/// as the index follows writes, at 100,000 enterprises as at ten.
struct AreaMeans: Sendable {
    struct Sum: Sendable {
        var latitude = 0.0, longitude = 0.0
        var count = 0
    }

    /// The keys a point counts under: its municipality and, with a postal code, its postal area.
    struct Place: Sendable, Hashable {
        var municipalityCode: String
        var area: String?

        init?(municipalityCode: String?, postalCode: String?) {
            guard let municipalityCode, !municipalityCode.isEmpty else { return nil }
            self.municipalityCode = municipalityCode
            area = AreaMeans.postalArea(postalCode).map { "\(municipalityCode) \($0)" }
        }
    }

    private(set) var byArea: [String: Sum] = [:]
    private(set) var byMunicipality: [String: Sum] = [:]

    /// `J4K 1C3` → `J4K`; nil unless the code starts like a Canadian postal code.
    static func postalArea(_ postalCode: String?) -> String? {
        guard let postalCode else { return nil }
        let letters = Array(postalCode.uppercased().filter { !$0.isWhitespace }.prefix(3))
        guard letters.count == 3, letters[0].isASCII, letters[0].isLetter, letters[1].isASCII, letters[1].isNumber,
              letters[2].isASCII, letters[2].isLetter else { return nil }
        return String(letters)
    }

    mutating func add(_ point: Coordinates, at place: Place, sign: Int = 1) {
        func apply(_ sum: inout Sum) {
            sum.latitude += Double(sign) * point.latitude
            sum.longitude += Double(sign) * point.longitude
            sum.count += sign
        }
        apply(&byMunicipality[place.municipalityCode, default: Sum()])
        if byMunicipality[place.municipalityCode]?.count ?? 0 <= 0 { byMunicipality[place.municipalityCode] = nil }
        if let area = place.area {
            apply(&byArea[area, default: Sum()])
            if byArea[area]?.count ?? 0 <= 0 { byArea[area] = nil }
        }
    }

    mutating func remove(_ point: Coordinates, at place: Place) {
        add(point, at: place, sign: -1)
    }

    /// The approximate position of an enterprise without coordinates: its postal area's mean in
    /// its municipality, else its municipality's; nil when neither has a known point.
    func approximate(municipalityCode: String?, postalCode: String?) -> MapPosition? {
        guard let place = Place(municipalityCode: municipalityCode, postalCode: postalCode) else { return nil }
        if let area = place.area, let sum = byArea[area], sum.count > 0 {
            return MapPosition(latitude: sum.latitude / Double(sum.count), longitude: sum.longitude / Double(sum.count), precision: .postalArea)
        }
        if let sum = byMunicipality[place.municipalityCode], sum.count > 0 {
            return MapPosition(latitude: sum.latitude / Double(sum.count), longitude: sum.longitude / Double(sum.count), precision: .municipality)
        }
        return nil
    }
}
