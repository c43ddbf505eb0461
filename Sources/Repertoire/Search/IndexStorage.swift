import Foundation

/// Fields a term can occur in; the order is the bit layout of packed term frequencies.
enum SearchField: Int, CaseIterable {
    case name, otherNames, offerings, sectors, description, place, identifiers

    static let count = 7
    /// Name beats offerings beats sectors beats description beats place (the product issue).
    static let weights: [Float] = [4, 3, 2.5, 1.5, 1.2, 0.5, 6]
    /// Length normalisation: long descriptions should not win by sheer volume, but a longer
    /// name ("Coopérative de solidarité Déneigement Rive-Sud") is barely a weaker match.
    static let lengthNormalisation: [Float] = [0.1, 0.1, 0.2, 0.2, 0.3, 0.2, 0]
}

/// Mutable index data. Guarded by `SearchIndex`'s read-write lock: searches read it
/// concurrently, upserts mutate it in place under the write lock (append-only doc numbers keep
/// postings sorted, so an upsert costs its own tokens plus O(n) memmoves, never a rebuild).
final class IndexStorage: @unchecked Sendable {
    // Terms
    var dictionary = TermDictionary()
    var postingDocs: [[UInt32]] = []
    /// Per posting, the fields the term occurs in (bit `f` for `SearchField(rawValue: f)`),
    /// for the highlighter. The frequencies themselves (4 bits a field in a UInt32) only serve
    /// to compute `postingScores`, so they are not kept: a byte instead of four a posting.
    var postingFields: [[UInt8]] = []
    /// Frequencies between `buildPostings` and `computePostingScores` during a bulk build.
    private var bulkFreqs: [[UInt32]] = []
    /// Per posting, the term's saturated BM25F weight in that document (`Matcher.saturate` of
    /// the packed frequencies with the document's norms), computed once when the posting is
    /// added: norms never change after a document is added (upserts reuse the averages of the
    /// last bulk build), so queries read one float instead of decoding frequencies and loading
    /// the document's norms for every posting (~15 ns a posting at 100k, the matcher's top cost).
    var postingScores: [[Float]] = []
    /// First spelling seen for a term, lowercased with accents: what suggestions show.
    var surfaces: [String] = []
    /// Term ids in byte order, for prefix ranges.
    var sortedTerms: [UInt32] = []
    var typos = TypoIndex()

    // Documents (doc number = position; removed ones are tombstoned until the next bulk build)
    var documents = StoredDocuments()
    var docNumbers = IDTable<UInt32>()
    var alive: [Bool] = []
    var aliveCount = 0
    var fieldNorms: [Float] = []
    private var fieldLengthSums = [Double](repeating: 0, count: SearchField.count)
    private var averageLengths = [Float](repeating: 1, count: SearchField.count)
    private var fieldLengths: [UInt16] = []

    // Facets, flat so counting walks two arrays: the values of document d for facet f are
    // facetDocValues[facetOffsets[d * facetCount + f] ..< facetOffsets[d * facetCount + f + 1]] (ids per facet).
    static let facetCount = SearchFacet.allCases.count
    var facetValues: [[String]] = Array(repeating: [], count: SearchFacet.allCases.count)
    var facetValueIds: [[String: UInt32]] = Array(repeating: [:], count: SearchFacet.allCases.count)
    /// Per facet, each value's position in string order, so facet lists sort on integers.
    var facetValueOrder: [[UInt32]] = Array(repeating: [], count: SearchFacet.allCases.count)
    /// Inverse of facetValueOrder: value id at each rank.
    var facetValueIdsByOrder: [[UInt32]] = Array(repeating: [], count: SearchFacet.allCases.count)
    /// Per facet, how many alive documents have each value: the facet counts of an unfiltered
    /// empty query, without walking every document.
    var facetTotals: [[Int32]] = Array(repeating: [], count: SearchFacet.allCases.count)
    /// Per facet and value, the documents having it as a bit set (64 documents a word; a set
    /// may be shorter than the document count, missing words being zero). Disjunctive counts
    /// then AND and popcount words instead of visiting every matched document's facet data,
    /// which at 100k documents was memory-bound (~20 ns a document, the top of the profile).
    /// Facets with a thousand values or more (municipality, serves) keep a list of document
    /// numbers per value instead (`facetValueList`; their `facetValueDocs` stay empty): a bit set
    /// per value was 12.5 kB at 100k documents, 30 MB for those two, and their counts never take
    /// the AND-popcount path (too many values for it) but visit each matched document's values.
    var facetValueDocs: [[[UInt64]]] = Array(repeating: [], count: SearchFacet.allCases.count)
    var facetValueList: [[[UInt32]]] = Array(repeating: [], count: SearchFacet.allCases.count)
    static let listFacets: [Bool] = SearchFacet.allCases.map { $0 == .municipality || $0 == .serves }
    var facetOffsets: [UInt32] = [0]
    var facetDocValues: [UInt32] = []

