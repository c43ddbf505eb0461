import Foundation

/// Proposes the enterprises a call for interest should go to: those that offer to
/// municipalities and serve the place of delivery, and whose text matches words of the need
/// (the directory's French engine, one search per word) or that are in one of its sectors.
/// Ranked by what they match, each with the reasons (the words, the sector, the area) stored as
/// codes that the pages write in French or English.
struct CallMatcher: Sendable {
    let directory: DirectoryService

    /// Words of the title count more than words of the description.
    static let titleWeight = 3
    static let descriptionWeight = 1
    static let sectorWeight = 2
    static let kindWeight = 1
    /// At most this many distinct words are looked up (the title's first).
    static let maxWords = 16
    /// Results read per word.
    static let perWord = 400

    struct Match: Sendable, Equatable {
        var enterpriseID: String
        var score: Int
        /// `mots:…`, `secteur:slug`, `type:kind`, `lieu:kind:code` (see ``Reason``).
        var reasons: [String]
    }

    /// A stored reason, read back for a page.
    enum Reason: Equatable {
        case words([String])
        case sector(String)
        case kind(String)
        case place(CallForInterest.PlaceKind, String)
        case list

        init?(_ code: String) {
            let parts = code.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            switch parts.first {
            case "mots" where parts.count >= 2: self = .words(parts[1...].joined(separator: ":").split(separator: ",").map(String.init))
            case "secteur" where parts.count == 2: self = .sector(parts[1])
            case "type" where parts.count == 2: self = .kind(parts[1])
            case "lieu" where parts.count == 3: guard let kind = CallForInterest.PlaceKind(rawValue: parts[1]) else { return nil }; self = .place(kind, parts[2])
            case "liste": self = .list
            default: return nil
            }
        }
    }

    /// The words looked up: the title's then the description's, each once (by its indexed form),
    /// stop words and short words left out.
    /// Words every public buyer's need is full of (« Services municipaux de… », « Travaux de… »):
    /// they would match any enterprise that works for cities, so they are not looked up.
    static let genericTerms: Set<String> = Set(["municipal", "municipale", "municipaux", "municipales", "ville", "villes", "municipalité",
                                                "service", "services", "travaux", "fourniture", "fournitures", "contrat", "contrats", "appel",
                                                "offres", "projet", "projets", "divers", "diverses", "lot", "addenda", "fictif", "fictive"]
        .compactMap { FrenchAnalyzer.terms($0).last })

