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
    public static func fold(_ text: String) -> String {
        text.lowercased()
            .replacingOccurrences(of: "œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae")
            .folding(options: [.diacriticInsensitive], locale: Locale(identifier: "fr_CA"))
    }
}
