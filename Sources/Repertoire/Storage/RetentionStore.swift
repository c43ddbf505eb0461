import Foundation
import SQLKit

/// What one purge removed.
public struct PurgeReport: Sendable, Equatable, CustomStringConvertible {
    public var sessions = 0
    public var oneTimeTokens = 0
    public var signInFailures = 0
    /// Revisions from which managers' personal data was erased (one side or both).
    public var revisionsErased = 0
    public var proposalsErased = 0
    /// Registrations to trainings held long enough ago, deleted.
    public var trainingRegistrations = 0
    /// Digest subscriptions never confirmed, or unsubscribed, long enough ago, deleted.
    public var digestSubscriptions = 0

    public var isEmpty: Bool { self == PurgeReport() }

    public var description: String {
        """
        Expired sessions deleted: \(sessions)
        Single-use links expired or used over a week ago deleted: \(oneTimeTokens)
        Sign-in failures past their window deleted: \(signInFailures)
        Revisions whose managers' contact details were erased: \(revisionsErased)
        Decided proposals whose contact details were erased: \(proposalsErased)
        Registrations to trainings held over \(RetentionStore.registrationRetentionDays) days ago deleted: \(trainingRegistrations)
        Digest subscriptions unconfirmed or stopped over \(RetentionStore.subscriptionGraceDays) days ago deleted: \(digestSubscriptions)
        """
    }
}

/// Keeps personal information only as long as it is needed (Loi 25), and drops what has
/// expired. Run hourly by `RetentionService` and once by `repertoire database purge`; `now` is a
/// parameter so tests drive it.
public struct RetentionStore: Sendable {
    public let database: Database

    /// How long managers' contact details stay in history after they stopped being current:
    /// in a revision's `before` from the revision's time, in its `after` from the next
    /// revision's time, in a proposal from its decision.
    public static let historyRetentionMonths = 24
    /// A single-use link is kept this long after it was used or expired, so that a late click
    /// says "already used" or "expired" rather than "unknown link".
    static let tokenGrace: TimeInterval = 7 * 24 * 3600
    private static let chunk = 200
    /// A training's registrations (names, e-mails, municipalities) are kept this long after it ended.
    public static let registrationRetentionDays = 90
    /// A digest subscription never confirmed, or stopped, is kept this long (its address included).
    public static let subscriptionGraceDays = 30

    public init(database: Database) {
        self.database = database
    }

