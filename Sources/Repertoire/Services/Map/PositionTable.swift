import Foundation
import Synchronization

/// The coordinates of the directory's enterprises, kept in memory beside the search index (the
/// summaries do not carry them) and, from them, the area means that place enterprises without
/// coordinates. ``DirectoryService`` fills it when the index loads and keeps it current as it
/// catches up with writes.
public final class PositionTable: Sendable {
    struct Entry: Sendable {
        var latitude: Double
        var longitude: Double
        var place: AreaMeans.Place?

        var point: Coordinates { Coordinates(latitude: latitude, longitude: longitude) }
    }

    private struct State {
        /// Keyed by the id's 16 bytes (``IDTable``): a 36-character `String` key was an 80-byte
        /// allocation of its own (8 MB at 100,000 enterprises).
        var entries = IDTable<Entry>()
        var means = AreaMeans()

        subscript(id id: String) -> Entry? {
            get { entries[id] }
            set { entries[id] = newValue }
        }

        mutating func remove(_ id: String) -> Entry? { entries.removeValue(forKey: id) }

        var count: Int { entries.count }
    }

    private let state = Mutex(State())

    init() {}

    static func entry(_ enterprise: Enterprise) -> Entry? {
        guard let point = enterprise.profile.coordinates else { return nil }
        return Entry(latitude: point.latitude, longitude: point.longitude,
                     place: AreaMeans.Place(municipalityCode: enterprise.profile.municipalityCode, postalCode: enterprise.profile.postalCode))
    }

    /// The entries of a load chunk, collected as the snapshot is read.
    static func entries(_ chunk: [Enterprise]) -> [(String, Entry)] {
        chunk.compactMap { enterprise in entry(enterprise).map { (enterprise.id, $0) } }
    }

    /// Replaces the whole table (a fresh index load).
    func replaceAll(_ chunks: [[(String, Entry)]]) {
        var fresh = State()
        fresh.entries.reserveCapacity(chunks.reduce(0) { $0 + $1.count })
        for chunk in chunks {
            for (id, entry) in chunk {
                fresh[id: id] = entry
                if let place = entry.place { fresh.means.add(entry.point, at: place) }
            }
        }
        state.withLock { $0 = fresh }
    }

    /// Applies changed enterprises: `loaded` as they are now (archived ones leave the map), and
    /// `ids` that may no longer exist at all.
    func update(_ loaded: [Enterprise], ids: [String]) {
        state.withLock { state in
            func drop(_ id: String) {
                if let old = state.remove(id), let place = old.place { state.means.remove(old.point, at: place) }
            }
            for id in ids { drop(id) }
            for enterprise in loaded {
                drop(enterprise.id)
                guard !enterprise.isArchived, let entry = Self.entry(enterprise) else { continue }
                state[id: enterprise.id] = entry
                if let place = entry.place { state.means.add(entry.point, at: place) }
            }
        }
    }

    /// Where an enterprise goes on the map; nil when neither it nor its area has coordinates.
    public func position(id: String, municipalityCode: String?, postalCode: String?) -> MapPosition? {
        state.withLock { state in
            Self.position(state, id: id, municipalityCode: municipalityCode, postalCode: postalCode)
        }
    }

    /// The positions of many summaries under one lock, in order (nil where there is none).
    func positions(_ summaries: [EnterpriseSummary]) -> [MapPosition?] {
        state.withLock { state in
            summaries.map { Self.position(state, id: $0.id, municipalityCode: $0.municipalityCode, postalCode: $0.postalCode) }
        }
    }

    private static func position(_ state: State, id: String, municipalityCode: String?, postalCode: String?) -> MapPosition? {
        if let entry = state[id: id] {
            return MapPosition(latitude: entry.latitude, longitude: entry.longitude, precision: .exact)
        }
        return state.means.approximate(municipalityCode: municipalityCode, postalCode: postalCode)
    }

    var count: Int { state.withLock { $0.count } }
}

extension PositionTable {
    /// Collects the entries of a snapshot's chunks as they are read, for ``replaceAll(_:)``.
    final class Loading: Sendable {
        private let chunks = Mutex<[[(String, Entry)]]>([])

        func add(_ chunk: [Enterprise]) {
            let entries = PositionTable.entries(chunk)
            chunks.withLock { $0.append(entries) }
        }

        var all: [[(String, Entry)]] { chunks.withLock { $0 } }
    }

    /// Fills the table from a load's collected chunks.
    func replaceAll(_ loading: Loading) { replaceAll(loading.all) }
}
