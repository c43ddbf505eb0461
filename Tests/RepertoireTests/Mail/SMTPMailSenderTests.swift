import Foundation
import NIOCore
import NIOPosix
import Testing
@testable import Repertoire

@Suite("Sending through a real SMTP server", .enabled(if: TestSMTPServer.shouldRun))
struct SMTPMailSenderTests {
    static let composer = MailComposer(from: try! MailAddress.parse("Répertoire <no-reply@repertoire.exemple.org>"))

    static func mail(to address: String = "julie@deneigement.exemple.org") -> RenderedMail {
        var message = MailComposerTests.message
        message.to = try! MailAddress(address, name: "Julie Tremblay-Bélanger")
        return composer.render(message, token: "test-\(UUID().uuidString.lowercased())", date: Date())
    }

    static func check(_ received: TestSMTPServer.Message, _ mail: RenderedMail) {
        #expect(received.mailFrom == "no-reply@repertoire.exemple.org")
        #expect(received.recipients == [mail.recipient])
        #expect(received.from == "Répertoire <no-reply@repertoire.exemple.org>")
        #expect(received.to == "Julie Tremblay-Bélanger <\(mail.recipient)>")
        #expect(received.subject == MailComposerTests.message.subject)
        #expect(received.messageID == "<\(mail.messageID)>")
        #expect(received.contentType == "text/plain" && received.charset == "utf-8")
        #expect(received.body == MailComposerTests.message.body + "\n")
        #expect(received.links == [MailComposerTests.longLink])
    }

    @Test("plain SMTP: recipient, subject, accents, dotted lines and a long link arrive intact")
    func plain() async throws {
        try await TestSMTPServer.with { server in
            let mail = Self.mail()
            try await SMTPMailSender(settings: try SMTPSettings.parse(server.url)).deliver(mail)
            let received = try await server.waitForMessages(count: 1)
            #expect(received.count == 1)
            Self.check(received[0], mail)
            #expect(!received[0].tls)
        }
    }

    @Test("STARTTLS with AUTH, trusting the server's own certificate")
    func startTLS() async throws {
        try await TestSMTPServer.with(security: .startTLS, credentials: ("repertoire", "mot de passe é")) { server in
            let mail = Self.mail()
            try await SMTPMailSender(settings: server.settings).deliver(mail)
            let received = try await server.waitForMessages(count: 1)
            Self.check(received[0], mail)
            #expect(received[0].tls && received[0].authenticated)

            // The same server, with the URL form of the settings and a wrong password.
            var wrong = server.settings
            wrong.password = "faux"
            await #expect {
                try await SMTPMailSender(settings: wrong).deliver(mail)
            } throws: { error in
                let error = error as? SMTPError
                return error?.description.contains("AUTH") == true && error?.description.contains("535") == true && !(error?.isPermanent ?? true)
                    && error?.description.contains("faux") == false
            }
        }
    }

    @Test("STARTTLS refuses a certificate it cannot trust, unless told not to check")
    func untrustedCertificate() async throws {
        try await TestSMTPServer.with(security: .startTLS) { server in
            var settings = server.settings
            settings.trustedCAFile = nil
            await #expect {
                try await SMTPMailSender(settings: settings).deliver(Self.mail())
            } throws: { error in
                if case .tls = error as? SMTPError { return true }
                return false
            }
            #expect(try server.messages().isEmpty)
            settings.verifyCertificate = false
            try await SMTPMailSender(settings: settings).deliver(Self.mail())
            #expect(try await server.waitForMessages(count: 1).count == 1)
        }
    }

    @Test("implicit TLS (smtps://)")
    func implicitTLS() async throws {
        try await TestSMTPServer.with(security: .implicitTLS, credentials: ("repertoire", "secret")) { server in
            let mail = Self.mail()
            try await SMTPMailSender(settings: try SMTPSettings.parse(server.url)).deliver(mail)
            let received = try await server.waitForMessages(count: 1)
            Self.check(received[0], mail)
            #expect(received[0].tls && received[0].authenticated)
        }
    }

    @Test("STARTTLS required but not offered: nothing is sent")
    func startTLSMissing() async throws {
        try await TestSMTPServer.with { server in
            var settings = server.settings
            settings.security = .startTLSRequired
            await #expect {
                try await SMTPMailSender(settings: settings).deliver(Self.mail())
            } throws: { error in
                if case .startTLSUnavailable = error as? SMTPError { return true }
                return false
            }
            settings.security = .startTLSOpportunistic
            try await SMTPMailSender(settings: settings).deliver(Self.mail())
            #expect(try await server.waitForMessages(count: 1).count == 1)
        }
    }

    @Test("a password goes in clear only when starttls=none says so")
    func credentialsWithoutTLS() async throws {
        try await TestSMTPServer.with(credentials: ("repertoire", "secret")) { server in
            var settings = server.settings
            settings.security = .startTLSOpportunistic
            await #expect {
                try await SMTPMailSender(settings: settings).deliver(Self.mail())
            } throws: { error in
                if case .startTLSUnavailable = error as? SMTPError { return true }
                return false
            }
            #expect(try server.messages().isEmpty)
            settings.security = .none
            try await SMTPMailSender(settings: settings).deliver(Self.mail())
            #expect(try await server.waitForMessages(count: 1).first?.authenticated == true)
        }
    }

    @Test("a refused recipient is a permanent error quoting the server")
    func refusedRecipient() async throws {
        try await TestSMTPServer.with(rejectRecipient: "inconnu@exemple.org") { server in
            await #expect {
                try await SMTPMailSender(settings: server.settings).deliver(Self.mail(to: "inconnu@exemple.org"))
            } throws: { error in
                let error = error as? SMTPError
                return error?.isPermanent == true && error?.description.contains("550 5.1.1") == true
                    && error?.description.contains("RCPT TO:<inconnu@exemple.org>") == true
            }
        }
    }
}

@Suite("SMTP without a server")
struct SMTPFailureTests {
    @Test("dot-stuffing doubles a leading dot on every line")
    func dotStuffing() {
        #expect(SMTPMailSender.dotStuffed(".a\r\nb\r\n.\r\n..c\r\n") == "..a\r\nb\r\n..\r\n...c\r\n")
        #expect(SMTPMailSender.dotStuffed("a") == "a\r\n")
    }

    @Test("nobody listening: a connection error naming the server")
    func refused() async throws {
        // A port that was free a moment ago.
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress!.port!
        try await channel.close().get()
        var settings = SMTPSettings(host: "127.0.0.1", port: port, security: .none)
        settings.timeoutSeconds = 5
        await #expect {
            try await SMTPMailSender(settings: settings).deliver(SMTPMailSenderTests.mail())
        } throws: { error in
            (error as? SMTPError)?.description.contains("127.0.0.1:\(port)") == true
        }
    }

    @Test("a server that never answers: a timeout, not a hang")
    func silent() async throws {
        // Accepts connections and says nothing.
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        var settings = SMTPSettings(host: "127.0.0.1", port: server.localAddress!.port!, security: .none)
        settings.timeoutSeconds = 0.5
        let started = ContinuousClock.now
        await #expect {
            try await SMTPMailSender(settings: settings).deliver(SMTPMailSenderTests.mail())
        } throws: { error in
            if case .timeout(let step, _) = error as? SMTPError { return step == "the greeting" }
            return false
        }
        // The timeout error above is the proof; this bound only tells a hang from a loaded machine
        // (7.8 s were seen on 2 cores with the whole suite running).
        #expect(ContinuousClock.now - started < .seconds(60))
        try await server.close().get()
    }
}
