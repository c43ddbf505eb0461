import Foundation

/// A spreadsheet of contracts (CSV or Excel) into the purchasing record: read with the directory's
/// import reader, each column mapped to a field (proposed from the headers, corrected by the
/// buyer), each row checked by the same rules as the form, the suppliers matched by NEQ, then by
/// name and municipality, then by name; a preview that names each problem with its line, then the
/// valid rows applied as one batch that can be reverted whole.
struct PurchaseImport: Sendable {
    let records: PurchaseRecordService

    /// The fields a column can feed.
    enum Field: String, CaseIterable, Sendable {
        case supplier = "fournisseur", neq, supplierMunicipality = "municipalite-fournisseur", date, amount = "montant"
        case procedure = "mode", kind = "type", description

        var label: String {
            switch self {
            case .supplier: "Fournisseur (nom de l'entreprise)"
            case .neq: "NEQ du fournisseur"
            case .supplierMunicipality: "Municipalité du fournisseur"
            case .date: "Date d'octroi"
            case .amount: "Montant avant taxes"
            case .procedure: "Mode d'octroi"
            case .kind: "Type de contrat"
            case .description: "Objet du contrat"
            }
        }

        var required: Bool { [.supplier, .date, .amount, .procedure, .kind, .description].contains(self) }

        /// Header words that suggest the field (accents and case aside).
        var hints: [String] {
            switch self {
            case .supplier: ["fournisseur", "entreprise", "adjudicataire", "nom", "supplier"]
            case .neq: ["neq"]
            case .supplierMunicipality: ["municipalite du fournisseur", "ville du fournisseur", "municipalite fournisseur", "ville fournisseur"]
            case .date: ["date", "octroi", "awarded"]
            case .amount: ["montant", "valeur", "amount", "prix"]
            case .procedure: ["mode", "procedure", "octroi par", "type d'appel"]
            case .kind: ["type", "nature", "categorie", "kind"]
            case .description: ["objet", "description", "contrat", "bien ou service"]
            }
        }
    }

    static let maxBytes = 5_000_000
    static let maxRows = 5_000

    /// An import as the pages show it: the stored batch with its mapping read.
    struct Batch: Sendable {
        var stored: PurchaseImportBatch
        var mapping: [Field: Int]
        var id: String { stored.id }
        var municipalityCode: String { stored.municipalityCode }
        var fileName: String { stored.fileName }
        var status: String { stored.status }
        var appliedCount: Int { stored.appliedCount }
        var createdAt: Date { stored.createdAt }

        init(_ stored: PurchaseImportBatch) {
            self.stored = stored
            mapping = PurchaseImport.decode(stored.mapping)
        }
    }

    struct RowResult: Sendable {
        var line: Int
        var contract: PurchaseContract?
        var issues: [FieldIssue]
        /// The same contract is already in the record.
        var duplicate: Bool
        /// How the supplier was found: `neq`, `nom-municipalite`, `nom`, or empty (not listed).
        var matchedBy: String
    }

    struct Preview: Sendable {
        var batch: Batch
        var headers: [String]
        var rows: [RowResult]
        var fileProblem: String?
        var valid: [RowResult] { rows.filter { $0.contract != nil && !$0.duplicate } }
    }

    static func normalized(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_CA"))
            .replacingOccurrences(of: "_", with: " ").trimmingCharacters(in: .whitespaces)
    }

    /// The mapping proposed from the headers: each field takes the first unused column whose
    /// header contains one of its words (the more specific fields choose first).
    static func proposedMapping(_ headers: [String]) -> [Field: Int] {
        var mapping: [Field: Int] = [:]
        var used = Set<Int>()
        for field in [Field.neq, .supplierMunicipality, .date, .amount, .procedure, .description, .kind, .supplier] {
            for hint in field.hints {
                if let index = headers.indices.first(where: { !used.contains($0) && normalized(headers[$0]).contains(hint) }) {
                    mapping[field] = index
                    used.insert(index)
                    break
                }
            }
        }
        return mapping
    }

