/// Turns one row's cells into an unvalidated ``EnterpriseProfile``, reporting what it had to
/// leave out or could not read. Validation proper is the domain's (`validated(using:)`).
struct ImportRowBuilder: Sendable {
    let mapping: ColumnMapping
    let options: ImportOptions
    let resolver: MunicipalityResolver
    private let indices: [ImportField: Int]
    /// A file names the same few municipalities and legal forms over and over.
    private let cache = Cache()

    /// Not thread-safe: the planner gives each thread its own builder.
    private final class Cache: @unchecked Sendable {
        var municipalities: [String: MunicipalityResolver.Resolution] = [:]
        var targets: [String: ValueTarget] = [:]
        var suggestions: [String: [Municipality]] = [:]
    }

    /// What `value` of column `index` stands for, remembered per builder.
    private func target(_ index: Int, _ value: String) -> ValueTarget {
        let key = "\(index)|\(value)"
        if let known = cache.targets[key] { return known }
        let target = mapping.columns[index].target(for: value)
        if cache.targets.count < 100_000 { cache.targets[key] = target }
        return target
    }

    private func resolve(_ text: String, _ hints: [String]) -> MunicipalityResolver.Resolution {
        let key = text + "|" + hints.joined(separator: ",")
        if let known = cache.municipalities[key] { return known }
        let resolution = resolver.resolve(text, regionCodes: hints)
        if cache.municipalities.count < 100_000 { cache.municipalities[key] = resolution }
        return resolution
    }

    private func suggest(_ text: String, _ hints: [String]) -> [Municipality] {
        let key = text + "|" + hints.joined(separator: ",")
        if let known = cache.suggestions[key] { return known }
        let suggestions = resolver.suggestions(for: text, regionCodes: hints)
        if cache.suggestions.count < 10_000 { cache.suggestions[key] = suggestions }
        return suggestions
    }


    init(mapping: ColumnMapping, options: ImportOptions, resolver: MunicipalityResolver) {
        self.mapping = mapping
        self.options = options
        self.resolver = resolver
        var indices: [ImportField: Int] = [:]
        for (index, column) in mapping.columns.enumerated() where column.field != .ignored && indices[column.field] == nil {
            indices[column.field] = index
        }
        self.indices = indices
    }

    struct Built {
        var profile: EnterpriseProfile?
        var issues: [ImportIssue] = []
        /// The municipality as written, when the row gave one.
        var municipalityText: String?
        /// Resolved to a municipality, or recognised as an Indigenous community.
        var municipalityResolved = false
        /// The compared fields (see ``ProfileComparison``) this row gives a usable value for: on
        /// update, the others keep their stored values unless their column clears blanks.
        var provided: Set<ImportField> = []
        /// Set when a value says the row is a person, not an enterprise: the row is skipped.
        var notEnterprise: String?
        /// The `Oui`/`Non` of a fictional-data column, when the row gave one.
        var fictional: Bool?
        /// The record's address in the directory (our exports' `Fiche`): its last path segment.
        var recordSlug: String?
    }

    func header(_ field: ImportField) -> String {
        indices[field].map { mapping.columns[$0].header } ?? ""
    }

    func isMapped(_ field: ImportField) -> Bool { indices[field] != nil }

