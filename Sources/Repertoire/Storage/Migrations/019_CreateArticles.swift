import SQLKit

/// « Économie sociale, J'achète! » (issue #17): the hub's articles (trainings, collaboration
/// stories, news) with the enterprises they are about, every version of each, and the images
/// uploaded for them. Articles are archived, never deleted.
struct CreateArticles: Migration {
    let id = 19
    let name = "create articles"

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        let blob = dialect == .postgres ? "BYTEA" : "BLOB"
        try await sql.execute([
            """
            CREATE TABLE articles (
                id TEXT PRIMARY KEY,
                slug TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                status TEXT NOT NULL,
                title_fr TEXT NOT NULL,
                summary_fr TEXT NOT NULL,
                body_fr TEXT NOT NULL,
                title_en TEXT NOT NULL DEFAULT '',
                summary_en TEXT NOT NULL DEFAULT '',
                body_en TEXT NOT NULL DEFAULT '',
                regions TEXT NOT NULL DEFAULT '',
                tags TEXT NOT NULL DEFAULT '',
                publish_at TEXT,
                starts_at TEXT,
                details TEXT NOT NULL DEFAULT '{}',
                version BIGINT NOT NULL,
                created_by TEXT REFERENCES users(id),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX articles_status ON articles (status, publish_at)",
            "CREATE INDEX articles_starts ON articles (starts_at)",
            """
            CREATE TABLE article_enterprises (
                article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                enterprise_id TEXT NOT NULL REFERENCES enterprises(id),
                position BIGINT NOT NULL,
                PRIMARY KEY (article_id, enterprise_id)
            )
            """,
            "CREATE INDEX article_enterprises_enterprise ON article_enterprises (enterprise_id)",
            """
            CREATE TABLE article_revisions (
                article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                version BIGINT NOT NULL,
                action TEXT NOT NULL,
                snapshot TEXT NOT NULL,
                author_id TEXT REFERENCES users(id),
                author_name TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                PRIMARY KEY (article_id, version)
            )
            """,
            // Images for the articles' Markdown, checked from their bytes when uploaded.
            """
            CREATE TABLE article_images (
                id TEXT PRIMARY KEY,
                content_type TEXT NOT NULL,
                bytes \(blob) NOT NULL,
                alt TEXT NOT NULL,
                created_by TEXT REFERENCES users(id),
                created_at TEXT NOT NULL
            )
            """,
        ])
    }
}
