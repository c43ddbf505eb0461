/// Term bytes → dense term id, without allocating a key per lookup.
///
/// Indexing interns ~10M token occurrences at 100k documents; a `[String: UInt32]` would
/// allocate and hash a String per token, which alone eats most of the 3 s build budget.
struct TermDictionary {
    private(set) var arena: [UInt8] = []
    private(set) var starts: [UInt32] = [0]
    private var hashes: [UInt64] = []
    private var table: [UInt32] = Array(repeating: 0, count: 1024)  // term id + 1, 0 = empty

    var count: Int { hashes.count }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h ^ (h >> 29)
    }

    func bytes(_ id: UInt32) -> ArraySlice<UInt8> {
        arena[Int(starts[Int(id)])..<Int(starts[Int(id) + 1])]
    }

    func length(_ id: UInt32) -> Int {
        Int(starts[Int(id) + 1] - starts[Int(id)])
    }

    @inline(__always)
    private func equals(_ id: UInt32, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = Int(starts[Int(id)])
        let e = Int(starts[Int(id) + 1])
        guard e - s == key.count else { return false }
        var k = 0
        while k < key.count {
            if arena[s + k] != key[k] { return false }
            k += 1
        }
        return true
    }

    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let h = Self.hash(key)
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = table[slot]
            if entry == 0 { return nil }
            let id = entry - 1
            if hashes[Int(id)] == h && equals(id, key) { return id }
            slot = (slot + 1) & mask
        }
    }

    func lookup(_ key: [UInt8]) -> UInt32? {
        key.withUnsafeBufferPointer { lookup($0) }
    }


    /// Returns the id, and whether the term was new.
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (UInt32, Bool) {
        let h = Self.hash(key)
        var mask = table.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = table[slot]
            if entry == 0 { break }
            let id = entry - 1
            if hashes[Int(id)] == h && equals(id, key) { return (id, false) }
            slot = (slot + 1) & mask
        }
        let id = UInt32(hashes.count)
        arena.append(contentsOf: key)
        starts.append(UInt32(arena.count))
        hashes.append(h)
        if hashes.count * 2 > table.count {
            grow()
            mask = table.count - 1
            slot = Int(truncatingIfNeeded: h) & mask
            while table[slot] != 0 { slot = (slot + 1) & mask }
        }
        table[slot] = id + 1
        return (id, true)
    }

    private mutating func grow() {
        var newTable = [UInt32](repeating: 0, count: table.count * 2)
        let mask = newTable.count - 1
        for (i, h) in hashes.enumerated() where i < hashes.count - 1 {
            var slot = Int(truncatingIfNeeded: h) & mask
            while newTable[slot] != 0 { slot = (slot + 1) & mask }
            newTable[slot] = UInt32(i) + 1
        }
        table = newTable
    }
}
