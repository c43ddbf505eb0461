extension MunicipalityResolver {
    /// Municipalities merged away (mostly the 2000–2003 reorganisations, kept after the 2006
    /// demergers) whose names registers and mailing lists still use, by successor's MAMH code.
    /// Applied only when the catalogue has no municipality of that name and holds the successor;
    /// a test checks every code against MUN.csv and that no former name is an official one.
    /// Only merges that are certain: a wrong entry would silently file an enterprise elsewhere.
    static let mergedInto: [(code: String, formerNames: [String])] = [
        // Mauricie
        ("90012", ["Parent", "Sanmaur", "Clova", "La Croche"]),  // La Tuque, 2003
        ("36033", ["Shawinigan-Sud", "Grand-Mère", "Lac-à-la-Tortue", "Saint-Georges-de-Champlain",
                   "Saint-Gérard-des-Laurentides", "Saint-Jean-des-Piles"]),  // Shawinigan, 2002
        ("37067", ["Cap-de-la-Madeleine", "Trois-Rivières-Ouest", "Sainte-Marthe-du-Cap", "Sainte-Marthe-du-Cap-de-la-Madeleine",
                   "Saint-Louis-de-France", "Pointe-du-Lac"]),  // Trois-Rivières, 2002
        // Centre-du-Québec
        ("49058", ["Saint-Charles-de-Drummond", "Saint-Nicéphore", "Saint-Joachim-de-Courval"]),  // Drummondville, 2004
        ("39062", ["Arthabaska", "Sainte-Victoire-d'Arthabaska"]),  // Victoriaville, 1993
        ("50072", ["Nicolet-Sud", "Saint-Jean-Baptiste-de-Nicolet"]),  // Nicolet, 2000
        ("38010", ["Gentilly", "Saint-Édouard-de-Gentilly", "Sainte-Angèle-de-Laval", "Saint-Grégoire",
                   "Saint-Grégoire-le-Grand", "Sainte-Gertrude"]),  // Bécancour, 1965
        // Montérégie
        ("58227", ["LeMoyne", "Greenfield Park", "Saint-Hubert"]),  // Longueuil, 2002
        ("53052", ["Sorel", "Tracy"]),  // Sorel-Tracy, 2000
        ("56083", ["Iberville", "Saint-Luc", "L'Acadie"]),  // Saint-Jean-sur-Richelieu, 2001
        ("54048", ["Saint-Thomas-d'Aquin", "Sainte-Rosalie", "Saint-Hyacinthe-le-Confesseur",
                   "Notre-Dame-de-Saint-Hyacinthe", "La Providence"]),  // Saint-Hyacinthe, 2002
        ("70052", ["Grande-Île", "Saint-Timothée"]),  // Salaberry-de-Valleyfield, 2002
        ("71083", ["Vaudreuil", "Dorion"]),  // Vaudreuil-Dorion, 1994
        // Montréal, 2002 (the municipalities that left in 2006 are in the MAMH list again)
        ("66023", ["Anjou", "LaSalle", "Lachine", "Montréal-Nord", "Outremont", "Pierrefonds", "Roxboro",
                   "Pierrefonds-Roxboro", "Saint-Laurent", "Saint-Léonard", "Verdun", "Sainte-Geneviève",
                   "L'Île-Bizard", "Pointe-aux-Trembles", "Rivière-des-Prairies"]),
        // Laval, 1965
        ("65005", ["Chomedey", "Duvernay", "Fabreville", "Laval-des-Rapides", "Pont-Viau", "Sainte-Dorothée",
                   "Vimont", "Auteuil", "Laval-Ouest", "Laval-sur-le-Lac", "Sainte-Rose"]),
        // Lanaudière
        ("64008", ["La Plaine", "Lachenaie"]),  // Terrebonne, 2001
        ("60013", ["Le Gardeur"]),  // Repentigny, 2002
        // Laurentides
        ("75017", ["Bellefeuille", "Lafontaine"]),  // Saint-Jérôme, 2002
        ("74005", ["Saint-Janvier", "Sainte-Scholastique", "Saint-Canut"]),  // Mirabel, 1971
        ("78102", ["Saint-Jovite"]),  // Mont-Tremblant, 2000
        // Capitale-Nationale
        ("23027", ["Sainte-Foy", "Sillery", "Charlesbourg", "Beauport", "Cap-Rouge", "Loretteville", "Val-Bélair",
                   "Vanier", "Lac-Saint-Charles", "Saint-Émile"]),  // Québec, 2002
        ("15013", ["Pointe-au-Pic", "Cap-à-l'Aigle"]),  // La Malbaie, 1995 and 1999
        // Chaudière-Appalaches
        ("25213", ["Charny", "Saint-Nicolas", "Saint-Romuald", "Saint-Romuald-d'Etchemin", "Saint-Jean-Chrysostome",
                   "Saint-Rédempteur", "Sainte-Hélène-de-Breakeyville", "Breakeyville", "Saint-Étienne-de-Lauzon",
                   "Pintendre", "Lauzon", "Saint-Joseph-de-la-Pointe-de-Lévy"]),  // Lévis, 2002
        ("31084", ["Black Lake", "Robertsonville", "Pontbriand", "Thetford-Sud"]),  // Thetford Mines, 2001
        ("29073", ["Saint-Georges-Est", "Aubert-Gallion"]),  // Saint-Georges, 2001
        // Estrie (Lennoxville stayed a borough of Sherbrooke; it is not in the MAMH list)
        ("43027", ["Fleurimont", "Rock Forest", "Saint-Élie-d'Orford", "Deauville", "Bromptonville", "Lennoxville",
                   "Ascot"]),  // Sherbrooke, 2002
        ("45072", ["Omerville"]),  // Magog, 2002
        ("40043", ["Asbestos"]),  // Val-des-Sources, renamed in 2020
        // Saguenay–Lac-Saint-Jean
        ("94068", ["Chicoutimi", "Jonquière", "La Baie", "Laterrière", "Shipshaw", "Lac-Kénogami", "Arvida",
                   "Kénogami", "Port-Alfred", "Bagotville", "Grande-Baie"]),  // Saguenay, 2002 (and 1975–1976)
        ("93042", ["Isle-Maligne"]),  // Alma, 1962
        ("92022", ["Dolbeau", "Mistassini"]),  // Dolbeau-Mistassini, 1997
        // Outaouais
        ("81017", ["Hull", "Aylmer", "Buckingham", "Masson-Angers"]),  // Gatineau, 2002
        // Abitibi-Témiscamingue
        ("86042", ["Noranda", "Cadillac", "Évain", "McWatters", "Arntfield", "Bellecombe", "Cloutier", "Destor",
                   "D'Alembert", "Lac-Dufault", "Granada", "Montbeillard", "Mont-Brun", "Rollet", "Beaudry", "Cléricy"]),  // Rouyn-Noranda, 2002
        ("89008", ["Sullivan", "Vassan", "Dubuisson", "Val-Senneville", "Louvicourt"]),  // Val-d'Or, 2002
        // Côte-Nord
        ("97007", ["Moisie", "Gallix", "Clarke City"]),  // Sept-Îles
        ("96020", ["Hauterive"]),  // Baie-Comeau, 1982
        // Bas-Saint-Laurent
        ("10043", ["Pointe-au-Père", "Rimouski-Est", "Sainte-Odile-sur-Rimouski", "Mont-Lebel", "Sainte-Blandine",
                   "Le Bic", "Bic"]),  // Rimouski, 2002 and 2009
        ("13073", ["Cabano", "Notre-Dame-du-Lac"]),  // Témiscouata-sur-le-Lac, 2010
        // Gaspésie–Îles-de-la-Madeleine
        ("01023", ["Cap-aux-Meules", "Fatima", "L'Étang-du-Nord", "Étang-du-Nord", "Havre-aux-Maisons",
                   "L'Île-du-Havre-Aubert", "Havre-Aubert"]),  // Les Îles-de-la-Madeleine, 2002
        ("06013", ["Carleton"]),  // Carleton-sur-Mer, 2000
        ("04037", ["Tourelle"]),  // Sainte-Anne-des-Monts, 2001
    ]

    /// ``mergedInto`` by comparison key.
    static let formerNames: [String: (name: String, code: String)] = {
        var table: [String: (name: String, code: String)] = [:]
        for (code, names) in mergedInto {
            for name in names where table[key(name)] == nil { table[key(name)] = (name, code) }
        }
        return table
    }()
}
