import Foundation

/// A message as it goes on the wire: the envelope (who sends, who receives) and the RFC 5322
/// text with CRLF line ends.
public struct RenderedMail: Sendable, Equatable {
    /// The envelope sender (`MAIL FROM`), a bare address.
    public var sender: String
    /// The envelope recipient (`RCPT TO`), a bare address.
    public var recipient: String
    /// The Message-ID without its angle brackets; the same on every attempt.
    public var messageID: String
    /// Headers, a blank line and the quoted-printable body; no final dot.
    public var data: String
}

/// Turns an ``OutgoingMessage`` into the text of an e-mail.
public struct MailComposer: Sendable {
    public var from: MailAddress

    public init(from: MailAddress) {
        self.from = from
    }

    /// `token` makes the Message-ID (the outbox keeps one per message, so a retry is recognisably
    /// the same message); `date` is the Date header.
    public func render(_ message: OutgoingMessage, token: String, date: Date) -> RenderedMail {
        let messageID = "\(token)@\(from.domain)"
        var headers = [
            "Date: \(MIMEEncoding.date(date))",
            "From: \(MIMEEncoding.address(from))",
            "To: \(MIMEEncoding.address(message.to))",
            "Subject: \(MIMEEncoding.headerText(message.subject))",
            "Message-ID: <\(messageID)>",
            // RFC 3834: an automatic message, so vacation responders stay quiet.
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
        ]
        headers += message.headers.map { "\($0.name): \($0.value)" }
        let text = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + MIMEEncoding.quotedPrintable(message.body) + "\r\n"
        guard !message.attachments.isEmpty else {
            let data = headers.joined(separator: "\r\n") + "\r\n" + text
            return RenderedMail(sender: from.address, recipient: message.to.address, messageID: messageID, data: data)
        }
        // The text first, then each file in base64 (lines of 76 characters).
        let boundary = "=_repertoire_\(token)"
        var data = headers.joined(separator: "\r\n") + "\r\nContent-Type: multipart/mixed; boundary=\"\(boundary)\"\r\n\r\n"
        data += "This is a multi-part message in MIME format.\r\n--\(boundary)\r\n" + text
        for attachment in message.attachments {
            data += "--\(boundary)\r\nContent-Type: \(attachment.contentType)\r\nContent-Transfer-Encoding: base64\r\n"
            data += "Content-Disposition: attachment; filename=\"\(attachment.fileName)\"\r\n\r\n"
            data += Data(attachment.bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]) + "\r\n"
        }
        data += "--\(boundary)--\r\n"
        return RenderedMail(sender: from.address, recipient: message.to.address, messageID: messageID, data: data)
    }
}
