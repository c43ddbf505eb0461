import Foundation
import Logging
import NIOPosix
import Synchronization

/// Bringing a hub's list into the directory from the web: the uploaded file is kept aside,
/// planned against the directory (the plan is kept while neither the file's options nor the
/// directory change), applied in one transaction as a batch, and reverted as a whole. Hub
/// editors create and update the enterprises of their own regions only.
final class ImportService: Sendable {
    let directory: DirectoryService
    let uploads: ImportUploads
    let store: ImportStore
    let mappings: ImportMappingStore
    /// Plans of big files, applies and reverts, run in the background with their progress.
    let jobs: ImportJobs

    static let maximumUploadSize = 50_000_000
    /// Plans kept in memory: one or two people import at a time.
    static let keptPlans = 4

    /// Sorted keys, so that the same choices always give the same key.
    private static let keyEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    init(directory: DirectoryService, uploads: ImportUploads, logger: Logger = Logger(label: "repertoire.import")) {
        self.directory = directory
        self.uploads = uploads
        jobs = ImportJobs(logger: logger)
        store = ImportStore(database: directory.enterprises.database)
        mappings = ImportMappingStore(database: directory.enterprises.database)
    }

    /// An upload's file planned against the directory as it is.
    struct Planned: Sendable {
        var file: ImportFile
        var mapping: ColumnMapping
        var options: ImportOptions
        var preview: ImportPreview
    }

    /// What a plan depends on: the upload with its choices, whose regions it is restricted to,
    /// and the directory's state.
    private struct PlanKey: Hashable {
        var upload: Data
        var regions: Set<String>?
        var sequence: Int64
    }

    private let plans = Mutex<[(key: PlanKey, plan: Planned)]>([])
    private let planned = Atomic<Int>(0)

    /// How many plans were computed since start (kept plans are not counted again).
    var plansComputed: Int { planned.load(ordering: .relaxed) }

    // MARK: Uploads

    static let uploadGone = Refusal(.gone, title: "Import introuvable",
                                    message: "Ce fichier n'est plus disponible (il est gardé 6 heures, puis effacé) : envoyez-le de nouveau.",
                                    english: "This upload is no longer available: upload the file again.")

    /// Keeps an uploaded file aside for its preview, if it reads at all.
    func upload(_ data: [UInt8], _ pending: PendingImport, savedMappingID: String?) async throws -> PendingImport {
        let decoded = try await Self.offloaded { try Self.decode(pending, data) }
        var pending = pending
        if let savedMappingID, !savedMappingID.isEmpty, let saved = try await mappings.find(id: savedMappingID) {
            pending.mapping = saved.mapping.reused(for: decoded.headers)
        }
        try uploads.save(data, pending: pending)
        return pending
    }

    /// The user's upload `id`, or `gone` when it expired or is someone else's.
    func pending(_ id: String, of user: User) throws -> (PendingImport, [UInt8]) {
        guard let found = uploads.load(id, userID: user.id) else { throw Self.uploadGone }
        return found
    }

    func keep(_ pending: PendingImport) throws {
        try uploads.update(pending)
    }

    func saveMapping(_ mapping: ColumnMapping, name: String, by user: User) async throws {
        _ = try await mappings.save(mapping, name: name, by: user.label)
    }

    func savedMappings() async throws -> [SavedImportMapping] {
        try await mappings.all()
    }

    func savedMapping(_ id: String) async throws -> SavedImportMapping? {
        id.isEmpty ? nil : try await mappings.find(id: id)
    }

    // MARK: Planning

    static func decode(_ pending: PendingImport, _ data: [UInt8]) throws(ImportProblem) -> ImportFile {
        try ImportFile.load(Data(data), name: pending.fileName, encoding: pending.encoding,
                            delimiter: pending.delimiter.flatMap { $0 == "\t" ? "\t" : $0.first }, sheet: pending.sheet)
    }

