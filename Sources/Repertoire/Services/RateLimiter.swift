import Foundation
import Synchronization

/// Counts events per key over a sliding window, in memory (one instance's own count): at most
/// `limit` events per key in any `window`. Keys whose events have all left the window are
/// forgotten, so a flood of addresses cannot grow it without bound.
final class RateLimiter: Sendable {
    let limit: Int
    let window: TimeInterval
    private let events = Mutex<[String: [Date]]>([:])
    private let sweepEvery = 1_024

    init(limit: Int, window: TimeInterval) {
        precondition(limit > 0 && window > 0)
        self.limit = limit
        self.window = window
    }

    /// Records an event for `key` and returns nil, or — when the key already had `limit` events
    /// in the window — records nothing and returns how long to wait before the next one is allowed.
    func admit(_ key: String, now: Date = Date()) -> TimeInterval? {
        events.withLock { events in
            let since = now.addingTimeInterval(-window)
            if events.count >= sweepEvery {
                events = events.filter { $0.value.last.map { $0 > since } ?? false }
            }
            var recent = (events[key] ?? []).filter { $0 > since }
            if recent.count >= limit {
                events[key] = recent
                return max(1, recent[recent.count - limit].timeIntervalSince(since))
            }
            recent.append(now)
            events[key] = recent
            return nil
        }
    }
}
