import Foundation
import Testing
@testable import Repertoire

@Suite("Composing e-mail: headers, encodings, .eml files")
struct MailComposerTests {
    static let defaultFrom = try! MailAddress.parse("Répertoire <no-reply@localhost>")
    static let longLink = "https://repertoire.exemple.org/invitation/accepter?jeton=" + String(repeating: "Ab3_-", count: 30)
    static let message = OutgoingMessage(
        to: try! MailAddress("julie@deneigement.exemple.org", name: "Julie Tremblay-Bélanger"),
        subject: "Invitation à gérer la fiche « Coopérative de solidarité Déneigement Rive-Sud » dans Répertoire",
        body: """
            Bonjour Julie,

            Vous êtes invitée à gérer la fiche de votre entreprise. Ce lien est valide 7 jours :
            \(longLink)
            .
            .Une ligne qui commence par un point.
            Ligne avec espace final\u{20}
            Égalité = 100 %

            — L'équipe Répertoire
            """,
        kind: .invitation)

    @Test("headers are present, the subject and names are encoded, the body decodes to the original")
    func render() throws {
        // given
        let composer = MailComposer(from: try MailAddress.parse("Répertoire <no-reply@repertoire.exemple.org>"))
        // when
        let mail = composer.render(Self.message, token: "0f3c-token", date: Date(timeIntervalSince1970: 1_800_000_000))
        // then
        #expect(mail.sender == "no-reply@repertoire.exemple.org")
        #expect(mail.recipient == "julie@deneigement.exemple.org")
        #expect(mail.messageID == "0f3c-token@repertoire.exemple.org")
        let parsed = try ParsedMail(mail.data)
        #expect(parsed.subject == Self.message.subject)
        #expect(parsed.headers["from"] == "Répertoire <no-reply@repertoire.exemple.org>")
        #expect(parsed.headers["to"] == "Julie Tremblay-Bélanger <julie@deneigement.exemple.org>")
        #expect(parsed.headers["date"] == "Fri, 15 Jan 2027 08:00:00 +0000")
        #expect(parsed.headers["message-id"] == "<0f3c-token@repertoire.exemple.org>")
        #expect(parsed.headers["mime-version"] == "1.0")
        #expect(parsed.headers["content-type"] == "text/plain; charset=utf-8")
        #expect(parsed.body == Self.message.body + "\n")
        #expect(parsed.links == [Self.longLink])
        // Nothing but 7-bit ASCII on the wire, lines within RFC 5322's recommended 78.
        #expect(mail.data.utf8.allSatisfy { $0 < 128 })
        let lines = mail.data.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 84 }, "longest: \(lines.map(\.utf8.count).max() ?? 0)")
        #expect(mail.data.hasSuffix("\r\n"))
        #expect(!mail.data.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test("a line break in a subject cannot add a header")
    func headerInjection() throws {
        var message = Self.message
        message.subject = "Bonjour\r\nBcc: victime@exemple.org"
        let mail = MailComposer(from: Self.defaultFrom).render(message, token: "t", date: Date())
        let parsed = try ParsedMail(mail.data)
        #expect(parsed.headers["bcc"] == nil)
        #expect(parsed.subject == "Bonjour Bcc: victime@exemple.org")
    }

    @Test("plain ASCII stays readable; quoted names when needed")
    func plainHeaders() {
        #expect(MIMEEncoding.headerText("Reset your password") == "Reset your password")
        #expect(MIMEEncoding.headerText("=?not a word?=").hasPrefix("=?UTF-8?B?"))
        #expect(MIMEEncoding.phrase("Jane Doe") == "Jane Doe")
        #expect(MIMEEncoding.phrase("Doe, Jane \"JD\"") == "\"Doe, Jane \\\"JD\\\"\"")
    }

    @Test("quoted-printable keeps every line within 76 characters and decodes back")
    func quotedPrintable() throws {
        let text = String(repeating: "é", count: 100) + "\n" + String(repeating: "x", count: 200) + " \nfin\t"
        let encoded = MIMEEncoding.quotedPrintable(text)
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(try ParsedMail.decodeQuotedPrintable(encoded).replacingOccurrences(of: "\r\n", with: "\n") == text)
    }

    @Test("addresses: parsed, and refused with a reason")
    func addresses() throws {
        let from = try MailAddress.parse("\"Répertoire, équipe\" <no-reply@repertoire.exemple.org>")
        #expect(from.name == "Répertoire, équipe")
        #expect(from.address == "no-reply@repertoire.exemple.org")
        #expect(from.domain == "repertoire.exemple.org")
        #expect(try MailAddress.parse("julie@exemple.org").name == nil)
        for bad in ["julie", "@exemple.org", "julie@", "julie@exemple..org", "ju lie@exemple.org", "josée@exemple.org",
                    "a@b@c", "julie@exemple.org\r\nBcc: x@y.z", "<julie@exemple.org>>"] {
            #expect(throws: MailAddress.Invalid.self, "\(bad)") { try MailAddress.parse(bad) }
        }
    }

    @Test("FileMailSender writes one readable .eml file per message")
    func fileSender() async throws {
        // given
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("repertoire-mail-\(UUID().uuidString)/nested")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let sender = try FileMailSender(directory: folder.path)
        let mail = MailComposer(from: Self.defaultFrom).render(Self.message, token: "abc-123", date: Date())
        // when
        try await sender.deliver(mail)
        try await sender.deliver(MailComposer(from: Self.defaultFrom).render(Self.message, token: "def-456", date: Date()))
        // then
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files.count == 2)
        #expect(files.allSatisfy { $0.hasSuffix(".eml") && !$0.hasPrefix(".") })
        let first = try #require(files.first { $0.contains("abc-123") })
        let parsed = try ParsedMail(try String(contentsOf: folder.appendingPathComponent(first), encoding: .utf8))
        #expect(parsed.subject == Self.message.subject)
        #expect(parsed.headers["from"] == "Répertoire <no-reply@localhost>")
        #expect(parsed.body == Self.message.body + "\n")
    }
}
