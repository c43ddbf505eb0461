import Foundation

/// Calls for interest (« appels d'intérêt »): a buyer writes a need, Répertoire proposes the
/// enterprises that match, the buyer adjusts the list and sends; each enterprise answers through
/// its own link, without an account. The workflows and who may do what live here; the pages,
/// the API and the background reminders call them.
///
/// Who sees a call: the buyers of its municipality (the author changes and sends it), the hub
/// editors of the region where it is delivered once it is sent (without the answers'
/// documents), administrators. Anyone else is told it does not exist.
struct CallService: Sendable {
    let store: CallStore
    let directory: DirectoryService
    let lists: PurchaseListService
    let thresholds: ThresholdStore
    let mail: any MailQueue
    var baseURL = ""
    var settings = Settings()

    struct Settings: Sendable {
        /// Largest file, buyer's attachment or answer's document.
        var maxFileBytes = CallDocument.defaultMaxBytes
        /// Days before the deadline when those who have not answered get a reminder.
        var reminderDays = 3
        /// How long after the deadline an answer link still shows the (closed) need.
        var linkGraceDays = 60
    }

    enum Access: Int, Comparable {
        /// A hub editor of the delivery region: the call and the answers, not their documents.
        case hub
        /// An administrator: everything, read only.
        case admin
        /// A buyer of the municipality: everything, read only.
        case colleague
        /// The buyer who wrote it.
        case owner

        static func < (a: Access, b: Access) -> Bool { a.rawValue < b.rawValue }
        var seesDocuments: Bool { self != .hub }
    }

    static func access(_ call: CallForInterest, for user: User) -> Access? {
        guard user.isActive else { return nil }
        if user.roles.contains(.buyer), let municipality = user.municipalityCode, municipality == call.municipalityCode {
            return call.ownerID == user.id ? .owner : .colleague
        }
        if user.roles.contains(.admin) { return .admin }
        if user.roles.contains(.hubEditor), user.regions.contains(call.placeRegion), call.status != .draft && call.status != .proposed {
            return .hub
        }
        return nil
    }

    // MARK: The need as typed

    /// The form's fields as typed, kept to show the form again with its errors.
    struct Input: Sendable, Equatable {
        var title = ""
        var description = ""
        var kind = ""
        var sectors: [String] = []
        /// `municipalite:58227`, `mrc:58`, `region:16`.
        var place = ""
        var amountBand = ""
        var deadline = ""

        init() {}

        init(_ call: CallForInterest) {
            title = call.title
            description = call.description
            kind = call.kind.rawValue
            sectors = call.sectors
            place = CallService.placeValue(call.placeKind, call.placeCode)
            amountBand = call.amountBand.rawValue
            deadline = call.deadline
        }
    }

    struct FieldError: Error, Sendable, Equatable {
        var field: String
        var message: String
        var english: String
    }

    struct FieldErrors: Error, Sendable {
        var errors: [FieldError]
    }

    static func placeValue(_ kind: CallForInterest.PlaceKind, _ code: String) -> String {
        switch kind {
        case .municipality: "municipalite:\(code)"
        case .mrc: "mrc:\(code)"
        case .region: "region:\(code)"
        }
    }

    /// The places a buyer chooses from: their municipality, its MRC or agglomeration, its region.
    func places(for municipalityCode: String) -> [(value: String, kind: CallForInterest.PlaceKind, code: String, name: String)] {
        let catalog = directory.catalog
        guard let municipality = catalog.municipality(code: municipalityCode) else { return [] }
        var places = [(Self.placeValue(.municipality, municipality.code), CallForInterest.PlaceKind.municipality, municipality.code, municipality.name)]
        if let mrc = catalog.mrc(of: municipality.code) { places.append((Self.placeValue(.mrc, mrc.code), .mrc, mrc.code, mrc.label)) }
        if let region = Region.find(municipality.regionCode) { places.append((Self.placeValue(.region, region.code), .region, region.code, region.name)) }
        return places
    }

    /// A place's name in words.
    func placeName(_ kind: CallForInterest.PlaceKind, _ code: String) -> String {
        let catalog = directory.catalog
        switch kind {
        case .municipality: return catalog.municipality(code: code)?.name ?? code
        case .mrc: return catalog.mrc(code: code)?.label ?? code
        case .region: return Region.find(code)?.name ?? code
        }
    }

