/// A sentence with named blanks (`{ville}`), parsed once so filling it for 100,000 synthetic
/// profiles costs string appends rather than repeated search-and-replace.
struct DemoTemplate: Sendable, ExpressibleByStringLiteral {
    enum Part: Sendable {
        case text(String)
        case blank(DemoBlank)
    }

    let parts: [Part]

    init(stringLiteral value: String) {
        var parts: [Part] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            let key = String(rest[rest.index(after: open)..<close])
            guard let blank = DemoBlank(rawValue: key) else {
                preconditionFailure("Unknown blank {\(key)} in demo template")
            }
            parts.append(.blank(blank))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    func render(_ context: DemoContext) -> String {
        var result = ""
        for part in parts {
            switch part {
            case .text(let text): result += text
            case .blank(let blank): result += context.value(of: blank)
            }
        }
        return result
    }
}

/// The blanks templates may use; a typo in a template stops the program at start-up.
enum DemoBlank: String, Sendable {
    /// Town name: `Longueuil`.
    case ville
    /// `à Longueuil`, `aux Îles-de-la-Madeleine`.
    case aVille = "a_ville"
    /// `de Longueuil`, `d'Amos`, `des Îles-de-la-Madeleine`.
    case deVille = "de_ville"
    /// `de la Montérégie`, `de l'Estrie`, `du Bas-Saint-Laurent`.
    case deRegion = "de_region"
    /// Region name: `Montérégie`.
    case region
    /// The enterprise's distinctive name: `La Ruche`.
    case marque
    /// The activity word of the name: `Traiteur`.
    case activite
    /// `La coopérative`, `L'organisme`, `L'entreprise`.
    case sujet
    /// `la coopérative`, `l'organisme`, `l'entreprise`.
    case sujetMin = "sujet_min"
    /// `The co-operative`, `The organisation`.
    case subject
}

/// What a template's blanks are filled with for one enterprise.
struct DemoContext {
    var place: DemoPlace
    var brand: String = ""
    var activity: String = ""
    var legalForm: LegalForm = .nonProfit

    func value(of blank: DemoBlank) -> String {
        switch blank {
        case .ville: place.name
        case .aVille: DemoFrench.at(place.name)
        case .deVille: DemoFrench.of(place.name)
        case .deRegion: DemoFrench.regionOf(place.regionCode)
        case .region: Region.find(place.regionCode)?.name ?? ""
        case .marque: brand
        case .activite: activity
        case .sujet: legalForm.isCooperative ? "La coopérative" : (legalForm == .nonProfit ? "L'organisme" : "L'entreprise")
        case .sujetMin: legalForm.isCooperative ? "la coopérative" : (legalForm == .nonProfit ? "l'organisme" : "l'entreprise")
        case .subject: legalForm.isCooperative ? "The co-operative" : (legalForm == .nonProfit ? "The organisation" : "The enterprise")
        }
    }
}
