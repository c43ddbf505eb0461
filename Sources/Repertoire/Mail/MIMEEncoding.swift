import Foundation

/// The two encodings that let UTF-8 text travel through 7-bit, line-limited mail: quoted-printable
/// for bodies (RFC 2045) and encoded words for headers (RFC 2047).
enum MIMEEncoding {
    /// Encodes text as quoted-printable with CRLF line ends. Lines longer than 76 characters (a
    /// long link, say) are cut with soft line breaks, which readers join back.
    static func quotedPrintable(_ text: String) -> String {
        var lines: [String] = []
        for line in normalizedLines(text) {
            let bytes = Array(line.utf8)
            var current = ""
            for (index, byte) in bytes.enumerated() {
                let token: String
                let isLast = index == bytes.count - 1
                if (byte == 0x20 || byte == 0x09) && !isLast {
                    token = String(UnicodeScalar(byte))
                } else if byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=") {
                    token = String(UnicodeScalar(byte))
                } else {
                    token = String(format: "=%02X", byte)
                }
                // 75 characters plus the soft break's "=" keeps every line within 76.
                if current.utf8.count + token.utf8.count > 75 {
                    lines.append(current + "=")
                    current = ""
                }
                current += token
            }
            lines.append(current)
        }
        return lines.joined(separator: "\r\n")
    }

    /// A header's free text (a subject): kept as is when plain ASCII, otherwise as UTF-8 encoded
    /// words of at most 75 characters each, folded onto continuation lines.
    static func headerText(_ text: String) -> String {
        let flat = singleLine(text)
        if isPlainASCII(flat) { return flat }
        return encodedWords(flat)
    }

    /// A display name in From or To: as is, quoted, or as encoded words.
    static func phrase(_ name: String) -> String {
        let flat = singleLine(name)
        guard isPlainASCII(flat) else { return encodedWords(flat) }
        let atext = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: " !#$%&'*+-/=?^_`{|}~"))
        if flat.unicodeScalars.allSatisfy({ atext.contains($0) }) { return flat }
        return "\"" + flat.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func address(_ address: MailAddress) -> String {
        guard let name = address.name else { return address.address }
        return "\(phrase(name)) <\(address.address)>"
    }

    /// `Tue, 1 Dec 2026 14:05:09 +0000`, the date form of RFC 5322.
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.dateFormat = "EEE, d MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    static func normalizedLines(_ text: String) -> [Substring] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
    }

    private static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isNewline }).joined(separator: " ")
    }

    private static func isPlainASCII(_ text: String) -> Bool {
        // "=?" could be read as the start of an encoded word.
        text.utf8.allSatisfy { $0 >= 32 && $0 < 127 } && !text.contains("=?")
    }

    /// `=?UTF-8?B?…?=` words, each holding whole characters and at most 45 bytes (60 base64
    /// characters, 72 with the frame).
    private static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }
}
