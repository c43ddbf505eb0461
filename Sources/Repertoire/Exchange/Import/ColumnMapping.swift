/// Which field each column of a file feeds. Proposed from the headers, then confirmed or
/// corrected by a person, and Codable so a hub can save it for its next import of the same file.
public struct ColumnMapping: Sendable, Equatable, Codable {
    public struct Column: Sendable, Equatable, Codable {
        public var header: String
        public var field: ImportField
        /// « Vider les valeurs absentes » : on update, a blank cell clears the stored value.
        /// Otherwise (the default) a blank cell keeps it.
        public var clearBlanks: Bool
        /// How a disagreement between a stored value and this column's value is settled.
        public var onConflict: ConflictChoice
        /// For code and free-text columns (``ImportField/mapsValues``): what each value stands
        /// for, by its folded key (`ImportText.key`). Values not listed are read automatically.
        public var values: [String: ValueTarget]

        public init(header: String, field: ImportField, clearBlanks: Bool = false, onConflict: ConflictChoice = .automatic,
                    values: [String: ValueTarget] = [:]) {
            self.header = header
            self.field = field
            self.clearBlanks = clearBlanks
            self.onConflict = onConflict
            self.values = values
        }

        enum CodingKeys: String, CodingKey { case header, field, clearBlanks, onConflict, values }

        /// Mappings saved before the per-column choices existed read with their defaults.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            header = try container.decode(String.self, forKey: .header)
            field = try container.decode(ImportField.self, forKey: .field)
            clearBlanks = try container.decodeIfPresent(Bool.self, forKey: .clearBlanks) ?? false
            onConflict = try container.decodeIfPresent(ConflictChoice.self, forKey: .onConflict) ?? .automatic
            values = try container.decodeIfPresent([String: ValueTarget].self, forKey: .values) ?? [:]
        }