    /// The need validated against the buyer's municipality, or every field error at once.
    func validate(_ input: Input, municipality: String, now: Date) -> Result<(title: String, description: String, kind: ContractKind, sectors: [String],
                                                                            placeKind: CallForInterest.PlaceKind, placeCode: String, region: String,
                                                                            band: CallForInterest.AmountBand, deadline: String), FieldErrors> {
        var errors: [FieldError] = []
        let title = input.title.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        if title.isEmpty {
            errors.append(FieldError(field: "titre", message: "Donnez un titre au besoin (ex. « Déneigement des stationnements municipaux »).",
                                     english: "Give the need a title (e.g. \"Snow removal of municipal parking lots\")."))
        } else if title.count > CallForInterest.maxTitleLength {
            errors.append(FieldError(field: "titre", message: "Le titre compte \(title.count) caractères : \(CallForInterest.maxTitleLength) au plus.",
                                     english: "The title has \(title.count) characters: at most \(CallForInterest.maxTitleLength)."))
        }
        let description = input.description.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if description.isEmpty {
            errors.append(FieldError(field: "description", message: "Décrivez le besoin : quoi, combien, quand, les exigences particulières.",
                                     english: "Describe the need: what, how much, when, particular requirements."))
        } else if description.count > CallForInterest.maxDescriptionLength {
            errors.append(FieldError(field: "description", message: "La description compte \(description.count) caractères : \(CallForInterest.maxDescriptionLength) au plus.",
                                     english: "The description has \(description.count) characters: at most \(CallForInterest.maxDescriptionLength)."))
        }
        let kind = ContractKind(rawValue: input.kind)
        if kind == nil {
            errors.append(FieldError(field: "type", message: "Choisissez le type de besoin (biens, services, services professionnels ou travaux).",
                                     english: "Choose the kind of need (goods, services, professional services or construction work)."))
        }
        var sectors: [String] = []
        for slug in input.sectors where !slug.isEmpty && !sectors.contains(slug) {
            guard Sector.find(slug) != nil else {
                errors.append(FieldError(field: "secteur", message: "Secteur « \(slug) » inconnu : choisissez dans la liste.",
                                         english: "Unknown sector \"\(slug)\": choose from the list."))
                continue
            }
            sectors.append(slug)
        }
        let place = places(for: municipality).first { $0.value == input.place }
        if place == nil {
            errors.append(FieldError(field: "lieu", message: "Choisissez le lieu de livraison : votre municipalité, son agglomération ou MRC, ou sa région.",
                                     english: "Choose the place of delivery: your municipality, its agglomeration or MRC, or its region."))
        }
        let band = CallForInterest.AmountBand(rawValue: input.amountBand)
        if band == nil {
            errors.append(FieldError(field: "montant", message: "Choisissez la fourchette de montant (ou « À déterminer »).",
                                     english: "Choose the amount band (or \"To be determined\")."))
        }
        let deadline = input.deadline.trimmingCharacters(in: .whitespaces)
        let today = CalendarDay.string(from: now)
        if CalendarDay.parse(deadline) == nil {
            errors.append(FieldError(field: "date-limite", message: "Date limite invalide « \(deadline) » : écrivez-la AAAA-MM-JJ (ex. 2027-01-15).",
                                     english: "Invalid deadline \"\(deadline)\": write it YYYY-MM-DD (e.g. 2027-01-15)."))
        } else if deadline <= today {
            errors.append(FieldError(field: "date-limite", message: "La date limite doit être après aujourd'hui (\(today)) : laissez aux entreprises le temps de répondre.",
                                     english: "The deadline must be after today (\(today)): give the enterprises time to answer."))
        } else if deadline > CalendarDay.string(from: now.addingTimeInterval(366 * 24 * 3600)) {
            errors.append(FieldError(field: "date-limite", message: "La date limite est à plus d'un an : choisissez une date plus proche.",
                                     english: "The deadline is more than a year away: choose an earlier date."))
        }
        guard errors.isEmpty, let kind, let place, let band else { return .failure(FieldErrors(errors: errors)) }
        let region = directory.catalog.municipality(code: municipality)?.regionCode ?? ""
        return .success((title, description, kind, sectors, place.kind, place.code, place.kind == .region ? place.code : region, band, deadline))
    }

    /// A buyer's upload, checked; the refusal names the file.
    struct Upload: Sendable {
        var fileName: String
        var bytes: [UInt8]
    }

    private func checked(_ upload: Upload, callID: String, enterpriseID: String?, now: Date) throws -> (CallFile, [UInt8]) {
        switch CallDocument.check(fileName: upload.fileName, bytes: upload.bytes, maxBytes: settings.maxFileBytes) {
        case .failure(let refusal): throw refusal
        case .success(let (name, kind)):
            return (CallFile(id: UUID().uuidString.lowercased(), callID: callID, enterpriseID: enterpriseID, fileName: name,
                             contentType: kind.contentType, size: upload.bytes.count, createdAt: Timestamp.stored(now)), upload.bytes)
        }
    }

    // MARK: The buyer's side

    func calls(for user: User) async throws -> [CallStore.Listed] {
        if user.roles.contains(.buyer), let municipality = user.municipalityCode { return try await store.calls(municipality: municipality) }
        if user.roles.contains(.admin) { return try await store.calls() }
        if user.roles.contains(.hubEditor) { return try await store.calls(regions: user.regions) }
        return []
    }

