/// A small pull scanner for the XML of spreadsheet files (well-formed, namespaced, UTF-8):
/// start tags with attributes, end tags and text, entities decoded. No DTD, no validation:
/// Foundation's XMLParser is not available everywhere on Linux, and XLSX needs no more.
struct XMLScanner {
    enum Event: Equatable {
        /// The local name (namespace prefix dropped), the attributes, and whether it is `<…/>`.
        case start(String, [String: String], selfClosing: Bool)
        case end(String)
        case text(String)
    }

    struct Malformed: Error {}

    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func next() throws(Malformed) -> Event? {
        let count = bytes.count
        while index < count {
            if bytes[index] != 0x3C { // text up to the next `<`
                let start = index
                while index < count && bytes[index] != 0x3C { index += 1 }
                return .text(Self.decodeEntities(bytes[start..<index]))
            }
            // `<`
            guard index + 1 < count else { throw Malformed() }
            let next = bytes[index + 1]
            if next == 0x3F { // <? … ?>
                try skip(past: [0x3F, 0x3E])
                continue
            }
            if next == 0x21 { // <!-- --> or <![CDATA[ ]]> or <!DOCTYPE>
                if starts(with: "<![CDATA[") {
                    let start = index + 9
                    index = start
                    try skip(past: [0x5D, 0x5D, 0x3E])
                    return .text(String(decoding: bytes[start..<(index - 3)], as: UTF8.self))
                }
                if starts(with: "<!--") {
                    try skip(past: [0x2D, 0x2D, 0x3E])
                } else {
                    try skip(past: [0x3E])
                }
                continue
            }
            if next == 0x2F { // </name>
                let start = index + 2
                index = start
                while index < count && bytes[index] != 0x3E { index += 1 }
                guard index < count else { throw Malformed() }
                let name = Self.localName(bytes[start..<index])
                index += 1
                return .end(name)
            }
            return try startTag()
        }
        return nil
    }

    private mutating func startTag() throws(Malformed) -> Event {
        let count = bytes.count
        index += 1
        let nameStart = index
        while index < count && !Self.isSpace(bytes[index]) && bytes[index] != 0x3E && bytes[index] != 0x2F { index += 1 }
        let name = Self.localName(bytes[nameStart..<index])
        var attributes: [String: String] = [:]
        while true {
            while index < count && Self.isSpace(bytes[index]) { index += 1 }
            guard index < count else { throw Malformed() }
            if bytes[index] == 0x3E {
                index += 1
                return .start(name, attributes, selfClosing: false)
            }
            if bytes[index] == 0x2F {
                guard index + 1 < count, bytes[index + 1] == 0x3E else { throw Malformed() }
                index += 2
                return .start(name, attributes, selfClosing: true)
            }
            let keyStart = index
            while index < count && bytes[index] != 0x3D && !Self.isSpace(bytes[index]) && bytes[index] != 0x3E { index += 1 }
            let key = Self.localName(bytes[keyStart..<index])
            while index < count && Self.isSpace(bytes[index]) { index += 1 }
            guard index < count, bytes[index] == 0x3D else { throw Malformed() }
            index += 1
            while index < count && Self.isSpace(bytes[index]) { index += 1 }
            guard index < count, bytes[index] == 0x22 || bytes[index] == 0x27 else { throw Malformed() }
            let quote = bytes[index]
            index += 1
            let valueStart = index
            while index < count && bytes[index] != quote { index += 1 }
            guard index < count else { throw Malformed() }
            attributes[key] = Self.decodeEntities(bytes[valueStart..<index])
            index += 1
        }
    }

    private func starts(with text: String) -> Bool {
        let prefix = Array(text.utf8)
        return index + prefix.count <= bytes.count && bytes[index..<(index + prefix.count)].elementsEqual(prefix)
    }

    private mutating func skip(past terminator: [UInt8]) throws(Malformed) {
        while index + terminator.count <= bytes.count {
            if bytes[index..<(index + terminator.count)].elementsEqual(terminator) {
                index += terminator.count
                return
            }
            index += 1
        }
        throw Malformed()
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// `x:c` → `c`.
    static func localName(_ bytes: ArraySlice<UInt8>) -> String {
        if let colon = bytes.lastIndex(of: 0x3A) { return String(decoding: bytes[(colon + 1)...], as: UTF8.self) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func decodeEntities(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(0x26) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == 0x26, let semicolon = bytes[index...].prefix(12).firstIndex(of: 0x3B) else {
                output.append(byte)
                index += 1
                continue
            }
            let entity = String(decoding: bytes[(index + 1)..<semicolon], as: UTF8.self)
            var scalar: Unicode.Scalar?
            switch entity {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
                }
            }
            if let scalar {
                output += Array(String(scalar).utf8)
                index = semicolon + 1
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
