import Foundation

/// What became of a message in the outbox.
public enum OutboxStatus: String, Sendable, Codable, CaseIterable {
    /// Waiting for its first or next attempt.
    case pending
    case sent
    /// Given up: too many attempts, or refused for good.
    case failed
}

/// A message claimed for delivery by ``Outbox/claimDue(now:limit:)``.
public struct OutboxMessage: Sendable, Equatable {
    public var id: Int
    public var message: OutgoingMessage
    /// Makes the Message-ID, the same on every attempt.
    public var token: String
    /// Attempts so far, this one included.
    public var attempts: Int
    public var createdAt: Date
}

/// One line of the outbox as an admin sees it: never the body, which holds single-use links.
public struct OutboxEntry: Sendable, Equatable {
    public var id: Int
    public var kind: MailKind
    public var to: String
    public var subject: String
    public var status: OutboxStatus
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?
    /// When the next attempt is due (pending messages).
    public var nextAttemptAt: Date
}

/// When to try again after a failed attempt, and when to give up.
public struct RetryPolicy: Sendable, Equatable {
    /// The wait after the first failed attempt, the second…; the last one repeats.
    public var delays: [TimeInterval]
    /// Attempts before giving up.
    public var maxAttempts: Int
    /// How long a claimed message is reserved for the instance sending it. Should that instance
    /// die mid-send, the message is due again after this (and may then arrive twice: better
    /// than never).
    public var lease: TimeInterval

    public init(delays: [TimeInterval], maxAttempts: Int, lease: TimeInterval) {
        precondition(!delays.isEmpty && maxAttempts >= 1 && lease > 0)
        self.delays = delays
        self.maxAttempts = maxAttempts
        self.lease = lease
    }

    /// 30 s, 2 min, 10 min, 1 h, 4 h, 12 h, 12 h, then given up: about a day and a half of tries.
    public static let standard = RetryPolicy(delays: [30, 120, 600, 3600, 4 * 3600, 12 * 3600], maxAttempts: 8, lease: 600)

    /// The wait after attempt number `attempt` (1-based) failed.
    public func delay(afterAttempt attempt: Int) -> TimeInterval {
        delays[min(max(attempt, 1), delays.count) - 1]
    }
}