    /// The dashboard's counts: a buyer's municipality, or every municipality for the others.
    func counts(for user: User) async throws -> [CallCounts] {
        if user.roles.contains(.buyer), let municipality = user.municipalityCode { return try await store.counts(municipality: municipality) }
        guard user.roles.contains(.admin) || user.roles.contains(.hubEditor) else { return [] }
        let all = try await store.counts()
        if user.roles.contains(.admin) { return all }
        let catalog = directory.catalog
        return all.filter { catalog.municipality(code: $0.municipalityCode).map { user.regions.contains($0.regionCode) } ?? false }
    }

    /// A new call, as a draft; from a purchase list, its enterprises are the first recipients.
    func create(_ input: Input, attachments: [Upload] = [], fromList listID: String? = nil, by user: User, client: String,
                now: Date = Date()) async throws -> CallForInterest {
        let municipality = try buyerMunicipality(user)
        let valid: (title: String, description: String, kind: ContractKind, sectors: [String], placeKind: CallForInterest.PlaceKind,
                    placeCode: String, region: String, band: CallForInterest.AmountBand, deadline: String)
        switch validate(input, municipality: municipality, now: now) {
        case .failure(let errors): throw errors
        case .success(let value): valid = value
        }
        guard attachments.count <= CallForInterest.maxAttachments else { throw Self.tooManyFiles }
        let id = UUID().uuidString.lowercased()
        let files = try attachments.map { try checked($0, callID: id, enterpriseID: nil, now: now) }
        var recipients: [CallRecipient] = []
        if let listID, !listID.isEmpty {
            let opened = try await lists.open(listID, for: user)
            for entry in opened.entries where entry.isListed {
                recipients.append(.fresh(entry.item.enterpriseID, position: recipients.count + 1, origin: .list, reasons: ["liste"], score: 0))
            }
        }
        let call = CallForInterest(id: id, municipalityCode: municipality, ownerID: user.id, ownerName: user.name.isEmpty ? user.email : user.name,
                                   ownerEmail: user.email, title: valid.title, description: valid.description, kind: valid.kind, sectors: valid.sectors,
                                   placeKind: valid.placeKind, placeCode: valid.placeCode, placeRegion: valid.region, amountBand: valid.band,
                                   deadline: valid.deadline, status: recipients.isEmpty ? .draft : .proposed, cancelMessage: "",
                                   sourceListID: listID.flatMap { $0.isEmpty ? nil : $0 },
                                   createdAt: Timestamp.stored(now), updatedAt: Timestamp.stored(now), sentAt: nil, closedAt: nil)
        try await store.create(call, recipients: recipients, attachments: files, actor: user, client: client)
        return call
    }

    func update(_ id: String, _ input: Input, by user: User, client: String, now: Date = Date()) async throws -> CallForInterest {
        var call = try await editable(id, by: user)
        switch validate(input, municipality: call.municipalityCode, now: now) {
        case .failure(let errors): throw errors
        case .success(let valid):
            call.title = valid.title
            call.description = valid.description
            call.kind = valid.kind
            call.sectors = valid.sectors
            call.placeKind = valid.placeKind
            call.placeCode = valid.placeCode
            call.placeRegion = valid.region
            call.amountBand = valid.band
            call.deadline = valid.deadline
        }
        guard try await store.update(call, actor: user, client: client, now: now) else { throw Self.alreadySent }
        return call
    }

    /// Proposes the matching enterprises (replacing an earlier proposal; those added by hand or
    /// from a list stay). Returns how many were proposed.
    @discardableResult
    func propose(_ id: String, by user: User, client: String, now: Date = Date()) async throws -> Int {
        let call = try await editable(id, by: user)
        let matches = CallMatcher(directory: directory).match(call)
        let recipients = matches.enumerated().map { index, match in
            CallRecipient.fresh(match.enterpriseID, position: index + 1, origin: .proposed, reasons: match.reasons, score: match.score)
        }
        guard try await store.propose(recipients, to: call.id, actor: user, client: client, now: now) else { throw Self.alreadySent }
        return recipients.count
    }

    func add(_ enterpriseID: String, to id: String, by user: User, client: String, now: Date = Date()) async throws {
        let call = try await editable(id, by: user)
        guard let enterprise = try await directory.enterprise(enterpriseID) else {
            throw Refusal(.invalid, title: "Entreprise inconnue", message: "L'entreprise « \(enterpriseID) » n'est pas au répertoire.",
                          english: "Enterprise \"\(enterpriseID)\" is not in the directory.")
        }
        guard try await store.recipients(of: call.id).count < CallForInterest.maxRecipients else {
            throw Refusal(.invalid, title: "Trop de destinataires", message: "Un appel d'intérêt va à \(CallForInterest.maxRecipients) entreprises au plus.",
                          english: "A call for interest goes to at most \(CallForInterest.maxRecipients) enterprises.")
        }
        _ = try await store.add(enterprise.id, to: call.id, actor: user, client: client, now: now)
    }

