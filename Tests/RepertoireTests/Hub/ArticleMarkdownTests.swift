import Foundation
import Testing
@testable import Repertoire

/// A hub editor's Markdown can never carry script: raw HTML is shown as text, links are http(s)
/// or mailto only, images come from the hub's own uploads, and no value can leave its attribute.
@Suite("Article Markdown")
struct ArticleMarkdownTests {
    static let allowedTags: Set<String> = ["p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol",
                                           "li", "hr", "a", "img", "table", "thead", "tbody", "tr", "th", "td"]
    static let allowedAttributes: Set<String> = ["href", "rel", "src", "alt", "loading", "start"]

    /// Every tag of the output is on the allow-list with allowed attributes only, every link is
    /// http(s) or mailto and every image the hub's own; returns the problems found.
    static func problems(in html: String) -> [String] {
        var problems: [String] = []
        let tag = try! Regex(#"<(/?)([A-Za-z0-9]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*/?>"#)
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            guard let match = rest[open...].prefixMatch(of: tag) else {
                problems.append("a '<' that does not start an allowed tag: \(rest[open...].prefix(40))")
                break
            }
            let name = String(match.output[2].substring ?? "").lowercased()
            if !allowedTags.contains(name) { problems.append("tag <\(name)>") }
            let attributes = String(match.output[3].substring ?? "")
            for attribute in attributes.matches(of: try! Regex(#"([a-z-]+)="([^"]*)""#)) {
                let key = String(attribute.output[1].substring ?? ""), value = String(attribute.output[2].substring ?? "")
                if !allowedAttributes.contains(key) { problems.append("attribute \(key)") }
                let decoded = value.replacingOccurrences(of: "&amp;", with: "&").lowercased()
                if key == "href", !(decoded.hasPrefix("http://") || decoded.hasPrefix("https://") || decoded.hasPrefix("mailto:")) { problems.append("href \(value)") }
                if key == "src", !decoded.hasPrefix("/jachete/images/") { problems.append("src \(value)") }
            }
            rest = rest[match.range.upperBound...]
        }
        return problems
    }

    static let payloads: [String] = [
        "<script>alert(1)</script>",
        "Bonjour <img src=x onerror=alert(1)> le monde",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<svg/onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">clic</a>",
        "[clic](javascript:alert(1))",
        "[clic](JaVaScRiPt:alert(1))",
        "[clic]( javascript:alert(1))",
        "[clic](java\tscript:alert(1))",
        "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[clic](vbscript:msgbox(1))",
        "[clic](https://exemple.qc.ca\" onmouseover=\"alert(1))",
        "[clic](https://exemple.qc.ca'onmouseover='alert(1))",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "![photo\" onerror=\"alert(1)](/jachete/images/abc)",
        "![photo](javascript:alert(1))",
        "![photo](https://ailleurs.example/pixel.gif)",
        "![*a* <b>b</b>](/jachete/images/0193-abc)",
        "![x](/jachete/images/../../admin)",
        "```\n<script>alert(1)</script>\n```",
        "`<img src=x onerror=alert(1)>`",
        "# Titre <script>alert(1)</script>",
        "> <script>alert(1)</script>",
        "- <b onclick=alert(1)>x</b>",
        "| a | b |\n|---|---|\n| <script>x</script> | [y](javascript:z) |",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "\u{E000}script\u{E001}>alert(1)",
        "<<script>script>alert(1)<</script>/script>",
        "[<img src=x onerror=alert(1)>](https://exemple.qc.ca)",
        "**[gras](mailto:a@b.ca?subject=\"x\" onclick=\"y\")**",
        "<style>body{display:none}</style>",
        "<form action=https://evil.example><input name=q></form>",
        "<!-- commentaire --> <meta http-equiv=refresh content=0;url=https://evil.example>",
    ]

    @Test("no payload of the corpus yields a tag, attribute, link or image outside the allow-list", arguments: payloads)
    func corpus(_ payload: String) {
        let html = ArticleMarkdown.html(payload).renderText
        #expect(Self.problems(in: html) == [], "\(payload) → \(html)")
        #expect(!html.lowercased().contains("<script"), "\(html)")
        // Event handlers can only be text or inside a quoted value: never an attribute of a tag.
        let tagsWithoutValues = html.replacing(try! Regex(#"="[^"]*""#), with: "")
        #expect(!tagsWithoutValues.contains(try! Regex(#"<[^>]*\son[a-z]+="#)), "\(html)")
    }

    @Test("raw HTML is shown as text, not dropped")
    func rawHTMLShown() {
        let html = ArticleMarkdown.html("Écrivez <b>ceci</b> & cela").renderText
        #expect(html == "<p>Écrivez &lt;b&gt;ceci&lt;/b&gt; &amp; cela</p>", "\(html)")
        let code = ArticleMarkdown.html("`a < b && \"c\"`").renderText
        #expect(code == "<p><code>a &lt; b &amp;&amp; &quot;c&quot;</code></p>", "\(code)")
    }

    @Test("Markdown's own elements come through: headings one level down, emphasis, lists, links, the hub's images")
    func markdownElements() {
        let html = ArticleMarkdown.html("""
            # Le projet

            Un **déneigement** *solidaire* avec [la coop](https://coop.exemple.qc.ca/a?b=1&c=2) et [nous écrire](mailto:info@exemple.qc.ca).

            - premier point
            - second point

            ![Bénévoles au marché](/jachete/images/0193f2c4-abcd)
            """).renderText
        #expect(html.contains("<h2>Le projet</h2>"), "\(html)")
        #expect(html.contains("<strong>déneigement</strong> <em>solidaire</em>"), "\(html)")
        #expect(html.contains("<a href=\"https://coop.exemple.qc.ca/a?b=1&amp;c=2\" rel=\"nofollow noopener\">la coop</a>"), "\(html)")
        #expect(html.contains("<a href=\"mailto:info@exemple.qc.ca\" rel=\"nofollow noopener\">nous écrire</a>"), "\(html)")
        #expect(html.contains("<ul><li>premier point</li><li>second point</li></ul>"), "\(html)")
        #expect(html.contains("<img src=\"/jachete/images/0193f2c4-abcd\" alt=\"Bénévoles au marché\" loading=\"lazy\">"), "\(html)")
    }

    @Test("a refused link keeps its text; a refused image leaves its alternative text")
    func refusedKeepText() {
        #expect(ArticleMarkdown.html("[la page](javascript:alert(1))").renderText == "<p>la page</p>")
        #expect(ArticleMarkdown.html("![un pixel espion](https://ailleurs.example/p.gif)").renderText == "un pixel espion")
        #expect(ArticleMarkdown.html("[relatif](/admin)").renderText == "<p>relatif</p>")
    }

    @Test("plain text for search and summaries drops the markup")
    func plainText() {
        #expect(ArticleMarkdown.plainText("# Titre\n\nUn **mot** & <b>deux</b>") == "Titre Un mot & <b>deux</b>")
    }
}
