import ArgumentParser
import Foundation
import Logging
import Repertoire

@main
struct RepertoireCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repertoire",
        abstract: "Répertoire: the directory of Quebec social-economy enterprises for municipal buyers.",
        subcommands: [Serve.self, Demo.self, Municipalities.self, Import.self, Tenders.self, Users.self, DatabaseCommand.self, Bench.self, BenchDashboard.self, BenchTenders.self],
        defaultSubcommand: Serve.self)

    /// ArgumentParser's own `main`, capping malloc's arenas (see `Malloc`) for the commands that
    /// keep a large data set in memory: the server, and the benchmarks that measure what it does.
    /// Parsing runs on the main thread before any other thread exists, and the cap must come
    /// before any other thread allocates: one that allocates first keeps an arena of its own,
    /// and the server's load then left ~95 MB free but resident there. The batch commands (the
    /// demo set, imports) keep glibc's default: their three busy threads (making, preparing,
    /// writing) queued on two arenas' locks, which made `repertoire demo --count 100000` 30 %
    /// slower (11.7 s against 8.9 s, BENCHMARKS.md), and their memory goes with the process.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if command is Serve || command is Bench || command is BenchDashboard || command is BenchTenders {
                Malloc.limitArenas()
            }
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// Options shared by every command that opens the database.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: "sqlite://path/file.sqlite or postgres://user:password@host:5432/database (env DATABASE_URL; default sqlite://data/repertoire.sqlite).")
    var database: String?

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical (env LOG_LEVEL).")
    var logLevel: String?

    func configuration(extra: [String: String] = [:]) throws -> Configuration {
        var flags = extra
        flags["DATABASE_URL"] = database
        flags["LOG_LEVEL"] = logLevel
        do {
            return try Configuration.resolve(flags: flags, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

func makeLogger(_ configuration: Configuration) -> Logger {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = configuration.logLevel
        return EscapingLogHandler(handler)
    }
    return Logger(label: "repertoire")
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the web server (JSON API under /api/v1, health at /healthz).",
        discussion: "An empty database is created, migrated and filled with fictional demo data on first start (unless --demo-data never). Environment variables: "
            + Repertoire.Configuration.environmentVariables.map { "\($0.name): \($0.meaning)" }.joined(separator: "; "))

    @Option(name: .long, help: "Address to listen on (env REPERTOIRE_HOST; default 127.0.0.1).") var host: String?
    @Option(name: .long, help: "Port to listen on (env REPERTOIRE_PORT; default 8080).") var port: String?
    @Option(name: .long, help: "auto: fill an empty database with demo data; never (env REPERTOIRE_DEMO_DATA).") var demoData: String?
    @Option(name: .long, help: "Search synonyms file (env REPERTOIRE_SYNONYMS).") var synonyms: String?
    @Option(name: .long, help: "Token enabling the API's write endpoints (env REPERTOIRE_API_TOKEN).") var apiToken: String?
    @Option(name: .long, help: "Address people reach the site at, for canonical links (env REPERTOIRE_PUBLIC_URL).") var publicURL: String?
    @Option(name: .long, help: "From of the app's e-mail, e.g. \"Répertoire <no-reply@repertoire.example>\" (env REPERTOIRE_MAIL_FROM).") var mailFrom: String?
    @Option(name: .long, help: "Send e-mail through smtp://user:password@host:587 or smtps://… (env REPERTOIRE_SMTP_URL).") var smtpURL: String?
    @Option(name: .long, help: "Without SMTP, write e-mail as .eml files to this folder (env REPERTOIRE_MAIL_DIR).") var mailDir: String?
    @OptionGroup var options: DatabaseOption

    func run() async throws {
        SharedExecutor.installUnlessDisabled()  // before the server creates its tasks
        var flags: [String: String] = [:]
        flags["REPERTOIRE_HOST"] = host
        flags["REPERTOIRE_PORT"] = port
        flags["REPERTOIRE_DEMO_DATA"] = demoData
        flags["REPERTOIRE_SYNONYMS"] = synonyms
        flags["REPERTOIRE_API_TOKEN"] = apiToken
        flags["REPERTOIRE_PUBLIC_URL"] = publicURL
        flags["REPERTOIRE_MAIL_FROM"] = mailFrom
        flags["REPERTOIRE_SMTP_URL"] = smtpURL
        flags["REPERTOIRE_MAIL_DIR"] = mailDir
        let configuration = try options.configuration(extra: flags)
        let logger = makeLogger(configuration)
        try await runServer(configuration, logger: logger)
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the fictional demo data set, or a synthetic set of any size, into a database.",
        discussion: "Without --count: the default demo set (the Longueuil agglomeration and every region). With --count N: N synthetic enterprises, e.g. for benchmarks. Every record is marked fictional.")

    @Option(name: .long, help: "Number of synthetic enterprises to generate instead of the default set.") var count: Int?
    @Option(name: .long, help: "Seed of the generator: the same seed gives the same data.") var seed: UInt64 = 2026
    @Flag(name: .long, help: "Add to a database that already holds enterprises.") var append = false
    @Option(name: .long, help: "Also write a fictional purchasing record of N contracts (alone, into a database that already holds enterprises).") var contracts: Int?
    @OptionGroup var options: DatabaseOption

    func validate() throws {
        if let count, count < 1 || count > 2_000_000 { throw ValidationError("--count must be between 1 and 2000000") }
        if let contracts, contracts < 1 || contracts > 5_000_000 { throw ValidationError("--contracts must be between 1 and 5000000") }
    }

    func run() async throws {
        let configuration = try options.configuration()
        let logger = makeLogger(configuration)
        do {
            print(try await Tasks.writeDemoData(to: configuration.database, count: count, seed: seed, append: append, contracts: contracts, logger: logger))
        } catch let refusal as Tasks.Refusal {
            throw refusal.exitWithoutUsage()
        }
    }
}

struct Municipalities: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the reference list of Quebec municipalities.",
        subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load the ministry's official municipalities file (MAMH MUN.csv); importing it again changes nothing.")

        @Argument(help: "Path of the MUN.csv file (UTF-8, as published by the MAMH).") var file: String
        @OptionGroup var options: DatabaseOption

        func run() async throws {
            let configuration = try options.configuration()
            let logger = makeLogger(configuration)
            do {
                print(try await Tasks.importMunicipalities(file: file, into: configuration.database, logger: logger))
            } catch let refusal as Tasks.Refusal {
                throw refusal.exitWithoutUsage()
            }
        }
    }
}

