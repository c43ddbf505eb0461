import Foundation

/// `repertoire bench`: how fast the search index builds and answers, in process, on a data set.
///
/// The query words are picked from the data itself (deterministically), so the same command
/// measures comparable work on any data set: a frequent word, a rare word, a prefix, a typo and
/// three words, each with three facet filters and the top 20 with every facet count.
public enum SearchBench {
    public struct Report: Sendable, Encodable {
        public struct Line: Sendable, Encodable {
            public var label: String
            public var query: String
            public var matches: Int
            public var p50Microseconds: Double
            public var p99Microseconds: Double
        }

        public var enterprises: Int
        public var loadSeconds: Double?
        public var buildSeconds: Double
        public var residentMegabytes: Double?
        public var facets: String
        public var lines: [Line]

        public var text: String {
            var out = "enterprises: \(enterprises)\n"
            if let loadSeconds { out += String(format: "load from store: %.2f s\n", loadSeconds) }
            out += String(format: "index build: %.2f s\n", buildSeconds)
            if let rss = residentMegabytes { out += String(format: "RSS: %.0f MB\n", rss) }
            out += "facet filters on every query: \(facets)\n"
            out += "query".padding(toLength: 12, withPad: " ", startingAt: 0) + "text".padding(toLength: 36, withPad: " ", startingAt: 0)
                + "matches     p50 µs     p99 µs\n"
            for line in lines {
                out += line.label.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + line.query.padding(toLength: 36, withPad: " ", startingAt: 0)
                    + String(format: "%7d %10.1f %10.1f\n", line.matches, line.p50Microseconds, line.p99Microseconds)
            }
            return out
        }
    }

    /// Builds an index of `enterprises` and measures the five query kinds, and a buyer's search of one place (where enterprises work).
    public static func run(_ enterprises: [Enterprise], catalog: MunicipalityCatalog, loadSeconds: Double? = nil, iterations: Int = 500) throws -> Report {
        let plan = Plan(enterprises, catalog: catalog)
        let (index, build) = try timedBuild(enterprises, catalog: catalog)
        Malloc.releaseFreeMemory()
        return plan.measure(index, enterprises: enterprises.count, loadSeconds: loadSeconds, buildSeconds: build, iterations: iterations)
    }

    /// An index of `enterprises` built at once, and how long the build took.
    static func timedBuild(_ enterprises: [Enterprise], catalog: MunicipalityCatalog) throws -> (SearchIndex, Double) {
        let documents = enterprises.map { SearchDocument($0, catalog: catalog) }
        let index = SearchIndex(synonyms: try SynonymTable.parse(SynonymTable.defaultSynonymsText))
        let start = ContinuousClock.now
        index.replaceAll(documents)
        return (index, seconds(ContinuousClock.now - start))
    }

    /// The queries, picked from the data: they outlive the records they were picked from.
    struct Plan {
        let queries: [(label: String, text: String, query: SearchQuery)]
        let facetText: String

        init(_ enterprises: [Enterprise], catalog: MunicipalityCatalog) {
            let words = SearchBench.pickWords(enterprises)
            let filters = SearchBench.pickFilters(enterprises)
            let texts: [(String, String)] = [
                ("frequent", words.frequent), ("rare", words.rare), ("prefix", words.prefix),
                ("typo", words.typo), ("three-word", words.threeWords),
            ]
            // A buyer's search: the frequent word in the most common municipality, meaning the
            // enterprises serving it (the serves facet, the local-first tiers, open ones only).
            var place = DirectoryQuery()
            place.text = words.frequent
            place.municipalities = [SearchBench.pickMunicipality(enterprises)]
            place.sectors = Array(filters[.sector] ?? [])
            place.offersToMunicipalities = true
            queries = texts.map { label, text in
                (label, text, SearchQuery(text: text, filters: filters, sort: .relevance, offset: 0, limit: 20))
            } + [("place", "\(words.frequent) serves:\(place.municipalities[0])", place.searchQuery(catalog: catalog))]
            facetText = filters.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\($0.key.rawValue)=\($0.value.sorted().joined(separator: ","))" }.joined(separator: " ")
        }

