/// Highlight segments over the ORIGINAL text: the view escapes them, so no markup here.
enum Highlighter {
    static let snippetLength = 160
    static let separator = " — "
    /// Context kept before the first match so the snippet does not start on the matched word.
    static let leadingContext = 40

    /// The highlighted terms as bit sets: by id, and by first two letters to skip most tokens
    /// before stemming and dictionary lookups.
    struct Terms {
        var ids: Set<UInt32>
        private var idBits: [UInt64]
        private var bigrams: [UInt64]

        init(_ ids: Set<UInt32>, _ storage: IndexStorage) {
            self.ids = ids
            idBits = [UInt64](repeating: 0, count: ids.isEmpty ? 0 : storage.dictionary.count / 64 + 1)
            bigrams = [UInt64](repeating: 0, count: ids.isEmpty ? 0 : 1024)
            for id in ids {
                idBits[Int(id) >> 6] |= 1 << UInt64(id & 63)
                let bytes = storage.dictionary.bytes(id)
                let a = bytes.first ?? 0
                let b = bytes.count > 1 ? bytes[bytes.startIndex + 1] : 0
                let key = Int(a) << 8 | Int(b)
                bigrams[key >> 6] |= 1 << UInt64(key & 63)
            }
        }

        var isEmpty: Bool { ids.isEmpty }

        @inline(__always)
        func contains(_ id: UInt32) -> Bool {
            Int(id) >> 6 < idBits.count && idBits[Int(id) >> 6] & (1 << UInt64(id & 63)) != 0
        }

        @inline(__always)
        func mayContain(_ a: UInt8, _ b: UInt8) -> Bool {
            let key = Int(a) << 8 | Int(b)
            return bigrams[key >> 6] & (1 << UInt64(key & 63)) != 0
        }
    }

    /// Byte ranges of tokens whose term is in `terms`.
    ///
    /// A hand-inlined copy of the analyzer's tokenisation: this runs over every offering and
    /// description of every hit on the page, and skipping non-candidate tokens on their first
    /// two letters, before stop words, stemming and lookups, is most of the query time saved.
    /// `limit` stops the scan at that byte, or once the snippet window after the first match is
    /// covered: matches a snippet cannot show are not worth finding.
    static func matchedRanges(_ text: String, _ terms: Terms, _ storage: IndexStorage,
                              limit: Int = Int.max, windowOnly: Bool = false) -> [Range<Int>] {
        guard !terms.isEmpty else { return [] }
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { bytes in
            matchedRanges(bytes, terms, storage, limit: limit, windowOnly: windowOnly)
        } ?? []
    }

    static func matchedRanges(_ bytes: UnsafeBufferPointer<UInt8>, _ terms: Terms, _ storage: IndexStorage,
                              limit: Int = Int.max, windowOnly: Bool = false) -> [Range<Int>] {
        guard !terms.isEmpty else { return [] }
        var scanner = RangeScanner(terms: terms, dictionary: storage.dictionary)
        scanner.limit = limit
        scanner.windowOnly = windowOnly
        scanner.scan(bytes)
        return scanner.ranges
    }

    /// `matchedRanges` over several texts with one scanner: a scanner per text cost an
    /// allocation and seven retain/release pairs (its copies of the terms and the dictionary),
    /// for each of the ~20 texts of every hit on the page.
    struct Ranger {
        private var scanner: RangeScanner

        init(_ terms: Terms, _ storage: IndexStorage) {
            scanner = RangeScanner(terms: terms, dictionary: storage.dictionary)
        }

        mutating func ranges(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = Int.max, windowOnly: Bool = false) -> [Range<Int>] {
            guard !scanner.terms.isEmpty else { return [] }
            scanner.ranges = []
            scanner.reset()
            scanner.limit = limit
            scanner.windowOnly = windowOnly
            scanner.scan(bytes)
            return scanner.ranges
        }
    }

