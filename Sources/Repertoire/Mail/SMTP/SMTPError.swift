/// Why an SMTP delivery failed. Descriptions quote the server's reply, and never a password or
/// the message's text.
public enum SMTPError: Error, Sendable, CustomStringConvertible, PermanentMailError {
    case connect(host: String, port: Int, reason: String)
    /// No reply within the configured time.
    case timeout(step: String, seconds: Double)
    /// The server closed the connection before answering.
    case connectionClosed(step: String)
    case malformedReply(String)
    /// The server answered a step with an error code.
    case rejected(step: String, reply: String, code: Int)
    /// STARTTLS is required (or credentials are to be sent), but the server does not offer it.
    case startTLSUnavailable(host: String)
    /// Credentials were configured, but the server offers no AUTH method we speak.
    case authUnavailable(offered: String)
    case tls(String)

    /// Retrying will not help: the server refused the sender, the recipient or the message for good.
    public var isPermanent: Bool {
        if case .rejected(let step, _, let code) = self {
            return code >= 500 && (step.hasPrefix("MAIL FROM") || step.hasPrefix("RCPT TO") || step.hasPrefix("end of DATA"))
        }
        return false
    }

    public var description: String {
        switch self {
        case .connect(let host, let port, let reason): "cannot connect to the SMTP server \(host):\(port): \(reason)"
        case .timeout(let step, let seconds): "the SMTP server did not answer \(step) within \(Int(seconds)) s"
        case .connectionClosed(let step): "the SMTP server closed the connection during \(step)"
        case .malformedReply(let line): "the SMTP server sent something that is not an SMTP reply: \(line.prefix(200))"
        case .rejected(let step, let reply, _): "the SMTP server refused \(step): \(reply)"
        case .startTLSUnavailable(let host):
            "\(host) does not offer STARTTLS, which the configuration requires to send (or to send the password): starttls=opportunistic without credentials, or none, sends in clear"
        case .authUnavailable(let offered):
            "credentials are configured but the SMTP server offers no AUTH PLAIN or LOGIN (it offers: \(offered.isEmpty ? "no AUTH at all; some servers offer it only after STARTTLS" : offered))"
        case .tls(let reason): "TLS with the SMTP server failed: \(reason)"
        }
    }
}