    func remove(_ enterpriseID: String, from id: String, by user: User, client: String, now: Date = Date()) async throws {
        let call = try await editable(id, by: user)
        guard try await store.remove(enterpriseID, from: call.id, actor: user, client: client, now: now) else { throw Self.alreadySent }
    }

    func attach(_ upload: Upload, to id: String, by user: User, client: String, now: Date = Date()) async throws {
        let call = try await editable(id, by: user)
        guard try await store.files(of: call.id).filter({ $0.enterpriseID == nil }).count < CallForInterest.maxAttachments else { throw Self.tooManyFiles }
        let (file, bytes) = try checked(upload, callID: call.id, enterpriseID: nil, now: now)
        guard try await store.attach(file, bytes: bytes, actor: user, client: client, now: now) else { throw Self.alreadySent }
    }

    func detach(_ fileID: String, from id: String, by user: User, client: String, now: Date = Date()) async throws {
        let call = try await editable(id, by: user)
        guard try await store.detach(fileID, from: call.id, actor: user, client: client, now: now) else { throw Self.alreadySent }
    }

    /// A call opened by someone allowed to see it: its recipients with their enterprises and
    /// statuses, and its files (without the answers' documents for hub editors).
    struct Opened: Sendable {
        var call: CallForInterest
        var access: Access
        var entries: [Entry]
        var attachments: [CallFile]
        var answerDocuments: [String: CallFile]

        struct Entry: Sendable {
            var recipient: CallRecipient
            var enterprise: Enterprise?
            var status: CallRecipient.Status
            var addresses: [String]
            var optedOut: Bool
        }

        var interested: [Entry] { entries.filter { $0.recipient.answer == .interested } }
    }

