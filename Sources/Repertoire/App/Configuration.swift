import Foundation
import Logging

/// Every setting of the app, read once at start: flags first, then environment variables, then
/// defaults. A wrong value stops the start with a message naming the setting.
public struct Configuration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var database: DatabaseLocation = .sqliteFile(path: "data/repertoire.sqlite")
    public var demoData: DemoDataPolicy = .whenEmpty
    /// A hub-editable synonyms file for the search engine; the built-in list when nil.
    public var synonymsFile: String?
    /// Enables the API's write endpoints for whoever presents it (`Authorization: Bearer …`)
    /// until personal accounts exist. Unset, the API is read-only.
    public var apiToken: String?
    public var logLevel: Logger.Level = .info
    /// bcrypt's cost for new passwords (2^cost rounds); 12 takes about a quarter second here.
    public var bcryptCost = 12
    /// Behind a reverse proxy, the client's address is read from X-Forwarded-For.
    public var trustForwardedFor = false
    /// How many trusted proxies append to X-Forwarded-For: the client's address is the entry
    /// that many places from the right (what the outermost trusted proxy saw). Entries further
    /// left come from the client and are never believed.
    public var proxyHops = 1
    /// The address people reach the site at, for canonical links and the sitemap
    /// (`https://repertoire.example`); by default the address the server listens on.
    public var publicURL: String?
    /// How often other instances' writes are looked for, in milliseconds.
    public var followIntervalMilliseconds = 500
    /// How often the retention purge runs (`RetentionService`; also once at start). Nil: never,
    /// for tests that need what they stored, expired or not, to stay put.
    public var purgeInterval: Duration? = .seconds(3600)
    /// The From of every e-mail the app sends.
    public var mailFrom = Configuration.defaultMailFrom
    /// Seconds before the server closes a connection with no request in progress (a kept-alive
    /// connection, or one whose request headers have not all arrived).
    public var idleTimeoutSeconds = 30
    /// Rows of an export by a visitor who is not signed in.
    public var anonymousExportRows = 5_000
    /// Exports per minute and client address by visitors who are not signed in.
    public var anonymousExportsPerMinute = 10
    /// Memory for the shared pages of visitors who are not signed in (``PageCache``); 0 keeps none.
    public var pageCacheMegabytes = 32
    /// How long an import's apply, revert or big plan is waited for before its progress page is
    /// shown instead (a small file's import is done by then).
    public var importWaitMilliseconds = 2_000
    /// The maps' tile server; nil shows the markers on a blank background.
    public var mapTiles: MapTiles? = .openStreetMap
    /// Largest file of a call for interest (the buyer's attachments, the answers' documents).
    public var callFileMegabytes = 10
    /// Where those files are kept; nil keeps them in the database.
    public var callFilesDirectory: String?
    /// Days before a call's deadline when enterprises that have not answered are reminded.
    public var callReminderDays = 3
    /// « Nouvelles entreprises » of the J'achète hub: added or founded within this many months.
    public var newEnterpriseMonths = 6
    /// How often due reminders are looked for; nil: never (tests send them by hand).
    public var callReminderInterval: Duration? = .seconds(900)
    /// How often the J'achète digests due are looked for; nil: never (tests send them by hand).
    public var digestInterval: Duration? = .seconds(1800)
    /// How often the alerts of new SEAO calls are looked for (nil: never, as in tests that send them themselves).
    public var tenderAlertInterval: Duration? = .seconds(900)
    /// The CKAN `package_show` address of SEAO's dataset on Données Québec: when set, the new
    /// weekly files are imported on Mondays (looked for every hour).
    public var seaoPortalURL: String? = nil
    public var seaoPortalInterval: Duration = .seconds(3600)
    /// Where e-mail goes; nil means `.eml` files in ``defaultMailDirectory``.
    public var mailTransport: MailTransport?

    public enum DemoDataPolicy: String, Sendable, CaseIterable {
        /// Fill an empty database with the fictional demo set on first start.
        case whenEmpty = "auto"
        case never
    }

    public init() {}

    /// Cookies get the `Secure` attribute when the site is served over HTTPS.
    var secureCookies: Bool { publicURL?.lowercased().hasPrefix("https://") ?? false }

    var publicBaseURL: String {
        if let publicURL { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        // A server listening on every address is reached, from this machine, at localhost.
        let reachable = ["0.0.0.0", "::", "[::]", "*"].contains(host) ? "localhost" : host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "http://\(reachable):\(port)"
    }

    static let defaultMailFrom = try! MailAddress("no-reply@localhost", name: "Répertoire")

    /// Without an SMTP server, e-mail is written to a folder: `mail/` beside a SQLite file, a
    /// folder in the system's temporary directory for an in-memory database, `data/mail` with
    /// PostgreSQL.
    var defaultMailDirectory: String {
        switch database {
        case .sqliteFile(let path):
            URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("mail").path
        case .sqliteMemory:
            FileManager.default.temporaryDirectory.appendingPathComponent("repertoire-mail").path
        case .postgres:
            "data/mail"
        }
    }

    var effectiveMailTransport: MailTransport {
        mailTransport ?? .directory(defaultMailDirectory)
    }

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var setting: String
        public var reason: String
        public var description: String { "Invalid setting \(setting): \(reason)" }
    }

    /// The environment variables read, with what each sets.
    public static let environmentVariables: [(name: String, meaning: String)] = [
        ("REPERTOIRE_HOST", "address to listen on (default 127.0.0.1)"),
        ("REPERTOIRE_PORT", "port to listen on (default 8080)"),
        ("DATABASE_URL", "sqlite://path/file.sqlite or postgres://user:password@host:5432/database (default sqlite://data/repertoire.sqlite)"),
        ("REPERTOIRE_DEMO_DATA", "auto (fill an empty database with fictional demo data) or never"),
        ("REPERTOIRE_SYNONYMS", "path of the search synonyms file"),
        ("REPERTOIRE_API_TOKEN", "secret enabling the API's write endpoints (at least 16 characters)"),
        ("REPERTOIRE_PUBLIC_URL", "the address people reach the site at, for canonical links and the sitemap (default http://HOST:PORT)"),
        ("REPERTOIRE_MAIL_FROM", "the From of the app's e-mail (default \"Répertoire <no-reply@localhost>\")"),
        ("REPERTOIRE_SMTP_URL", "send e-mail through this server: smtp://user:password@host:587 (STARTTLS required; ?starttls=opportunistic or none), smtps://…@host:465 (TLS)"),
        ("REPERTOIRE_MAIL_DIR", "without an SMTP server, write e-mail as .eml files here (default: mail/ beside the SQLite file)"),
        ("LOG_LEVEL", "trace, debug, info, notice, warning, error or critical (default info)"),
        ("REPERTOIRE_BCRYPT_COST", "bcrypt cost of new passwords, 4 to 16 (default 12)"),
        ("REPERTOIRE_TRUST_PROXY", "true behind a reverse proxy: take the client's address from X-Forwarded-For (default false)"),
        ("REPERTOIRE_PROXY_HOPS", "with REPERTOIRE_TRUST_PROXY, how many trusted proxies add to X-Forwarded-For, 1 to 10 (default 1): the client's address is that many entries from the right"),
        ("REPERTOIRE_IDLE_TIMEOUT", "seconds before closing a connection that is idle or still sending its request headers, 1 to 3600 (default 30)"),
        ("REPERTOIRE_EXPORT_ROWS", "rows of an export by a visitor who is not signed in, 1 to 100000 (default 5000)"),
        ("REPERTOIRE_EXPORTS_PER_MINUTE", "exports per minute and address by visitors who are not signed in, 1 to 10000 (default 10)"),
        ("REPERTOIRE_IMPORT_WAIT_MS", "milliseconds an import request waits for its background job before showing the progress page, 0 to 60000 (default 2000)"),
        ("REPERTOIRE_MAP_TILES", "the maps' tile server, an address with {z}, {x} and {y} on one host (default https://tile.openstreetmap.org/{z}/{x}/{y}.png); empty or none: markers without tiles"),
        ("REPERTOIRE_MAP_ATTRIBUTION", "the credit shown on the maps for the tiles (default « © les contributeurs d'OpenStreetMap »)"),
        ("REPERTOIRE_MAP_ATTRIBUTION_URL", "the credit's link (default https://www.openstreetmap.org/copyright)"),
        ("REPERTOIRE_CALL_FILE_MB", "largest file of a call for interest (attachments and answers' documents), in megabytes, 1 to 100 (default 10)"),
        ("REPERTOIRE_CALL_FILES_DIR", "keep the calls for interest's files in this folder instead of the database"),
        ("REPERTOIRE_CALL_REMINDER_DAYS", "days before a call for interest's deadline when enterprises that have not answered are reminded, 1 to 30 (default 3)"),
        ("REPERTOIRE_SEAO_PORTAL_URL", "the CKAN package_show address of SEAO's dataset on Données Québec (e.g. https://www.donneesquebec.ca/recherche/api/3/action/package_show?id=d23b2e02-085d-43e5-9e6e-e1d558ebfdd5): the new weekly files are then imported on Mondays (default: none, files imported with repertoire tenders import)"),
        ("REPERTOIRE_NEW_ENTERPRISE_MONTHS", "the J'achète hub lists as new the enterprises added to the directory, or founded, within this many months, 1 to 36 (default 6)"),
        ("REPERTOIRE_PAGE_CACHE_MB", "megabytes of memory for the pages visitors who are not signed in share (home, results, sectors, regions), kept until the next write or 60 s, 0 to 1024 (default 32; 0 renders every page for each request)"),
    ]

    /// Resolves the configuration. `flags` holds the command-line values (nil when not given),
    /// keyed by the environment variable they override.
    public static func resolve(flags: [String: String], environment: [String: String]) throws(Invalid) -> Configuration {
        var configuration = Configuration()
        func value(_ variable: String) -> (String, String)? {
            if let flag = flags[variable] { return (flagName(variable), flag) }
            if let env = environment[variable], !env.isEmpty { return (variable, env) }
            return nil
        }
        if let (name, host) = value("REPERTOIRE_HOST") {
            guard !host.isEmpty, !host.contains(where: { $0.isWhitespace }) else {
                throw Invalid(setting: name, reason: "'\(host)' is not a host name or address")
            }
            configuration.host = host
        }
        if let (name, port) = value("REPERTOIRE_PORT") {
            guard let number = Int(port), (0...65535).contains(number) else {
                throw Invalid(setting: name, reason: "'\(port)' is not a port number (0 to 65535)")
            }
            configuration.port = number
        }
        if let (name, url) = value("DATABASE_URL") {
            do {
                configuration.database = try DatabaseLocation.parse(url)
            } catch {
                throw Invalid(setting: name, reason: error.description)
            }
        }
        if let (name, policy) = value("REPERTOIRE_DEMO_DATA") {
            guard let parsed = DemoDataPolicy(rawValue: policy.lowercased()) else {
                throw Invalid(setting: name, reason: "'\(policy)' must be auto or never")
            }
            configuration.demoData = parsed
        }
        if let (_, path) = value("REPERTOIRE_SYNONYMS") {
            configuration.synonymsFile = path
        }
        if let (name, token) = value("REPERTOIRE_API_TOKEN") {
            guard token.count >= 16, !token.contains(where: { $0.isWhitespace }) else {
                throw Invalid(setting: name, reason: "the token must be at least 16 characters without spaces")
            }
            configuration.apiToken = token
        }
        if let (name, url) = value("REPERTOIRE_PUBLIC_URL") {
            guard let components = URLComponents(string: url), let scheme = components.scheme, ["http", "https"].contains(scheme),
                  components.host?.isEmpty == false, components.query == nil
            else {
                throw Invalid(setting: name, reason: "'\(url)' must be an http(s) address such as https://repertoire.example")
            }
            configuration.publicURL = url
        }
        if let (name, from) = value("REPERTOIRE_MAIL_FROM") {
            do {
                configuration.mailFrom = try MailAddress.parse(from)
            } catch {
                throw Invalid(setting: name, reason: "\(error.description); expected e.g. \"Répertoire <no-reply@repertoire.example>\"")
            }
        }
        let smtp = value("REPERTOIRE_SMTP_URL")
        let mailDirectory = value("REPERTOIRE_MAIL_DIR")
        var useSMTP = smtp != nil
        if let (name, _) = smtp, let (other, _) = mailDirectory {
            // A flag overrides the other setting's environment variable; two of a kind conflict.
            let smtpFlag = name.hasPrefix("--"), directoryFlag = other.hasPrefix("--")
            guard smtpFlag != directoryFlag else {
                throw Invalid(setting: name, reason: "\(other) is set too; e-mail goes either to an SMTP server or to a folder, so set only one")
            }
            useSMTP = smtpFlag
        }
        if useSMTP, let (name, url) = smtp {
            do {
                configuration.mailTransport = .smtp(try SMTPSettings.parse(url))
            } catch {
                throw Invalid(setting: name, reason: error.description)
            }
        }
        if !useSMTP, let (_, path) = mailDirectory {
            configuration.mailTransport = .directory(path)
        }
        if let (name, level) = value("LOG_LEVEL") {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw Invalid(setting: name, reason: "'\(level)' must be one of trace, debug, info, notice, warning, error, critical")
            }
            configuration.logLevel = parsed
        }
        if let (name, cost) = value("REPERTOIRE_BCRYPT_COST") {
            guard let number = Int(cost), (4...16).contains(number) else {
                throw Invalid(setting: name, reason: "'\(cost)' must be a number from 4 to 16")
            }
            configuration.bcryptCost = number
        }
        if let (name, trust) = value("REPERTOIRE_TRUST_PROXY") {
            switch trust.lowercased() {
            case "true", "1", "yes": configuration.trustForwardedFor = true
            case "false", "0", "no": configuration.trustForwardedFor = false
            default: throw Invalid(setting: name, reason: "'\(trust)' must be true or false")
            }
        }
        func number(_ variable: String, in range: ClosedRange<Int>, _ meaning: String) throws(Invalid) -> Int? {
            guard let (name, text) = value(variable) else { return nil }
            guard let number = Int(text), range.contains(number) else {
                throw Invalid(setting: name, reason: "'\(text)' must be \(meaning) from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
        if let hops = try number("REPERTOIRE_PROXY_HOPS", in: 1...10, "a number of reverse proxies in front of the server") {
            configuration.proxyHops = hops
        }
        if let seconds = try number("REPERTOIRE_IDLE_TIMEOUT", in: 1...3600, "a number of seconds") {
            configuration.idleTimeoutSeconds = seconds
        }
        if let rows = try number("REPERTOIRE_EXPORT_ROWS", in: 1...100_000, "a number") {
            configuration.anonymousExportRows = rows
        }
        if let rate = try number("REPERTOIRE_EXPORTS_PER_MINUTE", in: 1...10_000, "a number") {
            configuration.anonymousExportsPerMinute = rate
        }
        if let megabytes = try number("REPERTOIRE_PAGE_CACHE_MB", in: 0...1024, "a number of megabytes") {
            configuration.pageCacheMegabytes = megabytes
        }
        if let megabytes = try number("REPERTOIRE_CALL_FILE_MB", in: 1...100, "a number of megabytes") {
            configuration.callFileMegabytes = megabytes
        }
        if let days = try number("REPERTOIRE_CALL_REMINDER_DAYS", in: 1...30, "a number of days") {
            configuration.callReminderDays = days
        }
        if let months = try number("REPERTOIRE_NEW_ENTERPRISE_MONTHS", in: 1...36, "a number of months") {
            configuration.newEnterpriseMonths = months
        }
        if let (name, url) = value("REPERTOIRE_SEAO_PORTAL_URL") {
            guard url.hasPrefix("https://") || url.hasPrefix("http://"), URL(string: url) != nil else {
                throw Invalid(setting: name, reason: "'\(url)' is not an http(s) address")
            }
            configuration.seaoPortalURL = url
        }
        if let (_, folder) = value("REPERTOIRE_CALL_FILES_DIR"), !folder.isEmpty {
            configuration.callFilesDirectory = folder
        }
        if let wait = try number("REPERTOIRE_IMPORT_WAIT_MS", in: 0...60_000, "a number of milliseconds") {
            configuration.importWaitMilliseconds = wait
        }
        configuration.mapTiles = try MapTiles.resolve(flags: flags, environment: environment)
        return configuration
    }

    static func flagName(_ variable: String) -> String {
        switch variable {
        case "REPERTOIRE_HOST": "--host"
        case "REPERTOIRE_PORT": "--port"
        case "DATABASE_URL": "--database"
        case "REPERTOIRE_DEMO_DATA": "--demo-data"
        case "REPERTOIRE_SYNONYMS": "--synonyms"
        case "REPERTOIRE_API_TOKEN": "--api-token"
        case "LOG_LEVEL": "--log-level"
        case "REPERTOIRE_PUBLIC_URL": "--public-url"
        case "REPERTOIRE_MAIL_FROM": "--mail-from"
        case "REPERTOIRE_SMTP_URL": "--smtp-url"
        case "REPERTOIRE_MAIL_DIR": "--mail-dir"
        default: variable
        }
    }
}
