/// A demo municipality plus what the generator needs to place an enterprise there believably.
struct DemoPlace: Sendable {
    let code: String
    let name: String
    let regionCode: String
    let mrc: String
    let designation: String
    let population: Int
    /// Approximate town centre; enterprises are scattered around it.
    let latitude: Double
    let longitude: Double
    /// The main telephone area code (overlays are ignored: numbers are fictional anyway).
    let areaCode: String
    /// Real forward sortation areas of the town, so postal codes look right to a local reader.
    let postalPrefixes: [String]

    var municipality: Municipality {
        Municipality(code: code, name: name, regionCode: regionCode, mrc: mrc, designation: designation, population: population)
    }

    /// The cities of the Longueuil agglomeration, where most demo buyers work.
    static let agglomerationCodes: Set<String> = ["58227", "58007", "58033", "58037", "58012"]

    var isInAgglomeration: Bool { Self.agglomerationCodes.contains(code) }
}

extension DemoPlace {
    /// Real municipalities with their official MAMH data (Répertoire des municipalités, 2025),
    /// copied by hand so the demo needs no file at run time. Laval is alone in region 13 because
    /// the whole region is one city.
    static let all: [DemoPlace] = [
        DemoPlace(code: "58227", name: "Longueuil", regionCode: "16", mrc: "Longueuil (58)", designation: "Ville", population: 253629, latitude: 45.5150, longitude: -73.4700, areaCode: "450", postalPrefixes: ["J3Y", "J4H", "J4J", "J4K", "J4L", "J4M", "J4N", "J4G"]),
        DemoPlace(code: "58007", name: "Brossard", regionCode: "16", mrc: "Longueuil (58)", designation: "Ville", population: 91693, latitude: 45.4584, longitude: -73.4659, areaCode: "450", postalPrefixes: ["J4W", "J4X", "J4Y", "J4Z"]),
        DemoPlace(code: "58033", name: "Boucherville", regionCode: "16", mrc: "Longueuil (58)", designation: "Ville", population: 42425, latitude: 45.5911, longitude: -73.4364, areaCode: "450", postalPrefixes: ["J4B"]),
        DemoPlace(code: "58037", name: "Saint-Bruno-de-Montarville", regionCode: "16", mrc: "Longueuil (58)", designation: "Ville", population: 27147, latitude: 45.5319, longitude: -73.3497, areaCode: "450", postalPrefixes: ["J3V"]),
        DemoPlace(code: "58012", name: "Saint-Lambert", regionCode: "16", mrc: "Longueuil (58)", designation: "Ville", population: 22789, latitude: 45.5003, longitude: -73.5063, areaCode: "450", postalPrefixes: ["J4P", "J4R", "J4S"]),
        DemoPlace(code: "56083", name: "Saint-Jean-sur-Richelieu", regionCode: "16", mrc: "MRC Le Haut-Richelieu (560)", designation: "Ville", population: 100188, latitude: 45.3075, longitude: -73.2625, areaCode: "450", postalPrefixes: ["J3B", "J2W", "J2X", "J3A"]),
        DemoPlace(code: "54048", name: "Saint-Hyacinthe", regionCode: "16", mrc: "MRC Les Maskoutains (540)", designation: "Ville", population: 58732, latitude: 45.6307, longitude: -72.9568, areaCode: "450", postalPrefixes: ["J2S", "J2R", "J2T"]),
        DemoPlace(code: "67050", name: "Châteauguay", regionCode: "16", mrc: "MRC Roussillon (670)", designation: "Ville", population: 51614, latitude: 45.3801, longitude: -73.7502, areaCode: "450", postalPrefixes: ["J6J", "J6K"]),
        DemoPlace(code: "70052", name: "Salaberry-de-Valleyfield", regionCode: "16", mrc: "MRC Beauharnois-Salaberry (700)", designation: "Ville", population: 44838, latitude: 45.2548, longitude: -74.1310, areaCode: "450", postalPrefixes: ["J6T", "J6S"]),
        DemoPlace(code: "71083", name: "Vaudreuil-Dorion", regionCode: "16", mrc: "MRC Vaudreuil-Soulanges (710)", designation: "Ville", population: 43228, latitude: 45.4002, longitude: -74.0333, areaCode: "450", postalPrefixes: ["J7V"]),
        DemoPlace(code: "53052", name: "Sorel-Tracy", regionCode: "16", mrc: "MRC Pierre-De Saurel (530)", designation: "Ville", population: 36093, latitude: 46.0428, longitude: -73.1131, areaCode: "450", postalPrefixes: ["J3P", "J3R"]),
        DemoPlace(code: "57005", name: "Chambly", regionCode: "16", mrc: "MRC La Vallée-du-Richelieu (570)", designation: "Ville", population: 31462, latitude: 45.4497, longitude: -73.2880, areaCode: "450", postalPrefixes: ["J3L"]),
        DemoPlace(code: "10043", name: "Rimouski", regionCode: "01", mrc: "MRC Rimouski-Neigette (100)", designation: "Ville", population: 50036, latitude: 48.4488, longitude: -68.5236, areaCode: "418", postalPrefixes: ["G5L", "G5M", "G5N"]),
        DemoPlace(code: "12072", name: "Rivière-du-Loup", regionCode: "01", mrc: "MRC Rivière-du-Loup (120)", designation: "Ville", population: 20176, latitude: 47.8302, longitude: -69.5354, areaCode: "418", postalPrefixes: ["G5R"]),
        DemoPlace(code: "08053", name: "Matane", regionCode: "01", mrc: "MRC La Matanie (080)", designation: "Ville", population: 14000, latitude: 48.8497, longitude: -67.5331, areaCode: "418", postalPrefixes: ["G4W"]),
        DemoPlace(code: "09077", name: "Mont-Joli", regionCode: "01", mrc: "MRC La Mitis (090)", designation: "Ville", population: 6357, latitude: 48.5858, longitude: -68.1919, areaCode: "418", postalPrefixes: ["G5H"]),
        DemoPlace(code: "07047", name: "Amqui", regionCode: "01", mrc: "MRC La Matapédia (070)", designation: "Ville", population: 6255, latitude: 48.4640, longitude: -67.4301, areaCode: "418", postalPrefixes: ["G5J"]),
        DemoPlace(code: "14085", name: "La Pocatière", regionCode: "01", mrc: "MRC Kamouraska (140)", designation: "Ville", population: 3905, latitude: 47.3737, longitude: -70.0378, areaCode: "418", postalPrefixes: ["G0R"]),
        DemoPlace(code: "94068", name: "Saguenay", regionCode: "02", mrc: "Le Saguenay-et-son-Fjord (94)", designation: "Ville", population: 147952, latitude: 48.4280, longitude: -71.0686, areaCode: "418", postalPrefixes: ["G7H", "G7J", "G7B", "G7S", "G7X"]),
        DemoPlace(code: "93042", name: "Alma", regionCode: "02", mrc: "MRC Lac-Saint-Jean-Est (930)", designation: "Ville", population: 31038, latitude: 48.5501, longitude: -71.6517, areaCode: "418", postalPrefixes: ["G8B"]),
        DemoPlace(code: "92022", name: "Dolbeau-Mistassini", regionCode: "02", mrc: "MRC Maria-Chapdelaine (920)", designation: "Ville", population: 13934, latitude: 48.8806, longitude: -72.2311, areaCode: "418", postalPrefixes: ["G8L"]),
        DemoPlace(code: "91042", name: "Saint-Félicien", regionCode: "02", mrc: "MRC Le Domaine-du-Roy (910)", designation: "Ville", population: 10226, latitude: 48.6509, longitude: -72.4486, areaCode: "418", postalPrefixes: ["G8K"]),
        DemoPlace(code: "91025", name: "Roberval", regionCode: "02", mrc: "MRC Le Domaine-du-Roy (910)", designation: "Ville", population: 9888, latitude: 48.5166, longitude: -72.2233, areaCode: "418", postalPrefixes: ["G8H"]),
        DemoPlace(code: "23027", name: "Québec", regionCode: "03", mrc: "Québec (23)", designation: "Ville", population: 556066, latitude: 46.8139, longitude: -71.2082, areaCode: "418", postalPrefixes: ["G1R", "G1K", "G1L", "G1M", "G1N", "G1V", "G1W", "G2B", "G2J"]),
        DemoPlace(code: "23072", name: "Saint-Augustin-de-Desmaures", regionCode: "03", mrc: "Québec (23)", designation: "Ville", population: 20213, latitude: 46.7400, longitude: -71.4600, areaCode: "418", postalPrefixes: ["G3A"]),
        DemoPlace(code: "23057", name: "L'Ancienne-Lorette", regionCode: "03", mrc: "Québec (23)", designation: "Ville", population: 16777, latitude: 46.7989, longitude: -71.3563, areaCode: "418", postalPrefixes: ["G2E"]),
        DemoPlace(code: "34128", name: "Saint-Raymond", regionCode: "03", mrc: "MRC Portneuf (340)", designation: "Ville", population: 11388, latitude: 46.8955, longitude: -71.8333, areaCode: "418", postalPrefixes: ["G3L"]),
        DemoPlace(code: "34017", name: "Pont-Rouge", regionCode: "03", mrc: "MRC Portneuf (340)", designation: "Ville", population: 10869, latitude: 46.7574, longitude: -71.6960, areaCode: "418", postalPrefixes: ["G3H"]),
        DemoPlace(code: "16013", name: "Baie-Saint-Paul", regionCode: "03", mrc: "MRC Charlevoix (160)", designation: "Ville", population: 7257, latitude: 47.4408, longitude: -70.4984, areaCode: "418", postalPrefixes: ["G3Z"]),
        DemoPlace(code: "37067", name: "Trois-Rivières", regionCode: "04", mrc: "Francheville (37)", designation: "Ville", population: 142598, latitude: 46.3432, longitude: -72.5432, areaCode: "819", postalPrefixes: ["G9A", "G8T", "G8Y", "G8Z", "G9B"]),
        DemoPlace(code: "36033", name: "Shawinigan", regionCode: "04", mrc: "Shawinigan (36)", designation: "Ville", population: 51508, latitude: 46.5668, longitude: -72.7459, areaCode: "819", postalPrefixes: ["G9N", "G9P", "G9T"]),
        DemoPlace(code: "90012", name: "La Tuque", regionCode: "04", mrc: "La Tuque (90)", designation: "Ville", population: 10929, latitude: 47.4390, longitude: -72.7820, areaCode: "819", postalPrefixes: ["G9X"]),
        DemoPlace(code: "51015", name: "Louiseville", regionCode: "04", mrc: "MRC Maskinongé (510)", designation: "Ville", population: 7272, latitude: 46.2557, longitude: -72.9418, areaCode: "819", postalPrefixes: ["J5V"]),
        DemoPlace(code: "35027", name: "Saint-Tite", regionCode: "04", mrc: "MRC Mékinac (350)", designation: "Ville", population: 3784, latitude: 46.7287, longitude: -72.5660, areaCode: "418", postalPrefixes: ["G0X"]),
        DemoPlace(code: "43027", name: "Sherbrooke", regionCode: "05", mrc: "Sherbrooke (43)", designation: "Ville", population: 175114, latitude: 45.4042, longitude: -71.8929, areaCode: "819", postalPrefixes: ["J1H", "J1E", "J1G", "J1J", "J1K", "J1L"]),
        DemoPlace(code: "47017", name: "Granby", regionCode: "05", mrc: "MRC La Haute-Yamaska (470)", designation: "Ville", population: 70823, latitude: 45.4004, longitude: -72.7326, areaCode: "450", postalPrefixes: ["J2G", "J2H", "J2J"]),
        DemoPlace(code: "45072", name: "Magog", regionCode: "05", mrc: "MRC Memphrémagog (450)", designation: "Ville", population: 28300, latitude: 45.2668, longitude: -72.1476, areaCode: "819", postalPrefixes: ["J1X"]),
        DemoPlace(code: "46080", name: "Cowansville", regionCode: "05", mrc: "MRC Brome-Missisquoi (460)", designation: "Ville", population: 16272, latitude: 45.2001, longitude: -72.7474, areaCode: "450", postalPrefixes: ["J2K"]),
        DemoPlace(code: "44037", name: "Coaticook", regionCode: "05", mrc: "MRC Coaticook (440)", designation: "Ville", population: 9008, latitude: 45.1334, longitude: -71.8001, areaCode: "819", postalPrefixes: ["J1A"]),
        DemoPlace(code: "66023", name: "Montréal", regionCode: "06", mrc: "Montréal (66)", designation: "Ville", population: 1800055, latitude: 45.5017, longitude: -73.5673, areaCode: "514", postalPrefixes: ["H2Y", "H1V", "H2G", "H2J", "H2K", "H2L", "H2R", "H2S", "H3C", "H3K", "H4C"]),
        DemoPlace(code: "66142", name: "Dollard-des-Ormeaux", regionCode: "06", mrc: "Montréal (66)", designation: "Ville", population: 49908, latitude: 45.4942, longitude: -73.8244, areaCode: "514", postalPrefixes: ["H9B"]),
        DemoPlace(code: "66058", name: "Côte-Saint-Luc", regionCode: "06", mrc: "Montréal (66)", designation: "Ville", population: 35419, latitude: 45.4653, longitude: -73.6654, areaCode: "514", postalPrefixes: ["H4W"]),
        DemoPlace(code: "66097", name: "Pointe-Claire", regionCode: "06", mrc: "Montréal (66)", designation: "Ville", population: 34548, latitude: 45.4487, longitude: -73.8168, areaCode: "514", postalPrefixes: ["H9R"]),
        DemoPlace(code: "66087", name: "Dorval", regionCode: "06", mrc: "Montréal (66)", designation: "Ville", population: 19993, latitude: 45.4501, longitude: -73.7502, areaCode: "514", postalPrefixes: ["H9S"]),
        DemoPlace(code: "66032", name: "Westmount", regionCode: "06", mrc: "Montréal (66)", designation: "Ville", population: 19938, latitude: 45.4833, longitude: -73.6000, areaCode: "514", postalPrefixes: ["H3Z"]),
        DemoPlace(code: "81017", name: "Gatineau", regionCode: "07", mrc: "Gatineau (81)", designation: "Ville", population: 292281, latitude: 45.4765, longitude: -75.7013, areaCode: "819", postalPrefixes: ["J8X", "J8P", "J8T", "J8V", "J8Y", "J8Z", "J9A", "J9H"]),
        DemoPlace(code: "82015", name: "Val-des-Monts", regionCode: "07", mrc: "MRC Les Collines-de-l'Outaouais (820)", designation: "Municipalité", population: 13061, latitude: 45.6500, longitude: -75.6667, areaCode: "819", postalPrefixes: ["J8N"]),
        DemoPlace(code: "82020", name: "Cantley", regionCode: "07", mrc: "MRC Les Collines-de-l'Outaouais (820)", designation: "Municipalité", population: 11615, latitude: 45.5667, longitude: -75.7833, areaCode: "819", postalPrefixes: ["J8V"]),
        DemoPlace(code: "82025", name: "Chelsea", regionCode: "07", mrc: "MRC Les Collines-de-l'Outaouais (820)", designation: "Municipalité", population: 8337, latitude: 45.5000, longitude: -75.8000, areaCode: "819", postalPrefixes: ["J9B"]),
        DemoPlace(code: "83065", name: "Maniwaki", regionCode: "07", mrc: "MRC La Vallée-de-la-Gatineau (830)", designation: "Ville", population: 3854, latitude: 46.3767, longitude: -75.9717, areaCode: "819", postalPrefixes: ["J9E"]),
        DemoPlace(code: "86042", name: "Rouyn-Noranda", regionCode: "08", mrc: "Rouyn-Noranda (86)", designation: "Ville", population: 43097, latitude: 48.2366, longitude: -79.0231, areaCode: "819", postalPrefixes: ["J9X"]),
        DemoPlace(code: "89008", name: "Val-d'Or", regionCode: "08", mrc: "MRC La Vallée-de-l'Or (890)", designation: "Ville", population: 33032, latitude: 48.0975, longitude: -77.7828, areaCode: "819", postalPrefixes: ["J9P"]),
        DemoPlace(code: "88055", name: "Amos", regionCode: "08", mrc: "MRC Abitibi (880)", designation: "Ville", population: 12675, latitude: 48.5688, longitude: -78.1166, areaCode: "819", postalPrefixes: ["J9T"]),
        DemoPlace(code: "87090", name: "La Sarre", regionCode: "08", mrc: "MRC Abitibi-Ouest (870)", designation: "Ville", population: 7201, latitude: 48.8000, longitude: -79.2000, areaCode: "819", postalPrefixes: ["J9Z"]),
        DemoPlace(code: "85025", name: "Ville-Marie", regionCode: "08", mrc: "MRC Témiscamingue (850)", designation: "Ville", population: 2452, latitude: 47.3333, longitude: -79.4333, areaCode: "819", postalPrefixes: ["J9V"]),
        DemoPlace(code: "97007", name: "Sept-Îles", regionCode: "09", mrc: "MRC Sept-Rivières (971)", designation: "Ville", population: 24973, latitude: 50.2001, longitude: -66.3821, areaCode: "418", postalPrefixes: ["G4R"]),
        DemoPlace(code: "96020", name: "Baie-Comeau", regionCode: "09", mrc: "MRC Manicouagan (960)", designation: "Ville", population: 20799, latitude: 49.2167, longitude: -68.1500, areaCode: "418", postalPrefixes: ["G4Z"]),
        DemoPlace(code: "97022", name: "Port-Cartier", regionCode: "09", mrc: "MRC Sept-Rivières (971)", designation: "Ville", population: 6498, latitude: 50.0334, longitude: -66.8654, areaCode: "418", postalPrefixes: ["G5B"]),
        DemoPlace(code: "98040", name: "Havre-Saint-Pierre", regionCode: "09", mrc: "MRC Minganie (981)", designation: "Municipalité", population: 3396, latitude: 50.2423, longitude: -63.6000, areaCode: "418", postalPrefixes: ["G0G"]),
        DemoPlace(code: "95045", name: "Forestville", regionCode: "09", mrc: "MRC La Haute-Côte-Nord (950)", designation: "Ville", population: 2839, latitude: 48.7379, longitude: -69.0827, areaCode: "418", postalPrefixes: ["G0T"]),
        DemoPlace(code: "99025", name: "Chibougamau", regionCode: "10", mrc: "Nord-du-Québec (99)", designation: "Ville", population: 7315, latitude: 49.9131, longitude: -74.3690, areaCode: "418", postalPrefixes: ["G8P"]),
        DemoPlace(code: "99020", name: "Chapais", regionCode: "10", mrc: "Nord-du-Québec (99)", designation: "Ville", population: 1537, latitude: 49.7799, longitude: -74.8558, areaCode: "418", postalPrefixes: ["G0W"]),
        DemoPlace(code: "99005", name: "Lebel-sur-Quévillon", regionCode: "10", mrc: "Nord-du-Québec (99)", designation: "Ville", population: 2114, latitude: 49.0500, longitude: -76.9833, areaCode: "819", postalPrefixes: ["J0Y"]),
        DemoPlace(code: "99015", name: "Matagami", regionCode: "10", mrc: "Nord-du-Québec (99)", designation: "Ville", population: 1305, latitude: 49.7500, longitude: -77.6333, areaCode: "819", postalPrefixes: ["J0Y"]),
        DemoPlace(code: "99095", name: "Kuujjuaq", regionCode: "10", mrc: "MRC Administration régionale Kativik (992)", designation: "Village nordique", population: 2825, latitude: 58.1000, longitude: -68.4000, areaCode: "819", postalPrefixes: ["J0M"]),
        DemoPlace(code: "03005", name: "Gaspé", regionCode: "11", mrc: "MRC La Côte-de-Gaspé (030)", designation: "Ville", population: 15260, latitude: 48.8316, longitude: -64.4869, areaCode: "418", postalPrefixes: ["G4X"]),
        DemoPlace(code: "01023", name: "Les Îles-de-la-Madeleine", regionCode: "11", mrc: "Les Îles-de-la-Madeleine (01)", designation: "Municipalité", population: 12711, latitude: 47.3800, longitude: -61.8600, areaCode: "418", postalPrefixes: ["G4T"]),
        DemoPlace(code: "02028", name: "Chandler", regionCode: "11", mrc: "MRC Le Rocher-Percé (020)", designation: "Ville", population: 7405, latitude: 48.3500, longitude: -64.6833, areaCode: "418", postalPrefixes: ["G0C"]),
        DemoPlace(code: "04037", name: "Sainte-Anne-des-Monts", regionCode: "11", mrc: "MRC La Haute-Gaspésie (040)", designation: "Ville", population: 6359, latitude: 49.1233, longitude: -66.4921, areaCode: "418", postalPrefixes: ["G4V"]),
        DemoPlace(code: "06013", name: "Carleton-sur-Mer", regionCode: "11", mrc: "MRC Avignon (060)", designation: "Ville", population: 4190, latitude: 48.1000, longitude: -66.1300, areaCode: "418", postalPrefixes: ["G0C"]),
        DemoPlace(code: "05070", name: "New Richmond", regionCode: "11", mrc: "MRC Bonaventure (050)", designation: "Ville", population: 3873, latitude: 48.1600, longitude: -65.8600, areaCode: "418", postalPrefixes: ["G0C"]),
        DemoPlace(code: "25213", name: "Lévis", regionCode: "12", mrc: "Lévis (25)", designation: "Ville", population: 154091, latitude: 46.8032, longitude: -71.1779, areaCode: "418", postalPrefixes: ["G6W", "G6V", "G6X", "G6Z", "G7A"]),
        DemoPlace(code: "29073", name: "Saint-Georges", regionCode: "12", mrc: "MRC Beauce-Sartigan (290)", designation: "Ville", population: 33704, latitude: 46.1200, longitude: -70.6700, areaCode: "418", postalPrefixes: ["G5Y", "G5Z"]),
        DemoPlace(code: "31084", name: "Thetford Mines", regionCode: "12", mrc: "MRC Les Appalaches (310)", designation: "Ville", population: 25884, latitude: 46.0900, longitude: -71.3000, areaCode: "418", postalPrefixes: ["G6G"]),
        DemoPlace(code: "26030", name: "Sainte-Marie", regionCode: "12", mrc: "MRC La Nouvelle-Beauce (260)", designation: "Ville", population: 13550, latitude: 46.4400, longitude: -71.0300, areaCode: "418", postalPrefixes: ["G6E"]),
        DemoPlace(code: "18050", name: "Montmagny", regionCode: "12", mrc: "MRC Montmagny (180)", designation: "Ville", population: 11063, latitude: 46.9800, longitude: -70.5500, areaCode: "418", postalPrefixes: ["G5V"]),
        DemoPlace(code: "65005", name: "Laval", regionCode: "13", mrc: "Laval (65)", designation: "Ville", population: 446369, latitude: 45.5700, longitude: -73.7200, areaCode: "450", postalPrefixes: ["H7V", "H7E", "H7G", "H7L", "H7M", "H7N", "H7P", "H7S", "H7W"]),
        DemoPlace(code: "64008", name: "Terrebonne", regionCode: "14", mrc: "MRC Les Moulins (640)", designation: "Ville", population: 122098, latitude: 45.7000, longitude: -73.6500, areaCode: "450", postalPrefixes: ["J6W", "J6X", "J6Y", "J7M"]),
        DemoPlace(code: "60013", name: "Repentigny", regionCode: "14", mrc: "MRC L'Assomption (600)", designation: "Ville", population: 88088, latitude: 45.7420, longitude: -73.4500, areaCode: "450", postalPrefixes: ["J6A", "J5Y", "J5Z"]),
        DemoPlace(code: "64015", name: "Mascouche", regionCode: "14", mrc: "MRC Les Moulins (640)", designation: "Ville", population: 53009, latitude: 45.7500, longitude: -73.6000, areaCode: "450", postalPrefixes: ["J7K"]),
        DemoPlace(code: "61025", name: "Joliette", regionCode: "14", mrc: "MRC Joliette (610)", designation: "Ville", population: 22098, latitude: 46.0214, longitude: -73.4400, areaCode: "450", postalPrefixes: ["J6E"]),
        DemoPlace(code: "60028", name: "L'Assomption", regionCode: "14", mrc: "MRC L'Assomption (600)", designation: "Ville", population: 24202, latitude: 45.8300, longitude: -73.4300, areaCode: "450", postalPrefixes: ["J5W"]),
        DemoPlace(code: "62037", name: "Rawdon", regionCode: "14", mrc: "MRC Matawinie (620)", designation: "Municipalité", population: 12393, latitude: 46.0500, longitude: -73.7200, areaCode: "450", postalPrefixes: ["J0K"]),
        DemoPlace(code: "75017", name: "Saint-Jérôme", regionCode: "15", mrc: "MRC La Rivière-du-Nord (750)", designation: "Ville", population: 82061, latitude: 45.7800, longitude: -74.0000, areaCode: "450", postalPrefixes: ["J7Z", "J5L", "J7Y"]),
        DemoPlace(code: "74005", name: "Mirabel", regionCode: "15", mrc: "Mirabel (74)", designation: "Ville", population: 64032, latitude: 45.6500, longitude: -74.0800, areaCode: "450", postalPrefixes: ["J7J"]),
        DemoPlace(code: "73015", name: "Blainville", regionCode: "15", mrc: "MRC Thérèse-De Blainville (730)", designation: "Ville", population: 62643, latitude: 45.6700, longitude: -73.8800, areaCode: "450", postalPrefixes: ["J7C"]),
        DemoPlace(code: "72005", name: "Saint-Eustache", regionCode: "15", mrc: "MRC Deux-Montagnes (720)", designation: "Ville", population: 46434, latitude: 45.5600, longitude: -73.9000, areaCode: "450", postalPrefixes: ["J7R"]),
        DemoPlace(code: "73010", name: "Sainte-Thérèse", regionCode: "15", mrc: "MRC Thérèse-De Blainville (730)", designation: "Ville", population: 26702, latitude: 45.6400, longitude: -73.8300, areaCode: "450", postalPrefixes: ["J7E"]),
        DemoPlace(code: "78102", name: "Mont-Tremblant", regionCode: "15", mrc: "MRC Les Laurentides (780)", designation: "Ville", population: 11121, latitude: 46.1185, longitude: -74.5962, areaCode: "819", postalPrefixes: ["J8E"]),
        DemoPlace(code: "49058", name: "Drummondville", regionCode: "17", mrc: "MRC Drummond (490)", designation: "Ville", population: 81551, latitude: 45.8800, longitude: -72.4800, areaCode: "819", postalPrefixes: ["J2B", "J2A", "J2C"]),
        DemoPlace(code: "39062", name: "Victoriaville", regionCode: "17", mrc: "MRC Arthabaska (390)", designation: "Ville", population: 48461, latitude: 46.0600, longitude: -71.9600, areaCode: "819", postalPrefixes: ["G6P"]),
        DemoPlace(code: "38010", name: "Bécancour", regionCode: "17", mrc: "MRC Bécancour (380)", designation: "Ville", population: 14733, latitude: 46.3400, longitude: -72.4300, areaCode: "819", postalPrefixes: ["G9H"]),
        DemoPlace(code: "50072", name: "Nicolet", regionCode: "17", mrc: "MRC Nicolet-Yamaska (500)", designation: "Ville", population: 8510, latitude: 46.2200, longitude: -72.6100, areaCode: "819", postalPrefixes: ["J3T"]),
        DemoPlace(code: "32040", name: "Plessisville", regionCode: "17", mrc: "MRC L'Érable (320)", designation: "Ville", population: 6742, latitude: 46.2200, longitude: -71.7800, areaCode: "819", postalPrefixes: ["G6L"]),
    ]

