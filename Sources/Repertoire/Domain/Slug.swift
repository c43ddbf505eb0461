import Foundation

/// URL slugs and accent folding shared by the domain (slugs) and the store (substring search).
public enum Slug {
    /// `Coop de solidarité L'Écocentre` → `coop-de-solidarite-l-ecocentre`.
    public static func make(from text: String, maxLength: Int = 80) -> String {
        // By bytes of the folded text: ASCII letters and digits are kept, any run of anything
        // else (spaces, punctuation, what folding left outside ASCII) becomes one hyphen.
        var slug: [UInt8] = []
        slug.reserveCapacity(Swift.min(maxLength, text.utf8.count))
        var pendingDash = false
        for byte in fold(text).utf8 {
            let isLetterOrDigit = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            if isLetterOrDigit {
                if pendingDash && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                slug.append(byte)
                pendingDash = false
            } else {
                pendingDash = true
            }
            if slug.count >= maxLength { break }
        }
        while slug.last == UInt8(ascii: "-") { slug.removeLast() }
        return slug.isEmpty ? "entreprise" : String(decoding: slug, as: UTF8.self)
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
