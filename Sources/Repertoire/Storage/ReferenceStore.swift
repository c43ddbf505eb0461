import Foundation
import SQLKit

/// Municipalities and settings: the reference data that lives in the database.
public struct ReferenceStore: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func municipalities() async throws -> [Municipality] {
        try await database.read { sql in
            try await sql.select().columns("code", "name", "region_code", "mrc", "designation", "population")
                .from("municipalities").orderBy("name").orderBy("code").all()
                .map(Self.decodeMunicipality)
        }
    }

    public func catalog() async throws -> MunicipalityCatalog {
        MunicipalityCatalog(try await municipalities())
    }

    public struct UpsertCounts: Sendable, Equatable {
        public var created = 0
        public var updated = 0
        public var unchanged = 0
    }

    /// Inserts new municipalities and updates changed ones, in one transaction; running it twice
    /// with the same list changes nothing the second time.
    public func upsertMunicipalities(_ municipalities: [Municipality], now: Date = Date()) async throws -> UpsertCounts {
        return try await database.write { sql, log in
            let existing = Dictionary(
                try await sql.select().columns("code", "name", "region_code", "mrc", "designation", "population")
                    .from("municipalities").all().map(Self.decodeMunicipality).map { ($0.code, $0) },
                uniquingKeysWith: { first, _ in first })
            var counts = UpsertCounts()
            let stamp = Timestamp.string(from: now)
            var inserts: [Municipality] = []
            for municipality in municipalities {
                if let current = existing[municipality.code] {
                    if current == municipality {
                        counts.unchanged += 1
                    } else {
                        try await sql.update("municipalities")
                            .set("name", to: SQLBind(municipality.name))
                            .set("region_code", to: SQLBind(municipality.regionCode))
                            .set("mrc", to: SQLBind(municipality.mrc))
                            .set("designation", to: SQLBind(municipality.designation))
                            .set("population", to: SQLBind(municipality.population))
                            .set("updated_at", to: SQLBind(stamp))
                            .where("code", .equal, SQLBind(municipality.code)).run()
                        counts.updated += 1
                    }
                } else {
                    inserts.append(municipality)
                    counts.created += 1
                }
            }
            for chunk in inserts.chunked(by: 300) {
                let insert = sql.insert(into: "municipalities")
                    .columns("code", "name", "region_code", "mrc", "designation", "population", "updated_at")
                for m in chunk {
                    insert.values(SQLBind(m.code), SQLBind(m.name), SQLBind(m.regionCode), SQLBind(m.mrc),
                                  SQLBind(m.designation), SQLBind(m.population), SQLBind(stamp))
                }
                try await insert.run()
            }
            if counts.created + counts.updated > 0 {
                // Followers reload their catalogue of municipalities when they see this.
                try await log.record([(id: "*", action: "import", version: 0)], entity: "municipalities", at: now)
            }
            return counts
        }
    }

    /// A value of the app's own settings (e.g. whether demo data was loaded).
    public func setting(_ key: String) async throws -> String? {
        try await database.read { sql in
            try await sql.select().column("value").from("app_settings").where("key", .equal, SQLBind(key))
                .first()?.decode(column: "value", as: String.self)
        }
    }

    /// The setting's value; `value` is stored first when there is none. Instances starting
    /// together all get the one that was stored first.
    func setting(_ key: String, orCreate value: String) async throws -> String {
        try await database.transaction { sql in
            try await sql.insert(into: "app_settings").columns("key", "value").values(SQLBind(key), SQLBind(value))
                .ignoringConflicts(with: ["key"]).run()
            guard let row = try await sql.select().column("value").from("app_settings").where("key", .equal, SQLBind(key)).first() else {
                throw StoreError.notFound(id: key)
            }
            return try row.decode(column: "value", as: String.self)
        }
    }

    public func setSetting(_ key: String, to value: String) async throws {
        try await database.transaction { sql in
            try await sql.delete(from: "app_settings").where("key", .equal, SQLBind(key)).run()
            try await sql.insert(into: "app_settings").columns("key", "value").values(SQLBind(key), SQLBind(value)).run()
        }
    }

    private static func decodeMunicipality(_ row: any SQLRow) throws -> Municipality {
        Municipality(
            code: try row.decode(column: "code", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            regionCode: try row.decode(column: "region_code", as: String.self),
            mrc: try row.decode(column: "mrc", as: String?.self),
            designation: try row.decode(column: "designation", as: String?.self),
            population: try row.decode(column: "population", as: Int?.self))
    }
}
