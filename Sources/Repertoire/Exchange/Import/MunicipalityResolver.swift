/// Turns what people write for a municipality into its official code, tolerant of the usual
/// variations (`TROIS-RIVIÈRES (QUÉBEC)`, `Trois-Rivieres QC`, `St-Boniface`, `Saint Boniface`)
/// but never guessing: a name shared by several municipalities is only settled by a region.
public struct MunicipalityResolver: Sendable {
    public enum Resolution: Sendable, Equatable {
        /// `formerName` is set when the text named a municipality merged into this one.
        case found(Municipality, formerName: String?)
        case ambiguous([Municipality])
        case unknown
    }

    private let byKey: [String: [Municipality]]
    private let byCode: [String: Municipality]

    public init(catalog: MunicipalityCatalog) {
        var byKey: [String: [Municipality]] = [:]
        var byCode: [String: Municipality] = [:]
        for municipality in catalog.all {
            byKey[Self.key(municipality.name), default: []].append(municipality)
            byCode[municipality.code] = municipality
        }
        self.byKey = byKey
        self.byCode = byCode
    }

    /// Resolves `text`; `regionCodes` (the row's region, then the import's default region) settle
    /// a name shared by municipalities of different regions.
    public func resolve(_ text: String, regionCodes: [String] = []) -> Resolution {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if Municipality.isValidCode(trimmed) {
            return byCode[trimmed].map { .found($0, formerName: nil) } ?? .unknown
        }
        var tokens = Self.tokens(trimmed)
        while !tokens.isEmpty {
            let key = tokens.joined(separator: " ")
            if let candidates = byKey[key] {
                return settle(candidates, regionCodes: regionCodes)
            }
            if let merged = Self.formerNames[key], let municipality = byCode[merged.code] {
                return .found(municipality, formerName: merged.name)
            }
            // `Trois-Rivières QC`, `Shawinigan Québec`: a trailing province is not part of the name.
            guard tokens.count > 1, let last = tokens.last, last == "qc" || last == "quebec" || last == "que" else { break }
            tokens.removeLast()
        }
        return .unknown
    }

    private func settle(_ candidates: [Municipality], regionCodes: [String]) -> Resolution {
        if candidates.count == 1 { return .found(candidates[0], formerName: nil) }
        for region in regionCodes {
            let inRegion = candidates.filter { $0.regionCode == region }
            if inRegion.count == 1 { return .found(inRegion[0], formerName: nil) }
        }
        return .ambiguous(candidates)
    }

    /// The comparison key: folded, parenthesised parts dropped, punctuation as spaces, `St`/`Ste`
    /// spelled out.
    static func key(_ text: String) -> String { tokens(text).joined(separator: " ") }

    static func tokens(_ text: String) -> [String] {
        var kept = String.UnicodeScalarView()
        var depth = 0
        for scalar in ImportText.fold(text).unicodeScalars {
            if scalar == "(" { depth += 1; kept.append(" "); continue }
            if scalar == ")" { depth = max(0, depth - 1); kept.append(" "); continue }
            if depth == 0 { kept.append(scalar) }
        }
        return ImportText.words(String(kept)).map { token in
            switch token {
            case "st": "saint"
            case "ste": "sainte"
            default: token
            }
        }
    }

    /// Municipalities merged away (2002 reorganisation in Mauricie) that registers still use.
    /// Applied only when the catalogue has no municipality of that name and holds the successor.
    static let formerNames: [String: (name: String, code: String)] = {
        let merged: [(String, String)] = [
            ("Shawinigan-Sud", "36033"), ("Grand-Mère", "36033"), ("Lac-à-la-Tortue", "36033"),
            ("Saint-Georges-de-Champlain", "36033"), ("Saint-Gérard-des-Laurentides", "36033"),
            ("Cap-de-la-Madeleine", "37067"), ("Trois-Rivières-Ouest", "37067"), ("Sainte-Marthe-du-Cap", "37067"),
            ("Saint-Louis-de-France", "37067"), ("Pointe-du-Lac", "37067"),
        ]
        return Dictionary(merged.map { (key($0.0), (name: $0.0, code: $0.1)) }, uniquingKeysWith: { first, _ in first })
    }()
}
