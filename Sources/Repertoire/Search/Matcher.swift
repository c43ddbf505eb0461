import Foundation

/// Dense per-document accumulators, reused across queries: allocating and zeroing them per
/// query would cost more than the matching itself at 100k documents. Raw pointers because
/// captured `var`s and class properties get dynamic exclusivity checks on every access.
final class MatchScratch: @unchecked Sendable {
    private(set) var capacity = 0
    /// Number of clauses a document has matched so far in the current query.
    private(set) var mark = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    private(set) var total = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    /// The document's contribution from the clause being processed (a clause keeps its best
    /// alternative, so prefix and typo expansions cannot inflate a score by adding up).
    private(set) var last = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    private(set) var candidates = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)

    func ensure(_ count: Int) {
        guard capacity < count else { return }
        deallocate()
        capacity = count + count / 4 + 1024
        mark = .allocate(capacity: capacity)
        mark.initialize(repeating: 0, count: capacity)
        total = .allocate(capacity: capacity)
        last = .allocate(capacity: capacity)
        candidates = .allocate(capacity: capacity)
    }

    private func deallocate() {
        mark.deallocate(); total.deallocate(); last.deallocate(); candidates.deallocate()
    }

    deinit { deallocate() }
}

final class MatchScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [MatchScratch] = []

    func withScratch<T>(_ count: Int, _ body: (MatchScratch) -> T) -> T {
        lock.lock()
        let scratch = free.popLast() ?? MatchScratch()
        lock.unlock()
        scratch.ensure(count)
        defer {
            lock.lock()
            free.append(scratch)
            lock.unlock()
        }
        return body(scratch)
    }
}

/// AND across clauses, best alternative within a clause, all in the scratch arrays.
private struct Accumulator {
    let mark: UnsafeMutablePointer<UInt8>
    let total: UnsafeMutablePointer<Float>
    let last: UnsafeMutablePointer<Float>
    let candidates: UnsafeMutablePointer<UInt32>
    var candidateCount = 0
    var want: UInt8 = 0
    var got: UInt8 = 1

    @inline(__always)
    mutating func accept(_ d: UInt32, _ c: Float) {
        let i = Int(d)
        let m = mark[i]
        if m == want {
            mark[i] = got
            if want == 0 {
                total[i] = c
                candidates[candidateCount] = d
                candidateCount += 1
            } else {
                total[i] += c
            }
            last[i] = c
        } else if m == got && c > last[i] {
            total[i] += c - last[i]
            last[i] = c
        }
    }
}

/// Matched documents; scores are either computed or deferred (single-term queries), so facet
/// filters can drop most documents before any scoring happens.
struct MatchSet {
    var docs: [UInt32]
    var scores: [Float]?
    /// Deferred: document k's score comes from posting `positions[k]` of `term`.
    var term: UInt32 = 0
    var scale: Float = 0
    var positions: [UInt32] = []

    /// Scores of the documents at positions `kept`, in that order.
    func scores(_ kept: [UInt32], _ storage: IndexStorage) -> [Float] {
        if let scores { return kept.map { scores[Int($0)] } }
        guard scale != 0 else { return [Float](repeating: 0, count: kept.count) }
        return storage.postingScores[Int(term)].withUnsafeBufferPointer { weights in
            kept.map { k in scale * weights[Int(positions[Int(k)])] }
        }
    }
}

enum Matcher {
    /// Higher than the textbook 1.2: matches in several fields should keep adding up.
    static let k1: Float = 4

    /// Documents (alive) matching every clause, with their relevance scores.
    static func match(_ plan: QueryPlan, _ storage: IndexStorage, _ scratch: MatchScratch) -> MatchSet {
        if plan.matchesEverything {
            var docs = [UInt32](repeating: 0, count: storage.aliveCount)
            var n = 0
            docs.withUnsafeMutableBufferPointer { out in
                storage.alive.withUnsafeBufferPointer { alive in
                    for d in 0..<alive.count where alive[d] { out[n] = UInt32(d); n += 1 }
                }
            }
            return MatchSet(docs: docs, scores: nil)
        }
        let clauses = plan.clauses.sorted { $0.cost < $1.cost }
        guard clauses.count < 255, !clauses.contains(where: { $0.cost == 0 }) else { return MatchSet(docs: [], scores: []) }
        if clauses.count == 1, clauses[0].alternatives.count == 1,
           case .anyOf(let terms) = clauses[0].alternatives[0], terms.count == 1 {
            return single(terms[0], clauses[0].idf, storage)
        }

        var acc = Accumulator(mark: scratch.mark, total: scratch.total, last: scratch.last, candidates: scratch.candidates)
        let postingDocs = storage.postingDocs
        let postingScores = storage.postingScores
        storage.fieldNorms.withUnsafeBufferPointer { norms in
            for (index, clause) in clauses.enumerated() {
                acc.want = UInt8(index)
                acc.got = UInt8(index + 1)
                for alternative in clause.alternatives {
                    switch alternative {
                    case .anyOf(let terms):
                        for weighted in terms {
                            let scale = weighted.multiplier * clause.idf
                            postingDocs[Int(weighted.term)].withUnsafeBufferPointer { docs in
                                postingScores[Int(weighted.term)].withUnsafeBufferPointer { weights in
                                    score(docs, weights, scale, &acc)
                                }
                            }
                        }
                    case .allOf(let terms, let multiplier):
                        let (docs, scores) = intersect(terms, multiplier * clause.idf, storage, norms)
                        for p in 0..<docs.count { acc.accept(docs[p], scores[p]) }
                    }
                }
            }
        }

        let goal = UInt8(clauses.count)
        var docs: [UInt32] = []
        var scores: [Float] = []
        storage.alive.withUnsafeBufferPointer { alive in
            for k in 0..<acc.candidateCount {
                let i = Int(acc.candidates[k])
                if acc.mark[i] == goal && alive[i] {
                    docs.append(UInt32(i))
                    scores.append(acc.total[i])
                }
                acc.mark[i] = 0
            }
        }
        return MatchSet(docs: docs, scores: scores)
    }

