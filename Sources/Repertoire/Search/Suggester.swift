/// "Did you mean": for zero-result queries, replace words the vocabulary does not know with
/// the most frequent close spellings. Runs only on empty results, so a linear scan is fine.
enum Suggester {
    static let maxSuggestions = 3

    static func suggest(_ plan: QueryPlan, _ storage: IndexStorage) -> [String] {
        var replacements: [Int: [String]] = [:]
        for (index, word) in plan.words.enumerated() where !word.hasDigit {
            if storage.dictionary.lookup(word.term) != nil { continue }
            let close = closeTerms(word.term, storage)
            if !close.isEmpty { replacements[index] = close.map { storage.surfaces[Int($0)] } }
        }
        guard !replacements.isEmpty else { return [] }
        var out: [String] = []
        for choice in 0..<maxSuggestions {
            let words = plan.words.enumerated().map { index, word -> String in
                guard let options = replacements[index] else { return word.original.lowercased() }
                return options[min(choice, options.count - 1)]
            }
            let suggestion = words.joined(separator: " ")
            if !out.contains(suggestion) { out.append(suggestion) }
        }
        return out
    }

    private static func closeTerms(_ term: [UInt8], _ storage: IndexStorage) -> [UInt32] {
        guard term.count >= 3 else { return [] }
        let bound = term.count >= 7 ? 2 : term.count >= 4 ? 2 : 1
        var found: [(id: UInt32, distance: Int, df: Int)] = []
        for id in 0..<UInt32(storage.dictionary.count) {
            let length = storage.dictionary.length(id)
            guard abs(length - term.count) <= bound, storage.postingDocs[Int(id)].count > 0 else { continue }
            let distance = editDistance(storage.dictionary.bytes(id), term, bound: bound)
            if distance <= bound { found.append((id, distance, storage.postingDocs[Int(id)].count)) }
        }
        found.sort { ($0.distance, -$0.df, $0.id) < ($1.distance, -$1.df, $1.id) }
        return found.prefix(maxSuggestions).map(\.id)
    }
}
