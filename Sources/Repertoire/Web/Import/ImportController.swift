import Foundation
import Hummingbird

/// `/gestion/import`: hub editors and administrators bring in a spreadsheet (CSV or XLSX). The
/// file is uploaded, kept aside under a random id, previewed with the proposed column mapping
/// (which the person corrects), then applied in one transaction as a batch that can be reverted.
/// Hub editors create and update enterprises of their own regions only.
struct ImportController: Sendable {
    let web: WebController
    let imports: ImportService

    static let shownIssues = 200
    static let shownUpdates = 100

    func addRoutes(to routes: GuardedRoutes) {
        routes.get(.imports) { request, context, identity in
            let applied = FormQuery.parameters(request).first { $0.0 == "lot" }?.1
            var notice: String?
            if let applied, let batch = try await imports.batch(applied) {
                notice = batch.revertedAt == nil
                    ? "Import appliqué : \(batch.created) création(s), \(batch.updated) mise(s) à jour. Vous pouvez l'annuler ci-dessous."
                    : "Import annulé : les entreprises créées ont été archivées et les fiches modifiées ont retrouvé leur version précédente."
            }
            return try await home(context, identity, notice: notice)
        }
        routes.upload(.imports, maximumSize: ImportService.maximumUploadSize) { _, context, identity, form in
            try await upload(context, identity, form)
        }
        routes.get(.importPreview) { _, context, identity in
            let (pending, data) = try imports.pending(try context.parameters.require("id"), of: identity.user)
            return try await preview(context, identity, pending, data)
        }
        routes.post(.importPreview) { _, context, identity, form in
            var (pending, data) = try imports.pending(try context.parameters.require("id"), of: identity.user)
            return try await update(context, identity, &pending, data, form)
        }
        routes.get(.importErrors) { _, context, identity in
            let (pending, data) = try imports.pending(try context.parameters.require("id"), of: identity.user)
            let planned = try await imports.plan(pending, data, for: identity.user)
            return Response(status: .ok, headers: [
                .contentType: "text/csv; charset=utf-8", .cacheControl: "private, no-store",
                .contentDisposition: "attachment; filename=\"erreurs-import.csv\"",
            ], body: .init(byteBuffer: ByteBuffer(string: planned.preview.errorReportCSV())))
        }
        routes.post(.importApply) { _, context, identity, _ in
            try await apply(context, identity)
        }
        routes.post(.importRevert) { _, context, identity, _ in
            try await revert(context, identity, batchID: try context.parameters.require("batch"))
        }
    }

    // MARK: - Pages

    func home(_ context: AppRequestContext, _ identity: Identity, notice: String? = nil, error: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = identity.user
        let batches = try await imports.batches(for: user)
        let saved = try await imports.savedMappings()
        let rows = batches.prefix(50).map { batch in
            ImportPages.BatchRow(id: batch.id, fileName: batch.fileName, importedAt: StaffDates.text(batch.importedAt), importedBy: batch.importedBy,
                                 counts: "\(batch.created) créée(s), \(batch.updated) modifiée(s), \(batch.unchanged) inchangée(s), \(batch.rejected) refusée(s)",
                                 reverted: batch.revertedAt.map(StaffDates.text),
                                 revertURL: batch.revertedAt == nil && imports.mayRevert(batch, user) ? Route.importRevert.path(batch.id) : nil)
        }
        let model = ImportPages.Home(
            frame: StaffFrame(web.context(.fr, context), title: "Importation", path: Route.imports.path(), csrf: identity.csrfToken ?? "",
                              notice: notice, error: error),
            regions: regionChoices(user, selected: Self.defaultRegion(user, chosen: nil)),
            mappings: [ImportPages.Choice(value: "", label: "Proposée d'après les en-têtes", selected: true)]
                + saved.map { ImportPages.Choice(value: $0.id, label: $0.name, selected: false) },
            hasMappings: !saved.isEmpty,
            savedMappings: saved.map { ImportPages.SavedMapping(id: $0.id, name: $0.name, detail: "\($0.mapping.columns.filter { $0.field != .ignored }.count) colonne(s), par \($0.createdBy), \(StaffDates.text($0.createdAt))") },
            batches: Array(rows), hasBatches: !rows.isEmpty, maximumMegabytes: ImportService.maximumUploadSize / 1_000_000,
            regionNote: user.roles.contains(.admin) ? nil
                : "Vous pouvez créer et modifier les entreprises de vos régions : \(user.regions.sorted().compactMap(Region.find).map(\.name).joined(separator: ", ")). Les lignes d'autres régions seront refusées.")
        return try web.renderer.staff(model, template: "import", status: status)
    }

