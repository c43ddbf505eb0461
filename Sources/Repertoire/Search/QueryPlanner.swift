/// A term the query accepts, with how much a match on it is worth.
struct WeightedTerm {
    var term: UInt32
    var multiplier: Float
}

/// One way to satisfy a clause.
enum ClauseAlternative {
    /// Any of these terms (exact, prefix and typo expansions of one word).
    case anyOf([WeightedTerm])
    /// All of these terms, anywhere in the document (a multi-word synonym).
    case allOf([UInt32], multiplier: Float)
}

/// Every clause must match (AND); a clause matches when any alternative does (OR).
struct QueryClause {
    var alternatives: [ClauseAlternative]
    var cost: Int
    /// One idf for every alternative: the query word's own rarity. With per-term idf a rare
    /// synonym, typo neighbour or prefix completion would outrank the word actually typed.
    var idf: Float = 0
    /// Index of the query word this clause starts at, for suggestions.
    var wordIndex: Int
}

struct QueryWord {
    var term: [UInt8]
    var folded: [UInt8]
    var original: String
    var hasDigit: Bool
}

struct QueryPlan {
    var words: [QueryWord] = []
    var clauses: [QueryClause] = []
    /// Terms whose occurrences get highlighted.
    var highlightTerms: Set<UInt32> = []
    /// No searchable word at all: everything matches.
    var matchesEverything: Bool { words.isEmpty }
}

/// Synonym groups analysed once, keyed by their first term for a cheap scan of the query.
struct CompiledSynonyms: Sendable {
    var groups: [[[[UInt8]]]] = []
    var byFirstTerm: [[UInt8]: [(group: Int, member: Int)]] = [:]

    init(_ table: SynonymTable) {
        for group in table.groups {
            let members = group.map { member -> [[UInt8]] in
                var terms: [[UInt8]] = []
                FrenchAnalyzer.forEachToken(in: member) { terms.append(Array($0.term)) }
                return terms
            }.filter { !$0.isEmpty }
            guard members.count >= 2 else { continue }
            let g = groups.count
            groups.append(members)
            for (m, terms) in members.enumerated() {
                byFirstTerm[terms[0], default: []].append((g, m))
            }
        }
    }
}

enum QueryPlanner {
    static let prefixMultiplier: Float = 0.6
    static let typoMultiplier: Float = 0.4
    static let synonymMultiplier: Float = 0.8
    static let maxPrefixTerms = 50
    static let maxTypoTerms = 30
    static let maxWords = 12

    /// Digits typed with phone/NEQ punctuation ("450 555-1234", "1165 432 789").
    static func identifier(in text: String) -> String? {
        var digits: [UInt8] = []
        for b in text.utf8 {
            switch b {
            case 0x30...0x39: digits.append(b)
            case 0x20, 0x2D, 0x2E, 0x28, 0x29, 0x2B, 0x09: continue
            default: return nil
            }
        }
        guard digits.count >= 7 else { return nil }
        if digits.count == 11 && digits[0] == 0x31 { digits.removeFirst() }
        return String(decoding: digits, as: UTF8.self)
    }

    static func words(_ text: String) -> [QueryWord] {
        var words: [QueryWord] = []
        FrenchAnalyzer.forEachToken(in: text) { token in
            words.append(QueryWord(
                term: Array(token.term), folded: Array(token.folded),
                original: String(decoding: token.original, as: UTF8.self), hasDigit: token.hasDigit))
        }
        return Array(words.prefix(maxWords))
    }

    static func plan(_ text: String, storage: IndexStorage, synonyms: CompiledSynonyms) -> QueryPlan {
        var plan = QueryPlan()
        if let id = identifier(in: text) {
            let word = QueryWord(term: Array(id.utf8), folded: Array(id.utf8), original: text, hasDigit: true)
            plan.words = [word]
            let terms = storage.dictionary.lookup(word.term).map { [WeightedTerm(term: $0, multiplier: 1)] } ?? []
            plan.clauses = [QueryClause(alternatives: [.anyOf(terms)], cost: cost(terms, storage), wordIndex: 0)]
            plan.clauses[0].idf = clauseIdf(primary: terms.map(\.term), plan.clauses[0], storage)
            return plan
        }
        plan.words = words(text)
        let words = plan.words
        var i = 0
        while i < words.count {
            let isLast = i == words.count - 1
            if let (group, member, length) = longestSynonym(at: i, words, synonyms) {
                var alternatives: [ClauseAlternative] = []
                var clauseCost = 0
                for (m, terms) in synonyms.groups[group].enumerated() {
                    if m == member && length == 1 {
                        let expanded = expand(words[i], allowPrefix: isLast, storage)
                        clauseCost += cost(expanded, storage)
                        alternatives.append(.anyOf(expanded))
                        plan.highlightTerms.formUnion(expanded.map(\.term))
                        continue
                    }
                    let multiplier: Float = m == member ? 1 : synonymMultiplier
                    let ids = terms.compactMap { storage.dictionary.lookup($0) }
                    guard ids.count == terms.count else { continue }  // a word absent from the index
                    plan.highlightTerms.formUnion(ids)
                    if ids.count == 1 {
                        let weighted = [WeightedTerm(term: ids[0], multiplier: multiplier)]
                        clauseCost += cost(weighted, storage)
                        alternatives.append(.anyOf(weighted))
                    } else {
                        clauseCost += ids.map { storage.postingDocs[Int($0)].count }.min() ?? 0
                        // Phrase scores are averaged over their words; the phrase the user typed
                        // adds up like any multi-word query instead.
                        let typed = m == member ? Float(ids.count) : 1
                        alternatives.append(.allOf(ids, multiplier: multiplier * typed))
                    }
                }
                var clause = QueryClause(alternatives: alternatives, cost: clauseCost, wordIndex: i)
                let primary = words[i..<(i + length)].compactMap { storage.dictionary.lookup($0.term) }
                clause.idf = clauseIdf(primary: primary.count == length ? primary : [], clause, storage)
                plan.clauses.append(clause)
                i += length
            } else {
                let expanded = expand(words[i], allowPrefix: isLast, storage)
                plan.highlightTerms.formUnion(expanded.map(\.term))
                var clause = QueryClause(alternatives: [.anyOf(expanded)], cost: cost(expanded, storage), wordIndex: i)
                clause.idf = clauseIdf(primary: storage.dictionary.lookup(words[i].term).map { [$0] } ?? [], clause, storage)
                plan.clauses.append(clause)
                i += 1
            }
        }
        return plan
    }

