import Foundation

/// Reads an OCDS release package (`{"version": …, "releases": [ {…}, {…} ]}`) in chunks and hands
/// each release's bytes over one at a time, so that a 60 MB monthly file (often one single line)
/// is read in bounded memory: the package's other members are kept if small, each release is
/// decoded and dropped by the caller. The scanner checks the JSON's structure (strings, escapes,
/// nesting, commas); the caller decodes what is inside.
///
/// A release larger than `maxReleaseBytes` is not kept: its bytes are skipped to its end and the
/// caller is told (`.oversized`). A structural error (a truncated file, a stray character) stops
/// the scan with the byte offset where it was found.
struct OCDSPackageScanner {
    enum Event {
        /// A member of the package other than `releases`, as raw JSON (at most 1 MB).
        case member(key: String, json: [UInt8])
        /// The `releases` list begins.
        case releasesList
        /// The release at `index` (from 0) of the `releases` array, starting at byte `offset`.
        case release(index: Int, offset: Int, json: [UInt8])
        /// A release too large to keep, skipped.
        case oversized(index: Int, offset: Int, bytes: Int)
    }

    struct FormatError: Error, Equatable {
        /// Byte offset in the file (after a byte-order mark, counted too).
        var offset: Int
        var message: String
    }

    var maxReleaseBytes = 16 << 20
    var maxMemberBytes = 1 << 20
    var chunkSize = 1 << 20

    /// Scans `handle` to its end, calling `handle(event)` for each member and release.
    func scan(_ handle: FileHandle, _ body: (Event) throws -> Void) throws {
        var state = State(scanner: self)
        while true {
            let chunk = try handle.read(upToCount: chunkSize) ?? Data()
            if chunk.isEmpty { break }
            try chunk.withUnsafeBytes { raw in
                for byte in raw.bindMemory(to: UInt8.self) { try state.feed(byte, body) }
            }
        }
        try state.finish()
    }

    /// Scans bytes already in memory (tests, small uploads).
    func scan(_ bytes: [UInt8], _ body: (Event) throws -> Void) throws {
        var state = State(scanner: self)
        for byte in bytes { try state.feed(byte, body) }
        try state.finish()
    }

    private struct State {
        enum Phase {
            case start, expectKeyOrEnd, expectKey, key, expectColon, value, afterValue
            case releasesStart, expectElementOrEnd, expectElement, element, done
        }

        let scanner: OCDSPackageScanner
        var phase = Phase.start
        var offset = -1
        var sawByteOrderMark = 0
        // The value being read (a member or a release): nesting, strings, and its bytes.
        var depth = 0
        var inString = false
        var escaped = false
        var scalar = false  // a value that is not an object or array ends at a delimiter
        var buffer: [UInt8] = []
        var size = 0
        var valueStart = 0
        var keyBytes: [UInt8] = []
        var key = ""
        var releaseIndex = 0
        var keys = Set<String>()

        init(scanner: OCDSPackageScanner) { self.scanner = scanner }

        func fail(_ message: String) -> FormatError { FormatError(offset: offset, message: message) }

        static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