    // Sorting
    /// French collation keys of the names (`FrenchAnalyzer.collationKey`).
    var nameKeys = ByteRuns()
    var byName: [UInt32] = []
    var nameRank: [UInt32] = []
    /// Seconds since 1970, or -infinity when never verified.
    var verifiedKeys: [Double] = []

    var docCount: Int { documents.count }

    // MARK: - Bulk build

    static func build(_ docs: [SearchDocument]) -> IndexStorage {
        let storage = IndexStorage()
        var seen: [String: Int] = [:]
        for (i, doc) in docs.enumerated() { seen[doc.id] = i }  // last one wins, like upserts would
        let unique = seen.count == docs.count ? docs : docs.enumerated().filter { seen[$0.element.id] == $0.offset }.map(\.element)
        // Sized once, with the headroom `reserveForUpserts` asks for: no copy of either buffer.
        storage.documents.runs.reserveCapacity(runs: unique.count, bytes: unique.reduce(0) { $0 + StoredDocument.size($1) },
                                               headroom: upsertHeadroom)
        storage.nameKeys.reserveCapacity(runs: unique.count, bytes: unique.reduce(0) { $0 + $1.name.utf8.count },
                                         headroom: upsertHeadroom)
        storage.bulkAdd(unique)
        storage.finishBulk()
        return storage
    }

    /// Term ids (global) and packed frequencies of the documents a bulk build has taken so far,
    /// document after document; `bulkDocEnds[d]` is where document `d`'s terms end.
    private var bulkTerms: [UInt32] = []
    private var bulkTermFreqs: [UInt32] = []
    private var bulkDocEnds: [Int] = []

    /// Adds documents to a bulk build (``finishBulk()`` ends it): they are analysed across cores,
    /// their terms mapped to global ids and their metadata stored, so the caller can let them go.
    /// A load feeds its chunks one by one instead of holding every document at once: at 100,000
    /// enterprises the documents were ~150 MB at the load's peak, and freed memory that
    /// survivors later kept resident (issue #10). An id already added is skipped.
    func bulkAdd(_ docs: [SearchDocument]) {
        var seen = Set<String>()
        let docs = docs.filter { docNumbers[$0.id] == nil && seen.insert($0.id).inserted }
        for batch in AnalyzedBatch.analyzeInParallel(docs) { absorb(batch) }
        for doc in docs { appendMetadata(doc) }
    }

