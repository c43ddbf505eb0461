import Foundation
import SQLKit

/// Calls for interest, their recipients, links, files and the enterprises that opted out. Every
/// write is one transaction with its audit entry and its e-mails (``UnitOfWork``); who may write
/// is ``CallService``'s business. Writes that move a call forward are conditional on its state,
/// so a double click, a retry after a restart or a second instance cannot do them twice.
public struct CallStore: Sendable {
    public let database: Database
    /// Where files go when not in the database; nil keeps their bytes in the database.
    public var folder: String?

    public init(database: Database, folder: String? = nil) {
        self.database = database
        self.folder = folder
    }

    enum LinkPurpose: String, Sendable {
        case answer
        case unsubscribe
    }

    /// A link found from its secret.
    struct Link: Sendable, Equatable {
        var purpose: LinkPurpose
        var callID: String
        var enterpriseID: String
        var expiresAt: Date
    }

    /// The message of one recipient: its drafts and the hashes of the links they carry.
    struct Delivery: Sendable {
        var enterpriseID: String
        var addresses: [String]
        var drafts: [MailDraft]
        var links: [(hash: String, purpose: LinkPurpose, expiresAt: Date)]
    }

    /// A call's list line, with its counts.
    struct Listed: Sendable {
        var call: CallForInterest
        var recipients: Int
        var reached: Int
        var interested: Int
    }

    private static let callColumns = """
        c.id, c.municipality_code, c.owner_id, u.name AS owner_name, u.email AS owner_email, c.title, c.description, c.kind, c.sectors,
        c.place_kind, c.place_code, c.place_region, c.amount_band, c.deadline, c.status, c.cancel_message, c.source_list_id,
        c.created_at, c.updated_at, c.sent_at, c.closed_at,
        (SELECT COUNT(*) FROM call_recipients r WHERE r.call_id = c.id) AS recipient_count,
        (SELECT COUNT(*) FROM call_recipients r WHERE r.call_id = c.id AND r.queued_at IS NOT NULL) AS reached_count,
        (SELECT COUNT(*) FROM call_recipients r WHERE r.call_id = c.id AND r.answer = 'interested') AS interested_count
        """

    // MARK: Reads

    /// Calls of a municipality (nil: every one), or those delivered in `regions`, newest first.
    func calls(municipality: String? = nil, regions: Set<String>? = nil, limit: Int = 500) async throws -> [Listed] {
        try await database.read { sql in
            let byMunicipality: SQLQueryString = municipality.map { "AND c.municipality_code = \(bind: $0)" } ?? ""
            // Hub editors follow what was sent; drafts stay the buyer's.
            let byRegion: SQLQueryString = regions.map {
                $0.isEmpty ? "AND 1 = 0" : "AND c.status IN ('sent', 'closed', 'cancelled') AND c.place_region IN \(SQLBind.group($0.sorted()))"
            } ?? ""
            let query: SQLQueryString = """
                SELECT \(unsafeRaw: Self.callColumns) FROM calls_for_interest c JOIN users u ON u.id = c.owner_id
                WHERE 1 = 1 \(byMunicipality) \(byRegion) ORDER BY c.updated_at DESC, c.id LIMIT \(unsafeRaw: String(max(1, limit)))
                """
            return try await sql.raw(query).all().map(Self.decodeListed)
        }
    }

    func call(id: String) async throws -> CallForInterest? {
        try await database.read { sql in try await Self.call(id: id, on: sql) }
    }

    static func call(id: String, on sql: any SQLDatabase) async throws -> CallForInterest? {
        try await sql.raw("SELECT \(unsafeRaw: callColumns) FROM calls_for_interest c JOIN users u ON u.id = c.owner_id WHERE c.id = \(bind: id)")
            .first().map { try decodeListed($0).call }
    }