    /// Decodes the kept file with the chosen options and plans it against the directory as it
    /// is now, restricted to the user's regions. The plan is computed off the event loops and
    /// kept until the upload's choices or the directory change.
    func plan(_ pending: PendingImport, _ data: [UInt8], for user: User, progress: ImportJobs.Progress? = nil) async throws -> Planned {
        let key = try planKey(pending, for: user)
        if let kept = plans.withLock({ $0.first { $0.key == key }?.plan }) { return kept }
        let (enterprises, _) = try await directory.enterprises.snapshot(includeArchived: false)
        let handEdits = try await RevisionLog(database: directory.enterprises.database).handEdits()
        let catalog = directory.catalog
        planned.add(1, ordering: .relaxed)
        let result = try await Self.offloaded {
            progress?.phase("Lecture du fichier", total: 0)
            let file = try Self.decode(pending, data)
            var mapping = pending.mapping ?? ColumnMapping.propose(headers: file.headers)
            if mapping.columns.map(\.header) != file.headers { mapping = mapping.reused(for: file.headers) }
            let options = pending.options
            if let progress {
                progress.phase("Analyse des lignes", total: file.rows.reduce(0) { count, _ in count + 1 })
            }
            let preview = ImportPlanner.plan(file: file, mapping: mapping, options: options, catalog: catalog,
                                             existing: enterprises.map { ExistingRecord($0, handEdited: handEdits[$0.id] ?? [:]) },
                                             progress: progress.map { progress in { done in progress.advance(to: done) } })
            return Planned(file: file, mapping: mapping, options: options, preview: preview.restricted(toRegions: key.regions))
        }
        plans.withLock { kept in
            kept.removeAll { $0.key.upload == key.upload || $0.key.sequence != key.sequence }
            kept.append((key, result))
            if kept.count > Self.keptPlans { kept.removeFirst(kept.count - Self.keptPlans) }
        }
        return result
    }

    private func planKey(_ pending: PendingImport, for user: User) throws -> PlanKey {
        let regions: Set<String>? = user.roles.contains(.admin) ? nil : user.regions
        return PlanKey(upload: try Self.keyEncoder.encode(pending), regions: regions, sequence: directory.sequence)
    }

    /// The plan of the upload with these choices, if it is kept (no work is done).
    func keptPlan(_ pending: PendingImport, for user: User) throws -> Planned? {
        let key = try planKey(pending, for: user)
        return plans.withLock { $0.first { $0.key == key }?.plan }
    }

    /// Plans the upload in the background; the job ends on the preview.
    func startPlanning(_ pending: PendingImport, _ data: [UInt8], for user: User) throws -> String {
        let key = try Self.keyEncoder.encode(pending).base64EncodedString()
        return jobs.start(.plan, key: "plan:\(key)", userID: user.id, fileName: pending.fileName) { [self] progress in
            _ = try await plan(pending, data, for: user, progress: progress)
            return Route.importPreview.path(pending.id)
        }
    }

    /// Applies the upload in the background; the job ends on the import page with the batch.
    func startApplying(_ pending: PendingImport, _ data: [UInt8], by actor: EditingService.Actor) -> String {
        jobs.start(.apply, key: "apply:\(pending.id)", userID: actor.user.id, fileName: pending.fileName) { [self] progress in
            do {
                let batch = try await apply(pending, data, by: actor, progress: progress)
                return Route.imports.path() + "?lot=\(batch.id)"
            } catch let refusal as Refusal where refusal.kind == .invalid {
                throw ImportJobs.JobFailure(message: refusal.message, back: Route.importPreview.path(pending.id), reason: .invalid)
            } catch StoreError.conflict(let current) {
                throw ImportJobs.JobFailure(
                    message: "La fiche « \(current.profile.name) » a été modifiée depuis l'aperçu : rien n'a été importé. Vérifiez l'aperçu à jour et recommencez.",
                    back: Route.importPreview.path(pending.id), reason: .conflict)
            }
        }
    }

    /// Reverts a batch in the background; the job ends on the import page.
    func startReverting(_ batch: ImportBatch, by actor: EditingService.Actor) -> String {
        jobs.start(.revert, key: "revert:\(batch.id)", userID: actor.user.id, fileName: batch.fileName) { [self] progress in
            let reverted = try await revert(batch.id, by: actor, progress: progress)
            return Route.imports.path() + "?lot=\(reverted.id)"
        }
    }

