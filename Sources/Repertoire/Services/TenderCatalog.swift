import Foundation
import Synchronization

/// The calls of SEAO not yet closed, held in memory with a search index of their own (the
/// directory's French engine), kept current like ``ArticleCatalog``: an import appends every
/// process it changed to the change log (entity `tender`), and each read first looks at the log's
/// last number and reloads only those. Closed processes are not kept (years of SEAO are hundreds
/// of thousands); the clock filters the rest at each request.
final class TenderCatalog: Sendable {
    struct Entry: Sendable {
        var tender: PublicTender
        /// The buyer's municipality, when known (by its name or an administrator).
        var municipalityCode: String?
    }

    struct Snapshot: Sendable {
        var seq: Int64
        var open: [String: Entry] = [:]
        var buyers: [String: SEAOBuyer] = [:]
    }

    private let database: Database
    private let index: SearchIndex
    private let state = Mutex<Snapshot?>(nil)
    private let loading = AsyncLock()
    static let entity = "tender"

    init(database: Database, synonyms: SynonymTable = .init()) {
        self.database = database
        self.index = SearchIndex(synonyms: synonyms)
    }

    func current(now: Date = Date()) async throws -> Snapshot {
        let seq = try await database.read { sql in try await ChangeLog.lastSeq(on: sql) }
        if let snapshot = state.withLock({ $0 }), snapshot.seq == seq { return snapshot }
        return try await loading.withLock {
            let cached = self.state.withLock { $0 }
            if let cached, cached.seq >= seq { return cached }
            let snapshot = try await self.refresh(cached, now: now)
            self.state.withLock { $0 = snapshot }
            return snapshot
        }
    }

    private func refresh(_ cached: Snapshot?, now: Date) async throws -> Snapshot {
        let store = TenderStore(database: database)
        let stamp = Timestamp.string(from: now)
        guard var snapshot = cached else {
            let seq = try await database.read { sql in try await ChangeLog.lastSeq(on: sql) }
            var snapshot = Snapshot(seq: seq)
            snapshot.buyers = Dictionary(uniqueKeysWithValues: try await store.buyers().map { ($0.id, $0) })
            let open = try await store.tenders(closingAfter: stamp)
            for tender in open where tender.isOpen(at: now) { snapshot.open[tender.ocid] = snapshot.entry(tender) }
            index.replaceAll(snapshot.open.values.map { Self.document($0.tender) })
            return snapshot
        }
        let since = snapshot.seq
        let (ids, seq) = try await database.read { sql in try await ChangeLog.changes(of: Self.entity, after: since, on: sql) }
        if !ids.isEmpty {
            snapshot.buyers = Dictionary(uniqueKeysWithValues: try await store.buyers().map { ($0.id, $0) })
            for tender in try await store.tenders(ocids: Array(ids)) {
                if tender.isOpen(at: now) {
                    snapshot.open[tender.ocid] = snapshot.entry(tender)
                    index.upsert(Self.document(tender))
                } else if snapshot.open.removeValue(forKey: tender.ocid) != nil {
                    index.remove(id: tender.ocid)
                }
            }
        }
        snapshot.seq = seq
        return snapshot
    }

    private static func document(_ tender: PublicTender) -> SearchDocument {
        SearchDocument(id: tender.ocid, slug: tender.seaoNumber, name: tender.tender.title ?? tender.seaoNumber,
                       otherNames: [tender.buyer?.name].compactMap { $0 },
                       sectorNames: tender.tender.categories.map(\.label),
                       description: [tender.tender.description ?? "", tender.tender.methodDetails ?? ""].filter { !$0.isEmpty }.joined(separator: " "),
                       createdAt: tender.tender.opensAt ?? tender.lastReleaseDate)
    }

    /// The ids of the open calls matching the words, best first, with the title highlighted.
    func search(_ text: String, limit: Int = 2_000) -> [(id: String, title: [HighlightSegment])] {
        var query = SearchQuery(text: text, sort: .relevance, limit: limit)
        query.countedFacets = []
        return index.search(query).hits.map { ($0.id, $0.nameHighlight) }
    }
}

extension TenderCatalog.Snapshot {
    func entry(_ tender: PublicTender) -> TenderCatalog.Entry {
        TenderCatalog.Entry(tender: tender, municipalityCode: tender.buyer.flatMap { buyers[$0.id]?.municipalityCode })
    }
}