    /// The time before which superseded contact details are erased.
    public static func historyCutoff(now: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: .month, value: -historyRetentionMonths, to: now) ?? now
    }

    public func purge(now: Date = Date()) async throws -> PurgeReport {
        var report = PurgeReport()
        let stamp = Timestamp.string(from: now)
        let idleSince = Timestamp.string(from: now.addingTimeInterval(-SessionStore.idleTimeout))
        let graceEnded = Timestamp.string(from: now.addingTimeInterval(-Self.tokenGrace))
        let failedBefore = Timestamp.string(from: now.addingTimeInterval(-SignInThrottle().window))
        (report.sessions, report.oneTimeTokens, report.signInFailures) = try await database.transaction { sql in
            let sessions = try await sql.delete(from: "sessions")
                .where("expires_at", .lessThan, SQLBind(stamp)).orWhere("last_seen_at", .lessThan, SQLBind(idleSince))
                .returning("id_hash").all().count
            let tokens = try await sql.delete(from: "one_time_tokens")
                .where("expires_at", .lessThan, SQLBind(graceEnded)).orWhere("used_at", .lessThan, SQLBind(graceEnded))
                .returning("token_hash").all().count
            let failures = try await sql.delete(from: "sign_in_failures")
                .where("failed_at", .lessThan, SQLBind(failedBefore))
                .returning("scope").all().count
            return (sessions, tokens, failures)
        }
        let cutoff = Timestamp.string(from: Self.historyCutoff(now: now))
        report.revisionsErased = try await eraseRevisions(before: cutoff, stamp: stamp)
        report.proposalsErased = try await eraseProposals(before: cutoff, stamp: stamp)
        (report.trainingRegistrations, report.digestSubscriptions) = try await purgeHub(now: now)
        return report
    }

    /// The J'achète hub's personal data: registrations of trainings that ended long enough ago, and
    /// digest subscriptions never confirmed or stopped long enough ago (with the periods they were sent).
    private func purgeHub(now: Date) async throws -> (Int, Int) {
        let registrationsBefore = Timestamp.string(from: now.addingTimeInterval(-Double(Self.registrationRetentionDays) * 24 * 3600))
        let subscriptionsBefore = Timestamp.string(from: now.addingTimeInterval(-Double(Self.subscriptionGraceDays) * 24 * 3600))
        return try await database.transaction { sql in
            // A training's end is in its details; its start (indexed) is a day or less before it.
            let registrations = try await sql.raw("""
                DELETE FROM training_registrations WHERE article_id IN (SELECT id FROM articles WHERE starts_at IS NOT NULL AND starts_at < \(bind: registrationsBefore))
                RETURNING id
                """).all().count
            let stale: SQLQueryString = "SELECT id FROM digest_subscriptions WHERE status <> 'active' AND updated_at < \(bind: subscriptionsBefore)"
            try await sql.raw("DELETE FROM digest_sends WHERE subscription_id IN (\(stale))").run()
            let subscriptions = try await sql.raw("DELETE FROM digest_subscriptions WHERE id IN (\(stale)) RETURNING id").all().count
            return (registrations, subscriptions)
        }
    }

    /// Erases, chunk by chunk, the sides of revisions superseded before `cutoff`: a revision's
    /// `before` was superseded when it was written, its `after` when the next one was.
    private func eraseRevisions(before cutoff: String, stamp: String) async throws -> Int {
        var erased = 0
        var afterSeq: Int64 = 0
        while true {
            let from = afterSeq
            let (count, last, full) = try await database.transaction { sql -> (Int, Int64, Bool) in
                let rows = try await sql.raw("""
                    SELECT r.seq, r.before_profile, r.after_profile, r.before_erased_at, r.after_erased_at,
                           CASE WHEN EXISTS (SELECT 1 FROM revisions n WHERE n.enterprise_id = r.enterprise_id AND n.seq > r.seq AND n.at < \(bind: cutoff))
                                THEN 1 ELSE 0 END AS superseded
                    FROM revisions r
                    WHERE r.seq > \(bind: from) AND r.at < \(bind: cutoff)
                      AND ((r.before_erased_at IS NULL AND r.before_profile IS NOT NULL)
                           OR (r.after_erased_at IS NULL
                               AND EXISTS (SELECT 1 FROM revisions n WHERE n.enterprise_id = r.enterprise_id AND n.seq > r.seq AND n.at < \(bind: cutoff))))
                    ORDER BY r.seq
                    LIMIT \(unsafeRaw: String(Self.chunk))
                    """).all()
                var last: Int64 = from
                for row in rows {
                    let seq = try row.decode(column: "seq", as: Int64.self)
                    last = seq
                    let update = sql.update("revisions")
                    if try row.decodeNil(column: "before_erased_at"), let before = try row.decode(column: "before_profile", as: String?.self) {
                        update.set("before_profile", to: SQLBind(try StoredProfile.encode(StoredProfile.decodeStored(before).erasingPersonalData())))
                            .set("before_erased_at", to: SQLBind(stamp))
                    }
                    if try row.decodeNil(column: "after_erased_at"), try row.decode(column: "superseded", as: Int.self) == 1 {
                        let after = try row.decode(column: "after_profile", as: String.self)
                        update.set("after_profile", to: SQLBind(try StoredProfile.encode(StoredProfile.decodeStored(after).erasingPersonalData())))
                            .set("after_erased_at", to: SQLBind(stamp))
                    }
                    try await update.where("seq", .equal, SQLBind(seq)).run()
                }
                return (rows.count, last, rows.count == Self.chunk)
            }
            erased += count
            afterSeq = last
            if !full { return erased }
        }
    }

    /// Erases the managers' contact details and the proposer's address from proposals decided
    /// before `cutoff`. Pending proposals are still needed, whatever their age.
    private func eraseProposals(before cutoff: String, stamp: String) async throws -> Int {
        var erased = 0
        while true {
            let count = try await database.transaction { sql -> Int in
                let rows = try await sql.select().columns("id", "profile").from("proposals")
                    .where("status", .notEqual, SQLBind(Proposal.Status.pending.rawValue))
                    .where("decided_at", .lessThan, SQLBind(cutoff))
                    .where("personal_data_erased_at", .is, SQLLiteral.null)
                    .orderBy("id").limit(Self.chunk).all()
                for row in rows {
                    let profile = try StoredProfile.decodeStored(try row.decode(column: "profile", as: String.self)).erasingPersonalData()
                    try await sql.update("proposals")
                        .set("profile", to: SQLBind(try StoredProfile.encode(profile)))
                        .set("proposer_email", to: SQLLiteral.null)
                        .set("personal_data_erased_at", to: SQLBind(stamp))
                        .where("id", .equal, SQLBind(try row.decode(column: "id", as: String.self))).run()
                }
                return rows.count
            }
            erased += count
            if count < Self.chunk { return erased }
        }
    }
}
