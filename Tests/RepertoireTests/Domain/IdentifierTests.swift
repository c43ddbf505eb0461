import Foundation
import Testing
@testable import Repertoire

@Suite("NEQ, postal codes and contacts")
struct IdentifierTests {
    @Test("a real NEQ passes, with or without spaces")
    func validNEQ() {
        // given: NEQs from the Quebec enterprise register (req_es.csv)
        for raw in ["1140139735", "1140 176 141", "1140-191-793"] {
            // when
            let (neq, issues) = NEQ.parse(raw)
            // then
            #expect(neq != nil)
            #expect(issues.isEmpty, "\(raw): \(issues)")
        }
    }

    @Test("a wrong length or a non-digit is an error, a failing check digit only a warning")
    func invalidNEQ() {
        let (short, shortIssues) = NEQ.parse("114013973")
        #expect(short == nil)
        #expect(shortIssues.first?.code == "neq.length")
        #expect(shortIssues.first?.message.contains("10 chiffres") == true)

        let (letters, letterIssues) = NEQ.parse("11401397AB")
        #expect(letters == nil)
        #expect(letterIssues.first?.code == "neq.not_digits")

        let (checked, checkIssues) = NEQ.parse("1140139736")
        #expect(checked?.digits == "1140139736")
        #expect(checkIssues.map(\.severity) == [.warning])
    }

    @Test("postal codes are normalised to A1A 1A1", arguments: [
        ("j4h1c3", "J4H 1C3"), ("J4H 1C3", "J4H 1C3"), (" h2x-1y4 ", "H2X 1Y4"), ("G9A4W5", "G9A 4W5"),
    ])
    func postalCodes(raw: String, expected: String) throws {
        let code = try PostalCode.parse(raw).get()
        #expect(code.value == expected)
    }

    @Test("impossible postal codes are refused", arguments: ["J4H1C", "123456", "D4H 1C3", "W4H 1C3", "J4H 1C3X", "J4Ö 1C3"])
    func invalidPostalCodes(raw: String) {
        guard case .failure(let issue) = PostalCode.parse(raw) else {
            Issue.record("\(raw) was accepted")
            return
        }
        #expect(issue.message.contains("A1A 1A1"))
    }

