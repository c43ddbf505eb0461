/// Length limits and text clean-up shared by every free-text field of the domain.
enum TextRules {
    static let nameMax = 200
    static let shortTextMax = 300
    static let longTextMax = 5_000

    /// Trims white space and collapses inner runs of spaces, tabs and line breaks.
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
    /// demo set): words separated by single spaces, none at either end. Checked without copying.
    static func isClean(_ text: String) -> Bool {
        var previousSpace = true  // a space at the start is not clean
        for scalar in text.unicodeScalars {
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