    func upload(_ context: AppRequestContext, _ identity: Identity, _ form: MultipartForm) async throws -> Response {
        guard let file = form.file("fichier"), !file.fileName.isEmpty else {
            return try await home(context, identity, error: "Choisissez un fichier CSV ou Excel (.xlsx) à importer.", status: .badRequest)
        }
        let fileName = String(file.fileName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "fichier").prefix(200)
        var pending = PendingImport(id: ImportUploads.newID(), userID: identity.user.id, fileName: String(fileName), uploadedAt: Date(),
                                    encoding: ImportEncoding(rawValue: form["encodage"]), delimiter: Self.delimiter(form["separateur"]),
                                    titleCase: !form["casse"].isEmpty, defaultRegion: Self.defaultRegion(identity.user, chosen: form["region"]),
                                    sheet: nil, mapping: nil)
        // A file that cannot be read at all is refused now, and not kept.
        do {
            pending = try await imports.upload(file.data, pending, savedMappingID: form["correspondance"])
        } catch let problem as ImportProblem {
            return try await home(context, identity, error: "\(pending.fileName) : \(problem.description). Rien n'a été importé.", status: .unprocessableContent)
        }
        return Response(status: .seeOther, headers: [.location: Route.importPreview.path(pending.id), .cacheControl: "no-store"])
    }

