import Foundation

/// A UUID as two integers (the big-endian halves of its 16 bytes), so that hashing and ordering
/// it cost two integer operations.
struct UUIDBits: Hashable, Comparable, Sendable {
    let high: UInt64
    let low: UInt64

    static func < (a: UUIDBits, b: UUIDBits) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }

    /// The UUID an id spells in the canonical form (lowercase hex, hyphens after the 8th, 12th,
    /// 16th and 20th digits), or nil, so that the bits always stand for exactly one string.
    init?(_ id: String) {
        var id = id
        guard let bits = id.withUTF8({ UUIDBits(utf8: $0) }) else { return nil }
        self = bits
    }

    /// ``init(_:)`` from an id's UTF-8 bytes.
    init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 36,
              bytes[8] == UInt8(ascii: "-"), bytes[13] == UInt8(ascii: "-"),
              bytes[18] == UInt8(ascii: "-"), bytes[23] == UInt8(ascii: "-") else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0, digits = 0
        for i in 0..<36 where i != 8 && i != 13 && i != 18 && i != 23 {
            let c = bytes[i]
            let nibble: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt64(c &- UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = UInt64(c &- UInt8(ascii: "a") &+ 10)
            default: return nil
            }
            if digits < 16 { high = high << 4 | nibble } else { low = low << 4 | nibble }
            digits += 1
        }
        self.high = high
        self.low = low
    }

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The canonical spelling: 36 characters, lowercase.
    var string: String {
        String(unsafeUninitializedCapacity: 36) { out in
            var k = 0
            for n in 0..<32 {
                if k == 8 || k == 13 || k == 18 || k == 23 {
                    out[k] = UInt8(ascii: "-")
                    k += 1
                }
                let bits = n < 16 ? high >> UInt64(60 - 4 * n) : low >> UInt64(60 - 4 * (n - 16))
                out[k] = Self.hexDigits[Int(bits & 0xF)]
                k += 1
            }
            return 36
        }
    }
}

/// A dictionary keyed by enterprise id that keeps UUID ids as their 16 bytes.
///
/// Enterprise ids are lowercase UUIDs: as `String` keys, 36 characters each, every key is an
/// 80-byte heap allocation of its own, and the one decoded while the directory loads. Those
/// 100,000 small survivors sat scattered through the load's freed records and kept their pages
/// resident (issue #10: the server's RSS after the load). A UUID key is stored in the table.
/// Any other id (written by hand in a test, an upper-case UUID) goes to a `String`-keyed table,
/// so two ids that differ by case stay two keys.
struct IDTable<Value> {
    private var uuids: [UUIDBits: Value] = [:]
    private var others: [String: Value] = [:]

    var count: Int { uuids.count + others.count }

    mutating func reserveCapacity(_ n: Int) { uuids.reserveCapacity(n) }

    subscript(id: String) -> Value? {
        get { self[key: IDKey(id)] }
        set { self[key: IDKey(id)] = newValue }
    }

    subscript(key key: IDKey) -> Value? {
        get {
            switch key {
            case .uuid(let bits): uuids[bits]
            case .other(let id): others[id]
            }
        }
        set {
            switch key {
            case .uuid(let bits): uuids[bits] = newValue
            case .other(let id): others[id] = newValue
            }
        }
    }

    @discardableResult
    mutating func removeValue(forKey id: String) -> Value? {
        switch IDKey(id) {
        case .uuid(let bits): uuids.removeValue(forKey: bits)
        case .other(let id): others.removeValue(forKey: id)
        }
    }
}

extension IDTable: Sendable where Value: Sendable {}

/// An enterprise id as a key that costs no allocation when the id is a canonical UUID, for work
/// that keys many ids at once: matching a call against the directory looks up thousands of
/// summaries. Ordered like the ids' strings.
enum IDKey: Hashable, Comparable, Sendable {
    case uuid(UUIDBits)
    case other(String)

    init(_ id: String) {
        self = UUIDBits(id).map(IDKey.uuid) ?? .other(id)
    }

    /// The id's string: a UUID's canonical (lowercase) spelling, the only one it stands for.
    var id: String {
        switch self {
        case .uuid(let bits): bits.string
        case .other(let id): id
        }
    }

    /// The canonical spelling's order: hex digits sort like the nibbles they stand for and the
    /// hyphens are at the same places, so two UUIDs compare as integers.
    static func < (a: IDKey, b: IDKey) -> Bool {
        if case .uuid(let x) = a, case .uuid(let y) = b { return x < y }
        return a.id < b.id
    }
}
