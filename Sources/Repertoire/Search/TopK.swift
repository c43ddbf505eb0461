/// The first `k` documents of a total order without sorting every match: a bounded max-heap
/// keeps the k best seen so far, O(n log k).
struct RankKey: Comparable {
    var primary: Double
    var secondary: UInt32

    static func < (a: RankKey, b: RankKey) -> Bool {
        a.primary != b.primary ? a.primary < b.primary : a.secondary < b.secondary
    }
}

enum TopK {
    static func select(_ count: Int, k: Int, key: (Int) -> RankKey) -> [Int] {
        guard k > 0, count > 0 else { return [] }
        if count <= k {
            return (0..<count).map { ($0, key($0)) }.sorted { $0.1 < $1.1 }.map(\.0)
        }
        // Max-heap on key: the root is the worst of the current best k.
        var heap: [(Int, RankKey)] = []
        heap.reserveCapacity(k)
        for i in 0..<count {
            let candidate = key(i)
            if heap.count < k {
                heap.append((i, candidate))
                var c = heap.count - 1
                while c > 0 {
                    let parent = (c - 1) / 2
                    if heap[parent].1 < heap[c].1 { heap.swapAt(parent, c); c = parent } else { break }
                }
            } else if candidate < heap[0].1 {
                heap[0] = (i, candidate)
                var p = 0
                while true {
                    let l = 2 * p + 1, r = l + 1
                    var largest = p
                    if l < k && heap[largest].1 < heap[l].1 { largest = l }
                    if r < k && heap[largest].1 < heap[r].1 { largest = r }
                    if largest == p { break }
                    heap.swapAt(p, largest)
                    p = largest
                }
            }
        }
        return heap.sorted { $0.1 < $1.1 }.map(\.0)
    }
}