    /// The recipients in order, each with its e-mail's delivery state from the outbox.
    func recipients(of callID: String) async throws -> [CallRecipient] {
        try await database.read { sql in
            let rows = try await sql.select().column(SQLLiteral.all).from("call_recipients").where("call_id", .equal, SQLBind(callID))
                .orderBy("position").orderBy("enterprise_id").all()
            var deliveries: [String: [String]] = [:]
            for row in try await sql.raw("SELECT reference, status FROM outbox WHERE reference LIKE \(bind: Self.reference(callID, "") + "%")").all() {
                let reference = try row.decode(column: "reference", as: String.self)
                deliveries[reference, default: []].append(try row.decode(column: "status", as: String.self))
            }
            return try rows.map { row in
                var recipient = try Self.decodeRecipient(row)
                let statuses = deliveries[Self.reference(callID, recipient.enterpriseID)] ?? []
                recipient.delivery = statuses.isEmpty ? .none : statuses.contains("sent") ? .sent : statuses.contains("pending") ? .queued : .failed
                return recipient
            }
        }
    }

    /// What a call's first e-mail to an enterprise is about, in the outbox.
    static func reference(_ callID: String, _ enterpriseID: String) -> String { "call:\(callID):\(enterpriseID)" }

    func files(of callID: String) async throws -> [CallFile] {
        try await database.read { sql in
            try await sql.select().columns("id", "call_id", "enterprise_id", "file_name", "content_type", "size", "created_at").from("call_files")
                .where("call_id", .equal, SQLBind(callID)).orderBy("created_at").orderBy("id").all().map(Self.decodeFile)
        }
    }

    /// A file with its bytes.
    func file(id: String) async throws -> (file: CallFile, bytes: [UInt8])? {
        let folder = self.folder
        return try await database.read { sql in
            guard let row = try await sql.select().column(SQLLiteral.all).from("call_files").where("id", .equal, SQLBind(id)).first() else { return nil }
            let file = try Self.decodeFile(row)
            if let path = try row.decode(column: "stored_path", as: String?.self) {
                let base = folder ?? ""
                guard let data = FileManager.default.contents(atPath: path.hasPrefix("/") ? path : base + "/" + path) else { return nil }
                return (file, Array(data))
            }
            return (file, Array(try row.decode(column: "bytes", as: Data.self)))
        }
    }

