import NIOCore

/// Writes JSON into one growing byte array, for responses on the hot path.
///
/// Foundation's `JSONEncoder` went through `Encodable` containers and an intermediate tree: on a
/// search answer (20 summaries with highlights, six facets) it cost more CPU than the search
/// itself (42 % of the server's CPU under load, issue #3). This writer copies each string's
/// UTF-8 bytes once, escaping only where needed.
///
/// Commas are placed by the writer: it remembers, per nesting level, whether a value was written.
/// Bytes go to an array, not straight to a `ByteBuffer`: each of `ByteBuffer`'s small writes
/// checks capacity and uniqueness out of line, which showed up at 5 % of a request's CPU.
struct JSONOutput {
    private(set) var bytes: [UInt8] = []
    /// Bit `d` is set once the container at depth `d` holds a value.
    private var filled: UInt64 = 0
    private var depth = 0
    private var afterKey = false

    init(capacity: Int = 4_096) {
        bytes.reserveCapacity(capacity)
    }

    /// The JSON text written so far.
    var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    // MARK: Containers

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// A key of the current object; its value is the next thing written. Keys are ASCII
    /// identifiers written by the app, never user input, so they are not escaped.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        append(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// A key known only at run time (escaped like any string).
    mutating func key(_ name: String) {
        separate()
        writeEscaped(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    // MARK: Values

    mutating func string(_ value: String) {
        separate()
        writeEscaped(value)
    }

    mutating func int(_ value: Int) {
        separate()
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for Int.min
        withUnsafeMutableBytes(of: &digits) { raw in
            var n = value.magnitude
            var i = raw.count
            repeat {
                i -= 1
                raw[i] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            } while n > 0
            if value < 0 {
                i -= 1
                raw[i] = UInt8(ascii: "-")
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[i...]))
        }
    }

    mutating func bool(_ value: Bool) {
        separate()
        append(value ? "true" : "false")
    }

    /// A finite number as `JSONEncoder` writes it: the shortest text that reads back the same,
    /// without a trailing ".0". Non-finite numbers have no JSON form: they are written as 0.
    mutating func double(_ value: Double) {
        separate()
        guard value.isFinite else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    mutating func null() {
        separate()
        append("null")
    }

    // MARK: Fields (key and value); optional ones are left out when nil, as `JSONEncoder` does

    mutating func field(_ name: StaticString, _ value: String) { key(name); string(value) }
    mutating func field(_ name: StaticString, _ value: Int) { key(name); int(value) }
    mutating func field(_ name: StaticString, _ value: Bool) { key(name); bool(value) }
    mutating func field(_ name: StaticString, _ value: Double) { key(name); double(value) }

    mutating func field(_ name: StaticString, _ value: String?) {
        if let value { field(name, value) }
    }

    mutating func field(_ name: StaticString, _ values: [String]) {
        key(name)
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    // MARK: Internals

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        depth += 1
        precondition(depth < 64, "JSON nested too deeply")
        filled &= ~(1 << UInt64(depth))
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        depth -= 1
    }

    /// A comma before every value of a container but the first; none between a key and its value.
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        let bit: UInt64 = 1 << UInt64(depth)
        if filled & bit != 0 { bytes.append(UInt8(ascii: ",")) }
        filled |= bit
    }

    /// A quoted string. Escapes `"`, `\`, every control character (U+0000–U+001F) and U+2028 /
    /// U+2029, which are valid in JSON but end a line in JavaScript source.
    private mutating func writeEscaped(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            var i = 0
            let count = utf8.count
            while i < count {
                let byte = utf8[i]
                let escape: StaticString?
                switch byte {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x08: escape = "\\b"
                case 0x0C: escape = "\\f"
                case 0x00..<0x20: escape = nil
                case 0xE2 where i + 2 < count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                    escape = utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                default:
                    i += 1
                    continue
                }
                self.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                if let escape {
                    append(escape)
                } else {
                    append("\\u00")
                    self.bytes.append(Self.hex[Int(byte >> 4)])
                    self.bytes.append(Self.hex[Int(byte & 0x0F)])
                }
                i += byte == 0xE2 ? 3 : 1
                runStart = i
            }
            self.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
}