    static func encode(_ mapping: [Field: Int]) -> String {
        mapping.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: ";")
    }

    static func decode(_ text: String) -> [Field: Int] {
        var mapping: [Field: Int] = [:]
        for pair in text.split(separator: ";") {
            let parts = pair.split(separator: "=")
            if parts.count == 2, let field = Field(rawValue: String(parts[0])), let index = Int(parts[1]) { mapping[field] = index }
        }
        return mapping
    }

    /// Procedures as spreadsheets write them.
    static func procedure(_ text: String) -> String {
        let key = normalized(text)
        if key.isEmpty { return "" }
        if key.contains("gre") || key == "gag" || key.contains("mutual") { return PurchaseContract.Procedure.mutualAgreement.rawValue }
        if key.contains("invitation") || key.contains("sur invitation") { return PurchaseContract.Procedure.writtenInvitation.rawValue }
        if key.contains("public") || key.contains("seao") { return PurchaseContract.Procedure.publicCall.rawValue }
        return PurchaseContract.Procedure(rawValue: text)?.rawValue ?? text
    }

    /// Kinds of contract as spreadsheets write them.
    static func kind(_ text: String) -> String {
        let key = normalized(text)
        if key.isEmpty { return "" }
        if key.contains("professionnel") { return ContractKind.professionalServices.rawValue }
        if key.contains("travaux") || key.contains("construction") { return ContractKind.construction.rawValue }
        if key.contains("bien") || key.contains("fourniture de biens") || key.contains("goods") || key.contains("approvisionnement") { return ContractKind.goods.rawValue }
        if key.contains("service") { return ContractKind.services.rawValue }
        return text
    }

    /// `2026-03-14`, `14/03/2026`, `14-03-2026`, `2026/03/14`: as the form wants it.
    static func day(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return trimmed }
        if parts[0].count == 4 { return String(format: "%@-%02d-%02d", parts[0], Int(parts[1]) ?? 0, Int(parts[2]) ?? 0) }
        if parts[2].count == 4 { return String(format: "%@-%02d-%02d", parts[2], Int(parts[1]) ?? 0, Int(parts[0]) ?? 0) }
        return trimmed
    }

    // MARK: Steps

    /// Keeps an uploaded file for its preview; the file is read once here to refuse what is not a
    /// table.
    func upload(fileName: String, bytes: [UInt8], municipality requested: String, by user: User, now: Date = Date()) async throws -> Batch {
        let municipality = user.roles.contains(.admin) && !requested.isEmpty ? requested : (user.municipalityCode ?? "")
        guard records.directory.catalog.municipality(code: municipality) != nil else {
            throw Refusal(.invalid, title: "Municipalité manquante", message: "Choisissez la municipalité dont le fichier donne les contrats.",
                          english: "Choose the municipality whose contracts the file lists.")
        }
        guard PurchaseRecordService.canRecord(in: municipality, user) else { throw PurchaseRecordService.recordForbidden }
        guard !bytes.isEmpty else {
            throw Refusal(.invalid, title: "Fichier vide", message: "Choisissez un fichier CSV ou Excel (.xlsx) qui contient des contrats.",
                          english: "Choose a CSV or Excel (.xlsx) file listing contracts.")
        }
        guard bytes.count <= Self.maxBytes else {
            throw Refusal(.invalid, title: "Fichier trop gros", message: "« \(fileName) » pèse \(bytes.count / 1_000_000) Mo : 5 Mo au plus.",
                          english: "\"\(fileName)\" is \(bytes.count / 1_000_000) MB: 5 MB at most.")
        }
        let file: ImportFile
        do {
            file = try ImportFile.load(Data(bytes), name: fileName)
        } catch {
            throw Refusal(.invalid, title: "Fichier illisible", message: "« \(fileName) » : \(error.sentence)", english: "\"\(fileName)\" cannot be read: \(error.sentence)")
        }
        let stored = PurchaseImportBatch(id: RecordID.next(now: now), municipalityCode: municipality, fileName: String(fileName.suffix(200)), bytes: bytes,
                                         mapping: Self.encode(Self.proposedMapping(file.headers)), status: "preview", appliedCount: 0, createdAt: now)
        try await records.store.insertImport(stored, by: user.id)
        return Batch(stored)
    }

    func batch(_ id: String, for user: User) async throws -> Batch {
        guard let stored = try await records.store.importBatch(id: id), PurchaseRecordService.canRecord(in: stored.municipalityCode, user) else {
            throw Refusal.notFound("Cet import", english: "This import")
        }
        return Batch(stored)
    }

    /// Changes the mapping of a batch still in preview.
    func remap(_ id: String, _ mapping: [Field: Int], for user: User) async throws {
        let batch = try await batch(id, for: user)
        guard batch.status == "preview", try await records.store.setImportMapping(id, to: Self.encode(mapping)) else {
            throw Self.notInPreview(try await self.batch(id, for: user))
        }
    }

    static func notInPreview(_ batch: Batch) -> Refusal {
        Refusal(.conflict, title: batch.status == "applied" ? "Import déjà appliqué" : "Import annulé",
                message: batch.status == "applied" ? "Cet import est déjà appliqué (\(batch.appliedCount) contrat(s)) : rien n'a été ajouté deux fois."
                                                   : "Cet import a été annulé : téléversez le fichier à nouveau.",
                english: batch.status == "applied" ? "This import is already applied (\(batch.appliedCount) contract(s)): nothing was added twice."
                                                   : "This import was reverted: upload the file again.")
    }

    /// Every row checked by the form's rules, with its supplier matched.
    func preview(_ id: String, for user: User, now: Date = Date()) async throws -> Preview {
        let batch = try await batch(id, for: user)
        let file: ImportFile
        do {
            file = try ImportFile.load(Data(batch.stored.bytes), name: batch.fileName)
        } catch {
            return Preview(batch: batch, headers: [], rows: [], fileProblem: error.sentence)
        }
        var results: [RowResult] = []
        let existing = Set(try await records.store.contracts(PurchaseFilter(scope: .municipality(batch.municipalityCode)), limit: 100_000).contracts.map(Self.identity))
        var seen = Set<String>()
        for row in file.rows {
            if results.count >= Self.maxRows {
                results.append(RowResult(line: row.line, contract: nil, issues: [FieldIssue(field: "fichier", code: "too-many-rows",
                    message: "Le fichier dépasse \(Self.maxRows) lignes : les suivantes ne sont pas lues. Découpez-le.",
                    english: "The file has more than \(Self.maxRows) rows: the rest is not read. Split it.")], duplicate: false, matchedBy: ""))
                break
            }
            func cell(_ field: Field) -> String {
                guard let index = batch.mapping[field], index < row.cells.count else { return "" }
                return row.cells[index].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if row.cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            if let problem = row.problem {
                results.append(RowResult(line: row.line, contract: nil, issues: [FieldIssue(field: "ligne", code: "unreadable", message: problem.message, english: problem.message)],
                                         duplicate: false, matchedBy: ""))
                continue
            }
            var input = PurchaseRecordService.Input()
            input.municipality = batch.municipalityCode
            let (enterprise, matchedBy) = try await match(name: cell(.supplier), neq: cell(.neq), municipality: cell(.supplierMunicipality))
            if let enterprise {
                input.enterprise = enterprise
            } else {
                input.supplierName = cell(.supplier)
                input.supplierNEQ = cell(.neq)
            }
            input.awardedOn = Self.day(cell(.date))
            input.amount = cell(.amount)
            input.procedure = Self.procedure(cell(.procedure))
            input.kind = Self.kind(cell(.kind))
            input.description = cell(.description)
            switch try await records.validate(input, for: user, now: now) {
            case .success(let contract):
                let key = Self.identity(contract)
                let duplicate = existing.contains(key) || seen.contains(key)
                seen.insert(key)
                results.append(RowResult(line: row.line, contract: contract, issues: [], duplicate: duplicate, matchedBy: matchedBy))
            case .failure(let failure):
                results.append(RowResult(line: row.line, contract: nil, issues: failure.issues, duplicate: false, matchedBy: matchedBy))
            }
        }
        return Preview(batch: batch, headers: file.headers, rows: results, fileProblem: nil)
    }

    /// What makes two contracts the same one: the city, the supplier, the day and the amount.
    static func identity(_ c: PurchaseContract) -> String {
        "\(c.municipalityCode)|\(c.enterpriseID ?? normalized(c.supplierName))|\(c.awardedOn)|\(c.amountCents)"
    }

    /// The supplier: by NEQ, then by name and municipality, then by a name only one enterprise has.
    /// Returns the enterprise's id and how it was found, or nil.
    func match(name: String, neq: String, municipality: String) async throws -> (String?, String) {
        let digits = neq.filter { $0.isASCII && $0.isNumber }
        if digits.count == 10, let id = try await records.store.enterpriseID(neq: digits) { return (id, "neq") }
        guard !name.isEmpty else { return (nil, "") }
        let candidates = try await records.store.enterprises(named: name)
        if !municipality.isEmpty, case .found(let place, _) = MunicipalityResolver(catalog: records.directory.catalog).resolve(municipality),
           let hit = candidates.first(where: { $0.municipalityCode == place.code }) {
            return (hit.id, "nom-municipalite")
        }
        if candidates.count == 1 { return (candidates[0].id, "nom") }
        return (nil, "")
    }

    /// Writes the valid rows (duplicates left out) as one batch: all or nothing.
    func apply(_ id: String, by user: User, client: String, now: Date = Date()) async throws -> Int {
        let preview = try await preview(id, for: user, now: now)
        guard preview.batch.status == "preview" else { throw Self.notInPreview(preview.batch) }
        let contracts = preview.valid.compactMap(\.contract)
        guard !contracts.isEmpty else {
            throw Refusal(.invalid, title: "Rien à importer", message: "Aucune ligne valide et nouvelle : corrigez le fichier ou la correspondance des colonnes.",
                          english: "No valid new row: fix the file or the column mapping.")
        }
        guard try await records.store.applyImport(preview.batch.stored, contracts: contracts, author: user, client: client, now: now) else {
            throw Self.notInPreview(try await batch(id, for: user))
        }
        return contracts.count
    }

    /// Removes every contract of an applied batch (their history stays).
    func revert(_ id: String, by user: User, client: String, now: Date = Date()) async throws -> Int {
        let batch = try await batch(id, for: user)
        // Claimed by the store: a second click, or another instance, finds it reverted.
        guard batch.status == "applied", let removed = try await records.store.revertImport(batch.stored, author: user, client: client, now: now) else {
            throw Refusal(.conflict, title: "Import non appliqué", message: "Seul un import appliqué peut être annulé (celui-ci ne l'est pas, ou plus).",
                          english: "Only an applied import can be reverted (this one is not, or no longer).")
        }
        return removed
    }

    /// The municipality's imports, newest first (every one, for an administrator without one).
    func batches(for user: User) async throws -> [Batch] {
        if let municipality = user.municipalityCode { return try await records.store.importBatches(municipality: municipality).map(Batch.init) }
        return user.roles.contains(.admin) ? try await records.store.importBatches(municipality: nil).map(Batch.init) : []
    }
}
