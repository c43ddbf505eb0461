/// A Quebec municipality as published by the ministry of municipal affairs (MAMH).
public struct Municipality: Sendable, Hashable, Codable {
    /// The official geographic code, five digits (e.g. `58227` for Longueuil).
    public var code: String
    public var name: String
    public var regionCode: String
    /// The MRC, or for cities outside any MRC (Longueuil's agglomeration) the census division.
    public var mrc: String?
    public var designation: String?
    public var population: Int?

    public init(code: String, name: String, regionCode: String, mrc: String?, designation: String?, population: Int?) {
        self.code = code
        self.name = name
        self.regionCode = regionCode
        self.mrc = mrc
        self.designation = designation
        self.population = population
    }

    public static func isValidCode(_ code: String) -> Bool {
        code.count == 5 && code.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
