import Foundation
import Hummingbird

/// `/gestion/import`: hub editors and administrators bring in a spreadsheet (CSV or XLSX). The
/// file is uploaded, kept aside under a random id, previewed with the proposed column mapping
/// (which the person corrects), then applied in one transaction as a batch that can be reverted.
/// Hub editors create and update enterprises of their own regions only.
struct ImportController: Sendable {
    let web: WebController
    let imports: ImportService
    /// How long a request waits for its job before showing the progress page.
    var wait: Duration = .seconds(2)

    /// Problems per page of the preview (every one is reachable by paging, and in the report).
    static let issuesPerPage = 100
    static let shownUpdates = 100
    static let shownConflicts = 100
    static let shownSkipped = 100

    func addRoutes(to routes: GuardedRoutes) {
        routes.get(.imports) { request, context, identity in
            let applied = FormQuery.parameters(request).first { $0.0 == "lot" }?.1
            var notice: String?
            if let applied, let batch = try await imports.batch(applied) {
                notice = batch.revertedAt == nil
                    ? "Import appliqué : \(batch.created) création(s), \(batch.updated) mise(s) à jour."
                        + (imports.mayRevert(batch, identity.user) ? " Vous pouvez l'annuler ci-dessous." : "")
                    : "Import annulé : les entreprises créées ont été archivées et les fiches modifiées ont retrouvé leur version précédente."
            }
            return try await home(context, identity, notice: notice)
        }
        routes.upload(.imports, maximumSize: ImportService.maximumUploadSize) { _, context, identity, form in
            try await upload(context, identity, form)
        }
        routes.get(.importPreview) { request, context, identity in
            let (pending, data) = try imports.pending(try context.parameters.require("id"), of: identity.user)
            let page = FormQuery.parameters(request).first { $0.0 == "page" }.flatMap { Int($0.1) } ?? 1
            // A big file is planned in the background: the progress page comes back here.
            if try imports.keptPlan(pending, for: identity.user) == nil {
                let jobID = try imports.startPlanning(pending, data, for: identity.user)
                if let job = await imports.jobs.wait(jobID, userID: identity.user.id, upTo: wait) {
                    switch job.state {
                    case .running: return try jobPage(context, identity, job)
                    case .failed(let message, _, _):
                        return try await home(context, identity, error: "\(pending.fileName) : \(message)", status: .unprocessableContent)
                    case .finished: break
                    }
                }
            }
            return try await preview(context, identity, pending, data, page: page)
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
        routes.get(.importJob) { _, context, identity in
            let job = try job(context, identity)
            switch job.state {
            case .finished(let location):
                return Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
            case .running, .failed:
                return try jobPage(context, identity, job)
            }
        }
        routes.get(.importJobStatus) { _, context, identity in
            let job = try job(context, identity)
            var json = JSONOutput(capacity: 256)
            json.beginObject()
            switch job.state {
            case .running: json.field("state", "running")
            case .finished(let location):
                json.field("state", "finished")
                json.field("location", location)
            case .failed(let message, let back, _):
                json.field("state", "failed")
                json.field("message", message)
                json.field("location", back)
            }
            json.field("phase", job.phase)
            json.field("done", job.done)
            json.field("total", job.total)
            json.field("percent", job.percent)
            json.endObject()
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: json.buffer))
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
                                 counts: "\(batch.created) créée(s), \(batch.updated) modifiée(s), \(batch.unchanged) inchangée(s), \(batch.rejected) refusée(s)\(batch.skipped > 0 ? ", \(batch.skipped) personne(s) ignorée(s)" : "")",
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
            jobs: imports.jobs.running(userID: user.id).map {
                ImportPages.JobRow(label: "\($0.kind.label) : \($0.fileName)", progress: $0.total > 0 ? "\($0.percent) %" : $0.phase,
                                   url: Route.importJob.path($0.id))
            },
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
            return try await home(context, identity, error: "\(pending.fileName) : \(problem.sentence) Rien n'a été importé.", status: .unprocessableContent)
        }
        return Response(status: .seeOther, headers: [.location: Route.importPreview.path(pending.id), .cacheControl: "no-store"])
    }

    /// `listDateInput` and `sourceInput` show what was typed when it was refused (not kept).
    func preview(_ context: AppRequestContext, _ identity: Identity, _ pending: PendingImport, _ data: [UInt8], page: Int = 1,
                 error: String? = nil, notice: String? = nil, status: HTTPResponse.Status = .ok,
                 listDateInput: String? = nil, sourceInput: String? = nil) async throws -> Response {
        let planned: ImportService.Planned
        do {
            planned = try await imports.plan(pending, data, for: identity.user)
        } catch let problem as ImportProblem {
            // The file no longer reads with the options chosen (a wrong encoding or sheet, say).
            return try await home(context, identity, error: "\(pending.fileName) : \(problem.sentence)", status: .unprocessableContent)
        }
        let file = planned.file
        let preview = planned.preview
        let mapping = planned.mapping
        let samples = Self.samples(file)
        let columns = mapping.columns.enumerated().map { index, column in
            ImportPages.ColumnRow(index: index, header: column.header, samples: samples[index].joined(separator: " · "),
                                  fields: ImportField.allCases.map { ImportPages.Choice(value: $0.rawValue, label: $0.label, selected: $0 == column.field) },
                                  clearBlanks: column.clearBlanks,
                                  conflictChoices: ConflictChoice.allCases.map { ImportPages.Choice(value: $0.rawValue, label: $0.label, selected: $0 == column.onConflict) })
        }
        let valueTables = ImportValueSummary.summaries(file: file, mapping: mapping).map { summary in
            ImportPages.ValueTable(
                header: summary.header, field: summary.field.label,
                values: summary.values.enumerated().map { number, value in
                    let automatic = ValueGuesser.target(for: summary.field, value: value.text)
                    return ImportPages.ValueRow(
                        column: summary.columnIndex, number: number, text: value.text, key: value.key, count: value.count,
                        automatic: automatic.label,
                        targets: ValueTarget.choices.map { target in
                            ImportPages.Choice(value: target.code, label: target == .automatic ? "Automatique (\(automatic.label))" : target.label,
                                               selected: value.chosen ? target == value.target : target == .automatic)
                        })
                },
                note: summary.more > 0 ? "Les \(ImportValueSummary.limit) valeurs les plus fréquentes sont listées ; \(summary.more) autre(s) sont lues automatiquement." : nil)
        }
        let issues = preview.issues
        let pages = max(1, (issues.count + Self.issuesPerPage - 1) / Self.issuesPerPage)
        let page = min(max(1, page), pages)
        let shownIssues = issues.dropFirst((page - 1) * Self.issuesPerPage).prefix(Self.issuesPerPage)
        func changeRow(_ change: FieldChange) -> ImportPages.ChangeRow {
            let note: String? = switch change.kind {
            case .kept: "valeur enregistrée gardée" + (change.note.map { " : \($0)" } ?? "")
            case .clear: "colonne « vider les valeurs absentes »"
            case .replace: change.note.map { "valeur du fichier retenue : \($0)" }
            case .fill: nil
            }
            return ImportPages.ChangeRow(field: change.field.label, before: change.before.isEmpty ? "—" : change.before,
                                         after: change.after.isEmpty ? "—" : change.after, note: note, kept: change.kind == .kept)
        }
        let updates = preview.outcomes.compactMap { outcome -> ImportPages.UpdateRow? in
            guard case .update(_, _, let profile, let changes) = outcome.action else { return nil }
            return ImportPages.UpdateRow(line: outcome.line, name: profile.name, changes: (changes + outcome.kept).map(changeRow))
        }
        let rowChoices = pending.rowChoices ?? [:]
        let conflicted = preview.outcomes.filter { !$0.conflicts.isEmpty }
        let conflictRows = conflicted.prefix(Self.shownConflicts).map { outcome in
            let name: String = if case .update(_, _, let profile, _) = outcome.action { profile.name } else { outcome.recordName ?? "" }
            let chosen = rowChoices[outcome.line] ?? .automatic
            return ImportPages.ConflictRow(line: outcome.line, name: name, changes: outcome.conflicts.map(changeRow),
                                           choices: ConflictChoice.allCases.map {
                                               ImportPages.Choice(value: $0.rawValue, label: $0 == .automatic ? "Selon la colonne et la règle" : $0.label, selected: $0 == chosen)
                                           })
        }
        let skippedRows = preview.outcomes.compactMap { outcome -> ImportPages.SkippedRow? in
            if case .skipped(let reason) = outcome.action { ImportPages.SkippedRow(line: outcome.line, reason: reason) } else { nil }
        }
        let c = preview.counts
        let saved = try await imports.savedMappings()
        let isWorkbook = ImportFile.isWorkbook(Data(data))
        let description = isWorkbook
            ? "Classeur Excel, feuille « \(pending.sheet ?? file.sheetNames.first ?? "") »"
            : "CSV, \(file.encoding == .utf8 ? "UTF-8" : "Windows-1252"), séparateur « \(file.delimiter == "\t" ? "tabulation" : String(file.delimiter)) »"
        let writes = c.creates + c.updates
        let previewPath = Route.importPreview.path(pending.id)
        let model = ImportPages.Preview(
            frame: StaffFrame(web.context(.fr, context), title: "Aperçu de l'import", path: previewPath,
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
            skipped: c.skipped, conflicts: c.rowsWithConflicts,
            listDate: listDateInput ?? pending.listDate ?? "", sourceLabel: sourceInput ?? pending.sourceLabel ?? planned.options.source,
            valueTables: valueTables, hasValueTables: !valueTables.isEmpty,
            issueGroups: preview.issueGroups.map {
                ImportPages.IssueGroupRow(severity: $0.severity == .error ? "Erreur" : "Avertissement", isError: $0.severity == .error,
                                          column: $0.column, count: $0.count, message: $0.example.message, line: $0.example.line)
            },
            issues: shownIssues.map {
                ImportPages.IssueRow(line: $0.line, column: $0.column, severity: $0.severity == .error ? "Erreur" : "Avertissement",
                                     isError: $0.severity == .error, message: $0.message)
            },
            issuesNote: pages > 1 ? "Problèmes \((page - 1) * Self.issuesPerPage + 1) à \((page - 1) * Self.issuesPerPage + shownIssues.count) sur \(issues.count), erreurs d'abord (page \(page) sur \(pages))." : nil,
            hasIssues: !issues.isEmpty,
            issuePages: pages > 1 ? (1...pages).map { ImportPages.PageLink(number: $0, url: previewPath + "?page=\($0)#problemes", current: $0 == page) } : [],
            hasIssuePages: pages > 1,
            conflictRows: Array(conflictRows),
            conflictsNote: conflicted.count > Self.shownConflicts ? "Les \(Self.shownConflicts) premières de \(conflicted.count) lignes en désaccord sont affichées ; choisissez par colonne pour les autres." : nil,
            hasConflicts: !conflictRows.isEmpty,
            skippedRows: Array(skippedRows.prefix(Self.shownSkipped)), hasSkipped: !skippedRows.isEmpty,
            updatesList: Array(updates.prefix(Self.shownUpdates)),
            updatesNote: updates.count > Self.shownUpdates ? "Les \(Self.shownUpdates) premières de \(updates.count) mises à jour sont affichées." : nil,
            hasUpdates: !updates.isEmpty,
            canApply: mapping.problems.isEmpty && writes > 0 && !preview.municipalityListMissing,
            applyLabel: "Importer : \(c.creates) création(s) et \(c.updates) mise(s) à jour",
            reportURL: Route.importErrors.path(pending.id), formURL: previewPath,
            applyURL: Route.importApply.path(pending.id), homeURL: Route.imports.path())
        return try web.renderer.staff(model, template: "importpreview", status: status)
    }

    /// Up to three different, non-blank example values per column, from the file's first rows.
    static func samples(_ file: ImportFile) -> [[String]] {
        var samples = Array(repeating: [String](), count: file.headers.count)
        var open = file.headers.count
        for row in file.rows.prefix(500) where open > 0 {
            for (index, cell) in row.cells.prefix(file.headers.count).enumerated() where samples[index].count < 3 {
                guard let value = ImportCell.value(cell) else { continue }
                let shown = String(value.prefix(40))
                guard !samples[index].contains(shown) else { continue }
                samples[index].append(shown)
                if samples[index].count == 3 { open -= 1 }
            }
        }
        return samples
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
            return try await home(context, identity, error: "\(pending.fileName) : \(error.sentence)", status: .unprocessableContent)
        }
        // Every valid choice is kept; a wrong one leaves its setting as it was and is said on the
        // page, which always shows (and « Importer » always applies) what is kept.
        var errors: [String] = []
        var notice: String?
        let savedID = form["correspondance"]
        if let saved = try await imports.savedMapping(savedID) {
            pending.mapping = saved.mapping.reused(for: file.headers)
            notice = "Correspondance « \(saved.name) » appliquée."
        } else if !savedID.isEmpty {
            errors.append("La correspondance enregistrée choisie n'existe plus : choisissez-en une autre dans la liste.")
        } else if !sheetChanged && form.has("colonne-0") {
            let previous = pending.mapping ?? ColumnMapping.propose(headers: file.headers)
            var columns: [ColumnMapping.Column] = []
            for (index, header) in file.headers.enumerated() {
                let kept = index < previous.columns.count ? previous.columns[index] : ColumnMapping.Column(header: header, field: .ignored)
                guard let field = ImportField(rawValue: form["colonne-\(index)"]) else {
                    errors.append("Colonne « \(header) » : choisissez un champ dans la liste.")
                    columns.append(kept)
                    continue
                }
                var choice = ConflictChoice.automatic
                if form.has("conflit-\(index)") {
                    if let chosen = ConflictChoice(rawValue: form["conflit-\(index)"]) {
                        choice = chosen
                    } else {
                        errors.append("Colonne « \(header) » : choisissez quoi faire des désaccords dans la liste.")
                        choice = kept.onConflict
                    }
                }
                var column = ColumnMapping.Column(header: header, field: field, clearBlanks: form.has("vider-\(index)"), onConflict: choice)
                // Value choices stay with their column while it feeds the same field.
                if kept.field == field { column.values = kept.values }
                columns.append(column)
            }
            // « Valeurs » : each listed value's choice (`valeur-COLONNE-N`, with its key in `valeur-cle-COLONNE-N`).
            for (name, key) in form.fields where name.hasPrefix("valeur-cle-") {
                let parts = name.dropFirst("valeur-cle-".count).split(separator: "-")
                guard parts.count == 2, let index = Int(parts[0]), let number = Int(parts[1]), columns.indices.contains(index),
                      columns[index].field.mapsValues else { continue }
                guard let target = ValueTarget(code: form["valeur-\(index)-\(number)"]) else {
                    errors.append("Colonne « \(columns[index].header) », valeur n° \(number + 1) : choisissez une correspondance dans la liste.")
                    continue
                }
                if target == .automatic { columns[index].values[key] = nil } else { columns[index].values[key] = target }
            }
            pending.mapping = ColumnMapping(columns: columns)
        } else if sheetChanged {
            pending.mapping = nil
        }
        // Disagreements settled row by row (`ligne-N`); rows not shown keep their earlier choice.
        var rowChoices = pending.rowChoices ?? [:]
        for (name, value) in form.fields where name.hasPrefix("ligne-") {
            guard let line = Int(name.dropFirst(6)), line > 1, line <= 10_000_000 else {
                errors.append("Désaccords : « \(name.dropFirst(6)) » n'est pas une ligne du fichier.")
                continue
            }
            guard let choice = ConflictChoice(rawValue: value) else {
                errors.append("Désaccords, ligne \(line) : choisissez dans la liste.")
                continue
            }
            rowChoices[line] = choice == .automatic ? nil : choice
        }
        pending.rowChoices = rowChoices.isEmpty ? nil : rowChoices
        let listDate = String(ImportText.trimmed(form["date-liste"]))
        var listDateInput: String?
        if listDate.isEmpty {
            pending.listDate = nil
        } else {
            switch ImportOptions.listDate(listDate) {
            case .success(let day): pending.listDate = day
            case .failure(let problem):
                errors.append("Date de la liste : \(problem.message)")
                listDateInput = listDate
            }
        }
        let source = String(ImportText.trimmed(form["source"]))
        var sourceInput: String?
        if source.count > 200 {
            errors.append("Source affichée : 200 caractères au plus (\(source.count) reçus).")
            sourceInput = source
        } else {
            pending.sourceLabel = source.isEmpty ? nil : source
        }
        if form.has("enregistrer") {
            let name = String(ImportText.trimmed(form["nom-correspondance"]))
            if name.isEmpty || name.count > 100 {
                errors.append("Donnez un nom (100 caractères au plus) à la correspondance à enregistrer.")
            } else if try await imports.savedMappings().contains(where: { $0.name.lowercased() == name.lowercased() }) {
                errors.append("Une correspondance s'appelle déjà « \(name) » : donnez-en un autre nom, elle n'est pas remplacée.")
            } else if errors.isEmpty {
                let mapping = pending.mapping ?? ColumnMapping.propose(headers: file.headers)
                try await imports.saveMapping(mapping, name: name, by: identity.user)
                notice = "Correspondance enregistrée sous le nom « \(name) »."
            }
        }
        try imports.keep(pending)
        if !errors.isEmpty {
            return try await preview(context, identity, pending, data, error: errors.joined(separator: " "), status: .badRequest,
                                     listDateInput: listDateInput, sourceInput: sourceInput)
        }
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
            // A second click on « Importer » after the import, or an upload gone stale: say so in the staff frame.
            return try await home(context, identity, error: refusal.message + " S'il vient d'être importé, il figure dans la liste ci-dessous.", status: .gone)
        }
        // Written in the background; a second click while it runs finds the same job.
        let jobID = imports.startApplying(pending, data, by: EditingController.actor(context, identity))
        return try await follow(jobID, context, identity) { message, reason in
            try await preview(context, identity, pending, data, error: message, status: reason == .conflict ? .conflict : .badRequest)
        }
    }

    func revert(_ context: AppRequestContext, _ identity: Identity, batchID: String) async throws -> Response {
        guard let batch = try await imports.batch(batchID) else {
            return try await home(context, identity, error: "L'import « \(batchID) » est introuvable.", status: .notFound)
        }
        guard imports.mayRevert(batch, identity.user) else {
            return try await home(context, identity, error: ImportService.revertForbidden.message, status: .forbidden)
        }
        let jobID = imports.startReverting(batch, by: EditingController.actor(context, identity))
        return try await follow(jobID, context, identity) { message, _ in
            try await home(context, identity, error: message, status: .conflict)
        }
    }

    /// Waits a moment for a job: done, its page; failed, `failure`'s page; still running, its
    /// progress page.
    private func follow(_ jobID: String, _ context: AppRequestContext, _ identity: Identity,
                        failure: (String, ImportJobs.FailureReason) async throws -> Response) async throws -> Response {
        guard let job = await imports.jobs.wait(jobID, userID: identity.user.id, upTo: wait) else {
            return try await home(context, identity, error: "Cette opération est introuvable.", status: .notFound)
        }
        switch job.state {
        case .finished(let location):
            return Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
        case .failed(let message, _, let reason):
            return try await failure(message, reason)
        case .running:
            return Response(status: .seeOther, headers: [.location: Route.importJob.path(job.id), .cacheControl: "no-store"])
        }
    }

    func job(_ context: AppRequestContext, _ identity: Identity) throws -> ImportJobs.Snapshot {
        guard let job = imports.jobs.snapshot(try context.parameters.require("job"), userID: identity.user.id) else {
            throw Refusal(.notFound, title: "Opération introuvable",
                          message: "Cette opération d'import est introuvable : elle est terminée depuis plus d'une heure, ou le serveur a redémarré. Son résultat figure dans l'historique des imports.",
                          english: "This import job was not found.")
        }
        return job
    }

    /// The progress page of a job (its bar is refreshed by the site's script, or by the link).
    func jobPage(_ context: AppRequestContext, _ identity: Identity, _ job: ImportJobs.Snapshot) throws -> Response {
        var error: String?
        var back: String?
        if case .failed(let message, let location, _) = job.state {
            error = message
            back = location
        }
        let model = ImportPages.Job(
            frame: StaffFrame(web.context(.fr, context), title: "\(job.kind.label) : \(job.fileName)", path: Route.importJob.path(job.id),
                              csrf: identity.csrfToken ?? "", notice: nil, error: error),
            kindLabel: job.kind.label, fileName: job.fileName, running: job.state == .running,
            phase: job.phase.isEmpty ? "Préparation" : job.phase, done: job.done, total: job.total, hasTotal: job.total > 0,
            percent: job.percent, statusURL: Route.importJobStatus.path(job.id), selfURL: Route.importJob.path(job.id),
            backURL: back ?? Route.imports.path(), homeURL: Route.imports.path())
        return try web.renderer.staff(model, template: "importjob", status: .ok)
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
