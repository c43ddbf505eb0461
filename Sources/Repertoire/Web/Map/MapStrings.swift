/// The maps' words, in the page's language (kept apart from ``Strings``: only the map uses them).
struct MapStrings: Sendable {
    var viewSwitch: String
    var list: String
    var map: String
    var title: String
    var mapLabel: String
    var needsScript: String
    var listBelow: String
    var seeList: String
    var loading: String
    var profileMapLabel: String
    var approximate: String
    var approximatePostalCode: String
    var approximateMunicipality: String
    var onMap: String
    var noneOnMap: String
    var capped: String
    var withoutPosition: String
    var failed: String
    var markerApproximate: String
    var firstResults: String

    static func of(_ language: Language) -> MapStrings {
        language == .fr ? french : english
    }

    static let french = MapStrings(
        viewSwitch: "Affichage des résultats", list: "Liste", map: "Carte", title: "Carte des résultats",
        mapLabel: "Carte des entreprises trouvées",
        needsScript: "La carte interactive demande JavaScript. Les mêmes résultats sont présentés en liste ci-dessous.",
        listBelow: "Les résultats en liste", seeList: "Voir tous les résultats en liste", loading: "Chargement de la carte…",
        profileMapLabel: "Carte de l'emplacement de l'entreprise",
        approximate: "Position approximative",
        approximatePostalCode: "Position approximative (code postal / municipalité) : la carte montre le centre des entreprises connues du même secteur postal.",
        approximateMunicipality: "Position approximative (code postal / municipalité) : la carte montre le centre des entreprises connues de la municipalité.",
        onMap: "entreprises sur la carte", noneOnMap: "Aucune de ces entreprises n'a de position connue.",
        capped: "La carte montre les premiers résultats seulement : précisez la recherche pour voir les autres.",
        withoutPosition: "sans position connue (absentes de la carte)",
        failed: "La carte n'a pas pu être chargée. Les résultats restent disponibles en liste.",
        markerApproximate: "position approximative", firstResults: "Premiers résultats")

    static let english = MapStrings(
        viewSwitch: "Show results as", list: "List", map: "Map", title: "Results map",
        mapLabel: "Map of the enterprises found",
        needsScript: "The interactive map needs JavaScript. The same results are listed below.",
        listBelow: "The results as a list", seeList: "See all the results as a list", loading: "Loading the map…",
        profileMapLabel: "Map of the enterprise's location",
        approximate: "Approximate position",
        approximatePostalCode: "Approximate position (postal code / municipality): the map shows the centre of the known enterprises of the same postal area.",
        approximateMunicipality: "Approximate position (postal code / municipality): the map shows the centre of the known enterprises of the municipality.",
        onMap: "enterprises on the map", noneOnMap: "None of these enterprises has a known position.",
        capped: "The map shows the first results only: narrow the search to see the others.",
        withoutPosition: "without a known position (not on the map)",
        failed: "The map could not be loaded. The results are still listed.",
        markerApproximate: "approximate position", firstResults: "First results")
}
