import Foundation
import Logging

/// `repertoire import`: previews a hub's spreadsheet (CSV or XLSX) against the directory and, when asked,
/// applies it in one transaction as a batch that can be reverted.
public enum ImportTask {
    public struct Settings: Sendable {
        public var file: String
        public var apply = false
        public var defaultRegion: String?
        public var titleCase = false
        public var encoding: ImportEncoding?
        public var delimiter: Character?
        /// The sheet of an XLSX workbook to read (default: the first).
        public var sheet: String?
        public var mappingFile: String?
        public var saveMappingFile: String?
        public var reportFile: String?
        public var importedBy = "ligne de commande"
        /// `AAAA-MM-JJ`, as the web preview's « Date de la liste » (unknown by default on both).
        public var listDate: String?
        public var source: String?
        /// Applied to every column whose mapping leaves the choice automatic.
        public var onConflict: ConflictChoice?
        /// Headers of the columns whose blank cells clear stored values.
        public var clearBlanks: [String] = []

        public init(file: String) {
            self.file = file
        }
    }

    public static func run(_ settings: Settings, database location: DatabaseLocation, logger: Logger) async throws -> String {
        guard let data = FileManager.default.contents(atPath: settings.file) else {
            throw Tasks.Refusal(description: "Cannot read \(settings.file): no such file or not readable.")
        }
        let name = URL(fileURLWithPath: settings.file).lastPathComponent
        let file: ImportFile
        do {
            file = try ImportFile.load(data, name: name, encoding: settings.encoding, delimiter: settings.delimiter, sheet: settings.sheet)
        } catch {
            throw Tasks.Refusal(description: "\(name) : \(error.description) — rien n'a été importé.")
        }
        var proposed = ColumnMapping.propose(headers: file.headers)
        if let path = settings.mappingFile {
            guard let saved = FileManager.default.contents(atPath: path),
                  let decoded = try? JSONDecoder().decode(ColumnMapping.self, from: saved)
            else { throw Tasks.Refusal(description: "Cannot read the mapping \(path) (a JSON file written by --save-mapping).") }
            proposed = decoded.reused(for: file.headers)
        }
        for header in settings.clearBlanks {
            guard let index = proposed.columns.firstIndex(where: { ColumnMapping.key($0.header) == ColumnMapping.key(header) }) else {
                throw Tasks.Refusal(description: "--clear-blanks \(header): the file has no such column (columns: \(file.headers.joined(separator: ", "))).")
            }
            proposed.columns[index].clearBlanks = true
        }
        if let choice = settings.onConflict {
            for index in proposed.columns.indices where proposed.columns[index].onConflict == .automatic {
                proposed.columns[index].onConflict = choice
            }
        }
        let mapping = proposed
        if let path = settings.saveMappingFile {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(mapping).write(to: URL(fileURLWithPath: path))
        }
        if let region = settings.defaultRegion, Region.find(region) == nil {
            throw Tasks.Refusal(description: "--default-region \(region): unknown region (01 to 17).")
        }
        var listDate = settings.listDate
        if let text = listDate {
            switch ImportOptions.listDate(text) {
            case .success(let day): listDate = day
            case .failure(let problem): throw Tasks.Refusal(description: "--list-date: \(problem.message)")
            }
        }
        let options = ImportOptions(fileName: name, titleCaseNames: settings.titleCase,
                                    defaultRegionCode: settings.defaultRegion.flatMap(Region.find)?.code,
                                    listDate: listDate, sourceLabel: settings.source)
        return try await withMigratedDatabase(location, logger: logger) { database in
            let catalog = try await ReferenceStore(database: database).catalog()
            guard !catalog.all.isEmpty else {
                throw Tasks.Refusal(description: "The database knows no municipality: load them first with repertoire municipalities import MUN.csv.")
            }
            let (enterprises, _) = try await EnterpriseStore(database: database).snapshot(includeArchived: false)
            let handEdits = try await RevisionLog(database: database).handEdits()
            let meter = TerminalProgress(total: file.rows.reduce(0) { count, _ in count + 1 })
            let preview = ImportPlanner.plan(file: file, mapping: mapping, options: options, catalog: catalog,
                                             existing: enterprises.map { ExistingRecord($0, handEdited: handEdits[$0.id] ?? [:]) },
                                             progress: meter?.reporter("Analyse des lignes"))
            meter?.end()
            if let path = settings.reportFile {
                try Data(preview.errorReportCSV().utf8).write(to: URL(fileURLWithPath: path))
            }
            var text = describe(file: file, mapping: mapping, preview: preview)
            if settings.apply && preview.counts.creates + preview.counts.updates == 0 && mapping.problems.isEmpty {
                // As on the web: an import that writes nothing is not recorded as a batch.
                text += "\nNothing was written: the file creates or changes no enterprise.\n"
            } else if settings.apply {
                // The web refuses the same mappings, with the same words.
                guard mapping.problems.isEmpty else {
                    throw Tasks.Refusal(description: "\(ImportService.mappingUnusable.message) \(mapping.problems.joined(separator: " ")) Nothing was written.")
                }
                let writing = TerminalProgress(total: preview.counts.creates + preview.counts.updates)
                let batch = try await ImportStore(database: database).apply(preview, fileName: name, mapping: mapping, options: options,
                                                                            by: Author(id: nil, label: settings.importedBy),
                                                                            progress: writing?.storeReporter("Écriture"))
                writing?.end()
                text += "\nApplied as import \(batch.id): \(batch.created) created, \(batch.updated) updated. Undo with: repertoire import revert \(batch.id)\n"
            } else {
                text += "\nNothing was written (preview). Add --apply to import.\n"
            }
            return text
        }
    }

