import Foundation
import SQLKit

/// Changes to an enterprise proposed by someone who may not save them (its representative, or the
/// enterprise through a confirmation link), waiting for a hub editor's decision.
public struct Proposal: Sendable, Equatable {
    public enum Status: String, Sendable {
        case pending
        case approved
        case rejected

        public var label: String {
            switch self {
            case .pending: "en attente"
            case .approved: "approuvée"
            case .rejected: "refusée"
            }
        }
    }

    public var id: String
    public var enterpriseID: String
    /// The version the proposal was made from; approving it is a write expecting that version.
    public var baseVersion: Int
    public var profile: EnterpriseProfile
    public var proposedByID: String?
    public var proposer: String
    /// Where the decision is sent.
    public var proposerEmail: String?
    public var proposedAt: Date
    public var status: Status
    public var decidedBy: String?
    public var decidedAt: Date?
    public var message: String?
    /// True once the managers' personal data and the proposer's address were erased (Loi 25,
    /// see `RetentionStore`), 24 months after the decision.
    public var personalDataErased: Bool = false
}

public struct ProposalStore: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    static func insert(_ p: Proposal, on sql: any SQLDatabase) async throws {
        let profile = try StoredProfile.encode(p.profile)
        try await sql.insert(into: "proposals")
            .columns("id", "enterprise_id", "base_version", "profile", "proposed_by", "proposer", "proposer_email", "proposed_at", "status")
            .values(SQLBind(p.id), SQLBind(p.enterpriseID), SQLBind(p.baseVersion), SQLBind(profile), SQLBind(p.proposedByID),
                    SQLBind(String(p.proposer.prefix(300))), SQLBind(p.proposerEmail), SQLBind(Timestamp.string(from: p.proposedAt)),
                    SQLBind(p.status.rawValue))
            .run()
    }

    /// Records the decision; false when the proposal was no longer pending (decided meanwhile).
    static func decide(_ id: String, _ status: Proposal.Status, by label: String, message: String?, now: Date, on sql: any SQLDatabase) async throws -> Bool {
        guard let row = try await sql.select().column("status").from("proposals").where("id", .equal, SQLBind(id)).first(),
              try row.decode(column: "status", as: String.self) == Proposal.Status.pending.rawValue else { return false }
        try await sql.update("proposals").set("status", to: SQLBind(status.rawValue)).set("decided_by", to: SQLBind(String(label.prefix(300))))
            .set("decided_at", to: SQLBind(Timestamp.string(from: now))).set("message", to: SQLBind(message))
            .where("id", .equal, SQLBind(id)).run()
        return true
    }

    public func pending() async throws -> [Proposal] {
        try await database.read { sql in
            try await sql.select().column(SQLLiteral.all).from("proposals").where("status", .equal, SQLBind(Proposal.Status.pending.rawValue))
                .orderBy("proposed_at").all().map(Self.decode)
        }
    }

    public func find(_ id: String) async throws -> Proposal? {
        try await database.read { sql in
            try await sql.select().column(SQLLiteral.all).from("proposals").where("id", .equal, SQLBind(id)).first().map(Self.decode)
        }
    }

    /// An enterprise's proposals, newest first.
    public func proposals(of enterpriseID: String) async throws -> [Proposal] {
        try await database.read { sql in
            try await sql.select().column(SQLLiteral.all).from("proposals").where("enterprise_id", .equal, SQLBind(enterpriseID))
                .orderBy("proposed_at", .descending).limit(50).all().map(Self.decode)
        }
    }

    static func decode(_ row: any SQLRow) throws -> Proposal {
        Proposal(id: try row.decode(column: "id", as: String.self), enterpriseID: try row.decode(column: "enterprise_id", as: String.self),
                 baseVersion: try row.decode(column: "base_version", as: Int.self),
                 profile: try StoredProfile.decode(try row.decode(column: "profile", as: String.self)),
                 proposedByID: try row.decode(column: "proposed_by", as: String?.self), proposer: try row.decode(column: "proposer", as: String.self),
                 proposerEmail: try row.decode(column: "proposer_email", as: String?.self),
                 proposedAt: Timestamp.date(from: try row.decode(column: "proposed_at", as: String.self)) ?? .distantPast,
                 status: Proposal.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .pending,
                 decidedBy: try row.decode(column: "decided_by", as: String?.self),
                 decidedAt: try row.decode(column: "decided_at", as: String?.self).flatMap(Timestamp.date(from:)),
                 message: try row.decode(column: "message", as: String?.self),
                 personalDataErased: try row.decode(column: "personal_data_erased_at", as: String?.self) != nil)
    }
}