    func build(_ row: ImportRow) -> Built {
        var built = Built()
        func report(_ field: ImportField?, _ severity: FieldIssue.Severity, _ code: String, _ message: String) {
            built.issues.append(ImportIssue(line: row.line, column: field.map(header) ?? "", severity: severity, code: code, message: message))
        }
        func cell(_ field: ImportField) -> String? {
            guard let index = indices[field], index < row.cells.count else { return nil }
            return ImportCell.value(row.cells[index])
        }

        if let problem = row.problem {
            report(nil, .error, "csv.syntax", problem.message)
            return built
        }
        let expected = mapping.columns.count
        if row.columnCount > expected,
           row.columnCount > row.cells.count || row.cells[expected...].contains(where: { ImportCell.value($0) != nil }) {
            report(nil, .error, "csv.column_count",
                   "la ligne compte \(row.columnCount) colonnes au lieu de \(expected) : un séparateur en trop ou un guillemet manquant ? La ligne est ignorée.")
            return built
        }
        if row.columnCount < expected {
            report(nil, .warning, "csv.column_count",
                   "la ligne ne compte que \(row.columnCount) colonnes sur \(expected) : les colonnes manquantes sont lues comme vides.")
        }

        var name = cell(.name) ?? ""
        if options.titleCaseNames && FrenchTitleCase.isAllCapitals(name) { name = FrenchTitleCase.convert(name) }

        // Code and free-text columns: each value is read as the mapping says (sector, legal form,
        // nothing, or "not an enterprise").
        var legalForm: LegalForm?
        var sectorSlugs: [String] = []
        for field in [ImportField.legalForm, .category, .sectors, .activity] {
            guard let index = indices[field], let text = cell(field) else { continue }
            let column = mapping.columns[index]
            let items = ValueParsers.valueItems(text, field: field)
            for item in items {
                switch target(index, item) {
                case .notEnterprise:
                    built.notEnterprise = built.notEnterprise ?? "« \(item) » (colonne \(column.header)) désigne une personne, pas une entreprise : ligne ignorée, rien n'est publié."
                case .sector(let slug):
                    if !sectorSlugs.contains(slug) { sectorSlugs.append(slug) }
                case .legalForm(let form):
                    legalForm = legalForm ?? form
                case .ignore, .automatic:
                    switch field {
                    case .legalForm:
                        report(.legalForm, .warning, "legal_form.unknown",
                               "forme juridique « \(item) » inconnue, ignorée (ex. coopérative, OBNL, mutuelle ; codes du REQ APE, ASS, COP) : choisissez-la sous « Valeurs ».")
                    case .sectors:
                        report(.sectors, .warning, "sector.unknown",
                               "secteur « \(item) » non reconnu, ignoré : associez-le à un secteur sous « Valeurs ».")
                    case .activity:
                        report(.activity, .warning, "activity.unmatched",
                               "activité « \(item) » associée à aucun secteur : choisissez-en un sous « Valeurs ».")
                    default:
                        break
                    }
                }
            }
        }
        if built.notEnterprise != nil { return built }
        if legalForm == nil, isMapped(.legalForm), cell(.legalForm) == nil {
            report(.legalForm, .warning, "legal_form.missing", "forme juridique absente : « Autre » est retenue pour une nouvelle fiche.")
        }
        if legalForm != nil { built.provided.insert(.legalForm) }

        var profile = EnterpriseProfile(name: name, legalForm: legalForm ?? .other)
        profile.status = .active
        if !name.isEmpty { built.provided.insert(.name) }
        if var other = cell(.otherName) {
            if options.titleCaseNames && FrenchTitleCase.isAllCapitals(other) { other = FrenchTitleCase.convert(other) }
            profile.otherNames = [OtherName(kind: .trade, name: other)]
            built.provided.insert(.otherName)
        }
        // A spreadsheet that held the NEQ as a number may write it `1140139735.0`.
        profile.neq = cell(.neq).map { $0.hasSuffix(".0") && $0.dropLast(2).allSatisfy(\.isNumber) ? String($0.dropLast(2)) : $0 }
        if profile.neq != nil { built.provided.insert(.neq) }
        if let text = cell(.foundedYear) {
            if let year = Int(text.prefix(4)), text.count == 4 || text.dropFirst(4).first.map({ !$0.isNumber }) == true {
                profile.foundedYear = year
                built.provided.insert(.foundedYear)
            } else {
                report(.foundedYear, .warning, "founded_year.format",
                       "année de fondation « \(text) » illisible (4 chiffres attendus, ex. 1998) : valeur ignorée, la fiche est importée sans elle.")
            }
        }

        profile.mission = cell(.mission)
        if profile.mission != nil { built.provided.insert(.mission) }

        profile.sectors = sectorSlugs
        if !sectorSlugs.isEmpty { built.provided.insert(.sectors) }
        if let text = cell(.offerings) {
            let offered = cell(.offersToMunicipalities).flatMap(ValueParsers.yesNo) ?? false
            profile.offerings = ValueParsers.list(text).map { Offering(name: $0, kind: .service, offeredToMunicipalities: offered) }
            built.provided.insert(.offerings)
        }
        if let text = cell(.offersToMunicipalities) {
            if let offered = ValueParsers.yesNo(text) {
                built.provided.insert(.offersToMunicipalities)
                for index in profile.offerings.indices { profile.offerings[index].offeredToMunicipalities = offered }
                if offered && profile.offerings.isEmpty && cell(.offerings) == nil && !isMapped(.offerings) {
                    report(.offersToMunicipalities, .warning, "offers.no_offering",
                           "« \(text) » : l'offre aux municipalités porte sur les produits et services, et le fichier n'en donne pas.")
                }
            } else {
                report(.offersToMunicipalities, .warning, "yes_no.format", "« \(text) » : oui ou non attendu, valeur ignorée.")
            }
        }
        if let text = cell(.fictional) {
            if let fictional = ValueParsers.yesNo(text) { built.fictional = fictional } else {
                report(.fictional, .warning, "yes_no.format", "« \(text) » : oui ou non attendu, valeur ignorée.")
            }
        }
        if let text = cell(.recordPage) {
            let path = text.split(separator: "?").first.map(String.init) ?? text
            built.recordSlug = path.split(separator: "/").last.map(String.init)
        }
        if let text = cell(.certifications) {
            for item in ValueParsers.list(text) {
                if let certification = ValueParsers.certification(item) {
                    if !profile.certifications.contains(certification.slug) { profile.certifications.append(certification.slug) }
                } else {
                    report(.certifications, .warning, "certification.unknown", "certification « \(item) » non reconnue, ignorée.")
                }
            }
            if !profile.certifications.isEmpty { built.provided.insert(.certifications) }
        }
        if let names = cell(.managerNames) {
            let emails = cell(.managerEmails).map(ValueParsers.list) ?? []
            let phones = cell(.managerPhones).map(ValueParsers.list) ?? []
            profile.managers = ValueParsers.list(names).enumerated().map { index, name in
                var manager = ManagerContact(name: name, role: nil)
                manager.email = index < emails.count ? emails[index] : nil
                manager.phone = index < phones.count ? phones[index] : nil
                return manager
            }
            if !profile.managers.isEmpty { built.provided.insert(.managerNames) }
        }

        var rowRegion: String?
        if let text = cell(.region) {
            if let region = ValueParsers.region(text) {
                rowRegion = region.code
                built.provided.insert(.region)
            } else {
                report(.region, .warning, "region.unknown", "région « \(text) » inconnue (un nom, ex. Mauricie, ou un code de 01 à 17) : valeur ignorée.")
            }
        }
        profile.regionCode = rowRegion
        let regionHints = [rowRegion, options.defaultRegionCode].compactMap { $0 }

        // The REQ puts a post-office box in the municipality column and the municipality on the
        // next address line now and then: whichever of the two resolves is the municipality,
        // and the other stays in the address.
        let municipalityText = cell(.municipality)
        let secondLine = cell(.addressLine2)
        var addressParts = [cell(.address)]
        built.municipalityText = municipalityText
        let first = municipalityText.map { resolve($0, regionHints) }
        if let first, let municipality = first.municipality {
            profile.municipalityCode = municipality.code
            addressParts.append(secondLine)
            noteFormerName(first, municipalityText ?? "", report)
        } else if let secondLine, case let second = resolve(secondLine, regionHints), let municipality = second.municipality {
            profile.municipalityCode = municipality.code
            addressParts += [municipalityText]
            noteFormerName(second, secondLine, report)
        } else {
            addressParts += [secondLine, municipalityText]
            if let municipalityText, case .indigenousCommunity(let community) = first {
                let region = rowRegion ?? community.regionCode
                profile.regionCode = region
                built.provided.insert(.region)
                let named = MunicipalityResolver.key(municipalityText) == MunicipalityResolver.key(community.name)
                    ? "" : "« \(municipalityText) » : "
                report(.municipality, .warning, "municipality.indigenous",
                       "\(named)\(community.name) est une communauté autochtone, hors du répertoire des municipalités du Québec : la région \(region) est retenue ; le nom reste dans l'adresse.")
            } else if resolver.isEmpty {
                // The preview says once that the reference list is missing, instead of calling
                // every real municipality unknown.
            } else if let municipalityText, let first {
                let fallback = rowRegion ?? options.defaultRegionCode
                let severity: FieldIssue.Severity = fallback == nil ? .error : .warning
                let consequence = fallback.map { " La région \($0) est retenue ; le nom reste dans l'adresse." }
                    ?? " Indiquez le code de la municipalité ou une région."
                if case .ambiguous(let candidates) = first {
                    let list = candidates.map { "\($0.name) (\($0.code), région \($0.regionCode))" }.joined(separator: " ; ")
                    report(.municipality, severity, "municipality.ambiguous",
                           "« \(municipalityText) » désigne plusieurs municipalités : \(list).\(consequence)")
                } else {
                    let suggestions = suggest(municipalityText, regionHints).map { "\($0.name) (\($0.code), région \($0.regionCode))" }
                    let question = suggestions.isEmpty ? "" : " Vouliez-vous dire : \(suggestions.joined(separator: " ou ")) ?"
                    report(.municipality, severity, "municipality.unknown",
                           "municipalité « \(municipalityText) » introuvable dans le répertoire des municipalités du Québec.\(question)\(consequence)")
                }
            }
            if profile.regionCode == nil { profile.regionCode = options.defaultRegionCode }
        }
        built.municipalityResolved = profile.municipalityCode != nil || first?.community != nil
        if profile.municipalityCode != nil {
            built.provided.formUnion([.municipality, .region])
        }
        let address = addressParts.compactMap { $0 }.filter { !Self.placeOnly.contains(MunicipalityResolver.key($0)) }
        profile.address = address.isEmpty ? nil : address.joined(separator: ", ")
        if profile.address != nil { built.provided.insert(.address) }
        let simple: [(ImportField, WritableKeyPath<EnterpriseProfile, String?>)] = [
            (.postalCode, \.postalCode), (.phone, \.phone), (.email, \.email), (.website, \.website), (.lastVerified, \.lastVerified),
        ]
        for (field, path) in simple {
            profile[keyPath: path] = cell(field)
            if profile[keyPath: path] != nil { built.provided.insert(field) }
        }

        switch (cell(.latitude), cell(.longitude)) {
        case (let lat?, let long?):
            if let latitude = ValueParsers.number(lat), let longitude = ValueParsers.number(long) {
                profile.coordinates = Coordinates(latitude: latitude, longitude: longitude)
                built.provided.insert(.latitude)
            } else {
                report(.latitude, .warning, "coordinates.format",
                       "coordonnées « \(lat) ; \(long) » illisibles (nombres décimaux attendus, ex. 46.34 et -72.54) : valeur ignorée, la fiche est importée sans elle.")
            }
        case (nil, nil):
            break
        default:
            report(.latitude, .warning, "coordinates.incomplete", "latitude ou longitude manquante : les coordonnées sont ignorées.")
        }
        if let source = cell(.source) {
            profile.source = source
            built.provided.insert(.source)
        } else {
            profile.source = options.source
        }
        built.profile = profile
        return built
    }

    private func noteFormerName(_ resolution: MunicipalityResolver.Resolution, _ text: String,
                                _ report: (ImportField?, FieldIssue.Severity, String, String) -> Void) {
        if case .found(let municipality, let former?) = resolution {
            report(.municipality, .warning, "municipality.merged",
                   "« \(text) » : l'ancienne municipalité \(former) fait partie de \(municipality.name) (\(municipality.code)), retenue.")
        }
    }

    /// Address lines that only name the country or province add nothing.
    static let placeOnly: Set<String> = ["canada", "quebec", "qc", "quebec canada", "qc canada"]
}

extension MunicipalityResolver.Resolution {
    var municipality: Municipality? {
        if case .found(let municipality, _) = self { return municipality }
        return nil
    }
}
