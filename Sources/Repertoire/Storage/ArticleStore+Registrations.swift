import Foundation
import SQLKit

extension ArticleStore {
    enum RegistrationOutcome: Sendable, Equatable {
        case registered(TrainingRegistration)
        /// This address already holds a seat or a place in line.
        case alreadyRegistered(TrainingRegistration.Status)
    }

    /// Registers under the change log's lock, so that registrations to one training are decided
    /// one at a time on either database: confirmed while seats remain, waiting after. The e-mail
    /// (which depends on that outcome) is queued in the same transaction.
    func register(_ draft: TrainingRegistration, capacity: Int, tokenHash: String, now: Date,
                  mail: @escaping @Sendable (TrainingRegistration) -> [MailDraft], queue: any MailQueue) async throws -> RegistrationOutcome {
        try await database.loggedUnitOfWork(now: now) { work, _ in
            let sql = work.sql
            let existing = try await sql.raw("""
                SELECT id, status FROM training_registrations WHERE article_id = \(bind: draft.articleID) AND email = \(bind: draft.email)
                """).first()
            if let existing, let status = TrainingRegistration.Status(rawValue: try existing.decode(column: "status", as: String.self)), status != .cancelled {
                return .alreadyRegistered(status)
            }
            let confirmed = try await sql.raw("""
                SELECT COUNT(*) AS n FROM training_registrations WHERE article_id = \(bind: draft.articleID) AND status = 'confirmed'
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            var registration = draft
            registration.status = confirmed < capacity ? .confirmed : .waiting
            registration.createdAt = now
            registration.updatedAt = now
            let stamp = Timestamp.string(from: now)
            if let existing {
                // Registering again after cancelling: at the end of the line, like anyone new.
                registration.id = try existing.decode(column: "id", as: String.self)
                try await sql.raw("""
                    UPDATE training_registrations SET name = \(bind: registration.name), city = \(bind: registration.city),
                        status = \(bind: registration.status.rawValue), cancel_token_hash = \(bind: tokenHash), created_at = \(bind: stamp), updated_at = \(bind: stamp)
                    WHERE id = \(bind: registration.id)
                    """).run()
            } else {
                try await sql.raw("""
                    INSERT INTO training_registrations (id, article_id, name, email, city, status, cancel_token_hash, created_at, updated_at)
                    VALUES (\(bind: registration.id), \(bind: registration.articleID), \(bind: registration.name), \(bind: registration.email),
                            \(bind: registration.city), \(bind: registration.status.rawValue), \(bind: tokenHash), \(bind: stamp), \(bind: stamp))
                    """).run()
            }
            for draft in mail(registration) { try await work.send(draft, through: queue) }
            return .registered(registration)
        }
    }

    enum CancellationOutcome: Sendable, Equatable {
        case unknown
        case alreadyCancelled(TrainingRegistration)
        /// Cancelled; `promoted` is the person waiting who got the freed seat.
        case cancelled(TrainingRegistration, promoted: TrainingRegistration?)
    }

    /// Cancels the registration holding this link; a freed seat goes to the first person
    /// waiting, whose e-mail is queued in the same transaction.
    func cancelRegistration(tokenHash: String, now: Date, mail: @escaping @Sendable (TrainingRegistration) -> [MailDraft],
                            queue: any MailQueue) async throws -> CancellationOutcome {
        try await database.loggedUnitOfWork(now: now) { work, _ in
            let sql = work.sql
            guard let row = try await sql.raw("SELECT \(unsafeRaw: Self.registrationColumns) FROM training_registrations WHERE cancel_token_hash = \(bind: tokenHash)").first()
            else { return .unknown }
            var registration = try Self.decodeRegistration(row)
            guard registration.status != .cancelled else { return .alreadyCancelled(registration) }
            let stamp = Timestamp.string(from: now)
            let freed = registration.status == .confirmed
            try await sql.raw("UPDATE training_registrations SET status = 'cancelled', updated_at = \(bind: stamp) WHERE id = \(bind: registration.id)").run()
            registration.status = .cancelled
            registration.updatedAt = now
            guard freed, let next = try await sql.raw("""
                SELECT \(unsafeRaw: Self.registrationColumns) FROM training_registrations
                WHERE article_id = \(bind: registration.articleID) AND status = 'waiting' ORDER BY created_at, id LIMIT 1
                """).first() else { return .cancelled(registration, promoted: nil) }
            var promoted = try Self.decodeRegistration(next)
            try await sql.raw("UPDATE training_registrations SET status = 'confirmed', updated_at = \(bind: stamp) WHERE id = \(bind: promoted.id)").run()
            promoted.status = .confirmed
            promoted.updatedAt = now
            for draft in mail(promoted) { try await work.send(draft, through: queue) }
            return .cancelled(registration, promoted: promoted)
        }
    }

    /// A training's registrations: confirmed, then waiting, then cancelled, each in arrival order.
    func registrations(articleID: String) async throws -> [TrainingRegistration] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT \(unsafeRaw: Self.registrationColumns) FROM training_registrations WHERE article_id = \(bind: articleID) ORDER BY created_at, id
                """).all().map(Self.decodeRegistration)
        }.sorted { Self.order($0.status) < Self.order($1.status) }
    }

    func registration(tokenHash: String) async throws -> TrainingRegistration? {
        try await database.read { sql in
            try await sql.raw("SELECT \(unsafeRaw: Self.registrationColumns) FROM training_registrations WHERE cancel_token_hash = \(bind: tokenHash)")
                .first().map(Self.decodeRegistration)
        }
    }

    /// Seats taken and people waiting.
    func registrationCounts(articleID: String) async throws -> (confirmed: Int, waiting: Int) {
        try await database.read { sql in
            var counts = (confirmed: 0, waiting: 0)
            for row in try await sql.raw("""
                SELECT status, COUNT(*) AS n FROM training_registrations WHERE article_id = \(bind: articleID) GROUP BY status
                """).all() {
                let n = try row.decode(column: "n", as: Int.self)
                switch try row.decode(column: "status", as: String.self) {
                case "confirmed": counts.confirmed = n
                case "waiting": counts.waiting = n
                default: break
                }
            }
            return counts
        }
    }

    private static func order(_ status: TrainingRegistration.Status) -> Int {
        switch status {
        case .confirmed: 0
        case .waiting: 1
        case .cancelled: 2
        }
    }

    static let registrationColumns = "id, article_id, name, email, city, status, created_at, updated_at"

    static func decodeRegistration(_ row: any SQLRow) throws -> TrainingRegistration {
        TrainingRegistration(
            id: try row.decode(column: "id", as: String.self), articleID: try row.decode(column: "article_id", as: String.self),
            name: try row.decode(column: "name", as: String.self), email: try row.decode(column: "email", as: String.self),
            city: try row.decode(column: "city", as: String.self),
            status: TrainingRegistration.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .cancelled,
            createdAt: Timestamp.date(from: try row.decode(column: "created_at", as: String.self)) ?? .distantPast,
            updatedAt: Timestamp.date(from: try row.decode(column: "updated_at", as: String.self)) ?? .distantPast)
    }
}
