import Foundation
import SQLKit

/// An email to send: the account flows write these, the outbox delivers them.
public struct MailDraft: Sendable, Equatable {
    public var to: String
    public var subject: String
    public var body: String
    /// `invitation`, `password-reset`, `confirmation`…: for the outbox's list and the logs.
    public var kind: String
    /// Headers beyond the usual ones (`List-Unsubscribe`…); see ``MailHeader``.
    public var headers: [MailHeader]
    /// What the message is about (`call:ID:ENTERPRISE`), so its delivery can be followed.
    public var reference: String?
    /// Files sent with the text (a training's `.ics`).
    public var attachments: [MailAttachment]

    public init(to: String, subject: String, body: String, kind: String, headers: [MailHeader] = [], reference: String? = nil,
                attachments: [MailAttachment] = []) {
        self.to = to
        self.subject = subject
        self.body = body
        self.kind = kind
        self.headers = headers
        self.reference = reference
        self.attachments = attachments
    }
}

/// Where drafts go, inside the transaction that made them: an invitation and its email are
/// committed together or not at all.
public protocol MailQueue: Sendable {
    func enqueue(_ draft: MailDraft, now: Date, on sql: any SQLDatabase) async throws
}
