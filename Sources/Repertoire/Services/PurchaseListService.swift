import Foundation

/// Buyers' purchase lists: who may see and change which list, and the workflows (create, add
/// from a result card, annotate, reorder, share, archive, export). A list belongs to its owner's
/// municipality; sharing opens it to that municipality's other buyers and nobody else. Anyone
/// else asking for it is told it does not exist (`notFound`), so its existence does not leak.
struct PurchaseListService: Sendable {
    let store: PurchaseListStore
    let directory: DirectoryService
    let exports: ExportService
    /// Tells the municipality's other buyers when a list is shared with them.
    var mail: (any MailQueue)? = nil
    var baseURL = ""

    /// A list opened by someone allowed to see it, with its enterprises in order.
    struct Opened: Sendable {
        var list: PurchaseList
        var access: ListAccess
        var entries: [Entry]

        struct Entry: Sendable {
            var item: PurchaseListItem
            /// Nil only if the record is gone from the store altogether.
            var enterprise: Enterprise?
            /// Archived: no longer in the directory, kept on the list and marked so.
            var isListed: Bool { enterprise.map { !$0.isArchived } ?? false }
        }

        /// The list's enterprises' benefits, summed (figures left blank count as nothing).
        var combinedBenefits: CommunityBenefits {
            var total = CommunityBenefits(employees: 0, integrationEmployees: 0, volunteers: 0, members: 0, peopleServed: 0)
            for entry in entries {
                guard let b = entry.enterprise?.profile.benefits else { continue }
                total.employees! += b.employees ?? 0
                total.integrationEmployees! += b.integrationEmployees ?? 0
                total.volunteers! += b.volunteers ?? 0
                total.members! += b.members ?? 0
                total.peopleServed! += b.peopleServed ?? 0
            }
            return total
        }
    }

    /// What `user` may do with `list`; nil when they may not even know it exists.
    static func access(_ list: PurchaseList, for user: User) -> ListAccess? {
        guard user.isActive, user.roles.contains(.buyer) else { return nil }
        if list.ownerID == user.id { return .own }
        guard let municipality = user.municipalityCode, municipality == list.municipalityCode else { return nil }
        switch list.sharing {
        case .private: return nil
        case .read: return .read
        case .edit: return .edit
        }
    }

    func lists(for user: User) async throws -> [PurchaseList] {
        try await store.lists(visibleTo: user.id, municipalityCode: user.municipalityCode)
            .filter { Self.access($0, for: user) != nil }
    }

    /// The lists `user` may add enterprises to (not archived), for the « Ajouter à une liste » forms.
    func writableLists(for user: User) async throws -> [PurchaseList] {
        guard user.roles.contains(.buyer) else { return [] }
        return try await lists(for: user).filter { !$0.isArchived && (Self.access($0, for: user) ?? .read) >= .edit }
    }

    /// The list, if `user` may see it (404 otherwise), without its enterprises.
    func list(_ id: String, for user: User) async throws -> PurchaseList {
        try await visible(id, for: user)
    }

