import Dispatch
import Foundation

/// Plans an import without writing anything: each row becomes a create, an update, an
/// "unchanged" or a rejection, with its errors and warnings. Rows are consumed one at a time.
public enum ImportPlanner {
    /// Plans a decoded file; the options' file name is the file's.
    public static func plan(file: ImportFile, mapping: ColumnMapping, options: ImportOptions,
                            catalog: MunicipalityCatalog, existing: [ExistingRecord] = [],
                            progress: ((Int) -> Void)? = nil) -> ImportPreview {
        var options = options
        options.fileName = file.name
        return plan(rows: file.rows, mapping: mapping, options: options, catalog: catalog, existing: existing, progress: progress)
    }

    /// Plans rows one at a time (the sequence is read once, lazily). `mapping` must have one
    /// column per column of the file.
    /// `progress` hears how many rows are planned, after each batch.
    public static func plan(rows: some Sequence<ImportRow>, mapping: ColumnMapping, options: ImportOptions,
                            catalog: MunicipalityCatalog, existing: [ExistingRecord] = [],
                            progress: ((Int) -> Void)? = nil) -> ImportPreview {
        let resolver = MunicipalityResolver(catalog: catalog)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        // One builder per worker: each keeps its own caches.
        let builders = (0..<workers).map { _ in ImportRowBuilder(mapping: mapping, options: options, resolver: resolver) }
        // Rows that name their enterprise by NEQ alone (a blank name or place keeps the stored one).
        let byNEQ = Dictionary(existing.compactMap { record in record.neq.map { ($0, record) } }, uniquingKeysWith: { first, _ in first })
        var state = State(builder: builders[0], matcher: ImportMatcher(existing: existing),
                          comparedFields: ProfileComparison.fields(for: mapping), options: options, mapping: mapping)
        state.preview.municipalityListMissing = resolver.isEmpty
        // Rows go through in batches so that reading cells and the domain's validation, the
        // costly steps, run on every core; matching then follows the file's order row by row.
        var batch: [ImportRow] = []
        batch.reserveCapacity(batchSize)
        for row in rows {
            batch.append(row)
            if batch.count == batchSize {
                state.finish(prepare(batch, builders: builders, catalog: catalog, today: options.today, byNEQ: byNEQ))
                batch.removeAll(keepingCapacity: true)
                progress?(state.preview.outcomes.count)
            }
        }
        state.finish(prepare(batch, builders: builders, catalog: catalog, today: options.today, byNEQ: byNEQ))
        progress?(state.preview.outcomes.count)
        return state.preview
    }

    static let batchSize = 2_048

    struct Pending {
        var line: Int
        var issues: [ImportIssue]
        var validation: Result<(EnterpriseProfile, [FieldIssue]), ValidationFailure>?
        var municipalityText: String?
        var municipalityResolved: Bool
        var provided: Set<ImportField> = []
        var notEnterprise: String?
        var fictional: Bool?
        var recordSlug: String?
    }