struct Tenders: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Public tenders from SEAO (Open Contracting 1.1 release packages).",
        subcommands: [Import.self, Imports.self, Buyer.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import SEAO release packages (weekly or monthly files of Données Québec); importing a file again changes nothing.",
            discussion: "Each file is read whole (in bounded memory) before anything is written, then written in one transaction: a file that is not an OCDS 1.1 release package is refused whole; a release that cannot be read is skipped and reported with its reason.")

        @Argument(help: "Paths or http(s) URLs of the files.") var sources: [String]
        @OptionGroup var options: DatabaseOption

        func run() async throws {
            let configuration = try options.configuration()
            let (report, failed) = try await TendersTask.importSources(sources, into: configuration.database, logger: makeLogger(configuration))
            print(report)
            if failed { throw ExitCode.failure }
        }
    }

    struct Imports: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the SEAO files imported, newest first, with their counts.")
        @OptionGroup var options: DatabaseOption

        func run() async throws {
            let configuration = try options.configuration()
            print(try await TendersTask.listImports(configuration.database, logger: makeLogger(configuration)))
        }
    }

    struct Buyer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say which municipality a SEAO buyer (OP-…) is, when its name did not tell.")
        @Argument(help: "The buyer's SEAO id, like OP-91624.") var buyer: String
        @Option(name: .long, help: "The municipality's MAMH code, or none.") var municipality: String
        @OptionGroup var options: DatabaseOption

        func run() async throws {
            let configuration = try options.configuration()
            do {
                print(try await TendersTask.setBuyerMunicipality(buyer, code: municipality == "none" ? nil : municipality,
                                                                 in: configuration.database, logger: makeLogger(configuration)))
            } catch let refusal as Tasks.Refusal {
                throw refusal.exitWithoutUsage()
            }
        }
    }
}

struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "database",
        abstract: "Maintain the stored data.",
        subcommands: [Purge.self])

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete expired sessions, single-use links and sign-in failures, and erase managers' contact details superseded more than 24 months ago (Loi 25), as the server does hourly.")
        @OptionGroup var options: DatabaseOption

        func run() async throws {
            let configuration = try options.configuration()
            print(try await DatabaseTask.purge(database: configuration.database, logger: makeLogger(configuration)))
        }
    }
}

struct BenchDashboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-dashboard",
        abstract: "Measure the purchasing dashboards on a database's record: Quebec, a region, a municipality, against a bare scan of the contracts.",
        discussion: "Fill the database first: repertoire demo --count 20000 --contracts 200000. Build in release mode for meaningful figures.")

    @Option(name: .long, help: "The database (sqlite://… or postgres://…).") var database: String
    @Option(name: .long, help: "Runs of each dashboard.") var iterations: Int = 30

    func run() async throws {
        let configuration = try benchConfiguration(database)
        do {
            print(try await Tasks.benchmarkDashboard(configuration.database, iterations: max(1, iterations), logger: makeLogger(configuration)), terminator: "")
        } catch let refusal as Tasks.Refusal {
            throw refusal.exitWithoutUsage()
        }
    }
}

/// The benchmarks' configuration: the database given, warnings only.
func benchConfiguration(_ database: String) throws -> Repertoire.Configuration {
    do {
        return try Repertoire.Configuration.resolve(flags: ["DATABASE_URL": database, "LOG_LEVEL": "warning"], environment: [:])
    } catch {
        throw ValidationError(error.description)
    }
}