    /// The enterprises among `ids` that asked to receive no more calls for interest.
    func optedOut(_ ids: [String]) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try await database.read { sql in try await Self.optedOut(ids, on: sql) }
    }

    static func optedOut(_ ids: [String], on sql: any SQLDatabase) async throws -> Set<String> {
        var found = Set<String>()
        for chunk in ids.chunked(by: 500).map(Array.init) {
            for row in try await sql.select().column("enterprise_id").from("call_opt_outs")
                .where(SQLColumn("enterprise_id"), .in, SQLBind.group(chunk)).all() {
                found.insert(try row.decode(column: "enterprise_id", as: String.self))
            }
        }
        return found
    }

    /// The link whose secret this is, expired or not; nil for a secret no link has.
    func link(secret: String) async throws -> Link? {
        guard !secret.isEmpty, secret.count < 200 else { return nil }
        return try await database.read { sql in
            guard let row = try await sql.select().columns("purpose", "call_id", "enterprise_id", "expires_at").from("call_links")
                .where("token_hash", .equal, SQLBind(SecretToken.hash(secret))).first(),
                  let purpose = LinkPurpose(rawValue: try row.decode(column: "purpose", as: String.self)) else { return nil }
            return Link(purpose: purpose, callID: try row.decode(column: "call_id", as: String.self),
                        enterpriseID: try row.decode(column: "enterprise_id", as: String.self),
                        expiresAt: Timestamp.date(from: try row.decode(column: "expires_at", as: String.self)) ?? .distantPast)
        }
    }

    /// Needs sent, enterprises reached and interested answers, per municipality (nil: all).
    func counts(municipality: String? = nil) async throws -> [CallCounts] {
        try await database.read { sql in
            let filter: SQLQueryString = municipality.map { "AND c.municipality_code = \(bind: $0)" } ?? ""
            return try await sql.raw("""
                SELECT c.municipality_code,
                       COUNT(DISTINCT c.id) AS calls_sent,
                       COUNT(DISTINCT CASE WHEN r.queued_at IS NOT NULL THEN r.enterprise_id END) AS reached,
                       COUNT(DISTINCT CASE WHEN r.answer = 'interested' THEN r.enterprise_id END) AS interested
                FROM calls_for_interest c LEFT JOIN call_recipients r ON r.call_id = c.id
                WHERE c.status IN ('sent', 'closed') \(filter)
                GROUP BY c.municipality_code ORDER BY c.municipality_code
                """).all().map { row in
                CallCounts(municipalityCode: try row.decode(column: "municipality_code", as: String.self),
                           callsSent: try row.decode(column: "calls_sent", as: Int.self),
                           enterprisesReached: try row.decode(column: "reached", as: Int.self),
                           interested: try row.decode(column: "interested", as: Int.self))
            }
        }
    }

    // MARK: Writes

    /// Stores a new call with its first recipients and the buyer's attachments.
    func create(_ call: CallForInterest, recipients: [CallRecipient], attachments: [(CallFile, [UInt8])], actor: User, client: String) async throws {
        let stored = try attachments.map { try self.place($0.0, bytes: $0.1) }
        try await database.unitOfWork(now: call.createdAt) { work in
            try await Self.insert(call, on: work.sql)
            for recipient in recipients { try await Self.insert(recipient, callID: call.id, on: work.sql) }
            for (file, bytes, path) in stored { try await Self.insert(file, bytes: bytes, path: path, on: work.sql) }
            try await work.audit(.callCreated, actor: actor, target: call.id, detail: call.title, client: client)
        }
    }

    /// Writes the need's fields, if it is not sent yet; false otherwise.
    func update(_ call: CallForInterest, actor: User, client: String, now: Date) async throws -> Bool {
        try await database.unitOfWork(now: now) { work in
            let changed = try await work.sql.raw("""
                UPDATE calls_for_interest SET title = \(bind: call.title), description = \(bind: call.description), kind = \(bind: call.kind.rawValue),
                    sectors = \(bind: call.sectors.joined(separator: ",")), place_kind = \(bind: call.placeKind.rawValue),
                    place_code = \(bind: call.placeCode), place_region = \(bind: call.placeRegion), amount_band = \(bind: call.amountBand.rawValue),
                    deadline = \(bind: call.deadline), updated_at = \(bind: Timestamp.string(from: now))
                WHERE id = \(bind: call.id) AND status IN ('draft', 'proposed') RETURNING id
                """).first() != nil
            if changed { try await work.audit(.callUpdated, actor: actor, target: call.id, detail: call.title, client: client) }
            return changed
        }
    }

    /// Replaces the proposed recipients (those the buyer added by hand or from a list stay),
    /// and marks the call's recipients as proposed; false when the call is sent already.
    func propose(_ recipients: [CallRecipient], to callID: String, actor: User, client: String, now: Date) async throws -> Bool {
        try await database.unitOfWork(now: now) { work in
            guard try await work.sql.raw("""
                UPDATE calls_for_interest SET status = 'proposed', updated_at = \(bind: Timestamp.string(from: now))
                WHERE id = \(bind: callID) AND status IN ('draft', 'proposed') RETURNING id
                """).first() != nil else { return false }
            try await work.sql.delete(from: "call_recipients").where("call_id", .equal, SQLBind(callID))
                .where("origin", .equal, SQLBind(CallRecipient.Origin.proposed.rawValue)).run()
            let kept = Set(try await work.sql.select().column("enterprise_id").from("call_recipients").where("call_id", .equal, SQLBind(callID))
                .all().map { try $0.decode(column: "enterprise_id", as: String.self) })
            var position = try await Self.lastPosition(callID, on: work.sql)
            for recipient in recipients where !kept.contains(recipient.enterpriseID) {
                position += 1
                var recipient = recipient
                recipient.position = position
                try await Self.insert(recipient, callID: callID, on: work.sql)
            }
            try await work.audit(.callUpdated, actor: actor, target: callID, detail: "\(recipients.count) entreprise(s) proposée(s)", client: client)
            return true
        }
    }

    /// Adds an enterprise by hand; false when the call is sent or already has it.
    func add(_ enterpriseID: String, to callID: String, actor: User, client: String, now: Date) async throws -> Bool {
        try await database.unitOfWork(now: now) { work in
            guard try await Self.isEditable(callID, on: work.sql) else { return false }
            let existing = try await work.sql.select().column("enterprise_id").from("call_recipients")
                .where("call_id", .equal, SQLBind(callID)).where("enterprise_id", .equal, SQLBind(enterpriseID)).first()
            guard existing == nil else { return false }
            let position = try await Self.lastPosition(callID, on: work.sql) + 1
            try await Self.insert(CallRecipient.fresh(enterpriseID, position: position, origin: .buyer, reasons: [], score: 0), callID: callID, on: work.sql)
            try await Self.touch(callID, now: now, on: work.sql)
            try await work.audit(.callUpdated, actor: actor, target: callID, detail: "entreprise ajoutée : \(enterpriseID)", client: client)
            return true
        }
    }

    /// Takes an enterprise off the recipients, before sending; false once sent.
    func remove(_ enterpriseID: String, from callID: String, actor: User, client: String, now: Date) async throws -> Bool {
        try await database.unitOfWork(now: now) { work in
            guard try await Self.isEditable(callID, on: work.sql) else { return false }
            try await work.sql.delete(from: "call_recipients").where("call_id", .equal, SQLBind(callID))
                .where("enterprise_id", .equal, SQLBind(enterpriseID)).run()
            try await Self.touch(callID, now: now, on: work.sql)
            try await work.audit(.callUpdated, actor: actor, target: callID, detail: "entreprise retirée : \(enterpriseID)", client: client)
            return true
        }
    }

    /// Adds the buyer's attachment to a call not sent yet; false once sent.
    func attach(_ file: CallFile, bytes: [UInt8], actor: User, client: String, now: Date) async throws -> Bool {
        let (file, stored, path) = try place(file, bytes: bytes)
        return try await database.unitOfWork(now: now) { work in
            guard try await Self.isEditable(file.callID, on: work.sql) else { return false }
            try await Self.insert(file, bytes: stored, path: path, on: work.sql)
            try await work.audit(.callUpdated, actor: actor, target: file.callID, detail: "pièce jointe : \(file.fileName)", client: client)
            return true
        }
    }

    func detach(_ fileID: String, from callID: String, actor: User, client: String, now: Date) async throws -> Bool {
        try await database.unitOfWork(now: now) { work in
            guard try await Self.isEditable(callID, on: work.sql) else { return false }
            try await work.sql.delete(from: "call_files").where("id", .equal, SQLBind(fileID)).where("call_id", .equal, SQLBind(callID))
                .where("enterprise_id", .is, SQLLiteral.null).run()
            try await work.audit(.callUpdated, actor: actor, target: callID, detail: "pièce jointe retirée", client: client)
            return true
        }
    }

    /// Sends the call: marks it sent, then for each recipient that has not opted out (checked
    /// again here) stores its links and queues its e-mails, all in one transaction. Nil when the
    /// call was already sent (a second click, another instance): nothing is queued twice.
    /// Returns the enterprises it went to.
    func send(_ callID: String, deliveries: [Delivery], mail: any MailQueue, actor: User, client: String, now: Date) async throws -> [String]? {
        try await database.unitOfWork(now: now) { work in
            let stamp = Timestamp.string(from: now)
            guard try await work.sql.raw("""
                UPDATE calls_for_interest SET status = 'sent', sent_at = \(bind: stamp), updated_at = \(bind: stamp)
                WHERE id = \(bind: callID) AND status IN ('draft', 'proposed') RETURNING id
                """).first() != nil else { return nil }
            let optedOut = try await Self.optedOut(deliveries.map(\.enterpriseID), on: work.sql)
            var sent: [String] = []
            for delivery in deliveries where !optedOut.contains(delivery.enterpriseID) && !delivery.drafts.isEmpty {
                for link in delivery.links { try await Self.insertLink(link, callID: callID, enterpriseID: delivery.enterpriseID, now: now, on: work.sql) }
                try await work.sql.update("call_recipients").set("queued_at", to: SQLBind(stamp))
                    .set("addresses", to: SQLBind(delivery.addresses.joined(separator: ",")))
                    .where("call_id", .equal, SQLBind(callID)).where("enterprise_id", .equal, SQLBind(delivery.enterpriseID)).run()
                for draft in delivery.drafts { try await work.send(draft, through: mail) }
                sent.append(delivery.enterpriseID)
            }
            try await work.audit(.callSent, actor: actor, target: callID, detail: "\(sent.count) entreprise(s)", client: client)
            return sent
        }
    }

    /// Closes a sent call (no more answers); false unless it was sent.
    func close(_ callID: String, actor: User, client: String, now: Date) async throws -> Bool {
        try await database.unitOfWork(now: now) { work in
            let stamp = Timestamp.string(from: now)
            let closed = try await work.sql.raw("""
                UPDATE calls_for_interest SET status = 'closed', closed_at = \(bind: stamp), updated_at = \(bind: stamp)
                WHERE id = \(bind: callID) AND status = 'sent' RETURNING id
                """).first() != nil
            if closed { try await work.audit(.callClosed, actor: actor, target: callID, client: client) }
            return closed
        }
    }

    /// Cancels a call with a message, which goes to the enterprises it was sent to (`drafts`);
    /// false when it was closed or cancelled already.
    func cancel(_ callID: String, message: String, drafts: [MailDraft], mail: any MailQueue, actor: User, client: String, now: Date) async throws -> Bool {
        try await database.unitOfWork(now: now) { work in
            let stamp = Timestamp.string(from: now)
            guard try await work.sql.raw("""
                UPDATE calls_for_interest SET status = 'cancelled', cancel_message = \(bind: message), closed_at = \(bind: stamp), updated_at = \(bind: stamp)
                WHERE id = \(bind: callID) AND status IN ('draft', 'proposed', 'sent') RETURNING id
                """).first() != nil else { return false }
            for draft in drafts { try await work.send(draft, through: mail) }
            try await work.audit(.callCancelled, actor: actor, target: callID, detail: message, client: client)
            return true
        }
    }

    /// Notes the first visit of the answer page.
    func markOpened(_ callID: String, enterpriseID: String, now: Date) async throws {
        try await database.transaction { sql in
            try await sql.update("call_recipients").set("opened_at", to: SQLBind(Timestamp.string(from: now)))
                .where("call_id", .equal, SQLBind(callID)).where("enterprise_id", .equal, SQLBind(enterpriseID))
                .where("opened_at", .is, SQLLiteral.null).run()
        }
    }

    /// An enterprise's answer, replacing its earlier one, while the call takes answers (checked
    /// in the same statement); a new document replaces the earlier one, and a "not interested"
    /// answer removes it. False when the call no longer takes answers.
    func answer(_ callID: String, enterpriseID: String, answer: CallRecipient.Answer, message: String, reason: CallRecipient.DeclineReason?,
                contact: (name: String, email: String, phone: String), document: (CallFile, [UInt8])?, client: String, now: Date) async throws -> Bool {
        let stored = try document.map { try place($0.0, bytes: $0.1) }
        let today = CalendarDay.string(from: now)
        return try await database.unitOfWork(now: now) { work in
            let stamp = Timestamp.string(from: now)
            guard try await work.sql.raw("""
                UPDATE call_recipients SET answer = \(bind: answer.rawValue), answer_message = \(bind: message),
                    answer_reason = \(bind: reason?.rawValue ?? ""), contact_name = \(bind: contact.name), contact_email = \(bind: contact.email),
                    contact_phone = \(bind: contact.phone), answered_at = \(bind: stamp), opened_at = COALESCE(opened_at, \(bind: stamp))
                WHERE call_id = \(bind: callID) AND enterprise_id = \(bind: enterpriseID) AND queued_at IS NOT NULL
                  AND EXISTS (SELECT 1 FROM calls_for_interest c WHERE c.id = \(bind: callID) AND c.status = 'sent' AND c.deadline >= \(bind: today))
                RETURNING enterprise_id
                """).first() != nil else { return false }
            if stored != nil || answer == .notInterested {
                try await work.sql.delete(from: "call_files").where("call_id", .equal, SQLBind(callID))
                    .where("enterprise_id", .equal, SQLBind(enterpriseID)).run()
            }
            if let (file, bytes, path) = stored { try await Self.insert(file, bytes: bytes, path: path, on: work.sql) }
            try await work.audit(.callAnswered, actor: nil, target: callID, detail: "\(enterpriseID) : \(answer.rawValue)", client: client)
            return true
        }
    }

    /// Stops calls for interest to the enterprise (a link, or its representative); true when it
    /// was receiving them until now.
    func optOut(_ enterpriseID: String, source: String, actor: User?, client: String, now: Date) async throws -> Bool {
        try await database.unitOfWork(now: now) { work in
            guard try await Self.optedOut([enterpriseID], on: work.sql).isEmpty else { return false }
            try await work.sql.insert(into: "call_opt_outs").columns("enterprise_id", "opted_out_at", "source")
                .values(SQLBind(enterpriseID), SQLBind(Timestamp.string(from: now)), SQLBind(source)).run()
            try await work.audit(.callOptOut, actor: actor, target: enterpriseID, detail: source, client: client)
            return true
        }
    }

    /// Lets the enterprise receive calls for interest again (its representative's choice).
    func optIn(_ enterpriseID: String, actor: User, client: String, now: Date) async throws -> Bool {
        try await database.unitOfWork(now: now) { work in
            guard !(try await Self.optedOut([enterpriseID], on: work.sql).isEmpty) else { return false }
            try await work.sql.delete(from: "call_opt_outs").where("enterprise_id", .equal, SQLBind(enterpriseID)).run()
            try await work.audit(.callOptIn, actor: actor, target: enterpriseID, client: client)
            return true
        }
    }

    /// A recipient due a reminder: no answer yet, not reminded, call still open.
    struct DueReminder: Sendable {
        var call: CallForInterest
        var enterpriseID: String
        var addresses: [String]
    }

    /// The recipients of sent calls whose deadline is within `days` days (today included) that
    /// have not answered, have not been reminded and have not opted out.
    func dueReminders(now: Date, days: Int) async throws -> [DueReminder] {
        let today = CalendarDay.string(from: now)
        let last = CalendarDay.string(from: now.addingTimeInterval(Double(days) * 24 * 3600))
        return try await database.read { sql in
            let rows = try await sql.raw("""
                SELECT r.call_id, r.enterprise_id, r.addresses FROM call_recipients r JOIN calls_for_interest c ON c.id = r.call_id
                WHERE c.status = 'sent' AND c.deadline >= \(bind: today) AND c.deadline <= \(bind: last)
                  AND r.queued_at IS NOT NULL AND r.answer IS NULL AND r.reminded_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM call_opt_outs o WHERE o.enterprise_id = r.enterprise_id)
                ORDER BY r.call_id, r.position LIMIT 1000
                """).all()
            var calls: [String: CallForInterest] = [:]
            var due: [DueReminder] = []
            for row in rows {
                let callID = try row.decode(column: "call_id", as: String.self)
                if calls[callID] == nil { calls[callID] = try await Self.call(id: callID, on: sql) }
                guard let call = calls[callID] else { continue }
                due.append(DueReminder(call: call, enterpriseID: try row.decode(column: "enterprise_id", as: String.self),
                                       addresses: try row.decode(column: "addresses", as: String.self).split(separator: ",").map(String.init)))
            }
            return due
        }
    }

    /// Queues one recipient's reminder, unless it was reminded or answered meanwhile (by this
    /// or another instance: the update is conditional); true when queued.
    func remind(_ callID: String, enterpriseID: String, drafts: [MailDraft], links: [(hash: String, purpose: LinkPurpose, expiresAt: Date)],
                mail: any MailQueue, now: Date) async throws -> Bool {
        let today = CalendarDay.string(from: now)
        return try await database.unitOfWork(now: now) { work in
            guard try await work.sql.raw("""
                UPDATE call_recipients SET reminded_at = \(bind: Timestamp.string(from: now))
                WHERE call_id = \(bind: callID) AND enterprise_id = \(bind: enterpriseID) AND reminded_at IS NULL AND answer IS NULL
                  AND EXISTS (SELECT 1 FROM calls_for_interest c WHERE c.id = \(bind: callID) AND c.status = 'sent' AND c.deadline >= \(bind: today))
                RETURNING call_id
                """).first() != nil else { return false }
            for link in links { try await Self.insertLink(link, callID: callID, enterpriseID: enterpriseID, now: now, on: work.sql) }
            for draft in drafts { try await work.send(draft, through: mail) }
            return true
        }
    }

    // MARK: Rows

    private func place(_ file: CallFile, bytes: [UInt8]) throws -> (CallFile, [UInt8]?, String?) {
        guard let folder else { return (file, bytes, nil) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + file.id
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return (file, nil, file.id)
    }

    private static func isEditable(_ callID: String, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.select().column("id").from("calls_for_interest").where("id", .equal, SQLBind(callID))
            .where(SQLColumn("status"), .in, SQLBind.group(["draft", "proposed"])).first() != nil
    }

    private static func touch(_ callID: String, now: Date, on sql: any SQLDatabase) async throws {
        try await sql.update("calls_for_interest").set("updated_at", to: SQLBind(Timestamp.string(from: now)))
            .where("id", .equal, SQLBind(callID)).run()
    }

    private static func lastPosition(_ callID: String, on sql: any SQLDatabase) async throws -> Int {
        let row = try await sql.raw("SELECT MAX(position) AS last FROM call_recipients WHERE call_id = \(bind: callID)").first()
        return (try row?.decodeNil(column: "last") ?? true) ? 0 : try row!.decode(column: "last", as: Int.self)
    }

    private static func insert(_ call: CallForInterest, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "calls_for_interest")
            .columns("id", "municipality_code", "owner_id", "title", "description", "kind", "sectors", "place_kind", "place_code", "place_region",
                     "amount_band", "deadline", "status", "cancel_message", "source_list_id", "created_at", "updated_at")
            .values(SQLBind(call.id), SQLBind(call.municipalityCode), SQLBind(call.ownerID), SQLBind(call.title), SQLBind(call.description),
                    SQLBind(call.kind.rawValue), SQLBind(call.sectors.joined(separator: ",")), SQLBind(call.placeKind.rawValue), SQLBind(call.placeCode),
                    SQLBind(call.placeRegion), SQLBind(call.amountBand.rawValue), SQLBind(call.deadline), SQLBind(call.status.rawValue),
                    SQLBind(call.cancelMessage), SQLBind(call.sourceListID), SQLBind(Timestamp.string(from: call.createdAt)),
                    SQLBind(Timestamp.string(from: call.updatedAt)))
            .run()
    }

    private static func insert(_ recipient: CallRecipient, callID: String, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "call_recipients").columns("call_id", "enterprise_id", "position", "origin", "reasons", "score")
            .values(SQLBind(callID), SQLBind(recipient.enterpriseID), SQLBind(recipient.position), SQLBind(recipient.origin.rawValue),
                    SQLBind(recipient.reasons.joined(separator: "\n")), SQLBind(recipient.score))
            .run()
    }

    private static func insert(_ file: CallFile, bytes: [UInt8]?, path: String?, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "call_files")
            .columns("id", "call_id", "enterprise_id", "file_name", "content_type", "size", "bytes", "stored_path", "created_at")
            .values(SQLBind(file.id), SQLBind(file.callID), SQLBind(file.enterpriseID), SQLBind(file.fileName), SQLBind(file.contentType),
                    SQLBind(file.size), SQLBind(bytes.map { Data($0) }), SQLBind(path), SQLBind(Timestamp.string(from: file.createdAt)))
            .run()
    }

    private static func insertLink(_ link: (hash: String, purpose: LinkPurpose, expiresAt: Date), callID: String, enterpriseID: String,
                                   now: Date, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "call_links").columns("token_hash", "purpose", "call_id", "enterprise_id", "created_at", "expires_at")
            .values(SQLBind(link.hash), SQLBind(link.purpose.rawValue), SQLBind(callID), SQLBind(enterpriseID),
                    SQLBind(Timestamp.string(from: now)), SQLBind(Timestamp.string(from: link.expiresAt)))
            .run()
    }

    private static func date(_ row: any SQLRow, _ column: String) throws -> Date? {
        try row.decode(column: column, as: String?.self).flatMap(Timestamp.date(from:))
    }

    private static func decodeListed(_ row: any SQLRow) throws -> Listed {
        let ownerName = try row.decode(column: "owner_name", as: String.self)
        let call = CallForInterest(
            id: try row.decode(column: "id", as: String.self),
            municipalityCode: try row.decode(column: "municipality_code", as: String.self),
            ownerID: try row.decode(column: "owner_id", as: String.self),
            ownerName: ownerName.isEmpty ? try row.decode(column: "owner_email", as: String.self) : ownerName,
            ownerEmail: try row.decode(column: "owner_email", as: String.self),
            title: try row.decode(column: "title", as: String.self),
            description: try row.decode(column: "description", as: String.self),
            kind: ContractKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .services,
            sectors: try row.decode(column: "sectors", as: String.self).split(separator: ",").map(String.init),
            placeKind: CallForInterest.PlaceKind(rawValue: try row.decode(column: "place_kind", as: String.self)) ?? .municipality,
            placeCode: try row.decode(column: "place_code", as: String.self),
            placeRegion: try row.decode(column: "place_region", as: String.self),
            amountBand: CallForInterest.AmountBand(rawValue: try row.decode(column: "amount_band", as: String.self)) ?? .unknown,
            deadline: try row.decode(column: "deadline", as: String.self),
            status: CallForInterest.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft,
            cancelMessage: try row.decode(column: "cancel_message", as: String.self),
            sourceListID: try row.decode(column: "source_list_id", as: String?.self),
            createdAt: try date(row, "created_at") ?? .distantPast,
            updatedAt: try date(row, "updated_at") ?? .distantPast,
            sentAt: try date(row, "sent_at"),
            closedAt: try date(row, "closed_at"))
        return Listed(call: call, recipients: try row.decode(column: "recipient_count", as: Int.self),
                      reached: try row.decode(column: "reached_count", as: Int.self),
                      interested: try row.decode(column: "interested_count", as: Int.self))
    }

    private static func decodeRecipient(_ row: any SQLRow) throws -> CallRecipient {
        let reasons = try row.decode(column: "reasons", as: String.self)
        let addresses = try row.decode(column: "addresses", as: String.self)
        return CallRecipient(
            enterpriseID: try row.decode(column: "enterprise_id", as: String.self),
            position: try row.decode(column: "position", as: Int.self),
            origin: CallRecipient.Origin(rawValue: try row.decode(column: "origin", as: String.self)) ?? .buyer,
            reasons: reasons.isEmpty ? [] : reasons.components(separatedBy: "\n"),
            score: try row.decode(column: "score", as: Int.self),
            addresses: addresses.isEmpty ? [] : addresses.components(separatedBy: ","),
            queuedAt: try date(row, "queued_at"),
            openedAt: try date(row, "opened_at"),
            answer: try row.decode(column: "answer", as: String?.self).flatMap(CallRecipient.Answer.init(rawValue:)),
            answerMessage: try row.decode(column: "answer_message", as: String.self),
            declineReason: CallRecipient.DeclineReason(rawValue: try row.decode(column: "answer_reason", as: String.self)),
            contactName: try row.decode(column: "contact_name", as: String.self),
            contactEmail: try row.decode(column: "contact_email", as: String.self),
            contactPhone: try row.decode(column: "contact_phone", as: String.self),
            answeredAt: try date(row, "answered_at"),
            remindedAt: try date(row, "reminded_at"),
            delivery: .none)
    }

    private static func decodeFile(_ row: any SQLRow) throws -> CallFile {
        CallFile(id: try row.decode(column: "id", as: String.self), callID: try row.decode(column: "call_id", as: String.self),
                 enterpriseID: try row.decode(column: "enterprise_id", as: String?.self),
                 fileName: try row.decode(column: "file_name", as: String.self), contentType: try row.decode(column: "content_type", as: String.self),
                 size: try row.decode(column: "size", as: Int.self), createdAt: try date(row, "created_at") ?? .distantPast)
    }
}

extension CallRecipient {
    /// A recipient not sent anything yet.
    static func fresh(_ enterpriseID: String, position: Int, origin: Origin, reasons: [String], score: Int) -> CallRecipient {
        CallRecipient(enterpriseID: enterpriseID, position: position, origin: origin, reasons: reasons, score: score, addresses: [], queuedAt: nil,
                      openedAt: nil, answer: nil, answerMessage: "", declineReason: nil, contactName: "", contactEmail: "", contactPhone: "",
                      answeredAt: nil, remindedAt: nil, delivery: .none)
    }
}