    /// Builds and validates a batch of rows, spread over `builders.count` threads.
    static func prepare(_ rows: [ImportRow], builders: [ImportRowBuilder], catalog: MunicipalityCatalog, today: Date,
                        byNEQ: [String: ExistingRecord] = [:]) -> [Pending] {
        var results = [Pending?](repeating: nil, count: rows.count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each worker writes its own indices only.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: builders.count) { worker in
                for index in stride(from: worker, to: rows.count, by: builders.count) {
                    slots[index] = prepare(rows[index], builder: builders[worker], catalog: catalog, today: today, byNEQ: byNEQ)
                }
            }
        }
        return results.map { $0! }
    }

    static func prepare(_ row: ImportRow, builder: ImportRowBuilder, catalog: MunicipalityCatalog, today: Date,
                        byNEQ: [String: ExistingRecord] = [:]) -> Pending {
        var built = builder.build(row)
        // A row whose NEQ names a stored enterprise needs neither a name nor a place: its blank
        // cells keep the stored ones, like any other blank cell.
        if var draft = built.profile, draft.name.isEmpty || (draft.municipalityCode == nil && draft.regionCode == nil),
           let raw = draft.neq, let digits = NEQ.parse(raw).0?.digits, let record = byNEQ[digits] {
            if draft.name.isEmpty { draft.name = record.profile.name }
            if draft.municipalityCode == nil && draft.regionCode == nil {
                draft.municipalityCode = record.profile.municipalityCode
                draft.regionCode = record.profile.regionCode
                built.issues.removeAll { $0.code == "municipality.unknown" || $0.code == "municipality.ambiguous" }
            }
            built.profile = draft
        }
        var pending = Pending(line: row.line, issues: built.issues, validation: nil,
                              municipalityText: built.municipalityText, municipalityResolved: built.municipalityResolved,
                              provided: built.provided, notEnterprise: built.notEnterprise, fictional: built.fictional,
                              recordSlug: built.recordSlug)
        guard built.notEnterprise == nil, var draft = built.profile, !built.issues.contains(where: { $0.severity == .error }) else {
            return pending
        }
        // A bad optional value (a postal code, a web address…) is left out with a warning naming
        // its cell, and the row validated again without it; only what identifies the enterprise
        // (its name, its NEQ) or places it rejects the row.
        for _ in 0..<4 {
            do throws(ValidationFailure) {
                let (profile, warnings) = try draft.validated(using: catalog, today: today)
                if let neq = warnings.first(where: { $0.field == "neq" }) {
                    // An NEQ whose check digit fails would match or create the wrong enterprise.
                    var failure = neq
                    failure.severity = .error
                    failure.message += " La ligne est refusée : le NEQ identifie l'entreprise."
                    pending.validation = .failure(ValidationFailure(warnings.filter { $0.field != "neq" } + [failure]))
                } else {
                    pending.validation = .success((profile, warnings))
                }
                return pending
            } catch {
                let errors = error.issues.filter { $0.severity == .error }
                let dropped = errors.compactMap { issue in optionalField(issue.field).map { (issue, $0) } }
                guard !dropped.isEmpty, dropped.count == errors.count else {
                    pending.validation = .failure(error)
                    return pending
                }
                for (issue, field) in dropped {
                    clear(field, in: &draft)
                    pending.provided.remove(field)
                    pending.issues.append(importIssue(
                        FieldIssue(field: issue.field, code: issue.code + ".ignored",
                                   message: issue.message + " Valeur ignorée : la fiche est importée sans elle.",
                                   english: issue.messageEnglish, severity: .warning),
                        line: row.line, builder: builder))
                }
            }
        }
        return pending
    }

    /// The compared field a validation issue's path belongs to, when that field is optional:
    /// the row can be imported without it.
    static func optionalField(_ path: String) -> ImportField? {
        switch String(path.prefix { $0 != "[" && $0 != "." }) {
        case "otherNames": .otherName
        case "foundedYear": .foundedYear
        case "mission", "missionEnglish": .mission
        case "offerings": .offerings
        case "address": .address
        case "postalCode": .postalCode
        case "coordinates": .latitude
        case "phone": .phone
        case "email": .email
        case "website": .website
        case "certifications": .certifications
        case "lastVerified": .lastVerified
        case "source": .source
        case "managers": .managerNames
        default: nil
        }
    }

    static func clear(_ field: ImportField, in profile: inout EnterpriseProfile) {
        switch field {
        case .otherName: profile.otherNames = []
        case .foundedYear: profile.foundedYear = nil
        case .mission: profile.mission = nil; profile.missionEnglish = nil
        case .offerings: profile.offerings = []
        case .address: profile.address = nil
        case .postalCode: profile.postalCode = nil
        case .latitude: profile.coordinates = nil
        case .phone: profile.phone = nil
        case .email: profile.email = nil
        case .website: profile.website = nil
        case .certifications: profile.certifications = []
        case .lastVerified: profile.lastVerified = nil
        case .source: profile.source = nil
        case .managerNames: profile.managers = []
        default: break
        }
    }

    struct State {
        let builder: ImportRowBuilder
        var matcher: ImportMatcher
        let comparedFields: [ProfileComparison.Field]
        let options: ImportOptions
        /// Compared fields whose column clears blanks, and each compared field's column choice.
        let clearing: Set<ImportField>
        let columnChoices: [ImportField: ConflictChoice]
        var preview = ImportPreview()

        init(builder: ImportRowBuilder, matcher: ImportMatcher, comparedFields: [ProfileComparison.Field], options: ImportOptions,
             mapping: ColumnMapping) {
            self.builder = builder
            self.matcher = matcher
            self.comparedFields = comparedFields
            self.options = options
            var clearing = Set<ImportField>()
            var choices: [ImportField: ConflictChoice] = [:]
            for column in mapping.columns {
                guard let field = ProfileComparison.comparedField(of: column.field) else { continue }
                if column.clearBlanks { clearing.insert(field) }
                if column.onConflict != .automatic, choices[field] == nil { choices[field] = column.onConflict }
            }
            self.clearing = clearing
            self.columnChoices = choices
        }

        mutating func finish(_ batch: [Pending]) {
            for item in batch { finish(item) }
        }

        mutating func finish(_ item: Pending) {
            let line = item.line
            var issues = item.issues
            if let reason = item.notEnterprise {
                preview.append(ImportRowOutcome(line: line, action: .skipped(reason: reason), issues: issues))
                return
            }
            if let text = item.municipalityText {
                preview.municipalitiesGiven += 1
                if item.municipalityResolved {
                    preview.municipalitiesResolved += 1
                } else {
                    preview.unresolvedMunicipalities[text, default: 0] += 1
                }
            }
            let profile: EnterpriseProfile
            switch item.validation {
            case nil:
                preview.append(ImportRowOutcome(line: line, action: .rejected, issues: issues))
                return
            case .failure(let failure):
                issues += failure.issues.map { importIssue($0, line: line, builder: builder) }
                preview.append(ImportRowOutcome(line: line, action: .rejected, issues: issues))
                return
            case .success(let (validated, warnings)):
                profile = validated
                issues += warnings.map { importIssue($0, line: line, builder: builder) }
            }

            let key = ImportMatcher.nameKey(profile.name, profile.municipalityCode)
            if let duplicate = matcher.duplicate(of: profile, key: key, line: line) {
                issues.append(ImportIssue(line: line, column: builder.header(duplicate.column), severity: .error,
                                          code: "duplicate", message: duplicate.message))
                preview.append(ImportRowOutcome(line: line, action: .rejected, issues: issues))
                return
            }
            switch matcher.match(profile, key: key, line: line, slug: item.recordSlug) {
            case .none:
                preview.append(ImportRowOutcome(line: line, action: .create(profile), issues: issues, fictional: item.fictional ?? false))
            case .record(let record):
                // « No sector » says nothing about a record that has its sectors already.
                if !record.profile.sectors.isEmpty { issues.removeAll { $0.code == "no_sector" } }
                let merged = ProfileComparison.merge(profile, into: record.profile, fields: comparedFields, provided: item.provided,
                                                     clearing: clearing) { field in decide(field, record: record, line: line) }
                let action: ImportRowOutcome.Action = merged.changes.isEmpty
                    ? .unchanged(id: record.id)
                    : .update(id: record.id, version: record.version, profile: merged.profile, changes: merged.changes)
                preview.append(ImportRowOutcome(line: line, action: action, issues: issues, kept: merged.kept, recordName: record.name))
            case .alreadyMatched(let first):
                issues.append(ImportIssue(line: line, column: builder.header(.name), severity: .error, code: "duplicate",
                                          message: "cette ligne désigne la même fiche existante que la ligne \(first) : doublon ignoré."))
                preview.append(ImportRowOutcome(line: line, action: .rejected, issues: issues))
            }
        }

        /// Whose value stays where the record and the row disagree: the row's choice, else the
        /// column's, else the rule — the stored value when a person edited it (or verified the
        /// record) on or after the list's date, the file's otherwise.
        func decide(_ field: ProfileComparison.Field, record: ExistingRecord, line: Int) -> ProfileComparison.Decision {
            if let chosen = options.rowChoices[line], chosen != .automatic {
                return .init(choice: chosen, reason: chosen == .keepStored ? "choix pour cette ligne" : nil)
            }
            if let chosen = columnChoices[field.field] {
                return .init(choice: chosen, reason: chosen == .keepStored ? "choix pour cette colonne" : nil)
            }
            if let profileField = field.profileField, let edited = record.handEdited[profileField.rawValue] {
                let day = CalendarDay.string(from: edited)
                if options.listDate.map({ day >= $0 }) ?? true {
                    return .init(choice: .keepStored, reason: "modifiée à la main le \(day)")
                }
            }
            // A verification is a person's word too: it outweighs a list of unknown date.
            if let verified = record.profile.lastVerified, options.listDate.map({ verified >= $0 }) ?? true {
                return .init(choice: .keepStored, reason: options.listDate.map { "fiche vérifiée le \(verified), après la liste (\($0))" }
                    ?? "fiche vérifiée le \(verified)")
            }
            return .init(choice: .takeIncoming)
        }
    }

    /// Places a domain issue under the file's column it came from.
    static func importIssue(_ issue: FieldIssue, line: Int, builder: ImportRowBuilder) -> ImportIssue {
        let root = String(issue.field.prefix { $0 != "[" && $0 != "." })
        let candidates: [ImportField] = switch root {
        case "name": [.name]
        case "otherNames": [.otherName]
        case "neq": [.neq]
        case "legalForm": [.legalForm]
        case "foundedYear": [.foundedYear]
        case "mission", "missionEnglish": [.mission, .activity]
        case "sectors": [.sectors]
        case "offerings": [.offerings]
        case "address": [.address, .addressLine2]
        case "municipalityCode": [.municipality]
        case "postalCode": [.postalCode]
        case "regionCode", "serviceArea": [.region, .municipality]
        case "coordinates": [.latitude, .longitude]
        case "phone": [.phone]
        case "email": [.email]
        case "website": [.website]
        case "certifications": [.certifications]
        case "lastVerified": [.lastVerified]
        case "source": [.source]
        case "managers": [.managerNames, .managerEmails, .managerPhones]
        default: []
        }
        let column = candidates.first(where: builder.isMapped).map(builder.header) ?? ""
        return ImportIssue(line: line, column: column, severity: issue.severity, code: issue.code, message: issue.message)
    }
}
