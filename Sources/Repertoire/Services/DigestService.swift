import Crypto
import Foundation

/// The J'achète digest: weekly or monthly, each subscriber gets the new enterprises of their
/// regions, the new stories and news, and the upcoming trainings, through the outbox, once per
/// period. Visitors subscribe with double opt-in; signed-in people from their account. Every
/// digest carries a one-click unsubscribe link (RFC 8058) that never expires.
struct DigestService: Sendable {
    let store: DigestStore
    let articles: ArticleService
    let mail: any MailQueue
    let baseURL: String
    let secret: FormSecret

    /// A confirmation link works this long.
    static let confirmationMaxAge: TimeInterval = 7 * 24 * 3600

    init(database: Database, articles: ArticleService, mail: any MailQueue, baseURL: String) {
        store = DigestStore(database: database)
        self.articles = articles
        self.mail = mail
        self.baseURL = baseURL
        secret = FormSecret(database: database)
    }

    // MARK: Periods

    struct Period: Sendable, Equatable {
        /// `2026-W48` or `2026-11`.
        var id: String
        var start: Date
        var end: Date
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = QuebecTime.timeZone
        return calendar
    }()

    /// The last whole period before `now`, in Quebec time: the ISO week (Monday to Sunday), or
    /// the calendar month.
    static func previousPeriod(_ frequency: DigestSubscription.Frequency, now: Date) -> Period {
        switch frequency {
        case .weekly:
            let thisWeek = calendar.dateInterval(of: .weekOfYear, for: now)!.start
            let start = calendar.date(byAdding: .weekOfYear, value: -1, to: thisWeek)!
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: start)
            return Period(id: String(format: "%04d-W%02d", parts.yearForWeekOfYear ?? 0, parts.weekOfYear ?? 0), start: start, end: thisWeek)
        case .monthly:
            let thisMonth = calendar.dateInterval(of: .month, for: now)!.start
            let start = calendar.date(byAdding: .month, value: -1, to: thisMonth)!
            let parts = calendar.dateComponents([.year, .month], from: start)
            return Period(id: String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0), start: start, end: thisMonth)
        }
    }

    // MARK: Subscribing

    struct Input: Sendable, Equatable {
        var email = ""
        var frequency = DigestSubscription.Frequency.monthly.rawValue
        var regions: [String] = []
    }

    static func validate(_ input: Input) -> Result<(MailAddress?, DigestSubscription.Frequency, [String]), ValidationFailure> {
        var issues: [FieldIssue] = []
        var address: MailAddress?
        if !input.email.isEmpty {
            do { address = try MailAddress.parse(input.email) } catch {
                issues.append(FieldIssue(field: "courriel", code: "invalid-email", message: "Adresse courriel invalide « \(input.email) » (ex. nom@ville.qc.ca).",
                                         english: "Invalid e-mail address \"\(input.email)\" (e.g. name@city.qc.ca)."))
            }
        }
        let frequency = DigestSubscription.Frequency(rawValue: input.frequency)
        if frequency == nil {
            issues.append(FieldIssue(field: "frequence", code: "invalid-frequency", message: "Choisissez un résumé hebdomadaire ou mensuel.", english: "Choose a weekly or monthly digest."))
        }
        var regions: [String] = []
        for code in input.regions where !regions.contains(code) {
            if Region.find(code) == nil { issues.append(FieldIssue(field: "regions", code: "unknown-region", message: "Région « \(code) » inconnue.", english: "Unknown region \"\(code)\".")) }
            else { regions.append(code) }
        }
        guard issues.isEmpty, let frequency else { return .failure(ValidationFailure(issues)) }
        return .success((address, frequency, regions.sorted()))
    }

    /// A visitor's subscription: pending until they follow the link e-mailed to them. The answer
    /// is the same whether or not the address was already subscribed (nobody learns who is).
    func subscribe(_ input: Input, language: Language, now: Date = Date()) async throws -> Result<Void, ValidationFailure> {
        if input.email.trimmingCharacters(in: .whitespaces).isEmpty {
            return .failure(ValidationFailure([FieldIssue(field: "courriel", code: "missing", message: "Écrivez l'adresse qui recevra le résumé.",
                                                          english: "Write the address that will receive the digest.")]))
        }
        switch Self.validate(input) {
        case .failure(let failure): return .failure(failure)
        case .success(let (address, frequency, regions)):
            guard let address else { return .success(()) }
            let token = SecretToken.generate(prefix: "inf_")
            let link = baseURL + Route.hubDigestConfirm.path(language: language) + "?jeton=" + Route.escape(token)
            _ = try await store.subscribe(email: address.address.lowercased(), frequency: frequency, regions: regions, language: language, userID: nil,
                                          confirmTokenHash: SecretToken.hash(token), now: now,
                                          confirmation: { subscription in Self.confirmationMail(subscription, link: link) }, queue: mail)
            return .success(())
        }
    }

    /// A signed-in person's subscription with their account's address: active at once.
    func subscribe(_ user: User, _ input: Input, language: Language, now: Date = Date()) async throws -> Result<DigestSubscription, ValidationFailure> {
        switch Self.validate(Input(email: "", frequency: input.frequency, regions: input.regions)) {
        case .failure(let failure): return .failure(failure)
        case .success(let (_, frequency, regions)):
            let done = try await store.subscribe(email: user.email.lowercased(), frequency: frequency, regions: regions, language: language, userID: user.id,
                                                 confirmTokenHash: nil, now: now, confirmation: nil, queue: mail)
            return .success(done.subscription)
        }
    }

    func subscription(of user: User) async throws -> DigestSubscription? {
        try await store.subscription(email: user.email.lowercased())
    }

    static let unknownLink = Refusal(.notFound, title: "Lien inconnu ou expiré",
                                     message: "Ce lien de confirmation n'existe pas, a déjà servi ou date de plus de sept jours : abonnez-vous de nouveau.",
                                     english: "This confirmation link does not exist, was already used or is more than seven days old: subscribe again.")

    func pending(token: String) async throws -> DigestSubscription {
        guard !token.isEmpty, let subscription = try await store.pending(tokenHash: SecretToken.hash(token)) else { throw Self.unknownLink }
        return subscription
    }

    func confirm(token: String, now: Date = Date()) async throws -> DigestSubscription {
        guard !token.isEmpty, let subscription = try await store.confirm(tokenHash: SecretToken.hash(token), maxAge: Self.confirmationMaxAge, now: now) else {
            throw Self.unknownLink
        }
        return subscription
    }

    // MARK: Unsubscribing

    /// The one-click link's secret: a keyed hash of the subscription, so every digest's link works
    /// for good without storing a secret per e-mail.
    func unsubscribeToken(_ id: String) async throws -> String {
        let key = try await secret.key()
        return Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data(("digest-unsubscribe:" + id).utf8), using: key)))
    }

    /// The page's address in the subscriber's language; `oneClick` gives the French one, where
    /// the mail programs' POST is taken (RFC 8058).
    func unsubscribeURL(_ subscription: DigestSubscription, oneClick: Bool = false) async throws -> String {
        baseURL + Route.hubDigestUnsubscribe.path(language: oneClick ? .fr : subscription.language) + "?abonnement=" + Route.escape(subscription.id)
            + "&jeton=" + (try await unsubscribeToken(subscription.id))
    }

    static let badUnsubscribeLink = Refusal(.notFound, title: "Lien de désabonnement inconnu",
                                            message: "Ce lien de désabonnement n'est pas valide : utilisez celui du dernier résumé reçu.",
                                            english: "This unsubscribe link is not valid: use the one in the last digest received.")

    func unsubscribeTarget(id: String, token: String) async throws -> DigestSubscription {
        guard let subscription = try await store.subscription(id: id), SecretToken.equals(token, try await unsubscribeToken(id)) else { throw Self.badUnsubscribeLink }
        return subscription
    }

    func unsubscribe(id: String, token: String, now: Date = Date()) async throws -> DigestSubscription {
        var subscription = try await unsubscribeTarget(id: id, token: token)
        try await store.unsubscribe(id: subscription.id, now: now)
        subscription.status = .unsubscribed
        return subscription
    }

    func unsubscribe(_ user: User, now: Date = Date()) async throws {
        guard let subscription = try await subscription(of: user) else { return }
        try await store.unsubscribe(id: subscription.id, now: now)
    }

    // MARK: Sending

    /// Sends the digests due: for each frequency, the last whole period before `now`, to every
    /// active subscription confirmed before it ended. Returns how many e-mails were queued.
    /// `queuedAt` stamps the e-mails (the outbox sends them from then; tests pass a later `now`).
    @discardableResult
    func sendDue(now: Date = Date(), queuedAt: Date = Date()) async throws -> Int {
        var sent = 0
        for frequency in DigestSubscription.Frequency.allCases {
            let period = Self.previousPeriod(frequency, now: now)
            for subscription in try await store.active(frequency, confirmedBefore: period.end) {
                let draft = try await compose(subscription, period: period, now: now)
                if try await store.claim(subscription.id, period: period.id, draft: draft, queue: mail, now: queuedAt), draft != nil { sent += 1 }
            }
        }
        return sent
    }

    /// The digest of one period for one subscriber; nil when there is nothing to tell.
    func compose(_ subscription: DigestSubscription, period: Period, now: Date) async throws -> MailDraft? {
        let english = subscription.language == .en
        func tr(_ french: String, _ englishText: String) -> String { english ? englishText : french }
        let regions: [String?] = subscription.regions.isEmpty ? [nil] : subscription.regions
        var newcomers: [ArticleService.NewEnterprise] = []
        var stories: [Article] = [], trainings: [Article] = []
        for region in regions {
            newcomers += try await articles.addedEnterprises(region: region, from: period.start, to: period.end)
            stories += try await articles.published(.init(region: region), now: now).map(\.article)
                .filter { $0.kind != .training && ($0.publishAt ?? .distantPast) >= period.start && ($0.publishAt ?? .distantPast) < period.end }
            trainings += try await articles.upcomingTrainings(region: region, now: now)
                .filter { ($0.training?.startsAt ?? .distantFuture) < now.addingTimeInterval(60 * 24 * 3600) }
        }
        func unique(_ list: [Article]) -> [Article] { var seen = Set<String>(); return list.filter { seen.insert($0.id).inserted } }
        stories = unique(stories)
        trainings = unique(trainings)
        var seenEnterprises = Set<String>()
        newcomers = newcomers.filter { seenEnterprises.insert($0.summary.id).inserted }
        guard !(newcomers.isEmpty && stories.isEmpty && trainings.isEmpty) else { return nil }

        let language = subscription.language
        let where_ = subscription.regions.isEmpty ? tr("tout le Québec", "all of Quebec") : subscription.regions.compactMap(Region.find).map(\.name).joined(separator: ", ")
        let day = { (date: Date) in date.formatted(english ? Formats.dayEnglish : Formats.dayFrench) }
        let lastDay = period.end.addingTimeInterval(-1)
        var body = tr("Bonjour,\n\nVoici le résumé « Économie sociale, J'achète! » du \(day(period.start)) au \(day(lastDay)), pour \(where_).\n",
                      "Hello,\n\nHere is the « Économie sociale, J'achète! » digest from \(day(period.start)) to \(day(lastDay)), for \(where_).\n")
        if !stories.isEmpty {
            body += tr("\nEXEMPLES DE COLLABORATION ET NOUVELLES\n", "\nCOLLABORATION STORIES AND NEWS\n")
            for article in stories.prefix(15) {
                body += "\n- \(article.title(language))\n  \(article.summary(language))\n  \(baseURL + Route.hubArticle.path(article.slug, language: language))\n"
            }
        }
        if !trainings.isEmpty {
            body += tr("\nFORMATIONS À VENIR\n", "\nUPCOMING TRAININGS\n")
            for article in trainings.prefix(10) {
                body += "\n- \(article.title(language)) — \(HubPages.whenText(article.training, english: english))\n  \(baseURL + Route.hubArticle.path(article.slug, language: language))\n"
            }
        }
        if !newcomers.isEmpty {
            body += tr("\nNOUVELLES ENTREPRISES AU RÉPERTOIRE (\(newcomers.count))\n", "\nNEW ENTERPRISES IN THE DIRECTORY (\(newcomers.count))\n")
            for item in newcomers.prefix(20) {
                let place = item.summary.municipalityName.map { " (\($0))" } ?? ""
                let fictional = item.summary.isFictional ? tr(" — fictive", " — fictional") : ""
                body += "\n- \(item.summary.name)\(place)\(fictional)\n  \(baseURL + SiteURL.enterprise(slug: item.summary.slug).path(language))\n"
            }
            if newcomers.count > 20 {
                body += tr("\n… et \(newcomers.count - 20) autres : \(baseURL + Route.hubNewEnterprises.path(language: language))\n",
                           "\n… and \(newcomers.count - 20) more: \(baseURL + Route.hubNewEnterprises.path(language: language))\n")
            }
        }
        let unsubscribe = try await unsubscribeURL(subscription)
        body += tr("\n---\nVous recevez ce résumé \(subscription.frequency == .weekly ? "chaque semaine" : "chaque mois") parce que vous vous y êtes abonné·e.\nPour ne plus le recevoir : \(unsubscribe)\n",
                   "\n---\nYou receive this digest \(subscription.frequency == .weekly ? "every week" : "every month") because you subscribed to it.\nTo stop receiving it: \(unsubscribe)\n")
        let subject = subscription.frequency == .weekly
            ? tr("J'achète! — le résumé de la semaine du \(day(period.start))", "J'achète! — the digest of the week of \(day(period.start))")
            : tr("J'achète! — le résumé de \(period.start.formatted(.dateTime.month(.wide).year().locale(Locale(identifier: "fr_CA"))))",
                 "J'achète! — the digest of \(period.start.formatted(.dateTime.month(.wide).year().locale(Locale(identifier: "en_CA")))))")
        let headers = [MailHeader("List-Unsubscribe", "<\(try await unsubscribeURL(subscription, oneClick: true))>"), MailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                       MailHeader("Content-Language", english ? "en" : "fr")].compactMap { $0 }
        return MailDraft(to: subscription.email, subject: subject, body: body, kind: "digest", headers: headers, reference: "digest:\(subscription.id):\(period.id)")
    }

    static func confirmationMail(_ subscription: DigestSubscription, link: String) -> MailDraft {
        let english = subscription.language == .en
        let body = english
            ? "Hello,\n\nTo receive the « Économie sociale, J'achète! » digest (\(subscription.frequency.nameEnglish.lowercased())) at this address, confirm here within seven days:\n\(link)\n\nIf you did not ask for it, ignore this message: nothing will be sent.\n"
            : "Bonjour,\n\nPour recevoir le résumé « Économie sociale, J'achète! » (\(subscription.frequency.name.lowercased())) à cette adresse, confirmez ici d'ici sept jours :\n\(link)\n\nSi vous ne l'avez pas demandé, ignorez ce message : rien ne vous sera envoyé.\n"
        return MailDraft(to: subscription.email, subject: english ? "Confirm your J'achète! digest subscription" : "Confirmez votre abonnement au résumé J'achète!",
                         body: body, kind: "digest-confirmation", reference: "digest:\(subscription.id):confirmation")
    }
}
