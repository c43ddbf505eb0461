import Foundation

/// French text analysis shared by indexing, querying and highlighting, so the three never disagree.
///
/// Works on UTF-8 bytes: Character iteration is far too slow for 100k documents, and byte
/// offsets let the highlighter slice the original text without re-normalising it.
enum FrenchAnalyzer {
    /// One token as seen by callers. `term` is folded and stemmed; `folded` is folded only.
    struct Token {
        var term: UnsafeBufferPointer<UInt8>
        var folded: UnsafeBufferPointer<UInt8>
        /// The token's bytes in the original text (accents and case intact).
        var original: UnsafeBufferPointer<UInt8>
        /// UTF-8 offsets of the token in the original text.
        var start: Int
        var end: Int
        var hasDigit: Bool
    }

    /// Calls `body` for each indexable token (stop words removed) of `text`.
    static func forEachToken(in text: String, keepStopWords: Bool = false, _ body: (Token) -> Void) {
        withoutActuallyEscaping(body) { body in
            var sink = ClosureSink(body: body)
            analyze(text, keepStopWords: keepStopWords, into: &sink)
        }
    }

    /// Generic over the sink so the per-token call is direct: indexing calls this ~10M times.
    static func analyze<Sink: TokenSink>(_ text: String, keepStopWords: Bool = false, into sink: inout Sink) {
        var copy = text
        copy.makeContiguousUTF8()
        var scanner = Scanner(keepStopWords: keepStopWords)
        _ = copy.utf8.withContiguousStorageIfAvailable { bytes in
            scanner.scan(bytes, &sink)
        }
    }

    private struct ClosureSink: TokenSink {
        let body: (Token) -> Void
        mutating func consume(_ token: Token) { body(token) }
    }

    /// Convenience for tests and small inputs: the analysed terms as strings.
    static func terms(_ text: String) -> [String] {
        var out: [String] = []
        forEachToken(in: text) { out.append(String(decoding: $0.term, as: UTF8.self)) }
        return out
    }

    /// Accent- and case-folded text with anything but letters and digits collapsed to one space;
    /// used as the French collation key for name sorting ("École" sorts with "ecole").
    static func collationKey(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var copy = text
        copy.makeContiguousUTF8()
        copy.utf8.withContiguousStorageIfAvailable { bytes in
            var i = 0
            while i < bytes.count {
                let (kind, length) = classify(bytes, at: i)
                i += length
                switch kind {
                case .other(let value):
                    if pendingSpace && !out.isEmpty { out.append(0x20) }
                    pendingSpace = false
                    out.append(contentsOf: foldOther(value))
                case .folded(let a, let b):
                    if pendingSpace && !out.isEmpty { out.append(0x20) }
                    pendingSpace = false
                    out.append(a)
                    if b != 0 { out.append(b) }
                case .ascii(let b):
                    if pendingSpace && !out.isEmpty { out.append(0x20) }
                    pendingSpace = false
                    out.append(b)
                case .ignorable:
                    break
                case .apostrophe, .separator:
                    pendingSpace = true
                }
            }
        }
        return out
    }

    // MARK: - Scanning

    enum ByteClass {
        case ascii(UInt8)          // a-z or 0-9, already lowercased
        case folded(UInt8, UInt8)  // accented Latin letter folded to one or two ASCII letters (0 = none)
        case other(UInt32)         // another letter or digit, folded by `foldOther` (rare path)
        case ignorable             // combining mark: part of the previous letter
        case apostrophe
        case separator
    }

