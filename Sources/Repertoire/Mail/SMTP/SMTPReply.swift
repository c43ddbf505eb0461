import NIOCore

/// A server's answer: a three-digit code and one or more lines of text.
struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    var code: Int
    var lines: [String]

    /// 2xx: done. 3xx (354, 334): go on.
    var isPositive: Bool { code < 400 }
    /// 5xx: the server will answer the same next time.
    var isPermanentFailure: Bool { code >= 500 }

    /// The reply as the server wrote it, lines joined: `550 5.1.1 <x@y>: user unknown`.
    var description: String {
        lines.map { "\(code) \($0)".trimmingCharacters(in: .whitespaces) }.joined(separator: " / ")
    }
}

/// Splits the incoming bytes into lines and groups the lines of a multi-line reply
/// (`250-first`, `250-second`, `250 last`) into one ``SMTPReply``.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply
    private var pending: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            // RFC 5321 caps a reply line at 512 bytes; allow generously more, but not unbounded.
            if buffer.readableBytes > 8192 { throw SMTPError.malformedReply("a reply line longer than 8192 bytes") }
            return .needMoreData
        }
        var bytes = buffer.readBytes(length: newline - buffer.readerIndex + 1) ?? []
        // Bytes, not characters: to Swift "\r\n" is one character.
        while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") { bytes.removeLast() }
        let line = String(decoding: bytes, as: UTF8.self)
        let digits = line.prefix(3)
        guard digits.count == 3, digits.allSatisfy(\.isASCII), let code = Int(digits), (200...599).contains(code) else {
            throw SMTPError.malformedReply(line)
        }
        let rest = line.dropFirst(3)
        pending.append(String(rest.dropFirst()))
        if rest.first == "-" { return .continue }
        let reply = SMTPReply(code: code, lines: pending)
        pending = []
        context.fireChannelRead(wrapInboundOut(reply))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
