import SQLKit

struct CreateEnterprises: Migration {
    let id = 2
    let name = "create enterprises"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute([
            """
            CREATE TABLE enterprises (
                id TEXT PRIMARY KEY,
                slug TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                other_names TEXT NOT NULL,
                neq TEXT UNIQUE,
                legal_form TEXT NOT NULL,
                founded_year BIGINT,
                status TEXT NOT NULL,
                mission TEXT,
                mission_en TEXT,
                address TEXT,
                municipality_code TEXT REFERENCES municipalities(code),
                postal_code TEXT,
                region_code TEXT NOT NULL REFERENCES regions(code),
                latitude DOUBLE PRECISION,
                longitude DOUBLE PRECISION,
                service_area TEXT NOT NULL,
                phone TEXT,
                email TEXT,
                website TEXT,
                benefits_text TEXT,
                employees BIGINT,
                integration_employees BIGINT,
                volunteers BIGINT,
                members BIGINT,
                people_served BIGINT,
                offers_to_municipalities BOOLEAN NOT NULL,
                last_verified TEXT,
                source TEXT,
                is_fictional BOOLEAN NOT NULL,
                version BIGINT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                archived_at TEXT
            )
            """,
            "CREATE INDEX enterprises_region ON enterprises(region_code)",
            "CREATE INDEX enterprises_municipality ON enterprises(municipality_code)",
            "CREATE INDEX enterprises_name ON enterprises(name)",
            """
            CREATE TABLE enterprise_sectors (
                enterprise_id TEXT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
                sector_slug TEXT NOT NULL REFERENCES sectors(slug),
                position BIGINT NOT NULL,
                PRIMARY KEY (enterprise_id, sector_slug)
            )
            """,
            "CREATE INDEX enterprise_sectors_sector ON enterprise_sectors(sector_slug)",
            """
            CREATE TABLE enterprise_certifications (
                enterprise_id TEXT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
                certification_slug TEXT NOT NULL REFERENCES certifications(slug),
                position BIGINT NOT NULL,
                PRIMARY KEY (enterprise_id, certification_slug)
            )
            """,
            """
            CREATE TABLE offerings (
                enterprise_id TEXT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                name TEXT NOT NULL,
                description TEXT,
                kind TEXT NOT NULL,
                offered_to_municipalities BOOLEAN NOT NULL,
                PRIMARY KEY (enterprise_id, position)
            )
            """,
            """
            CREATE TABLE managers (
                enterprise_id TEXT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                name TEXT NOT NULL,
                role TEXT,
                email TEXT,
                phone TEXT,
                PRIMARY KEY (enterprise_id, position)
            )
            """,
            """
            CREATE TABLE municipal_contracts (
                enterprise_id TEXT NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                municipality TEXT NOT NULL,
                year BIGINT NOT NULL,
                description TEXT NOT NULL,
                amount BIGINT,
                PRIMARY KEY (enterprise_id, position)
            )
            """,
        ])
    }
}
