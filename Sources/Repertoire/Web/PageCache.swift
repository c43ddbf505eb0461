import Foundation
import NIOCore
import Synchronization

/// The directory's public pages as visitors who are not signed in get them (home, results,
/// sector and region pages), kept between writes: every such visitor gets the same page for the
/// same address, and the directory changes far less often than it is read.
///
/// An entry is used only while the directory is at the change-log sequence it was rendered at,
/// and for at most `lifetime` (what the change log does not cover, such as a municipality
/// renamed by `repertoire municipalities`, shows within that time). Entries are keyed by the
/// page's canonical address (the parsed query printed back, so `?q=a&region=16` and
/// `?region=16&q=a` share one), in a bounded least-recently-used table. Signed-in visitors'
/// pages (their name, their token, managers' contacts) are never kept.
final class PageCache: Sendable {
    struct Settings: Sendable {
        var maxBytes = 32 << 20
        var maxEntries = 4_096
        var lifetime: Duration = .seconds(60)
    }

    private struct Entry {
        var body: ByteBuffer
        var sequence: Int64
        var created: ContinuousClock.Instant
        var lastUsed: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    let settings: Settings
    private let state = Mutex(State())

    init(_ settings: Settings = Settings()) {
        self.settings = settings
    }

    /// The page kept for `key` at `sequence`, or the one `render` makes (then kept).
    func page(_ key: String, sequence: Int64, render: () throws -> String) rethrows -> ByteBuffer {
        let now = ContinuousClock.now
        let kept: ByteBuffer? = state.withLock { state in
            state.clock &+= 1
            guard var entry = state.entries[key] else { return nil }
            guard entry.sequence == sequence, now - entry.created < settings.lifetime else {
                state.bytes -= entry.body.readableBytes
                state.entries[key] = nil
                return nil
            }
            entry.lastUsed = state.clock
            state.entries[key] = entry
            state.hits += 1
            return entry.body
        }
        if let kept { return kept }
        let body = ByteBuffer(string: try render())
        store(key, body: body, sequence: sequence, created: now)
        return body
    }

    private func store(_ key: String, body: ByteBuffer, sequence: Int64, created: ContinuousClock.Instant) {
        // A page larger than an eighth of the cache would push out too many others.
        guard body.readableBytes <= settings.maxBytes / 8 else { return }
        state.withLock { state in
            state.misses += 1
            if let old = state.entries[key] { state.bytes -= old.body.readableBytes }
            state.entries[key] = Entry(body: body, sequence: sequence, created: created, lastUsed: state.clock)
            state.bytes += body.readableBytes
            guard state.bytes > settings.maxBytes || state.entries.count > settings.maxEntries else { return }
            // Over a bound: the least recently used quarter goes (and every entry of an older
            // sequence, which can no longer be served).
            let byAge = state.entries.sorted { $0.value.lastUsed < $1.value.lastUsed }
            let evicted = max(1, byAge.count / 4)
            for (index, item) in byAge.enumerated() where index < evicted || item.value.sequence != sequence {
                if item.key == key { continue }
                state.bytes -= item.value.body.readableBytes
                state.entries[item.key] = nil
            }
        }
    }

    /// Entries, bytes held, hits and misses since start.
    var statistics: (entries: Int, bytes: Int, hits: Int, misses: Int) {
        state.withLock { ($0.entries.count, $0.bytes, $0.hits, $0.misses) }
    }
}
