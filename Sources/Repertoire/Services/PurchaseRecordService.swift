import Foundation

/// The responsible-purchasing record (issue #16): buyers record the contracts their municipality
/// awarded to social-economy enterprises, and every role reads the dashboards of its territory.
/// Who may do what is decided here; the HTML and JSON controllers only translate.
struct PurchaseRecordService: Sendable {
    let store: PurchaseRecordStore
    let directory: DirectoryService
    let callStore: CallStore
    let mail: any MailQueue
    let baseURL: String
    /// The record in memory, for the dashboards.
    let cube: PurchaseCube

    init(store: PurchaseRecordStore, directory: DirectoryService, callStore: CallStore, mail: any MailQueue, baseURL: String, cube: PurchaseCube? = nil) {
        self.store = store
        self.directory = directory
        self.callStore = callStore
        self.mail = mail
        self.baseURL = baseURL
        self.cube = cube ?? PurchaseCube(database: store.database)
    }

    /// The form's fields as typed, kept to show the form again with its problems.
    struct Input: Sendable, Equatable {
        /// Administrators choose the municipality; a buyer's is their own.
        var municipality = ""
        /// An enterprise of the directory (id or slug)…
        var enterprise = ""
        /// …or a supplier not listed yet.
        var supplierName = ""
        var supplierNEQ = ""
        var awardedOn = ""
        var amount = ""
        var procedure = ""
        var kind = ""
        var description = ""
        var callID = ""

        init() {}

        init(_ contract: PurchaseContract) {
            municipality = contract.municipalityCode
            enterprise = contract.enterpriseID == nil ? "" : contract.supplierName
            supplierName = contract.enterpriseID == nil ? contract.supplierName : ""
            supplierNEQ = contract.enterpriseID == nil ? contract.supplierNEQ : ""
            awardedOn = contract.awardedOn
            amount = PurchaseRecordService.amountText(contract.amountCents)
            procedure = contract.procedure.rawValue
            kind = contract.kind
            description = contract.description
            callID = contract.callID ?? ""
        }
    }

    /// `60000` or `24999,99`: how the form shows a stored amount.
    static func amountText(_ cents: Int64) -> String {
        cents % 100 == 0 ? "\(cents / 100)" : "\(cents / 100),\(String(format: "%02d", Int(cents % 100)))"
    }

    // MARK: Who may do what

    static func canRecord(in municipality: String, _ user: User) -> Bool {
        guard user.isActive else { return false }
        if user.roles.contains(.admin) { return true }
        return user.roles.contains(.buyer) && user.municipalityCode == municipality
    }

    func canView(_ scope: PurchaseFilter.Scope, _ user: User) -> Bool {
        guard user.isActive else { return false }
        if user.roles.contains(.admin) { return true }
        let catalog = directory.catalog
        if user.roles.contains(.buyer), case .municipality(let code) = scope, code == user.municipalityCode { return true }
        guard user.roles.contains(.hubEditor) else { return false }
        switch scope {
        case .quebec: return false
        case .region(let code): return user.regions.contains(code)
        case .mrc(let code): return catalog.mrc(code: code).map { user.regions.contains($0.regionCode) } ?? false
        case .municipality(let code): return catalog.municipality(code: code).map { user.regions.contains($0.regionCode) } ?? false
        }
    }

    /// What a user's dashboard shows first: a buyer's municipality, a hub editor's region, Quebec.
    func defaultScope(for user: User) -> PurchaseFilter.Scope? {
        if user.roles.contains(.buyer), let code = user.municipalityCode { return .municipality(code) }
        if user.roles.contains(.admin) { return .quebec }
        if user.roles.contains(.hubEditor), let region = user.regions.sorted().first { return .region(region) }
        return nil
    }

    /// The scopes a user may switch between, widest first.
    func scopes(for user: User) -> [PurchaseFilter.Scope] {
        let catalog = directory.catalog
        var scopes: [PurchaseFilter.Scope] = []
        if user.roles.contains(.admin) {
            scopes.append(.quebec)
            scopes += Region.all.map { .region($0.code) }
        } else if user.roles.contains(.hubEditor) {
            scopes += user.regions.sorted().map { .region($0) }
            scopes += catalog.mrcs.filter { user.regions.contains($0.regionCode) }.map { .mrc($0.code) }
        }
        if user.roles.contains(.buyer), let code = user.municipalityCode, !scopes.contains(.municipality(code)) {
            scopes.append(.municipality(code))
        }
        return scopes
    }

