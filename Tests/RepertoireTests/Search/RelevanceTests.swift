import Foundation
import Testing
@testable import Repertoire

/// The relevance test set: queries a municipal buyer would type, over the demo directory, each
/// with the enterprises that must rank near the top and those that must not appear.
@Suite("Search relevance on the demo directory")
struct RelevanceTests {
    struct Case: Sendable, CustomStringConvertible {
        var query: String
        var filters: [SearchFacet: Set<String>] = [:]
        /// Each of these must be within the first `within` results.
        var top: [String] = []
        var within = 5
        /// Each of these must be somewhere in the results.
        var present: [String] = []
        /// None of these may appear at all.
        var absent: [String] = []
        /// The exact number of results, when it matters (empty results).
        var total: Int?
        /// Every one of the first `within` results must contain one of these (accents and case
        /// folded) in its name, other names or offerings: for common needs, where many
        /// enterprises qualify and any of them is a right answer.
        var mention: [String] = []
        var description: String { "\(query)\(filters.isEmpty ? "" : " \(filters.map { "\($0.key.rawValue)=\($0.value.sorted())" })")" }
    }

    /// The default demo set indexed in memory, with names by id.
    static let corpus: (index: SearchIndex, names: [String: String], texts: [String: String], count: Int) = {
        let catalog = MunicipalityCatalog(DemoData.municipalities)
        let index = SearchIndex(synonyms: .default)
        var names: [String: String] = [:]
        var texts: [String: String] = [:]
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let documents = DemoData.defaultSet().enumerated().map { offset, profile -> SearchDocument in
            let id = String(format: "demo-%05d", offset)
            names[id] = profile.name
            texts[id] = Slug.fold(([profile.name] + profile.otherNames.map(\.name) + profile.offerings.map(\.name)).joined(separator: " | "))
            let enterprise = Enterprise(id: id, slug: Slug.make(from: profile.name), profile: profile, isFictional: true,
                                        version: 1, createdAt: now, updatedAt: now, archivedAt: nil)
            return SearchDocument(enterprise, catalog: catalog)
        }
        index.replaceAll(documents)
        return (index, names, texts, documents.count)
    }()

    static let snowRiveSud = "Coopérative de solidarité Déneigement Rive-Sud"
    static let bonsVoisins = "Déneigement Les Bons Voisins"
    static let travauxVerts = "Les Travaux verts de Montarville"
    static let deneigeursBoucherville = "Coopérative de travail Les Déneigeurs de Boucherville"
    static let limoilou = "Coopérative de solidarité Déneigement Limoilou"
    static let saveurs = "Traiteur Les Saveurs du Partage"
    static let cuisinesSaintLambert = "Les Cuisines solidaires de Saint-Lambert"
    static let tablee = "Traiteur La Tablée du Plateau"
    static let ruche = "Services d'entretien ménager La Ruche (OBNL)"
    static let conciergerie = "Coopérative de travail La Conciergerie du Fleuve"
    static let relais = "Imprimerie coopérative Le Relais"
    static let vertDemain = "Aménagement paysager Vert Demain"
    static let ordiVert = "Récupération informatique Ordi-Vert"
    static let secondeVie = "Ordinateurs Seconde Vie de l'Estrie"
    static let bourgeons = "Centre de la petite enfance Les Petits Bourgeons"
    static let grenouille = "CPE La Petite Grenouille"
    static let entraide = "Friperie L'Entraide de Brossard"
    static let vestiaire = "Le Vestiaire solidaire de Boucherville"
    static let atelier = "L'Atelier d'économie sociale"
    static let ressourcerie = "Coopérative de solidarité Ressourcerie de Saint-Hyacinthe"
    static let oeuvre = "Œuvre des Jardins collectifs de Boucherville"
    static let butineuses = "Apiculture urbaine Les Butineuses de la Rive-Sud"
    static let velo = "Vélo-Cité Boucherville, atelier coopératif"
    static let babel = "Coopérative de travail Traductions Babel"
    static let renovation = "Rénovation Habitat Solidaire"
    static let popote = "La Popote du Cœur de Boucherville"