        /// What `value` of this column stands for: the person's choice, else the automatic reading.
        public func target(for value: String) -> ValueTarget {
            let chosen = values[ImportText.key(value)] ?? .automatic
            return chosen == .automatic ? ValueGuesser.target(for: field, value: value) : chosen
        }
    }

    /// One entry per column of the file, in the file's order.
    public var columns: [Column]

    public init(columns: [Column]) {
        self.columns = columns
    }

    /// Maps each header by its French or English synonyms (case, accents, spaces and punctuation
    /// ignored). A field is given to its first column only; later ones are ignored.
    public static func propose(headers: [String]) -> ColumnMapping {
        var taken = Set<ImportField>()
        var columns: [Column] = []
        for header in headers {
            var field = synonyms[key(header)] ?? .ignored
            if field != .ignored && !taken.insert(field).inserted { field = .ignored }
            columns.append(Column(header: header, field: field))
        }
        return ColumnMapping(columns: columns)
    }

    /// A saved mapping applied to a new file: columns are matched by header (case, accents and
    /// punctuation ignored), whatever their order; headers the saved mapping does not know get
    /// the proposal's field.
    public func reused(for headers: [String]) -> ColumnMapping {
        var saved: [String: Column] = [:]
        for column in columns where saved[Self.key(column.header)] == nil { saved[Self.key(column.header)] = column }
        let proposal = Self.propose(headers: headers)
        var taken = Set<ImportField>()
        return ColumnMapping(columns: zip(headers, proposal.columns).map { header, proposed in
            var column = saved[Self.key(header)] ?? proposed
            column.header = header
            if column.field != .ignored && !taken.insert(column.field).inserted { column = Column(header: header, field: .ignored) }
            return column
        })
    }

    /// The first column feeding `field`.
    public func index(of field: ImportField) -> Int? {
        columns.firstIndex { $0.field == field }
    }

    public func header(of field: ImportField) -> String? {
        index(of: field).map { columns[$0].header }
    }

    /// Problems that make the mapping unusable, in French (empty when it can be used).
    public var problems: [String] {
        var problems: [String] = []
        // A file of updates may name its enterprises by NEQ (or by our exports' record page) alone.
        let identifiesByNumber = index(of: .neq) != nil || index(of: .recordPage) != nil
        if index(of: .name) == nil && !identifiesByNumber {
            problems.append("Aucune colonne n'est associée au nom de l'entreprise (ni au NEQ).")
        }
        if index(of: .municipality) == nil && index(of: .region) == nil && !identifiesByNumber {
            problems.append("Aucune colonne n'est associée à la municipalité ni à la région.")
        }
        if (index(of: .latitude) == nil) != (index(of: .longitude) == nil) {
            problems.append("La latitude et la longitude doivent être associées toutes les deux.")
        }
        var seen = Set<ImportField>()
        for column in columns where column.field != .ignored && !seen.insert(column.field).inserted {
            problems.append("Le champ « \(column.field.label) » est associé à plusieurs colonnes.")
        }
        return problems
    }

    /// `Code postal`, `CodePostal`, `code_postal` → `codepostal`.
    static func key(_ header: String) -> String {
        String(Slug.fold(header).unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
    }

    static let synonyms: [String: ImportField] = {
        let table: [ImportField: [String]] = [
            .name: ["nom", "noms", "nomentreprise", "nomdelentreprise", "nomorganisme", "nomdelorganisme", "raisonsociale",
                    "name", "enterprisename", "companyname", "organisation", "organization", "organisme", "entreprise"],
            .otherName: ["autrenom", "autresnoms", "nomcommercial", "nomlegal", "nomdusage", "tradename", "legalname", "othername",
                         "othernames"],
            .neq: ["neq", "numeroentreprise", "numerodentreprise", "numeroentrepriseduquebec", "noentreprise", "enterprisenumber"],
            .legalForm: ["formejuridique", "forme", "statutjuridique", "legalform", "legalstatus"],
            .foundedYear: ["anneefondation", "anneedefondation", "fondation", "fondee", "fondeeen", "founded", "foundedyear",
                           "yearfounded"],
            .mission: ["mission", "description", "descriptif", "presentation", "about"],
            .activity: ["secteuractivite", "activite", "activites", "activiteprincipale", "activitedeclaree", "activity",
                        "activities", "domaineactivite"],
            .sectors: ["secteur", "secteurs", "secteurdactivite", "secteursdactivite", "sector", "sectors"],
            .offerings: ["offres", "offre", "produits", "produitsetservices", "produitsservices", "services", "offerings",
                         "products", "productsandservices"],
            .address: ["adresse", "adresse1", "adresseligne1", "adresselign1", "adressecivique", "rue",
                       "address", "address1", "addressline1", "street"],
            .addressLine2: ["adresse2", "adresseligne2", "adresselign2", "adresselign3", "adresseligne3", "address2", "addressline2",
                            "complementadresse"],
            .municipality: ["municipalite", "municipalites", "ville", "city", "municipality", "town", "localite",
                            "codemunicipalite", "codegeographique", "mcode", "municipalitycode"],
            .postalCode: ["codepostal", "cp", "postalcode", "zip", "zipcode", "postcode"],
            .region: ["region", "regionadministrative", "regadm", "regioncode"],
            .phone: ["telephone", "tel", "phone", "telephonenumber", "numerodetelephone", "notelephone"],
            .email: ["courriel", "email", "mail", "adressecourriel", "emailaddress", "adresseelectronique"],
            .website: ["siteweb", "siteinternet", "website", "web", "url", "site"],
            .latitude: ["lat", "latitude"],
            .longitude: ["long", "lng", "lon", "longitude"],
            .certifications: ["certifications", "certification", "accreditations", "labels", "reconnaissances"],
            .lastVerified: ["derniereverification", "dateverification", "datedeverification", "verifiele", "lastverified"],
            .source: ["source", "sources", "provenance"],
            .category: ["categorie", "categoriedemembre", "categoriemembre", "typedemembre", "typemembre", "type",
                        "typedorganisation", "typeorganisme", "statutdemembre", "membre", "category", "membertype"],
            .offersToMunicipalities: ["offremunicipalites", "offreauxmunicipalites", "offertauxmunicipalites",
                                      "offerstomunicipalities"],
            .fictional: ["fictif", "fictive", "donneesfictives", "fictional"],
            .recordPage: ["fiche", "pagedelafiche", "fichedurepertoire", "lienfiche", "recordpage", "profileurl"],
            .managerNames: ["gestionnaires", "gestionnaire", "dirigeants", "dirigeant", "responsables", "managers", "managernames"],
            .managerEmails: ["courrielsdesgestionnaires", "gestionnairescourriels", "courrielgestionnaire", "manageremails"],
            .managerPhones: ["telephonesdesgestionnaires", "gestionnairestelephones", "telephonegestionnaire", "managerphones"],
        ]
        var result: [String: ImportField] = [:]
        for (field, names) in table {
            for name in names { result[name] = field }
            // Our own field names, so that a file written with them maps back without help.
            result[key(field.rawValue)] = field
        }
        return result
    }()
}
