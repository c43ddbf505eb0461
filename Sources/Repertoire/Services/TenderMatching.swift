import Foundation
import Synchronization

/// The enterprises that could answer each open call: its SEAO categories and UNSPSC segments
/// give sectors (through the table administrators edit), its title gives words, its delivery
/// region (else its buyer's municipality) the place they must serve, and its nature the kind of
/// offer; ``CallMatcher`` ranks the directory against that, as for calls for interest. Results are
/// kept per call until the call, the directory or the table changes.
final class TenderMatching: Sendable {
    let directory: DirectoryService
    private let store: TenderStore
    private let cache = Mutex<[String: (key: String, matches: [CallMatcher.Match])]>([:])
    /// Enterprises kept per call (pages show the first ones).
    static let kept = 100
    /// Words of a tender's title looked up, and the results read for each and for the sectors:
    /// thousands of calls are matched at once (an enterprise beyond the first 150 for a word
    /// rarely makes a call's first hundred).
    static let titleWords = 8
    static let perWord = 150
    static let perSectors = 250

    init(directory: DirectoryService, store: TenderStore) {
        self.directory = directory
        self.store = store
    }

    static func need(_ tender: PublicTender, municipalityCode: String?, map: [String: [String]]) -> CallMatcher.Need {
        var sectors: [String] = []
        for category in tender.tender.categories { sectors += map[category.code] ?? [] }
        for code in tender.tender.unspsc where code.count >= 2 { sectors += map["UNSPSC " + code.prefix(2)] ?? [] }
        sectors = sectors.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        let kind: OfferingKind? = switch tender.tender.category {
        case "goods": .good
        case "services": .service
        case "works": .construction
        default: nil
        }
        let regions = tender.tender.deliveryRegions.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let place: (kind: CallForInterest.PlaceKind, codes: [String])? =
            !regions.isEmpty ? (.region, regions) : municipalityCode.map { (.municipality, [$0]) }
        return CallMatcher.Need(title: tender.tender.title ?? "", description: "", sectors: sectors, kind: kind, place: place, maxWords: titleWords,
                                perWord: perWord, perSectors: perSectors)
    }

    /// The matches of each call, computed for those not known yet (on every core).
    func matches(_ calls: [TenderService.OpenCall]) async throws -> [String: [CallMatcher.Match]] {
        let map = try await store.sectorMap()
        let mapKey = map.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.joined(separator: ","))" }.joined(separator: ";")
        let sequence = directory.sequence
        func key(_ call: TenderService.OpenCall) -> String { "\(sequence)|\(call.tender.lastReleaseID)|\(call.municipalityCode ?? "")|\(mapKey.hashValue)" }
        var result: [String: [CallMatcher.Match]] = [:]
        var missing: [TenderService.OpenCall] = []
        cache.withLock { cache in
            for call in calls {
                if let known = cache[call.tender.ocid], known.key == key(call) { result[call.tender.ocid] = known.matches } else { missing.append(call) }
            }
        }
        guard !missing.isEmpty else { return result }
        let matcher = CallMatcher(directory: directory)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, missing.count))
        // Calls share words and places: each (words, sectors, place, limit) is searched once per batch.
        let memo = Mutex<[String: [EnterpriseSummary]]>([:])
        let directory = self.directory
        let search: @Sendable (DirectoryQuery, Int) -> [EnterpriseSummary] = { query, limit in
            let key = [query.text, query.sectors.joined(separator: ","), query.regions.joined(separator: ","), query.municipalities.joined(separator: ","),
                       query.mrcs.joined(separator: ","), String(limit)].joined(separator: "|")
            if let known = memo.withLock({ $0[key] }) { return known }
            let found = directory.searchAll(query, limit: limit)
            memo.withLock { $0[key] = found }
            return found
        }
        let computed = await withTaskGroup(of: [(String, [CallMatcher.Match])].self) { group in
            for worker in 0..<workers {
                let share = stride(from: worker, to: missing.count, by: workers).map { missing[$0] }
                group.addTask {
                    share.map { call in
                        (call.tender.ocid, matcher.match(Self.need(call.tender, municipalityCode: call.municipalityCode, map: map), limit: Self.kept, search: search))
                    }
                }
            }
            var all: [(String, [CallMatcher.Match])] = []
            for await part in group { all += part }
            return all
        }
        let byID = Dictionary(uniqueKeysWithValues: missing.map { ($0.tender.ocid, $0) })
        cache.withLock { cache in
            for (ocid, matches) in computed {
                result[ocid] = matches
                if let call = byID[ocid] { cache[ocid] = (key(call), matches) }
            }
            // Calls no longer asked about (closed) are forgotten.
            if cache.count > 4 * max(calls.count, 1_000) { cache = cache.filter { result[$0.key] != nil } }
        }
        return result
    }
}
