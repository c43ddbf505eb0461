/// What validation needs to know about reference data kept in the store (municipalities);
/// regions, sectors and certifications are fixed lists in the domain.
public protocol ReferenceCatalog: Sendable {
    func municipality(code: String) -> Municipality?
}

/// A catalogue held in memory (the whole of Quebec is 1,130 municipalities).
public struct MunicipalityCatalog: ReferenceCatalog {
    private let byCode: [String: Municipality]

    public init(_ municipalities: [Municipality]) {
        byCode = Dictionary(municipalities.map { ($0.code, $0) }, uniquingKeysWith: { _, last in last })
    }

    public func municipality(code: String) -> Municipality? { byCode[code] }

    public var all: [Municipality] { byCode.values.sorted { $0.code < $1.code } }
}