    func preview(_ context: AppRequestContext, _ identity: Identity, _ pending: PendingImport, _ data: [UInt8],
                 error: String? = nil, notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let planned: ImportService.Planned
        do {
            planned = try await imports.plan(pending, data, for: identity.user)
        } catch let problem as ImportProblem {
            // The file no longer reads with the options chosen (a wrong encoding or sheet, say).
            return try await home(context, identity, error: "\(pending.fileName) : \(problem.description).", status: .unprocessableContent)
        }
        let file = planned.file
        let preview = planned.preview
        let mapping = planned.mapping
        var samples = Array(repeating: [String](), count: file.headers.count)
        for row in file.rows.prefix(3) {
            for (index, cell) in row.cells.prefix(file.headers.count).enumerated() where !cell.isEmpty {
                samples[index].append(String(cell.prefix(40)))
            }
        }
        let columns = mapping.columns.enumerated().map { index, column in
            ImportPages.ColumnRow(index: index, header: column.header, samples: samples[index].joined(separator: " · "),
                                  fields: ImportField.allCases.map { ImportPages.Choice(value: $0.rawValue, label: $0.label, selected: $0 == column.field) })
        }
        let issues = preview.issues
        let updates = preview.outcomes.compactMap { outcome -> ImportPages.UpdateRow? in
            guard case .update(_, _, let profile, let changes) = outcome.action else { return nil }
            return ImportPages.UpdateRow(line: outcome.line, name: profile.name,
                                         changes: changes.map { ImportPages.ChangeRow(field: $0.field.label, before: $0.before.isEmpty ? "—" : $0.before, after: $0.after.isEmpty ? "—" : $0.after) })
        }
        let c = preview.counts
        let saved = try await imports.savedMappings()
        let isWorkbook = ImportFile.isWorkbook(Data(data))
        let description = isWorkbook
            ? "Classeur Excel, feuille « \(pending.sheet ?? file.sheetNames.first ?? "") »"
            : "CSV, \(file.encoding == .utf8 ? "UTF-8" : "Windows-1252"), séparateur « \(file.delimiter == "\t" ? "tabulation" : String(file.delimiter)) »"
        let writes = c.creates + c.updates
        let model = ImportPages.Preview(
            frame: StaffFrame(web.context(.fr, context), title: "Aperçu de l'import", path: Route.importPreview.path(pending.id),
                              csrf: identity.csrfToken ?? "", notice: notice, error: error),
            id: pending.id, fileName: pending.fileName, fileDescription: description, isWorkbook: isWorkbook,
            sheets: file.sheetNames.map { ImportPages.Choice(value: $0, label: $0, selected: $0 == (pending.sheet ?? file.sheetNames.first)) },
            encodings: [("", "Détection automatique"), ("utf-8", "UTF-8"), ("windows-1252", "Windows-1252 (Excel en français)")]
                .map { ImportPages.Choice(value: $0.0, label: $0.1, selected: $0.0 == (pending.encoding?.rawValue ?? "")) },
            delimiters: [("", "Détection automatique"), (",", "Virgule"), (";", "Point-virgule"), ("tab", "Tabulation")]
                .map { ImportPages.Choice(value: $0.0, label: $0.1, selected: $0.0 == Self.delimiterValue(pending.delimiter)) },
            regions: regionChoices(identity.user, selected: pending.defaultRegion),
            mappings: [ImportPages.Choice(value: "", label: "—", selected: true)] + saved.map { ImportPages.Choice(value: $0.id, label: $0.name, selected: false) },
            hasMappings: !saved.isEmpty, titleCase: pending.titleCase,
            columns: columns, mappingProblems: mapping.problems, hasMappingProblems: !mapping.problems.isEmpty,
            creates: c.creates, updates: c.updates, unchanged: c.unchanged, rejected: c.rejected, warnings: c.rowsWithWarnings, total: c.total,
            municipalityListMissing: preview.municipalityListMissing && preview.municipalitiesGiven > 0
                ? "La liste des municipalités du Québec n'est pas chargée : les municipalités ne peuvent pas être reconnues. Un administrateur la charge avec « repertoire municipalities import MUN.csv »." : nil,
            municipalities: preview.municipalitiesGiven > 0 && !preview.municipalityListMissing
                ? "Municipalités reconnues : \(preview.municipalitiesResolved) sur \(preview.municipalitiesGiven)." : nil,
            unresolved: preview.unresolvedMunicipalities.isEmpty || preview.municipalityListMissing ? nil
                : "Non reconnues : " + preview.unresolvedMunicipalities.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(15)
                    .map { "\($0.key) (\($0.value))" }.joined(separator: ", "),
            issues: issues.prefix(Self.shownIssues).map {
                ImportPages.IssueRow(line: $0.line, column: $0.column, severity: $0.severity == .error ? "Erreur" : "Avertissement",
                                     isError: $0.severity == .error, message: $0.message)
            },
            issuesNote: issues.count > Self.shownIssues ? "Les \(Self.shownIssues) premiers de \(issues.count) problèmes sont affichés : téléchargez le rapport pour les voir tous." : nil,
            hasIssues: !issues.isEmpty,
            updatesList: Array(updates.prefix(Self.shownUpdates)),
            updatesNote: updates.count > Self.shownUpdates ? "Les \(Self.shownUpdates) premières de \(updates.count) mises à jour sont affichées." : nil,
            hasUpdates: !updates.isEmpty,
            canApply: mapping.problems.isEmpty && writes > 0,
            applyLabel: "Importer : \(c.creates) création(s) et \(c.updates) mise(s) à jour",
            reportURL: Route.importErrors.path(pending.id), formURL: Route.importPreview.path(pending.id),
            applyURL: Route.importApply.path(pending.id), homeURL: Route.imports.path())
        return try web.renderer.staff(model, template: "importpreview", status: status)
    }

