import Foundation

/// Where the data lives, parsed from `--database` / `DATABASE_URL`.
///
/// - `sqlite:///absolute/path.sqlite`, `sqlite://relative/path.sqlite` or a bare path ending in
///   `.sqlite`/`.db`: an embedded SQLite file (created if missing);
/// - `sqlite::memory:`: a throwaway in-memory database (tests);
/// - `postgres://user:password@host:5432/database?sslmode=require`: PostgreSQL.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(PostgresSettings)

    public struct PostgresSettings: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String
        public enum TLSMode: String, Sendable { case disable, prefer, require }
        public var tls: TLSMode
    }

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func parse(_ raw: String) throws(ParseError) -> DatabaseLocation {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { throw ParseError(description: "the database location is empty") }
        if text == "sqlite::memory:" || text == ":memory:" { return .sqliteMemory }
        if text.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw ParseError(description: "\(raw): no file path after sqlite://") }
            return .sqliteFile(path: path)
        }
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
                throw ParseError(description: "\(redact(raw)) is not a valid PostgreSQL URL (postgres://user:password@host:5432/database)")
            }
            guard let user = url.user, !user.isEmpty else {
                throw ParseError(description: "\(redact(raw)): the URL names no user (postgres://user@host/database)")
            }
            let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
            guard !database.isEmpty else {
                throw ParseError(description: "\(redact(raw)): the URL names no database (…/database at the end)")
            }
            let modeText = url.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer"
            let mode: PostgresSettings.TLSMode
            switch modeText {
            case "disable": mode = .disable
            case "allow", "prefer": mode = .prefer
            case "require", "verify-ca", "verify-full": mode = .require
            default: throw ParseError(description: "sslmode=\(modeText) is not supported (disable, prefer or require)")
            }
            return .postgres(PostgresSettings(
                host: host, port: url.port ?? 5432, username: user.removingPercentEncoding ?? user,
                password: url.password?.removingPercentEncoding, database: database, tls: mode))
        }
        if text.contains("://") {
            throw ParseError(description: "\(redact(raw)): unknown database kind; use sqlite://path/file.sqlite or postgres://…")
        }
        if text.hasSuffix(".sqlite") || text.hasSuffix(".db") || text.hasSuffix(".sqlite3") {
            return .sqliteFile(path: text)
        }
        throw ParseError(description: "\(redact(raw)): expected sqlite://path/file.sqlite, a path ending in .sqlite, or postgres://user@host/database")
    }

    public var isPostgres: Bool { if case .postgres = self { true } else { false } }

    /// The location without its password, fit for logs.
    public var description: String {
        switch self {
        case .sqliteFile(let path): "sqlite://\(path)"
        case .sqliteMemory: "sqlite::memory:"
        case .postgres(let settings): "postgres://\(settings.username)@\(settings.host):\(settings.port)/\(settings.database)"
        }
    }

    static func redact(_ raw: String) -> String {
        guard var url = URLComponents(string: raw), url.password != nil else { return raw }
        url.password = "***"
        return url.string ?? raw
    }
}
