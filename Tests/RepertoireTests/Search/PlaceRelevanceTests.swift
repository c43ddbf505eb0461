import Foundation
import Testing
@testable import Repertoire

/// Queries as Longueuil-area buyers type them, with a place in the words, an abbreviation or a
/// postal code, over the demo directory: the place becomes a filter on where enterprises work,
/// the local ones rank first, closed enterprises stay out.
@Suite("Search relevance with places in the query")
struct PlaceRelevanceTests {
    struct Case: Sendable, CustomStringConvertible {
        var query: String
        /// The place recognised: a municipality, MRC or region code, or an FSA.
        var place: String?
        /// The text left to match once the place is taken out.
        var remaining: String?
        var top: [String] = []
        var within = 5
        var present: [String] = []
        var absent: [String] = []
        /// Every one of the first `within` results mentions one of these in its name, other
        /// names or offerings (folded).
        var mention: [String] = []
        /// Every one of the first `within` results has its head office in one of these.
        var localTo: Set<String> = []
        var description: String { query }
    }

    typealias R = RelevanceTests

    static let catalog = MunicipalityCatalog(DemoData.municipalities)

    /// The demo set's head offices by id, and its FSA table (as the directory builds it).
    static let places: (municipalities: [String: String], postal: [String: [String]]) = {
        var municipalities: [String: String] = [:]
        var postal: [String: [String: Int]] = [:]
        for (offset, profile) in DemoData.defaultSet().enumerated() {
            let id = String(format: "demo-%05d", offset)
            municipalities[id] = profile.municipalityCode
            if let code = profile.postalCode, let municipality = profile.municipalityCode {
                postal[String(code.prefix(3)).uppercased(), default: [:]][municipality, default: 0] += 1
            }
        }
        return (municipalities, postal.mapValues { $0.sorted { $0.value > $1.value }.map(\.key) })
    }()

    static let interpreter = QueryInterpreter(catalog: catalog)
    static let profiles = DemoData.defaultSet()

    static func run(_ text: String, includeClosed: Bool = false, everywhere: Bool = false)
        -> (interpretation: QueryInterpreter.Interpretation?, result: SearchResult) {
        var query = DirectoryQuery()
        query.text = text
        query.includeClosed = includeClosed
        query.perPage = 100
        var found: QueryInterpreter.Interpretation?
        if !everywhere, let interpretation = interpreter.interpret(text, postalAreas: places.postal) {
            found = interpretation
            query = query.applying(interpretation)
        }
        var engine = query.searchQuery(catalog: catalog)
        engine.limit = 200
        return (found, R.corpus.index.search(engine))
    }

    static let longueuil = "58227", brossard = "58007", boucherville = "58033", saintBruno = "58037", saintLambert = "58012"

