import Foundation
import SQLKit

/// Purchase lists and their enterprises. Every write is one transaction; who may write is the
/// service's business (``PurchaseListService``).
public struct PurchaseListStore: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    private static let listColumns = "l.id, l.name, l.owner_id, u.name AS owner_name, u.email AS owner_email, l.municipality_code, l.sharing, l.archived_at, l.created_at, l.updated_at, (SELECT COUNT(*) FROM purchase_list_items i WHERE i.list_id = l.id) AS item_count"

    /// The lists `userID` owns, and those shared with the buyers of `municipalityCode`.
    public func lists(visibleTo userID: String, municipalityCode: String?) async throws -> [PurchaseList] {
        try await database.read { sql in
            let rows: [any SQLRow]
            if let municipalityCode {
                rows = try await sql.raw("""
                    SELECT \(unsafeRaw: Self.listColumns) FROM purchase_lists l JOIN users u ON u.id = l.owner_id
                    WHERE l.owner_id = \(bind: userID) OR (l.municipality_code = \(bind: municipalityCode) AND l.sharing <> 'private')
                    ORDER BY l.updated_at DESC, l.id
                    """).all()
            } else {
                rows = try await sql.raw("""
                    SELECT \(unsafeRaw: Self.listColumns) FROM purchase_lists l JOIN users u ON u.id = l.owner_id
                    WHERE l.owner_id = \(bind: userID) ORDER BY l.updated_at DESC, l.id
                    """).all()
            }
            return try rows.map(Self.decodeList)
        }
    }

    public func list(id: String) async throws -> PurchaseList? {
        try await database.read { sql in try await Self.list(id: id, on: sql) }
    }

    static func list(id: String, on sql: any SQLDatabase) async throws -> PurchaseList? {
        try await sql.raw("""
            SELECT \(unsafeRaw: listColumns) FROM purchase_lists l JOIN users u ON u.id = l.owner_id WHERE l.id = \(bind: id)
            """).first().map(decodeList)
    }

    public func items(of listID: String) async throws -> [PurchaseListItem] {
        try await database.read { sql in try await Self.items(of: listID, on: sql) }
    }

    static func items(of listID: String, on sql: any SQLDatabase) async throws -> [PurchaseListItem] {
        try await sql.select().columns("enterprise_id", "position", "note", "added_at").from("purchase_list_items")
            .where("list_id", .equal, SQLBind(listID)).orderBy("position").orderBy("enterprise_id").all().map { row in
                PurchaseListItem(enterpriseID: try row.decode(column: "enterprise_id", as: String.self),
                                 position: try row.decode(column: "position", as: Int.self),
                                 note: try row.decode(column: "note", as: String.self),
                                 addedAt: Timestamp.date(from: try row.decode(column: "added_at", as: String.self)) ?? .distantPast)
            }
    }

    // MARK: Writes: each one transaction

    /// Stores a new list with its first enterprises.
    public func create(_ list: PurchaseList, enterpriseIDs: [String], by userID: String, now: Date = Date()) async throws {
        try await database.transaction { sql in
            try await Self.insert(list, on: sql)
            for id in enterpriseIDs { _ = try await Self.add(id, to: list.id, note: "", by: userID, now: now, on: sql) }
        }
    }

    /// Writes the list's name, sharing and archive state, with the e-mails that announce it
    /// (committed together, or neither).
    public func save(_ list: PurchaseList, announcing drafts: [MailDraft] = [], via mail: (any MailQueue)? = nil, now: Date = Date()) async throws {
        try await database.transaction { sql in
            try await Self.update(list, now: now, on: sql)
            if let mail { for draft in drafts { try await mail.enqueue(draft, now: now, on: sql) } }
        }
    }

    /// Adds enterprises at the end of the list; returns how many were not on it already.
    public func add(_ enterpriseIDs: [String], to listID: String, note: String = "", by userID: String, now: Date = Date()) async throws -> Int {
        try await database.transaction { sql in
            var added = 0
            for id in enterpriseIDs where try await Self.add(id, to: listID, note: note, by: userID, now: now, on: sql) { added += 1 }
            if added > 0 { try await Self.touch(listID, now: now, on: sql) }
            return added
        }
    }

    public func setNote(_ note: String, enterpriseID: String, listID: String, now: Date = Date()) async throws {
        try await database.transaction { sql in
            try await Self.setNote(note, enterpriseID: enterpriseID, listID: listID, on: sql)
            try await Self.touch(listID, now: now, on: sql)
        }
    }

    public func remove(_ enterpriseID: String, from listID: String, now: Date = Date()) async throws {
        try await database.transaction { sql in
            try await Self.remove(enterpriseID, from: listID, on: sql)
            try await Self.touch(listID, now: now, on: sql)
        }
    }

    /// Moves an enterprise `offset` places (−1 up, +1 down), within the list's bounds.
    public func move(_ enterpriseID: String, in listID: String, by offset: Int, now: Date = Date()) async throws {
        try await database.transaction { sql in
            var order = try await Self.items(of: listID, on: sql).map(\.enterpriseID)
            guard let from = order.firstIndex(of: enterpriseID) else { return }
            let to = min(max(from + offset, 0), order.count - 1)
            guard to != from else { return }
            order.remove(at: from)
            order.insert(enterpriseID, at: to)
            try await Self.reorder(order, in: listID, on: sql)
            try await Self.touch(listID, now: now, on: sql)
        }
    }

    static func insert(_ list: PurchaseList, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "purchase_lists")
            .columns("id", "name", "owner_id", "municipality_code", "sharing", "archived_at", "created_at", "updated_at")
            .values(SQLBind(list.id), SQLBind(list.name), SQLBind(list.ownerID), SQLBind(list.municipalityCode), SQLBind(list.sharing.rawValue),
                    SQLBind(list.archivedAt.map(Timestamp.string(from:))), SQLBind(Timestamp.string(from: list.createdAt)),
                    SQLBind(Timestamp.string(from: list.updatedAt)))
            .run()
    }

    static func update(_ list: PurchaseList, now: Date, on sql: any SQLDatabase) async throws {
        try await sql.update("purchase_lists")
            .set("name", to: SQLBind(list.name)).set("sharing", to: SQLBind(list.sharing.rawValue))
            .set("archived_at", to: SQLBind(list.archivedAt.map(Timestamp.string(from:))))
            .set("updated_at", to: SQLBind(Timestamp.string(from: now)))
            .where("id", .equal, SQLBind(list.id)).run()
    }

    static func touch(_ listID: String, now: Date, on sql: any SQLDatabase) async throws {
        try await sql.update("purchase_lists").set("updated_at", to: SQLBind(Timestamp.string(from: now)))
            .where("id", .equal, SQLBind(listID)).run()
    }

    /// Appends the enterprise at the end; false when the list already holds it.
    static func add(_ enterpriseID: String, to listID: String, note: String, by userID: String, now: Date, on sql: any SQLDatabase) async throws -> Bool {
        let existing = try await sql.select().column("enterprise_id").from("purchase_list_items")
            .where("list_id", .equal, SQLBind(listID)).where("enterprise_id", .equal, SQLBind(enterpriseID)).first()
        guard existing == nil else { return false }
        let last = try await sql.raw("SELECT MAX(position) AS last FROM purchase_list_items WHERE list_id = \(bind: listID)").first()
        let position = ((try last?.decodeNil(column: "last") ?? true) ? 0 : try last!.decode(column: "last", as: Int.self)) + 1
        try await sql.insert(into: "purchase_list_items").columns("list_id", "enterprise_id", "position", "note", "added_by", "added_at")
            .values(SQLBind(listID), SQLBind(enterpriseID), SQLBind(position), SQLBind(note), SQLBind(userID), SQLBind(Timestamp.string(from: now)))
            .run()
        return true
    }

    static func setNote(_ note: String, enterpriseID: String, listID: String, on sql: any SQLDatabase) async throws {
        try await sql.update("purchase_list_items").set("note", to: SQLBind(note))
            .where("list_id", .equal, SQLBind(listID)).where("enterprise_id", .equal, SQLBind(enterpriseID)).run()
    }

    static func remove(_ enterpriseID: String, from listID: String, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: "purchase_list_items")
            .where("list_id", .equal, SQLBind(listID)).where("enterprise_id", .equal, SQLBind(enterpriseID)).run()
    }

    /// Writes the items' order as given (positions 1, 2, 3…).
    static func reorder(_ enterpriseIDs: [String], in listID: String, on sql: any SQLDatabase) async throws {
        for (index, id) in enterpriseIDs.enumerated() {
            try await sql.update("purchase_list_items").set("position", to: SQLBind(index + 1))
                .where("list_id", .equal, SQLBind(listID)).where("enterprise_id", .equal, SQLBind(id)).run()
        }
    }

    static func decodeList(_ row: any SQLRow) throws -> PurchaseList {
        let ownerName = try row.decode(column: "owner_name", as: String.self)
        return PurchaseList(
            id: try row.decode(column: "id", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            ownerID: try row.decode(column: "owner_id", as: String.self),
            ownerName: ownerName.isEmpty ? try row.decode(column: "owner_email", as: String.self) : ownerName,
            municipalityCode: try row.decode(column: "municipality_code", as: String.self),
            sharing: PurchaseList.Sharing(rawValue: try row.decode(column: "sharing", as: String.self)) ?? .private,
            archivedAt: try row.decode(column: "archived_at", as: String?.self).flatMap(Timestamp.date(from:)),
            createdAt: Timestamp.date(from: try row.decode(column: "created_at", as: String.self)) ?? .distantPast,
            updatedAt: Timestamp.date(from: try row.decode(column: "updated_at", as: String.self)) ?? .distantPast,
            itemCount: try row.decode(column: "item_count", as: Int.self))
    }
}
