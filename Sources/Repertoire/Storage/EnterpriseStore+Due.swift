import SQLKit

/// The records due for verification (`/gestion/a-verifier`): counted and paged by the database,
/// so a hub with thousands due sees them all, page by page, with the true total.
extension EnterpriseStore {
    /// What the to-verify list shows of a record: no need to load its offerings and managers.
    public struct DueRecord: Sendable, Equatable {
        public var id: String
        public var slug: String
        public var name: String
        public var municipalityCode: String?
        public var regionCode: String?
        public var lastVerified: String?
        public var email: String?
    }

    /// Active records never verified or last verified before `day` (`YYYY-MM-DD`), of `regions`
    /// only when given: the never-verified first, then the oldest, then by name.
    public func due(before day: String, regions: Set<String>?, limit: Int, offset: Int) async throws -> (total: Int, records: [DueRecord]) {
        if let regions, regions.isEmpty { return (0, []) }
        return try await database.read { sql in
            func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
                query.from("enterprises")
                    .where("archived_at", .is, SQLLiteral.null)
                    .where { $0.where("last_verified", .is, SQLLiteral.null).orWhere("last_verified", .lessThan, SQLBind(day)) }
                if let regions { query.where("region_code", .in, regions.sorted()) }
                return query
            }
            let total = try await filtered(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"))
                .first()?.decode(column: "n", as: Int.self) ?? 0
            // Never verified sorts first: '' comes before every date.
            let rows = try await filtered(sql.select().columns("id", "slug", "name", "municipality_code", "region_code", "last_verified", "email"))
                .orderBy(SQLFunction("COALESCE", args: SQLColumn("last_verified"), SQLLiteral.string("")))
                .orderBy("name").orderBy("id")
                .limit(limit).offset(offset).all()
            let records = try rows.map { row in
                DueRecord(id: try row.decode(column: "id", as: String.self), slug: try row.decode(column: "slug", as: String.self),
                          name: try row.decode(column: "name", as: String.self),
                          municipalityCode: try row.decode(column: "municipality_code", as: String?.self),
                          regionCode: try row.decode(column: "region_code", as: String?.self),
                          lastVerified: try row.decode(column: "last_verified", as: String?.self),
                          email: try row.decode(column: "email", as: String?.self))
            }
            return (total, records)
        }
    }
}
