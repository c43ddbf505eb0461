/// Deletion-neighbourhood index (SymSpell): two words within k edits share a string obtained
/// by deleting at most k letters from each. Lookups cost a few binary searches instead of an
/// edit-distance scan over the whole vocabulary.
struct TypoIndex {
    /// (40-bit variant hash << 24) | term id, sorted; built in bulk.
    private var packed: [UInt64] = []
    /// Terms added by upserts after the bulk build.
    private var overlay: [UInt64: [UInt32]] = [:]

    static let minTermLength = 3
    /// Two deletions are only indexed for terms long enough to meet a 9-letter query.
    static let twoDeletionMinLength = 5

    static func isEligible(_ term: ArraySlice<UInt8>) -> Bool {
        term.count >= minTermLength && term.allSatisfy { $0 >= 0x61 || $0 >= 0x80 }
    }

    @inline(__always)
    private static func hash40(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        TermDictionary.hash(bytes) & 0xFF_FFFF_FFFF
    }

    /// Hashes of the term and of every string with up to `maxDeletes` letters deleted.
    static func variants(_ term: ArraySlice<UInt8>, maxDeletes: Int) -> [UInt64] {
        var out: [UInt64] = []
        var buffer = [UInt8](repeating: 0, count: term.count)
        let w = Array(term)
        let n = w.count
        w.withUnsafeBufferPointer { out.append(hash40($0)) }
        guard maxDeletes >= 1, n >= 2 else { return out }
        for i in 0..<n {
            var k = 0
            for j in 0..<n where j != i { buffer[k] = w[j]; k += 1 }
            buffer.withUnsafeBufferPointer { out.append(hash40(UnsafeBufferPointer(rebasing: $0[0..<(n - 1)]))) }
            guard maxDeletes >= 2, n >= 3 else { continue }
            for i2 in (i + 1)..<n {
                var k2 = 0
                for j in 0..<n where j != i && j != i2 { buffer[k2] = w[j]; k2 += 1 }
                buffer.withUnsafeBufferPointer { out.append(hash40(UnsafeBufferPointer(rebasing: $0[0..<(n - 2)]))) }
            }
        }
        out.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(out.count)
        for h in out where unique.last != h { unique.append(h) }
        return unique
    }

    static func deletesFor(length: Int) -> Int {
        length >= twoDeletionMinLength ? 2 : 1
    }

    mutating func build(_ dictionary: TermDictionary) {
        var all: [UInt64] = []
        all.reserveCapacity(dictionary.count * 24)
        for id in 0..<UInt32(dictionary.count) {
            let term = dictionary.bytes(id)
            guard Self.isEligible(term) else { continue }
            for h in Self.variants(term, maxDeletes: Self.deletesFor(length: term.count)) {
                all.append(h << 24 | UInt64(id))
            }
        }
        all.sort()
        packed = all
        overlay = [:]
    }

    mutating func add(_ id: UInt32, _ term: ArraySlice<UInt8>) {
        guard Self.isEligible(term) else { return }
        for h in Self.variants(term, maxDeletes: Self.deletesFor(length: term.count)) {
            overlay[h, default: []].append(id)
        }
    }

    /// Unverified candidates: the caller checks the real edit distance.
    func candidates(for query: [UInt8], maxDistance: Int, into out: inout Set<UInt32>) {
        for h in Self.variants(query[...], maxDeletes: maxDistance) {
            var lo = 0
            var hi = packed.count
            let key = h << 24
            while lo < hi {
                let mid = (lo + hi) / 2
                if packed[mid] < key { lo = mid + 1 } else { hi = mid }
            }
            while lo < packed.count && packed[lo] >> 24 == h {
                out.insert(UInt32(truncatingIfNeeded: packed[lo] & 0xFF_FFFF))
                lo += 1
            }
            if let extra = overlay[h] { out.formUnion(extra) }
        }
    }
}

/// Optimal-string-alignment distance (Damerau with adjacent transpositions), cut off above `bound`.
/// Rows live in one stack buffer: this runs for every typo candidate of every query.
func editDistance(_ a: ArraySlice<UInt8>, _ b: [UInt8], bound: Int) -> Int {
    let n = a.count, m = b.count
    if abs(n - m) > bound { return bound + 1 }
    if n == 0 { return m }
    if m == 0 { return n }
    return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (m + 1)) { rows in
        var prev2 = rows.baseAddress!
        var prev = prev2 + (m + 1)
        var cur = prev + (m + 1)
        for j in 0...m { prev[j] = j; prev2[j] = 0 }
        let a0 = a.startIndex
        for i in 1...n {
            cur[0] = i
            var rowMin = i
            let ai = a[a0 + i - 1]
            for j in 1...m {
                let cost = ai == b[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1 && j > 1 && ai == b[j - 2] && a[a0 + i - 2] == b[j - 1] {
                    v = min(v, prev2[j - 2] + 1)
                }
                cur[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > bound { return bound + 1 }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[m]
    }
}
