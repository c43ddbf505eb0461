import Foundation
import SQLKit

/// Someone who receives the J'achète digest: weekly or monthly, for some regions (none: all of
/// Quebec), in French or English. Visitors confirm by e-mail first (pending → active); signed-in
/// people subscribe directly with their account's address.
public struct DigestSubscription: Sendable, Equatable {
    public enum Frequency: String, Sendable, CaseIterable {
        case weekly = "hebdomadaire"
        case monthly = "mensuelle"

        public var name: String { self == .weekly ? "Hebdomadaire" : "Mensuelle" }
        public var nameEnglish: String { self == .weekly ? "Weekly" : "Monthly" }
    }

    public enum Status: String, Sendable {
        case pending, active, unsubscribed
    }

    public var id: String
    public var email: String
    public var userID: String?
    public var frequency: Frequency
    public var regions: [String]
    public var language: Language
    public var status: Status
    public var createdAt: Date
    public var confirmedAt: Date?
}

/// The digest's subscriptions and the periods handled for each. ``claim(_:period:sent:draft:queue:now:)``
/// inserts the (subscription, period) row and queues the e-mail in one transaction: the primary
/// key lets one instance only do it, so a digest goes out once per period.
struct DigestStore: Sendable {
    let database: Database

    static let columns = "id, email, user_id, frequency, regions, language, status, created_at, confirmed_at"

    /// Creates or updates the subscription of an address. A visitor's (pending, with a confirmation
    /// link) never downgrades an active one: its choices are kept and nothing is sent.
    func subscribe(email: String, frequency: DigestSubscription.Frequency, regions: [String], language: Language, userID: String?,
                   confirmTokenHash: String?, now: Date, confirmation: (@Sendable (DigestSubscription) -> MailDraft)?, queue: any MailQueue)
        async throws -> (subscription: DigestSubscription, alreadyActive: Bool) {
        try await database.unitOfWork(now: now) { work in
            let sql = work.sql
            let stamp = Timestamp.string(from: now)
            let existing = try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM digest_subscriptions WHERE email = \(bind: email)").first().map(Self.decode)
            let direct = confirmTokenHash == nil
            if let existing, existing.status == .active, !direct {
                return (existing, true)
            }
            let status: DigestSubscription.Status = direct ? .active : .pending
            var subscription = DigestSubscription(id: existing?.id ?? RecordID.next(now: now), email: email, userID: userID ?? existing?.userID, frequency: frequency,
                                                  regions: regions, language: language, status: status, createdAt: existing?.createdAt ?? now,
                                                  confirmedAt: direct ? (existing?.confirmedAt ?? now) : nil)
            if existing == nil {
                try await sql.raw("""
                    INSERT INTO digest_subscriptions (id, email, user_id, frequency, regions, language, status, confirm_token_hash, created_at, confirmed_at, updated_at)
                    VALUES (\(bind: subscription.id), \(bind: email), \(bind: subscription.userID), \(bind: frequency.rawValue), \(bind: regions.joined(separator: "\n")),
                            \(bind: language.rawValue), \(bind: status.rawValue), \(bind: confirmTokenHash), \(bind: stamp),
                            \(bind: subscription.confirmedAt.map(Timestamp.string(from:))), \(bind: stamp))
                    """).run()
            } else {
                try await sql.raw("""
                    UPDATE digest_subscriptions SET user_id = \(bind: subscription.userID), frequency = \(bind: frequency.rawValue),
                        regions = \(bind: regions.joined(separator: "\n")), language = \(bind: language.rawValue), status = \(bind: status.rawValue),
                        confirm_token_hash = \(bind: confirmTokenHash), confirmed_at = \(bind: subscription.confirmedAt.map(Timestamp.string(from:))),
                        created_at = \(bind: Timestamp.string(from: subscription.createdAt)), updated_at = \(bind: stamp)
                    WHERE id = \(bind: subscription.id)
                    """).run()
            }
            if let confirmation { try await work.send(confirmation(subscription), through: queue) }
            subscription.status = status
            return (subscription, false)
        }
    }