    func open(_ id: String, for user: User) async throws -> Opened {
        let list = try await visible(id, for: user)
        let items = try await store.items(of: list.id)
        let loaded = try await directory.enterprises.load(ids: items.map(\.enterpriseID))
        let byID = Dictionary(loaded.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return Opened(list: list, access: Self.access(list, for: user) ?? .read,
                      entries: items.map { Opened.Entry(item: $0, enterprise: byID[$0.enterpriseID]) })
    }

    // MARK: Writes

    /// A new list of `user`'s municipality, optionally holding enterprises already.
    func create(name: String, sharing: PurchaseList.Sharing = .private, enterpriseIDs: [String] = [], by user: User, now: Date = Date()) async throws -> PurchaseList {
        guard user.roles.contains(.buyer), user.isActive else { throw Self.notBuyer }
        guard let municipality = user.municipalityCode else {
            throw Refusal(.invalid, title: "Municipalité manquante",
                          message: "Votre compte n'est rattaché à aucune municipalité : demandez à un administrateur de l'indiquer, puis créez la liste.",
                          english: "Your account is not attached to a municipality: ask an administrator to set it, then create the list.")
        }
        let name = try Self.validName(name)
        var seen = Set<String>()
        let ids = try await existing(Array(enterpriseIDs.filter { seen.insert($0).inserted }.prefix(PurchaseList.maxItems)))
        let list = PurchaseList(id: UUID().uuidString.lowercased(), name: name, ownerID: user.id, ownerName: user.name.isEmpty ? user.email : user.name,
                                municipalityCode: municipality, sharing: sharing, archivedAt: nil,
                                createdAt: Timestamp.stored(now), updatedAt: Timestamp.stored(now), itemCount: ids.count)
        try await store.create(list, enterpriseIDs: ids, by: user.id, now: now)
        return list
    }

    /// Renames, shares or archives (the owner only).
    func update(_ id: String, name: String? = nil, sharing: PurchaseList.Sharing? = nil, archived: Bool? = nil, by user: User, now: Date = Date()) async throws -> PurchaseList {
        var list = try await visible(id, for: user)
        guard Self.access(list, for: user) == .own else {
            throw Refusal(.forbidden, title: "Réservé à la propriétaire ou au propriétaire",
                          message: "Seule la personne qui a créé la liste peut la renommer, la partager ou l'archiver.",
                          english: "Only the person who created the list may rename, share or archive it.")
        }
        let before = list.sharing
        if let name { list.name = try Self.validName(name) }
        if let sharing { list.sharing = sharing }
        if let archived { list.archivedAt = archived ? (list.archivedAt ?? Timestamp.stored(now)) : nil }
        // Newly shared (or newly open to editing): the colleagues hear of it by e-mail.
        var drafts: [MailDraft] = []
        if list.sharing != .private && list.sharing != before && !list.isArchived {
            let colleagues = try await AccountStore(database: store.database).users(municipality: list.municipalityCode).filter {
                $0.id != user.id && $0.isActive && $0.roles.contains(.buyer)
            }
            drafts = colleagues.map { colleague in
                let link = baseURL + Route.purchaseList.path(list.id)
                let rights = list.sharing == .edit ? ("la consulter et la modifier", "view and change it") : ("la consulter", "view it")
                return MailDraft(to: colleague.email, subject: "Liste d'achat partagée : \(list.name) / Purchase list shared with you", body: """
                    Bonjour,

                    \(list.ownerName) a partagé avec vous la liste d'achat « \(list.name) » dans Répertoire. Vous pouvez \(rights.0) :
                    \(link)

                    ---

                    Hello,

                    \(list.ownerName) shared the purchase list "\(list.name)" with you in Répertoire. You can \(rights.1):
                    \(baseURL + Route.purchaseList.path(list.id, language: .en))
                    """, kind: "list-shared")
            }
        }
        try await store.save(list, announcing: drafts, via: mail, now: now)
        return try await visible(id, for: user)
    }

    /// Adds enterprises to a list; returns how many were not on it yet.
    @discardableResult
    func add(_ enterpriseIDs: [String], to id: String, note: String = "", by user: User, now: Date = Date()) async throws -> Int {
        let list = try await writable(id, for: user)
        let note = try Self.validNote(note)
        let ids = try await existing(enterpriseIDs)
        guard list.itemCount + ids.count <= PurchaseList.maxItems else {
            throw Refusal(.invalid, title: "Liste pleine",
                          message: "Une liste compte au plus \(PurchaseList.maxItems) entreprises : créez-en une autre pour la suite.",
                          english: "A list holds at most \(PurchaseList.maxItems) enterprises: start another one.")
        }
        return try await store.add(ids, to: list.id, note: note, by: user.id, now: now)
    }

    func setNote(_ note: String, enterpriseID: String, in id: String, by user: User, now: Date = Date()) async throws {
        let list = try await writable(id, for: user)
        try await requireItem(enterpriseID, in: list.id)
        try await store.setNote(try Self.validNote(note), enterpriseID: enterpriseID, listID: list.id, now: now)
    }

    func remove(_ enterpriseID: String, from id: String, by user: User, now: Date = Date()) async throws {
        let list = try await writable(id, for: user)
        try await requireItem(enterpriseID, in: list.id)
        try await store.remove(enterpriseID, from: list.id, now: now)
    }

    func move(_ enterpriseID: String, in id: String, by offset: Int, user: User, now: Date = Date()) async throws {
        let list = try await writable(id, for: user)
        try await requireItem(enterpriseID, in: list.id)
        try await store.move(enterpriseID, in: list.id, by: offset, now: now)
    }

    /// The list as a file, with the managers' contacts; written in the audit log like every
    /// export holding personal data.
    func export(_ id: String, format: ExportFormat, by user: User, client: String) async throws -> (list: PurchaseList, file: ExportService.File) {
        let opened = try await open(id, for: user)
        let entries = opened.entries.filter { $0.enterprise != nil }
        let file = try await exports.export(ids: entries.map(\.item.enterpriseID), notes: entries.map(\.item.note), format: format,
                                            columns: ExportColumn.defaults(personal: true), user: user, client: client,
                                            target: Route.purchaseList.path(id))
        return (opened.list, file)
    }

    /// The list for its printable contact list: the managers' contacts on paper, audited like
    /// every export of personal data.
    func openForPrint(_ id: String, by user: User, client: String) async throws -> Opened {
        let opened = try await open(id, for: user)
        try await exports.audit.record(.personalDataExport, actor: user, target: Route.purchaseList.path(id),
                                       detail: "impression, \(opened.entries.count) entreprise(s), coordonnées des gestionnaires", client: client)
        return opened
    }

    // MARK: Rules

    private func visible(_ id: String, for user: User) async throws -> PurchaseList {
        guard user.roles.contains(.buyer) else { throw Self.notBuyer }
        guard let list = try await store.list(id: id), Self.access(list, for: user) != nil else {
            throw Refusal.notFound("Cette liste d'achat", english: "This purchase list")
        }
        return list
    }

    private func writable(_ id: String, for user: User) async throws -> PurchaseList {
        let list = try await visible(id, for: user)
        guard (Self.access(list, for: user) ?? .read) >= .edit else {
            throw Refusal(.forbidden, title: "Liste en lecture seule",
                          message: "Cette liste est partagée avec vous en lecture seule : demandez à \(list.ownerName) de la partager en modification.",
                          english: "This list is shared with you read-only: ask \(list.ownerName) to share it for editing.")
        }
        guard !list.isArchived else {
            throw Refusal(.conflict, title: "Liste archivée",
                          message: "Cette liste est archivée : désarchivez-la pour la modifier.",
                          english: "This list is archived: unarchive it to change it.")
        }
        return list
    }

    private func requireItem(_ enterpriseID: String, in listID: String) async throws {
        guard try await store.items(of: listID).contains(where: { $0.enterpriseID == enterpriseID }) else {
            throw Refusal.notFound("Cette entreprise sur la liste", english: "This enterprise on the list")
        }
    }

    /// The ids that name enterprises of the directory (not archived); an unknown one is refused.
    private func existing(_ ids: [String]) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        let loaded = try await directory.enterprises.load(ids: ids)
        let known = Set(loaded.filter { !$0.isArchived }.map(\.id))
        if let unknown = ids.first(where: { !known.contains($0) }) {
            throw Refusal(.invalid, title: "Entreprise inconnue",
                          message: "L'entreprise « \(unknown) » n'est pas au répertoire (ou n'y est plus) : elle ne peut pas être ajoutée.",
                          english: "Enterprise \"\(unknown)\" is not (or no longer) in the directory: it cannot be added.")
        }
        return ids
    }

