/// An e-mail the app wants sent: one recipient, a subject and a plain-text body (UTF-8, any
/// length of line). The sender's address comes from the configuration.
public struct OutgoingMessage: Sendable, Equatable {
    public var to: MailAddress
    public var subject: String
    /// Plain text; line breaks may be `\n` or `\r\n`.
    public var body: String
    public var kind: MailKind

    public init(to: MailAddress, subject: String, body: String, kind: MailKind) {
        self.to = to
        self.subject = subject
        self.body = body
        self.kind = kind
    }
}

/// Why a message is sent, kept with it in the outbox for the admin page and the logs.
public struct MailKind: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let invitation: MailKind = "invitation"
    public static let passwordReset: MailKind = "password-reset"
    public static let verification: MailKind = "verification"
}