    static let byCode: [String: DemoPlace] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    static let agglomeration: [DemoPlace] = all.filter(\.isInAgglomeration)

    /// Regions that share a border (or a ferry) with each region, for enterprises serving two.
    static let neighbouringRegions: [String: [String]] = [
        "01": ["11", "12"], "02": ["03", "09", "04", "10"], "03": ["12", "02", "04"], "04": ["17", "03", "14"],
        "05": ["16", "12", "17"], "06": ["13", "16", "15", "14"], "07": ["15", "08"], "08": ["07", "10"],
        "09": ["02", "01"], "10": ["08", "02"], "11": ["01"], "12": ["03", "05", "17", "01"], "13": ["06", "15", "14"],
        "14": ["06", "13", "15", "04"], "15": ["13", "14", "07"], "16": ["06", "05", "17"], "17": ["04", "16", "05", "12"],
    ]
    static let outsideAgglomeration: [DemoPlace] = all.filter { !$0.isInAgglomeration }

    /// For each municipality, the other demo municipalities of its region, nearest first
    /// (the agglomeration's cities are each other's neighbours).
    static let neighbours: [String: [DemoPlace]] = {
        var result: [String: [DemoPlace]] = [:]
        for place in all {
            let others = all.filter { $0.regionCode == place.regionCode && $0.code != place.code }
            result[place.code] = others.sorted {
                place.squaredDistance(to: $0) < place.squaredDistance(to: $1)
            }
        }
        return result
    }()

    private func squaredDistance(to other: DemoPlace) -> Double {
        let dLat = latitude - other.latitude
        let dLon = (longitude - other.longitude) * 0.7
        return dLat * dLat + dLon * dLon
    }
}
