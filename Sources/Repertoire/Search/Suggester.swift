/// "Did you mean": for zero-result queries, replace words the vocabulary does not know with
/// close spellings, and offer only the replacements whose own search, with the same filters,
/// finds something, the most results first. Runs only on empty results, so a linear scan of the
/// vocabulary and a few extra searches are fine.
enum Suggester {
    static let maxSuggestions = 3
    /// Close spellings tried per unknown word before keeping those that find something.
    static let candidatesPerWord = 6

    /// What checking a suggestion needs: the same index, filters and synonyms as the search.
    struct Context {
        var storage: IndexStorage
        var filters: [SearchFacet: Set<String>]
        var synonyms: CompiledSynonyms
        var pool: MatchScratchPool
    }

    static func suggest(_ plan: QueryPlan, _ context: Context) -> [String] {
        let storage = context.storage
        var replacements: [Int: [String]] = [:]
        for (index, word) in plan.words.enumerated() where !word.hasDigit {
            if storage.dictionary.lookup(word.term) != nil { continue }
            let close = closeTerms(word.term, storage)
            if !close.isEmpty { replacements[index] = close.map { storage.surfaces[Int($0)] } }
        }
        guard !replacements.isEmpty else { return [] }
        let choices = replacements.values.map(\.count).max() ?? 0
        var candidates: [String] = []
        for choice in 0..<choices {
            let words = plan.words.enumerated().map { index, word -> String in
                guard let options = replacements[index] else { return word.original.lowercased() }
                return options[min(choice, options.count - 1)]
            }
            let suggestion = words.joined(separator: " ")
            if !candidates.contains(suggestion) { candidates.append(suggestion) }
        }
        // A suggestion that leads to another empty page is worse than none.
        let counted = candidates.enumerated().compactMap { position, text -> (text: String, count: Int, position: Int)? in
            let count = matchCount(text, context)
            return count > 0 ? (text, count, position) : nil
        }
        return counted.sorted { ($1.count, $0.position) < ($0.count, $1.position) }
            .prefix(maxSuggestions).map(\.text)
    }

    /// The number of results the search page would show for `text` with the context's filters.
    static func matchCount(_ text: String, _ context: Context) -> Int {
        let plan = QueryPlanner.plan(text, storage: context.storage, synonyms: context.synonyms)
        guard !plan.matchesEverything else { return 0 }
        let matched = context.pool.withScratch(context.storage.docCount) { Matcher.match(plan, context.storage, $0) }
        return FacetCounter.count(matched.docs, filters: context.filters, context.storage).kept.count
    }

    /// Edits allowed between a word and a suggestion: one for short words, whose neighbours at
    /// two edits are mostly unrelated (« bouffe » → « souffle », « boucle »), two for long ones.
    static func maxDistance(_ length: Int) -> Int {
        length >= 7 ? 2 : 1
    }

    private static func closeTerms(_ term: [UInt8], _ storage: IndexStorage) -> [UInt32] {
        guard term.count >= 3 else { return [] }
        let bound = maxDistance(term.count)
        var found: [(id: UInt32, distance: Int, df: Int)] = []
        for id in 0..<UInt32(storage.dictionary.count) {
            let length = storage.dictionary.length(id)
            guard abs(length - term.count) <= bound, storage.postingDocs[Int(id)].count > 0 else { continue }
            let distance = editDistance(storage.dictionary.bytes(id), term, bound: bound)
            if distance <= bound { found.append((id, distance, storage.postingDocs[Int(id)].count)) }
        }
        found.sort { ($0.distance, -$0.df, $0.id) < ($1.distance, -$1.df, $1.id) }
        return found.prefix(candidatesPerWord).map(\.id)
    }
}