    static let cases: [Case] = [
        // The issue's three queries.
        Case(query: "ménage longueuil", place: longueuil, remaining: "ménage", within: 8,
             present: [R.ruche], mention: ["menage", "entretien", "concierg"], localTo: [longueuil]),
        Case(query: "st-bruno traiteur", place: saintBruno, remaining: "traiteur", within: 3, mention: ["traiteur", "cuisine", "popote", "repas"]),
        Case(query: "déneigement Brossard", place: brossard, remaining: "déneigement", within: 10,
             present: [R.snowRiveSud], mention: ["deneige", "neige"]),
        // Abbreviations, prepositions, full names, other cities.
        Case(query: "ST-BRUNO déneigement", place: saintBruno, within: 10, present: [R.travauxVerts, R.snowRiveSud]),
        Case(query: "st bruno aménagement paysager", place: saintBruno, top: [R.vertDemain], within: 1),
        Case(query: "déneigement à Boucherville", place: boucherville, remaining: "déneigement", top: [R.deneigeursBoucherville], within: 3,
             absent: [R.limoilou]),
        Case(query: "traiteur saint-lambert", place: saintLambert, remaining: "traiteur", top: [R.cuisinesSaintLambert], within: 3,
             absent: [R.tablee]),
        Case(query: "traiteur Saint-Bruno-de-Montarville", place: saintBruno, remaining: "traiteur"),
        Case(query: "entretien ménager Saint-Lambert", place: saintLambert, within: 5, mention: ["menage", "entretien", "concierg"]),
        Case(query: "friperie brossard", place: brossard, top: [R.entraide], within: 1),
        Case(query: "l’entraide brossard", place: brossard, top: [R.entraide], within: 1),
        Case(query: "vélo boucherville", place: boucherville, top: [R.velo], within: 1),
        Case(query: "imprimerie in Boucherville", place: boucherville, remaining: "imprimerie", present: [R.relais]),
        Case(query: "saint hyacinthe ressourcerie", place: "54048", top: [R.ressourcerie], within: 1),
        Case(query: "déneigement québec", place: "23027", top: [R.limoilou], within: 3, absent: [R.snowRiveSud, R.bonsVoisins]),
        Case(query: "snow removal brossard", place: brossard, present: [R.snowRiveSud]),
        Case(query: "catering longueuil", place: longueuil, present: [R.saveurs]),
        Case(query: "bouffe Longueuil", place: longueuil, remaining: "bouffe", present: [R.saveurs]),
        Case(query: "janitorial longueuil", place: longueuil, within: 5, mention: ["menage", "entretien", "concierg"]),
        // Regions and MRCs.
        Case(query: "déneigement Montérégie", place: "16", within: 10, present: [R.snowRiveSud, R.bonsVoisins], absent: [R.limoilou]),
        Case(query: "CPE MRC Les Maskoutains", place: "540", remaining: "CPE"),
        Case(query: "ordinateurs estrie", place: "05", top: [R.secondeVie], within: 1),
        // Postal codes: the whole code, without its space, or its first three characters.
        Case(query: "J4K 1C3", place: "J4K", remaining: "", present: [R.snowRiveSud], localTo: [longueuil]),
        Case(query: "J4K1C3", place: "J4K", remaining: "", present: [R.snowRiveSud]),
        Case(query: "déneigement j4k", place: "J4K", remaining: "déneigement", top: [R.snowRiveSud], within: 3),
        // Not places: words that stay words.
        Case(query: "3310433217", place: nil, top: [R.snowRiveSud], within: 1),
        Case(query: "centre de la petite enfance", place: nil, within: 10, present: [R.bourgeons, R.grenouille]),
        Case(query: "aménagement paysager", place: nil, within: 5, present: [R.vertDemain]),
        // Closed enterprises are left out.
        Case(query: "cantine saint-lambert", place: saintLambert, absent: ["Cantine solidaire Le Comptoir de Saint-Lambert"]),
    ]