    /// The preview as text: the same verdicts as the web preview (counts, errors first, warnings
    /// grouped by kind, what each update changes and which stored values stay).
    static func describe(file: ImportFile, mapping: ColumnMapping, preview: ImportPreview, shown: Int = 20) -> String {
        var text = file.sheetNames.isEmpty
            ? "\(file.name): \(file.encoding.rawValue), delimiter \(file.delimiter == "\t" ? "tab" : String(file.delimiter))\n"
            : "\(file.name): Excel workbook, sheets \(file.sheetNames.joined(separator: ", "))\n"
        text += "Columns:\n"
        for column in mapping.columns {
            var extras: [String] = []
            if column.clearBlanks { extras.append("blank cells clear stored values") }
            if column.onConflict != .automatic { extras.append("on disagreement: \(column.onConflict.rawValue)") }
            if !column.values.isEmpty { extras.append("\(column.values.count) value(s) mapped") }
            text += "  \(column.header) → \(column.field.label)\(extras.isEmpty ? "" : " (\(extras.joined(separator: "; ")))")\n"
        }
        for problem in mapping.problems { text += "  ! \(problem)\n" }
        let c = preview.counts
        text += "Rows: \(c.total) — \(c.creates) to create, \(c.updates) to update, \(c.unchanged) unchanged, \(c.rejected) rejected, \(c.skipped) skipped as people (\(c.rowsWithWarnings) with warnings, \(c.rowsWithConflicts) with disagreements)\n"
        if preview.municipalitiesGiven > 0 {
            let share = Double(preview.municipalitiesResolved) / Double(preview.municipalitiesGiven) * 100
            text += String(format: "Municipalities resolved: %d of %d (%.1f %%)\n", preview.municipalitiesResolved, preview.municipalitiesGiven, share)
            for (name, count) in preview.unresolvedMunicipalities.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).prefix(15) {
                text += "  unresolved: \(name) (\(count))\n"
            }
        }
        let values = ImportValueSummary.summaries(file: file, mapping: mapping)
        for summary in values {
            text += "Values of \(summary.header):\n"
            for value in summary.values.prefix(shown) {
                text += "  \(value.text) (\(value.count)) → \(value.target.label)\(value.chosen ? "" : " (automatic)")\n"
            }
            if summary.values.count > shown { text += "  … \(summary.values.count - shown) more values\n" }
        }
        let errors = preview.issues.filter { $0.severity == .error }
        if !errors.isEmpty { text += "Errors (rows rejected):\n" }
        for issue in errors.prefix(shown) {
            text += "  ligne \(issue.line), \(issue.column.isEmpty ? "ligne entière" : issue.column) : \(issue.message)\n"
        }
        if errors.count > shown { text += "  … \(errors.count - shown) more errors: write them all with --report errors.csv\n" }
        let warnings = preview.issueGroups.filter { $0.severity == .warning }
        if !warnings.isEmpty { text += "Warnings, by kind:\n" }
        for group in warnings {
            text += "  \(group.count) × \(group.column.isEmpty ? "" : "\(group.column) : ")\(group.example.message) (e.g. line \(group.example.line))\n"
        }
        var updates = 0
        for outcome in preview.outcomes {
            guard case .update(_, _, let profile, let changes) = outcome.action else { continue }
            updates += 1
            guard updates <= shown else { continue }
            text += "Update, line \(outcome.line), \(profile.name):\n"
            for change in changes { text += "  \(describe(change))\n" }
            for change in outcome.kept { text += "  \(describe(change))\n" }
        }
        if updates > shown { text += "… \(updates - shown) more updates: the report lists every row.\n" }
        let keptOnly = preview.outcomes.filter { if case .unchanged = $0.action { !$0.kept.isEmpty } else { false } }
        for outcome in keptOnly.prefix(shown) {
            text += "Unchanged, line \(outcome.line), \(outcome.recordName ?? ""):\n"
            for change in outcome.kept { text += "  \(describe(change))\n" }
        }
        let skipped = preview.outcomes.compactMap { outcome -> String? in
            if case .skipped(let reason) = outcome.action { "  ligne \(outcome.line) : \(reason)" } else { nil }
        }
        if !skipped.isEmpty { text += "Skipped (people, not enterprises):\n" + skipped.prefix(shown).joined(separator: "\n") + "\n" }
        if skipped.count > shown { text += "  … \(skipped.count - shown) more\n" }
        return text
    }

    /// `Téléphone : 819 555-0101 → 819 555-0199`, with what settles a disagreement.
    static func describe(_ change: FieldChange) -> String {
        let before = change.before.isEmpty ? "—" : change.before
        let after = change.after.isEmpty ? "—" : change.after
        switch change.kind {
        case .fill: return "\(change.field.label) : — → \(after)"
        case .replace: return "\(change.field.label) : \(before) → \(after)\(change.note.map { " (\($0))" } ?? "")"
        case .clear: return "\(change.field.label) : \(before) → — (column clears blanks)"
        case .kept: return "\(change.field.label) : \(before) kept, file says \(after)\(change.note.map { " (\($0))" } ?? "")"
        }
    }

    /// `repertoire import revert BATCH`.
    public static func revert(_ batchID: String, database location: DatabaseLocation, logger: Logger) async throws -> String {
        try await withMigratedDatabase(location, logger: logger) { database in
            do {
                let batch = try await ImportStore(database: database).revert(batchID, by: Author(id: nil, label: "ligne de commande"))
                return "Import \(batch.id) (\(batch.fileName)) reverted: \(batch.created) created records archived, \(batch.updated) updated records restored."
            } catch let error as ImportStoreError {
                throw Tasks.Refusal(description: error.description)
            }
        }
    }

    /// `repertoire import list`.
    public static func list(database location: DatabaseLocation, logger: Logger) async throws -> String {
        try await withMigratedDatabase(location, logger: logger) { database in
            let batches = try await ImportStore(database: database).batches()
            guard !batches.isEmpty else { return "No import yet." }
            return batches.map { b in
                "\(b.id)  \(Timestamp.string(from: b.importedAt))  \(b.fileName)  +\(b.created) ~\(b.updated) =\(b.unchanged) ✗\(b.rejected)  by \(b.importedBy)\(b.revertedAt.map { "  (reverted \(Timestamp.string(from: $0)))" } ?? "")"
            }.joined(separator: "\n")
        }
    }
}

/// A progress line on standard error, rewritten in place, only when it is a terminal (a log
/// file or a pipe gets the summary alone).
final class TerminalProgress: Sendable {
    let total: Int

    /// Nil unless standard error is a terminal and there is enough work to be worth showing.
    init?(total: Int) {
        guard total >= 1_000, isatty(STDERR_FILENO) == 1 else { return nil }
        self.total = total
    }

    func show(_ phase: String, _ done: Int) {
        let percent = total > 0 ? min(100, done * 100 / total) : 0
        FileHandle.standardError.write(Data("\r\(phase) : \(done) / \(total) (\(percent) %)   ".utf8))
    }

    func reporter(_ phase: String) -> (Int) -> Void {
        { [self] done in show(phase, done) }
    }

    func storeReporter(_ phase: String) -> @Sendable (Int, Int) -> Void {
        { [self] done, _ in show(phase, done) }
    }

    func end() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