    /// Runs CPU-heavy work (decoding a workbook, planning thousands of rows) on the thread pool,
    /// so that the event loops keep answering other visitors meanwhile.
    static func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await BackgroundWork.run(work)
    }

    static let mappingUnusable = Refusal(.invalid, title: "Correspondance à corriger", message: "Corrigez d'abord la correspondance des colonnes.",
                                         english: "Correct the column mapping first.")

    static let nothingToWrite = Refusal(.invalid, title: "Rien à importer",
                                        message: "Ce fichier ne crée ni ne modifie aucune entreprise : rien n'a été importé.",
                                        english: "This file creates or changes no enterprise: nothing was imported.")

    static let municipalitiesMissing = Refusal(.invalid, title: "Municipalités non chargées",
                                               message: "La liste des municipalités du Québec n'est pas chargée : un administrateur la charge avec repertoire municipalities import MUN.csv, puis l'import pourra reconnaître les municipalités.",
                                               english: "The list of Quebec municipalities is not loaded.")

    // MARK: Applying and reverting

    /// Applies the upload as planned, in one transaction, and forgets the file. An update whose
    /// record changed since the preview throws the store's conflict and nothing is written.
    func apply(_ pending: PendingImport, _ data: [UInt8], by actor: EditingService.Actor,
               progress: ImportJobs.Progress? = nil) async throws -> ImportBatch {
        let planned = try await plan(pending, data, for: actor.user, progress: progress)
        guard planned.mapping.problems.isEmpty else { throw Self.mappingUnusable }
        guard !planned.preview.municipalityListMissing else { throw Self.municipalitiesMissing }
        let c = planned.preview.counts
        guard c.creates + c.updates > 0 else { throw Self.nothingToWrite }
        let fileName = pending.fileName
        progress?.phase("Écriture dans le répertoire", total: c.creates + c.updates)
        let batch = try await store.apply(planned.preview, fileName: fileName, mapping: planned.mapping, options: planned.options,
                                          by: actor.author, progress: progress?.reporter) { work, batch in
            try await work.audit(.importApplied, actor: actor.user, target: "import \(batch.id)",
                                 detail: "\(fileName) : \(c.creates) création(s), \(c.updates) mise(s) à jour, \(c.unchanged) inchangée(s), \(c.rejected) refusée(s), \(c.skipped) personne(s) ignorée(s)",
                                 client: actor.client)
        }
        uploads.remove(pending.id)
        plans.withLock { $0.removeAll() }
        // Searchable as soon as the import returns, not at the index's next poll.
        try await directory.catchUp()
        return batch
    }

    static let revertForbidden = Refusal(.forbidden, title: "Annulation refusée",
                                         message: "Seule la personne qui a fait cet import, ou un administrateur, peut l'annuler.",
                                         english: "Only the person who made this import, or an administrator, can revert it.")

    /// Whether the user may undo the batch: its importer's account, or an administrator.
    func mayRevert(_ batch: ImportBatch, _ user: User) -> Bool {
        user.roles.contains(.admin) || (batch.importedByID != nil && batch.importedByID == user.id)
    }

    func revert(_ batchID: String, by actor: EditingService.Actor, progress: ImportJobs.Progress? = nil) async throws -> ImportBatch {
        guard let batch = try await store.batch(batchID) else { throw Refusal.notFound("L'import « \(batchID) »", english: "Import \(batchID)") }
        guard mayRevert(batch, actor.user) else { throw Self.revertForbidden }
        progress?.phase("Annulation", total: (batch.created + batch.updated) * 2)
        let reverted = try await store.revert(batchID, by: actor.author,
                                              progress: progress?.reporter) { work, batch in
            try await work.audit(.importReverted, actor: actor.user, target: "import \(batch.id)",
                                 detail: "\(batch.fileName) : \(batch.created) création(s) archivée(s), \(batch.updated) mise(s) à jour annulée(s)",
                                 client: actor.client)
        }
        try await directory.catchUp()
        return reverted
    }

    /// The import history `user` may see: everything for an administrator; for a hub editor,
    /// their own imports and those that wrote enterprises of their regions, with other importers'
    /// names only (their e-mail addresses are not shown to other hubs).
    func batches(for user: User) async throws -> [ImportBatch] {
        if user.roles.contains(.admin) { return try await store.batches() }
        return try await store.batches(importedBy: user.id, orTouching: user.regions).map { batch in
            guard batch.importedByID != user.id else { return batch }
            var shown = batch
            shown.importedBy = Self.nameOnly(batch.importedBy)
            return shown
        }
    }

    /// `Marie Tremblay <marie@…>` → `Marie Tremblay`; an address alone → « un autre compte ».
    static func nameOnly(_ label: String) -> String {
        if label.hasSuffix(">"), let open = label.range(of: " <", options: .backwards) {
            return String(label[..<open.lowerBound])
        }
        return label.contains("@") ? "un autre compte" : label
    }

    func batch(_ id: String) async throws -> ImportBatch? {
        try await store.batch(id)
    }
}