        /// Runs the queries on `index`; the report's RSS is the process's once they ran.
        func measure(_ index: SearchIndex, enterprises: Int, loadSeconds: Double?, buildSeconds: Double, iterations: Int) -> Report {
            let measured = SearchBenchmark.run(index, queries: queries.map { ($0.label, $0.query) }, iterations: iterations)
            return Report(
                enterprises: enterprises, loadSeconds: loadSeconds, buildSeconds: buildSeconds,
                residentMegabytes: SearchBenchmark.residentMemoryBytes().map { Double($0) / 1_048_576 },
                facets: facetText,
                lines: zip(queries, measured).map { query, measurement in
                    Report.Line(label: query.label, query: query.text, matches: measurement.lastTotal,
                                p50Microseconds: measurement.p50Microseconds, p99Microseconds: measurement.p99Microseconds)
                })
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    struct Words {
        var frequent: String
        var rare: String
        var prefix: String
        var typo: String
        var threeWords: String
    }

    /// Words from offering names: the most frequent one, one found in about 0.5 % of records,
    /// its first four letters, a one-letter typo of it, and the first three words of the most
    /// common three-word offering.
    static func pickWords(_ enterprises: [Enterprise]) -> Words {
        var documentFrequency: [String: Int] = [:]
        var original: [String: String] = [:]
        var phrases: [String: Int] = [:]
        for enterprise in enterprises {
            var seen = Set<String>()
            for offering in enterprise.profile.offerings {
                let words = offering.name.split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count >= 5 }
                for word in words {
                    let key = Slug.fold(word)
                    if seen.insert(key).inserted { documentFrequency[key, default: 0] += 1 }
                    if original[key] == nil { original[key] = word.lowercased() }
                }
                let all = offering.name.split(separator: " ").map(String.init)
                if all.count >= 3 { phrases[all.prefix(3).joined(separator: " ").lowercased(), default: 0] += 1 }
            }
        }
        let ranked = documentFrequency.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        let frequent = ranked.first?.key ?? "services"
        let target = max(1, enterprises.count / 200)
        let rare = ranked.min { (abs($0.value - target), $0.key) < (abs($1.value - target), $1.key) }?.key ?? frequent
        var typo = Array(frequent)
        if typo.count >= 5 { typo.swapAt(2, 3) }
        let phrase = phrases.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? frequent
        return Words(frequent: original[frequent] ?? frequent, rare: original[rare] ?? rare,
                     prefix: String(frequent.prefix(4)), typo: String(typo), threeWords: phrase)
    }

    /// The most common region and sector, and offers to municipalities.
    static func pickFilters(_ enterprises: [Enterprise]) -> [SearchFacet: Set<String>] {
        var regions: [String: Int] = [:]
        var sectors: [String: Int] = [:]
        for enterprise in enterprises {
            if let region = enterprise.profile.regionCode { regions[region, default: 0] += 1 }
            for sector in enterprise.profile.sectors { sectors[sector, default: 0] += 1 }
        }
        let region = regions.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "16"
        let sector = sectors.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "habitation"
        return [.region: [region], .sector: [sector], .offersToMunicipalities: ["true"]]
    }

    /// The municipality with most head offices.
    static func pickMunicipality(_ enterprises: [Enterprise]) -> String {
        var counts: [String: Int] = [:]
        for enterprise in enterprises { if let code = enterprise.profile.municipalityCode { counts[code, default: 0] += 1 } }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "58227"
    }

    /// Synthetic enterprises made in memory, for measuring without a database.
    public static func synthetic(count: Int, seed: UInt64) -> ([Enterprise], MunicipalityCatalog) {
        let catalog = MunicipalityCatalog(DemoData.municipalities)
        let now = Date()
        let enterprises = DemoData.synthetic(count: count, seed: seed).enumerated().map { offset, profile in
            Enterprise(id: String(format: "bench-%08d", offset), slug: "bench-\(offset)", profile: profile, isFictional: true,
                       version: 1, createdAt: now, updatedAt: now, archivedAt: nil)
        }
        return (enterprises, catalog)
    }
}