    /// Maps a batch's private term ids to global ones, once per distinct term.
    private func absorb(_ batch: AnalyzedBatch) {
        var map = [UInt32](repeating: 0, count: batch.dictionary.count)
        batch.dictionary.arena.withUnsafeBufferPointer { arena in
            for local in 0..<batch.dictionary.count {
                let range = Int(batch.dictionary.starts[local])..<Int(batch.dictionary.starts[local + 1])
                let (id, isNew) = dictionary.intern(UnsafeBufferPointer(rebasing: arena[range]))
                if isNew { surfaces.append(batch.surfaces[local]) }
                map[local] = id
            }
        }
        for k in 0..<batch.documentCount {
            for p in Int(batch.docTermStart[k])..<Int(batch.docTermStart[k + 1]) {
                bulkTerms.append(map[Int(batch.termIds[p])])
                bulkTermFreqs.append(batch.freqs[p])
            }
            bulkDocEnds.append(bulkTerms.count)
        }
        fieldLengths.append(contentsOf: batch.lengths)
    }

    /// The postings of every document a bulk build took, from the flat arrays of its terms and
    /// frequencies, so the per-term arrays are allocated once at their final size.
    private func buildPostings() {
        var counts = [Int](repeating: 0, count: dictionary.count)
        for t in bulkTerms { counts[Int(t)] += 1 }
        // Exact-capacity arrays filled in document order (so postings come out sorted).
        var docsByTerm = counts.map { count -> [UInt32] in
            var a: [UInt32] = []
            a.reserveCapacity(count)
            return a
        }
        var freqsByTerm = counts.map { count -> [UInt32] in
            var a: [UInt32] = []
            a.reserveCapacity(count)
            return a
        }
        var start = 0
        for (d, end) in bulkDocEnds.enumerated() {
            for p in start..<end {
                let t = Int(bulkTerms[p])
                docsByTerm[t].append(UInt32(d))
                freqsByTerm[t].append(bulkTermFreqs[p])
            }
            start = end
        }
        bulkTerms = []
        bulkTermFreqs = []
        bulkDocEnds = []
        postingDocs = docsByTerm
        bulkFreqs = freqsByTerm
        for (i, length) in fieldLengths.enumerated() { fieldLengthSums[i % SearchField.count] += Double(length) }
    }

    /// Headroom so the first upserts after a build append in place instead of reallocating
    /// (and copying) every per-document array at once.
    private static let upsertHeadroom = 1_024

    private func reserveForUpserts() {
        let extra = documents.count / 4 + Self.upsertHeadroom
        documents.runs.reserveHeadroom(minimum: Self.upsertHeadroom)
        alive.reserveCapacity(alive.count + extra)
        fieldNorms.reserveCapacity(fieldNorms.count + extra * SearchField.count)
        fieldLengths.reserveCapacity(fieldLengths.count + extra * SearchField.count)
        facetOffsets.reserveCapacity(facetOffsets.count + extra * Self.facetCount)
        facetDocValues.reserveCapacity(facetDocValues.count + extra * 2)
        nameKeys.reserveHeadroom(minimum: Self.upsertHeadroom)
        verifiedKeys.reserveCapacity(verifiedKeys.count + extra)
        byName.reserveCapacity(byName.count + extra)
        nameRank.reserveCapacity(nameRank.count + extra)
    }

    /// Ends a bulk build: postings, norms, scores, sort orders and the typo index.
    func finishBulk() {
        buildPostings()
        let n = max(documents.count, 1)
        for f in 0..<SearchField.count {
            averageLengths[f] = max(Float(fieldLengthSums[f] / Double(n)), 1)
        }
        fieldNorms = [Float](repeating: 0, count: documents.count * SearchField.count)
        for d in 0..<documents.count { computeNorms(d) }
        computePostingScores()
        sortedTerms = Self.sortedTermIds(dictionary)
        // The typo index is the slowest step and independent of the rest: build it on another core.
        let typoBox = TypoBox()
        let group = DispatchGroup()
        let dictionarySnapshot = dictionary
        DispatchQueue.global().async(group: group) { typoBox.index.build(dictionarySnapshot) }
        // The first eight key bytes as one integer settle almost every comparison.
        let heads = (0..<nameKeys.count).map { d -> UInt64 in
            let key = nameKeys[d]
            var v: UInt64 = 0
            for k in 0..<8 { v = v << 8 | UInt64(k < key.count ? key[key.startIndex + k] : 0) }
            return v
        }
        byName = (0..<UInt32(documents.count)).sorted {
            let a = heads[Int($0)], b = heads[Int($1)]
            return a != b ? a < b : nameLess($0, $1)
        }
        nameRank = [UInt32](repeating: 0, count: documents.count)
        for (rank, d) in byName.enumerated() { nameRank[Int(d)] = UInt32(rank) }
        reserveForUpserts()
        group.wait()
        typos = typoBox.index
    }

