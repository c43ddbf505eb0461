import Foundation
import SQLKit

extension EnterpriseStore {
    /// The enterprises added to the directory since `since`, or founded in `foundedSince` or
    /// later, newest first (archived ones left out): the hub's « nouvelles entreprises », of a region or all of Quebec.
    public func recent(since: Date, foundedSince year: Int, region: String? = nil, limit: Int) async throws -> [(id: String, addedAt: Date, foundedYear: Int?)] {
        try await database.read { sql in
            let inRegion: SQLQueryString = region.map { "AND region_code = \(bind: $0)" } ?? ""
            return try await sql.raw("""
                SELECT id, created_at, founded_year FROM enterprises
                WHERE archived_at IS NULL \(inRegion) AND (created_at >= \(bind: Timestamp.string(from: since)) OR founded_year >= \(bind: year))
                ORDER BY created_at DESC, id DESC LIMIT \(literal: max(1, limit))
                """).all().map { row in
                (try row.decode(column: "id", as: String.self),
                 Timestamp.date(from: try row.decode(column: "created_at", as: String.self)) ?? .distantPast,
                 try row.decode(column: "founded_year", as: Int?.self))
            }
        }
    }
}
