import Foundation

/// An e-mail address with an optional display name, as in `Répertoire <no-reply@repertoire.example>`.
///
/// Only ASCII addresses are accepted: sending to internationalised addresses needs the SMTPUTF8
/// extension, which few relays offer. Display names may hold any text (they are encoded).
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// `local@domain`.
    public let address: String
    public let name: String?

    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(_ address: String, name: String? = nil) throws(Invalid) {
        let address = address.trimmingCharacters(in: .whitespaces)
        guard let at = address.lastIndex(of: "@") else {
            throw Invalid(description: "'\(address)' is not an e-mail address (no @)")
        }
        let local = address[..<at], domain = address[address.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty, !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..") else {
            throw Invalid(description: "'\(address)' is not an e-mail address (local@domain)")
        }
        // Anything that could end a header or an SMTP command line, or open a route or a comment.
        guard address.utf8.allSatisfy({ $0 > 32 && $0 < 127 && !"<>()[]\\,;:\"".utf8.contains($0) }),
              !local.contains("@")
        else {
            throw Invalid(description: "'\(address)' is not an e-mail address this server can send to (ASCII letters, digits and .-_+ only)")
        }
        let trimmedName = name?.trimmingCharacters(in: .whitespaces)
        if let trimmedName, trimmedName.contains(where: { $0.isNewline || $0 == "\0" }) {
            throw Invalid(description: "a display name cannot contain a line break")
        }
        self.address = address
        self.name = trimmedName?.isEmpty == false ? trimmedName : nil
    }

    /// Reads `Name <local@domain>`, `"Name" <local@domain>` or a bare `local@domain`.
    public static func parse(_ text: String) throws(Invalid) -> MailAddress {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard text.hasSuffix(">"), let open = text.lastIndex(of: "<") else {
            return try MailAddress(text)
        }
        let address = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        var name = text[..<open].trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
        }
        return try MailAddress(address, name: name)
    }

    /// The part after the @, e.g. for Message-IDs.
    public var domain: String { String(address[address.index(after: address.lastIndex(of: "@")!)...]) }

    public var description: String {
        guard let name else { return address }
        return "\(name) <\(address)>"
    }
}