    @inline(__always)
    static func classify(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (ByteClass, Int) {
        let b = bytes[i]
        if b < 0x80 {
            switch b {
            case 0x61...0x7A, 0x30...0x39: return (.ascii(b), 1)
            case 0x41...0x5A: return (.ascii(b | 0x20), 1)
            case 0x27: return (.apostrophe, 1)
            default: return (.separator, 1)
            }
        }
        // Decode one scalar; the input is valid UTF-8 because it comes from a String.
        var scalar: UInt32
        var length: Int
        if b & 0xE0 == 0xC0 {
            scalar = UInt32(b & 0x1F); length = 2
        } else if b & 0xF0 == 0xE0 {
            scalar = UInt32(b & 0x0F); length = 3
        } else {
            scalar = UInt32(b & 0x07); length = 4
        }
        for k in 1..<length where i + k < bytes.count {
            scalar = (scalar << 6) | UInt32(bytes[i + k] & 0x3F)
        }
        return (foldScalar(scalar), length)
    }

    private static let latin1: [(UInt8, UInt8)] = {
        // U+00C0 ... U+00FF, folded; "_" marks a separator (× and ÷).
        let table = "a a a a a a ae c e e e e i i i i d n o o o o o _ o u u u u y th ss "
            + "a a a a a a ae c e e e e i i i i d n o o o o o _ o u u u u y th y"
        return table.split(separator: " ").map { word in
            let b = Array(word.utf8)
            return word == "_" ? (0, 0) : (b[0], b.count > 1 ? b[1] : 0)
        }
    }()

    static func foldScalar(_ value: UInt32) -> ByteClass {
        switch value {
        case 0xC0...0xFF:
            let (a, b) = latin1[Int(value - 0xC0)]
            return a == 0 ? .separator : .folded(a, b)
        case 0x152, 0x153: return .folded(0x6F, 0x65)  // œ
        case 0xA0: return .separator
        case 0x300...0x36F: return .ignorable               // combining accents (NFD input)
        case 0x2018, 0x2019, 0x02BC: return .apostrophe
        case 0x2000...0x206F: return .separator  // dashes, spaces, quotes: frequent in offerings
        default:
            guard let scalar = Unicode.Scalar(value) else { return .separator }
            let props = scalar.properties
            guard props.isAlphabetic || props.numericType != nil else { return .separator }
            return .other(value)
        }
    }

    /// Other accented letters (ŝ, ő, Greek…): let Foundation strip the diacritics. Kept out of
    /// `ByteClass` so that enum stays trivially copyable on the per-byte path.
    static func foldOther(_ value: UInt32) -> [UInt8] {
        guard let scalar = Unicode.Scalar(value) else { return [] }
        let folded = String(Character(scalar))
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return Array(folded.utf8)
    }

    struct Scanner {
        var keepStopWords: Bool
        var folded: [UInt8] = []
        var stemmed: [UInt8] = []
        var start = -1
        var end = -1
        var hasDigit = false

        init(keepStopWords: Bool) {
            self.keepStopWords = keepStopWords
            folded.reserveCapacity(64)
            stemmed.reserveCapacity(64)
        }

        var text = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

        mutating func scan<Sink: TokenSink>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: inout Sink) {
            text = bytes
            var i = 0
            while i < bytes.count {
                let (kind, length) = FrenchAnalyzer.classify(bytes, at: i)
                switch kind {
                case .ascii(let b):
                    if start < 0 { start = i }
                    if b < 0x40 { hasDigit = true }
                    folded.append(b)
                    end = i + length
                case .folded(let a, let b):
                    if start < 0 { start = i }
                    folded.append(a)
                    if b != 0 { folded.append(b) }
                    end = i + length
                case .other(let value):
                    if start < 0 { start = i }
                    folded.append(contentsOf: FrenchAnalyzer.foldOther(value))
                    end = i + length
                case .ignorable:
                    if start >= 0 { end = i + length }
                case .apostrophe:
                    if start >= 0 && FrenchAnalyzer.isElision(folded) {
                        reset()  // l'atelier, qu'on, jusqu'à: the article is noise
                    } else {
                        flush(&body)
                    }
                case .separator:
                    flush(&body)
                }
                i += length
            }
            flush(&body)
        }

        private mutating func reset() {
            folded.removeAll(keepingCapacity: true)
            start = -1
            hasDigit = false
        }

        private mutating func flush<Sink: TokenSink>(_ body: inout Sink) {
            defer { reset() }
            guard start >= 0, !folded.isEmpty else { return }
            if !keepStopWords && FrenchAnalyzer.isStopWord(folded) { return }
            stemmed.removeAll(keepingCapacity: true)
            stemmed.append(contentsOf: folded)
            if !hasDigit { FrenchAnalyzer.stem(&stemmed) }
            let (s, e, d) = (start, end, hasDigit)
            let original = UnsafeBufferPointer(rebasing: text[s..<e])
            stemmed.withUnsafeBufferPointer { t in
                folded.withUnsafeBufferPointer { f in
                    body.consume(Token(term: t, folded: f, original: original, start: s, end: e, hasDigit: d))
                }
            }
        }
    }

