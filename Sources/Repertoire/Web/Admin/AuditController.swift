import Foundation
import Hummingbird
import Mustache

/// `/admin/journal`: the audit log, newest first, for administrators.
struct AuditController: Sendable {
    let web: WebController
    let audit: AuditLog

    struct Row: Sendable {
        var at: String
        var actor: String
        var action: String
        var target: String
        var detail: String
        var client: String
    }

    struct ActionChoice: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct AuditPage: Sendable {
        var frame: StaffFrame
        var rows: [Row]
        var actions: [ActionChoice]
        var olderURL: String?
        var empty: Bool
    }

    static let pageSize = 100

    func addRoutes(to routes: GuardedRoutes) {
        routes.get(.audit) { request, context, identity in
            let parameters = FormQuery.parameters(request)
            let action = parameters.first { $0.0 == "action" }.flatMap { $0.1.isEmpty ? nil : $0.1 }
            if let action, AuditLog.Action(rawValue: action) == nil {
                throw Problem(.badRequest, title: "Paramètre invalide", detail: "Paramètre « action » : « \(action) » n'est pas une action du journal.",
                              english: "Parameter 'action': '\(action)' is not an audit action.")
            }
            var before: Int64?
            if let text = parameters.first(where: { $0.0 == "avant" })?.1, !text.isEmpty {
                guard let value = Int64(text), value > 0 else {
                    throw Problem(.badRequest, title: "Paramètre invalide", detail: "Paramètre « avant » : « \(text) » n'est pas un numéro d'entrée.",
                                  english: "Parameter 'avant': '\(text)' is not an entry number.")
                }
                before = value
            }
            let entries = try await audit.entries(before: before, action: action, limit: Self.pageSize)
            let rows = entries.map { entry in
                Row(at: StaffDates.text(entry.at), actor: entry.actor, action: AuditLog.Action(rawValue: entry.action)?.label ?? entry.action,
                    target: entry.target, detail: entry.detail, client: entry.client)
            }
            var older: String?
            if entries.count == Self.pageSize, let last = entries.last {
                older = Route.audit.path() + "?avant=\(last.seq)" + (action.map { "&action=" + $0 } ?? "")
            }
            let model = AuditPage(frame: StaffFrame(web.context(.fr, context), title: "Journal d'audit", path: Route.audit.path(), csrf: identity.csrfToken ?? ""),
                                  rows: rows, actions: AuditLog.Action.allCases.map { ActionChoice(value: $0.rawValue, label: $0.label, selected: $0.rawValue == action) },
                                  olderURL: older, empty: rows.isEmpty)
            return try web.renderer.staff(model, template: "audit")
        }
    }
}

// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension AuditController.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "at": self.at
        case "actor": self.actor
        case "action": self.action
        case "target": self.target
        case "detail": self.detail
        case "client": self.client
        default: nil
        }
    }
}

extension AuditController.ActionChoice: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": self.value
        case "label": self.label
        case "selected": self.selected
        default: nil
        }
    }
}

extension AuditController.AuditPage: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "rows": self.rows
        case "actions": self.actions
        case "olderURL": self.olderURL
        case "empty": self.empty
        default: nil
        }
    }
}