    /// The name on one line: runs of spaces and line breaks become one space.
    static func validName(_ raw: String) throws -> String {
        let name = raw.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        guard !name.isEmpty else {
            throw Refusal(.invalid, title: "Nom manquant", message: "Donnez un nom à la liste (ex. « Déneigement 2027 – secteur Vieux-Longueuil »).",
                          english: "Give the list a name (e.g. \"Snow removal 2027 – Vieux-Longueuil\").")
        }
        guard name.count <= PurchaseList.maxNameLength else {
            throw Refusal(.invalid, title: "Nom trop long", message: "Le nom de la liste tient sur une ligne de \(PurchaseList.maxNameLength) caractères au plus.",
                          english: "The list's name fits on one line of at most \(PurchaseList.maxNameLength) characters.")
        }
        return name
    }

    static func validNote(_ raw: String) throws -> String {
        let note = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= PurchaseList.maxNoteLength else {
            throw Refusal(.invalid, title: "Note trop longue", message: "La note compte \(note.count) caractères : \(PurchaseList.maxNoteLength) au plus.",
                          english: "The note has \(note.count) characters: at most \(PurchaseList.maxNoteLength).")
        }
        return note
    }

    static let notBuyer = Refusal(.forbidden, title: "Réservé aux acheteurs",
                                  message: "Les listes d'achat sont celles des acheteurs municipaux : votre compte n'a pas ce rôle.",
                                  english: "Purchase lists belong to municipal buyers: your account does not have that role.")
}