    @Test("phones are formatted, extensions kept")
    func phones() throws {
        #expect(try ContactRules.phone("(450) 555-0123", field: "phone").get() == "450 555-0123")
        // A number already written as this function writes it is kept; the same checks apply.
        #expect(try ContactRules.phone("450 555-0123", field: "phone").get() == "450 555-0123")
        for bad in ["150 555-0123", "050 555-0123", "450 555-012a", "450-555-01234"] {
            #expect((try? ContactRules.phone(bad, field: "phone").get()) == nil, "\(bad)")
        }
        #expect(ContactRules.trimmedSpaces(" a b ") == "a b" && ContactRules.trimmedSpaces("a b") == "a b"
                && ContactRules.trimmedSpaces("\u{00A0}x\u{00A0}") == "x" && ContactRules.trimmedSpaces("") == "")
        #expect(try ContactRules.phone("1-514-555-0199", field: "phone").get() == "514 555-0199")
        #expect(try ContactRules.phone("450.555.0124 poste 12", field: "phone").get() == "450 555-0124, poste 12")
        #expect(try ContactRules.phone("450 555 0124 ext. 7", field: "phone").get() == "450 555-0124, poste 7")
        // A formatted number validates again unchanged (profiles are re-validated on every save).
        for formatted in ["450 555-0124, poste 12", "514 555-0199"] {
            #expect(try ContactRules.phone(formatted, field: "phone").get() == formatted)
        }
        for bad in ["555-0123", "abc", "045 555-0123", "450 555-0123 <script>"] {
            #expect((try? ContactRules.phone(bad, field: "phone").get()) == nil, "\(bad)")
        }
    }

    @Test("emails and websites")
    func emailsAndWebsites() throws {
        #expect(try ContactRules.email(" Info@Coop.Exemple.ORG ", field: "email").get() == "info@coop.exemple.org")
        for bad in ["info", "info@", "@coop.org", "a b@coop.org", "info@coop", "info@coop.o", "x@-coop.org", "a@b@c.org",
                    "x@coop-.org", "x@coop..org", "x@.coop.org", "x@coop.org.", "x@coop.o2", "x@coop.c-a",
                    String(repeating: "a", count: 250) + "@b.org"] {
            #expect((try? ContactRules.email(bad, field: "email").get()) == nil, "\(bad)")
        }
        // Plain addresses (checked by bytes) and the others (checked in full) give one verdict.
        for good in ["a.b_c-d+e@coop-1.exemple.org", "x@y.ca", "info@coop_x.org", "o'neil@coop.org", "x@coop.org"] {
            #expect((try? ContactRules.email(good, field: "email").get()) == good, "\(good)")
        }
        #expect((try? ContactRules.email("info@coop.org\u{7}", field: "email").get()) == nil)
        #expect(try ContactRules.website("www.coop.exemple.org", field: "website").get() == "https://www.coop.exemple.org")
        #expect(try ContactRules.website("http://coop.org/a?b=c", field: "website").get() == "http://coop.org/a?b=c")
        for bad in ["javascript:alert(1)", "ftp://coop.org", "https://", "coop", "https://coop .org"] {
            #expect((try? ContactRules.website(bad, field: "website").get()) == nil, "\(bad)")
        }
    }

    @Test("slugs fold accents and ligatures")
    func slugs() {
        #expect(Slug.make(from: "Coop de solidarité L'Écocentre") == "coop-de-solidarite-l-ecocentre")
        #expect(Slug.make(from: "Œuvre   d'Entraide — Saint-Bruno") == "oeuvre-d-entraide-saint-bruno")
        #expect(Slug.make(from: "!!!") == "entreprise")
    }

    @Test("regions by code or slug")
    func regions() {
        #expect(Region.all.count == 17)
        #expect(Region.find("16")?.name == "Montérégie")
        #expect(Region.find("6")?.code == "06")
        #expect(Region.find("monteregie")?.code == "16")
        #expect(Region.find("18") == nil)
        #expect(Sector.all.count == 11)
    }
}

@Suite("Stored timestamps")
struct TimestampTests {
    @Test("formatting and parsing round-trip to the millisecond")
    func roundTrip() {
        for offset in stride(from: 0.0, to: 2.0, by: 0.0001237) {
            let date = Date(timeIntervalSince1970: 1_795_000_000 + offset)
            let stored = Timestamp.stored(date)
            #expect(Timestamp.string(from: stored) == Timestamp.string(from: date))
            #expect(Timestamp.stored(stored) == stored)
        }
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: 0.5)) == "1970-01-01T00:00:00.500Z")
        #expect(Timestamp.date(from: "2026-11-27T04:27:59.123Z")?.timeIntervalSince1970 == 1_795_753_679.123)
    }
}

@Suite("Slugs by bytes")
struct SlugBytesTests {
    /// The character-by-character slug this one replaced.
    static func bySlowCharacters(_ text: String, maxLength: Int = 80) -> String {
        var slug = ""
        var pendingDash = false
        for char in Slug.fold(text) {
            if char.isASCII && (char.isLetter || char.isNumber) {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                slug.append(char)
                pendingDash = false
            } else {
                pendingDash = true
            }
            if slug.count >= maxLength { break }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "entreprise" : slug
    }

    @Test("the same slugs as character by character, for every demo name and odd ones")
    func sameAsBefore() {
        let odd = ["", "---", "Œuvre Écologique", "Coop  «l'Étoile»  inc.", "A–B—C", "日本 Coop", "ÆØÅ 12 $", String(repeating: "Très long nom ", count: 20),
                   "Café\u{00A0}du\u{2009}Coin", "x\u{0301}y", "Ünïcödé — 2024!"]
        for name in odd + DemoData.synthetic(count: 3_000, seed: 7).map(\.name) {
            #expect(Slug.make(from: name) == Self.bySlowCharacters(name), "\(name)")
            #expect(Slug.make(from: name, maxLength: 12) == Self.bySlowCharacters(name, maxLength: 12), "\(name)")
        }
    }
}