    /// The options and mapping form of the preview page.
    func update(_ context: AppRequestContext, _ identity: Identity, _ pending: inout PendingImport, _ data: [UInt8],
                _ form: FormBody) async throws -> Response {
        let before = (pending.encoding, pending.delimiter, pending.sheet)
        pending.encoding = ImportEncoding(rawValue: form["encodage"])
        pending.delimiter = Self.delimiter(form["separateur"])
        pending.titleCase = form.has("casse")
        pending.defaultRegion = Self.defaultRegion(identity.user, chosen: form["region"])
        let sheet = form["feuille"]
        pending.sheet = sheet.isEmpty ? nil : sheet
        // Another encoding, delimiter or sheet gives other columns: the mapping is proposed anew.
        let sheetChanged = before.0 != pending.encoding || before.1 != pending.delimiter || before.2 != pending.sheet
        let file: ImportFile
        do {
            file = try ImportService.decode(pending, data)
        } catch {
            try imports.keep(pending)
            return try await home(context, identity, error: "\(pending.fileName) : \(error.description).", status: .unprocessableContent)
        }
        var notice: String?
        let savedID = form["correspondance"]
        if let saved = try await imports.savedMapping(savedID) {
            pending.mapping = saved.mapping.reused(for: file.headers)
            notice = "Correspondance « \(saved.name) » appliquée."
        } else if !sheetChanged && form.has("colonne-0") {
            var columns: [ColumnMapping.Column] = []
            for (index, header) in file.headers.enumerated() {
                let value = form["colonne-\(index)"]
                guard let field = ImportField(rawValue: value) else {
                    return try await preview(context, identity, pending, data, error: "Colonne « \(header) » : choisissez un champ dans la liste.", status: .badRequest)
                }
                columns.append(ColumnMapping.Column(header: header, field: field))
            }
            pending.mapping = ColumnMapping(columns: columns)
        } else if sheetChanged {
            pending.mapping = nil
        }
        let name = form["nom-correspondance"]
        if form.has("enregistrer") {
            guard !name.isEmpty, name.count <= 100 else {
                try imports.keep(pending)
                return try await preview(context, identity, pending, data, error: "Donnez un nom (100 caractères au plus) à la correspondance à enregistrer.", status: .badRequest)
            }
            let mapping = pending.mapping ?? ColumnMapping.propose(headers: file.headers)
            try await imports.saveMapping(mapping, name: name, by: identity.user)
            notice = "Correspondance enregistrée sous le nom « \(name) »."
        }
        try imports.keep(pending)
        if let notice {
            return try await preview(context, identity, pending, data, notice: notice)
        }
        return Response(status: .seeOther, headers: [.location: Route.importPreview.path(pending.id), .cacheControl: "no-store"])
    }

    func apply(_ context: AppRequestContext, _ identity: Identity) async throws -> Response {
        let id = try context.parameters.require("id")
        let (pending, data): (PendingImport, [UInt8])
        do {
            (pending, data) = try imports.pending(id, of: identity.user)
        } catch let refusal as Refusal where refusal.kind == .gone {
            // A second click on « Importer », or an upload gone stale: say so in the staff frame.
            return try await home(context, identity, error: refusal.message, status: .gone)
        }
        let batch: ImportBatch
        do {
            batch = try await imports.apply(pending, data, by: EditingController.actor(context, identity))
        } catch let refusal as Refusal where refusal.kind == .invalid {
            return try await preview(context, identity, pending, data, error: refusal.message, status: .badRequest)
        } catch StoreError.conflict(let current) {
            return try await preview(context, identity, pending, data,
                                     error: "La fiche « \(current.profile.name) » a été modifiée depuis l'aperçu : rien n'a été importé. Vérifiez l'aperçu à jour et recommencez.",
                                     status: .conflict)
        }
        return Response(status: .seeOther, headers: [.location: Route.imports.path() + "?lot=\(batch.id)", .cacheControl: "no-store"])
    }

    func revert(_ context: AppRequestContext, _ identity: Identity, batchID: String) async throws -> Response {
        do {
            let batch = try await imports.revert(batchID, by: EditingController.actor(context, identity))
            return Response(status: .seeOther, headers: [.location: Route.imports.path() + "?lot=\(batch.id)", .cacheControl: "no-store"])
        } catch let refusal as Refusal where refusal.kind == .forbidden {
            return try await home(context, identity, error: refusal.message, status: .forbidden)
        } catch let error as ImportStoreError {
            return try await home(context, identity, error: error.description, status: .conflict)
        }
    }

    // MARK: - Helpers

    /// The region to assume for rows without one: the chosen one if the user may import there;
    /// a hub editor of a single region gets theirs.
    static func defaultRegion(_ user: User, chosen: String?) -> String? {
        if let chosen, let region = Region.find(chosen), user.roles.contains(.admin) || user.regions.contains(region.code) {
            return region.code
        }
        if !user.roles.contains(.admin) && user.regions.count == 1 { return user.regions.first }
        return nil
    }

    func regionChoices(_ user: User, selected: String?) -> [ImportPages.Choice] {
        let regions = user.roles.contains(.admin) ? Region.all : Region.all.filter { user.regions.contains($0.code) }
        return [ImportPages.Choice(value: "", label: "Aucune", selected: selected == nil)]
            + regions.map { ImportPages.Choice(value: $0.code, label: "\($0.code) — \($0.name)", selected: $0.code == selected) }
    }

    static func delimiter(_ value: String) -> String? {
        switch value {
        case ",", ";": value
        case "tab": "\t"
        default: nil
        }
    }

    static func delimiterValue(_ stored: String?) -> String {
        stored == "\t" ? "tab" : (stored ?? "")
    }
}