    static func words(title: String, description: String) -> [(word: String, inTitle: Bool)] {
        var seen = Set<String>()
        var words: [(String, Bool)] = []
        for (text, inTitle) in [(title, true), (description, false)] {
            for raw in text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" && $0 != "'" && $0 != "’" }) {
                var word = String(raw).trimmingCharacters(in: CharacterSet(charactersIn: "-'’")).lowercased()
                // « d'entretien » is looked up, and said, as « entretien ».
                word = droppingElision(word)
                guard word.count >= 3, let term = FrenchAnalyzer.terms(word).last, !genericTerms.contains(term), seen.insert(term).inserted else { continue }
                words.append((word, inTitle))
                if words.count == maxWords { return words }
            }
        }
        return words
    }

    /// The word without a French elision (l', d', j', n', s', c', m', t', qu'). Checked by hand:
    /// a `Regex` literal is compiled again each time it is evaluated, which was a quarter of the
    /// matching of thousands of SEAO calls.
    static func droppingElision(_ word: String) -> String {
        var scalars = word.unicodeScalars.makeIterator()
        guard let first = scalars.next(), var second = scalars.next() else { return word }
        var prefix = 2
        if first == "q" {
            guard second == "u", let third = scalars.next() else { return word }
            second = third
            prefix = 3
        } else if !"ldjnscmt".unicodeScalars.contains(first) {
            return word
        }
        guard second == "'" || second == "’" else { return word }
        return String(word.unicodeScalars.dropFirst(prefix))
    }

    /// What is matched: a call for interest, or a public tender from SEAO.
    struct Need: Sendable {
        var title: String
        var description: String
        var sectors: [String]
        var kind: OfferingKind?
        /// The place served, or nil for all of Quebec.
        var place: (kind: CallForInterest.PlaceKind, codes: [String])?
        /// Words of the description too (calls for interest); a tender's title only.
        var maxWords = CallMatcher.maxWords
        /// Results read per word, and for the sectors (nil: four times the limit).
        var perWord = CallMatcher.perWord
        var perSectors: Int? = nil
    }

    func match(_ call: CallForInterest, limit: Int = CallForInterest.maxRecipients) -> [Match] {
        match(Need(title: call.title, description: call.description, sectors: call.sectors, kind: call.kind.offeringKind,
                   place: (call.placeKind, [call.placeCode])), limit: limit)
    }

    /// `search`: the directory's list of results for a query (a batch of tenders shares one that
    /// keeps each word's and each sector set's results per place, asked by many calls).
    func match(_ need: Need, limit: Int, search: ((DirectoryQuery, Int) -> [EnterpriseSummary])? = nil) -> [Match] {
        let search = search ?? { directory.searchAll($0, limit: $1) }
        var base = DirectoryQuery()
        base.offersToMunicipalities = true
        base.everywhere = true
        base.placeMode = .serves
        if let place = need.place {
            switch place.kind {
            case .municipality: base.municipalities = place.codes
            case .mrc: base.mrcs = place.codes
            case .region: base.regions = place.codes
            }
        }
        // Keyed by `IDKey`: thousands of summaries go by for each call, and a summary's id string
        // is decoded on each read.
        var found: [IDKey: (score: Int, words: [String], sector: String?, kind: Bool)] = [:]
        for (word, inTitle) in Self.words(title: need.title, description: need.description).prefix(need.maxWords) {
            var query = base
            query.text = word
            let weight = inTitle ? Self.titleWeight : Self.descriptionWeight
            for summary in search(query, need.perWord) {
                Self.add(&found[summary.idKey, default: (0, [], nil, false)], weight, word: word)
            }
        }
        let sectors = Set(need.sectors)
        if !sectors.isEmpty {
            var query = base
            query.sectors = need.sectors
            for summary in search(query, need.perSectors ?? limit * 4) {
                let sector = summary.sectors.first { sectors.contains($0) } ?? need.sectors.first
                Self.add(&found[summary.idKey, default: (0, [], nil, false)], Self.sectorWeight, sector: sector)
            }
        }
        // Enterprises that offer the call's kind (goods, services, work) rank a little higher.
        if let kind = need.kind {
            for key in directory.index.have([.offeringKind: [kind.rawValue]], keys: found.keys) {
                found[key]!.score += Self.kindWeight
                found[key]!.kind = true
            }
        }
        let places = need.place.map { place in place.codes.map { "lieu:\(place.kind.rawValue):\($0)" } } ?? []
        // The first `limit` by score, then their reasons (not every candidate's).
        let ranked = Self.best(found.lazy.map { (score: $0.value.score, key: $0.key) }, limit: limit).map { ($0, found[$0]!) }
        return ranked.map { id, value in
            var reasons: [String] = []
            if !value.words.isEmpty { reasons.append("mots:" + value.words.joined(separator: ",")) }
            if let sector = value.sector { reasons.append("secteur:" + sector) }
            if value.kind, let kind = need.kind { reasons.append("type:" + kind.rawValue) }
            reasons += places
            return Match(enterpriseID: id.id, score: value.score, reasons: reasons)
        }
    }

    /// The keys of the `limit` best scores, ties by key. Only the candidates at or above the
    /// `limit`-th score are sorted, as pairs of integers and keys: a call has about a thousand
    /// candidates, and sorting them all with their reasons was a tenth of the matching.
    static func best(_ candidates: some Collection<(score: Int, key: IDKey)>, limit: Int) -> [IDKey] {
        guard limit > 0, !candidates.isEmpty else { return [] }
        let cutoff = candidates.count <= limit ? Int.min : candidates.map(\.score).sorted(by: >)[limit - 1]
        let kept = candidates.filter { $0.score >= cutoff }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
        return kept.prefix(limit).map(\.key)
    }

    private static func add(_ entry: inout (score: Int, words: [String], sector: String?, kind: Bool), _ weight: Int, word: String? = nil, sector: String? = nil) {
        entry.score += weight
        if let word { entry.words.append(word) }
        if let sector { entry.sector = sector }
    }
}
