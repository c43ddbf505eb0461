import Foundation

/// Groups of interchangeable words or phrases, edited by the hub as plain text.
public struct SynonymTable: Sendable {
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "ligne \(line) : \(message)" }
    }

    public var groups: [[String]]

    public init(groups: [[String]] = []) {
        self.groups = groups
    }

    /// One group per line, members separated by commas; `#` starts a comment.
    public static func parse(_ text: String) throws -> SynonymTable {
        var groups: [[String]] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let members = trimmed.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            let nonEmpty = members.filter { !$0.isEmpty }
            let lineNumber = index + 1
            if nonEmpty.isEmpty {
                throw ParseError(line: lineNumber, message: "groupe de synonymes vide")
            }
            if nonEmpty.count != members.count {
                throw ParseError(line: lineNumber, message: "membre vide entre deux virgules")
            }
            if nonEmpty.count < 2 {
                throw ParseError(line: lineNumber, message: "un groupe doit avoir au moins deux membres")
            }
            if let member = nonEmpty.first(where: { FrenchAnalyzer.terms($0).isEmpty }) {
                throw ParseError(line: lineNumber, message: "« \(member) » ne contient que des mots vides")
            }
            groups.append(nonEmpty)
        }
        return SynonymTable(groups: groups)
    }

    /// Parsed form of `defaultSynonymsText`; the literal is known to be valid.
    public static let `default`: SynonymTable = (try? parse(defaultSynonymsText)) ?? SynonymTable()

    public static let defaultSynonymsText: String = """
        # Synonymes pour la recherche du répertoire.
        # Un groupe par ligne, membres séparés par des virgules ; les expressions de plusieurs mots
        # trouvent une fiche qui contient tous leurs mots.
        # Un mot ne peut être que dans un seul groupe : le premier groupe qui le contient l'emporte.
        # Les mots familiers et anglais que tapent les acheteurs vont dans le groupe du mot du répertoire.
        déneigement, déblaiement de la neige, enlèvement de la neige, snow removal, snow plowing, snowplowing
        entretien ménager, conciergerie, nettoyage, ménage, janitorial, janitor, cleaning, custodial, housekeeping
        traiteur, service alimentaire, repas, catering, caterer, bouffe, nourriture, food
        impression, imprimerie, printing, print shop, reprographie
        aménagement paysager, paysagement, paysagiste, horticulture, landscaping, landscaper
        récupération informatique, recyclage électronique, recyclage informatique, e-waste
        location de salle, salle de réception, salle communautaire, room rental
        traduction, translation, interprétation
        cpe, centre de la petite enfance, garderie, service de garde, daycare, day care, childcare, child care
        friperie, vêtements usagés, vêtements de seconde main, thrift store, second-hand clothing
        ressourcerie, recyclerie, écocentre
        déménagement, déménageur, transport de meubles, moving, movers
        entretien des espaces verts, tonte de gazon, gazon, lawn care, lawn mowing
        menuiserie, ébénisterie, woodworking, carpentry
        couture, retouches, confection, sewing, alterations
        graphisme, design graphique, conception graphique, graphic design
        informatique, technologies de l'information, TI
        formation, cours, atelier de formation, training
        insertion socioprofessionnelle, entreprise d'insertion, intégration en emploi
        aide à domicile, soutien à domicile, entretien domestique, home care
        vélo, bicyclette, cyclisme, bike, bicycle, cycling
        épicerie, alimentation, dépanneur, grocery
        compostage, compost, composting
        déchiquetage, destruction de documents, shredding
        camp de jour, day camp, summer camp
        emballage, conditionnement, packaging
        collecte des déchets, collecte de matières résiduelles, waste collection
        """
}
