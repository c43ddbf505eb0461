import Foundation

/// An e-mail the app wants sent: one recipient, a subject and a plain-text body (UTF-8, any
/// length of line). The sender's address comes from the configuration.
public struct OutgoingMessage: Sendable, Equatable {
    public var to: MailAddress
    public var subject: String
    /// Plain text; line breaks may be `\n` or `\r\n`.
    public var body: String
    public var kind: MailKind
    public var headers: [MailHeader]
    /// What the message is about, kept in the outbox to follow its delivery.
    public var reference: String?
    public var attachments: [MailAttachment]

    public init(to: MailAddress, subject: String, body: String, kind: MailKind, headers: [MailHeader] = [], reference: String? = nil,
                attachments: [MailAttachment] = []) {
        self.to = to
        self.subject = subject
        self.body = body
        self.kind = kind
        self.headers = headers
        self.reference = reference
        self.attachments = attachments
    }
}

/// A file sent with a message. Its name and type are checked like headers' values (printable
/// ASCII, no quote), so that nothing stored can add a header or a part of its own.
public struct MailAttachment: Sendable, Equatable, Codable {
    public var fileName: String
    public var contentType: String
    public var bytes: [UInt8]

    public init?(fileName: String, contentType: String, bytes: [UInt8]) {
        func plain(_ text: String) -> Bool { !text.isEmpty && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C } }
        guard plain(fileName), plain(contentType.replacingOccurrences(of: "; ", with: ";")) else { return nil }
        self.fileName = fileName
        self.contentType = contentType
        self.bytes = bytes
    }

    private struct Stored: Codable {
        var name: String
        var type: String
        var data: String
    }

    /// As kept in the outbox: a JSON list, the bytes in base64; empty text for none.
    static func stored(_ attachments: [MailAttachment]) -> String {
        guard !attachments.isEmpty else { return "" }
        let list = attachments.map { Stored(name: $0.fileName, type: $0.contentType, data: Data($0.bytes).base64EncodedString()) }
        return String(decoding: (try? JSONEncoder().encode(list)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func parse(stored text: String) -> [MailAttachment] {
        guard !text.isEmpty, let list = try? JSONDecoder().decode([Stored].self, from: Data(text.utf8)) else { return [] }
        return list.compactMap { item in Data(base64Encoded: item.data).flatMap { MailAttachment(fileName: item.name, contentType: item.type, bytes: Array($0)) } }
    }
}

/// An extra header of a message (`List-Unsubscribe`, `Content-Language`…): a name of letters,
/// digits and hyphens and a value of printable ASCII on one line, so that nothing stored can
/// add a header or a line of its own.
public struct MailHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init?(_ name: String, _ value: String) {
        guard !name.isEmpty, name.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }),
              !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        self.name = name
        self.value = value
    }

    /// The headers as stored in the outbox, one `Name: value` per line.
    static func stored(_ headers: [MailHeader]) -> String {
        headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }

    static func parse(stored text: String) -> [MailHeader] {
        text.split(separator: "\n").compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return MailHeader(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
    }
}

/// Why a message is sent, kept with it in the outbox for the admin page and the logs.
public struct MailKind: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let invitation: MailKind = "invitation"
    public static let passwordReset: MailKind = "password-reset"
    public static let verification: MailKind = "verification"
}
