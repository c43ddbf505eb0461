/// SplitMix64: tiny, fast and fully specified, so a seed gives the same demo data on every
/// machine and every run (unlike `SystemRandomNumberGenerator` or `hashValue`, seeded per process).
struct DemoRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A generator for one item of a stream, so items do not depend on how many draws the
    /// previous ones made (adding a field to one generator then leaves the others unchanged).
    init(seed: UInt64, stream: UInt64) {
        var mixer = DemoRandom(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `range`; the modulo bias is negligible for the small ranges used here, and
    /// avoiding the standard library's rejection sampling keeps the draw count fixed.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % width)
    }

    mutating func int(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// True with the given probability.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[int(below: items.count)]
    }

    /// Picks an index with probability proportional to its weight.
    mutating func pickIndex(weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        var roll = int(below: total)
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }

    /// `count` distinct items in a random order (all of them when there are fewer).
    mutating func sample<T>(_ items: [T], count: Int) -> [T] {
        var pool = items
        var result: [T] = []
        result.reserveCapacity(min(count, pool.count))
        while result.count < count, !pool.isEmpty {
            result.append(pool.remove(at: int(below: pool.count)))
        }
        return result
    }
}
