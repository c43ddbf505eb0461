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
        déneigement, déblaiement de la neige, enlèvement de la neige, snow removal
        entretien ménager, conciergerie, nettoyage, janitorial, cleaning
        traiteur, service alimentaire, repas, catering
        impression, imprimerie, printing
        aménagement paysager, paysagement, horticulture, landscaping
        récupération informatique, recyclage électronique, recyclage informatique, e-waste
        location de salle, salle de réception, salle communautaire
        traduction, translation, interprétation
        cpe, centre de la petite enfance, garderie, service de garde
        friperie, vêtements usagés, vêtements de seconde main
        ressourcerie, recyclerie, écocentre
        déménagement, transport de meubles, moving
        entretien des espaces verts, tonte de gazon, gazon
        menuiserie, ébénisterie, woodworking
        couture, retouches, confection
        graphisme, design graphique, conception graphique
        informatique, technologies de l'information, TI
        formation, cours, atelier de formation
        insertion socioprofessionnelle, entreprise d'insertion, intégration en emploi
        aide à domicile, soutien à domicile, entretien domestique
        vélo, bicyclette, cyclisme
        épicerie, alimentation, dépanneur
        """
}
