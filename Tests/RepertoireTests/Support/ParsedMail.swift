import Foundation

/// Reads back an e-mail written by the app (an `.eml` file of FileMailSender, or RenderedMail's
/// data): headers unfolded with RFC 2047 words decoded, and the quoted-printable body decoded.
/// Enough for our own messages; not a general MIME parser.
struct ParsedMail: Sendable {
    /// Header names in lower case, values decoded.
    var headers: [String: String]
    /// The raw header lines, unfolded but not decoded.
    var rawHeaders: [String: String]
    /// The decoded body, `\n` line ends.
    var body: String

    var subject: String? { headers["subject"] }

    /// The http(s) links of the body, in order.
    var links: [String] {
        body.split(whereSeparator: { $0.isWhitespace || $0 == "<" || $0 == ">" })
            .filter { $0.hasPrefix("http://") || $0.hasPrefix("https://") }.map(String.init)
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    init(_ text: String) throws {
        guard let split = text.range(of: "\r\n\r\n") else { throw Malformed(description: "no blank line after the headers") }
        var raw: [String: String] = [:]
        var current: (name: String, value: String)?
        for line in text[..<split.lowerBound].components(separatedBy: "\r\n") {
            if line.first == " " || line.first == "\t", current != nil {
                current!.value += line
                continue
            }
            if let current { raw[current.name] = current.value }
            guard let colon = line.firstIndex(of: ":") else { throw Malformed(description: "not a header: \(line)") }
            current = (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        if let current { raw[current.name] = current.value }
        rawHeaders = raw
        headers = raw.mapValues(Self.decodeWords)
        var content = String(text[split.upperBound...])
        if raw["content-transfer-encoding"]?.lowercased() == "quoted-printable" {
            content = try Self.decodeQuotedPrintable(content)
        }
        body = content.replacingOccurrences(of: "\r\n", with: "\n")
    }

    static func decodeQuotedPrintable(_ text: String) throws -> String {
        var bytes: [UInt8] = []
        let input = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "="), index + 2 < input.count,
               let value = UInt8(String(decoding: input[index + 1...index + 2], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        guard let decoded = String(bytes: bytes, encoding: .utf8) else { throw Malformed(description: "the body is not UTF-8") }
        return decoded
    }

    /// `=?UTF-8?B?…?=` and `=?UTF-8?Q?…?=` words; whitespace between two words is dropped.
    static func decodeWords(_ value: String) -> String {
        let pattern = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/
        var result = ""
        var rest = Substring(value)
        var previousWasWord = false
        while let match = rest.firstMatch(of: pattern) {
            let between = rest[..<match.range.lowerBound]
            if !(previousWasWord && between.allSatisfy(\.isWhitespace)) { result += between }
            let payload = String(match.output.3)
            var bytes: [UInt8] = []
            if match.output.2.uppercased() == "B" {
                bytes = Array(Data(base64Encoded: payload) ?? Data())
            } else {
                bytes = Array((try? decodeQuotedPrintable(payload.replacingOccurrences(of: "_", with: " ")))?.utf8 ?? "".utf8)
            }
            result += String(decoding: bytes, as: UTF8.self)
            rest = rest[match.range.upperBound...]
            previousWasWord = true
        }
        return result + rest
    }
}
