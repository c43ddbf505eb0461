import SQLKit

/// References that 005 and 007 left unchecked (issue #10), and the indexes the purge and the
/// archive listing need.
///
/// Nothing in the app deletes users, enterprises or import batches (they are deactivated,
/// archived or reverted), so each key's ON DELETE says what a manual deletion should do:
/// - rows that only qualify their parent go with it (a confirmation link for an enterprise);
/// - optional pointers become NULL (a user's municipality or enterprise, a proposal's author,
///   whose name stays in `proposer`);
/// - history refuses: an enterprise with revisions or proposals cannot be deleted (NO ACTION).
///
/// Rows that would violate a new key are repaired first, the same way, so that the migration
/// succeeds on any existing database. SQLite cannot add a constraint to a table: those tables
/// are rebuilt (see ``Migration/rebuildsTables``); PostgreSQL adds them in place.
struct AddForeignKeys: Migration {
    let id = 11
    let name = "add missing foreign keys and the purge indexes"
    let rebuildsTables = true

    /// Repairs rows that would violate the new keys: dangling optional references become NULL,
    /// rows that cannot exist without their parent are deleted.
    static let orphanRepairs = [
        "UPDATE users SET municipality_code = NULL WHERE municipality_code IS NOT NULL AND municipality_code NOT IN (SELECT code FROM municipalities)",
        "UPDATE users SET enterprise_id = NULL WHERE enterprise_id IS NOT NULL AND enterprise_id NOT IN (SELECT id FROM enterprises)",
        "DELETE FROM user_regions WHERE user_id NOT IN (SELECT id FROM users) OR region_code NOT IN (SELECT code FROM regions)",
        """
        DELETE FROM one_time_tokens
        WHERE (user_id IS NOT NULL AND user_id NOT IN (SELECT id FROM users))
           OR (enterprise_id IS NOT NULL AND enterprise_id NOT IN (SELECT id FROM enterprises))
        """,
        "DELETE FROM revisions WHERE enterprise_id NOT IN (SELECT id FROM enterprises)",
        "DELETE FROM proposals WHERE enterprise_id NOT IN (SELECT id FROM enterprises)",
        "UPDATE proposals SET proposed_by = NULL WHERE proposed_by IS NOT NULL AND proposed_by NOT IN (SELECT id FROM users)",
        "DELETE FROM import_batch_items WHERE batch_id NOT IN (SELECT id FROM import_batches)",
        "UPDATE import_batches SET imported_by_id = NULL WHERE imported_by_id IS NOT NULL AND imported_by_id NOT IN (SELECT id FROM users)",
    ]

    /// A table as it is after this migration: its definition (for SQLite's rebuild), its columns
    /// (copied as they are), its indexes, and the keys PostgreSQL adds in place.
    struct Table: Sendable {
        var name: String
        var definition: @Sendable (_ name: String) -> String
        var columns: [String]
        var indexes: [String]
        var postgresConstraints: [String]
    }