    static let cases: [Case] = [
        // accents, case and plurals
        Case(query: "déneigement", within: 20, present: [snowRiveSud, bonsVoisins, travauxVerts], mention: ["deneigement"]),
        Case(query: "deneigement", within: 20, present: [snowRiveSud, bonsVoisins], mention: ["deneigement"]),
        Case(query: "DÉNEIGEMENT", within: 20, present: [snowRiveSud, bonsVoisins], mention: ["deneigement"]),
        Case(query: "déneigements", within: 20, present: [snowRiveSud, bonsVoisins], mention: ["deneigement"]),
        Case(query: "traiteur", within: 20, present: [saveurs, tablee], mention: ["traiteur"]),
        Case(query: "traiteurs", within: 20, present: [saveurs, tablee], mention: ["traiteur"]),
        Case(query: "vélos", top: [velo], within: 5),
        Case(query: "velo", top: [velo], within: 5),
        Case(query: "coopératives déneigement", within: 10, present: [snowRiveSud, deneigeursBoucherville], mention: ["deneige"]),
        // synonyms, both ways
        Case(query: "déblaiement de la neige", top: [travauxVerts], within: 3, present: [snowRiveSud]),
        Case(query: "snow removal", present: [snowRiveSud, travauxVerts]),
        Case(query: "conciergerie", within: 5, present: [conciergerie, ruche], mention: ["concierg"]),
        Case(query: "entretien ménager", within: 10, present: [ruche, conciergerie], mention: ["entretien menager"]),
        Case(query: "CPE", within: 10, present: [grenouille, bourgeons], mention: ["cpe", "centre de la petite enfance"]),
        Case(query: "centre de la petite enfance", within: 10, present: [bourgeons, grenouille], mention: ["centre de la petite enfance"]),
        Case(query: "friperie", within: 10, present: [entraide, vestiaire], mention: ["friperie"]),
        Case(query: "vêtements usagés", within: 10, present: [vestiaire, entraide], mention: ["vetements", "friperie"]),
        Case(query: "impression", within: 10, present: [relais], mention: ["impression", "imprim"]),
        Case(query: "imprimerie", within: 10, present: [relais], mention: ["imprim"]),
        Case(query: "catering", present: [saveurs, tablee]),
        // informal and English words buyers type
        Case(query: "bouffe", within: 20, present: [saveurs, tablee]),
        Case(query: "caterer", present: [saveurs, tablee]),
        Case(query: "bike", top: [velo], within: 5),
        Case(query: "janitorial", within: 10, present: [ruche, conciergerie]),
        Case(query: "ménage", within: 10, present: [ruche, conciergerie]),
        Case(query: "daycare", within: 10, present: [grenouille, bourgeons]),
        Case(query: "landscaping", present: [vertDemain]),
        Case(query: "printing", present: [relais]),
        // elisions, hyphens, ligatures
        Case(query: "l'entraide", top: [entraide], within: 3),
        Case(query: "l’entraide brossard", top: [entraide], within: 1),
        Case(query: "atelier d'économie sociale", top: [atelier], within: 3),
        Case(query: "saint-hyacinthe", top: [ressourcerie], within: 10, mention: ["saint-hyacinthe"]),
        Case(query: "saint hyacinthe ressourcerie", top: [ressourcerie], within: 1),
        Case(query: "oeuvre jardins", top: [oeuvre], within: 1),
        Case(query: "œuvre", top: [oeuvre], within: 3),
        Case(query: "popote coeur", top: [popote], within: 1),
        // typos
        Case(query: "deneigment", within: 10, present: [snowRiveSud, bonsVoisins], mention: ["deneigement"]),
        Case(query: "traitteur", within: 10, present: [saveurs, tablee], mention: ["traiteur"]),
        Case(query: "apicultre", top: [butineuses], within: 1),
        Case(query: "imprimrie", within: 5, present: [relais], mention: ["imprim"]),
        // prefixes (type-ahead)
        Case(query: "apicul", top: [butineuses], within: 1),
        Case(query: "butin", top: [butineuses], within: 1),
        Case(query: "ordinateurs recond", top: [secondeVie], within: 3, present: [ordiVert], mention: ["ordinateurs recond"]),
        // rare words and multi-word
        Case(query: "apiculture", top: [butineuses], within: 1),
        Case(query: "récupération informatique", within: 5, present: [ordiVert], mention: ["recuperation", "informatique"]),
        Case(query: "aménagement paysager", within: 5, present: [vertDemain], mention: ["amenagement paysager", "paysag"]),
        Case(query: "amenagement paysager saint-bruno", top: [vertDemain], within: 1),
        Case(query: "traduction", top: [babel], within: 3),
        Case(query: "rénovation", top: [renovation], within: 5),
        Case(query: "déneigement boucherville", top: [deneigeursBoucherville], within: 3, absent: [limoilou]),
        Case(query: "traiteur saint-lambert", top: [cuisinesSaintLambert], within: 3, absent: [tablee]),
        // identifiers
        Case(query: "3310433217", top: [snowRiveSud], within: 1, total: 1),
        Case(query: "3310 433 217", top: [snowRiveSud], within: 1),
        // demo phone numbers are fictional 555-01xx ones and repeat, so several may match
        Case(query: "450 555-0112", top: [bonsVoisins], within: 10),
        Case(query: "4505550112", top: [bonsVoisins], within: 10),
        // facets combined with text
        Case(query: "déneigement", filters: [.region: ["16"]], within: 10, present: [snowRiveSud, bonsVoisins], absent: [limoilou], mention: ["deneigement"]),
        Case(query: "traiteur", filters: [.municipality: ["58012"]], top: [cuisinesSaintLambert], within: 3, absent: [saveurs, tablee]),
        Case(query: "grenouille", filters: [.sector: ["petite-enfance-famille"]], top: [grenouille], within: 1),
        Case(query: "déneigement", filters: [.region: ["03"]], top: [limoilou], within: 3, absent: [snowRiveSud]),
        Case(query: "", filters: [.certification: ["centre-petite-enfance"], .municipality: ["58227"]], present: [bourgeons], absent: [grenouille]),
        // empty results
        Case(query: "xylophone quantique", total: 0),
        Case(query: "apiculture", filters: [.region: ["10"]], total: 0),
    ]

