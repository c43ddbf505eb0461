import Foundation
import NIOCore
import NIOSSL

/// Sends through an SMTP server (RFC 5321): one connection per message, with STARTTLS or
/// implicit TLS and AUTH PLAIN or LOGIN as configured.
public struct SMTPMailSender: MailSender {
    public let settings: SMTPSettings
    private let tlsContext: NIOSSLContext?

    public init(settings: SMTPSettings) throws {
        self.settings = settings
        if settings.security == .none {
            tlsContext = nil
        } else {
            var tls = TLSConfiguration.makeClientConfiguration()
            if !settings.verifyCertificate { tls.certificateVerification = .none }
            if let file = settings.trustedCAFile { tls.trustRoots = .file(file) }
            do {
                tlsContext = try NIOSSLContext(configuration: tls)
            } catch {
                throw SMTPError.tls("cannot set up TLS (\(settings.trustedCAFile.map { "tls-ca=\($0)" } ?? "system certificates")): \(error)")
            }
        }
    }

    /// SNI takes host names only; for an address the certificate is checked against the address.
    private var serverHostname: String? {
        (try? SocketAddress(ipAddress: settings.host, port: 0)) == nil ? settings.host : nil
    }

    public func deliver(_ mail: RenderedMail) async throws {
        for address in [mail.sender, mail.recipient] where address.contains(where: { $0.isNewline || $0 == "<" || $0 == ">" }) {
            throw SMTPError.malformedReply("refusing to send to or from '\(address)'")
        }
        var implicitTLS: (context: NIOSSLContext, serverHostname: String?)?
        if settings.security == .implicitTLS, let tlsContext { implicitTLS = (tlsContext, serverHostname) }
        let connection = try await SMTPConnection.connect(host: settings.host, port: settings.port,
                                                         timeoutSeconds: settings.timeoutSeconds, implicitTLS: implicitTLS)
        do {
            try await converse(connection, mail)
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
    }

    private func converse(_ connection: SMTPConnection, _ mail: RenderedMail) async throws {
        try expect(await connection.reply(step: "the greeting"), 220, step: "the greeting")
        let helo = settings.heloName ?? mail.sender.split(separator: "@").last.map(String.init) ?? "localhost"
        var extensions = try await hello(connection, helo)

        var encrypted = settings.security == .implicitTLS
        let wantsTLS = settings.security == .startTLSRequired || (settings.security == .startTLSOpportunistic && extensions.startTLS)
        if wantsTLS, let tlsContext {
            guard extensions.startTLS else { throw SMTPError.startTLSUnavailable(host: settings.host) }
            try expect(await connection.command("STARTTLS", step: "STARTTLS"), 220, step: "STARTTLS")
            try await connection.startTLS(context: tlsContext, serverHostname: serverHostname)
            encrypted = true
            // RFC 3207: everything learnt before TLS is forgotten, so greet again.
            extensions = try await hello(connection, helo)
        }

        if let username = settings.username {
            // Opportunistic STARTTLS that the server did not offer must not put the password on
            // the wire in clear; only an explicit starttls=none (a local test server) may.
            guard encrypted || settings.security == .none else { throw SMTPError.startTLSUnavailable(host: settings.host) }
            try await authenticate(connection, username: username, password: settings.password ?? "", offered: extensions.auth)
        }

        try expect(await connection.command("MAIL FROM:<\(mail.sender)>", step: "MAIL FROM:<\(mail.sender)>"), 250, step: "MAIL FROM:<\(mail.sender)>")
        let rcpt = "RCPT TO:<\(mail.recipient)>"
        try expect(await connection.command(rcpt, step: rcpt), 250, 251, step: rcpt)
        try expect(await connection.command("DATA", step: "DATA"), 354, step: "DATA")
        connection.write(Self.dotStuffed(mail.data) + ".\r\n")
        // RFC 5321 gives the server 10 minutes here; a few timeouts' worth is plenty for our sizes.
        try expect(await connection.reply(step: "end of DATA", timeoutFactor: 4), 250, step: "end of DATA")
        // The message is accepted: a failing QUIT changes nothing.
        _ = try? await connection.command("QUIT", step: "QUIT")
    }

    private struct Extensions {
        var startTLS = false
        var auth: [String] = []
    }

    private func hello(_ connection: SMTPConnection, _ name: String) async throws -> Extensions {
        let reply = try await connection.command("EHLO \(name)", step: "EHLO")
        try expect(reply, 250, step: "EHLO")
        var extensions = Extensions()
        for line in reply.lines.dropFirst() {
            let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            switch words.first {
            case "STARTTLS": extensions.startTLS = true
            case "AUTH": extensions.auth += words.dropFirst()
            default: break
            }
        }
        return extensions
    }

    private func authenticate(_ connection: SMTPConnection, username: String, password: String, offered: [String]) async throws {
        if offered.contains("PLAIN") {
            let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
            try expect(await connection.command("AUTH PLAIN \(token)", step: "AUTH PLAIN"), 235, step: "AUTH PLAIN (user \(username))")
        } else if offered.contains("LOGIN") {
            try expect(await connection.command("AUTH LOGIN", step: "AUTH LOGIN"), 334, step: "AUTH LOGIN")
            try expect(await connection.command(Data(username.utf8).base64EncodedString(), step: "AUTH LOGIN (user name)"), 334,
                       step: "AUTH LOGIN (user name)")
            try expect(await connection.command(Data(password.utf8).base64EncodedString(), step: "AUTH LOGIN (password)"), 235,
                       step: "AUTH LOGIN (user \(username))")
        } else {
            throw SMTPError.authUnavailable(offered: offered.joined(separator: " "))
        }
    }

    private func expect(_ reply: SMTPReply, _ codes: Int..., step: String) throws {
        guard codes.contains(reply.code) else { throw SMTPError.rejected(step: step, reply: reply.description, code: reply.code) }
    }

    /// RFC 5321 §4.5.2: a line that starts with a dot gets a second one, so that no line of the
    /// message reads as the end-of-data marker.
    static func dotStuffed(_ data: String) -> String {
        var text = data.replacingOccurrences(of: "\r\n.", with: "\r\n..")
        if text.hasPrefix(".") { text = "." + text }
        if !text.hasSuffix("\r\n") { text += "\r\n" }
        return text
    }
}
