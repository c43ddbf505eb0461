/// Finds, for each imported profile, the existing record it describes (by NEQ first, then by
/// name and municipality), and the earlier rows of the same file it repeats.
struct ImportMatcher {
    enum Match {
        case none
        case record(ExistingRecord)
        /// An earlier row of the file already matched this record.
        case alreadyMatched(line: Int)
    }

    struct Duplicate {
        var column: ImportField
        var message: String
    }

    private let existing: [ExistingRecord]
    private var byNEQ: [String: Int] = [:]
    private var bySlug: [String: Int] = [:]
    private var byName: [String: Int] = [:]
    private var seenNEQ: [String: Int] = [:]
    private var seenName: [String: (line: Int, neq: String?)] = [:]
    private var matchedLine: [Int: Int] = [:]

    init(existing: [ExistingRecord]) {
        self.existing = existing
        for (index, record) in existing.enumerated() {
            if let neq = record.neq, byNEQ[neq] == nil { byNEQ[neq] = index }
            if let slug = record.slug { bySlug[slug] = index }
            let key = Self.nameKey(record.name, record.municipalityCode)
            if byName[key] == nil { byName[key] = index }
        }
    }

    /// `Coop. L'Écocentre inc` and `COOP L ECOCENTRE INC` are the same name.
    static func nameKey(_ name: String, _ municipalityCode: String?) -> String {
        ImportText.key(name) + "|" + (municipalityCode ?? "")
    }

    /// Reports a row repeating an earlier accepted row (same NEQ, or same name and municipality),
    /// and otherwise remembers this one.
    /// Same NEQ, or same name and municipality where the NEQs do not tell them apart (two
    /// registered enterprises may share a name: `… (1996)` is a different NEQ).
    mutating func duplicate(of profile: EnterpriseProfile, key: String, line: Int) -> Duplicate? {
        if let neq = profile.neq, let first = seenNEQ[neq] {
            return Duplicate(column: .neq, message: "doublon de la ligne \(first) (même NEQ \(neq)) : ligne ignorée.")
        }
        if let first = seenName[key], profile.neq == nil || first.neq == nil {
            return Duplicate(column: .name, message: "doublon de la ligne \(first.line) (même nom et même municipalité) : ligne ignorée.")
        }
        if let neq = profile.neq { seenNEQ[neq] = line }
        if seenName[key] == nil { seenName[key] = (line, profile.neq) }
        return nil
    }

    /// By the record's page (our exports' `Fiche`), else by NEQ, else by name and municipality
    /// unless both sides have different NEQs.
    mutating func match(_ profile: EnterpriseProfile, key: String, line: Int, slug: String? = nil) -> Match {
        var index = slug.flatMap { bySlug[$0] } ?? profile.neq.flatMap { byNEQ[$0] }
        if index == nil, let candidate = byName[key], profile.neq == nil || existing[candidate].neq == nil {
            index = candidate
        }
        guard let index else { return .none }
        if let first = matchedLine[index] { return .alreadyMatched(line: first) }
        matchedLine[index] = line
        return .record(existing[index])
    }
}
