import Mustache

/// The templates' HTML escaping: the same five characters as swift-mustache's own (`< > & " '`),
/// read as bytes instead of characters, and text with nothing to escape (nearly all of it) is
/// returned as it is. Every template opens with `{{% CONTENT_TYPE: HTMLFAST}}` to use it; a
/// template without it still gets swift-mustache's escaping (slower, same result).
struct HTMLEscaping: MustacheContentType {
    static let name = "HTMLFAST"

    /// Registers the content type; templates naming it fail to parse until it is.
    static func register() {
        MustacheContentTypes.register(HTMLEscaping(), named: name)
    }

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&")
            || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") })
        else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 32)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// HTML the app wrote itself, every piece of text in it escaped by ``HTMLEscaping``: the only
/// kind of value a template may print unescaped (`{{{…}}}`; `TemplateTests` holds the list).
/// Used where a handful of tags per piece of text would cost more than the text (highlighted
/// search words in result cards).
struct SafeHTML: MustacheCustomRenderable, Sendable, Equatable {
    let renderText: String
    var isNull: Bool { false }

    /// Text whose matched segments are wrapped in `<mark>`.
    init(highlighting segments: [HighlightSegment]) {
        var html = ""
        for segment in segments {
            let text = HTMLEscaping.escape(segment.text)
            if segment.matched {
                html += "<mark>"
                html += text
                html += "</mark>"
            } else {
                html += text
            }
        }
        renderText = html
    }

    /// Plain text, escaped.
    init(text: String) {
        renderText = HTMLEscaping.escape(text)
    }

    /// What an ``HTMLWriter`` wrote: literal markup and escaped text. Nothing else calls it.
    init(written html: String) {
        renderText = html
    }
}
