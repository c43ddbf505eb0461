import Foundation
import Ink

/// An article's Markdown as HTML that can never carry script: Ink (from the mirror) does the
/// Markdown, and two steps around it make its output safe whatever a hub editor types.
///
/// 1. **Before Ink**, the three characters that could start markup or leave an attribute (`<`,
///    `"`, `&`) are replaced by private-use stand-ins. Ink then never sees raw HTML (it is shown
///    as text, not rendered) and no value it prints inside an attribute can close its quotes.
/// 2. **After Ink**, its output is read tag by tag and written again from an allow-list: the
///    Markdown elements only, with `href` (http, https or mailto), `src` (the hub's own uploaded
///    images) and `alt` as their only attributes. A link to anything else keeps its text and
///    loses the link; any other tag is dropped. The stand-ins become `&lt;`, `&quot;`, `&amp;`.
///
/// Headings move down one level (`#` is an `<h2>`): the page's title is the article's `<h1>`.
enum ArticleMarkdown {
    private static let lessThan: Character = "\u{E000}"
    private static let quote: Character = "\u{E001}"
    private static let ampersand: Character = "\u{E002}"

    /// Where the hub's uploaded images are served; an image from anywhere else is shown as its
    /// alternative text.
    static let imagePathPrefix = "/jachete/images/"

    static func html(_ markdown: String) -> SafeHTML {
        var source = ""
        source.reserveCapacity(markdown.utf8.count + 16)
        for character in markdown {
            switch character {
            case "<": source.append(lessThan)
            case "\"": source.append(quote)
            case "&": source.append(ampersand)
            // The stand-ins themselves, typed or pasted, are dropped.
            case lessThan, quote, ampersand: break
            case "\r\n", "\r": source.append("\n")
            default: source.append(character)
            }
        }
        let rendered = MarkdownParser().html(from: source)
        return SafeHTML(written: rewrite(rendered))
    }

