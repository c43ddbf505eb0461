import Foundation
import SQLKit

/// The account flows' ``MailQueue`` in production: drafts go to the outbox in the caller's
/// transaction, and the delivery service is woken to send them.
public struct OutboxMailQueue: MailQueue {
    let delivery: OutboxDeliveryService?

    public init(delivery: OutboxDeliveryService) {
        self.delivery = delivery
    }

    /// Queues only: a running server delivers the messages (the command line uses this).
    public init() {
        delivery = nil
    }

    public func enqueue(_ draft: MailDraft, now: Date, on sql: any SQLDatabase) async throws {
        let message = OutgoingMessage(to: try MailAddress.parse(draft.to), subject: draft.subject, body: draft.body,
                                      kind: MailKind(rawValue: draft.kind), headers: draft.headers, reference: draft.reference,
                                      attachments: draft.attachments)
        try await Outbox.enqueue(message, now: now, on: sql)
        // The row is visible to the service once the caller's transaction commits, which is
        // still to come: ring now (SQLite's claim queues behind that transaction) and a moment
        // later (PostgreSQL's claim does not wait); the poll catches anything else.
        guard let delivery = self.delivery else { return }
        delivery.wake()
        Task {
            try? await Task.sleep(for: .milliseconds(200))
            delivery.wake()
        }
    }
}
