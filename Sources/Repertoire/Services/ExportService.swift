import Foundation
import NIOPosix

/// Search results as a file: who may export what, how much and how often, and the audit of
/// every export that holds managers' personal contacts. The file is built and encoded on the
/// thread pool, so a large export never holds up the event loops serving other visitors.
struct ExportService: Sendable {
    let directory: DirectoryService
    let audit: AuditLog
    let baseURL: String
    let limits: Limits
    /// Anonymous exports per client address.
    private let anonymousRate: RateLimiter

    struct Limits: Sendable {
        /// Rows of any export (signed-in accounts included).
        var maximumRows = 100_000
        /// Rows of an export by a visitor who is not signed in.
        var anonymousRows = 5_000
        /// Exports per minute and client address for visitors who are not signed in.
        var anonymousPerMinute = 10
    }

    struct File: Sendable {
        var format: ExportFormat
        var bytes: [UInt8]
        var rows: Int
        var containsPersonalData: Bool
    }

    init(directory: DirectoryService, audit: AuditLog, baseURL: String, limits: Limits = Limits()) {
        self.directory = directory
        self.audit = audit
        self.baseURL = baseURL
        self.limits = limits
        anonymousRate = RateLimiter(limit: limits.anonymousPerMinute, window: 60)
    }

    /// How many rows `user` may export at once.
    func rowLimit(for user: User?) -> Int { user == nil ? limits.anonymousRows : limits.maximumRows }

    /// How many enterprises the search matches: the search's own total, nothing is loaded.
    func count(_ query: DirectoryQuery) -> Int {
        var first = query
        first.page = 1
        first.perPage = 1
        return directory.search(first).total
    }

    /// The search's results as a file of `columns` (personal columns are dropped for an account
    /// not allowed to see them; the defaults when none remain).
    func export(_ query: DirectoryQuery, format: ExportFormat, columns requested: [ExportColumn], user: User?, client: String,
                now: Date = Date()) async throws -> File {
        let limit = rowLimit(for: user)
        if user == nil {
            let total = count(query)
            if total > limit {
                throw Refusal(.invalid, title: "Exportation trop grande",
                              message: "Cette recherche compte \(Self.number(total)) entreprises ; sans compte, une exportation en contient au plus \(Self.number(limit)). Précisez la recherche (région, secteur, mots) ou connectez-vous.",
                              english: "This search matches \(total) enterprises; without an account, an export holds at most \(limit). Narrow the search (region, sector, words) or sign in.")
            }
            if let wait = anonymousRate.admit(client, now: now) {
                let seconds = Int(wait.rounded(.up))
                throw Refusal(.tooMany(retryAfter: seconds), title: "Trop d'exportations",
                              message: "Sans compte, une même adresse peut faire au plus \(limits.anonymousPerMinute) exportations par minute. Réessayez dans \(seconds) s.",
                              english: "Without an account, one address may export at most \(limits.anonymousPerMinute) times a minute. Try again in \(seconds) s.")
            }
        }
        let ids = directory.searchAll(query, limit: limit).map(\.id)
        let file = try await file(ids: ids, notes: nil, format: format, columns: requested, user: user, client: client,
                                  target: Route.export.path() + WebQuery.string(query, includePaging: false))
        // The table and the loaded records are freed by now: hand their memory back to the system
        // (a 100,000-row export allocates hundreds of megabytes that glibc would otherwise keep).
        if file.rows >= 1_000 { Task { _ = try? await BackgroundWork.run { Malloc.releaseFreeMemory() } } }
        return file
    }

    /// Enterprises named by id (a purchase list) as a file, in that order, for a signed-in
    /// account; the audit names `target` (the list) when the file holds personal data.
    /// `notes`: a last column « Note de la liste », one value per id.
    func export(ids: [String], notes: [String]? = nil, format: ExportFormat, columns requested: [ExportColumn], user: User, client: String,
                target: String) async throws -> File {
        try await file(ids: ids, notes: notes, format: format, columns: requested, user: user, client: client, target: target)
    }

    /// The file of `ids` in that order, encoded on the thread pool, and its audit entry when it
    /// holds personal data.
    private func file(ids: [String], notes: [String]?, format: ExportFormat, columns requested: [ExportColumn], user: User?, client: String,
                      target: String) async throws -> File {
        let personal = user?.has(.viewPersonalData) ?? false
        var columns: [ExportColumn] = []
        for column in requested where (personal || !column.isPersonal) && !columns.contains(column) { columns.append(column) }
        if columns.isEmpty { columns = ExportColumn.defaults(personal: personal) }
        let loaded = try await directory.enterprises.load(ids: ids)
        let catalog = directory.catalog, baseURL = baseURL, chosen = columns
        let file = try await BackgroundWork.run {
            // The store loads in its own order: put them back in the caller's.
            let byID = Dictionary(loaded.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let kept = ids.indices.filter { byID[ids[$0]] != nil }
            var table = ExportTable(columns: chosen, enterprises: kept.map { byID[ids[$0]]! }, catalog: catalog, baseURL: baseURL)
            if let notes {
                table.append(ExportTable.ExtraColumn(key: "note", label: "Note de la liste"), values: kept.map { notes[$0] })
            }
            return File(format: format, bytes: format.encode(table), rows: table.rows.count, containsPersonalData: table.containsPersonalData)
        }
        if file.containsPersonalData {
            try await audit.record(.personalDataExport, actor: user, target: target,
                                   detail: "\(format.rawValue), \(file.rows) entreprise(s), colonnes : \(columns.map(\.rawValue).joined(separator: ", "))",
                                   client: client)
        }
        return file
    }

    static func number(_ value: Int) -> String {
        value.formatted(.number.grouping(.automatic).locale(Locale(identifier: "fr_CA")))
    }
}
