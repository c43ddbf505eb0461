/// Reading legal forms, sectors, certifications and regions as people write them.
public enum ValueParsers {
    /// `COP` → co-operative, `APE` / `ASS` (the REQ's non-profit legal person and association),
    /// `OBNL`, `OSBL`, `organisme sans but lucratif` → non-profit, `coop de travail` → workers' co-op…
    public static func legalForm(_ text: String) -> LegalForm? {
        let key = MunicipalityResolver.tokens(text).joined(separator: " ")
        if let form = legalForms[key] { return form }
        if key.hasPrefix("coop") || key.hasPrefix("co op") {
            if key.contains("travailleurs actionnaires") { return .workerShareholdersCooperative }
            if key.contains("solidarit") { return .solidarityCooperative }
            if key.contains("travail") { return .workersCooperative }
            if key.contains("consomm") { return .consumersCooperative }
            if key.contains("producteur") { return .producersCooperative }
            return .cooperative
        }
        if key.contains("sans but lucratif") || key.contains("but non lucratif") || key.contains("non profit") {
            return .nonProfit
        }
        if key.hasPrefix("mutuel") { return .mutual }
        return nil
    }

    private static let legalForms: [String: LegalForm] = {
        var table: [String: LegalForm] = [
            "cop": .cooperative, "coop": .cooperative, "cooperative": .cooperative, "co operative": .cooperative,
            "ape": .nonProfit, "ass": .nonProfit, "association": .nonProfit, "obnl": .nonProfit, "osbl": .nonProfit,
            "onbl": .nonProfit, "npo": .nonProfit, "nonprofit": .nonProfit, "non profit": .nonProfit,
            "personne morale sans but lucratif": .nonProfit, "mutuelle": .mutual, "mutual": .mutual,
            "cta": .workerShareholdersCooperative, "autre": .other, "other": .other,
        ]
        for form in LegalForm.allCases {
            for label in [form.rawValue, form.name, form.nameEnglish] {
                table[MunicipalityResolver.tokens(label).joined(separator: " ")] = form
            }
        }
        return table
    }()

    /// A sector by slug, French name or English name.
    public static func sector(_ text: String) -> Sector? { sectors[Slug.make(from: text)] }

    private static let sectors: [String: Sector] = {
        var table: [String: Sector] = [:]
        for sector in Sector.all {
            for label in [sector.slug, sector.name, sector.nameEnglish] { table[Slug.make(from: label)] = sector }
        }
        return table
    }()

    /// A certification by slug, French name or English name.
    public static func certification(_ text: String) -> Certification? { certifications[Slug.make(from: text)] }

    private static let certifications: [String: Certification] = {
        var table: [String: Certification] = [:]
        for item in Certification.all {
            for label in [item.slug, item.name, item.nameEnglish] { table[Slug.make(from: label)] = item }
        }
        return table
    }()

    /// `Estrie (05)`, `05`, `5`, `estrie`, `Région de l'Estrie`… → the region.
    public static func region(_ text: String) -> Region? {
        if let open = text.lastIndex(of: "("), let close = text.lastIndex(of: ")"), open < close,
           let region = Region.find(String(text[text.index(after: open)..<close])) {
            return region
        }
        if let region = Region.find(text) { return region }
        let slug = Slug.make(from: text)
        return Region.all.first { slug == $0.slug || slug.hasSuffix("-" + $0.slug) }
    }

    /// Splits a list cell: `;`, `|` and line breaks separate items (not commas, which sector
    /// names contain).
    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "|" || $0.isNewline })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// The values a code or free-text cell holds, as the preview lists them: one for a legal form
    /// or a category; for sectors, items split on `;`, `|` or line breaks, and on commas unless
    /// the text is a sector's own name (`Arts, culture et patrimoine`): `Habitation, Loisirs` is two.
    static func valueItems(_ text: String, field: ImportField) -> [String] {
        if field == .legalForm || field == .category || sector(text) != nil { return [text] }
        return list(text).flatMap { item -> [String] in
            guard sector(item) == nil, item.contains(",") else { return [item] }
            return item.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    /// `Oui`, `O`, `Yes`, `Vrai`, `1`, `X` → true; `Non`, `N`, `No`, `Faux`, `0` → false.
    static func yesNo(_ text: String) -> Bool? {
        switch ImportText.key(text) {
        case "oui", "o", "yes", "y", "vrai", "true", "1", "x": true
        case "non", "n", "no", "faux", "false", "0": false
        default: nil
        }
    }

    /// `46.81`, `46,81` (French decimal comma) → 46.81.
    static func number(_ text: String) -> Double? {
        let trimmed = ImportText.trimmed(text)
        return Double(trimmed.contains(",") ? trimmed.replacingOccurrences(of: ",", with: ".") : String(trimmed))
    }
}
