/// The in-memory summaries by enterprise id: a dense array plus an id → position dictionary.
///
/// A `[String: EnterpriseSummary]` sizes its buckets to a power of two at most 3/4 full, each
/// bucket holding a whole summary: 262,144 buckets of 64 bytes for 100,000 enterprises, ~17 MB.
/// Here the dictionary's buckets hold a 4-byte position and the summaries sit packed in the
/// array: ~10 MB. A removal moves the last summary into the hole. The positions are keyed by
/// the ids' 16 bytes (``IDTable``), not by strings the load decoded.
struct SummaryTable {
    private(set) var values: [EnterpriseSummary] = []
    private var positions = IDTable<Int32>()

    var count: Int { values.count }

    mutating func reserveCapacity(_ n: Int) {
        values.reserveCapacity(n)
        positions.reserveCapacity(n)
    }

    subscript(id: String) -> EnterpriseSummary? {
        get { positions[id].map { values[Int($0)] } }
        set {
            if let summary = newValue {
                if let at = positions[id] {
                    values[Int(at)] = summary
                } else {
                    positions[id] = Int32(values.count)
                    values.append(summary)
                }
            } else if let at = positions.removeValue(forKey: id) {
                let last = values.removeLast()
                if Int(at) < values.count {
                    values[Int(at)] = last
                    positions[last.id] = at
                }
            }
        }
    }
}
