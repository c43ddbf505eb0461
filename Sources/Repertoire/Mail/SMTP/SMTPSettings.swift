import Foundation

/// How to reach the SMTP server, parsed from `REPERTOIRE_SMTP_URL`:
///
/// - `smtp://user:password@host:587` — STARTTLS, required (the default);
/// - `smtps://user:password@host:465` — TLS from the first byte ("implicit TLS");
/// - query options: `starttls=required|opportunistic|none`, `tls-verify=false` (accept any
///   certificate: tests only), `tls-ca=/path/ca.pem` (trust this CA instead of the system's),
///   `helo=name` (the name given in EHLO; by default the sender address's domain),
///   `timeout=seconds` (each connection step and reply; default 30).
///
/// User and password are percent-decoded (`%40` for an @ in a user name).
public struct SMTPSettings: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// False only in tests against a server with a self-signed certificate.
    public var verifyCertificate = true
    /// A PEM file of certificates to trust instead of the system's.
    public var trustedCAFile: String?
    public var heloName: String?
    public var timeoutSeconds: Double = 30

    public enum Security: String, Sendable, Equatable {
        /// STARTTLS must be offered and succeed, or nothing is sent.
        case startTLSRequired = "required"
        /// STARTTLS when the server offers it, plain text otherwise.
        case startTLSOpportunistic = "opportunistic"
        /// Plain text throughout (a local test server).
        case none
        /// TLS from the first byte (`smtps://`).
        case implicitTLS = "implicit"
    }

    public init(host: String, port: Int, security: Security, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
    }

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func parse(_ raw: String) throws(ParseError) -> SMTPSettings {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let shown = DatabaseLocation.redact(text)
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), ["smtp", "smtps"].contains(scheme) else {
            throw ParseError(description: "'\(shown)' must look like smtp://user:password@host:587 or smtps://user:password@host:465")
        }
        guard let host = url.host, !host.isEmpty else {
            throw ParseError(description: "'\(shown)' names no host (smtp://host:587)")
        }
        let implicit = scheme == "smtps"
        var settings = SMTPSettings(host: host, port: url.port ?? (implicit ? 465 : 587),
                                    security: implicit ? .implicitTLS : .startTLSRequired)
        if let user = url.user, !user.isEmpty {
            settings.username = user.removingPercentEncoding ?? user
            settings.password = url.password?.removingPercentEncoding ?? url.password ?? ""
        } else if url.password != nil {
            throw ParseError(description: "'\(shown)' has a password but no user name")
        }
        for item in url.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "starttls":
                guard !implicit else {
                    throw ParseError(description: "starttls does not apply to smtps:// (TLS from the start); use smtp:// with starttls=\(value)")
                }
                guard let mode = Security(rawValue: value), mode != .implicitTLS else {
                    throw ParseError(description: "starttls=\(value) must be required, opportunistic or none")
                }
                settings.security = mode
            case "tls-verify":
                guard let flag = ["true": true, "1": true, "false": false, "0": false][value.lowercased()] else {
                    throw ParseError(description: "tls-verify=\(value) must be true or false")
                }
                settings.verifyCertificate = flag
            case "tls-ca":
                guard !value.isEmpty, FileManager.default.isReadableFile(atPath: value) else {
                    throw ParseError(description: "tls-ca=\(value): no readable certificate file there")
                }
                settings.trustedCAFile = value
            case "helo":
                guard !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-.[]:".contains($0)) }) else {
                    throw ParseError(description: "helo=\(value) must be a host name")
                }
                settings.heloName = value
            case "timeout":
                guard let seconds = Double(value), seconds > 0, seconds <= 600 else {
                    throw ParseError(description: "timeout=\(value) must be a number of seconds between 0 and 600")
                }
                settings.timeoutSeconds = seconds
            default:
                throw ParseError(description: "unknown option '\(item.name)' in '\(shown)' (starttls, tls-verify, tls-ca, helo, timeout)")
            }
        }
        return settings
    }

    /// Without the password, fit for logs.
    public var description: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        let user = username.map { "\($0)@" } ?? ""
        var options: [String] = []
        if security != .implicitTLS && security != .startTLSRequired { options.append("starttls=\(security.rawValue)") }
        if !verifyCertificate { options.append("tls-verify=false") }
        if let trustedCAFile { options.append("tls-ca=\(trustedCAFile)") }
        return "\(scheme)://\(user)\(host):\(port)" + (options.isEmpty ? "" : "?" + options.joined(separator: "&"))
    }
}
