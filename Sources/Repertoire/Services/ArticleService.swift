import Foundation

/// « Économie sociale, J'achète! »: the hub's articles, from the editor's form to the public pages.
/// Hub editors write for their regions, administrators for any region or all of Quebec; every
/// change is a revision. Visitors see published articles (scheduled ones from their time on),
/// search them with the directory's French engine, and the enterprises new to the directory.
struct ArticleService: Sendable {
    struct Settings: Sendable {
        /// « Nouvelles entreprises »: added to the directory, or founded, within this many months.
        var newEnterpriseMonths = 6
        /// The largest image accepted, in bytes.
        var imageMaxBytes = 2 << 20
    }

    let store: ArticleStore
    let catalog: ArticleCatalog
    let directory: DirectoryService
    var settings = Settings()
    /// The registrations' e-mails.
    let mail: any MailQueue
    /// The site's public address, for the links in those e-mails.
    let baseURL: String

    init(store: ArticleStore, directory: DirectoryService, settings: Settings = Settings(), mail: any MailQueue = MemoryMailQueue(),
         baseURL: String = "http://127.0.0.1:8080") {
        self.store = store
        self.catalog = ArticleCatalog(database: store.database)
        self.directory = directory
        self.settings = settings
        self.mail = mail
        self.baseURL = baseURL
    }

    /// What the editor's form holds, as typed.
    struct Input: Sendable, Equatable {
        var kind = ""
        var titleFrench = "", summaryFrench = "", bodyFrench = ""
        var titleEnglish = "", summaryEnglish = "", bodyEnglish = ""
        var regions: [String] = []
        /// Comma-separated.
        var tags = ""
        /// One enterprise per line: its page address or its exact name.
        var enterprises = ""
        var day = "", startTime = "", endTime = ""
        var online = false
        var place = "", audience = "", registrationURL = ""
        /// Seats, when registrations are taken in Répertoire.
        var capacity = ""
        var municipality = "", bought = "", procedure = "", amount = "", outcome = ""

        init() {}

        init(_ article: Article, enterpriseNames: [String]) {
            kind = article.kind.rawValue
            titleFrench = article.titleFrench; summaryFrench = article.summaryFrench; bodyFrench = article.bodyFrench
            titleEnglish = article.titleEnglish; summaryEnglish = article.summaryEnglish; bodyEnglish = article.bodyEnglish
            regions = article.regions
            tags = article.tags.joined(separator: ", ")
            enterprises = enterpriseNames.joined(separator: "\n")
            if let training = article.training {
                day = QuebecTime.day(from: training.startsAt)
                startTime = QuebecTime.time(from: training.startsAt)
                endTime = QuebecTime.time(from: training.endsAt)
                online = training.online
                place = training.place; audience = training.audience; registrationURL = training.registrationURL
                capacity = training.capacity.map(String.init) ?? ""
            }
            if let story = article.collaboration {
                municipality = story.municipalityCode; bought = story.bought; procedure = story.procedure
                amount = story.amountCents.map(PurchaseRecordService.amountText) ?? ""
                outcome = story.outcome
            }
        }
    }

    // MARK: Who may do what

    static func canWrite(_ user: User) -> Bool { user.has(.writeArticles) }

    /// Administrators edit every article; a hub editor those whose regions are all theirs.
    static func canEdit(_ article: Article, _ user: User) -> Bool {
        guard user.has(.writeArticles) else { return false }
        if user.roles.contains(.admin) { return true }
        return !article.regions.isEmpty && article.regions.allSatisfy(user.regions.contains)
    }

    static let notYours = Refusal(.forbidden, title: "Article d'une autre région",
                                  message: "Cet article concerne une région que vous ne gérez pas : seuls ses pôles et les administrateurs peuvent le modifier.",
                                  english: "This article concerns a region you do not look after: only its hubs and the administrators can change it.")
    static let changedMeanwhile = Refusal(.conflict, title: "Article modifié entre-temps",
                                          message: "Quelqu'un a modifié cet article depuis que vous l'avez ouvert. Rechargez la page pour voir sa version actuelle ; rien n'a été enregistré.",
                                          english: "Someone changed this article since you opened it. Reload the page to see its current version; nothing was saved.")

    // MARK: Validation

