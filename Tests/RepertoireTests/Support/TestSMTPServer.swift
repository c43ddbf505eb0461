import Foundation
@testable import Repertoire

/// A real SMTP server for tests: aiosmtpd (scripts/smtp_test_server.py) on 127.0.0.1, on a free
/// port, keeping every message it receives. Python's own e-mail package decodes each message, so
/// a test reads back what a mail program would show.
///
/// The Python comes from REPERTOIRE_TEST_PYTHON (scripts/test points it at .venv, which holds
/// aiosmtpd). Without it the SMTP tests are skipped (`.enabled(if: TestSMTPServer.shouldRun)`),
/// unless REPERTOIRE_REQUIRE_SMTP=1 (set by scripts/test): then they fail, as PostgreSQL's do.
///
///     try await TestSMTPServer.with { server in
///         configuration.mailTransport = .smtp(server.settings)
///         …
///         let mail = try await server.waitForMessages(count: 1)[0]
///         #expect(mail.recipients == ["julie@exemple.org"])
///         let link = try #require(mail.links.first)
///     }
final class TestSMTPServer: @unchecked Sendable {
    /// A message as received.
    struct Message: Sendable, Decodable {
        /// The envelope: MAIL FROM and RCPT TO.
        var mailFrom: String
        var recipients: [String]
        /// The headers, decoded (`Répertoire <no-reply@localhost>`, accents restored).
        var from: String
        var to: String
        var subject: String
        var messageID: String
        var contentType: String
        var charset: String?
        /// The plain-text body, decoded, with `\n` line ends.
        var body: String
        /// The message as it came over the wire (CRLF line ends, encodings in place).
        var raw: String
        /// Whether it came over TLS, and after AUTH.
        var tls: Bool
        var authenticated: Bool

        /// The http(s) links of the body, in order.
        var links: [String] {
            body.split(whereSeparator: { $0.isWhitespace || $0 == "<" || $0 == ">" })
                .filter { $0.hasPrefix("http://") || $0.hasPrefix("https://") }.map(String.init)
        }

        enum CodingKeys: String, CodingKey {
            case mailFrom = "mail_from", recipients = "rcpt_tos", from, to, subject, messageID = "message_id"
            case contentType = "content_type", charset, body, raw, tls, authenticated
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            mailFrom = try c.decode(String.self, forKey: .mailFrom)
            recipients = try c.decode([String].self, forKey: .recipients)
            from = try c.decode(String.self, forKey: .from)
            to = try c.decode(String.self, forKey: .to)
            subject = try c.decode(String.self, forKey: .subject)
            messageID = try c.decode(String.self, forKey: .messageID)
            contentType = try c.decode(String.self, forKey: .contentType)
            charset = try c.decodeIfPresent(String.self, forKey: .charset)
            body = (try c.decodeIfPresent(String.self, forKey: .body) ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            raw = try c.decode(String.self, forKey: .raw)
            tls = try c.decode(Bool.self, forKey: .tls)
            authenticated = try c.decode(Bool.self, forKey: .authenticated)
        }
    }

    enum Security: Sendable {
        /// Plain text (`starttls=none`).
        case none
        /// STARTTLS offered and required, with a self-signed certificate made for the run.
        case startTLS
        /// TLS from the first byte (`smtps://`).
        case implicitTLS
    }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int
    let security: Security
    let credentials: (user: String, password: String)?
    /// The self-signed certificate (PEM) the server presents with TLS; trust it as a CA.
    let certificateFile: String?
    private let folder: URL
    private let process: Process
    private let input: Pipe

    static var python: String? {
        let value = ProcessInfo.processInfo.environment["REPERTOIRE_TEST_PYTHON"]
        return value?.isEmpty == false ? value : nil
    }

    static var required: Bool { ProcessInfo.processInfo.environment["REPERTOIRE_REQUIRE_SMTP"] == "1" }

    /// For `@Test(.enabled(if: TestSMTPServer.shouldRun))`.
    static var shouldRun: Bool { python != nil || required }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/smtp_test_server.py")