    func open(_ id: String, for user: User, now: Date = Date()) async throws -> Opened {
        let (call, access) = try await visible(id, for: user)
        let recipients = try await store.recipients(of: call.id)
        let loaded = try await directory.enterprises.load(ids: recipients.map(\.enterpriseID))
        let byID = Dictionary(loaded.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let optedOut = try await store.optedOut(recipients.map(\.enterpriseID))
        let files = try await store.files(of: call.id)
        let entries = recipients.map { recipient in
            let enterprise = byID[recipient.enterpriseID]
            let addresses = recipient.queuedAt != nil ? recipient.addresses : enterprise.map(Self.addresses) ?? []
            let isOptedOut = optedOut.contains(recipient.enterpriseID)
            return Opened.Entry(recipient: recipient, enterprise: enterprise,
                                status: recipient.status(of: call, now: now, optedOut: isOptedOut, reachable: !addresses.isEmpty),
                                addresses: addresses, optedOut: isOptedOut)
        }
        var documents: [String: CallFile] = [:]
        if access.seesDocuments { for file in files { if let enterprise = file.enterpriseID { documents[enterprise] = file } } }
        return Opened(call: call, access: access, entries: entries, attachments: files.filter { $0.enterpriseID == nil }, answerDocuments: documents)
    }

    /// Where an enterprise's call goes: its general address and its managers' (buyers see the
    /// managers' contacts), each once.
    static func addresses(_ enterprise: Enterprise) -> [String] {
        var seen = Set<String>()
        return ([enterprise.profile.email] + enterprise.profile.managers.map(\.email)).compactMap { $0?.lowercased() }
            .filter { !$0.isEmpty && seen.insert($0).inserted && (try? MailAddress.parse($0)) != nil }
    }

    /// A file of the call, for someone allowed to download it.
    func file(_ fileID: String, of id: String, for user: User) async throws -> (file: CallFile, bytes: [UInt8]) {
        let (call, access) = try await visible(id, for: user)
        guard let found = try await store.file(id: fileID), found.file.callID == call.id,
              found.file.enterpriseID == nil || access.seesDocuments else {
            throw Refusal.notFound("Ce fichier", english: "This file")
        }
        return found
    }

    /// Sends the call to its recipients that can be reached and have not opted out; a second
    /// send (double click, another instance) sends nothing. Returns how many enterprises it
    /// went to.
    @discardableResult
    func send(_ id: String, by user: User, client: String, now: Date = Date()) async throws -> Int {
        let call = try await visible(id, for: user).call
        guard Self.access(call, for: user) == .owner else { throw Self.ownerOnly }
        guard call.status.isEditable else { throw Self.alreadySent }
        guard call.deadline > CalendarDay.string(from: now) else {
            throw Refusal(.invalid, title: "Date limite passée",
                          message: "La date limite (\(call.deadline)) est aujourd'hui ou passée : choisissez une date plus tardive avant d'envoyer.",
                          english: "The deadline (\(call.deadline)) is today or past: choose a later date before sending.")
        }
        let recipients = try await store.recipients(of: call.id)
        guard !recipients.isEmpty else {
            throw Refusal(.invalid, title: "Aucun destinataire",
                          message: "Ajoutez des entreprises (« Proposer les entreprises » ou à la main) avant d'envoyer.",
                          english: "Add enterprises (\"Propose enterprises\" or by hand) before sending.")
        }
        let enterprises = Dictionary(try await directory.enterprises.load(ids: recipients.map(\.enterpriseID)).map { ($0.id, $0) },
                                     uniquingKeysWith: { first, _ in first })
        let attachments = try await store.files(of: call.id).filter { $0.enterpriseID == nil }
        var deliveries: [CallStore.Delivery] = []
        for recipient in recipients {
            guard let enterprise = enterprises[recipient.enterpriseID], !enterprise.isArchived else { continue }
            let addresses = Self.addresses(enterprise)
            guard !addresses.isEmpty else { continue }
            let answer = SecretToken.generate(), unsubscribe = SecretToken.generate()
            let letter = CallLetters(call: call, enterprise: enterprise, place: placeName(call.placeKind, call.placeCode),
                                     municipality: directory.catalog.municipality(code: call.municipalityCode)?.name ?? call.municipalityCode,
                                     attachments: attachments.map(\.fileName), baseURL: baseURL)
            deliveries.append(CallStore.Delivery(
                enterpriseID: enterprise.id, addresses: addresses,
                drafts: addresses.map { letter.invitation(to: $0, answer: answer, unsubscribe: unsubscribe) },
                links: [(SecretToken.hash(answer), .answer, answerLinkExpiry(call)),
                        (SecretToken.hash(unsubscribe), .unsubscribe, now.addingTimeInterval(Self.unsubscribeLifetime))]))
        }
        guard let sent = try await store.send(call.id, deliveries: deliveries, mail: mail, actor: user, client: client, now: now) else {
            throw Self.alreadySent
        }
        return sent.count
    }

    /// CASL asks that an unsubscribe link work for at least 60 days; it works for two years.
    static let unsubscribeLifetime: TimeInterval = 2 * 365 * 24 * 3600

    private func answerLinkExpiry(_ call: CallForInterest) -> Date {
        call.answersEnd.addingTimeInterval(Double(settings.linkGraceDays) * 24 * 3600)
    }

    func close(_ id: String, by user: User, client: String, now: Date = Date()) async throws {
        let call = try await visible(id, for: user).call
        guard Self.access(call, for: user) == .owner else { throw Self.ownerOnly }
        guard try await store.close(call.id, actor: user, client: client, now: now) else {
            throw Refusal(.conflict, title: "Appel non envoyé", message: "Seul un appel envoyé peut être fermé (celui-ci est « \(call.status.name) »).",
                          english: "Only a sent call can be closed (this one is \"\(call.status.nameEnglish)\").")
        }
    }

    /// Cancels the call; the enterprises it was sent to receive the buyer's message.
    func cancel(_ id: String, message raw: String, by user: User, client: String, now: Date = Date()) async throws {
        let call = try await visible(id, for: user).call
        guard Self.access(call, for: user) == .owner else { throw Self.ownerOnly }
        let message = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !message.isEmpty, message.count <= 2_000 else {
            throw Refusal(.invalid, title: "Message manquant",
                          message: message.isEmpty ? "Écrivez en quelques mots pourquoi l'appel est annulé : les entreprises qui l'ont reçu le liront."
                              : "Le message compte \(message.count) caractères : 2000 au plus.",
                          english: message.isEmpty ? "Write in a few words why the call is cancelled: the enterprises that received it will read it."
                              : "The message has \(message.count) characters: at most 2000.")
        }
        var drafts: [MailDraft] = []
        if call.status == .sent {
            let recipients = try await store.recipients(of: call.id).filter { $0.queuedAt != nil }
            let enterprises = Dictionary(try await directory.enterprises.load(ids: recipients.map(\.enterpriseID)).map { ($0.id, $0) },
                                         uniquingKeysWith: { first, _ in first })
            for recipient in recipients {
                guard let enterprise = enterprises[recipient.enterpriseID] else { continue }
                let letter = CallLetters(call: call, enterprise: enterprise, place: placeName(call.placeKind, call.placeCode),
                                         municipality: directory.catalog.municipality(code: call.municipalityCode)?.name ?? call.municipalityCode,
                                         attachments: [], baseURL: baseURL)
                drafts += recipient.addresses.map { letter.cancellation(to: $0, message: message) }
            }
        }
        guard try await store.cancel(call.id, message: message, drafts: drafts, mail: mail, actor: user, client: client, now: now) else {
            throw Refusal(.conflict, title: "Appel déjà terminé", message: "Cet appel est déjà « \(call.status.name) ».",
                          english: "This call is already \"\(call.status.nameEnglish)\".")
        }
    }

    /// The call's recipients and answers as a file (with the managers' addresses it went to:
    /// audited as personal data).
    func export(_ id: String, format: ExportFormat, by user: User, client: String, audit: AuditLog, language: Language = .fr,
                now: Date = Date()) async throws -> (call: CallForInterest, bytes: [UInt8]) {
        let opened = try await open(id, for: user, now: now)
        let columns: [ExportColumn] = [.name, .neq, .municipality, .phone, .email, .profileURL]
        let rows = opened.entries.compactMap(\.enterprise)
        let kept = opened.entries.filter { $0.enterprise != nil }
        var table = ExportTable(columns: columns, enterprises: rows, catalog: directory.catalog, baseURL: baseURL)
        let fr = language == .fr
        func column(_ key: String, _ label: String, _ values: (Opened.Entry) -> String) {
            table.append(.init(key: key, label: label), values: kept.map(values))
        }
        column("statut", fr ? "Statut" : "Status") { fr ? $0.status.name : $0.status.nameEnglish }
        column("adresses", fr ? "Envoyé à" : "Sent to") { $0.addresses.joined(separator: "; ") }
        column("reponse-date", fr ? "Date de réponse" : "Answered on") { $0.recipient.answeredAt.map(CalendarDay.string(from:)) ?? "" }
        column("message", fr ? "Message" : "Message") { $0.recipient.answerMessage }
        column("raison", fr ? "Raison" : "Reason") { entry in entry.recipient.declineReason.map { fr ? $0.name : $0.nameEnglish } ?? "" }
        column("contact", fr ? "Personne-ressource" : "Contact person") { $0.recipient.contactName }
        column("contact-courriel", fr ? "Courriel de la personne-ressource" : "Contact's e-mail") { $0.recipient.contactEmail }
        column("contact-telephone", fr ? "Téléphone de la personne-ressource" : "Contact's phone") { $0.recipient.contactPhone }
        column("document", fr ? "Document joint" : "Document") { opened.answerDocuments[$0.recipient.enterpriseID]?.fileName ?? "" }
        try await audit.record(.personalDataExport, actor: user, target: Route.call.path(id),
                               detail: "appel d'intérêt, \(kept.count) entreprise(s), réponses et personnes-ressources", client: client)
        return (opened.call, format.encode(table))
    }

    // MARK: The enterprise's side (through its link)

    /// What an answer link leads to.
    struct AnswerContext: Sendable {
        var call: CallForInterest
        var enterprise: Enterprise
        var recipient: CallRecipient
        var document: CallFile?
        var municipality: String
        var place: String
        var attachments: [CallFile]
        var isOpen: Bool
    }

    /// The call an answer link is for, checked: the secret must be a known answer link of this
    /// very call, unexpired. Anything else is refused with a page that says which case it is,
    /// and never shows another call.
    func answerContext(callID: String, secret: String, now: Date = Date(), markOpened: Bool = false) async throws -> AnswerContext {
        guard let link = try await store.link(secret: secret), link.purpose == .answer else { throw Self.invalidLink }
        guard link.callID == callID else {
            throw Refusal(.notFound, title: "Lien d'un autre appel",
                          message: "Ce lien de réponse appartient à un autre appel d'intérêt que celui demandé : ouvrez le lien exactement tel qu'il figure dans le courriel reçu.",
                          english: "This answer link belongs to another call for interest than the one requested: open the link exactly as it appears in the e-mail you received.")
        }
        guard link.expiresAt > now else {
            throw Refusal(.gone, title: "Lien expiré",
                          message: "Ce lien de réponse a expiré : l'appel d'intérêt est terminé depuis longtemps. Pour toute question, écrivez à la municipalité qui vous l'a envoyé.",
                          english: "This answer link has expired: the call for interest ended long ago. For any question, write to the municipality that sent it.")
        }
        guard let call = try await store.call(id: link.callID),
              let recipient = try await store.recipients(of: call.id).first(where: { $0.enterpriseID == link.enterpriseID }),
              let enterprise = try await directory.enterprises.load(ids: [link.enterpriseID]).first else { throw Self.invalidLink }
        if markOpened && recipient.openedAt == nil { try await store.markOpened(call.id, enterpriseID: enterprise.id, now: now) }
        let files = try await store.files(of: call.id)
        return AnswerContext(call: call, enterprise: enterprise, recipient: recipient, document: files.first { $0.enterpriseID == enterprise.id },
                             municipality: directory.catalog.municipality(code: call.municipalityCode)?.name ?? call.municipalityCode,
                             place: placeName(call.placeKind, call.placeCode), attachments: files.filter { $0.enterpriseID == nil },
                             isOpen: call.acceptsAnswers(now: now))
    }

    /// An answer as typed.
    struct AnswerInput: Sendable, Equatable {
        var answer = ""
        var message = ""
        var reason = ""
        var contactName = ""
        var contactEmail = ""
        var contactPhone = ""
    }

    /// Records (or replaces) the enterprise's answer while the call takes answers.
    func answer(callID: String, secret: String, _ input: AnswerInput, document: Upload?, client: String, now: Date = Date()) async throws -> AnswerContext {
        let context = try await answerContext(callID: callID, secret: secret, now: now)
        guard context.isOpen else { throw Self.closed(context.call) }
        var errors: [FieldError] = []
        let answer = CallRecipient.Answer(rawValue: input.answer)
        if answer == nil {
            errors.append(FieldError(field: "reponse", message: "Indiquez si votre entreprise est intéressée ou non.",
                                     english: "Say whether your enterprise is interested or not."))
        }
        let message = input.message.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if message.count > 5_000 {
            errors.append(FieldError(field: "message", message: "Le message compte \(message.count) caractères : 5000 au plus.",
                                     english: "The message has \(message.count) characters: at most 5000."))
        }
        let reason = CallRecipient.DeclineReason(rawValue: input.reason)
        if answer == .notInterested && reason == nil {
            errors.append(FieldError(field: "raison", message: "Choisissez la raison pour laquelle votre entreprise n'est pas intéressée.",
                                     english: "Choose why your enterprise is not interested."))
        }
        let name = input.contactName.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var email = ""
        var phone = ""
        if answer == .interested {
            if name.isEmpty || name.count > 150 {
                errors.append(FieldError(field: "contact-nom", message: "Indiquez la personne-ressource (150 caractères au plus).",
                                         english: "Give the contact person (at most 150 characters)."))
            }
            switch ContactRules.email(input.contactEmail, field: "contact-courriel") {
            case .success(let value): email = value
            case .failure(let issue): errors.append(FieldError(field: "contact-courriel", message: issue.message, english: issue.messageEnglish))
            }
            let rawPhone = input.contactPhone.trimmingCharacters(in: .whitespaces)
            if !rawPhone.isEmpty {
                switch ContactRules.phone(rawPhone, field: "contact-telephone") {
                case .success(let value): phone = value
                case .failure(let issue): errors.append(FieldError(field: "contact-telephone", message: issue.message, english: issue.messageEnglish))
                }
            }
        }
        var file: (CallFile, [UInt8])?
        if let document, !document.bytes.isEmpty || !document.fileName.isEmpty {
            if answer == .notInterested {
                errors.append(FieldError(field: "document", message: "Un document accompagne une réponse « intéressée » seulement.",
                                         english: "A document goes with an \"interested\" answer only."))
            } else {
                do {
                    file = try checked(document, callID: context.call.id, enterpriseID: context.enterprise.id, now: now)
                } catch let refusal as Refusal {
                    errors.append(FieldError(field: "document", message: refusal.message, english: refusal.english))
                }
            }
        }
        guard errors.isEmpty, let answer else { throw FieldErrors(errors: errors) }
        guard try await store.answer(context.call.id, enterpriseID: context.enterprise.id, answer: answer, message: message,
                                     reason: answer == .notInterested ? reason : nil,
                                     contact: answer == .interested ? (name, email, phone) : ("", "", ""),
                                     document: file, client: client, now: now) else { throw Self.closed(context.call) }
        return try await answerContext(callID: callID, secret: secret, now: now)
    }

    /// The enterprise a stop link is for, or a refusal for a link that is not one.
    func unsubscribeTarget(secret: String, now: Date = Date()) async throws -> (enterprise: Enterprise, optedOut: Bool) {
        guard let link = try await store.link(secret: secret), link.purpose == .unsubscribe, link.expiresAt > now,
              let enterprise = try await directory.enterprises.load(ids: [link.enterpriseID]).first else { throw Self.invalidLink }
        return (enterprise, !(try await store.optedOut([enterprise.id]).isEmpty))
    }

    /// Stops calls for interest to the link's enterprise (one click from the e-mail).
    func unsubscribe(secret: String, client: String, now: Date = Date()) async throws -> Enterprise {
        let (enterprise, _) = try await unsubscribeTarget(secret: secret, now: now)
        _ = try await store.optOut(enterprise.id, source: "lien du courriel", actor: nil, client: client, now: now)
        return enterprise
    }

    /// A representative's choice for their enterprise.
    func setReceivesCalls(_ receives: Bool, by user: User, client: String, now: Date = Date()) async throws {
        guard user.roles.contains(.representative), let enterpriseID = user.enterpriseID else {
            throw Refusal(.forbidden, title: "Réservé aux représentants", message: "Seul le représentant d'une entreprise peut faire ce choix pour elle.",
                          english: "Only an enterprise's representative can make this choice for it.")
        }
        if receives {
            _ = try await store.optIn(enterpriseID, actor: user, client: client, now: now)
        } else {
            _ = try await store.optOut(enterpriseID, source: "représentant", actor: user, client: client, now: now)
        }
    }

    func receivesCalls(_ enterpriseID: String) async throws -> Bool {
        try await store.optedOut([enterpriseID]).isEmpty
    }

    // MARK: Reminders

    /// Queues the reminders due now (each recipient at most once, never after the deadline);
    /// returns how many enterprises were reminded.
    @discardableResult
    func sendReminders(now: Date = Date()) async throws -> Int {
        var reminded = 0
        let due = try await store.dueReminders(now: now, days: settings.reminderDays)
        let enterprises = Dictionary(try await directory.enterprises.load(ids: Array(Set(due.map(\.enterpriseID)))).map { ($0.id, $0) },
                                     uniquingKeysWith: { first, _ in first })
        for item in due {
            guard let enterprise = enterprises[item.enterpriseID], !item.addresses.isEmpty else { continue }
            let secret = SecretToken.generate()
            let letter = CallLetters(call: item.call, enterprise: enterprise, place: placeName(item.call.placeKind, item.call.placeCode),
                                     municipality: directory.catalog.municipality(code: item.call.municipalityCode)?.name ?? item.call.municipalityCode,
                                     attachments: [], baseURL: baseURL)
            // The stop link of the first e-mail is not known here (only its hash is kept): a new one.
            let unsubscribe = SecretToken.generate()
            let drafts = item.addresses.map { letter.reminder(to: $0, answer: secret, unsubscribe: unsubscribe) }
            if try await store.remind(item.call.id, enterpriseID: enterprise.id, drafts: drafts,
                                      links: [(SecretToken.hash(secret), .answer, answerLinkExpiry(item.call)),
                                              (SecretToken.hash(unsubscribe), .unsubscribe, now.addingTimeInterval(Self.unsubscribeLifetime))],
                                      mail: mail, now: now) {
                reminded += 1
            }
        }
        return reminded
    }

    // MARK: Rules

    private func buyerMunicipality(_ user: User) throws -> String {
        guard user.isActive, user.roles.contains(.buyer) else { throw Self.buyersOnly }
        guard let municipality = user.municipalityCode else {
            throw Refusal(.invalid, title: "Municipalité manquante",
                          message: "Votre compte n'est rattaché à aucune municipalité : demandez à un administrateur de l'indiquer.",
                          english: "Your account is not attached to a municipality: ask an administrator to set it.")
        }
        return municipality
    }

    private func visible(_ id: String, for user: User) async throws -> (call: CallForInterest, access: Access) {
        guard let call = try await store.call(id: id), let access = Self.access(call, for: user) else {
            throw Refusal.notFound("Cet appel d'intérêt", english: "This call for interest")
        }
        return (call, access)
    }

    private func editable(_ id: String, by user: User) async throws -> CallForInterest {
        let (call, access) = try await visible(id, for: user)
        guard access == .owner else { throw Self.ownerOnly }
        guard call.status.isEditable else { throw Self.alreadySent }
        return call
    }

    static let buyersOnly = Refusal(.forbidden, title: "Réservé aux acheteurs",
                                    message: "Les appels d'intérêt sont envoyés par les acheteurs municipaux : votre compte n'a pas ce rôle.",
                                    english: "Calls for interest are sent by municipal buyers: your account does not have that role.")
    static let ownerOnly = Refusal(.forbidden, title: "Réservé à l'auteur de l'appel",
                                   message: "Seule la personne qui a rédigé cet appel d'intérêt peut le modifier, l'envoyer, le fermer ou l'annuler.",
                                   english: "Only the person who wrote this call for interest can change, send, close or cancel it.")
    static let alreadySent = Refusal(.conflict, title: "Appel déjà envoyé",
                                     message: "Cet appel d'intérêt est déjà envoyé (ou fermé) : il ne peut plus être modifié ni envoyé de nouveau. Rien n'a été envoyé deux fois.",
                                     english: "This call for interest was already sent (or closed): it can no longer be changed or sent again. Nothing was sent twice.")
    static let tooManyFiles = Refusal(.invalid, title: "Trop de pièces jointes",
                                      message: "Un appel d'intérêt porte \(CallForInterest.maxAttachments) pièces jointes au plus.",
                                      english: "A call for interest carries at most \(CallForInterest.maxAttachments) attachments.")
    static let invalidLink = Refusal(.notFound, title: "Lien invalide",
                                     message: "Ce lien n'est pas valide : il a peut-être été mal copié ou modifié. Ouvrez-le exactement tel qu'il figure dans le courriel reçu.",
                                     english: "This link is not valid: it may have been copied wrongly or altered. Open it exactly as it appears in the e-mail you received.")

    static func closed(_ call: CallForInterest) -> Refusal {
        switch call.status {
        case .cancelled:
            return Refusal(.gone, title: "Appel annulé", message: "Cet appel d'intérêt a été annulé par la municipalité : \(call.cancelMessage)",
                           english: "This call for interest was cancelled by the municipality: \(call.cancelMessage)")
        default:
            return Refusal(.gone, title: "Appel fermé",
                           message: "Cet appel d'intérêt est fermé (date limite : \(call.deadline)) : les réponses ne sont plus acceptées.",
                           english: "This call for interest is closed (deadline: \(call.deadline)): answers are no longer accepted.")
        }
    }
}