    func scopeName(_ scope: PurchaseFilter.Scope, english: Bool = false) -> String {
        let catalog = directory.catalog
        switch scope {
        case .quebec: return english ? "All of Quebec" : "Tout le Québec"
        case .region(let code): return Region.find(code).map { "\(english ? "Region" : "Région") \($0.code) — \($0.name)" } ?? code
        case .mrc(let code): return catalog.mrc(code: code)?.label ?? code
        case .municipality(let code): return catalog.municipality(code: code)?.name ?? code
        }
    }

    /// `municipalite:58227`, `mrc:58`, `region:16`, `quebec`.
    static func scopeValue(_ scope: PurchaseFilter.Scope) -> String {
        switch scope {
        case .quebec: "quebec"
        case .region(let code): "region:\(code)"
        case .mrc(let code): "mrc:\(code)"
        case .municipality(let code): "municipalite:\(code)"
        }
    }

    static func scope(_ value: String) -> PurchaseFilter.Scope? {
        if value == "quebec" { return .quebec }
        let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].count <= 12 else { return nil }
        switch parts[0] {
        case "region": return .region(parts[1])
        case "mrc": return .mrc(parts[1])
        case "municipalite": return .municipality(parts[1])
        default: return nil
        }
    }

    /// The filter of a query (`territoire`, `depuis`, `jusqua`, `secteur`, `mode`, `type`); each
    /// value that cannot be read is named, in French and English, and left out.
    static func filter(_ parameters: [(String, String)], defaultScope: PurchaseFilter.Scope) -> (PurchaseFilter, [(french: String, english: String)]) {
        func value(_ name: String) -> String { (parameters.last { $0.0 == name }?.1 ?? "").trimmingCharacters(in: .whitespaces) }
        var problems: [(french: String, english: String)] = []
        var filter = PurchaseFilter(scope: defaultScope)
        let scopeText = value("territoire")
        if !scopeText.isEmpty {
            if let scope = Self.scope(scopeText) { filter.scope = scope } else {
                problems.append(("Territoire « \(scopeText) » inconnu (ex. municipalite:58227, mrc:58, region:16 ou quebec).",
                                 "Unknown territory \"\(scopeText)\" (e.g. municipalite:58227, mrc:58, region:16 or quebec)."))
            }
        }
        for (name, french, english) in [("depuis", "De l'année", "From year"), ("jusqua", "À l'année", "To year")] {
            let text = value(name)
            guard !text.isEmpty else { continue }
            if let year = Int(text), (2000...2100).contains(year) {
                if name == "depuis" { filter.fromYear = year } else { filter.toYear = year }
            } else {
                problems.append(("\(french) : « \(text) » n'est pas une année (ex. 2026).", "\(english): \"\(text)\" is not a year (e.g. 2026)."))
            }
        }
        // Years given the wrong way round are read the right way.
        if let from = filter.fromYear, let to = filter.toYear, from > to { (filter.fromYear, filter.toYear) = (to, from) }
        let sector = value("secteur")
        if !sector.isEmpty {
            if Sector.find(sector) != nil { filter.sector = sector } else { problems.append(("Secteur « \(sector) » inconnu.", "Unknown sector \"\(sector)\".")) }
        }
        let procedure = value("mode")
        if !procedure.isEmpty {
            if let known = PurchaseContract.Procedure(rawValue: procedure) { filter.procedure = known } else {
                problems.append(("Mode d'octroi « \(procedure) » inconnu (gre-a-gre, invitation ou appel-public).", "Unknown procedure \"\(procedure)\" (gre-a-gre, invitation or appel-public)."))
            }
        }
        let kind = value("type")
        if !kind.isEmpty {
            if ContractKind(rawValue: kind) != nil { filter.kind = kind } else {
                problems.append(("Type de contrat « \(kind) » inconnu (biens, services, services-professionnels ou travaux).",
                                 "Unknown kind of contract \"\(kind)\" (biens, services, services-professionnels or travaux)."))
            }
        }
        return (filter, problems)
    }

    static let viewForbidden = Refusal(.forbidden, title: "Tableau de bord réservé",
                                       message: "Ce territoire n'est pas le vôtre : un acheteur voit sa municipalité, un pôle ses régions, un administrateur tout le Québec.",
                                       english: "This territory is not yours: a buyer sees their municipality, a hub its regions, an administrator all of Quebec.")
    static let recordForbidden = Refusal(.forbidden, title: "Inscription réservée",
                                         message: "Un acheteur inscrit les contrats de sa propre municipalité ; un administrateur, ceux de toute municipalité.",
                                         english: "A buyer records their own municipality's contracts; an administrator, any municipality's.")
    static let changedMeanwhile = Refusal(.conflict, title: "Contrat modifié entre-temps",
                                          message: "Quelqu'un a modifié ou supprimé ce contrat depuis que vous l'avez ouvert. Rechargez la page pour voir sa version actuelle.",
                                          english: "Someone changed or deleted this contract since you opened it. Reload the page to see its current version.")

    // MARK: Validation

    /// Checks the form; every problem names its field.
    func validate(_ input: Input, for user: User, now: Date) async throws -> Result<PurchaseContract, ValidationFailure> {
        var issues: [FieldIssue] = []
        func problem(_ field: String, _ code: String, _ french: String, _ english: String) {
            issues.append(FieldIssue(field: field, code: code, message: french, english: english))
        }
        let catalog = directory.catalog
        let municipalityCode = user.roles.contains(.buyer) && !user.roles.contains(.admin) ? (user.municipalityCode ?? "") : input.municipality.trimmingCharacters(in: .whitespaces)
        let municipality = catalog.municipality(code: municipalityCode)
        if municipality == nil {
            problem("municipalite", "unknown-municipality", "Choisissez la municipalité qui a octroyé le contrat.", "Choose the municipality that awarded the contract.")
        } else if !Self.canRecord(in: municipalityCode, user) {
            problem("municipalite", "forbidden", "Vous ne pouvez inscrire que les contrats de votre municipalité.", "You can only record your own municipality's contracts.")
        }
        // The supplier: an enterprise of the directory, or a name with its NEQ.
        var enterprise: Enterprise?
        var supplierName = input.supplierName.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var supplierNEQ = ""
        let enterpriseKey = input.enterprise.trimmingCharacters(in: .whitespaces)
        if !enterpriseKey.isEmpty {
            let found = try await resolveEnterprise(enterpriseKey)
            enterprise = found.enterprise
            if enterprise == nil {
                let hint = found.suggestions.isEmpty ? "" : " Voulez-vous dire : " + found.suggestions.map { "« \($0) »" }.joined(separator: ", ") + " ?"
                let hintEnglish = found.suggestions.isEmpty ? "" : " Did you mean: " + found.suggestions.map { "\"\($0)\"" }.joined(separator: ", ") + "?"
                problem("entreprise", found.suggestions.count > 1 && found.ambiguous ? "ambiguous-enterprise" : "unknown-enterprise",
                        (found.ambiguous ? "Plusieurs entreprises du répertoire s'appellent « \(enterpriseKey) » : écrivez l'adresse de sa fiche (ex. traiteur-le-pivot)." :
                            "Aucune entreprise du répertoire ne s'appelle « \(enterpriseKey) » : écrivez son nom exact, ou laissez ce champ vide et écrivez le nom et le NEQ du fournisseur.") + hint,
                        (found.ambiguous ? "Several enterprises of the directory are called \"\(enterpriseKey)\": write its page's address (e.g. traiteur-le-pivot)." :
                            "No enterprise of the directory is called \"\(enterpriseKey)\": write its exact name, or leave this field empty and write the supplier's name and NEQ.") + hintEnglish)
            }
        } else if supplierName.isEmpty {
            problem("entreprise", "missing-supplier", "Choisissez l'entreprise du répertoire, ou écrivez le nom et le NEQ du fournisseur s'il n'y est pas.",
                    "Choose the enterprise from the directory, or write the supplier's name and NEQ if it is not listed.")
        } else {
            if supplierName.count > 200 {
                problem("fournisseur", "too-long", "Le nom du fournisseur compte \(supplierName.count) caractères : 200 au plus.", "The supplier's name has \(supplierName.count) characters: at most 200.")
            }
            let (neq, neqIssues) = NEQ.parse(input.supplierNEQ, field: "neq")
            if input.supplierNEQ.trimmingCharacters(in: .whitespaces).isEmpty {
                problem("neq", "missing-neq", "Écrivez le NEQ du fournisseur (10 chiffres) : le pôle pourra l'ajouter au répertoire.",
                        "Write the supplier's NEQ (10 digits): the hub can then add it to the directory.")
            } else {
                issues += neqIssues.filter { $0.severity == .error }
                supplierNEQ = neq?.digits ?? ""
            }
        }
        if let enterprise {
            supplierName = enterprise.profile.name
            supplierNEQ = enterprise.profile.neq ?? ""
        }
        let day = input.awardedOn.trimmingCharacters(in: .whitespaces)
        let today = CalendarDay.string(from: now)
        if CalendarDay.parse(day) == nil {
            problem("date", "invalid-date", "Date d'octroi invalide « \(day) » : écrivez-la AAAA-MM-JJ (ex. 2026-05-14).",
                    "Invalid award date \"\(day)\": write it YYYY-MM-DD (e.g. 2026-05-14).")
        } else if day > today {
            problem("date", "future-date", "La date d'octroi (\(day)) est après aujourd'hui (\(today)) : inscrivez un contrat déjà octroyé.",
                    "The award date (\(day)) is after today (\(today)): record a contract already awarded.")
        } else if day < "2000-01-01" {
            problem("date", "too-old", "La date d'octroi (\(day)) est avant 2000 : vérifiez l'année.", "The award date (\(day)) is before 2000: check the year.")
        }
        var amount: Int64 = 0
        switch ProcurementRules.parseAmount(input.amount) {
        case .success(let cents): amount = cents
        case .failure(let error):
            let french = error == .missing ? "Indiquez le montant du contrat, avant taxes (ex. 18 500)." : error.message
            problem("montant", "invalid-amount", french, error == .missing ? "Enter the contract's amount, before taxes (e.g. 18500)." : error.messageEnglish)
        }
        let procedure = PurchaseContract.Procedure(rawValue: input.procedure)
        if procedure == nil {
            problem("mode", "invalid-procedure", "Choisissez le mode d'octroi : gré à gré, invitation écrite ou appel d'offres public.",
                    "Choose how it was awarded: mutual agreement, written invitation or public call for tenders.")
        }
        let kind = ContractKind(rawValue: input.kind)
        if kind == nil {
            problem("type", "invalid-kind", "Choisissez le type de contrat (biens, services, services professionnels ou travaux).",
                    "Choose the kind of contract (goods, services, professional services or construction work).")
        }
        let description = input.description.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if description.isEmpty {
            problem("description", "missing-description", "Décrivez ce qui a été acheté (ex. « Déneigement des stationnements, hiver 2026-2027 »).",
                    "Describe what was bought (e.g. \"Snow removal of parking lots, winter 2026-2027\").")
        } else if description.count > PurchaseContract.maxDescriptionLength {
            problem("description", "too-long", "La description compte \(description.count) caractères : \(PurchaseContract.maxDescriptionLength) au plus.",
                    "The description has \(description.count) characters: at most \(PurchaseContract.maxDescriptionLength).")
        }
        var callID: String?
        let callKey = input.callID.trimmingCharacters(in: .whitespaces)
        if !callKey.isEmpty {
            if let call = try await callStore.call(id: callKey), call.municipalityCode == municipalityCode {
                callID = call.id
            } else {
                problem("appel", "unknown-call", "L'appel d'intérêt lié est introuvable pour cette municipalité.", "The linked call for interest was not found for this municipality.")
            }
        }
        guard issues.isEmpty, let municipality, let procedure, let kind else { return .failure(ValidationFailure(issues)) }
        let supplierMunicipality = enterprise?.profile.municipalityCode ?? ""
        return .success(PurchaseContract(
            id: RecordID.next(now: now), municipalityCode: municipality.code, mrcCode: catalog.mrcCode(of: municipality.code) ?? "",
            regionCode: municipality.regionCode, enterpriseID: enterprise?.id, supplierName: supplierName, supplierNEQ: supplierNEQ,
            supplierMunicipalityCode: supplierMunicipality, supplierMRCCode: catalog.mrcCode(of: supplierMunicipality) ?? "",
            sectorSlug: enterprise?.profile.sectors.first ?? "", awardedOn: day, amountCents: amount, procedure: procedure, kind: kind.rawValue,
            description: description, callID: callID, isFictional: false, version: 1, createdBy: user.id, createdAt: now, updatedAt: now))
    }

    // MARK: Writes

    func record(_ input: Input, by user: User, client: String, now: Date = Date()) async throws -> Result<PurchaseContract, ValidationFailure> {
        guard user.has(.recordPurchases) else { throw Self.recordForbidden }
        let checked = try await validate(input, for: user, now: now)
        guard case .success(let contract) = checked else { return checked }
        try await store.create(contract, author: user, client: client, announcing: try await hubNotice(contract, by: user), via: mail)
        return .success(contract)
    }

    /// A supplier not in the directory: the hub editors of the municipality's region (or, when it
    /// has none, the administrators) are asked to add it.
    private func hubNotice(_ contract: PurchaseContract, by user: User) async throws -> [MailDraft] {
        guard contract.enterpriseID == nil else { return [] }
        let users = try await AccountStore(database: store.database).all().filter(\.isActive)
        var editors = users.filter { $0.roles.contains(.hubEditor) && $0.regions.contains(contract.regionCode) }
        if editors.isEmpty { editors = users.filter { $0.roles.contains(.admin) } }
        let municipality = directory.catalog.municipality(code: contract.municipalityCode)?.name ?? contract.municipalityCode
        let link = baseURL + Route.newEnterprise.path()
        return editors.map { editor in
            MailDraft(to: editor.email, subject: "Entreprise à ajouter au répertoire : \(contract.supplierName) / Enterprise to add", body: """
                Bonjour,

                \(user.name.isEmpty ? user.email : user.name) (\(municipality)) a inscrit au registre des achats responsables un contrat octroyé à une entreprise qui n'est pas au répertoire :

                  Nom : \(contract.supplierName)
                  NEQ : \(contract.supplierNEQ)
                  Contrat : \(contract.description) (\(contract.awardedOn))

                Si c'est une entreprise d'économie sociale, ajoutez-la au répertoire :
                \(link)

                ---

                Hello,

                A buyer of \(municipality) recorded a contract awarded to an enterprise that is not in the directory: \(contract.supplierName), NEQ \(contract.supplierNEQ). If it is a social-economy enterprise, add it to the directory:
                \(link)
                """, kind: "supplier-to-add", reference: "contract:\(contract.id)")
        }
    }

    func update(_ id: String, _ input: Input, expectedVersion: Int, by user: User, client: String, now: Date = Date()) async throws -> Result<PurchaseContract, ValidationFailure> {
        let current = try await editable(id, by: user)
        var typed = input
        if !user.roles.contains(.admin) { typed.municipality = current.municipalityCode }
        let checked = try await validate(typed, for: user, now: now)
        guard case .success(var contract) = checked else { return checked }
        contract.id = current.id
        contract.createdBy = current.createdBy
        contract.createdAt = current.createdAt
        contract.isFictional = current.isFictional
        guard try await store.update(contract, expectedVersion: expectedVersion, author: user, client: client, now: now) else { throw Self.changedMeanwhile }
        return .success(try await store.contract(id: id) ?? contract)
    }

    func delete(_ id: String, expectedVersion: Int, by user: User, client: String, now: Date = Date()) async throws {
        var current = try await editable(id, by: user)
        guard current.version == expectedVersion else { throw Self.changedMeanwhile }
        current.version = expectedVersion
        guard try await store.delete(current, author: user, client: client, now: now) else { throw Self.changedMeanwhile }
    }

    /// A territory's public page address: `58227` for a municipality, `mrc-58` for an
    /// agglomeration or MRC; nil for wider territories, which have none.
    static func publicCode(_ scope: PurchaseFilter.Scope) -> String? {
        switch scope {
        case .municipality(let code): code
        case .mrc(let code): "mrc-" + code
        case .region, .quebec: nil
        }
    }

    static func scope(publicCode code: String) -> PurchaseFilter.Scope {
        code.hasPrefix("mrc-") ? .mrc(String(code.dropFirst(4))) : .municipality(code)
    }

    func exists(_ scope: PurchaseFilter.Scope) -> Bool {
        switch scope {
        case .municipality(let code): directory.catalog.municipality(code: code) != nil
        case .mrc(let code): directory.catalog.mrc(code: code) != nil
        case .region(let code): Region.find(code) != nil
        case .quebec: true
        }
    }

    /// Who turns a public page on or off: a municipality's buyers (or an administrator) for the
    /// municipality; an administrator or a hub editor of its region for an agglomeration or MRC.
    func canPublish(_ scope: PurchaseFilter.Scope, _ user: User) -> Bool {
        switch scope {
        case .municipality(let code): return Self.canRecord(in: code, user)
        case .mrc(let code):
            guard user.isActive else { return false }
            if user.roles.contains(.admin) { return true }
            return user.roles.contains(.hubEditor) && (directory.catalog.mrc(code: code).map { user.regions.contains($0.regionCode) } ?? false)
        case .region, .quebec: return false
        }
    }

    func setPublication(_ territory: String, isPublic: Bool, exactAmounts: Bool, by user: User, client: String) async throws {
        let scope = Self.scope(publicCode: territory)
        guard exists(scope) else {
            throw Refusal(.invalid, title: "Territoire inconnu", message: "Le territoire « \(territory) » est inconnu.", english: "Unknown territory \"\(territory)\".")
        }
        guard canPublish(scope, user) else {
            throw Refusal(.forbidden, title: "Publication réservée",
                          message: "Les acheteurs d'une municipalité publient ses chiffres ; un pôle ou un administrateur, ceux d'une agglomération ou MRC.",
                          english: "A municipality's buyers publish its figures; a hub or an administrator, an agglomeration's or MRC's.")
        }
        try await store.setPublication(PurchasePublication(territory: territory, isPublic: isPublic, exactAmounts: exactAmounts), by: user, client: client)
    }

    // MARK: Reads

    /// A contract a user may see, and whether they may change it.
    func contract(_ id: String, for user: User) async throws -> (contract: PurchaseContract, canEdit: Bool, revisions: [PurchaseContractRevision]) {
        guard let contract = try await store.contract(id: id), canView(.municipality(contract.municipalityCode), user) else {
            throw Refusal.notFound("Ce contrat", english: "This contract")
        }
        return (contract, Self.canRecord(in: contract.municipalityCode, user), try await store.revisions(of: id))
    }

    func contracts(_ filter: PurchaseFilter, for user: User, page: Int) async throws -> (contracts: [PurchaseContract], total: Int) {
        guard canView(filter.scope, user) else { throw Self.viewForbidden }
        return try await store.contracts(filter, limit: Self.pageSize, offset: max(0, page - 1) * Self.pageSize)
    }

    static let pageSize = 50

    /// An enterprise's contracts for its public profile (the newest 30), each with whether its
    /// city publishes exact amounts.
    func profileContracts(_ enterpriseID: String) async throws -> [(contract: PurchaseContract, exactAmount: Bool)] {
        let recorded = try await store.contracts(PurchaseFilter(scope: .quebec, enterpriseID: enterpriseID), limit: 30).contracts
        var exact: [String: Bool] = [:]
        for code in Set(recorded.map(\.municipalityCode)) { exact[code] = try await store.publication(code)?.exactAmounts ?? false }
        return recorded.map { ($0, exact[$0.municipalityCode] ?? false) }
    }

    /// The contracts recorded from a call for interest, by enterprise.
    func contractsByEnterprise(fromCall callID: String) async throws -> [String: PurchaseContract] {
        var found: [String: PurchaseContract] = [:]
        for contract in try await store.contracts(fromCall: callID) {
            if let enterpriseID = contract.enterpriseID { found[enterpriseID] = contract }
        }
        return found
    }
    /// The most contracts one export carries.
    static let exportLimit = 250_000

    /// The filtered contracts as a file: no personal data (suppliers are enterprises).
    func export(_ filter: PurchaseFilter, format: ExportFormat, for user: User, language: Language) async throws -> [UInt8] {
        guard canView(filter.scope, user) else { throw Self.viewForbidden }
        let contracts = try await store.contracts(filter, limit: Self.exportLimit).contracts
        let fr = language == .fr
        let catalog = directory.catalog
        var table = ExportTable(rowCount: contracts.count)
        func column(_ key: String, _ label: String, _ values: (PurchaseContract) -> String) {
            table.append(.init(key: key, label: label), values: contracts.map(values))
        }
        column("date", fr ? "Date d'octroi" : "Award date") { $0.awardedOn }
        column("municipalite", fr ? "Municipalité" : "Municipality") { catalog.municipality(code: $0.municipalityCode)?.name ?? $0.municipalityCode }
        column("code-municipalite", fr ? "Code de la municipalité" : "Municipality code") { $0.municipalityCode }
        column("fournisseur", fr ? "Fournisseur" : "Supplier") { $0.supplierName }
        column("neq", "NEQ") { $0.supplierNEQ }
        column("fiche", fr ? "Fiche au répertoire" : "Directory page") { contract in contract.enterpriseID == nil ? "" : baseURL + Route.enterprise.path(contract.enterpriseID ?? "") }
        column("secteur", fr ? "Secteur" : "Sector") { contract in Sector.find(contract.sectorSlug).map { fr ? $0.name : $0.nameEnglish } ?? "" }
        column("mode", fr ? "Mode d'octroi" : "Procedure") { fr ? $0.procedure.name : $0.procedure.nameEnglish }
        column("type", fr ? "Type de contrat" : "Kind") { contract in contract.contractKind.map { fr ? $0.name : $0.nameEnglish } ?? contract.kind }
        column("description", fr ? "Objet" : "What was bought") { $0.description }
        column("montant", fr ? "Montant avant taxes ($)" : "Amount before taxes ($)") { Self.amountText($0.amountCents).replacingOccurrences(of: ",", with: fr ? "," : ".") }
        column("appel", fr ? "Appel d'intérêt" : "Call for interest") { $0.callID.map { baseURL + Route.call.path($0) } ?? "" }
        column("fictif", fr ? "Fictif" : "Fictional") { $0.isFictional ? (fr ? "oui" : "yes") : "" }
        return format.encode(table)
    }

    func dashboard(_ filter: PurchaseFilter, for user: User) async throws -> PurchaseDashboard {
        guard canView(filter.scope, user) else { throw Self.viewForbidden }
        return try await dashboard(filter)
    }

    /// The figures of a filter, for whoever was allowed to ask.
    func dashboard(_ filter: PurchaseFilter) async throws -> PurchaseDashboard {
        var dashboard = try await cube.dashboard(filter)
        let catalog = directory.catalog
        for counts in try await callStore.counts() where Self.contains(filter.scope, counts.municipalityCode, catalog) {
            dashboard.callsSent += counts.callsSent
            dashboard.enterprisesReached += counts.enterprisesReached
            dashboard.interested += counts.interested
        }
        return dashboard
    }

    static func contains(_ scope: PurchaseFilter.Scope, _ municipality: String, _ catalog: MunicipalityCatalog) -> Bool {
        switch scope {
        case .quebec: true
        case .region(let code): catalog.municipality(code: municipality)?.regionCode == code
        case .mrc(let code): catalog.mrcCode(of: municipality) == code
        case .municipality(let code): municipality == code
        }
    }

    /// The form filled from a call for interest's answer: the enterprise, the kind, the need.
    func prefill(callID: String, enterpriseID: String, for user: User) async throws -> Input {
        var input = Input()
        input.awardedOn = CalendarDay.string(from: Date())
        guard let call = try await callStore.call(id: callID), Self.canRecord(in: call.municipalityCode, user) else { return input }
        input.callID = call.id
        input.municipality = call.municipalityCode
        input.kind = call.kind.rawValue
        input.description = call.title
        input.procedure = PurchaseContract.Procedure.mutualAgreement.rawValue
        if let enterprise = try await directory.enterprise(enterpriseID) { input.enterprise = enterprise.profile.name }
        return input
    }

    func resolveEnterprise(_ key: String) async throws -> (enterprise: Enterprise?, ambiguous: Bool, suggestions: [String]) {
        try await directory.resolveEnterprise(key)
    }

    private func editable(_ id: String, by user: User) async throws -> PurchaseContract {
        guard let contract = try await store.contract(id: id), canView(.municipality(contract.municipalityCode), user) else {
            throw Refusal.notFound("Ce contrat", english: "This contract")
        }
        guard Self.canRecord(in: contract.municipalityCode, user) else { throw Self.recordForbidden }
        return contract
    }
}