    @Test("each query finds what a buyer expects", arguments: cases)
    func relevance(_ c: Case) {
        let (index, names, texts, _) = Self.corpus
        let result = index.search(SearchQuery(text: c.query, filters: c.filters, sort: .relevance, offset: 0, limit: 200))
        let ranked = result.hits.map { names[$0.id] ?? $0.id }
        if !c.mention.isEmpty {
            for hit in result.hits.prefix(c.within) {
                let text = texts[hit.id] ?? ""
                #expect(c.mention.contains { text.contains($0) }, "« \(c.query) »: \(names[hit.id] ?? hit.id) is in the first \(c.within) without \(c.mention)")
            }
            #expect(result.hits.count >= min(c.within, result.total))
        }
        for name in c.top {
            let position = ranked.firstIndex(of: name)
            #expect(position.map { $0 < c.within } == true,
                    "« \(c.query) »: \(name) at \(position.map { "\($0 + 1)" } ?? "absent"), wanted in the first \(c.within); top: \(ranked.prefix(c.within))")
        }
        for name in c.present {
            #expect(ranked.contains(name), "« \(c.query) »: \(name) missing from \(result.total) results")
        }
        for name in c.absent {
            #expect(!ranked.contains(name), "« \(c.query) »: \(name) should not appear")
        }
        if let total = c.total {
            #expect(result.total == total, "« \(c.query) »: \(result.total) results, wanted \(total)")
        }
    }

    @Test("empty, blank and punctuation-only queries return everything, with facets")
    func everything() {
        let (index, _, _, count) = Self.corpus
        for text in ["", "   ", "?!…", "« »", "--"] {
            let result = index.search(SearchQuery(text: text, filters: [:], sort: .relevance, offset: 0, limit: 20))
            #expect(result.total == count, "« \(text) »")
            #expect(result.facets[.region]?.count == 17, "« \(text) »")
            #expect(result.hits.count == 20)
        }
    }

    @Test("exact words rank before typos and synonyms")
    func exactFirst() {
        let (index, names, _, _) = Self.corpus
        let result = index.search(SearchQuery(text: "déneigement", filters: [.region: ["16"]], sort: .relevance, offset: 0, limit: 5))
        let top = result.hits.map { names[$0.id] ?? "" }
        #expect(top.allSatisfy { $0.lowercased().contains("déneige") }, "\(top)")
    }

    @Test("« Vouliez-vous dire » offers only close words whose own search, with the same filters, finds something")
    func suggestions() {
        let (index, _, _, _) = Self.corpus
        func search(_ text: String, _ filters: [SearchFacet: Set<String>] = [:]) -> SearchResult {
            index.search(SearchQuery(text: text, filters: filters, sort: .relevance, offset: 0, limit: 20))
        }
        // nonsense: nothing, or only suggestions that lead somewhere
        for (text, filters) in [("xylophone quantique", [:]), ("zqxwv", [:]), ("bouffz", [:]), ("trateurr", [SearchFacet.region: Set(["10"])]),
                                ("apiculturz", [.region: ["10"]]), ("deneigemnt xylophone", [:])] as [(String, [SearchFacet: Set<String>])] {
            let result = search(text, filters)
            #expect(result.total == 0, "« \(text) »")
            for suggestion in result.suggestions {
                #expect(search(suggestion, filters).total > 0, "« \(text) » suggests « \(suggestion) », which finds nothing")
            }
        }
        // apiculture exists, but not in region 10: suggesting it would lead to another empty page
        #expect(search("apiculturz", [.region: ["10"]]).suggestions.isEmpty)
        #expect(search("apiculturz xylophone").suggestions.isEmpty, "« xylophone » is unknown: the whole suggestion finds nothing")
        // a short word is not replaced by one two edits away (« bouffe » once suggested « souffle », « boucle »)
        #expect(!search("bouffz").suggestions.contains { $0.contains("souffl") || $0.contains("boucl") })
        // a long word's typo is tolerated by the search itself: no detour through a suggestion
        let tolerated = search("dneigement")
        #expect(tolerated.total > 0)
        #expect(tolerated.suggestions.isEmpty)
        // two edits in an 8-letter word are beyond the search's tolerance, not the suggestion's
        let typo = search("trateurr")
        #expect(typo.total == 0)
        #expect(typo.suggestions.first == "traiteur", "\(typo.suggestions)")
        #expect(search("trateurr", [.region: ["10"]]).suggestions.first == "traiteur", "traiteurs exist in region 10")
        let counts = typo.suggestions.map { search($0).total }
        #expect(counts == counts.sorted(by: >), "\(typo.suggestions) \(counts)")
    }

    @Test("there are at least 40 queries in the set")
    func size() {
        #expect(Self.cases.count >= 40)
    }
}
