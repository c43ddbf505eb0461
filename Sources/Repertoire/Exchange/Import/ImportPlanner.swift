import Dispatch
import Foundation

/// Plans an import without writing anything: each row becomes a create, an update, an
/// "unchanged" or a rejection, with its errors and warnings. Rows are consumed one at a time.
public enum ImportPlanner {
    /// Plans a decoded file; the options' file name is the file's.
    public static func plan(file: ImportFile, mapping: ColumnMapping, options: ImportOptions,
                            catalog: MunicipalityCatalog, existing: [ExistingRecord] = []) -> ImportPreview {
        var options = options
        options.fileName = file.name
        return plan(rows: file.rows, mapping: mapping, options: options, catalog: catalog, existing: existing)
    }

    /// Plans rows one at a time (the sequence is read once, lazily). `mapping` must have one
    /// column per column of the file.
    public static func plan(rows: some Sequence<ImportRow>, mapping: ColumnMapping, options: ImportOptions,
                            catalog: MunicipalityCatalog, existing: [ExistingRecord] = []) -> ImportPreview {
        let resolver = MunicipalityResolver(catalog: catalog)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        // One builder per worker: each keeps its own caches.
        let builders = (0..<workers).map { _ in ImportRowBuilder(mapping: mapping, options: options, resolver: resolver) }
        var state = State(builder: builders[0], matcher: ImportMatcher(existing: existing),
                          comparedFields: ProfileComparison.fields(for: mapping))
        state.preview.municipalityListMissing = resolver.isEmpty
        // Rows go through in batches so that reading cells and the domain's validation, the
        // costly steps, run on every core; matching then follows the file's order row by row.
        var batch: [ImportRow] = []
        batch.reserveCapacity(batchSize)
        for row in rows {
            batch.append(row)
            if batch.count == batchSize {
                state.finish(prepare(batch, builders: builders, catalog: catalog, today: options.today))
                batch.removeAll(keepingCapacity: true)
            }
        }
        state.finish(prepare(batch, builders: builders, catalog: catalog, today: options.today))
        return state.preview
    }

    static let batchSize = 2_048

    struct Pending {
        var line: Int
        var issues: [ImportIssue]
        var validation: Result<(EnterpriseProfile, [FieldIssue]), ValidationFailure>?
        var municipalityText: String?
        var municipalityResolved: Bool
    }

    /// Builds and validates a batch of rows, spread over `builders.count` threads.
    static func prepare(_ rows: [ImportRow], builders: [ImportRowBuilder], catalog: MunicipalityCatalog, today: Date) -> [Pending] {
        var results = [Pending?](repeating: nil, count: rows.count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each worker writes its own indices only.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: builders.count) { worker in
                for index in stride(from: worker, to: rows.count, by: builders.count) {
                    slots[index] = prepare(rows[index], builder: builders[worker], catalog: catalog, today: today)
                }
            }
        }
        return results.map { $0! }
    }

    static func prepare(_ row: ImportRow, builder: ImportRowBuilder, catalog: MunicipalityCatalog, today: Date) -> Pending {
        let built = builder.build(row)
        var pending = Pending(line: row.line, issues: built.issues, validation: nil,
                              municipalityText: built.municipalityText, municipalityResolved: built.municipalityResolved)
        if let draft = built.profile, !built.issues.contains(where: { $0.severity == .error }) {
            pending.validation = Result { () throws(ValidationFailure) in
                let (profile, warnings) = try draft.validated(using: catalog, today: today)
                return (profile, warnings)
            }
        }
        return pending
    }

    struct State {
        let builder: ImportRowBuilder
        var matcher: ImportMatcher
        let comparedFields: [ProfileComparison.Field]
        var preview = ImportPreview()

        mutating func finish(_ batch: [Pending]) {
            for item in batch { finish(item) }
        }

        mutating func finish(_ item: Pending) {
            let line = item.line
            var issues = item.issues
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
            switch matcher.match(profile, key: key, line: line) {
            case .none:
                preview.append(ImportRowOutcome(line: line, action: .create(profile), issues: issues))
            case .record(let record):
                let (merged, changes) = ProfileComparison.merge(profile, into: record.profile, fields: comparedFields)
                let action: ImportRowOutcome.Action = changes.isEmpty
                    ? .unchanged(id: record.id)
                    : .update(id: record.id, version: record.version, profile: merged, changes: changes)
                preview.append(ImportRowOutcome(line: line, action: action, issues: issues))
            case .alreadyMatched(let first):
                issues.append(ImportIssue(line: line, column: builder.header(.name), severity: .error, code: "duplicate",
                                          message: "cette ligne désigne la même fiche existante que la ligne \(first) : doublon ignoré."))
                preview.append(ImportRowOutcome(line: line, action: .rejected, issues: issues))
            }
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
        default: []
        }
        let column = candidates.first(where: builder.isMapped).map(builder.header) ?? ""
        return ImportIssue(line: line, column: column, severity: issue.severity, code: issue.code, message: issue.message)
    }
}
