import Foundation

/// What a result card and a list row need to show of an enterprise, kept in memory next to the
/// search index so that a search never waits for the database.
///
/// 100,000 of these are alive at once, so the strings, the id among them, are packed
/// (`PackedFields`) into a buffer shared by a whole load chunk, and only the date, the enums and
/// the flags are stored as such: ~1 KB and ~12 allocations a summary before, ~0.4 KB and none of
/// its own now. (The id was a stored `String` until issue #10: the one the load decoded, kept
/// alive among the load's freed records, 100,000 small survivors that kept pages resident.)
public struct EnterpriseSummary: Sendable, Equatable {
    // Declared widest first, so the stored properties pack without padding.
    public let createdAt: Date
    /// The id's bits when it is a canonical UUID (`present`'s `uuidFlag`); the id is also
    /// among the packed fields, for every id.
    private let idHigh: UInt64
    private let idLow: UInt64
    private let fields: PackedFields
    /// Bit `i` set: optional field `i` is present (nil and "" are kept apart); `uuidFlag`: the
    /// id is a canonical UUID, in `idHigh` and `idLow`.
    private let present: UInt16
    private static let uuidFlag: UInt16 = 1 << 15
    private let offeringCount: UInt8
    private let sectorCount: UInt8
    public let legalForm: LegalForm
    public let status: EnterpriseStatus
    public let offersToMunicipalities: Bool
    public let isFictional: Bool

    // Packed field numbers; the optional ones are 2 through 11.
    private static let slugField = 0, nameField = 1, municipalityCodeField = 2, municipalityNameField = 3,
                       regionCodeField = 4, lastVerifiedField = 5, phoneField = 6, emailField = 7, websiteField = 8,
                       neqField = 9, addressField = 10, postalCodeField = 11, idField = 12, firstListField = 13

    public var id: String { fields.string(Self.idField) }
    /// The id as a key, without decoding its string (see ``IDKey``): matching a call reads
    /// thousands of summaries' ids.
    var idKey: IDKey {
        present & Self.uuidFlag != 0 ? .uuid(UUIDBits(high: idHigh, low: idLow)) : .other(id)
    }
    public var slug: String { fields.string(Self.slugField) }
    public var name: String { fields.string(Self.nameField) }
    public var municipalityCode: String? { optional(Self.municipalityCodeField) }
    public var municipalityName: String? { optional(Self.municipalityNameField) }
    public var regionCode: String? { optional(Self.regionCodeField) }
    public var lastVerified: String? { optional(Self.lastVerifiedField) }
    /// Public contact, for printed contact lists.
    public var phone: String? { optional(Self.phoneField) }
    public var email: String? { optional(Self.emailField) }
    public var website: String? { optional(Self.websiteField) }
    public var neq: String? { optional(Self.neqField) }
    public var address: String? { optional(Self.addressField) }
    public var postalCode: String? { optional(Self.postalCodeField) }

    public var keyOfferings: [String] { fields.strings(offerings) }
    public var sectors: [String] { fields.strings(offerings.upperBound..<(offerings.upperBound + Int(sectorCount))) }
    public var certifications: [String] { fields.strings((offerings.upperBound + Int(sectorCount))..<fields.count) }

    private var offerings: Range<Int> { Self.firstListField..<(Self.firstListField + Int(offeringCount)) }

    private func optional(_ field: Int) -> String? {
        present & (1 << field) == 0 ? nil : fields.string(field)
    }

    init(_ enterprise: Enterprise, municipalityName: String?) {
        var buffer: [UInt8] = []
        let start = Self.pack(enterprise, municipalityName: municipalityName, into: &buffer)
        self.init(enterprise, municipalityName: municipalityName, packed: PackedFields(buffer: buffer, start: start))
    }

    /// The summaries of a load chunk, their strings in one shared buffer.
    static func chunk(_ enterprises: [Enterprise], municipalityName: (Enterprise) -> String?) -> [EnterpriseSummary] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(enterprises.count * 512)
        let names = enterprises.map(municipalityName)
        let starts = zip(enterprises, names).map { pack($0, municipalityName: $1, into: &buffer) }
        let shared = PackedFields.exactCopy(buffer)
        return enterprises.indices.map {
            EnterpriseSummary(enterprises[$0], municipalityName: names[$0], packed: PackedFields(buffer: shared, start: starts[$0]))
        }
    }

    private init(_ enterprise: Enterprise, municipalityName: String?, packed: PackedFields) {
        let p = enterprise.profile
        legalForm = p.legalForm
        status = p.status
        offersToMunicipalities = p.offersToMunicipalities
        isFictional = enterprise.isFictional
        createdAt = enterprise.createdAt
        var present: UInt16 = 0
        for (field, value) in Self.optionalFields(enterprise, municipalityName: municipalityName) where value != nil { present |= 1 << field }
        let bits = UUIDBits(enterprise.id)
        if bits != nil { present |= Self.uuidFlag }
        idHigh = bits?.high ?? 0
        idLow = bits?.low ?? 0
        self.present = present
        offeringCount = UInt8(Self.keyOfferings(p).count)
        sectorCount = UInt8(clamping: p.sectors.count)
        fields = packed
    }

    private static func optionalFields(_ enterprise: Enterprise, municipalityName: String?) -> [(Int, String?)] {
        let p = enterprise.profile
        return [(municipalityCodeField, p.municipalityCode), (municipalityNameField, municipalityName),
                (regionCodeField, p.regionCode), (lastVerifiedField, p.lastVerified), (phoneField, p.phone),
                (emailField, p.email), (websiteField, p.website), (neqField, p.neq), (addressField, p.address),
                (postalCodeField, p.postalCode)]
    }

    /// Offerings to municipalities first: that is what a buyer looks for on a card.
    private static func keyOfferings(_ p: EnterpriseProfile) -> [String] {
        Array((p.offerings.filter(\.offeredToMunicipalities) + p.offerings.filter { !$0.offeredToMunicipalities })
            .map(\.name).prefix(3))
    }

    private static func pack(_ enterprise: Enterprise, municipalityName: String?, into buffer: inout [UInt8]) -> Int {
        let p = enterprise.profile
        var strings = [enterprise.slug, p.name]
        strings += optionalFields(enterprise, municipalityName: municipalityName).map { $0.1 ?? "" }
        strings.append(enterprise.id)
        strings += keyOfferings(p)
        strings += p.sectors.prefix(Int(UInt8.max))
        strings += p.certifications
        return PackedFields.append(strings, to: &buffer)
    }

    public static func == (a: EnterpriseSummary, b: EnterpriseSummary) -> Bool {
        a.legalForm == b.legalForm && a.status == b.status
            && a.offersToMunicipalities == b.offersToMunicipalities && a.isFictional == b.isFictional
            && a.createdAt == b.createdAt && a.present == b.present && a.offeringCount == b.offeringCount
            && a.sectorCount == b.sectorCount && a.fields.bytes.elementsEqual(b.fields.bytes)
    }
}
