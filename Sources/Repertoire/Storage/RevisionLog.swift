import Foundation
import SQLKit

/// What a revision did to an enterprise.
public enum RevisionAction: String, Sendable, CaseIterable {
    case create
    case update
    case archive
    case restore
    case verify
    case restoreRevision = "restore-revision"
    case `import`

    public var label: String {
        switch self {
        case .create: "Création"
        case .update: "Modification"
        case .archive: "Archivage"
        case .restore: "Retour dans le répertoire"
        case .verify: "Vérification"
        case .restoreRevision: "Restauration d'une version antérieure"
        case .import: "Importation"
        }
    }
}

/// One write to an enterprise, as its history shows it.
public struct Revision: Sendable, Equatable {
    public var seq: Int64
    public var enterpriseID: String
    public var version: Int
    public var at: Date
    public var actorID: String?
    public var actor: String
    public var action: RevisionAction
    /// The top-level fields that changed (``ProfileField`` raw values).
    public var fields: [String]
    public var before: EnterpriseProfile?
    public var after: EnterpriseProfile
    /// Set once the managers' names, emails and phones were erased from ``before`` or ``after``
    /// (Loi 25, see `RetentionStore`): the history then says so instead of showing empty names.
    public var beforeErased: Bool = false
    public var afterErased: Bool = false

    public var personalDataErased: Bool { beforeErased || afterErased }
}

/// An enterprise's history: appended to in the transaction of every write, read by the history
/// page and the profile page.
public struct RevisionLog: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Appends one revision inside the caller's transaction.
    static func append(_ action: RevisionAction, before: Enterprise?, after: Enterprise, author: Author, at now: Date,
                       on sql: any SQLDatabase) async throws {
        try await appendMany([(action, before, after)], author: author, at: now, on: sql)
    }

    static func appendMany(_ entries: [(action: RevisionAction, before: Enterprise?, after: Enterprise)], author: Author, at now: Date,
                           on sql: any SQLDatabase) async throws {
        let stamp = Timestamp.string(from: now)
        for chunk in entries.chunked(by: 500) {
            let insert = sql.insert(into: "revisions")
                .columns("enterprise_id", "version", "at", "actor_id", "actor", "action", "fields", "before_profile", "after_profile")
            for entry in chunk {
                let before = try entry.before.map { try StoredProfile.encode($0.profile) }
                let after = try StoredProfile.encode(entry.after.profile)
                var fields = ProfileField.changes(from: entry.before?.profile, to: entry.after.profile).map(\.rawValue)
                if entry.before?.isArchived != entry.after.isArchived, entry.before != nil { fields.append("archived") }
                insert.values(SQLBind(entry.after.id), SQLBind(entry.after.version), SQLBind(stamp), SQLBind(author.id),
                              SQLBind(String(author.label.prefix(300))), SQLBind(entry.action.rawValue), SQLBind(fields.joined(separator: ",")),
                              SQLBind(before), SQLBind(after))
            }
            try await insert.run()
        }
    }

    /// An enterprise's revisions, newest first.
    public func revisions(of enterpriseID: String, limit: Int = 200) async throws -> [Revision] {
        try await database.read { sql in
            try await sql.select().column(SQLLiteral.all).from("revisions").where("enterprise_id", .equal, SQLBind(enterpriseID))
                .orderBy("seq", .descending).limit(limit).all().map(Self.decode)
        }
    }

    public func revision(_ seq: Int64) async throws -> Revision? {
        try await database.read { sql in
            try await sql.select().column(SQLLiteral.all).from("revisions").where("seq", .equal, SQLBind(seq)).first().map(Self.decode)
        }
    }

    /// When a person last changed each field of each enterprise (``ProfileField`` raw values),
    /// by a form, an approved proposal or a restored version — not by an import, the demo or the
    /// command line (no account). An import keeps such values against a file by default.
    public func handEdits() async throws -> [String: [String: Date]] {
        try await database.read { sql in
            let rows = try await sql.select().columns("enterprise_id", "at", "fields").from("revisions")
                .where("action", .in, [RevisionAction.create.rawValue, RevisionAction.update.rawValue, RevisionAction.restoreRevision.rawValue])
                .where("actor_id", .isNot, SQLLiteral.null)
                .all()
            var edits: [String: [String: Date]] = [:]
            for row in rows {
                let id = try row.decode(column: "enterprise_id", as: String.self)
                guard let at = Timestamp.date(from: try row.decode(column: "at", as: String.self)) else { continue }
                for field in try row.decode(column: "fields", as: String.self).split(separator: ",") {
                    let name = String(field)
                    if edits[id]?[name].map({ $0 < at }) ?? true { edits[id, default: [:]][name] = at }
                }
            }
            return edits
        }
    }

    /// The latest revision of an enterprise, for "modifié le … par …".
    public func latest(of enterpriseID: String) async throws -> Revision? {
        try await revisions(of: enterpriseID, limit: 1).first
    }

    static func decode(_ row: any SQLRow) throws -> Revision {
        let after = try StoredProfile.decode(try row.decode(column: "after_profile", as: String.self))
        let before = try row.decode(column: "before_profile", as: String?.self).map(StoredProfile.decode)
        let fields = try row.decode(column: "fields", as: String.self)
        return Revision(seq: try row.decode(column: "seq", as: Int64.self), enterpriseID: try row.decode(column: "enterprise_id", as: String.self),
                        version: try row.decode(column: "version", as: Int.self),
                        at: Timestamp.date(from: try row.decode(column: "at", as: String.self)) ?? .distantPast,
                        actorID: try row.decode(column: "actor_id", as: String?.self), actor: try row.decode(column: "actor", as: String.self),
                        action: RevisionAction(rawValue: try row.decode(column: "action", as: String.self)) ?? .update,
                        fields: fields.isEmpty ? [] : fields.split(separator: ",").map(String.init), before: before, after: after,
                        beforeErased: try row.decode(column: "before_erased_at", as: String?.self) != nil,
                        afterErased: try row.decode(column: "after_erased_at", as: String?.self) != nil)
    }
}
