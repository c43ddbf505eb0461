import SQLKit

struct CreateReferenceTables: Migration {
    let id = 1
    let name = "create reference tables"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            """
            CREATE TABLE regions (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                slug TEXT NOT NULL UNIQUE
            )
            """,
            """
            CREATE TABLE sectors (
                slug TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                name_en TEXT NOT NULL,
                position BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE certifications (
                slug TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                name_en TEXT NOT NULL,
                position BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE municipalities (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                region_code TEXT NOT NULL REFERENCES regions(code),
                mrc TEXT,
                designation TEXT,
                population BIGINT,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX municipalities_region ON municipalities(region_code)",
            """
            CREATE TABLE app_settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )
            """,
        ])
        // Reference rows are part of the schema: the domain's fixed lists at the time of writing.
        for region in Region.all {
            try await sql.insert(into: "regions").columns("code", "name", "slug")
                .values(SQLBind(region.code), SQLBind(region.name), SQLBind(region.slug)).run()
        }
        for (position, sector) in Sector.all.enumerated() {
            try await sql.insert(into: "sectors").columns("slug", "name", "name_en", "position")
                .values(SQLBind(sector.slug), SQLBind(sector.name), SQLBind(sector.nameEnglish), SQLBind(position)).run()
        }
        for (position, certification) in Certification.all.enumerated() {
            try await sql.insert(into: "certifications").columns("slug", "name", "name_en", "position")
                .values(SQLBind(certification.slug), SQLBind(certification.name), SQLBind(certification.nameEnglish), SQLBind(position)).run()
        }
    }
}
