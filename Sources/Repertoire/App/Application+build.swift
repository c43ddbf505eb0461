import Foundation
import Hummingbird
import Logging

/// Builds the whole app from its configuration: the composition root.
///
/// The database is migrated, filled with demo data when the configuration asks for it, and the
/// search index built, before the server accepts its first request.
public func buildApplication(_ configuration: Configuration, logger: Logger) async throws -> some ApplicationProtocol {
    let database = try await Database.open(configuration.database, logger: logger)
    return try await buildApplication(configuration, database: database, logger: logger)
}

/// Runs the server until SIGINT or SIGTERM, then shuts down gracefully. The database is closed
/// however the run ends, including a failed start (e.g. the port is taken).
public func runServer(_ configuration: Configuration, logger: Logger) async throws {
    let database = try await Database.open(configuration.database, logger: logger)
    do {
        let app = try await buildApplication(configuration, database: database, logger: logger)
        try await app.runService()
    } catch {
        await database.close()
        throw error
    }
    await database.close()
}

func buildApplication(_ configuration: Configuration, database: Database, logger: Logger,
                      mail: (any MailQueue)? = nil) async throws -> some ApplicationProtocol {
    let synonyms = try loadSynonyms(configuration)
    let directory = DirectoryService(database: database, synonyms: synonyms, logger: logger)
    let ready = ReadyFlag()
    let mailDelivery = try OutboxDeliveryService(configuration, database: database, logger: logger, isReady: { ready.isSet })
    let accounts = AccountService(database: database, mail: mail ?? OutboxMailQueue(delivery: mailDelivery),
                                  baseURL: configuration.publicBaseURL, bcryptCost: configuration.bcryptCost)

    let router = try await buildRouter(configuration, database: database, directory: directory, accounts: accounts)

    var app = Application(
        router: router,
        // Idle connections (and ones still sending their headers: the timer restarts only when a
        // request's head is complete) are closed, so that idle sockets cannot pile up.
        server: .http1(configuration: .init(idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Repertoire"),
        logger: logger)
    app.addServices(
        DatabaseService(database: database),
        IndexFollowerService(directory: directory, intervalMilliseconds: configuration.followIntervalMilliseconds, ready: ready, logger: logger),
        mailDelivery)
    app.addServices(MemoryTrimService(logger: logger))
    if let interval = configuration.callReminderInterval {
        let calls = makeCallService(configuration, database: database, directory: directory, mail: accounts.mail)
        // Safe with several instances: each reminder is claimed by a conditional update before it is queued.
        app.addServices(PeriodicJob(name: "call-for-interest reminders", interval: interval, ready: ready, logger: logger) { try await calls.sendReminders() })
    }
    if let interval = configuration.digestInterval {
        let articles = ArticleService(store: ArticleStore(database: database), directory: directory,
                                      settings: .init(newEnterpriseMonths: configuration.newEnterpriseMonths), mail: accounts.mail, baseURL: configuration.publicBaseURL)
        let digests = DigestService(database: database, articles: articles, mail: accounts.mail, baseURL: configuration.publicBaseURL)
        // Safe with several instances: each (subscriber, period) is claimed with its e-mail.
        app.addServices(PeriodicJob(name: "J'achète digests", interval: interval, ready: ready, logger: logger) { try await digests.sendDue() })
    }
    if let interval = configuration.tenderAlertInterval {
        let tenders = TenderService(database: database, catalog: TenderCatalog(database: database), directory: directory)
        let alerts = TenderAlerts(tenders: tenders, database: database, mail: accounts.mail, baseURL: configuration.publicBaseURL)
        // Safe with several instances: each (call, enterprise) is claimed with its e-mail.
        app.addServices(PeriodicJob(name: "SEAO call alerts", interval: interval, ready: ready, logger: logger) { try await alerts.sendDue() })
    }
    if let url = configuration.seaoPortalURL {
        let tenders = TenderService(database: database, catalog: TenderCatalog(database: database), directory: directory)
        let portal = SEAOPortal(packageURL: url, tenders: tenders)
        // Several instances may import the same file: the releases already stored are skipped.
        app.addServices(PeriodicJob(name: "SEAO weekly files", interval: configuration.seaoPortalInterval, ready: ready, logger: logger) { try await portal.run() })
    }
    if let interval = configuration.purgeInterval {
        app.addServices(RetentionService(retention: RetentionStore(database: database), interval: interval, ready: ready, logger: logger))
    }
    app.beforeServerStarts {
        try await Migrator.migrate(database, logger: logger)
        if configuration.demoData == .whenEmpty {
            try await DemoSeeder.seedIfEmpty(database, logger: logger)
        }
        try await directory.loadIndex()
        ready.set()
        logger.info("Répertoire ready", metadata: ["database": "\(configuration.database)", "enterprises": "\(directory.indexedCount)"])
    }
    return app
}

/// Every route of the app, with its middleware.
func buildRouter(_ configuration: Configuration, database: Database, directory: DirectoryService,
                 accounts: AccountService? = nil, access: AccessTable = AccessTable()) async throws -> Router<AppRequestContext> {
    let accounts = accounts ?? AccountService(database: database, mail: MemoryMailQueue(), baseURL: configuration.publicBaseURL,
                                              bcryptCost: configuration.bcryptCost)
    let exportLimits = ExportService.Limits(anonymousRows: configuration.anonymousExportRows,
                                            anonymousPerMinute: configuration.anonymousExportsPerMinute)
    let exports = ExportService(directory: directory, audit: AuditLog(database: database), baseURL: configuration.publicBaseURL, limits: exportLimits)
    let purchaseLists = PurchaseListService(store: PurchaseListStore(database: database), directory: directory, exports: exports,
                                            mail: accounts.mail, baseURL: configuration.publicBaseURL)
    let records = PurchaseRecordService(store: PurchaseRecordStore(database: database), directory: directory, callStore: CallStore(database: database),
                                        mail: accounts.mail, baseURL: configuration.publicBaseURL)
    let articles = ArticleService(store: ArticleStore(database: database), directory: directory,
                                  settings: .init(newEnterpriseMonths: configuration.newEnterpriseMonths), mail: accounts.mail, baseURL: configuration.publicBaseURL)
    let tenders = TenderService(database: database, catalog: TenderCatalog(database: database), directory: directory)
    let web = WebController(directory: directory, renderer: try await WebRenderer(), assets: try StaticAssets(),
                            baseURL: configuration.publicBaseURL,
                            pages: PageCache(.init(maxBytes: configuration.pageCacheMegabytes << 20)), mapTiles: configuration.mapTiles,
                            purchaseLists: purchaseLists, purchaseRecord: records, articles: articles, tenders: tenders)
    let router = Router(context: AppRequestContext.self)
    router.middlewares.add(RequestLogMiddleware())
    router.middlewares.add(SecurityHeadersMiddleware(tileOrigin: configuration.mapTiles?.origin))
    router.middlewares.add(CompressionMiddleware())
    let routes = RouteTableBox()
    router.middlewares.add(ErrorMiddleware(htmlPage: { request, problem in web.errorPage(for: request, problem: problem) },
                                           routes: routes))
    router.middlewares.add(IdentityMiddleware(sessions: accounts.sessions, tokens: accounts.tokens, serviceToken: configuration.apiToken,
                                              trustForwardedFor: configuration.trustForwardedFor, proxyHops: configuration.proxyHops,
                                              formSecret: FormSecret(database: database)))
    let guarded = GuardedRoutes(router: router, table: access)
    web.addRoutes(to: router)
    SignInController(web: web, accounts: accounts, secureCookies: configuration.secureCookies).addRoutes(to: router)
    AccountController(web: web, accounts: accounts, secureCookies: configuration.secureCookies).addRoutes(to: guarded)
    UsersController(web: web, accounts: accounts).addRoutes(to: guarded)
    AuditController(web: web, audit: AuditLog(database: database)).addRoutes(to: guarded)
    OutboxController(web: web, outbox: Outbox(database: database)).addRoutes(to: guarded)
    let editingService = EditingService(directory: directory, mail: accounts.mail)
    let editing = EditingController(web: web, editing: editingService)
    editing.addRoutes(to: guarded)
    let calls = makeCallService(configuration, database: database, directory: directory, mail: accounts.mail, lists: purchaseLists)
    ProposalsController(editing: editing, calls: calls).addRoutes(to: guarded)
    ConfirmationController(editing: editing, confirmations: ConfirmationService(editing: editingService, baseURL: configuration.publicBaseURL),
                           secureCookies: configuration.secureCookies)
        .addRoutes(to: router, guarded: guarded)
    ExportController(web: web, exports: exports).addRoutes(to: router)
    BuyersController(web: web, lists: purchaseLists, advisor: ProcurementAdvisor(thresholds: ThresholdStore(database: database), directory: directory))
        .addRoutes(to: guarded)
    PurchaseListsController(web: web, lists: purchaseLists).addRoutes(to: guarded)
    CallsController(web: web, calls: calls, audit: AuditLog(database: database), thresholds: ThresholdStore(database: database),
                    secureCookies: configuration.secureCookies, records: records).addRoutes(to: router, guarded: guarded)
    PurchasesController(web: web, records: records, calls: calls).addRoutes(to: router, guarded: guarded)
    HubController(web: web, articles: articles, secureCookies: configuration.secureCookies).addRoutes(to: router, guarded: guarded)
    TenderController(web: web, tenders: tenders,
                     alerts: TenderAlerts(tenders: tenders, database: database, mail: accounts.mail, baseURL: configuration.publicBaseURL),
                     secureCookies: configuration.secureCookies)
        .addRoutes(to: router, guarded: guarded)
    DigestController(web: web, digests: DigestService(database: database, articles: articles, mail: accounts.mail, baseURL: configuration.publicBaseURL),
                     secureCookies: configuration.secureCookies).addRoutes(to: router, guarded: guarded)
    PrintController(web: web, limits: exportLimits).addRoutes(to: router)
    MapController(web: web, markerLimit: configuration.anonymousExportRows, tiles: configuration.mapTiles).addRoutes(to: router)
    ImportController(web: web, imports: ImportService(directory: directory, uploads: ImportUploads()),
                     wait: .milliseconds(configuration.importWaitMilliseconds)).addRoutes(to: guarded)
    HealthController(database: database, directory: directory).addRoutes(to: router)
    let api = router.group("api/v1")
    EnterprisesController(directory: directory, editing: editingService).addRoutes(to: api, guarded: guarded)
    ReferenceController(directory: directory).addRoutes(to: api)
    ListsController(lists: purchaseLists, directory: directory).addRoutes(guarded: guarded)
    CallsAPIController(calls: calls).addRoutes(guarded: guarded)
    PurchasesAPIController(records: records).addRoutes(guarded: guarded)
    ArticlesAPIController(articles: articles).addRoutes(to: api)
    TendersAPIController(tenders: tenders, baseURL: configuration.publicBaseURL).addRoutes(to: api)
    try OpenAPIController().addRoutes(to: api)
    routes.set(RouteTable(router.routes))
    return router
}

/// Calls for interest as configured (files' size and folder, reminders), sending through `mail`.
func makeCallService(_ configuration: Configuration, database: Database, directory: DirectoryService, mail: any MailQueue,
                     lists: PurchaseListService? = nil) -> CallService {
    let lists = lists ?? PurchaseListService(store: PurchaseListStore(database: database), directory: directory,
                                             exports: ExportService(directory: directory, audit: AuditLog(database: database), baseURL: configuration.publicBaseURL),
                                             mail: mail, baseURL: configuration.publicBaseURL)
    var settings = CallService.Settings()
    settings.maxFileBytes = configuration.callFileMegabytes * 1_000_000
    settings.reminderDays = configuration.callReminderDays
    return CallService(store: CallStore(database: database, folder: configuration.callFilesDirectory), directory: directory, lists: lists,
                       thresholds: ThresholdStore(database: database), mail: mail, baseURL: configuration.publicBaseURL, settings: settings)
}

/// The synonyms file named in the configuration, or the built-in list.
func loadSynonyms(_ configuration: Configuration) throws -> SynonymTable {
    guard let path = configuration.synonymsFile else { return try SynonymTable.parse(SynonymTable.defaultSynonymsText) }
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        throw Configuration.Invalid(setting: "REPERTOIRE_SYNONYMS", reason: "cannot read '\(path)' as UTF-8 text")
    }
    do {
        return try SynonymTable.parse(text)
    } catch {
        throw Configuration.Invalid(setting: "REPERTOIRE_SYNONYMS", reason: "\(path): \(error)")
    }
}
