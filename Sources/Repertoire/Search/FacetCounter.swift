/// Disjunctive facet counting in one pass over the text matches.
///
/// A document that passes every facet filter counts for every facet; one that fails exactly
/// one facet's filter counts only for that facet (its count ignores its own selection); one
/// that fails two or more counts nowhere. That is what "disjunctive" means, without a
/// separate query per facet.
enum FacetCounter {
    struct Outcome {
        /// Positions (into the matched list) of documents passing every filter, in input order.
        var kept: [Int]
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
        var counts = [Int32](repeating: 0, count: base[facetCount] + 1)
        // Written through pointers: appending to captured arrays costs an exclusivity check each.
        var kept = [Int](repeating: 0, count: matched.count)
        var keptCount = 0
        let activeCount = active.count
        let multi = IndexStorage.multiValued

        kept.withUnsafeMutableBufferPointer { kept in
        base.withUnsafeBufferPointer { base in
        active.withUnsafeBufferPointer { active in
        multi.withUnsafeBufferPointer { multi in
        storage.facetSingle.withUnsafeBufferPointer { single in
        storage.facetOffsets.withUnsafeBufferPointer { offsets in
        storage.facetDocValues.withUnsafeBufferPointer { values in
        selected.withUnsafeBufferPointer { selected in
        counts.withUnsafeMutableBufferPointer { counts in
        matched.withUnsafeBufferPointer { matched in
            for k in 0..<matched.count {
                let row = Int(matched[k]) &* facetCount
                var failures = 0
                var failed = -1
                for a in 0..<activeCount {
                    let f = active[a]
                    var passes = false
                    if multi[f] {
                        var v = Int(offsets[row + f])
                        let end = Int(offsets[row + f + 1])
                        while v < end {
                            if selected[base[f] + Int(values[v])] { passes = true; break }
                            v += 1
                        }
                    } else {
                        let v = single[row + f]
                        passes = v != UInt32.max && selected[base[f] + Int(v)]
                    }
                    if !passes {
                        failures += 1
                        failed = f
                        if failures > 1 { break }
                    }
                }
                if failures == 0 {
                    kept[keptCount] = k
                    keptCount += 1
                    for f in 0..<facetCount {
                        if multi[f] {
                            for v in Int(offsets[row + f])..<Int(offsets[row + f + 1]) { counts[base[f] + Int(values[v])] += 1 }
                        } else {
                            let v = single[row + f]
                            if v != UInt32.max { counts[base[f] + Int(v)] += 1 }
                        }
                    }
                } else if failures == 1 {
                    if multi[failed] {
                        for v in Int(offsets[row + failed])..<Int(offsets[row + failed + 1]) { counts[base[failed] + Int(values[v])] += 1 }
                    } else {
                        let v = single[row + failed]
                        if v != UInt32.max { counts[base[failed] + Int(v)] += 1 }
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
        kept.removeLast(kept.count - keptCount)

        var result: [SearchFacet: [FacetCount]] = [:]
        for (f, facet) in facets.enumerated() {
            let selection = filters[facet] ?? []
            var ids: [Int] = []
            for id in 0..<storage.facetValues[f].count {
                let count = counts[base[f] + id]
                if count > 0 || (!selection.isEmpty && selection.contains(storage.facetValues[f][id])) { ids.append(id) }
            }
            let order = storage.facetValueOrder[f]
            ids.sort {
                let a = counts[base[f] + $0], b = counts[base[f] + $1]
                return a != b ? a > b : order[$0] < order[$1]
            }
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
