/// Length limits and text clean-up shared by every free-text field of the domain.
enum TextRules {
    static let nameMax = 200
    static let shortTextMax = 300
    static let longTextMax = 5_000

    /// Trims white space, collapses inner runs of spaces, tabs and line breaks, and removes
    /// bidirectional overrides and zero-width characters (``isInvisibleFormat(_:)``).
    ///
    /// Works on Unicode scalars (what `Character.isWhitespace` tests is the first scalar of a
    /// character, so the result is the same) without breaking the text into characters: it runs
    /// for every text field of every profile of an import or a demo set.
    static func clean(_ text: String) -> String {
        if isClean(text) { return text }
        var out = String.UnicodeScalarView()
        var space = false
        var afterSpace = false
        for scalar in text.unicodeScalars {
            if isInvisibleFormat(scalar) { continue }
            if isWhitespace(scalar) {
                space = true
                afterSpace = true
                continue
            }
            // A combining mark right after white space belongs to the white space's character.
            if afterSpace && scalar.value >= 0x300 && (scalar.properties.isGraphemeExtend || scalar.value == 0x200D) { continue }
            afterSpace = false
            if space {
                if !out.isEmpty { out.append(" ") }
                space = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// True when ``clean(_:)`` would return the text as it is (most text of an import or a
    /// demo set): words separated by single spaces, none at either end, and no invisible
    /// format character. Checked without copying.
    static func isClean(_ text: String) -> Bool {
        var previousSpace = true  // a space at the start is not clean
        for scalar in text.unicodeScalars {
            if isInvisibleFormat(scalar) { return false }
            if scalar == " " {
                if previousSpace { return false }
                previousSpace = true
            } else if isWhitespace(scalar) {
                return false
            } else {
                if previousSpace && scalar.value >= 0x300 && (scalar.properties.isGraphemeExtend || scalar.value == 0x200D) {
                    return false
                }
                previousSpace = false
            }
        }
        return !previousSpace || text.isEmpty
    }

    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    /// Trims surrounding white space but keeps paragraphs (line breaks, `\n` or `\r\n`) of long texts.
    static func cleanParagraphs(_ text: String) -> String {
        if isClean(text) { return text }
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { clean(String(String.UnicodeScalarView($0))) }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    static func removingInvisibleFormat(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isInvisibleFormat) else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.filter { !isInvisibleFormat($0) })
        return String(out)
    }

    /// A person's or a token's name: cleaned like any short text; nil when it holds control
    /// characters, which have no place in a name (and would reach e-mails and the audit log).
    static func personName(_ text: String) -> String? {
        let cleaned = clean(text)
        return cleaned.unicodeScalars.contains(where: isControl) ? nil : cleaned
    }

    /// An empty or blank string becomes nil.
    static func optional(_ text: String?) -> String? {
        guard let text else { return nil }
        let cleaned = clean(text)
        return cleaned.isEmpty ? nil : cleaned
    }

    /// Checks a length limit and, if it is exceeded, reports it on `field`.
    static func checkLength(_ text: String, max: Int, field: String, into issues: inout [FieldIssue]) {
        let count = text.count
        if count > max {
            issues.append(FieldIssue(
                field: field, code: "too_long",
                message: "Ce texte est trop long : \(count) caractères pour un maximum de \(max).",
                english: "This text is too long: \(count) characters for a maximum of \(max)."
            ))
        }
    }

    /// C0 and C1 control characters and DEL (NUL, ESC, line breaks…).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The text with its control characters written out (`\u{1B}`), for messages and log lines:
    /// nothing invisible, no line a reader could take for another.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) || isInvisibleFormat($0) }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) || isInvisibleFormat(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Bidirectional marks, overrides and isolates (U+200E, U+200F, U+061C, U+202A–U+202E,
    /// U+2066–U+2069), which reorder what a reader sees, and invisible characters — zero-width
    /// ones (U+200B–U+200D, U+2060, U+FEFF), invisible operators (U+2061–U+2064), deprecated
    /// format characters (U+206A–U+206F), the soft hyphen, the combining grapheme joiner, the
    /// Mongolian vowel separator, Hangul fillers, variation selectors and tag characters — which
    /// hide differences between two names that look alike.
    static func isInvisibleFormat(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F, 0xFEFF, 0x061C, 0x00AD, 0x034F, 0x180E,
             0x115F, 0x1160, 0x3164, 0xFFA0, 0xFE00...0xFE0F, 0xE0000...0xE007F: true
        default: false
        }
    }

    /// Control characters other than tab and line breaks have no place in a profile and often
    /// betray a broken import; they are refused rather than stored.
    static func checkPrintable(_ text: String, field: String, into issues: inout [FieldIssue]) {
        if text.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r") || $0.value == 0x7F }) {
            issues.append(FieldIssue(
                field: field, code: "control_character",
                message: "Ce texte contient des caractères de contrôle invisibles.",
                english: "This text contains invisible control characters."
            ))
        }
    }
}

import Foundation