struct BenchTenders: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-tenders",
        abstract: "Measure the matching of every open SEAO call against a database's enterprises, beside one plain search per call.",
        discussion: "Fill the database first: repertoire demo --count 100000, then repertoire tenders import FILE. Build in release mode for meaningful figures.")

    @Option(name: .long, help: "The database (sqlite://… or postgres://…).") var database: String

    func run() async throws {
        let configuration = try benchConfiguration(database)
        do {
            print(try await TendersTask.benchmarkMatching(configuration.database, logger: makeLogger(configuration)), terminator: "")
        } catch let refusal as Tasks.Refusal {
            throw refusal.exitWithoutUsage()
        }
    }
}

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the search index: build time, memory and query latency (p50/p99), in process.",
        discussion: "With --database, the query words are picked from that database's enterprises and the build is timed on them; then the directory is loaded as the server loads it, the queries run on it, and the memory reported is that of the loaded directory. Otherwise --count synthetic ones are made in memory. Build in release mode for meaningful figures: swift run -c release repertoire bench …")

    @Option(name: .long, help: "Number of synthetic enterprises when no --database is given.") var count: Int = 11_000
    @Option(name: .long, help: "Seed of the synthetic data.") var seed: UInt64 = 1
    @Option(name: .long, help: "Runs of each query.") var iterations: Int = 500
    @Flag(name: .long, help: "Print the report as JSON.") var json = false
    @Option(name: .long, help: "Read the enterprises from this database (sqlite://… or postgres://…).") var database: String?
    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical.") var logLevel: String = "warning"

    func run() async throws {
        var flags = ["LOG_LEVEL": logLevel]
        if let database { flags["DATABASE_URL"] = database }
        let configuration: Repertoire.Configuration
        do {
            configuration = try Repertoire.Configuration.resolve(flags: flags, environment: [:])
        } catch {
            throw ValidationError(error.description)
        }
        let logger = makeLogger(configuration)
        do {
            let report = try await Tasks.benchmarkSearch(database: database == nil ? nil : configuration.database, count: count, seed: seed,
                                                         iterations: iterations, logger: logger)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(report.text, terminator: "")
            }
        } catch let refusal as Tasks.Refusal {
            throw refusal.exitWithoutUsage()
        }
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import a hub's list of enterprises (CSV), or revert an import.",
        discussion: "Without --apply, shows what would happen (creates, updates, unchanged, rejected rows with their line and reason) and writes nothing. With --apply, writes everything in one transaction as a batch that `repertoire import revert BATCH` undoes. Load the municipalities first (repertoire municipalities import MUN.csv).",
        subcommands: [Run.self, Revert.self, List.self],
        defaultSubcommand: Run.self)

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "file", abstract: "Preview, then apply with --apply, the import of a CSV or XLSX file.")

        @Argument(help: "The CSV file (UTF-8 or Windows-1252; comma, semicolon or tab) or Excel workbook (.xlsx).") var file: String
        @Flag(name: .long, help: "Write the import (otherwise only a preview).") var apply = false
        @Option(name: .long, help: "Region for rows whose municipality is unknown or ambiguous (01 to 17).") var defaultRegion: String?
        @Flag(name: .long, help: "Convert names written in capitals to French title case.") var titleCase = false
        @Option(name: .long, help: "utf-8 or windows-1252 (detected when omitted).") var encoding: String?
        @Option(name: .long, help: "The delimiter: , ; or tab (detected when omitted).") var delimiter: String?
        @Option(name: .long, help: "The sheet of an XLSX workbook to read (default: the first).") var sheet: String?
        @Option(name: .long, help: "A column mapping saved with --save-mapping, to reuse.") var mapping: String?
        @Option(name: .long, help: "Save the column mapping used to this JSON file.") var saveMapping: String?
        @Option(name: .long, help: "Write every error and warning, with its line and column, to this CSV file.") var report: String?
        @Option(name: .long, help: "The day the list was written (YYYY-MM-DD), as the web preview's « Date de la liste »: values edited by hand or verified since are kept. Without it, every value edited by hand or verified is kept.") var listDate: String?
        @Option(name: .long, help: "The source shown on the profiles (default: « Liste importée, YYYY-MM »).") var source: String?
        @Option(name: .long, help: "Where the file and the directory disagree: auto (keep values edited by hand or verified after the list), garder (keep stored values) or fichier (take the file's).") var onConflict: String?
        @Option(name: .long, help: "A column (its header) whose blank cells clear the stored values; repeat for several. Otherwise blank cells keep them.") var clearBlanks: [String] = []
        @OptionGroup var options: DatabaseOption

        func run() async throws {
            let configuration = try options.configuration()
            let logger = makeLogger(configuration)
            var settings = ImportTask.Settings(file: file)
            settings.apply = apply
            settings.defaultRegion = defaultRegion
            settings.titleCase = titleCase
            if let encoding {
                guard let parsed = ImportEncoding(rawValue: encoding.lowercased()) else { throw ValidationError("--encoding must be utf-8 or windows-1252") }
                settings.encoding = parsed
            }
            if let delimiter {
                switch delimiter {
                case ",", ";": settings.delimiter = Character(delimiter)
                case "tab", "\\t", "\t": settings.delimiter = "\t"
                default: throw ValidationError("--delimiter must be , ; or tab")
                }
            }
            settings.sheet = sheet
            settings.mappingFile = mapping
            settings.saveMappingFile = saveMapping
            settings.reportFile = report
            settings.listDate = listDate
            settings.source = source
            if let onConflict {
                guard let choice = ConflictChoice(rawValue: onConflict) else { throw ValidationError("--on-conflict must be auto, garder or fichier") }
                settings.onConflict = choice
            }
            settings.clearBlanks = clearBlanks
            do {
                print(try await ImportTask.run(settings, database: configuration.database, logger: logger), terminator: "")
            } catch let refusal as Tasks.Refusal {
                throw refusal.exitWithoutUsage()
            }
        }
    }

    struct Revert: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Undo a whole import (refused if its records changed since).")
        @Argument(help: "The import's identifier, as printed by --apply or `repertoire import list`.") var batch: String
        @OptionGroup var options: DatabaseOption

        func run() async throws {
            let configuration = try options.configuration()
            let logger = makeLogger(configuration)
            do {
                print(try await ImportTask.revert(batch, database: configuration.database, logger: logger))
            } catch let refusal as Tasks.Refusal {
                throw refusal.exitWithoutUsage()
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the imports, newest first.")
        @OptionGroup var options: DatabaseOption

        func run() async throws {
            let configuration = try options.configuration()
            print(try await ImportTask.list(database: configuration.database, logger: makeLogger(configuration)))
        }
    }
}

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create users (the first administrator) and list who has access.",
        subcommands: [Create.self, List.self, Token.self])

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a personal API token for a user and print it (shown once; revoke it under « Mon compte »).")
        @Option(name: .long, help: "The user's email address.") var email: String
        @Option(name: .long, help: "The token's name, as listed on the account page.") var name: String = "Ligne de commande"
        @OptionGroup var options: DatabaseOption

        func run() async throws {
            let configuration = try options.configuration()
            do {
                print(try await UsersTask.token(email: email, name: name, configuration: configuration, logger: makeLogger(configuration)), terminator: "")
            } catch let refusal as Tasks.Refusal {
                throw refusal.exitWithoutUsage()
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user and print the single-use link where they choose their password.",
            discussion: "The link uses the server's public address: REPERTOIRE_PUBLIC_URL (or --public-url), else its host and port (REPERTOIRE_HOST/--host, REPERTOIRE_PORT/--port), as the server reads them. Roles: admin, hub-editor (needs --region), buyer (needs --municipality), representative (invite from the web UI).")
        @Option(name: .long, help: "The person's email address (their sign-in name).") var email: String
        @Option(name: .long, help: "The person's name.") var name: String?
        @Option(name: .long, help: "admin, hub-editor, buyer or representative; repeat for several.") var role: [String] = []
        @Option(name: .long, help: "A region code (01 to 17) a hub editor looks after; repeat for several.") var region: [String] = []
        @Option(name: .long, help: "A buyer's municipality (geographic code, e.g. 58227).") var municipality: String?
        // The link is the server's: the same address settings as `serve` (flags or environment).
        @Option(name: .long, help: "The address the server listens on, as given to serve (env REPERTOIRE_HOST).") var host: String?
        @Option(name: .long, help: "The port the server listens on, as given to serve (env REPERTOIRE_PORT).") var port: String?
        @Option(name: .long, help: "Address people reach the site at, as given to serve (env REPERTOIRE_PUBLIC_URL).") var publicURL: String?
        @OptionGroup var options: DatabaseOption

        func run() async throws {
            var flags: [String: String] = [:]
            flags["REPERTOIRE_HOST"] = host
            flags["REPERTOIRE_PORT"] = port
            flags["REPERTOIRE_PUBLIC_URL"] = publicURL
            let configuration = try options.configuration(extra: flags)
            guard !role.isEmpty else { throw ValidationError("Give at least one --role (admin, hub-editor, buyer, representative).") }
            do {
                print(try await UsersTask.create(email: email, name: name, roles: role, regions: region, municipality: municipality,
                                                 configuration: configuration, logger: makeLogger(configuration)), terminator: "")
            } catch let refusal as Tasks.Refusal {
                throw refusal.exitWithoutUsage()
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users: email, roles, regions, state.")
        @OptionGroup var options: DatabaseOption

        func run() async throws {
            let configuration = try options.configuration()
            print(try await UsersTask.list(configuration: configuration, logger: makeLogger(configuration)), terminator: "")
        }
    }
}

extension Tasks.Refusal {
    /// A data error (a file, a value, a state of the database): said on standard error without
    /// the usage text, which only helps with a mistyped command; exit status 1.
    func exitWithoutUsage() -> ExitCode {
        FileHandle.standardError.write(Data("Error: \(description)\n".utf8))
        return ExitCode.failure
    }
}
