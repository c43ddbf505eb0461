/// Where e-mail goes, from the configuration.
public enum MailTransport: Sendable, Equatable, CustomStringConvertible {
    /// Through an SMTP server (production).
    case smtp(SMTPSettings)
    /// As `.eml` files in a folder (development and tests): nothing leaves the machine.
    case directory(String)

    /// The sender for this transport.
    public func makeSender() throws -> any MailSender {
        switch self {
        case .smtp(let settings): try SMTPMailSender(settings: settings)
        case .directory(let path): try FileMailSender(directory: path)
        }
    }

    /// The setting that chose this transport, for error messages.
    var settingName: String {
        switch self {
        case .smtp: "REPERTOIRE_SMTP_URL"
        case .directory: "REPERTOIRE_MAIL_DIR"
        }
    }

    /// Fit for logs: no password.
    public var description: String {
        switch self {
        case .smtp(let settings): settings.description
        case .directory(let path): "folder \(path)"
        }
    }
}