    /// A struct, not closures over locals: captured vars would be boxed and access-checked per byte.
    fileprivate struct RangeScanner {
        let terms: Terms
        let dictionary: TermDictionary
        var ranges: [Range<Int>] = []
        var word: [UInt8] = []
        var start = -1
        var end = -1
        var hasDigit = false
        var limit = Int.max
        var windowOnly = false

        init(terms: Terms, dictionary: TermDictionary) {
            self.terms = terms
            self.dictionary = dictionary
            word.reserveCapacity(32)
        }

        mutating func reset() {
            word.removeAll(keepingCapacity: true)
            start = -1
            hasDigit = false
        }

        mutating func flush() {
            defer { reset() }
            guard start >= 0, !word.isEmpty,
                  terms.mayContain(word[0], word.count > 1 ? word[1] : 0),
                  !FrenchAnalyzer.isStopWord(word) else { return }
            if !hasDigit { FrenchAnalyzer.stem(&word) }
            if let id = dictionary.lookup(word), terms.contains(id) { ranges.append(start..<end) }
        }

        @inline(__always)
        static func asciiAlnum(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x61...0x7A, 0x30...0x39: return b
            case 0x41...0x5A: return b | 0x20
            default: return nil
            }
        }

        /// First position after the word containing `i` (accented letters belong to the word).
        static func wordEnd(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
            var i = i
            while i < bytes.count {
                if asciiAlnum(bytes[i]) != nil { i += 1; continue }
                guard bytes[i] >= 0x80 else { return i }
                let (kind, length) = FrenchAnalyzer.classify(bytes, at: i)
                switch kind {
                case .apostrophe, .separator: return i
                default: i += length
                }
            }
            return i
        }

        mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
            var i = 0
            while i < bytes.count {
                if i >= limit && start < 0 { return }
                if windowOnly && start < 0, let first = ranges.first,
                   i > first.lowerBound + Highlighter.snippetLength { return }
                // At a word start, the first two ASCII letters usually rule the word out: skip it
                // without building, stemming or looking it up.
                if start < 0, i + 1 < bytes.count, let a = Self.asciiAlnum(bytes[i]), let b = Self.asciiAlnum(bytes[i + 1]),
                   !terms.mayContain(a, b) {
                    i = Self.wordEnd(bytes, from: i + 2)
                    continue
                }
                let (kind, length) = FrenchAnalyzer.classify(bytes, at: i)
                switch kind {
                case .ascii(let b):
                    if start < 0 { start = i }
                    if b < 0x40 { hasDigit = true }
                    word.append(b)
                    end = i + length
                case .folded(let a, let b):
                    if start < 0 { start = i }
                    word.append(a)
                    if b != 0 { word.append(b) }
                    end = i + length
                case .other(let value):
                    if start < 0 { start = i }
                    word.append(contentsOf: FrenchAnalyzer.foldOther(value))
                    end = i + length
                case .ignorable:
                    if start >= 0 { end = i + length }
                case .apostrophe:
                    if start >= 0 && FrenchAnalyzer.isElision(word) { reset() } else { flush() }
                case .separator:
                    flush()
                }
                i += length
            }
            flush()
        }
    }

    static func segments(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>], from start: Int = 0, to end: Int? = nil) -> [HighlightSegment] {
        let end = end ?? bytes.count
        var segments: [HighlightSegment] = []
        var cursor = start
        func emit(_ range: Range<Int>, _ matched: Bool) {
            guard !range.isEmpty else { return }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            if !matched, let previous = segments.last, !previous.matched {
                segments[segments.count - 1].text += text
            } else {
                segments.append(HighlightSegment(text: text, matched: matched))
            }
        }
        for range in ranges where range.lowerBound >= start && range.upperBound <= end {
            emit(cursor..<range.lowerBound, false)
            emit(range, true)
            cursor = range.upperBound
        }
        emit(cursor..<end, false)
        return segments
    }

    /// Which fields of document `d` contain one of `terms`, from the postings (a binary search
    /// per term), so the highlighter re-analyses only text that can contain a match.
    static func matchedFields(_ d: UInt32, _ terms: Terms, _ storage: IndexStorage) -> UInt32 {
        var mask: UInt32 = 0
        for term in terms.ids {
            let docs = storage.postingDocs[Int(term)]
            let p = searchLowerBound(docs) { $0 < d }
            guard p < docs.count, docs[p] == d else { continue }
            mask |= UInt32(storage.postingFields[Int(term)][p])
        }
        return mask
    }

    static func has(_ mask: UInt32, _ field: SearchField) -> Bool {
        mask & (1 << UInt32(field.rawValue)) != 0
    }

    static func name(_ doc: StoredDocument, _ terms: Terms, _ fields: UInt32, _ storage: IndexStorage) -> [HighlightSegment] {
        guard has(fields, .name) else { return [HighlightSegment(text: doc.name, matched: false)] }
        var ranger = Ranger(terms, storage)
        return doc.withField(StoredDocument.name) { segments($0, ranger.ranges($0)) }
    }

    /// Best offering (most matched words), else the description; cut on word boundaries.
    static func snippet(_ doc: StoredDocument, _ terms: Terms, _ fields: UInt32, _ storage: IndexStorage) -> (segments: [HighlightSegment], source: String)? {
        var best: (offering: Int, nameRanges: [Range<Int>], descriptionRanges: [Range<Int>])?
        var bestCount = 0
        var ranger = Ranger(terms, storage)
        if has(fields, .offerings) {
            for k in 0..<doc.offeringCount {
                // Scan the parts separately: building the joined text for every offering costs more.
                let nameField = StoredDocument.firstOffering + 2 * k
                let nameRanges = doc.withField(nameField) { ranger.ranges($0) }
                let descriptionRanges = doc.withField(nameField + 1) { ranger.ranges($0, limit: snippetLength) }
                let count = nameRanges.count + descriptionRanges.count
                guard count > bestCount else { continue }
                bestCount = count
                best = (k, nameRanges, descriptionRanges)
            }
        }
        if let best {
            let nameField = StoredDocument.firstOffering + 2 * best.offering
            if doc.isEmpty(nameField + 1) {
                return (doc.withField(nameField) { window($0, best.nameRanges) }, "offering")
            }
            var text: [UInt8] = []
            doc.withField(nameField) { text.append(contentsOf: $0) }
            let shift = text.count + separator.utf8.count
            text.append(contentsOf: separator.utf8)
            doc.withField(nameField + 1) { text.append(contentsOf: $0) }
            let ranges = best.nameRanges + best.descriptionRanges.map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
            return (text.withUnsafeBufferPointer { window($0, ranges) }, "offering")
        }
        guard !doc.isEmpty(StoredDocument.description) else { return nil }
        return doc.withField(StoredDocument.description) { bytes in
            let ranges = has(fields, .description) ? ranger.ranges(bytes, windowOnly: true) : []
            return (window(bytes, ranges), "description")
        }
    }

    static func window(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) -> [HighlightSegment] {
        guard bytes.count > snippetLength else { return segments(bytes, ranges) }
        var start = 0
        if let first = ranges.first, first.lowerBound > leadingContext {
            // Start on the word after a space, no further than `leadingContext` before the match.
            var s = first.lowerBound - leadingContext
            while s < first.lowerBound && bytes[s] != 0x20 { s += 1 }
            start = min(s + 1, first.lowerBound)
        }
        var end = min(bytes.count, start + snippetLength)
        if end < bytes.count {
            var e = end
            while e > start && bytes[e] != 0x20 { e -= 1 }
            if e > start { end = e } else {
                while end > start && bytes[end] & 0xC0 == 0x80 { end -= 1 }  // never split a UTF-8 sequence
            }
        }
        while end > start && bytes[end - 1] == 0x20 { end -= 1 }
        var result = segments(bytes, ranges, from: start, to: end)
        if start > 0 { result.insert(HighlightSegment(text: "…", matched: false), at: 0) }
        if end < bytes.count { result.append(HighlightSegment(text: "…", matched: false)) }
        return merged(result)
    }

    private static func merged(_ segments: [HighlightSegment]) -> [HighlightSegment] {
        var out: [HighlightSegment] = []
        for segment in segments {
            if !segment.matched, let last = out.last, !last.matched {
                out[out.count - 1].text += segment.text
            } else {
                out.append(segment)
            }
        }
        return out
    }
}
