/// Converts names typed in capitals (as the REQ stores them) to French title case.
///
/// The rule, applied the same way everywhere:
/// - every word starts with a capital, the rest lower case, accents kept;
/// - small words (articles, prepositions, conjunctions: de, du, des, la, le, les, et, à, au, aux,
///   en, pour, sur…) stay lower case, except as the first word;
/// - elisions: `d'`, `qu'`, `j'`… are lower case inside a name; `l'` is lower case after a small
///   word (`de l'Ouest`) and `L'` elsewhere, because it then begins a proper name
///   (`Centre de la Petite Enfance L'Arbre Enchanté`); the word after the apostrophe is capitalised;
/// - each part of a hyphenated word follows the same rule (`Saint-Roch-de-Mékinac`);
/// - a few acronyms stay in capitals (CPE, OBNL, CLSC, HLM…), as do Roman numerals and words
///   that cannot be French words: no vowel (`CDC`, `TCM`), or three consonants to begin with
///   that no French word begins with (`HBSA`).
public enum FrenchTitleCase {
    static let smallWords: Set<String> = [
        "de", "du", "des", "la", "le", "les", "et", "à", "au", "aux", "en", "pour", "sur", "par", "dans", "avec",
        "sous", "chez", "ou", "un", "une", "d", "l", "of", "the", "and",
    ]

    static let acronyms: Set<String> = [
        "CPE", "OBNL", "OSBL", "CLSC", "HLM", "CHSLD", "CDC", "CJE", "SADC", "CDEC", "MRC", "CSSS", "CIUSSS", "CISSS",
        "TNO", "UQTR", "CÉGEP", "CEGEP", "FADOQ", "YMCA", "YWCA", "AFEAS", "SDC", "II",
        "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII",
    ]

    static let elisions: Set<String> = ["l", "d", "j", "qu", "s", "n", "m", "c", "jusqu", "lorsqu", "puisqu"]

    /// True when the text has letters and none of them is lower case: only such names are converted
    /// by an import, so a name a person already wrote in mixed case is left alone.
    public static func isAllCapitals(_ text: String) -> Bool {
        var hasLetter = false
        for char in text where char.isLetter {
            if char.isLowercase { return false }
            hasLetter = true
        }
        return hasLetter
    }

    public static func convert(_ text: String) -> String {
        var words: [String] = []
        var previousWasSmall = false
        for (index, word) in text.split(separator: " ", omittingEmptySubsequences: true).enumerated() {
            let parts = word.split(separator: "-", omittingEmptySubsequences: false)
            var converted: [String] = []
            for (partIndex, part) in parts.enumerated() {
                let isFirst = index == 0 && partIndex == 0
                let (text, small) = convertPart(String(part), isFirst: isFirst, afterSmallWord: previousWasSmall && partIndex == 0)
                converted.append(text)
                if partIndex == parts.count - 1 { previousWasSmall = small }
            }
            words.append(converted.joined(separator: "-"))
        }
        return words.joined(separator: " ")
    }

    /// One word without hyphens; returns it converted and whether it is a small word.
    private static func convertPart(_ part: String, isFirst: Bool, afterSmallWord: Bool) -> (String, Bool) {
        guard !part.isEmpty else { return (part, false) }
        let core = part.filter { $0.isLetter }
        if acronyms.contains(core.uppercased()) || looksLikeAcronym(core) { return (part.uppercased(), false) }
        // Elision: `L'ARBRE`, `D'HABITATION` (straight or typographic apostrophe).
        if let apostrophe = part.firstIndex(where: { $0 == "'" || $0 == "’" }) {
            let head = part[..<apostrophe].lowercased()
            let tail = String(part[part.index(after: apostrophe)...])
            if elisions.contains(head) {
                let keepsCapital = isFirst || (head == "l" && !afterSmallWord)
                let prefix = keepsCapital ? capitalised(head) : head
                let (rest, _) = convertPart(tail, isFirst: true, afterSmallWord: false)
                return (prefix + String(part[apostrophe]) + rest, false)
            }
        }
        let lower = part.lowercased()
        if !isFirst && smallWords.contains(lower) { return (lower, true) }
        return (capitalised(lower), smallWords.contains(lower))
    }

    static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y", "à", "â", "é", "è", "ê", "ë", "î", "ï", "ô", "ù", "û", "ü", "ÿ"]
    /// Abbreviations that are words, not acronyms, although they have no vowel.
    static let consonantWords: Set<String> = ["st", "mr", "dr", "mgr"]
    /// How French (and English) words may begin with three consonants.
    static let consonantOpenings: Set<String> = ["str", "scr", "spr", "spl", "sch", "chr", "phr", "thr", "shr", "sph", "tch"]

    /// `HBSA`, `TCM`, `CDC`: a capitalised word that no French word could be.
    static func looksLikeAcronym(_ core: String) -> Bool {
        let lower = core.lowercased()
        guard lower.count >= 2, lower.count <= 6, !consonantWords.contains(lower) else { return false }
        if !lower.contains(where: vowels.contains) { return true }
        let opening = lower.prefix { !vowels.contains($0) }
        return opening.count >= 3 && !consonantOpenings.contains(String(opening.prefix(3)))
    }

    /// Upper-cases the first letter (after any leading punctuation such as `(` or `«`).
    private static func capitalised(_ word: String) -> String {
        guard let first = word.firstIndex(where: { $0.isLetter }) else { return word }
        return word[..<first] + word[first].uppercased() + word[word.index(after: first)...]
    }
}
