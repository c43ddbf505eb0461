import Foundation

/// URL slugs and accent folding shared by the domain (slugs) and the store (substring search).
public enum Slug {
    /// `Coop de solidarité L'Écocentre` → `coop-de-solidarite-l-ecocentre`.
    public static func make(from text: String, maxLength: Int = 80) -> String {
        var slug = ""
        var pendingDash = false
        for char in fold(text) {
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

    /// Lower case without accents or ligatures: `Œuvre Écologique` → `oeuvre ecologique`.
    ///
    /// Text made of ASCII and Latin letters, punctuation and spaces (nearly every name of the
    /// directory) is folded scalar by scalar from a table computed once by ``foundationFold(_:)``;
    /// anything else (combining marks, other scripts) goes through Foundation.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                out.append((0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value + 0x20)) : scalar)
            } else if let folded = foldTable[scalar] {
                out.append(contentsOf: folded)
            } else {
                return foundationFold(text)
            }
        }
        return String(out)
    }

    /// The folds of Latin-1, Latin Extended-A and B and general punctuation (format characters
    /// aside: Foundation drops some of them depending on their neighbours), each as Foundation
    /// folds it alone (folding them one at a time gives what folding the whole text gives: none
    /// combines with its neighbours).
    static let foldTable: [Unicode.Scalar: String.UnicodeScalarView] = {
        var table: [Unicode.Scalar: String.UnicodeScalarView] = [:]
        for value in Array(0xA0...0x24F) + Array(0x2000...0x206F) {
            guard let scalar = Unicode.Scalar(value), ![.unassigned, .format].contains(scalar.properties.generalCategory) else { continue }
            table[scalar] = foundationFold(String(scalar)).unicodeScalars
        }
        return table
    }()

    static func foundationFold(_ text: String) -> String {
        text.lowercased()
            .replacingOccurrences(of: "œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae")
            .folding(options: [.diacriticInsensitive], locale: Locale(identifier: "fr_CA"))
    }
}