    /// One term: the postings are the answer; scoring waits until the facets have filtered.
    private static func single(_ weighted: WeightedTerm, _ idf: Float, _ storage: IndexStorage) -> MatchSet {
        let postings = storage.postingDocs[Int(weighted.term)]
        var set = MatchSet(docs: [], scores: nil, term: weighted.term,
                           scale: weighted.multiplier * idf)
        if storage.aliveCount == storage.docCount {
            set.docs = postings
            set.positions = Array(0..<UInt32(postings.count))
        } else {
            storage.alive.withUnsafeBufferPointer { alive in
                for (p, d) in postings.enumerated() where alive[Int(d)] {
                    set.docs.append(d)
                    set.positions.append(UInt32(p))
                }
            }
        }
        return set
    }

    @inline(__always)
    private static func score(_ docs: UnsafeBufferPointer<UInt32>, _ weights: UnsafeBufferPointer<Float>, _ scale: Float,
                              _ acc: inout Accumulator) {
        let first = acc.want == 0
        let want = acc.want
        for p in 0..<docs.count {
            let d = docs[p]
            if !first && acc.mark[Int(d)] < want { continue }
            acc.accept(d, scale * weights[p])
        }
    }

    /// BM25F: field-weighted, length-normalised frequency, saturated once for the whole document.
    @inline(__always)
    static func saturate(_ packed: UInt32, _ d: Int, _ norms: UnsafeBufferPointer<Float>) -> Float {
        var p = packed
        var weighted: Float = 0
        let base = d &* SearchField.count
        while p != 0 {
            let shift = UInt32(p.trailingZeroBitCount & ~3)
            weighted += Float((p >> shift) & 0xF) * norms[base &+ Int(shift >> 2)]
            p &= ~(0xF << shift)
        }
        return weighted * (k1 + 1) / (weighted + k1)
    }

    /// Documents containing all `terms`, scored with the mean of the terms' scores: a phrase
    /// synonym must not beat the typed word just by having more words.
    ///
    /// Each document of the rarest list is looked up in the others by galloping search, and
    /// scored only once it is known to contain every term: merging whole lists and scoring every
    /// document of the first made this the second hot spot of phrase-synonym queries.
    static func intersect(_ terms: [UInt32], _ weight: Float, _ storage: IndexStorage,
                          _ norms: UnsafeBufferPointer<Float>) -> ([UInt32], [Float]) {
        let ordered = terms.sorted { storage.postingDocs[Int($0)].count < storage.postingDocs[Int($1)].count }
        guard let firstTerm = ordered.first else { return ([], []) }
        let perTerm = weight / Float(terms.count)
        let lists = ordered.map { storage.postingDocs[Int($0)] }
        let weightLists = ordered.map { storage.postingScores[Int($0)] }
        return withBuffers(lists) { docs in
            withBuffers(weightLists) { weights in
                let first = docs[0], firstWeights = weights[0]
                let others = docs.count - 1
                var cursors = [Int](repeating: 0, count: others)
                var found = [Int](repeating: 0, count: others)
                var keptDocs: [UInt32] = []
                var keptScores: [Float] = []
                keptDocs.reserveCapacity(first.count)
                keptScores.reserveCapacity(first.count)
                candidates: for k in 0..<first.count {
                    let d = first[k]
                    for t in 0..<others {
                        let list = docs[t + 1]
                        let j = gallop(list, from: cursors[t], d)
                        cursors[t] = j
                        if j == list.count { break candidates }
                        if list[j] != d { continue candidates }
                        found[t] = j
                    }
                    // Same additions in the same order as a pairwise merge would do them.
                    var score = perTerm * firstWeights[k]
                    for t in 0..<others { score = score + perTerm * weights[t + 1][found[t]] }
                    keptDocs.append(d)
                    keptScores.append(score)
                }
                return (keptDocs, keptScores)
            }
        }
    }

    /// Runs `body` with a buffer pointer on each array (nested, so every pointer stays valid).
    static func withBuffers<E, T>(_ arrays: [[E]], _ body: ([UnsafeBufferPointer<E>]) -> T) -> T {
        func nest(_ i: Int, _ buffers: [UnsafeBufferPointer<E>]) -> T {
            if i == arrays.count { return body(buffers) }
            return arrays[i].withUnsafeBufferPointer { nest(i + 1, buffers + [$0]) }
        }
        return nest(0, [])
    }

    /// First index at or after `from` whose document is not below `d`.
    @inline(__always)
    static func gallop(_ list: UnsafeBufferPointer<UInt32>, from: Int, _ d: UInt32) -> Int {
        let n = list.count
        var lo = from
        // Lists of similar length advance by a few postings at a time: a short linear probe
        // settles those without the branchy binary search.
        let probeEnd = min(n, lo + 8)
        while lo < probeEnd {
            if list[lo] >= d { return lo }
            lo += 1
        }
        if lo >= n { return n }
        lo -= 1
        var step = 1
        var hi = lo + 1
        while hi < n && list[hi] < d {
            lo = hi
            step <<= 1
            hi = lo + step
        }
        // list[lo] < d; hi is past the end or list[hi] >= d.
        var l = lo + 1
        var h = min(hi, n)
        while l < h {
            let mid = (l + h) >> 1
            if list[mid] < d { l = mid + 1 } else { h = mid }
        }
        return l
    }
}
