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

    public init(to: MailAddress, subject: String, body: String, kind: MailKind, headers: [MailHeader] = [], reference: String? = nil) {
        self.to = to
        self.subject = subject
        self.body = body
        self.kind = kind
        self.headers = headers
        self.reference = reference
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