    @Test("each query finds what a buyer expects", arguments: cases)
    func relevance(_ c: Case) {
        let (found, result) = Self.run(c.query)
        let names = R.corpus.names, texts = R.corpus.texts
        if let place = c.place {
            #expect(found?.place.code == place, "« \(c.query) »: place \(found.map { "\($0.place.name) (\($0.place.code))" } ?? "none"), wanted \(place)")
        } else {
            #expect(found == nil, "« \(c.query) »: no place wanted, found \(found?.place.name ?? "")")
        }
        if let remaining = c.remaining {
            #expect(found?.remainingText == remaining, "« \(c.query) »: remaining « \(found?.remainingText ?? "") »")
        }
        let ranked = result.hits.map { names[$0.id] ?? $0.id }
        for name in c.top {
            let position = ranked.firstIndex(of: name)
            #expect(position.map { $0 < c.within } == true,
                    "« \(c.query) »: \(name) at \(position.map { "\($0 + 1)" } ?? "absent"), wanted in the first \(c.within); top: \(ranked.prefix(c.within))")
        }
        for name in c.present {
            #expect(ranked.contains(name), "« \(c.query) »: \(name) missing from \(result.total) results: \(ranked.prefix(20))")
        }
        for name in c.absent {
            #expect(!ranked.contains(name), "« \(c.query) »: \(name) should not appear")
        }
        if !c.mention.isEmpty {
            #expect(!result.hits.isEmpty, "« \(c.query) »: nothing found")
            for hit in result.hits.prefix(c.within) {
                let text = texts[hit.id] ?? ""
                #expect(c.mention.contains { text.contains($0) }, "« \(c.query) »: \(names[hit.id] ?? hit.id) without \(c.mention)")
            }
        }
        if !c.localTo.isEmpty {
            // Based there, or naming it in its service area.
            for hit in result.hits.prefix(c.within) {
                let named = Set(Self.profiles[Int(hit.id.dropFirst(5))!].serviceArea.map { $0.scope == .municipalities ? $0.codes : [] } ?? [])
                #expect(c.localTo.contains(Self.places.municipalities[hit.id] ?? "") || !named.isDisjoint(with: c.localTo),
                        "« \(c.query) »: \(names[hit.id] ?? hit.id) is not local")
            }
        }
    }

    @Test("« ménage longueuil » gives Longueuil's cleaning enterprises first, not households or 'manage'")
    func cleaningInLongueuil() {
        let (_, result) = Self.run("ménage longueuil")
        let cleaning = result.hits.prefix(while: { Self.places.municipalities[$0.id] == Self.longueuil })
        #expect(cleaning.count >= 5, "\(cleaning.count) Longueuil results first")
        // Without the place understood, the city's name only matched descriptions.
        let (_, everywhere) = Self.run("ménage longueuil", everywhere: true)
        #expect(everywhere.total < result.total)
    }

    @Test("a place served by an enterprise that names it comes before one served through its region or all of Quebec")
    func localFirst() {
        let (_, result) = Self.run("déneigement Brossard")
        let names = result.hits.map { R.corpus.names[$0.id] ?? "" }
        let riveSud = names.firstIndex(of: R.snowRiveSud)
        #expect(riveSud != nil)
        // Every result serves Brossard: by name, through its MRC or region, or all of Quebec.
        let brossard = ServedPlaces.serving(municipality: Self.brossard, catalog: Self.catalog)
        let profiles = Self.profiles
        for hit in result.hits {
            let offset = Int(hit.id.dropFirst(5))!
            let served = Set(ServedPlaces.values(of: profiles[offset], catalog: Self.catalog))
            #expect(!served.isDisjoint(with: brossard), "\(R.corpus.names[hit.id] ?? "") does not serve Brossard")
        }
    }

    @Test("closed enterprises come back, last, when asked for")
    func closedIncluded() {
        let closed = "Cantine solidaire Le Comptoir de Saint-Lambert"
        let (_, result) = Self.run("cantine saint-lambert", includeClosed: true)
        let names = result.hits.map { R.corpus.names[$0.id] ?? "" }
        #expect(names.last == closed, "\(names.suffix(3))")
    }

    @Test("partial names choose the most populous match and offer the others")
    func alternatives() {
        let catalog = MunicipalityCatalog([
            Municipality(code: "58037", name: "Saint-Bruno-de-Montarville", regionCode: "16", mrc: "Longueuil (58)", designation: "Ville", population: 26_000),
            Municipality(code: "93030", name: "Saint-Bruno", regionCode: "02", mrc: "MRC Lac-Saint-Jean-Est (930)", designation: "Municipalité", population: 2_600),
            Municipality(code: "14025", name: "Saint-Bruno-de-Kamouraska", regionCode: "01", mrc: "MRC Kamouraska (140)", designation: "Municipalité", population: 500),
            Municipality(code: "48028", name: "Price", regionCode: "01", mrc: "MRC La Mitis (090)", designation: "Village", population: 1_700),
        ])
        let interpreter = QueryInterpreter(catalog: catalog)
        let found = interpreter.interpret("traiteur st-bruno")
        #expect(found?.place.code == "58037")
        #expect(found?.alternatives.map(\.code) == ["93030", "14025"])
        #expect(found?.remainingText == "traiteur")
        #expect(interpreter.interpret("price list") == nil, "a common word is not a place on its own")
        #expect(interpreter.interpret("saint") == nil)
        #expect(interpreter.interpret("450 555-0110") == nil, "a phone number stays an identifier")
    }
}