        mutating func feed(_ b: UInt8, _ body: (Event) throws -> Void) throws {
            offset += 1
            switch phase {
            case .start:
                // A UTF-8 byte-order mark (EF BB BF) may come first.
                if offset == sawByteOrderMark, offset < 3, b == [0xEF, 0xBB, 0xBF][offset] {
                    sawByteOrderMark += 1
                    return
                }
                if sawByteOrderMark != 0 && sawByteOrderMark != 3 { throw fail("marque d'ordre des octets incomplète") }
                if Self.isSpace(b) { return }
                guard b == UInt8(ascii: "{") else { throw fail("un paquet OCDS est un objet JSON : « { » attendu") }
                phase = .expectKeyOrEnd
            case .expectKeyOrEnd, .expectKey:
                if Self.isSpace(b) { return }
                if b == UInt8(ascii: "}"), phase == .expectKeyOrEnd { phase = .done; return }
                guard b == UInt8(ascii: "\"") else { throw fail("nom de champ attendu") }
                keyBytes = []
                escaped = false
                phase = .key
            case .key:
                if escaped { escaped = false; keyBytes.append(b); return }
                if b == UInt8(ascii: "\\") { escaped = true; keyBytes.append(b); return }
                if b == UInt8(ascii: "\"") {
                    key = (try? JSONDecoder().decode(String.self, from: Data([UInt8(ascii: "\"")] + keyBytes + [UInt8(ascii: "\"")])))
                        ?? String(decoding: keyBytes, as: UTF8.self)
                    guard keys.insert(key).inserted else { throw fail("le champ « \(key) » est en double") }
                    phase = .expectColon
                    return
                }
                guard keyBytes.count < 1_024 else { throw fail("nom de champ trop long") }
                keyBytes.append(b)
            case .expectColon:
                if Self.isSpace(b) { return }
                guard b == UInt8(ascii: ":") else { throw fail("« : » attendu après « \(key) »") }
                phase = key == "releases" ? .releasesStart : .value
                if phase == .value { beginValue() }
            case .value:
                if try take(b, limit: scanner.maxMemberBytes, end: UInt8(ascii: "}")) {
                    if size > scanner.maxMemberBytes { throw fail("le champ « \(key) » dépasse \(scanner.maxMemberBytes) octets") }
                    try body(.member(key: key, json: buffer))
                    buffer = []
                    phase = b == UInt8(ascii: "}") ? .done : .expectKey
                }
            case .releasesStart:
                if Self.isSpace(b) { return }
                guard b == UInt8(ascii: "[") else { throw fail("« releases » doit être une liste") }
                try body(.releasesList)
                phase = .expectElementOrEnd
            case .expectElementOrEnd, .expectElement:
                if Self.isSpace(b) { return }
                if b == UInt8(ascii: "]"), phase == .expectElementOrEnd { phase = .afterValue; return }
                beginValue()
                phase = .element
                _ = try take(b, limit: scanner.maxReleaseBytes, end: UInt8(ascii: "]"))
            case .element:
                if try take(b, limit: scanner.maxReleaseBytes, end: UInt8(ascii: "]")) {
                    if size > scanner.maxReleaseBytes {
                        try body(.oversized(index: releaseIndex, offset: valueStart, bytes: size))
                    } else {
                        try body(.release(index: releaseIndex, offset: valueStart, json: buffer))
                    }
                    releaseIndex += 1
                    buffer = []
                    phase = b == UInt8(ascii: "]") ? .afterValue : .expectElement
                }
            case .afterValue:
                if Self.isSpace(b) { return }
                if b == UInt8(ascii: ",") { phase = .expectKey; return }
                if b == UInt8(ascii: "}") { phase = .done; return }
                throw fail("« , » ou « } » attendu")
            case .done:
                if Self.isSpace(b) { return }
                throw fail("des données suivent la fin du paquet")
            }
        }

        mutating func beginValue() {
            depth = 0
            inString = false
            escaped = false
            scalar = false
            buffer = []
            size = 0
            valueStart = offset + 1
        }

        /// Adds `b` to the current value; true when `b` is the delimiter that follows a finished
        /// value (`,` or `end`), which is not part of it.
        mutating func take(_ b: UInt8, limit: Int, end: UInt8) throws -> Bool {
            if inString {
                if b < 0x20 {
                    // SEAO's titles hold raw tabs (and sometimes line breaks), which JSON wants
                    // escaped: they are kept, escaped, rather than refusing the release.
                    for e in Array(String(format: "\\u%04x", Int(b)).utf8) { keep(e, limit) }
                    escaped = false
                    return false
                }
                keep(b, limit)
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") {
                    inString = false
                }
                return false
            }
            if depth == 0 && !scalar && size > 0 {
                // A complete object, array or string: only a delimiter may follow.
                if Self.isSpace(b) { return false }
                if b == UInt8(ascii: ",") || b == end { return true }
                throw fail("« , » ou « \(Character(Unicode.Scalar(end))) » attendu")
            }
            switch b {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if scalar { throw fail("valeur invalide") }
                depth += 1
                keep(b, limit)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 {
                    if scalar, b == end { return true }
                    throw fail(size == 0 ? "valeur attendue" : "« \(Character(Unicode.Scalar(b))) » inattendu")
                }
                depth -= 1
                keep(b, limit)
            case UInt8(ascii: "\""):
                if scalar { throw fail("valeur invalide") }
                inString = true
                keep(b, limit)
            case UInt8(ascii: ","):
                if depth == 0 {
                    if scalar { return true }
                    throw fail("valeur attendue")
                }
                keep(b, limit)
            default:
                if Self.isSpace(b) {
                    if depth == 0 && scalar { scalar = false; return false }
                    if depth > 0 { keep(b, limit) }
                    return false
                }
                if depth == 0 {
                    if size == 0 { scalar = true } else if !scalar { throw fail("valeur invalide") }
                }
                keep(b, limit)
            }
            return false
        }

        mutating func keep(_ b: UInt8, _ limit: Int) {
            size += 1
            if size <= limit { buffer.append(b) } else if !buffer.isEmpty { buffer = [] }
        }

        func finish() throws {
            switch phase {
            case .done: return
            case .start: throw FormatError(offset: offset + 1, message: "fichier vide")
            default: throw FormatError(offset: offset + 1, message: "fichier tronqué : la fin du paquet OCDS manque")
            }
        }
    }
}