    /// The words of the Markdown without its markup: for search, summaries and feeds.
    static func plainText(_ markdown: String) -> String {
        let html = self.html(markdown).renderText
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true; text.append(" "); continue }
            if character == ">" { inTag = false; continue }
            if !inTag { text.append(character) }
        }
        return decodeEntities(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // MARK: Writing Ink's output again from the allow-list

    private static let plainTags: Set<String> = [
        "p", "br", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li", "hr",
        "table", "thead", "tbody", "tr", "th", "td",
    ]

    private struct Tag {
        var name: String
        var closing: Bool
        var attributes: [String: String]
    }

    private static func rewrite(_ html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count + 64)
        // For each `<a>` opened: whether it was kept, so its `</a>` matches.
        var anchors: [Bool] = []
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            guard character == "<", let (tag, end) = readTag(html, from: index) else {
                appendText(character, to: &out)
                index = html.index(after: index)
                continue
            }
            index = end
            write(tag, anchors: &anchors, to: &out)
        }
        while let open = anchors.popLast() { if open { out += "</a>" } }
        return out
    }

    private static func appendText(_ character: Character, to out: inout String) {
        switch character {
        case lessThan, "<": out += "&lt;"
        case quote, "\"": out += "&quot;"
        case ampersand: out += "&amp;"
        case ">": out += "&gt;"
        default: out.append(character)
        }
    }

    private static func write(_ tag: Tag, anchors: inout [Bool], to out: inout String) {
        let name = tag.name
        if let level = Int(name.dropFirst()), name.first == "h", (1...6).contains(level) {
            out += tag.closing ? "</h\(min(level + 1, 6))>" : "<h\(min(level + 1, 6))>"
            return
        }
        switch name {
        case "a":
            if tag.closing {
                if anchors.popLast() == true { out += "</a>" }
                return
            }
            let href = attributeValue(tag.attributes["href"] ?? "")
            guard isAllowedLink(href) else { anchors.append(false); return }
            anchors.append(true)
            out += "<a href=\"" + HTMLEscaping.escape(href) + "\" rel=\"nofollow noopener\">"
        case "img":
            guard !tag.closing else { return }
            let src = attributeValue(tag.attributes["src"] ?? "")
            let alt = plainAttribute(tag.attributes["alt"] ?? "")
            guard isAllowedImage(src) else {
                out += HTMLEscaping.escape(alt)
                return
            }
            out += "<img src=\"" + HTMLEscaping.escape(src) + "\" alt=\"" + HTMLEscaping.escape(alt) + "\" loading=\"lazy\">"
        case "ol":
            if tag.closing { out += "</ol>"; return }
            if let start = tag.attributes["start"].flatMap({ Int(attributeValue($0)) }), start > 1 {
                out += "<ol start=\"\(start)\">"
            } else {
                out += "<ol>"
            }
        case _ where plainTags.contains(name):
            out += tag.closing ? "</\(name)>" : (name == "br" || name == "hr" ? "<\(name)>" : "<\(name)>")
        default:
            // Not an element Markdown makes: dropped.
            break
        }
    }

    /// Reads a tag of Ink's output: `<name attr="value" …>` or `</name>`; values never hold a
    /// double quote (they were replaced before Ink), but may hold `<` and `>` (an image's alt text
    /// keeps Ink's emphasis tags).
    private static func readTag(_ html: String, from start: String.Index) -> (Tag, String.Index)? {
        var index = html.index(after: start)
        var closing = false
        if index < html.endIndex, html[index] == "/" { closing = true; index = html.index(after: index) }
        var name = ""
        while index < html.endIndex, html[index].isLetter || html[index].isNumber {
            name.append(html[index])
            index = html.index(after: index)
        }
        guard !name.isEmpty else { return nil }
        var attributes: [String: String] = [:]
        while index < html.endIndex {
            let character = html[index]
            if character == ">" { return (Tag(name: name.lowercased(), closing: closing, attributes: attributes), html.index(after: index)) }
            if character.isWhitespace || character == "/" { index = html.index(after: index); continue }
            var key = ""
            while index < html.endIndex, html[index] != "=", html[index] != ">", !html[index].isWhitespace {
                key.append(html[index])
                index = html.index(after: index)
            }
            guard index < html.endIndex else { return nil }
            if html[index] == "=" {
                index = html.index(after: index)
                guard index < html.endIndex, html[index] == "\"" else { return nil }
                index = html.index(after: index)
                guard let close = html[index...].firstIndex(of: "\"") else { return nil }
                attributes[key.lowercased()] = String(html[index..<close])
                index = html.index(after: close)
            } else {
                attributes[key.lowercased()] = ""
            }
        }
        return nil
    }

    /// An attribute as Ink printed it, with the stand-ins and Ink's entities turned back into the
    /// characters the editor typed.
    private static func attributeValue(_ raw: String) -> String {
        var value = ""
        for character in raw {
            switch character {
            case lessThan: value.append("<")
            case quote: value.append("\"")
            case ampersand: value.append("&")
            default: value.append(character)
            }
        }
        return decodeEntities(value)
    }

    /// An alt text: Ink's emphasis tags inside it removed.
    private static func plainAttribute(_ raw: String) -> String {
        var text = ""
        var inTag = false
        for character in raw {
            if character == "<" { inTag = true; continue }
            if character == ">", inTag { inTag = false; continue }
            if !inTag { text.append(character) }
        }
        return attributeValue(text).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// http, https and mailto only, read as a browser would (case, spaces and control characters
    /// ignored), and nothing that a browser could read as another scheme.
    static func isAllowedLink(_ href: String) -> Bool {
        let compact = String(href.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }).lowercased()
        guard href.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return false }
        if compact.hasPrefix("mailto:") { return compact.count > "mailto:".count && !compact.contains("<") }
        guard compact.hasPrefix("http://") || compact.hasPrefix("https://"),
              let url = URL(string: href.trimmingCharacters(in: .whitespaces)),
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty
        else { return false }
        return true
    }

    /// The hub's own uploaded images only: `/jachete/images/<id>`, nothing else in the path.
    static func isAllowedImage(_ src: String) -> Bool {
        guard src.hasPrefix(imagePathPrefix) else { return false }
        let id = src.dropFirst(imagePathPrefix.count)
        return !id.isEmpty && id.count <= 64 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}
