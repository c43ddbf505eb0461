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
        var suggestions: [String: [Municipality]] = [:]
        var legalForms: [String: LegalForm?] = [:]
        var sectors: [String: Sector?] = [:]
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

    private func sector(_ text: String) -> Sector? {
        if let known = cache.sectors[text] { return known }
        let sector = ValueParsers.sector(text)
        if cache.sectors.count < 10_000 { cache.sectors[text] = sector }
        return sector
    }

    private func parseLegalForm(_ text: String) -> LegalForm? {
        if let known = cache.legalForms[text] { return known }
        let form = ValueParsers.legalForm(text)
        if cache.legalForms.count < 10_000 { cache.legalForms[text] = form }
        return form
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

        var legalForm = LegalForm.other
        if let text = cell(.legalForm) {
            if let form = parseLegalForm(text) {
                legalForm = form
            } else {
                report(.legalForm, .error, "legal_form.unknown",
                       "forme juridique « \(text) » inconnue (ex. coopérative, coopérative de solidarité, OBNL, mutuelle ; ou les codes du REQ APE, ASS, COP).")
            }
        } else if isMapped(.legalForm) {
            report(.legalForm, .warning, "legal_form.missing", "forme juridique absente : « Autre » est retenue.")
        }

        var profile = EnterpriseProfile(name: name, legalForm: legalForm)
        profile.status = .active
        if var other = cell(.otherName) {
            if options.titleCaseNames && FrenchTitleCase.isAllCapitals(other) { other = FrenchTitleCase.convert(other) }
            profile.otherNames = [OtherName(kind: .trade, name: other)]
        }
        profile.neq = cell(.neq)
        if let text = cell(.foundedYear) {
            if let year = Int(text.prefix(4)), text.count == 4 || text.dropFirst(4).first.map({ !$0.isNumber }) == true {
                profile.foundedYear = year
            } else {
                report(.foundedYear, .error, "founded_year.format", "année de fondation « \(text) » illisible : écrivez-la sur 4 chiffres (ex. 1998).")
            }
        }

        let activity = cell(.activity).map { "Activité déclarée au REQ : \($0)" }
        let mission = [cell(.mission), activity].compactMap { $0 }
        profile.mission = mission.isEmpty ? nil : mission.joined(separator: "\n\n")

        if let text = cell(.sectors) {
            let items = sector(text).map { [$0.slug] } ?? ValueParsers.list(text).map { item in
                sector(item)?.slug ?? item
            }
            for item in items where Sector.find(item) == nil {
                report(.sectors, .warning, "sector.unknown",
                       "secteur « \(item) » non reconnu, ignoré. Secteurs possibles : \(Sector.all.map(\.name).joined(separator: " ; ")).")
            }
            profile.sectors = items.filter { Sector.find($0) != nil }
        }
        if let text = cell(.offerings) {
            profile.offerings = ValueParsers.list(text).map { Offering(name: $0, kind: .service, offeredToMunicipalities: false) }
        }
        if let text = cell(.certifications) {
            for item in ValueParsers.list(text) {
                if let certification = ValueParsers.certification(item) {
                    if !profile.certifications.contains(certification.slug) { profile.certifications.append(certification.slug) }
                } else {
                    report(.certifications, .warning, "certification.unknown", "certification « \(item) » non reconnue, ignorée.")
                }
            }
        }

        var rowRegion: String?
        if let text = cell(.region) {
            if let region = ValueParsers.region(text) {
                rowRegion = region.code
            } else {
                report(.region, .error, "region.unknown", "région « \(text) » inconnue : indiquez un nom (ex. Mauricie) ou un code de 01 à 17.")
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
        let address = addressParts.compactMap { $0 }.filter { !Self.placeOnly.contains(MunicipalityResolver.key($0)) }
        profile.address = address.isEmpty ? nil : address.joined(separator: ", ")
        profile.postalCode = cell(.postalCode)

        profile.phone = cell(.phone)
        profile.email = cell(.email)
        profile.website = cell(.website)

        switch (cell(.latitude), cell(.longitude)) {
        case (let lat?, let long?):
            if let latitude = ValueParsers.number(lat), let longitude = ValueParsers.number(long) {
                profile.coordinates = Coordinates(latitude: latitude, longitude: longitude)
            } else {
                report(.latitude, .error, "coordinates.format", "coordonnées « \(lat) ; \(long) » illisibles : nombres décimaux attendus (ex. 46.34 et -72.54).")
            }
        case (nil, nil):
            break
        default:
            report(.latitude, .warning, "coordinates.incomplete", "latitude ou longitude manquante : les coordonnées sont ignorées.")
        }
        profile.lastVerified = cell(.lastVerified)
        profile.source = cell(.source) ?? "Import : \(options.fileName)"
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
