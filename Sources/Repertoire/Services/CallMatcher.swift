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

    /// The directory query every proposal is drawn from: offers to municipalities, serves the place.
    func baseQuery(_ call: CallForInterest) -> DirectoryQuery {
        var query = DirectoryQuery()
        query.offersToMunicipalities = true
        query.everywhere = true
        query.placeMode = .serves
        switch call.placeKind {
        case .municipality: query.municipalities = [call.placeCode]
        case .mrc: query.mrcs = [call.placeCode]
        case .region: query.regions = [call.placeCode]
        }
        return query
    }

    /// The words looked up: the title's then the description's, each once (by its indexed form),
    /// stop words and short words left out.
    static func words(title: String, description: String) -> [(word: String, inTitle: Bool)] {
        var seen = Set<String>()
        var words: [(String, Bool)] = []
        for (text, inTitle) in [(title, true), (description, false)] {
            for raw in text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" && $0 != "'" && $0 != "’" }) {
                let word = String(raw).trimmingCharacters(in: CharacterSet(charactersIn: "-'’")).lowercased()
                guard word.count >= 3, let term = FrenchAnalyzer.terms(word).last, seen.insert(term).inserted else { continue }
                words.append((word, inTitle))
                if words.count == maxWords { return words }
            }
        }
        return words
    }

    func match(_ call: CallForInterest, limit: Int = CallForInterest.maxRecipients) -> [Match] {
        let base = baseQuery(call)
        var found: [String: (score: Int, words: [String], sector: String?, kind: Bool)] = [:]
        for (word, inTitle) in Self.words(title: call.title, description: call.description) {
            var query = base
            query.text = word
            for summary in directory.searchAll(query, limit: Self.perWord) {
                found[summary.id, default: (0, [], nil, false)].score += inTitle ? Self.titleWeight : Self.descriptionWeight
                found[summary.id]!.words.append(word)
            }
        }
        let sectors = Set(call.sectors)
        if !sectors.isEmpty {
            var query = base
            query.sectors = call.sectors
            for summary in directory.searchAll(query, limit: limit * 4) {
                let sector = summary.sectors.first { sectors.contains($0) }
                found[summary.id, default: (0, [], nil, false)].score += Self.sectorWeight
                found[summary.id]!.sector = sector ?? call.sectors.first
            }
        }
        // Enterprises that offer the call's kind (goods, services, work) rank a little higher.
        for id in directory.index.have([.offeringKind: [call.kind.offeringKind.rawValue]], ids: Array(found.keys)) {
            found[id]!.score += Self.kindWeight
            found[id]!.kind = true
        }
        let place = "lieu:\(call.placeKind.rawValue):\(call.placeCode)"
        return found.map { id, value in
            var reasons: [String] = []
            if !value.words.isEmpty { reasons.append("mots:" + value.words.joined(separator: ",")) }
            if let sector = value.sector { reasons.append("secteur:" + sector) }
            if value.kind { reasons.append("type:" + call.kind.offeringKind.rawValue) }
            reasons.append(place)
            return Match(enterpriseID: id, score: value.score, reasons: reasons)
        }
        .sorted { $0.score != $1.score ? $0.score > $1.score : $0.enterpriseID < $1.enterpriseID }
        .prefix(limit).map { $0 }
    }
}