    /// `postingScores` for every posting, once the norms are known; terms split across cores.
    private func computePostingScores() {
        let termCount = postingDocs.count
        let box = ScoresBox(count: termCount)
        defer { box.free() }
        let workers = termCount < 10_000 ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let chunk = (termCount + workers - 1) / max(workers, 1)
        let docs = postingDocs, freqs = bulkFreqs, norms = fieldNorms
        bulkFreqs = []
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            norms.withUnsafeBufferPointer { norms in
                for t in min(w * chunk, termCount)..<min((w + 1) * chunk, termCount) {
                    let termDocs = docs[t], termFreqs = freqs[t]
                    box.slots[t] = [Float](unsafeUninitializedCapacity: termDocs.count) { out, initialized in
                        for p in 0..<termDocs.count { out[p] = Matcher.saturate(termFreqs[p], Int(termDocs[p]), norms) }
                        initialized = termDocs.count
                    }
                    box.fields[t] = termFreqs.map(Self.fieldMask)
                }
            }
        }
        postingScores = Array(box.slots)
        postingFields = Array(box.fields)
    }

    /// The fields with a non-zero frequency in packed frequencies (4 bits a field).
    static func fieldMask(_ freqs: UInt32) -> UInt8 {
        var mask: UInt8 = 0
        for f in 0..<SearchField.count where (freqs >> UInt32(f * 4)) & 0xF != 0 { mask |= 1 << UInt8(f) }
        return mask
    }

    private static func sortedTermIds(_ dictionary: TermDictionary) -> [UInt32] {
        var ids = Array(0..<UInt32(dictionary.count))
        guard !dictionary.arena.isEmpty else { return ids }
        dictionary.arena.withUnsafeBufferPointer { arena in
            dictionary.starts.withUnsafeBufferPointer { starts in
                let base = arena.baseAddress!
                ids.sort { a, b in
                    let sa = Int(starts[Int(a)]), la = Int(starts[Int(a) + 1]) - sa
                    let sb = Int(starts[Int(b)]), lb = Int(starts[Int(b) + 1]) - sb
                    let c = memcmp(base + sa, base + sb, min(la, lb))
                    return c != 0 ? c < 0 : la < lb
                }
            }
        }
        return ids
    }

    private func computeNorms(_ d: Int) {
        for f in 0..<SearchField.count {
            let length = Float(fieldLengths[d * SearchField.count + f])
            let b = SearchField.lengthNormalisation[f]
            fieldNorms[d * SearchField.count + f] = SearchField.weights[f] / (1 - b + b * length / averageLengths[f])
        }
    }

    // MARK: - Incremental writes

    func upsert(_ doc: SearchDocument) {
        if let old = docNumbers[doc.id] { tombstone(old) }
        let firstNewTerm = dictionary.count
        let d = UInt32(documents.count)
        let batch = AnalyzedBatch.analyze(CollectionOfOne(doc))
        var termIds: [UInt32] = []
        termIds.reserveCapacity(batch.termIds.count)
        batch.dictionary.arena.withUnsafeBufferPointer { arena in
            for p in 0..<batch.termIds.count {
                let local = Int(batch.termIds[p])
                let range = Int(batch.dictionary.starts[local])..<Int(batch.dictionary.starts[local + 1])
                let (id, isNew) = dictionary.intern(UnsafeBufferPointer(rebasing: arena[range]))
                if isNew {
                    surfaces.append(batch.surfaces[local])
                    postingDocs.append([])
                    postingFields.append([])
                    postingScores.append([])
                }
                postingDocs[Int(id)].append(d)
                postingFields[Int(id)].append(Self.fieldMask(batch.freqs[p]))
                termIds.append(id)
            }
        }
        fieldLengths.append(contentsOf: batch.lengths)
        for (f, length) in batch.lengths.enumerated() { fieldLengthSums[f] += Double(length) }
        appendMetadata(doc)
        // Norms use the averages of the last bulk build: close enough, and O(1).
        fieldNorms.append(contentsOf: repeatElement(0, count: SearchField.count))
        computeNorms(Int(d))
        fieldNorms.withUnsafeBufferPointer { norms in
            for (p, id) in termIds.enumerated() {
                postingScores[Int(id)].append(Matcher.saturate(batch.freqs[p], Int(d), norms))
            }
        }
        for id in UInt32(firstNewTerm)..<UInt32(dictionary.count) {
            typos.add(id, dictionary.bytes(id))
            let position = searchLowerBound(sortedTerms) { dictionary.bytes($0).lexicographicallyPrecedes(dictionary.bytes(id)) }
            sortedTerms.insert(id, at: position)
        }
        let position = searchLowerBound(byName) { nameLess($0, d) }
        byName.insert(d, at: position)
        nameRank.append(0)
        for rank in position..<byName.count { nameRank[Int(byName[rank])] = UInt32(rank) }
    }

    func remove(id: String) {
        if let d = docNumbers[id] { tombstone(d) }
    }

    private func tombstone(_ d: UInt32) {
        guard alive[Int(d)] else { return }
        alive[Int(d)] = false
        aliveCount -= 1
        docNumbers[documents[Int(d)].id] = nil
        for f in 0..<Self.facetCount {
            let row = Int(d) * Self.facetCount + f
            for v in Int(facetOffsets[row])..<Int(facetOffsets[row + 1]) { facetTotals[f][Int(facetDocValues[v])] -= 1 }
        }
    }

    // MARK: - Ingestion

    /// Everything but postings: document slot, facets and sort keys.
    private func appendMetadata(_ doc: SearchDocument) {
        let d = UInt32(documents.count)
        documents.append(doc)
        docNumbers[doc.id] = d
        alive.append(true)
        aliveCount += 1

        // Facets
        let facetInputs: [[String]] = [
            doc.regionCode.map { [$0] } ?? [],
            doc.municipalityCode.map { [$0] } ?? [],
            doc.sectorSlugs,
            doc.legalForm.isEmpty ? [] : [doc.legalForm],
            doc.certifications,
            [doc.offersToMunicipalities ? "true" : "false"],
            doc.mrcCode.map { [$0] } ?? [],
            doc.serves,
            [doc.isClosed ? "closed" : "active"],
            doc.offeringKinds,
            [doc.hasMunicipalContracts ? "true" : "false"],
        ]
        for (f, values) in facetInputs.enumerated() {
            var added = Set<UInt32>()
            for value in values {
                let id: UInt32
                if let existing = facetValueIds[f][value] {
                    id = existing
                } else {
                    id = UInt32(facetValues[f].count)
                    facetValues[f].append(value)
                    facetValueIds[f][value] = id
                    facetTotals[f].append(0)
                    if Self.listFacets[f] { facetValueList[f].append([]) } else { facetValueDocs[f].append([]) }
                    let order = facetValues[f].indices.sorted { facetValues[f][$0] < facetValues[f][$1] }
                    facetValueOrder[f] = [UInt32](repeating: 0, count: order.count)
                    for (rank, i) in order.enumerated() { facetValueOrder[f][i] = UInt32(rank) }
                    facetValueIdsByOrder[f] = order.map { UInt32($0) }
                }
                if added.insert(id).inserted {
                    facetDocValues.append(id)
                    facetTotals[f][Int(id)] += 1
                    if Self.listFacets[f] {
                        facetValueList[f][Int(id)].append(d)
                    } else {
                        let word = Int(d >> 6)
                        if facetValueDocs[f][Int(id)].count <= word {
                            facetValueDocs[f][Int(id)].append(contentsOf: repeatElement(0, count: word + 1 - facetValueDocs[f][Int(id)].count))
                        }
                        facetValueDocs[f][Int(id)][word] |= 1 << UInt64(d & 63)
                    }
                }
            }
            facetOffsets.append(UInt32(facetDocValues.count))
        }

        nameKeys.append(FrenchAnalyzer.collationKey(doc.name))
        verifiedKeys.append(doc.verifiedAt?.timeIntervalSince1970 ?? -Double.infinity)
    }

    /// The documents having one of `values` in any of the given facets, as a bit set of
    /// `(docCount + 63) / 64` words.
    func documents(having values: [SearchFacet: Set<String>]) -> [UInt64] {
        let words = (docCount + 63) >> 6
        var bits = [UInt64](repeating: 0, count: words)
        for (facet, wanted) in values {
            guard let f = SearchFacet.allCases.firstIndex(of: facet) else { continue }
            for value in wanted {
                guard let id = facetValueIds[f][value] else { continue }
                bits.withUnsafeMutableBufferPointer { addDocuments(f, Int(id), to: $0.baseAddress!, words: words) }
            }
        }
        return bits
    }

    /// Sets the bits of the documents having value `id` of facet `f` in `bits` (`words` long).
    @inline(__always)
    func addDocuments(_ f: Int, _ id: Int, to bits: UnsafeMutablePointer<UInt64>, words: Int) {
        if Self.listFacets[f] {
            facetValueList[f][id].withUnsafeBufferPointer { docs in
                for d in docs where Int(d >> 6) < words { bits[Int(d >> 6)] |= 1 << UInt64(d & 63) }
            }
        } else {
            facetValueDocs[f][id].withUnsafeBufferPointer { b in
                for w in 0..<min(b.count, words) { bits[w] |= b[w] }
            }
        }
    }

    static func digits(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x30 && $0.value <= 0x39 }))
    }

    /// French collation: folded key, then original spelling, then id, so the order is total.
    func nameLess(_ a: UInt32, _ b: UInt32) -> Bool {
        let ka = nameKeys[Int(a)], kb = nameKeys[Int(b)]
        if ka != kb { return ka.lexicographicallyPrecedes(kb) }
        let na = documents[Int(a)].name, nb = documents[Int(b)].name
        if na != nb { return na < nb }
        return documents[Int(a)].id < documents[Int(b)].id
    }

    // MARK: - Term statistics

    @inline(__always)
    func idf(_ term: UInt32) -> Float {
        let df = Float(postingDocs[Int(term)].count)
        let n = Float(max(documents.count, 1))
        return logf(1 + (n - df + 0.5) / (df + 0.5))
    }
}

private final class ScoresBox: @unchecked Sendable {
    /// Each worker writes its own range of terms only, through the pointer (no shared array
    /// value being mutated from several threads).
    let slots: UnsafeMutableBufferPointer<[Float]>
    let fields: UnsafeMutableBufferPointer<[UInt8]>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: [])
        fields = .allocate(capacity: count)
        fields.initialize(repeating: [])
    }
    func free() {
        slots.deinitialize()
        slots.deallocate()
        fields.deinitialize()
        fields.deallocate()
    }
}

private final class TypoBox: @unchecked Sendable {
    var index = TypoIndex()
}

/// First index whose element is not `isBefore` (the array must be partitioned).
func searchLowerBound<T>(_ array: [T], _ isBefore: (T) -> Bool) -> Int {
    var lo = 0, hi = array.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if isBefore(array[mid]) { lo = mid + 1 } else { hi = mid }
    }
    return lo
}
