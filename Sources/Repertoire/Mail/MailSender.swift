/// Delivers one rendered message, or throws saying why not. The outbox calls it once per
/// attempt and records what it threw.
public protocol MailSender: Sendable {
    func deliver(_ mail: RenderedMail) async throws
}

/// An error that retrying will not cure (the server refused the recipient, say): the outbox
/// then gives up at once instead of backing off.
public protocol PermanentMailError: Error {
    var isPermanent: Bool { get }
}
