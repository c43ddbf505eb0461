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
        let mapping = proposed
        if let path = settings.saveMappingFile {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(mapping).write(to: URL(fileURLWithPath: path))
        }
        if let region = settings.defaultRegion, Region.find(region) == nil {
            throw Tasks.Refusal(description: "--default-region \(region): unknown region (01 to 17).")
        }
        let options = ImportOptions(fileName: name, titleCaseNames: settings.titleCase,
                                    defaultRegionCode: settings.defaultRegion.flatMap(Region.find)?.code)
        return try await withMigratedDatabase(location, logger: logger) { database in
            let catalog = try await ReferenceStore(database: database).catalog()
            guard !catalog.all.isEmpty else {
                throw Tasks.Refusal(description: "The database knows no municipality: load them first with repertoire municipalities import MUN.csv.")
            }
            let (enterprises, _) = try await EnterpriseStore(database: database).snapshot(includeArchived: false)
            let preview = ImportPlanner.plan(file: file, mapping: mapping, options: options, catalog: catalog,
                                             existing: enterprises.map(ExistingRecord.init))
            if let path = settings.reportFile {
                try Data(preview.errorReportCSV().utf8).write(to: URL(fileURLWithPath: path))
            }
            var text = describe(file: file, mapping: mapping, preview: preview)
            if settings.apply {
                let batch = try await ImportStore(database: database).apply(preview, fileName: name, mapping: mapping, options: options,
                                                                            by: Author(id: nil, label: settings.importedBy))
                text += "\nApplied as import \(batch.id): \(batch.created) created, \(batch.updated) updated. Undo with: repertoire import revert \(batch.id)\n"
            } else {
                text += "\nNothing was written (preview). Add --apply to import.\n"
            }
            return text
        }
    }

    static func describe(file: ImportFile, mapping: ColumnMapping, preview: ImportPreview) -> String {
        var text = "\(file.name): \(file.encoding.rawValue), delimiter \(file.delimiter == "\t" ? "tab" : String(file.delimiter))\n"
        text += "Columns:\n"
        for column in mapping.columns {
            text += "  \(column.header) → \(column.field.label)\n"
        }
        for problem in mapping.problems { text += "  ! \(problem)\n" }
        let c = preview.counts
        text += "Rows: \(c.total) — \(c.creates) to create, \(c.updates) to update, \(c.unchanged) unchanged, \(c.rejected) rejected (\(c.rowsWithWarnings) with warnings)\n"
        if preview.municipalitiesGiven > 0 {
            let share = Double(preview.municipalitiesResolved) / Double(preview.municipalitiesGiven) * 100
            text += String(format: "Municipalities resolved: %d of %d (%.1f %%)\n", preview.municipalitiesResolved, preview.municipalitiesGiven, share)
            for (name, count) in preview.unresolvedMunicipalities.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).prefix(15) {
                text += "  unresolved: \(name) (\(count))\n"
            }
        }
        let errors = preview.issues.filter { $0.severity == .error }
        for issue in errors.prefix(20) {
            text += "  ligne \(issue.line), \(issue.column) : \(issue.message)\n"
        }
        if errors.count > 20 { text += "  … \(errors.count - 20) more errors: write them all with --report errors.csv\n" }
        return text
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
