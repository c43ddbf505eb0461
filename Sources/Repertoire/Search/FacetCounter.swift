/// Disjunctive facet counting in one pass over the text matches.
///
/// A document that passes every facet filter counts for every facet; one that fails exactly
/// one facet's filter counts only for that facet (its count ignores its own selection); one
/// that fails two or more counts nowhere. That is what "disjunctive" means, without a
/// separate query per facet.
enum FacetCounter {
    struct Outcome {
        /// Positions (into the matched list) of documents passing every filter, in input order.
        var kept: [UInt32]
        var facets: [SearchFacet: [FacetCount]]
    }

    static func count(_ matched: [UInt32], filters: [SearchFacet: Set<String>], _ storage: IndexStorage) -> Outcome {
        let facets = SearchFacet.allCases
        let facetCount = IndexStorage.facetCount
        // Counts and selections of all facets in one flat array, facet f starting at base[f].
        var base = [Int](repeating: 0, count: facetCount + 1)
        for f in 0..<facetCount { base[f + 1] = base[f] + storage.facetValues[f].count }
        var selected = [Bool](repeating: false, count: base[facetCount] + 1)
        var active: [Int] = []
        for (f, facet) in facets.enumerated() {
            guard let values = filters[facet], !values.isEmpty else { continue }
            for value in values {
                if let id = storage.facetValueIds[f][value] { selected[base[f] + Int(id)] = true }
            }
            active.append(f)
        }
        let activeCount = active.count
        active.append(0)  // never read; keeps the buffer non-empty for its base address
        // Four interleaved copies of the counters, one per document in turn: consecutive
        // increments of the same hot counter (a region, "true") otherwise wait on each other.
        let lanes = 4
        let stride = base[facetCount] + 1
        var laneCounts = [Int32](repeating: 0, count: stride * lanes)
        let multi = IndexStorage.multiValued
        let slots = IndexStorage.slots
        // Multi-valued facets with more than 64 values fall back to the CSR arrays.
        let overflow = (0..<facetCount).map { multi[$0] && storage.facetValues[$0].count > 64 }
        var selectedBits = [UInt64](repeating: 0, count: facetCount)
        for f in 0..<facetCount where multi[f] {
            for id in 0..<min(storage.facetValues[f].count, 64) where selected[base[f] + id] { selectedBits[f] |= 1 << UInt64(id) }
        }

        // Uninitialised: zero-filling a list as long as the matches costs page faults for nothing.
        // Written through pointers: appending to captured arrays costs an exclusivity check each.
        let kept = [UInt32](unsafeUninitializedCapacity: max(matched.count, 1)) { kept, initialized in
        base.withUnsafeBufferPointer { base in
        active.withUnsafeBufferPointer { active in
        multi.withUnsafeBufferPointer { multi in
        slots.withUnsafeBufferPointer { slots in
        overflow.withUnsafeBufferPointer { overflow in
        selectedBits.withUnsafeBufferPointer { selectedBits in
        storage.facetSingle.withUnsafeBufferPointer { single in
        storage.facetBits.withUnsafeBufferPointer { bits in
        storage.facetOffsets.withUnsafeBufferPointer { offsets in
        storage.facetDocValues.withUnsafeBufferPointer { values in
        selected.withUnsafeBufferPointer { selected in
        laneCounts.withUnsafeMutableBufferPointer { counts in
        matched.withUnsafeBufferPointer { matched in
            let loop = CountingLoop(
                base: base.baseAddress!, active: active.baseAddress!, activeCount: activeCount,
                multi: multi.baseAddress!, slots: slots.baseAddress!, overflow: overflow.baseAddress!,
                selectedBits: selectedBits.baseAddress!, single: single.baseAddress, bits: bits.baseAddress,
                offsets: offsets.baseAddress!, values: values.baseAddress, selected: selected.baseAddress!,
                counts: counts.baseAddress!, stride: stride, facetCount: facetCount)
            let keptCount = loop.run(matched, kept.baseAddress!)
            initialized = keptCount
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }

        var counts = [Int32](repeating: 0, count: stride)
        for lane in 0..<lanes {
            for i in 0..<stride { counts[i] &+= laneCounts[lane * stride + i] }
        }

        var result: [SearchFacet: [FacetCount]] = [:]
        for (f, facet) in facets.enumerated() {
            let selection = filters[facet] ?? []
            // One integer per value: count descending, then string order (precomputed ranks).
            let order = storage.facetValueOrder[f]
            var keys: [UInt64] = []
            for id in 0..<storage.facetValues[f].count {
                let count = counts[base[f] + id]
                if count > 0 || (!selection.isEmpty && selection.contains(storage.facetValues[f][id])) {
                    keys.append(UInt64(UInt32.max - UInt32(count)) << 32 | UInt64(order[id]))
                }
            }
            keys.sort()
            let byRank = storage.facetValueIdsByOrder[f]
            let ids = keys.map { Int(byRank[Int($0 & 0xFFFF_FFFF)]) }
            var list = ids.map { id in
                let value = storage.facetValues[f][id]
                return FacetCount(value: value, count: Int(counts[base[f] + id]), selected: selection.contains(value))
            }
            // Selected values unknown to the index still show, with 0, so the UI can unselect them.
            let unknown = selection.filter { storage.facetValueIds[f][$0] == nil }
            if !unknown.isEmpty {
                list.append(contentsOf: unknown.map { FacetCount(value: $0, count: 0, selected: true) })
                list.sort { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
            }
            result[facet] = list
        }
        return Outcome(kept: kept, facets: result)
    }
}

/// The per-document loop as a plain struct of pointers: inside the nested closures above, the
/// compiler reloads every captured pointer from closure contexts on each iteration.
private struct CountingLoop {
    let base: UnsafePointer<Int>
    let active: UnsafePointer<Int>
    let activeCount: Int
    let multi: UnsafePointer<Bool>
    let slots: UnsafePointer<Int>
    let overflow: UnsafePointer<Bool>
    let selectedBits: UnsafePointer<UInt64>
    let single: UnsafePointer<UInt16>?
    let bits: UnsafePointer<UInt64>?
    let offsets: UnsafePointer<UInt32>
    let values: UnsafePointer<UInt32>?
    let selected: UnsafePointer<Bool>
    let counts: UnsafeMutablePointer<Int32>
    let stride: Int
    let facetCount: Int

    @inline(__always)
    func passes(_ d: Int, _ f: Int) -> Bool {
        if multi[f] {
            if !overflow[f] { return bits![d &* IndexStorage.bitsStride &+ slots[f]] & selectedBits[f] != 0 }
            let row = d &* facetCount &+ f
            var v = Int(offsets[row])
            let end = Int(offsets[row &+ 1])
            while v < end {
                if selected[base[f] &+ Int(values![v])] { return true }
                v &+= 1
            }
            return false
        }
        let v = single![d &* IndexStorage.singleStride &+ slots[f]]
        return v != IndexStorage.noValue && selected[base[f] &+ Int(v)]
    }

    @inline(__always)
    func count(_ d: Int, _ f: Int, _ lane: Int) {
        let counts = self.counts + lane &* stride
        let b = base[f]
        if multi[f] {
            if !overflow[f] {
                var set = bits![d &* IndexStorage.bitsStride &+ slots[f]]
                while set != 0 {
                    counts[b &+ set.trailingZeroBitCount] &+= 1
                    set &= set &- 1
                }
                return
            }
            let row = d &* facetCount &+ f
            for v in Int(offsets[row])..<Int(offsets[row &+ 1]) { counts[b &+ Int(values![v])] &+= 1 }
            return
        }
        let v = single![d &* IndexStorage.singleStride &+ slots[f]]
        if v != IndexStorage.noValue { counts[b &+ Int(v)] &+= 1 }
    }

    @inline(never)
    func run(_ matched: UnsafeBufferPointer<UInt32>, _ kept: UnsafeMutablePointer<UInt32>) -> Int {
        var keptCount = 0
        for k in 0..<matched.count {
            let d = Int(matched[k])
            var failures = 0
            var failed = -1
            for a in 0..<activeCount {
                let f = active[a]
                if !passes(d, f) {
                    failures &+= 1
                    failed = f
                    if failures > 1 { break }
                }
            }
            if failures == 0 {
                kept[keptCount] = UInt32(truncatingIfNeeded: k)
                keptCount &+= 1
                for f in 0..<facetCount { count(d, f, k & 3) }
            } else if failures == 1 {
                count(d, failed, k & 3)
            }
        }
        return keptCount
    }
}
