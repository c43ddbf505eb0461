import Foundation
import Mustache
import Testing
@testable import Repertoire

@Suite("HTML escaping of the templates")
struct HTMLEscapingTests {
    static let samples = ["", "Coopérative", "<script>alert('x')</script>", "A & B \"C\" 'D' <e>", "«\u{00A0}é\u{0301}»&amp;", "🇶🇨 <>&\"'"]

    @Test("the same text as swift-mustache's own escaping")
    func sameAsMustache() throws {
        let template = try MustacheTemplate(string: "{{value}}")
        for sample in Self.samples {
            #expect(HTMLEscaping.escape(sample) == template.render(["value": sample]), "\(sample)")
        }
    }

    @Test("every template opens with the content type, so none falls back to the slow escaping")
    func everyTemplateUsesIt() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/Repertoire/Resources/Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }
        #expect(names.count > 20)
        for name in names {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            #expect(text.hasPrefix("{{% CONTENT_TYPE: \(HTMLEscaping.name)}}"), "\(name)")
        }
    }

    @Test("highlighted text: each segment escaped, only matched ones in <mark>")
    func highlighted() {
        let html = SafeHTML(highlighting: [
            HighlightSegment(text: "<b>Traiteur</b> & ", matched: false),
            HighlightSegment(text: "traiteur\"'", matched: true),
            HighlightSegment(text: "<script>", matched: false),
        ])
        #expect(html.renderText == "&lt;b&gt;Traiteur&lt;/b&gt; &amp; <mark>traiteur&quot;&#39;</mark>&lt;script&gt;")
        #expect(SafeHTML(text: "<i>x</i>").renderText == "&lt;i&gt;x&lt;/i&gt;")
        for sample in Self.samples {
            #expect(SafeHTML(highlighting: [HighlightSegment(text: sample, matched: false)]).renderText == HTMLEscaping.escape(sample))
        }
    }

    @Test("the only values printed unescaped are the app's own SafeHTML")
    func unescapedOnlySafeHTML() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/Repertoire/Resources/Templates")
        var unescaped: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let tags = try NSRegularExpression(pattern: "\\{\\{\\{\\s*([^}]*?)\\s*\\}\\}\\}|\\{\\{&\\s*([^}]*?)\\s*\\}\\}")
            for match in tags.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let range = match.range(at: 1).location != NSNotFound ? match.range(at: 1) : match.range(at: 2)
                unescaped.append("\(name):\(String(text[Range(range, in: text)!]))")
            }
        }
        // A new unescaped tag must be added here, and its field must hold a SafeHTML.
        #expect(unescaped == ["enterpriseedit.mustache:introHTML", "home.mustache:html", "home.mustache:hubHTML", "layout.mustache:layout.top", "layout.mustache:layout.bottom", "map.mustache:html", "profile.mustache:addToListHTML", "profile.mustache:hubHTML", "profile.mustache:tendersHTML", "profile.mustache:publicContractsHTML", "searchform.mustache:form.html", "viewswitch.mustache:html", "written.mustache:body"])
    }

    @Test("HTML written in Swift: markup from literals only, every value escaped, attributes included")
    func writer() {
        for sample in Self.samples {
            var w = HTMLWriter()
            w.markup("<a href=\""); w.text(sample); w.markup("\">"); w.text(sample); w.markup("</a>")
            w.safe(SafeHTML(highlighting: [HighlightSegment(text: sample, matched: true)]))
            let escaped = HTMLEscaping.escape(sample)
            #expect(w.result.renderText == "<a href=\"\(escaped)\">\(escaped)</a><mark>\(escaped)</mark>")
        }
    }

    @Test("facet checkboxes written in Swift: the markup the template had, values escaped")
    func facetValues() {
        let group = SearchPage.FacetGroup(title: "Région", values: [
            .init(inputID: "f-region-16", param: "region", value: "16", label: "Montérégie", count: "1 204", selected: true),
            .init(inputID: "f-mrc-x", param: "mrc", value: "\"><script>", label: "A & <b>", count: "3", selected: false),
        ], countWord: "entreprises")
        #expect(group.valuesHTML.renderText == """
            <li><input type="checkbox" id="f-region-16" name="region" value="16" checked> <label for="f-region-16">Montérégie \
            <span class="count">(1 204<span class="visually-hidden"> entreprises</span>)</span></label></li>\
            <li><input type="checkbox" id="f-mrc-x" name="mrc" value="&quot;&gt;&lt;script&gt;"> <label for="f-mrc-x">A &amp; &lt;b&gt; \
            <span class="count">(3<span class="visually-hidden"> entreprises</span>)</span></label></li>
            """)
    }
}
