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
}
