/// Fast text keys for matching, the import's hot path (several per row, 100,000 rows).
enum ImportText {
    /// For keys: the letters and digits of ``Slug/fold(_:)`` (lower case, accents and ligatures
    /// removed), computed directly for ASCII and French letters; anything rarer takes the slow path.
    static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                out.append(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(value + 0x20)! : scalar)
            } else if let folded = latin[value] {
                out.append(contentsOf: folded.unicodeScalars)
            } else if !scalar.properties.isAlphabetic && scalar.properties.numericType == nil {
                // Punctuation and symbols (`°`, `…`) only ever separate words in a key.
                out.append(" ")
            } else {
                return Slug.fold(text)
            }
        }
        return String(out)
    }

    private static let latin: [UInt32: String] = {
        let groups: [(String, String)] = [
            ("àáâãäåÀÁÂÃÄÅ", "a"), ("çÇ", "c"), ("èéêëÈÉÊË", "e"), ("ìíîïÌÍÎÏ", "i"), ("ñÑ", "n"),
            ("òóôõöÒÓÔÕÖ", "o"), ("ùúûüÙÚÛÜ", "u"), ("ýÿÝŸ", "y"), ("æÆ", "ae"), ("œŒ", "oe"),
            ("\u{00A0}", " "), ("’‘«»–—", " "),
        ]
        var table: [UInt32: String] = [:]
        for (letters, folded) in groups {
            for scalar in letters.unicodeScalars { table[scalar.value] = folded }
        }
        return table
    }()

    /// Folded letters and digits only, words separated by one space:
    /// `Coop. L'Écocentre inc.` → `coop l ecocentre inc`.
    static func key(_ text: String) -> String {
        words(fold(text)).joined(separator: " ")
    }

    static func words(_ folded: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            let isWordScalar = scalar.isASCII
                ? (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar))
                : (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
            if isWordScalar {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// Trims spaces, tabs, line breaks and no-break spaces without going through Foundation.
    static func trimmed(_ text: String) -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\u{00A0}" }
        guard let first = text.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = text.lastIndex(where: { !isSpace($0) })!
        return text[first...last]
    }
}
