/// What validation needs to know about reference data kept in the store (municipalities and
/// the MRCs they belong to); regions, sectors and certifications are fixed lists in the domain.
public protocol ReferenceCatalog: Sendable {
    func municipality(code: String) -> Municipality?
    func mrc(code: String) -> MRC?
}

/// A regional county municipality (MRC), or for cities outside any MRC (Longueuil's
/// agglomeration, Laval, Montréal…) the census division that stands in for it. Derived from the
/// municipalities' `mrc` field: « MRC Brome-Missisquoi (460) », « Longueuil (58) ».
public struct MRC: Sendable, Hashable {
    /// The number in the trailing parentheses: `460`, `58`. Three digits for an MRC, two for a
    /// census division, so the two never collide.
    public var code: String
    /// The name as published, without its code: « MRC Brome-Missisquoi », « Longueuil ».
    public var name: String
    public var regionCode: String
    /// Its municipalities' codes, in code order.
    public var municipalityCodes: [String]

    /// The name a person reads: a census division is shown as a territory, so that
    /// « Longueuil » the agglomeration is not mistaken for the city.
    public var label: String {
        name.hasPrefix("MRC ") || name.hasPrefix("Communauté") ? name : "Territoire de \(name)"
    }

    /// The code and name of an `mrc` field, or nil when it has no trailing code in parentheses
    /// or no name before it.
    public static func parse(_ field: String) -> (code: String, name: String)? {
        let trimmed = field.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") else { return nil }
        let code = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        guard !code.isEmpty, code.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        // A code without a name would be listed as « Territoire de  »: not an MRC we can show.
        let name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return nil }
        return (String(code), name)
    }
}

extension Municipality {
    /// The code of its MRC (or census division), from the trailing parentheses of `mrc`.
    public var mrcCode: String? { mrc.flatMap(MRC.parse)?.code }
}

/// A catalogue held in memory (the whole of Quebec is 1,130 municipalities).
public struct MunicipalityCatalog: ReferenceCatalog {
    private let byCode: [String: Municipality]
    private let mrcsByCode: [String: MRC]
    /// Each municipality's MRC code, parsed once: searches ask for it for every facet value.
    private let mrcCodes: [String: String]

    public init(_ municipalities: [Municipality]) {
        byCode = Dictionary(municipalities.map { ($0.code, $0) }, uniquingKeysWith: { _, last in last })
        var mrcs: [String: MRC] = [:]
        var mrcCodes: [String: String] = [:]
        for municipality in byCode.values.sorted(by: { $0.code < $1.code }) {
            guard let (code, name) = municipality.mrc.flatMap(MRC.parse) else { continue }
            mrcCodes[municipality.code] = code
            mrcs[code, default: MRC(code: code, name: name, regionCode: municipality.regionCode, municipalityCodes: [])]
                .municipalityCodes.append(municipality.code)
        }
        mrcsByCode = mrcs
        self.mrcCodes = mrcCodes
    }

    public func municipality(code: String) -> Municipality? { byCode[code] }

    public func mrc(code: String) -> MRC? { mrcsByCode[code] }

    /// The MRC a municipality belongs to.
    public func mrc(of municipalityCode: String) -> MRC? {
        mrcCodes[municipalityCode].flatMap { mrcsByCode[$0] }
    }

    /// The code of the MRC a municipality belongs to (``Municipality/mrcCode``, without parsing).
    public func mrcCode(of municipalityCode: String) -> String? { mrcCodes[municipalityCode] }

    public var all: [Municipality] { byCode.values.sorted { $0.code < $1.code } }

    /// Every MRC, by name.
    public var mrcs: [MRC] { mrcsByCode.values.sorted { $0.name < $1.name } }
}