    /// Starts a server, runs `body`, and stops the server however `body` ends.
    @discardableResult
    static func with<T: Sendable>(security: Security = .none, credentials: (user: String, password: String)? = nil,
                                  rejectRecipient: String? = nil, _ body: (TestSMTPServer) async throws -> T) async throws -> T {
        let server = try await start(security: security, credentials: credentials, rejectRecipient: rejectRecipient)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    static func start(security: Security = .none, credentials: (user: String, password: String)? = nil,
                      rejectRecipient: String? = nil) async throws -> TestSMTPServer {
        guard let python else {
            throw Unavailable(description: "REPERTOIRE_TEST_PYTHON is not set (a python with aiosmtpd): run the tests with scripts/test")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("repertoire-smtp-\(UUID().uuidString)")
        let messages = folder.appendingPathComponent("messages")
        try FileManager.default.createDirectory(at: messages, withIntermediateDirectories: true)
        var arguments = [script.path, "--dir", messages.path]
        var certificate: String?
        if security != .none {
            let (cert, key) = try makeCertificate(in: folder)
            certificate = cert
            arguments += ["--tls-cert", cert, "--tls-key", key]
            if security == .implicitTLS { arguments.append("--implicit-tls") }
        }
        if let credentials { arguments += ["--auth", "\(credentials.user):\(credentials.password)"] }
        if let rejectRecipient { arguments += ["--reject-rcpt", rejectRecipient] }

        let output = folder.appendingPathComponent("stdout"), errors = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        // The server stops when this pipe closes, so it cannot outlive a crashed test run.
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()

        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PORT ") }), let port = Int(line.dropFirst(5)) {
                return TestSMTPServer(port: port, security: security, credentials: credentials, certificateFile: certificate,
                                      folder: folder, process: process, input: input)
            }
            if !process.isRunning {
                let log = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
                try? FileManager.default.removeItem(at: folder)
                throw Unavailable(description: "the test SMTP server did not start (is aiosmtpd installed for \(python)?):\n\(log.suffix(2000))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw Unavailable(description: "the test SMTP server did not start within 30 s")
    }

    private init(port: Int, security: Security, credentials: (user: String, password: String)?, certificateFile: String?,
                 folder: URL, process: Process, input: Pipe) {
        self.port = port
        self.security = security
        self.credentials = credentials
        self.certificateFile = certificateFile
        self.folder = folder
        self.process = process
        self.input = input
    }

    /// Settings that reach this server, trusting its certificate.
    var settings: SMTPSettings {
        var settings = SMTPSettings(host: "127.0.0.1", port: port, security: security == .none ? .none : security == .startTLS
            ? .startTLSRequired : .implicitTLS, username: credentials?.user, password: credentials?.password)
        settings.trustedCAFile = certificateFile
        settings.timeoutSeconds = 10
        return settings
    }

    /// The same as a REPERTOIRE_SMTP_URL value.
    var url: String {
        let user = credentials.map {
            "\($0.user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed)!):\($0.password.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed)!)@"
        } ?? ""
        switch security {
        case .none: return "smtp://\(user)127.0.0.1:\(port)?starttls=none"
        case .startTLS: return "smtp://\(user)127.0.0.1:\(port)?starttls=required&tls-ca=\(certificateFile!)"
        case .implicitTLS: return "smtps://\(user)127.0.0.1:\(port)?tls-ca=\(certificateFile!)"
        }
    }

    /// Every message received so far, in order of arrival.
    func messages() throws -> [Message] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("messages").path)
            .filter { $0.hasSuffix(".json") }.sorted()
        return try files.map { name in
            let data = try Data(contentsOf: folder.appendingPathComponent("messages").appendingPathComponent(name))
            return try JSONDecoder().decode(Message.self, from: data)
        }
    }

    /// Waits until at least `count` messages arrived (delivery is asynchronous), and returns them all.
    func waitForMessages(count: Int, timeout: Duration = .seconds(10)) async throws -> [Message] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let received = try messages()
            if received.count >= count { return received }
            guard ContinuousClock.now < deadline else {
                throw Unavailable(description: "expected \(count) message(s), the test SMTP server received \(received.count) within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    func stop() async {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        for _ in 0..<100 where process.isRunning {
            try? await Task.sleep(for: .milliseconds(50))
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// A self-signed certificate for 127.0.0.1 and localhost, valid for a day.
    private static func makeCertificate(in folder: URL) throws -> (certificate: String, key: String) {
        let cert = folder.appendingPathComponent("cert.pem").path, key = folder.appendingPathComponent("key.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else {
            throw Unavailable(description: "openssl could not make a test certificate (is openssl installed?)")
        }
        return (cert, key)
    }
}
