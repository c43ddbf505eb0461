import Testing
@testable import Repertoire

@Suite("Text clean-up")
struct TextRulesTests {
    /// The definition `clean` keeps: drop bidirectional overrides and zero-width characters, split
    /// on characters that are white space, join with one space.
    static func byCharacters(_ text: String) -> String {
        TextRules.removingInvisibleFormat(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    @Test("clean gives what splitting on white-space characters gives", arguments: [
        "", " ", "   \t\n ", "Coopérative", "  Coop   de\tsolidarité  ", "Œuvre\u{00A0}écologique\u{2003}inc.",
        "a\r\nb", "e\u{0301}te\u{0301}", " \u{0301}accent seul", "x \u{200D}y", "日本 語", "🇶🇨  drapeau", "fin\u{2028}ligne",
        "Traiteur « Le Bon Goût »\u{202F}!", "\u{FEFF}bom", "Coop\u{202E}evil\u{2066} du\u{200B}\u{200C} Relais\u{2060}",
    ])
    func cleanMatchesCharacters(text: String) {
        #expect(TextRules.clean(text) == Self.byCharacters(text))
        #expect(TextRules.isClean(text) == (Self.byCharacters(text) == text))
    }

    @Test("paragraphs keep their line breaks, Windows ones included, without blank lines around")
    func paragraphs() {
        #expect(TextRules.cleanParagraphs("\n\n  Première   ligne \r\n\tdeuxième\n\n troisième  \n \n") == "Première ligne\ndeuxième\n\ntroisième")
        #expect(TextRules.cleanParagraphs(" \n \r\n ") == "")
        #expect(TextRules.cleanParagraphs("une seule") == "une seule")
    }
}

@Suite("Accent folding")
struct FoldTests {
    @Test("the table's fold is Foundation's, on names and on random Latin text")
    func tableMatchesFoundation() {
        let names = ["Coop de solidarité L’Écocentre", "ŒUVRE ÆTHER", "Çà et là — « déneigement »", "Über Straße", "İstanbul",
                     "e\u{0301}cole", "Ñandú", "日本", "Société\u{00A0}d’économie\u{202F}sociale", ""]
        for name in names { #expect(Slug.fold(name) == Slug.foundationFold(name), "\(name)") }
        var random = DemoRandom(seed: 7)
        let alphabet = Array((0x20...0x7E).compactMap(Unicode.Scalar.init)) + Array((0xA0...0x24F).compactMap(Unicode.Scalar.init))
            + Array((0x2000...0x206F).compactMap(Unicode.Scalar.init))
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<12 { text.append(alphabet[random.int(below: alphabet.count)]) }
            let string = String(text)
            #expect(Slug.fold(string) == Slug.foundationFold(string), "\(string.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