    // MARK: - Stop words and elisions

    @inline(__always)
    static func pack(_ bytes: [UInt8]) -> UInt64? {
        guard bytes.count <= 8 else { return nil }
        var v: UInt64 = 0
        for b in bytes { v = (v << 8) | UInt64(b) }
        return v
    }

    private static let elisions: Set<UInt64> = Set(
        ["l", "d", "j", "n", "s", "c", "t", "m", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"]
            .compactMap { pack(Array($0.utf8)) })

    static func isElision(_ bytes: [UInt8]) -> Bool {
        guard let p = pack(bytes) else { return false }
        return elisions.contains(p)
    }

    /// Folded forms; English ones too because descriptions are FR + EN concatenated.
    static let stopWordList: [String] = [
        "le", "la", "les", "l", "de", "des", "du", "d", "un", "une", "et", "ou", "a", "au", "aux",
        "en", "pour", "par", "sur", "avec", "dans", "ce", "ces", "cet", "cette", "se", "sa", "son",
        "ses", "leur", "leurs", "qui", "que", "qu", "dont", "y", "est", "sont", "ne", "pas", "nos",
        "notre", "vos", "votre", "il", "elle", "ils", "elles", "nous", "vous", "on", "mais",
        "the", "and", "of", "for", "to", "in", "with", "an", "on", "by", "or", "is", "are", "our",
        "we", "at", "from", "as",
    ]

    /// Sorted packed forms: a binary search over ~80 integers beats hashing on the per-token path.
    private static let stopWords: [UInt64] = Array(Set(stopWordList.compactMap { pack(Array($0.utf8)) })).sorted()

    static func isStopWord(_ bytes: [UInt8]) -> Bool {
        guard bytes.count <= 5, let p = pack(bytes) else { return false }
        var lo = 0, hi = stopWords.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if stopWords[mid] < p { lo = mid + 1 } else { hi = mid }
        }
        return lo < stopWords.count && stopWords[lo] == p
    }

    // MARK: - Light stemming

    @inline(__always)
    private static func ends(_ w: [UInt8], _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard w.count >= n else { return false }
        let p = suffix.utf8Start
        for k in 0..<n where w[w.count - n + k] != p[k] { return false }
        return true
    }

    private static func replace(_ w: inout [UInt8], _ count: Int, with suffix: StaticString) {
        w.removeLast(count)
        let p = suffix.utf8Start
        for k in 0..<suffix.utf8CodeUnitCount { w.append(p[k]) }
    }

    /// Plural and feminine folding only: predictable for users, and no word family is merged
    /// with an unrelated one the way an aggressive Snowball stemmer would.
    static func stem(_ w: inout [UInt8]) {
        guard w.count > 3 else { return }
        // Plurals.
        if ends(w, "eaux"), w.count > 5 {
            w.removeLast()                          // bureaux → bureau
        } else if ends(w, "aux"), w.count > 4 {
            replace(&w, 3, with: "al")              // régionaux → régional
        } else if (ends(w, "s") && !ends(w, "ss")) || ends(w, "x") {
            w.removeLast()
        }
        // Feminine and adjective endings.
        if ends(w, "euse"), w.count > 5 {
            replace(&w, 4, with: "eur")             // vendeuse → vendeur
        } else if ends(w, "ive"), w.count > 4 {
            replace(&w, 3, with: "if")              // coopérative → coopératif
        } else if ends(w, "elle"), w.count > 5 {
            replace(&w, 4, with: "el")              // naturelle → naturel
        } else if ends(w, "enne") || ends(w, "onne"), w.count > 5 {
            w.removeLast(2)                         // québécienne → ..ien, bonne → bon
        } else if ends(w, "ere"), w.count > 4 {
            replace(&w, 3, with: "er")              // boulangère → boulanger
        } else if ends(w, "e"), w.count > 4 {
            w.removeLast()                          // régionale → régional, entrée → entre
            // française → francais → francai, like the masculine singular below
            if ends(w, "s") && !ends(w, "ss") && w.count > 3 { w.removeLast() }
        }
    }
}

protocol TokenSink {
    mutating func consume(_ token: FrenchAnalyzer.Token)
}