    static let tables: [Table] = [
        Table(
            name: "users",
            definition: { name in
                """
                CREATE TABLE \(name) (
                    id TEXT PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    password_hash TEXT,
                    municipality_code TEXT REFERENCES municipalities(code) ON DELETE SET NULL,
                    enterprise_id TEXT REFERENCES enterprises(id) ON DELETE SET NULL,
                    active BIGINT NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    last_sign_in_at TEXT
                )
                """
            },
            columns: ["id", "email", "name", "password_hash", "municipality_code", "enterprise_id", "active", "created_at", "updated_at",
                      "last_sign_in_at"],
            indexes: [],
            postgresConstraints: [
                "ALTER TABLE users ADD CONSTRAINT users_municipality_code_fkey FOREIGN KEY (municipality_code) REFERENCES municipalities(code) ON DELETE SET NULL",
                "ALTER TABLE users ADD CONSTRAINT users_enterprise_id_fkey FOREIGN KEY (enterprise_id) REFERENCES enterprises(id) ON DELETE SET NULL",
            ]),
        Table(
            name: "user_regions",
            definition: { name in
                """
                CREATE TABLE \(name) (
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    region_code TEXT NOT NULL REFERENCES regions(code),
                    PRIMARY KEY (user_id, region_code)
                )
                """
            },
            columns: ["user_id", "region_code"],
            indexes: [],
            postgresConstraints: [
                "ALTER TABLE user_regions ADD CONSTRAINT user_regions_region_code_fkey FOREIGN KEY (region_code) REFERENCES regions(code)",
            ]),
        Table(
            name: "one_time_tokens",
            definition: { name in
                """
                CREATE TABLE \(name) (
                    token_hash TEXT PRIMARY KEY,
                    purpose TEXT NOT NULL,
                    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
                    enterprise_id TEXT REFERENCES enterprises(id) ON DELETE CASCADE,
                    created_by TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL,
                    used_at TEXT
                )
                """
            },
            columns: ["token_hash", "purpose", "user_id", "enterprise_id", "created_by", "created_at", "expires_at", "used_at"],
            indexes: [
                "CREATE INDEX one_time_tokens_user ON one_time_tokens(user_id, purpose)",
                "CREATE INDEX one_time_tokens_enterprise ON one_time_tokens(enterprise_id)",
                "CREATE INDEX one_time_tokens_expires ON one_time_tokens(expires_at)",
                "CREATE INDEX one_time_tokens_used ON one_time_tokens(used_at)",
            ],
            postgresConstraints: [
                "ALTER TABLE one_time_tokens ADD CONSTRAINT one_time_tokens_enterprise_id_fkey FOREIGN KEY (enterprise_id) REFERENCES enterprises(id) ON DELETE CASCADE",
            ]),
        Table(
            name: "revisions",
            definition: { name in
                """
                CREATE TABLE \(name) (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    enterprise_id TEXT NOT NULL REFERENCES enterprises(id),
                    version BIGINT NOT NULL,
                    at TEXT NOT NULL,
                    actor_id TEXT,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    fields TEXT NOT NULL,
                    before_profile TEXT,
                    after_profile TEXT NOT NULL
                )
                """
            },
            columns: ["seq", "enterprise_id", "version", "at", "actor_id", "actor", "action", "fields", "before_profile", "after_profile"],
            indexes: [
                "CREATE INDEX revisions_enterprise ON revisions(enterprise_id, seq)",
                "CREATE INDEX revisions_at ON revisions(at)",
            ],
            postgresConstraints: [
                "ALTER TABLE revisions ADD CONSTRAINT revisions_enterprise_id_fkey FOREIGN KEY (enterprise_id) REFERENCES enterprises(id)",
            ]),
        Table(
            name: "proposals",
            definition: { name in
                """
                CREATE TABLE \(name) (
                    id TEXT PRIMARY KEY,
                    enterprise_id TEXT NOT NULL REFERENCES enterprises(id),
                    base_version BIGINT NOT NULL,
                    profile TEXT NOT NULL,
                    proposed_by TEXT REFERENCES users(id) ON DELETE SET NULL,
                    proposer TEXT NOT NULL,
                    proposer_email TEXT,
                    proposed_at TEXT NOT NULL,
                    status TEXT NOT NULL,
                    decided_by TEXT,
                    decided_at TEXT,
                    message TEXT
                )
                """
            },
            columns: ["id", "enterprise_id", "base_version", "profile", "proposed_by", "proposer", "proposer_email", "proposed_at", "status",
                      "decided_by", "decided_at", "message"],
            indexes: [
                "CREATE INDEX proposals_status ON proposals(status, proposed_at)",
                "CREATE INDEX proposals_enterprise ON proposals(enterprise_id)",
                "CREATE INDEX proposals_decided ON proposals(decided_at)",
            ],
            postgresConstraints: [
                "ALTER TABLE proposals ADD CONSTRAINT proposals_enterprise_id_fkey FOREIGN KEY (enterprise_id) REFERENCES enterprises(id)",
                "ALTER TABLE proposals ADD CONSTRAINT proposals_proposed_by_fkey FOREIGN KEY (proposed_by) REFERENCES users(id) ON DELETE SET NULL",
            ]),
    ]

    /// What the purge and the archive listing filter and sort on (tables not rebuilt above).
    static let otherIndexes = [
        "CREATE INDEX sessions_expires ON sessions(expires_at)",
        "CREATE INDEX sessions_last_seen ON sessions(last_seen_at)",
        "CREATE INDEX sign_in_failures_failed_at ON sign_in_failures(failed_at)",
        "CREATE INDEX enterprises_archived ON enterprises(archived_at) WHERE archived_at IS NOT NULL",
    ]

    func apply(on sql: any SQLDatabase, dialect: Dialect) async throws {
        try await sql.execute(Self.orphanRepairs)
        for table in Self.tables {
            switch dialect {
            case .postgres:
                try await sql.execute(table.postgresConstraints)
                // The indexes 005 and 007 made exist already.
                try await sql.execute(table.indexes.filter { statement in
                    !Self.existingIndexes.contains { statement.hasPrefix("CREATE INDEX \($0) ") }
                })
            case .sqlite:
                // SQLite's documented way to change a table's constraints: create, copy, drop,
                // rename, then recreate the indexes that went with the old table. The migrator
                // runs this with foreign keys off, so dropping `users` cascades nothing.
                let columns = table.columns.joined(separator: ", ")
                try await sql.execute([
                    table.definition("\(table.name)_rebuilt"),
                    "INSERT INTO \(table.name)_rebuilt (\(columns)) SELECT \(columns) FROM \(table.name)",
                    "DROP TABLE \(table.name)",
                    "ALTER TABLE \(table.name)_rebuilt RENAME TO \(table.name)",
                ] + table.indexes)
            }
        }
        try await sql.execute(Self.otherIndexes)
        if dialect == .sqlite {
            for table in Self.tables {
                let violations = try await sql.raw("PRAGMA foreign_key_check(\(unsafeRaw: table.name))").all()
                guard violations.isEmpty else { throw MigrationError(description: "\(table.name): \(violations.count) rows violate a foreign key after the rebuild") }
            }
        }
    }

    /// Indexes 005 and 007 already made; SQLite loses them with the old table, PostgreSQL keeps them.
    static let existingIndexes = ["one_time_tokens_user", "revisions_enterprise", "proposals_status", "proposals_enterprise"]
}

struct MigrationError: Error, CustomStringConvertible {
    var description: String
}
