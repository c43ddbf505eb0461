import Foundation
import Hummingbird
import Mustache

/// `/admin/courriels`: what the app sent or is trying to send, with delivery failures, for
/// administrators. Bodies are never shown: they hold single-use links.
struct OutboxController: Sendable {
    let web: WebController
    let outbox: Outbox

    struct Row: Sendable {
        var id: Int
        var kind: String
        var to: String
        var subject: String
        var status: String
        var failed: Bool
        var attempts: Int
        var lastError: String?
        var created: String
        var sent: String
        var nextAttempt: String?
    }

    struct OutboxPage: Sendable {
        var frame: StaffFrame
        var rows: [Row]
        var empty: Bool
        var failures: Int
    }

    func addRoutes(to routes: GuardedRoutes) {
        routes.get(.outbox) { _, context, identity in
            let rows = try await outbox.recent(limit: 200).map { entry in
                Row(id: entry.id, kind: entry.kind.rawValue, to: entry.to, subject: entry.subject,
                    status: entry.status == .sent ? "envoyé" : entry.status == .failed ? "échec définitif" : (entry.attempts > 0 ? "nouvel essai prévu" : "en attente"),
                    failed: entry.status == .failed, attempts: entry.attempts, lastError: entry.lastError,
                    created: StaffDates.text(entry.createdAt), sent: StaffDates.text(entry.sentAt),
                    nextAttempt: entry.status == .pending ? StaffDates.text(entry.nextAttemptAt) : nil)
            }
            let model = OutboxPage(frame: StaffFrame(web.context(.fr, context), title: "Courriels envoyés", path: Route.outbox.path(), csrf: identity.csrfToken ?? ""),
                                   rows: rows, empty: rows.isEmpty, failures: rows.filter(\.failed).count)
            return try web.renderer.staff(model, template: "outbox")
        }
    }
}

// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension OutboxController.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "kind": self.kind
        case "to": self.to
        case "subject": self.subject
        case "status": self.status
        case "failed": self.failed
        case "attempts": self.attempts
        case "lastError": self.lastError
        case "created": self.created
        case "sent": self.sent
        case "nextAttempt": self.nextAttempt
        default: nil
        }
    }
}

extension OutboxController.OutboxPage: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "rows": self.rows
        case "empty": self.empty
        case "failures": self.failures
        default: nil
        }
    }
}
