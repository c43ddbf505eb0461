import Foundation
import Testing
@testable import Repertoire

@Suite("E-mail settings")
struct MailConfigurationTests {
    @Test("SMTP URLs: schemes, default ports, STARTTLS modes, credentials")
    func smtpURLs() throws {
        let submission = try SMTPSettings.parse("smtp://no-reply%40exemple.org:p%40ss@smtp.exemple.org")
        #expect(submission.host == "smtp.exemple.org")
        #expect(submission.port == 587)
        #expect(submission.security == .startTLSRequired)
        #expect(submission.username == "no-reply@exemple.org")
        #expect(submission.password == "p@ss")
        #expect(submission.verifyCertificate)
        #expect(!submission.description.contains("p@ss") && !submission.description.contains("p%40ss"))

        let implicit = try SMTPSettings.parse("smtps://user:secret@mail.exemple.org")
        #expect(implicit.port == 465 && implicit.security == .implicitTLS)

        let local = try SMTPSettings.parse("smtp://127.0.0.1:1025?starttls=none&timeout=5&helo=test.local")
        #expect(local.security == .none && local.port == 1025 && local.username == nil)
        #expect(local.timeoutSeconds == 5 && local.heloName == "test.local")

        let opportunistic = try SMTPSettings.parse("smtp://relay:25?starttls=opportunistic&tls-verify=false")
        #expect(opportunistic.security == .startTLSOpportunistic && !opportunistic.verifyCertificate)
    }

    @Test("wrong SMTP URLs are refused with a reason", arguments: [
        ("http://smtp.exemple.org", "smtp://"),
        ("smtp://", "no host"),
        ("smtp://host?starttls=maybe", "required, opportunistic or none"),
        ("smtps://host?starttls=none", "does not apply"),
        ("smtp://host?tls-verify=perhaps", "true or false"),
        ("smtp://host?tls-ca=/nonexistent/ca.pem", "no readable certificate"),
        ("smtp://host?timeout=0", "seconds"),
        ("smtp://host?sslmode=require", "unknown option"),
    ])
    func badSMTPURLs(url: String, reason: String) {
        #expect {
            try SMTPSettings.parse(url)
        } throws: { error in
            (error as? SMTPSettings.ParseError)?.description.contains(reason) == true
        }
    }

    @Test("Configuration reads the mail settings, flags before environment")
    func configuration() throws {
        // defaults: a folder beside the database
        var configuration = try Configuration.resolve(flags: [:], environment: ["DATABASE_URL": "sqlite:///srv/rep/data.sqlite"])
        #expect(configuration.mailFrom.description == "Répertoire <no-reply@localhost>")
        #expect(configuration.mailTransport == nil)
        #expect(configuration.effectiveMailTransport == .directory("/srv/rep/mail"))
        configuration.database = .sqliteMemory
        #expect(configuration.effectiveMailTransport == .directory(FileManager.default.temporaryDirectory.appendingPathComponent("repertoire-mail").path))

        let smtp = try Configuration.resolve(flags: [:], environment: [
            "REPERTOIRE_SMTP_URL": "smtp://u:p@smtp.exemple.org:2525?starttls=opportunistic",
            "REPERTOIRE_MAIL_FROM": "Répertoire de l'économie sociale <bonjour@repertoire.exemple.org>",
        ])
        #expect(smtp.mailFrom.name == "Répertoire de l'économie sociale")
        guard case .smtp(let settings) = smtp.mailTransport else { Issue.record("expected SMTP"); return }
        #expect(settings.port == 2525 && settings.security == .startTLSOpportunistic)

        // a flag overrides the other kind of transport set in the environment
        let flagged = try Configuration.resolve(flags: ["REPERTOIRE_MAIL_DIR": "/tmp/courriels"],
                                                environment: ["REPERTOIRE_SMTP_URL": "smtp://smtp.exemple.org"])
        #expect(flagged.mailTransport == .directory("/tmp/courriels"))
    }

    @Test("wrong mail settings stop the start, naming the setting")
    func invalid() {
        let cases: [([String: String], [String: String], String)] = [
            ([:], ["REPERTOIRE_MAIL_FROM": "pas une adresse"], "REPERTOIRE_MAIL_FROM"),
            (["REPERTOIRE_MAIL_FROM": "x@"], [:], "--mail-from"),
            ([:], ["REPERTOIRE_SMTP_URL": "smtp://host?starttls=yes"], "REPERTOIRE_SMTP_URL"),
            ([:], ["REPERTOIRE_SMTP_URL": "smtp://host", "REPERTOIRE_MAIL_DIR": "/tmp/m"], "REPERTOIRE_SMTP_URL"),
        ]
        for (flags, environment, setting) in cases {
            #expect {
                try Configuration.resolve(flags: flags, environment: environment)
            } throws: { error in
                (error as? Configuration.Invalid)?.setting == setting
            }
        }
    }
}