    /// Checks the form; every problem names its field. `existing` keeps its id, slug, status and
    /// dates.
    func validate(_ input: Input, existing: Article?, for user: User, now: Date) async throws -> Result<Article, ValidationFailure> {
        var issues: [FieldIssue] = []
        func problem(_ field: String, _ code: String, _ french: String, _ english: String) {
            issues.append(FieldIssue(field: field, code: code, message: french, english: english))
        }
        func clean(_ text: String) -> String { text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines) }
        func line(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        func length(_ field: String, _ label: String, _ english: String, _ text: String, _ maximum: Int) {
            if text.count > maximum {
                problem(field, "too-long", "\(label) compte \(text.count) caractères : \(maximum) au plus.", "\(english) has \(text.count) characters: at most \(maximum).")
            }
        }
        let kind = Article.Kind(rawValue: input.kind)
        if kind == nil {
            problem("type", "invalid-kind", "Choisissez le type d'article : formation, exemple de collaboration ou nouvelle.",
                    "Choose the kind of article: training, collaboration story or news.")
        }
        let title = line(input.titleFrench), summary = line(input.summaryFrench), body = clean(input.bodyFrench)
        if title.isEmpty { problem("titre", "missing", "Écrivez le titre de l'article.", "Write the article's title.") }
        length("titre", "Le titre", "The title", title, Article.maxTitleLength)
        if summary.isEmpty {
            problem("resume", "missing", "Écrivez un résumé d'une ou deux phrases : il paraît dans les listes et les fils.",
                    "Write a one- or two-sentence summary: it shows in lists and feeds.")
        }
        length("resume", "Le résumé", "The summary", summary, Article.maxSummaryLength)
        if body.isEmpty { problem("texte", "missing", "Écrivez le texte de l'article (Markdown).", "Write the article's text (Markdown).") }
        length("texte", "Le texte", "The text", body, Article.maxBodyLength)
        let titleEnglish = line(input.titleEnglish), summaryEnglish = line(input.summaryEnglish), bodyEnglish = clean(input.bodyEnglish)
        if !(titleEnglish.isEmpty && summaryEnglish.isEmpty && bodyEnglish.isEmpty) {
            if titleEnglish.isEmpty { problem("titre_en", "missing", "La version anglaise a besoin d'un titre (ou laissez ses trois champs vides).", "The English version needs a title (or leave its three fields empty).") }
            if summaryEnglish.isEmpty { problem("resume_en", "missing", "La version anglaise a besoin d'un résumé.", "The English version needs a summary.") }
            if bodyEnglish.isEmpty { problem("texte_en", "missing", "La version anglaise a besoin d'un texte.", "The English version needs a text.") }
        }
        length("titre_en", "Le titre anglais", "The English title", titleEnglish, Article.maxTitleLength)
        length("resume_en", "Le résumé anglais", "The English summary", summaryEnglish, Article.maxSummaryLength)
        length("texte_en", "Le texte anglais", "The English text", bodyEnglish, Article.maxBodyLength)

        // Regions: a hub editor's article concerns some of their regions.
        var regions: [String] = []
        for code in input.regions.map({ $0.trimmingCharacters(in: .whitespaces) }) where !code.isEmpty && !regions.contains(code) {
            if Region.find(code) == nil {
                problem("regions", "unknown-region", "Région « \(code) » inconnue.", "Unknown region \"\(code)\".")
            } else {
                regions.append(code)
            }
        }
        regions.sort()
        if !user.roles.contains(.admin) {
            if regions.isEmpty {
                problem("regions", "missing-region", "Choisissez au moins une des régions que vous gérez.", "Choose at least one of the regions you look after.")
            }
            for code in regions where !user.regions.contains(code) {
                let name = Region.find(code)?.name ?? code
                problem("regions", "forbidden-region", "Vous ne gérez pas la région \(name) (\(code)) : un article de votre pôle concerne vos régions.",
                        "You do not look after region \(name) (\(code)): your hub's articles concern your regions.")
            }
        }

        var tags: [String] = []
        for raw in input.tags.split(separator: ",") {
            let tag = line(String(raw))
            guard !tag.isEmpty, !tags.contains(where: { $0.compare(tag, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame }) else { continue }
            if tag.count > Article.maxTagLength {
                problem("etiquettes", "too-long", "L'étiquette « \(tag.prefix(20))… » compte \(tag.count) caractères : \(Article.maxTagLength) au plus.",
                        "The tag \"\(tag.prefix(20))…\" has \(tag.count) characters: at most \(Article.maxTagLength).")
            }
            tags.append(tag)
        }
        if tags.count > Article.maxTags {
            problem("etiquettes", "too-many", "\(tags.count) étiquettes : \(Article.maxTags) au plus, séparées par des virgules.", "\(tags.count) tags: at most \(Article.maxTags), separated by commas.")
        }

        var enterpriseIDs: [String] = []
        let keys = input.enterprises.split(whereSeparator: \.isNewline).map { line(String($0)) }.filter { !$0.isEmpty }
        if keys.count > Article.maxEnterprises {
            problem("entreprises", "too-many", "\(keys.count) entreprises : \(Article.maxEnterprises) au plus.", "\(keys.count) enterprises: at most \(Article.maxEnterprises).")
        }
        for key in keys.prefix(Article.maxEnterprises) {
            let found = try await directory.resolveEnterprise(key)
            if let enterprise = found.enterprise {
                if !enterpriseIDs.contains(enterprise.id) { enterpriseIDs.append(enterprise.id) }
            } else {
                let hint = found.suggestions.isEmpty ? "" : " Voulez-vous dire : " + found.suggestions.map { "« \($0) »" }.joined(separator: ", ") + " ?"
                let hintEnglish = found.suggestions.isEmpty ? "" : " Did you mean: " + found.suggestions.map { "\"\($0)\"" }.joined(separator: ", ") + "?"
                problem("entreprises", found.ambiguous ? "ambiguous-enterprise" : "unknown-enterprise",
                        (found.ambiguous ? "Plusieurs entreprises s'appellent « \(key) » : écrivez l'adresse de sa fiche." : "Aucune entreprise du répertoire ne s'appelle « \(key) ».") + hint,
                        (found.ambiguous ? "Several enterprises are called \"\(key)\": write its page's address." : "No enterprise of the directory is called \"\(key)\".") + hintEnglish)
            }
        }

        var training: Article.Training?
        var collaboration: Article.Collaboration?
        switch kind {
        case .training:
            let day = input.day.trimmingCharacters(in: .whitespaces)
            let start = QuebecTime.moment(day: day, time: input.startTime.trimmingCharacters(in: .whitespaces))
            let end = QuebecTime.moment(day: day, time: input.endTime.trimmingCharacters(in: .whitespaces))
            if CalendarDay.parse(day) == nil {
                problem("date", "invalid-date", "Date de la formation invalide « \(day) » : écrivez-la AAAA-MM-JJ (ex. 2027-02-18).",
                        "Invalid training date \"\(day)\": write it YYYY-MM-DD (e.g. 2027-02-18).")
            } else {
                if start == nil { problem("debut", "invalid-time", "Heure de début invalide « \(input.startTime) » : écrivez-la HH:MM (ex. 09:30).", "Invalid start time \"\(input.startTime)\": write it HH:MM (e.g. 09:30).") }
                if end == nil { problem("fin", "invalid-time", "Heure de fin invalide « \(input.endTime) » : écrivez-la HH:MM (ex. 12:00).", "Invalid end time \"\(input.endTime)\": write it HH:MM (e.g. 12:00).") }
            }
            if let start, let end, end <= start {
                problem("fin", "end-before-start", "La formation finit (\(QuebecTime.time(from: end))) avant de commencer (\(QuebecTime.time(from: start))).",
                        "The training ends (\(QuebecTime.time(from: end))) before it starts (\(QuebecTime.time(from: start))).")
            }
            let place = line(input.place), audience = line(input.audience), link = input.registrationURL.trimmingCharacters(in: .whitespaces)
            if !input.online && place.isEmpty {
                problem("lieu", "missing-place", "Indiquez le lieu de la formation, ou cochez « En ligne ».", "Give the training's place, or tick \"Online\".")
            }
            length("lieu", "Le lieu", "The place", place, 300)
            length("public", "Le public visé", "The audience", audience, 300)
            if !link.isEmpty && !ArticleMarkdown.isAllowedLink(link) || link.hasPrefix("mailto:") {
                problem("inscription", "invalid-url", "Le lien d'inscription doit être une adresse web complète (https://…).", "The registration link must be a full web address (https://…).")
            }
            var capacity: Int?
            let seats = input.capacity.trimmingCharacters(in: .whitespaces)
            if !seats.isEmpty {
                if let number = Int(seats), (1...TrainingRegistration.maxCapacity).contains(number) {
                    capacity = number
                    if !link.isEmpty {
                        problem("places", "both-registrations", "Choisissez : des places avec inscriptions dans Répertoire, ou un lien d'inscription ailleurs, pas les deux.",
                                "Choose: seats with registrations in Répertoire, or a registration link elsewhere, not both.")
                    }
                } else {
                    problem("places", "invalid-capacity", "Nombre de places invalide « \(seats) » : un nombre de 1 à \(TrainingRegistration.maxCapacity).",
                            "Invalid number of seats \"\(seats)\": a number from 1 to \(TrainingRegistration.maxCapacity).")
                }
            }
            if let start, let end, end > start {
                training = Article.Training(startsAt: start, endsAt: end, online: input.online, place: place, audience: audience, registrationURL: link,
                                            capacity: capacity)
            }
        case .collaboration:
            let code = input.municipality.trimmingCharacters(in: .whitespaces)
            if directory.catalog.municipality(code: code) == nil {
                problem("municipalite", "unknown-municipality", "Choisissez la municipalité qui a acheté.", "Choose the municipality that bought.")
            }
            let bought = line(input.bought), outcome = clean(input.outcome)
            if bought.isEmpty { problem("achat", "missing", "Décrivez ce qui a été acheté.", "Describe what was bought.") }
            length("achat", "L'achat", "What was bought", bought, 300)
            if outcome.isEmpty { problem("resultat", "missing", "Décrivez le résultat, en mots et en chiffres.", "Describe the outcome, in words and figures.") }
            length("resultat", "Le résultat", "The outcome", outcome, 2_000)
            if PurchaseContract.Procedure(rawValue: input.procedure) == nil {
                problem("mode", "invalid-procedure", "Choisissez le mode d'octroi : gré à gré, invitation écrite ou appel d'offres public.",
                        "Choose how it was awarded: mutual agreement, written invitation or public call for tenders.")
            }
            var amount: Int64?
            if !input.amount.trimmingCharacters(in: .whitespaces).isEmpty {
                switch ProcurementRules.parseAmount(input.amount) {
                case .success(let cents): amount = cents
                case .failure(let error): problem("montant", "invalid-amount", error.message, error.messageEnglish)
                }
            }
            if enterpriseIDs.isEmpty && keys.isEmpty {
                problem("entreprises", "missing-enterprise", "Un exemple de collaboration nomme au moins une entreprise du répertoire.",
                        "A collaboration story names at least one enterprise of the directory.")
            }
            collaboration = Article.Collaboration(municipalityCode: code, bought: bought, procedure: input.procedure, amountCents: amount, outcome: outcome)
        case .news, nil:
            break
        }
        guard !issues.hasErrors, let kind else { return .failure(ValidationFailure(issues)) }
        var article = existing ?? Article(
            id: RecordID.next(now: now), slug: "", kind: kind, status: .draft, titleFrench: "", summaryFrench: "", bodyFrench: "",
            titleEnglish: "", summaryEnglish: "", bodyEnglish: "", regions: [], tags: [], publishAt: nil, training: nil, collaboration: nil,
            enterpriseIDs: [], version: 1, createdBy: user.id, createdAt: now, updatedAt: now)
        if existing == nil { article.slug = try await freeSlug(for: title) }
        article.kind = kind
        article.titleFrench = title; article.summaryFrench = summary; article.bodyFrench = body
        article.titleEnglish = titleEnglish; article.summaryEnglish = summaryEnglish; article.bodyEnglish = bodyEnglish
        article.regions = regions
        article.tags = tags
        article.enterpriseIDs = enterpriseIDs
        article.training = training
        article.collaboration = collaboration
        return .success(article)
    }

    /// The page address made from the title, once: `-2`, `-3`… when taken. It never changes, so
    /// that links to the article keep working.
    private func freeSlug(for title: String) async throws -> String {
        let base = Slug.make(from: title, maxLength: 70)
        let stem = base.isEmpty ? "article" : base
        var candidate = stem
        var number = 2
        while try await store.slugExists(candidate) {
            candidate = "\(stem)-\(number)"
            number += 1
        }
        return candidate
    }

    // MARK: Writes

    func create(_ input: Input, by user: User, client: String, now: Date = Date()) async throws -> Result<Article, ValidationFailure> {
        guard Self.canWrite(user) else { throw Self.notYours }
        let checked = try await validate(input, existing: nil, for: user, now: now)
        guard case .success(let article) = checked else { return checked }
        try await store.create(article, author: user, client: client)
        return .success(article)
    }

    func update(_ id: String, _ input: Input, expectedVersion: Int, by user: User, client: String, now: Date = Date()) async throws -> Result<Article, ValidationFailure> {
        let existing = try await editable(id, by: user)
        let checked = try await validate(input, existing: existing, for: user, now: now)
        guard case .success(var article) = checked else { return checked }
        guard try await store.update(article, expectedVersion: expectedVersion, action: "updated", author: user, client: client, now: now) else {
            throw Self.changedMeanwhile
        }
        article.version = expectedVersion + 1
        return .success(article)
    }

    enum Transition: String, Sendable {
        /// Published now, or at a time given (scheduled).
        case publish
        case archive
        /// Back to a draft: off the public pages.
        case unpublish
    }

    /// Publishes (now, or at `at`), archives or takes back an article. A time more than a few
    /// minutes past is refused: a scheduled article is published in the future.
    func transition(_ id: String, _ transition: Transition, at: Date? = nil, expectedVersion: Int, by user: User, client: String, now: Date = Date()) async throws -> Article {
        var article = try await editable(id, by: user)
        let action: String
        switch transition {
        case .publish:
            if let at, at < now.addingTimeInterval(-300) {
                throw Refusal(.invalid, title: "Date de publication passée",
                              message: "La publication programmée (\(QuebecTime.day(from: at)) \(QuebecTime.time(from: at))) est déjà passée : choisissez un moment à venir, ou publiez maintenant.",
                              english: "The scheduled publication (\(QuebecTime.day(from: at)) \(QuebecTime.time(from: at))) has passed: choose a time ahead, or publish now.")
            }
            article.status = .published
            article.publishAt = at ?? now
            action = (at ?? now) > now ? "scheduled" : "published"
        case .archive:
            guard article.status == .published else {
                throw Refusal(.invalid, title: "Article non publié", message: "Seul un article publié ou programmé peut être archivé.", english: "Only a published or scheduled article can be archived.")
            }
            article.status = .archived
            action = "archived"
        case .unpublish:
            article.status = .draft
            article.publishAt = nil
            action = "unpublished"
        }
        guard try await store.update(article, expectedVersion: expectedVersion, action: action, author: user, client: client, now: now) else {
            throw Self.changedMeanwhile
        }
        article.version = expectedVersion + 1
        return article
    }

    private func editable(_ id: String, by user: User) async throws -> Article {
        guard let article = try await store.article(id: id) else { throw Refusal.notFound("Cet article", english: "This article") }
        guard Self.canEdit(article, user) else { throw Self.notYours }
        return article
    }

    // MARK: Staff reads

    func article(_ id: String, for user: User) async throws -> (article: Article, canEdit: Bool, revisions: [ArticleRevision]) {
        guard Self.canWrite(user), let article = try await store.article(id: id) else { throw Refusal.notFound("Cet article", english: "This article") }
        return (article, Self.canEdit(article, user), try await store.revisions(of: id))
    }

    /// The articles a writer sees in the staff list: every one for administrators, those of their
    /// regions (and all of Quebec's) for hub editors; most recently changed first.
    func staffList(for user: User) async throws -> [Article] {
        let all = try await catalog.current().articles.values
        let mine = user.roles.contains(.admin) ? Array(all) : all.filter { $0.regions.isEmpty || !user.regions.isDisjoint(with: $0.regions) }
        return mine.sorted { $0.updatedAt != $1.updatedAt ? $0.updatedAt > $1.updatedAt : $0.id > $1.id }
    }

    /// What the form shows for each linked enterprise: its page address.
    func enterpriseKeys(_ article: Article) -> [String] {
        directory.summaries(ids: article.enterpriseIDs).map(\.slug)
    }

    // MARK: What visitors see

    struct Filter: Sendable, Equatable {
        var text = ""
        var region: String?
        var tag: String?
        var kind: Article.Kind?
    }

    struct Found: Sendable {
        var article: Article
        var title: [HighlightSegment]?
        var snippet: [HighlightSegment]?
    }

    /// Published articles matching the filter: best match first with words, newest first
    /// without. An article for all of Quebec is in every region.
    func published(_ filter: Filter, now: Date = Date()) async throws -> [Found] {
        let snapshot = try await catalog.current()
        func keep(_ article: Article) -> Bool {
            guard article.isListed(at: now) else { return false }
            if let region = filter.region, !article.regions.isEmpty, !article.regions.contains(region) { return false }
            if let tag = filter.tag, !article.tags.contains(where: { $0.compare(tag, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame }) { return false }
            if let kind = filter.kind, article.kind != kind { return false }
            return true
        }
        let text = filter.text.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty {
            return catalog.search(text).compactMap { hit in
                guard let article = snapshot.articles[hit.id], keep(article) else { return nil }
                return Found(article: article, title: hit.title, snippet: hit.snippet)
            }
        }
        return snapshot.articles.values.filter(keep)
            .sorted { ($0.publishAt ?? $0.createdAt, $0.id) > ($1.publishAt ?? $1.createdAt, $1.id) }
            .map { Found(article: $0) }
    }

    /// Trainings still to come (or under way), soonest first.
    func upcomingTrainings(region: String? = nil, now: Date = Date()) async throws -> [Article] {
        try await published(Filter(region: region, kind: .training), now: now)
            .map(\.article).filter { ($0.training?.endsAt ?? .distantPast) > now }
            .sorted { ($0.training?.startsAt ?? .distantPast) < ($1.training?.startsAt ?? .distantPast) }
    }

    /// The home page's block: the next trainings and the latest stories and news (four at most),
    /// with a key that changes whenever what it shows does (a scheduled article's time comes
    /// without any write).
    func homeItems(now: Date = Date()) async throws -> (key: String, items: [Article]) {
        let trainings = try await upcomingTrainings(now: now).prefix(2)
        let latest = try await published(Filter(), now: now).map(\.article).filter { $0.kind != .training }.prefix(4 - trainings.count)
        let items = Array(trainings) + Array(latest)
        return (items.map { "|\($0.id).\($0.version)" }.joined(), items)
    }

    /// An article whose page visitors may open.
    func readable(slug: String, now: Date = Date()) async throws -> Article? {
        try await catalog.current().article(slug: slug).flatMap { $0.isReadable(at: now) ? $0 : nil }
    }

    /// The published stories and news that name an enterprise: its profile links to them.
    func articles(about enterpriseID: String, now: Date = Date()) async throws -> [Article] {
        try await catalog.current().articles.values.filter { $0.isListed(at: now) && $0.enterpriseIDs.contains(enterpriseID) }
            .sorted { ($0.publishAt ?? $0.createdAt) > ($1.publishAt ?? $1.createdAt) }
    }

    /// The tags of the published articles, most used first.
    func tags(now: Date = Date()) async throws -> [String] {
        var counts: [String: Int] = [:]
        for article in try await catalog.current().articles.values where article.isListed(at: now) {
            for tag in article.tags { counts[tag, default: 0] += 1 }
        }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    struct NewEnterprise: Sendable {
        var summary: EnterpriseSummary
        var addedAt: Date
        var foundedYear: Int?
    }

    /// Enterprises added to the directory, or founded, within the configured months; of a region
    /// or all of Quebec. Nobody writes them: they come from the directory itself.
    func newEnterprises(region: String? = nil, limit: Int = 24, now: Date = Date()) async throws -> [NewEnterprise] {
        let key = "\(region ?? "")|\(limit)", sequence = directory.sequence
        if let cached = catalog.newEnterprises.withLock({ $0[key] }), cached.sequence == sequence, abs(now.timeIntervalSince(cached.at)) < 600 {
            return cached.list
        }
        let list = try await loadNewEnterprises(region: region, limit: limit, now: now)
        catalog.newEnterprises.withLock { $0[key] = (sequence, now, list) }
        return list
    }

    private func loadNewEnterprises(region: String?, limit: Int, now: Date) async throws -> [NewEnterprise] {
        let since = Calendar(identifier: .gregorian).date(byAdding: .month, value: -settings.newEnterpriseMonths, to: now) ?? now
        let year = Calendar(identifier: .gregorian).component(.year, from: since)
        let recent = try await EnterpriseStore(database: store.database).recent(since: since, foundedSince: year, region: region, limit: limit * 2)
        let summaries = Dictionary(directory.summaries(ids: recent.map(\.id)).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var result: [NewEnterprise] = []
        for entry in recent {
            guard let summary = summaries[entry.id], summary.status == .active else { continue }
            if let region, summary.regionCode != region { continue }
            result.append(NewEnterprise(summary: summary, addedAt: entry.addedAt, foundedYear: entry.foundedYear))
            if result.count == limit { break }
        }
        return result
    }

    /// The enterprises added to the directory within `[from, to)`, of a region or all of Quebec:
    /// the digest's « nouvelles entreprises » of a period.
    func addedEnterprises(region: String?, from: Date, to: Date) async throws -> [NewEnterprise] {
        let recent = try await EnterpriseStore(database: store.database).recent(since: from, foundedSince: Int(Int32.max), region: region, limit: 500)
        let summaries = Dictionary(directory.summaries(ids: recent.map(\.id)).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return recent.compactMap { entry in
            guard entry.addedAt < to, let summary = summaries[entry.id], summary.status == .active else { return nil }
            return NewEnterprise(summary: summary, addedAt: entry.addedAt, foundedYear: entry.foundedYear)
        }
    }

    // MARK: Images

    /// The formats accepted, recognised from their first bytes (never from the name or the
    /// browser's word).
    static func imageType(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return "image/webp" }
        return nil
    }

    func uploadImage(_ bytes: [UInt8], alt rawAlt: String, by user: User, client: String, now: Date = Date()) async throws -> Result<ArticleImage, ValidationFailure> {
        guard Self.canWrite(user) else { throw Self.notYours }
        var issues: [FieldIssue] = []
        let alt = rawAlt.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if alt.isEmpty {
            issues.append(FieldIssue(field: "alt", code: "missing-alt", message: "Décrivez l'image en quelques mots (texte de remplacement) : les personnes qui ne la voient pas le liront.",
                                     english: "Describe the image in a few words (alternative text): people who cannot see it will read this."))
        } else if alt.count > 250 {
            issues.append(FieldIssue(field: "alt", code: "too-long", message: "Le texte de remplacement compte \(alt.count) caractères : 250 au plus.", english: "The alternative text has \(alt.count) characters: at most 250."))
        }
        let type = Self.imageType(bytes)
        if bytes.isEmpty {
            issues.append(FieldIssue(field: "image", code: "missing-file", message: "Choisissez une image (PNG, JPEG ou WebP).", english: "Choose an image (PNG, JPEG or WebP)."))
        } else if bytes.count > settings.imageMaxBytes {
            let limit = settings.imageMaxBytes >> 20
            issues.append(FieldIssue(field: "image", code: "too-large", message: "L'image pèse \(bytes.count / 1024) Ko : \(limit) Mo au plus.", english: "The image weighs \(bytes.count / 1024) KB: at most \(limit) MB."))
        } else if type == nil {
            issues.append(FieldIssue(field: "image", code: "invalid-type", message: "Ce fichier n'est pas une image PNG, JPEG ou WebP (vérifié d'après son contenu).",
                                     english: "This file is not a PNG, JPEG or WebP image (checked from its content)."))
        }
        guard issues.isEmpty, let type else { return .failure(ValidationFailure(issues)) }
        let image = ArticleImage(id: RecordID.next(now: now), contentType: type, bytes: bytes, alt: alt, createdAt: now)
        try await store.addImage(image, author: user, client: client)
        return .success(image)
    }

    /// The Markdown that shows an uploaded image, for the editor to paste.
    static func markdown(for image: ArticleImage) -> String {
        "![\(image.alt.replacingOccurrences(of: "]", with: ")"))](\(ArticleMarkdown.imagePathPrefix)\(image.id))"
    }
}
