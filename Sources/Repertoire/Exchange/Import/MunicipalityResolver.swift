/// Turns what people write for a municipality into its official code, tolerant of the usual
/// variations (`TROIS-RIVIÈRES (QUÉBEC)`, `Trois-Rivieres QC`, `St-Boniface`, `Saint Boniface`)
/// but never guessing: a name shared by several municipalities is only settled by a region.
public struct MunicipalityResolver: Sendable {
    public enum Resolution: Sendable, Equatable {
        /// `formerName` is set when the text named a municipality merged into this one.
        case found(Municipality, formerName: String?)
        case ambiguous([Municipality])
        /// A First Nations or Inuit community outside the MAMH list: no code, but a region.
        case indigenousCommunity(IndigenousCommunity)
        case unknown
    }

    private let byKey: [String: [Municipality]]
    private let byCode: [String: Municipality]
    private let suggester: MunicipalitySuggestions

    /// True when the reference list is not loaded: then no name can be checked.
    public var isEmpty: Bool { byCode.isEmpty }

    public init(catalog: MunicipalityCatalog) {
        var byKey: [String: [Municipality]] = [:]
        var byCode: [String: Municipality] = [:]
        for municipality in catalog.all {
            byKey[Self.key(municipality.name), default: []].append(municipality)
            byCode[municipality.code] = municipality
        }
        self.byKey = byKey
        self.byCode = byCode
        self.suggester = MunicipalitySuggestions(catalog.all)
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
            let community = IndigenousCommunity.byKey[key]
            if let candidates = byKey[key] {
                // `Lac-Simon` is a municipality of the Outaouais and an Anishinabe community of
                // Abitibi: the row's region tells which.
                if let community, regionCodes.contains(community.regionCode),
                   !candidates.contains(where: { regionCodes.contains($0.regionCode) }) {
                    return .indigenousCommunity(community)
                }
                return settle(candidates, regionCodes: regionCodes)
            }
            if let merged = Self.formerNames[key], let municipality = byCode[merged.code] {
                return .found(municipality, formerName: merged.name)
            }
            if let community {
                // Cree, Naskapi and Inuit villages are municipalities: their official entry wins.
                if let official = byKey[Self.key(community.name)] {
                    return settle(official, regionCodes: regionCodes)
                }
                return .indigenousCommunity(community)
            }
            // `Trois-Rivières QC`, `Shawinigan Québec`: a trailing province is not part of the name.
            guard tokens.count > 1, let last = tokens.last, last == "qc" || last == "quebec" || last == "que" else { break }
            tokens.removeLast()
        }
        return .unknown
    }

    /// Official names close to `text`, those of `regionCodes` first, for an unknown name.
    public func suggestions(for text: String, regionCodes: [String] = []) -> [Municipality] {
        suggester.suggestions(for: text, regionCodes: regionCodes)
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
}

extension MunicipalityResolver.Resolution {
    var community: IndigenousCommunity? {
        if case .indigenousCommunity(let community) = self { return community }
        return nil
    }
}