    /// The typed words' mean idf when they are in the index; otherwise (a typo, an unfinished
    /// word) the idf of the most common candidate, so an obscure neighbour is not favoured.
    private static func clauseIdf(primary: [UInt32], _ clause: QueryClause, _ storage: IndexStorage) -> Float {
        if !primary.isEmpty {
            return primary.reduce(0) { $0 + storage.idf($1) } / Float(primary.count)
        }
        var lowest = Float.infinity
        for alternative in clause.alternatives {
            switch alternative {
            case .anyOf(let terms): for t in terms { lowest = min(lowest, storage.idf(t.term)) }
            case .allOf(let terms, _): for t in terms { lowest = min(lowest, storage.idf(t)) }
            }
        }
        return lowest.isFinite ? lowest : 0
    }

    private static func longestSynonym(at i: Int, _ words: [QueryWord], _ synonyms: CompiledSynonyms) -> (Int, Int, Int)? {
        guard let candidates = synonyms.byFirstTerm[words[i].term] else { return nil }
        var best: (Int, Int, Int)?
        for (group, member) in candidates {
            let terms = synonyms.groups[group][member]
            guard i + terms.count <= words.count, terms.count > (best?.2 ?? 0) else { continue }
            if terms.indices.allSatisfy({ terms[$0] == words[i + $0].term }) {
                best = (group, member, terms.count)
            }
        }
        return best
    }

    private static func cost(_ terms: [WeightedTerm], _ storage: IndexStorage) -> Int {
        terms.reduce(0) { $0 + storage.postingDocs[Int($1.term)].count }
    }

    /// Allowed edits grow with word length: short words have too many neighbours.
    static func maxEdits(letters: Int) -> Int {
        letters >= 9 ? 2 : letters >= 5 ? 1 : 0
    }

    static func expand(_ word: QueryWord, allowPrefix: Bool, _ storage: IndexStorage) -> [WeightedTerm] {
        var best: [UInt32: Float] = [:]
        let dictionary = storage.dictionary
        let exact = dictionary.lookup(word.term)
        if let exact { best[exact] = 1 }
        if !word.hasDigit {
            let edits = maxEdits(letters: word.folded.count)
            if edits > 0 {
                var candidates = Set<UInt32>()
                storage.typos.candidates(for: word.term, maxDistance: edits, into: &candidates)
                var verified = candidates.filter {
                    $0 != exact && editDistance(dictionary.bytes($0), word.term, bound: edits) <= edits
                }
                if verified.count > maxTypoTerms {
                    verified = Set(mostFrequent(Array(verified), maxTypoTerms, storage))
                }
                for t in verified { best[t] = max(best[t] ?? 0, typoMultiplier) }
            }
        }
        if allowPrefix && word.folded.count >= 2 {
            var inRange: [UInt32] = []
            for prefix in Set([word.folded, word.term]) where !prefix.isEmpty {
                inRange.append(contentsOf: prefixRange(prefix, storage))
            }
            for t in mostFrequent(inRange, maxPrefixTerms, storage) where t != exact {
                best[t] = max(best[t] ?? 0, prefixMultiplier)
            }
        }
        return best.map { WeightedTerm(term: $0.key, multiplier: $0.value) }.sorted { $0.term < $1.term }
    }

    static func prefixRange(_ prefix: [UInt8], _ storage: IndexStorage) -> ArraySlice<UInt32> {
        let dictionary = storage.dictionary
        let sorted = storage.sortedTerms
        let start = searchLowerBound(sorted) { dictionary.bytes($0).lexicographicallyPrecedes(prefix) }
        var end = start
        while end < sorted.count && dictionary.bytes(sorted[end]).starts(with: prefix) { end += 1 }
        return sorted[start..<end]
    }

    static func mostFrequent(_ terms: [UInt32], _ limit: Int, _ storage: IndexStorage) -> [UInt32] {
        let unique = Array(Set(terms))
        guard unique.count > limit else { return unique }
        return Array(unique.sorted {
            let a = storage.postingDocs[Int($0)].count, b = storage.postingDocs[Int($1)].count
            return a != b ? a > b : $0 < $1
        }.prefix(limit))
    }
}
