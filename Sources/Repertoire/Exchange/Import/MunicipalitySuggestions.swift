/// "Did you mean" for a municipality name the resolver does not know: official names within a
/// few typing errors of it (`Saint-Saintanislas` → Saint-Stanislas), or official names it
/// extends with a qualifier (`St-Barnabé-Nord` → Saint-Barnabé). Only suggested, never applied.
struct MunicipalitySuggestions: Sendable {
    private struct Entry: Sendable {
        var key: [UInt8]
        var tokens: [String]
        var municipality: Municipality
    }

    /// By key length, so that a name is compared only with names of about its length.
    private let byLength: [Int: [Entry]]
    private let entries: [Entry]

    init(_ municipalities: [Municipality]) {
        entries = municipalities.map { municipality in
            let tokens = MunicipalityResolver.tokens(municipality.name)
            return Entry(key: Array(tokens.joined(separator: " ").utf8), tokens: tokens, municipality: municipality)
        }
        byLength = Dictionary(grouping: entries, by: \.key.count)
    }

    /// Up to `limit` official municipalities, closest first; those of `regionCodes` come first
    /// at equal distance (a region is worth one typing error).
    func suggestions(for text: String, regionCodes: [String] = [], limit: Int = 3) -> [Municipality] {
        var tokens = MunicipalityResolver.tokens(text)
        if tokens.count > 1, let last = tokens.last, ["qc", "quebec", "que"].contains(last) { tokens.removeLast() }
        let key = Array(tokens.joined(separator: " ").utf8)
        guard key.count >= 3 else { return [] }
        let allowed = Self.allowedDistance(key.count)
        var scored: [(score: Int, municipality: Municipality)] = []
        for length in (key.count - allowed)...(key.count + allowed) {
            for entry in byLength[length] ?? [] {
                let distance = Self.distance(key, entry.key, limit: allowed)
                if distance <= allowed { scored.append((distance, entry.municipality)) }
            }
        }
        // `Saint-Barnabé-Nord`, `Saint-Adelphe-de-Champlain`: an official name and a qualifier.
        // A one-word name of a few letters says too little to be suggested.
        for entry in entries where entry.tokens.count < tokens.count && (entry.tokens.count >= 2 || entry.key.count >= 6)
            && Array(tokens.prefix(entry.tokens.count)) == entry.tokens {
            scored.append((allowed + 1, entry.municipality))
        }
        if !regionCodes.isEmpty {
            scored = scored.map { regionCodes.contains($0.municipality.regionCode) ? $0 : (score: $0.score + 1, municipality: $0.municipality) }
        }
        var seen = Set<String>()
        return scored
            .sorted { ($0.score, -($0.municipality.population ?? 0), $0.municipality.code) < ($1.score, -($1.municipality.population ?? 0), $1.municipality.code) }
            .filter { seen.insert($0.municipality.code).inserted }
            .prefix(limit)
            .map(\.municipality)
    }

    /// About one typing error per six letters, at most four.
    static func allowedDistance(_ length: Int) -> Int { max(1, min(4, (length + 2) / 6)) }

    /// The optimal-string-alignment distance (Levenshtein plus transpositions of two adjacent
    /// letters); stops early, returning `limit + 1`, once every path costs more than `limit`.
    static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
