/// A small pull scanner for the XML of spreadsheet files (well-formed, namespaced, UTF-8):
/// start tags with attributes, end tags and text, entities decoded. No DTD, no validation:
/// Foundation's XMLParser is not available everywhere on Linux, and XLSX needs no more.
///
/// It reads either bytes held whole or a source giving them a chunk at a time (a part being
/// inflated), keeping only the token being read: a sheet of any size is scanned in little
/// memory, and one token (a tag, a text) longer than ``maxTokenBytes`` is refused rather than
/// buffered.
struct XMLScanner {
    enum Event: Equatable {
        /// The local name (namespace prefix dropped), the attributes, and whether it is `<…/>`.
        case start(String, [String: String], selfClosing: Bool)
        case end(String)
        case text(String)
    }

    enum Failure: Error, Equatable {
        case malformed
        /// One tag or text run longer than ``XMLScanner/maxTokenBytes``.
        case tokenTooLong
        /// The source failed (the part is too large or damaged).
        case source(ImportProblem)
    }

    /// 1 MB: a cell holds at most 32,767 characters, which even as numeric character references
    /// (`&#1114111;`, 10 bytes each) stay under 330 KB; a longer token is no spreadsheet's.
    static let maxTokenBytes = 1_000_000

    /// Raised inside a token's scan when the buffer ends before the token does.
    private enum Stop: Error {
        case needMore
        case malformed
    }

    private var bytes: [UInt8]
    private var index = 0
    private let source: (() throws(ImportProblem) -> [UInt8]?)?
    /// True once every byte is in `bytes`: then the end of the buffer is the end of the document.
    private var exhausted: Bool

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        source = nil
        exhausted = true
    }

    /// Scans what `source` gives, one chunk after another, until it gives nil.
    init(source: @escaping () throws(ImportProblem) -> [UInt8]?) {
        bytes = []
        self.source = source
        exhausted = false
    }

    mutating func next() throws(Failure) -> Event? {
        while true {
            let start = index
            do throws(Stop) {
                return try token()
            } catch .needMore {
                index = start
                try refill(keepingFrom: start)
            } catch {
                throw .malformed
            }
        }
    }

    /// Drops the bytes before `start` (events already returned) and appends the next chunk.
    private mutating func refill(keepingFrom start: Int) throws(Failure) {
        guard let source else {
            exhausted = true
            return
        }
        if start > 0 {
            bytes.removeSubrange(0..<start)
            index -= start
        }
        guard bytes.count <= Self.maxTokenBytes else { throw .tokenTooLong }
        while true {
            let chunk: [UInt8]?
            do {
                chunk = try source()
            } catch {
                throw .source(error)
            }
            guard let chunk else {
                exhausted = true
                return
            }
            if !chunk.isEmpty {
                bytes += chunk
                return
            }
        }
    }

    /// The end of the buffer reached inside a token: more is needed, or the document is cut.
    private var endOfBuffer: Stop { exhausted ? .malformed : .needMore }

    private mutating func token() throws(Stop) -> Event? {
        let count = bytes.count
        while true {
            guard index < count else {
                if exhausted { return nil }
                throw .needMore
            }
            if bytes[index] != 0x3C { // text up to the next `<`
                let start = index
                while index < count && bytes[index] != 0x3C { index += 1 }
                if index == count && !exhausted { throw .needMore }
                return .text(Self.decodeEntities(bytes[start..<index]))
            }
            // `<`
            guard index + 1 < count else { throw endOfBuffer }
            let next = bytes[index + 1]
            if next == 0x3F { // <? … ?>
                try skip(past: [0x3F, 0x3E])
                continue
            }
            if next == 0x21 { // <!-- --> or <![CDATA[ ]]> or <!DOCTYPE>
                if try starts(with: "<![CDATA[") {
                    let start = index + 9
                    index = start
                    try skip(past: [0x5D, 0x5D, 0x3E])
                    return .text(String(decoding: bytes[start..<(index - 3)], as: UTF8.self))
                }
                if try starts(with: "<!--") {
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
                guard index < count else { throw endOfBuffer }
                let name = Self.localName(bytes[start..<index])
                index += 1
                return .end(name)
            }
            return try startTag()
        }
    }

    private mutating func startTag() throws(Stop) -> Event {
        let count = bytes.count
        index += 1
        let nameStart = index
        while index < count && !Self.isSpace(bytes[index]) && bytes[index] != 0x3E && bytes[index] != 0x2F { index += 1 }
        let name = Self.localName(bytes[nameStart..<index])
        var attributes: [String: String] = [:]
        while true {
            while index < count && Self.isSpace(bytes[index]) { index += 1 }
            guard index < count else { throw endOfBuffer }
            if bytes[index] == 0x3E {
                index += 1
                return .start(name, attributes, selfClosing: false)
            }
            if bytes[index] == 0x2F {
                guard index + 1 < count else { throw endOfBuffer }
                guard bytes[index + 1] == 0x3E else { throw .malformed }
                index += 2
                return .start(name, attributes, selfClosing: true)
            }
            let keyStart = index
            while index < count && bytes[index] != 0x3D && !Self.isSpace(bytes[index]) && bytes[index] != 0x3E { index += 1 }
            let key = Self.localName(bytes[keyStart..<index])
            while index < count && Self.isSpace(bytes[index]) { index += 1 }
            guard index < count else { throw endOfBuffer }
            guard bytes[index] == 0x3D else { throw .malformed }
            index += 1
            while index < count && Self.isSpace(bytes[index]) { index += 1 }
            guard index < count else { throw endOfBuffer }
            guard bytes[index] == 0x22 || bytes[index] == 0x27 else { throw .malformed }
            let quote = bytes[index]
            index += 1
            let valueStart = index
            while index < count && bytes[index] != quote { index += 1 }
            guard index < count else { throw endOfBuffer }
            attributes[key] = Self.decodeEntities(bytes[valueStart..<index])
            index += 1
        }
    }

    /// Whether the bytes at `index` are `text`; needs the buffer to hold them, unless it ends.
    private func starts(with text: String) throws(Stop) -> Bool {
        let prefix = Array(text.utf8)
        if index + prefix.count > bytes.count {
            if !exhausted { throw .needMore }
            return false
        }
        return bytes[index..<(index + prefix.count)].elementsEqual(prefix)
    }

    private mutating func skip(past terminator: [UInt8]) throws(Stop) {
        while index + terminator.count <= bytes.count {
            if bytes[index..<(index + terminator.count)].elementsEqual(terminator) {
                index += terminator.count
                return
            }
            index += 1
        }
        throw endOfBuffer
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
