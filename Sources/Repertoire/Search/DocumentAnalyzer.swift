import Foundation

/// Term statistics of a run of documents, against a private term dictionary so several runs
/// can be analysed in parallel; `IndexStorage` then maps the private ids to global ones once
/// per distinct term instead of once per token.
struct AnalyzedBatch: Sendable {
    var dictionary = TermDictionary()
    /// First original spelling of each local term, lowercased (for suggestions).
    var surfaces: [String] = []
    /// Document k's terms are termIds[docTermStart[k] ..< docTermStart[k + 1]].
    var docTermStart: [UInt32] = [0]
    var termIds: [UInt32] = []
    /// Packed per-field frequencies, parallel to termIds.
    var freqs: [UInt32] = []
    /// SearchField.count lengths per document.
    var lengths: [UInt16] = []

    var documentCount: Int { docTermStart.count - 1 }

    static func analyze<C: Collection>(_ docs: C) -> AnalyzedBatch where C.Element == SearchDocument {
        var sink = BatchSink()
        for doc in docs { sink.add(doc) }
        return sink.batch
    }
}

private struct BatchSink: TokenSink {
    var batch = AnalyzedBatch()
    var termLastDoc: [UInt32] = []
    var termSlot: [UInt32] = []
    var docIndex: UInt32 = 0
    var field = 0
    var lengths = [UInt16](repeating: 0, count: SearchField.count)

    mutating func consume(_ token: FrenchAnalyzer.Token) {
        record(token.term, original: token.original)
    }

    mutating func record(_ term: UnsafeBufferPointer<UInt8>, original: UnsafeBufferPointer<UInt8>?) {
        let (id, isNew) = batch.dictionary.intern(term)
        if isNew {
            batch.surfaces.append(original.map { String(decoding: $0, as: UTF8.self).lowercased() }
                ?? String(decoding: term, as: UTF8.self))
            termLastDoc.append(UInt32.max)
            termSlot.append(0)
        }
        if termLastDoc[Int(id)] != docIndex {
            termLastDoc[Int(id)] = docIndex
            termSlot[Int(id)] = UInt32(batch.termIds.count)
            batch.termIds.append(id)
            batch.freqs.append(0)
        }
        let slot = Int(termSlot[Int(id)])
        let shift = UInt32(field * 4)
        if (batch.freqs[slot] >> shift) & 0xF < 0xF { batch.freqs[slot] += 1 << shift }
        if lengths[field] < UInt16.max { lengths[field] += 1 }
    }

    mutating func text(_ text: String, _ field: SearchField) {
        self.field = field.rawValue
        FrenchAnalyzer.analyze(text, into: &self)
    }

    mutating func raw(_ text: String, _ field: SearchField) {
        self.field = field.rawValue
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { record($0, original: nil) }
    }

    mutating func add(_ doc: SearchDocument) {
        text(doc.name, .name)
        for other in doc.otherNames { text(other, .otherNames) }
        for offering in doc.offerings {
            text(offering.name, .offerings)
            text(offering.description, .offerings)
        }
        for sector in doc.sectorNames { text(sector, .sectors) }
        text(doc.description, .description)
        text(doc.place, .place)
        if let neq = doc.neq {
            let digits = IndexStorage.digits(neq)
            if !digits.isEmpty { raw(digits, .identifiers) }
        }
        for phone in doc.phones {
            var digits = IndexStorage.digits(phone)
            if digits.count == 11 && digits.hasPrefix("1") { digits.removeFirst() }
            if digits.count >= 7 {
                raw(digits, .identifiers)
                raw(String(digits.suffix(7)), .identifiers)  // local number without area code
            }
            text(phone, .identifiers)
        }
        batch.docTermStart.append(UInt32(batch.termIds.count))
        batch.lengths.append(contentsOf: lengths)
        for f in 0..<lengths.count { lengths[f] = 0 }
        docIndex += 1
    }
}

/// Result slot for one parallel worker.
final class BatchBox: @unchecked Sendable {
    var batch = AnalyzedBatch()
}

extension AnalyzedBatch {
    /// Splits `docs` into one contiguous run per core; small inputs stay on the calling thread.
    static func analyzeInParallel(_ docs: [SearchDocument]) -> [AnalyzedBatch] {
        let workers = docs.count < 2_000 ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        guard workers > 1 else { return [analyze(docs)] }
        let boxes = (0..<workers).map { _ in BatchBox() }
        let chunk = (docs.count + workers - 1) / workers
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let range = min(w * chunk, docs.count)..<min((w + 1) * chunk, docs.count)
            boxes[w].batch = analyze(docs[range])
        }
        return boxes.map(\.batch)
    }
}