    /// Activates the pending subscription holding this link, if it was sent less than `maxAge` ago.
    func confirm(tokenHash: String, maxAge: TimeInterval, now: Date) async throws -> DigestSubscription? {
        try await database.unitOfWork(now: now) { work in
            guard let row = try await work.sql.raw("""
                SELECT \(unsafeRaw: Self.columns), updated_at FROM digest_subscriptions WHERE confirm_token_hash = \(bind: tokenHash) AND status = 'pending'
                """).first() else { return nil }
            var subscription = try Self.decode(row)
            let sentAt = Timestamp.date(from: try row.decode(column: "updated_at", as: String.self)) ?? .distantPast
            guard now.timeIntervalSince(sentAt) <= maxAge else { return nil }
            try await work.sql.raw("""
                UPDATE digest_subscriptions SET status = 'active', confirm_token_hash = NULL, confirmed_at = \(bind: Timestamp.string(from: now)),
                    updated_at = \(bind: Timestamp.string(from: now)) WHERE id = \(bind: subscription.id)
                """).run()
            subscription.status = .active
            subscription.confirmedAt = now
            return subscription
        }
    }

    func pending(tokenHash: String) async throws -> DigestSubscription? {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM digest_subscriptions WHERE confirm_token_hash = \(bind: tokenHash) AND status = 'pending'")
                .first().map(Self.decode)
        }
    }

    func subscription(id: String) async throws -> DigestSubscription? {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM digest_subscriptions WHERE id = \(bind: id)").first().map(Self.decode)
        }
    }

    func subscription(email: String) async throws -> DigestSubscription? {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM digest_subscriptions WHERE email = \(bind: email)").first().map(Self.decode)
        }
    }

    func unsubscribe(id: String, now: Date) async throws {
        try await database.unitOfWork(now: now) { work in
            try await work.sql.raw("""
                UPDATE digest_subscriptions SET status = 'unsubscribed', confirm_token_hash = NULL, updated_at = \(bind: Timestamp.string(from: now)) WHERE id = \(bind: id)
                """).run()
        }
    }

    /// The active subscriptions of a frequency, confirmed before `confirmedBefore`.
    func active(_ frequency: DigestSubscription.Frequency, confirmedBefore: Date) async throws -> [DigestSubscription] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM digest_subscriptions
                WHERE status = 'active' AND frequency = \(bind: frequency.rawValue) AND confirmed_at < \(bind: Timestamp.string(from: confirmedBefore))
                ORDER BY id
                """).all().map(Self.decode)
        }
    }

    /// Takes the period for this subscription and queues its digest (nil: nothing new, the period
    /// is only marked handled). False when the period was already taken, by this or another instance.
    func claim(_ subscriptionID: String, period: String, draft: MailDraft?, queue: any MailQueue, now: Date) async throws -> Bool {
        try await database.unitOfWork(now: now) { work in
            let taken = try await work.sql.raw("""
                INSERT INTO digest_sends (subscription_id, period, sent, handled_at)
                VALUES (\(bind: subscriptionID), \(bind: period), \(draft != nil), \(bind: Timestamp.string(from: now)))
                ON CONFLICT (subscription_id, period) DO NOTHING RETURNING subscription_id
                """).all().count
            guard taken == 1 else { return false }
            if let draft { try await work.send(draft, through: queue) }
            return true
        }
    }

    static func decode(_ row: any SQLRow) throws -> DigestSubscription {
        DigestSubscription(
            id: try row.decode(column: "id", as: String.self), email: try row.decode(column: "email", as: String.self),
            userID: try row.decode(column: "user_id", as: String?.self),
            frequency: DigestSubscription.Frequency(rawValue: try row.decode(column: "frequency", as: String.self)) ?? .monthly,
            regions: try row.decode(column: "regions", as: String.self).split(separator: "\n").map(String.init),
            language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .fr,
            status: DigestSubscription.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .unsubscribed,
            createdAt: Timestamp.date(from: try row.decode(column: "created_at", as: String.self)) ?? .distantPast,
            confirmedAt: try row.decode(column: "confirmed_at", as: String?.self).flatMap(Timestamp.date(from:)))
    }
}
