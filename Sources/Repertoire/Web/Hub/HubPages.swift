import Foundation

/// The public pages of « Économie sociale, J'achète! »: the hub's front page (stories, trainings,
/// news, new enterprises, search), an article, and the list of new enterprises.
enum HubPages {
    static let title = "Économie sociale, J'achète!"

    /// `12 mars 2027` / `March 12, 2027`, in Quebec.
    static func date(_ date: Date, _ web: WebContext) -> String {
        web.day(QuebecTime.day(from: date)) ?? QuebecTime.day(from: date)
    }

    /// `12 mars 2027, 09 h 30 à 12 h 00 (heure du Québec)` / `March 12, 2027, 09:30 to 12:00 (Quebec time)`.
    static func when(_ training: Article.Training, _ web: WebContext) -> String {
        whenText(training, english: web.language == .en)
    }

    /// The same without a page (the e-mails say it in both languages).
    static func whenText(_ training: Article.Training?, english: Bool) -> String {
        guard let training else { return "" }
        let start = QuebecTime.time(from: training.startsAt), end = QuebecTime.time(from: training.endsAt)
        let day = training.startsAt.formatted(english ? Formats.dayEnglish : Formats.dayFrench)
        if !english {
            return "\(day), \(start.replacingOccurrences(of: ":", with: " h ")) à \(end.replacingOccurrences(of: ":", with: " h ")) (heure du Québec)"
        }
        return "\(day), \(start) to \(end) (Quebec time)"
    }

    // MARK: Filters

    struct Filters {
        var filter: ArticleService.Filter
        var tags: [String]
        var problems: [String] = []
        var isActive: Bool { !filter.text.isEmpty || filter.region != nil || filter.tag != nil || filter.kind != nil }
    }

    private static func filterForm(_ w: inout HTMLWriter, _ filters: Filters, web: WebContext) {
        let filter = filters.filter
        w.problems(filters.problems)
        w.markup("<form method=\"get\" action=\""); w.text(Route.hub.path(language: web.language)); w.markup("\" class=\"staff-form filters hub-search\" role=\"search\"><p><label for=\"hub-q\">")
        w.text(web.tr("Chercher dans les articles", "Search the articles")); w.markup("</label><input type=\"search\" id=\"hub-q\" name=\"q\" maxlength=\"200\" value=\"")
        w.text(filter.text); w.markup("\"></p><p><label for=\"hub-region\">"); w.text(web.tr("Région", "Region")); w.markup("</label><select id=\"hub-region\" name=\"region\"><option value=\"\">")
        w.text(web.tr("Tout le Québec", "All of Quebec")); w.markup("</option>")
        w.regionOptions(selected: filter.region)
        w.markup("</select></p><p><label for=\"hub-type\">"); w.text(web.tr("Type", "Kind")); w.markup("</label><select id=\"hub-type\" name=\"type\"><option value=\"\">")
        w.text(web.tr("Tous", "All")); w.markup("</option>")
        w.options(Article.Kind.allCases.map { ($0.rawValue, web.tr($0.name, $0.nameEnglish)) }, selected: filter.kind?.rawValue)
        w.markup("</select></p>")
        if !filters.tags.isEmpty {
            w.markup("<p><label for=\"hub-tag\">"); w.text(web.tr("Étiquette", "Tag")); w.markup("</label><select id=\"hub-tag\" name=\"etiquette\"><option value=\"\">")
            w.text(web.tr("Toutes", "All")); w.markup("</option>")
            for tag in filters.tags {
                w.markup("<option"); if filter.tag == tag { w.markup(" selected") }; w.markup(">"); w.text(tag); w.markup("</option>")
            }
            w.markup("</select></p>")
        }
        w.markup("<p><button type=\"submit\">"); w.text(web.tr("Chercher", "Search")); w.markup("</button></p></form>")
    }

    // MARK: Lists of articles

    private static func articleItem(_ w: inout HTMLWriter, _ found: ArticleService.Found, web: WebContext) {
        let article = found.article
        let french = article.fallsBackToFrench(web.language)
        w.markup("<li class=\"article-item\"><p class=\"article-kind\">"); w.text(web.tr(article.kind.name, article.kind.nameEnglish))
        if let training = article.training { w.markup(" · "); w.text(when(training, web)) } else if let at = article.publishAt { w.markup(" · "); w.text(date(at, web)) }
        w.markup("</p><h3"); if french { w.markup(" lang=\"fr\"") }
        w.markup("><a href=\""); w.text(Route.hubArticle.path(article.slug, language: web.language)); w.markup("\">")
        if let title = found.title, web.language == .fr || french { w.safe(SafeHTML(highlighting: title)) } else { w.text(article.title(web.language)) }
        w.markup("</a></h3><p"); if french { w.markup(" lang=\"fr\"") }; w.markup(">"); w.text(article.summary(web.language)); w.markup("</p>")
        if !article.tags.isEmpty {
            w.markup("<ul class=\"badges\" aria-label=\""); w.text(web.tr("Étiquettes", "Tags")); w.markup("\">")
            for tag in article.tags { w.markup("<li class=\"badge\" lang=\"fr\">"); w.text(tag); w.markup("</li>") }
            w.markup("</ul>")
        }
        w.markup("</li>")
    }

    private static func articleList(_ w: inout HTMLWriter, _ items: [ArticleService.Found], empty: String, web: WebContext) {
        guard !items.isEmpty else { w.markup("<p>"); w.text(empty); w.markup("</p>"); return }
        w.markup("<ul class=\"article-list\">")
        for item in items { articleItem(&w, item, web: web) }
        w.markup("</ul>")
    }

    private static func enterpriseCards(_ w: inout HTMLWriter, _ summaries: [EnterpriseSummary], web: WebContext) {
        w.markup("<ul class=\"cards\">")
        for summary in summaries { w.safe(CardModel(summary, hit: nil, context: web).html) }
        w.markup("</ul>")
    }

    // MARK: The hub's front page

    struct FrontState {
        var filters: Filters
        var results: [ArticleService.Found] = []
        var stories: [ArticleService.Found] = []
        var trainings: [Article] = []
        var news: [ArticleService.Found] = []
        var newEnterprises: [ArticleService.NewEnterprise] = []
        var newEnterpriseMonths: Int
    }

    static func front(_ state: FrontState, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 24_000)
        w.markup("<div class=\"hub\"><h1 lang=\"fr\">"); w.text(title); w.markup("</h1><p class=\"lead\">")
        w.text(web.tr("Le coffre à outils des acheteurs municipaux : des formations, ce que d'autres villes ont acheté à des entreprises d'économie sociale, et les entreprises nouvelles au répertoire.",
                      "Municipal buyers' toolbox: trainings, what other cities bought from social-economy enterprises, and the enterprises new to the directory."))
        w.markup("</p>")
        filterForm(&w, state.filters, web: web)
        if state.filters.isActive {
            w.markup("<section aria-labelledby=\"resultats-titre\"><h2 id=\"resultats-titre\">")
            w.text(web.tr("\(state.results.count) article(s) trouvé(s)", "\(state.results.count) article(s) found")); w.markup("</h2>")
            articleList(&w, state.results, empty: web.tr("Aucun article ne correspond. Essayez d'autres mots, ou une autre région.", "No article matches. Try other words, or another region."), web: web)
            w.markup("<p><a href=\""); w.text(Route.hub.path(language: web.language)); w.markup("\">"); w.text(web.tr("Tout afficher", "Show everything")); w.markup("</a></p></section></div>")
            return w.result
        }
        w.markup("<section aria-labelledby=\"exemples-titre\"><h2 id=\"exemples-titre\">"); w.text(web.tr("Exemples de collaboration", "Collaboration stories")); w.markup("</h2>")
        articleList(&w, state.stories, empty: web.tr("Aucun exemple publié pour l'instant.", "No story published yet."), web: web)
        w.markup("</section><section aria-labelledby=\"formations-titre\"><h2 id=\"formations-titre\">"); w.text(web.tr("Formations à venir", "Upcoming trainings")); w.markup("</h2>")
        articleList(&w, state.trainings.map { ArticleService.Found(article: $0) }, empty: web.tr("Aucune formation à venir.", "No upcoming training."), web: web)
        w.markup("</section><section aria-labelledby=\"nouvelles-titre\"><h2 id=\"nouvelles-titre\">"); w.text(web.tr("Nouvelles", "News")); w.markup("</h2>")
        articleList(&w, state.news, empty: web.tr("Aucune nouvelle publiée pour l'instant.", "No news published yet."), web: web)
        w.markup("</section>")
        newEnterprisesSection(&w, state.newEnterprises, months: state.newEnterpriseMonths, region: state.filters.filter.region, more: true, web: web)
        followSection(&w, region: state.filters.filter.region, web: web)
        w.markup("</div>")
        return w.result
    }

    /// « Suivre J'achète! »: the Atom feeds (of the region chosen, if any) and the calendar.
    private static func followSection(_ w: inout HTMLWriter, region: String?, web: WebContext) {
        let query = region.map { "?region=\($0)" } ?? ""
        w.markup("<section aria-labelledby=\"suivre-titre\"><h2 id=\"suivre-titre\">"); w.text(web.tr("Suivre J'achète!", "Follow J'achète!")); w.markup("</h2><ul>")
        let feeds: [(Route, String, String)] = [(.hubFeedArticles, "Fil Atom des articles", "Atom feed of the articles"),
                                                (.hubFeedTrainings, "Fil Atom des formations", "Atom feed of the trainings"),
                                                (.hubFeedNewEnterprises, "Fil Atom des nouvelles entreprises", "Atom feed of the new enterprises")]
        for (route, french, english) in feeds {
            w.markup("<li><a type=\"application/atom+xml\" href=\""); w.text(route.path(language: web.language) + query); w.markup("\">")
            w.text(web.tr(french, english) + (region.flatMap(Region.find).map { web.tr(" (\($0.name))", " (\($0.name))") } ?? "")); w.markup("</a></li>")
        }
        w.markup("<li><a type=\"text/calendar\" href=\""); w.text(Route.hubCalendar.path()); w.markup("\">")
        w.text(web.tr("Calendrier des formations (iCalendar, à ajouter à votre agenda)", "Trainings calendar (iCalendar, to add to your calendar)")); w.markup("</a></li>")
        w.markup("<li><a href=\""); w.text(Route.hubDigest.path(language: web.language)); w.markup("\">")
        w.text(web.tr("Le résumé par courriel, chaque semaine ou chaque mois", "The digest by e-mail, weekly or monthly")); w.markup("</a></li></ul></section>")
    }

    private static func newEnterprisesSection(_ w: inout HTMLWriter, _ list: [ArticleService.NewEnterprise], months: Int, region: String?, more: Bool, web: WebContext) {
        w.markup("<section aria-labelledby=\"entreprises-titre\"><h2 id=\"entreprises-titre\">"); w.text(web.tr("Nouvelles entreprises", "New enterprises")); w.markup("</h2><p>")
        w.text(web.tr("Ajoutées au répertoire ou fondées depuis \(months) mois\(region.flatMap(Region.find).map { ", région \($0.name)" } ?? "").",
                      "Added to the directory or founded in the last \(months) months\(region.flatMap(Region.find).map { ", \($0.name) region" } ?? "")."))
        w.markup("</p>")
        if list.isEmpty {
            w.markup("<p>"); w.text(web.tr("Aucune nouvelle entreprise pour cette période.", "No new enterprise for this period.")); w.markup("</p>")
        } else {
            enterpriseCards(&w, list.map(\.summary), web: web)
        }
        if more {
            w.markup("<p><a href=\""); w.text(Route.hubNewEnterprises.path(language: web.language) + (region.map { "?region=\($0)" } ?? "")); w.markup("\">")
            w.text(web.tr("Toutes les nouvelles entreprises", "All the new enterprises")); w.markup("</a></p>")
        }
        w.markup("</section>")
    }

    static func newEnterprises(_ list: [ArticleService.NewEnterprise], months: Int, region: String?, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 24_000)
        w.markup("<div class=\"hub\"><p><a href=\""); w.text(Route.hub.path(language: web.language)); w.markup("\">← <span lang=\"fr\">"); w.text(title)
        w.markup("</span></a></p><h1>"); w.text(web.tr("Nouvelles entreprises", "New enterprises")); w.markup("</h1>")
        w.markup("<form method=\"get\" action=\""); w.text(Route.hubNewEnterprises.path(language: web.language)); w.markup("\" class=\"staff-form filters\"><p><label for=\"ne-region\">")
        w.text(web.tr("Région", "Region")); w.markup("</label><select id=\"ne-region\" name=\"region\"><option value=\"\">"); w.text(web.tr("Tout le Québec", "All of Quebec")); w.markup("</option>")
        for option in Region.all {
            w.markup("<option value=\""); w.text(option.code); w.markup("\""); if region == option.code { w.markup(" selected") }
            w.markup(">"); w.text(option.name); w.markup("</option>")
        }
        w.markup("</select></p><p><button type=\"submit\">"); w.text(web.tr("Afficher", "Show")); w.markup("</button></p></form>")
        newEnterprisesSection(&w, list, months: months, region: region, more: false, web: web)
        w.markup("</div>")
        return w.result
    }

    // MARK: An article

    struct ArticleState {
        var article: Article
        var enterprises: [EnterpriseSummary]
        var municipalityName: String?
        var now: Date
        var registration: RegistrationBox? = nil
    }

    /// A training's registration form with its seats left (registrations taken in Répertoire).
    struct RegistrationBox {
        var capacity: Int
        var confirmed: Int
        var waiting: Int
        var csrf: String
        var input = ArticleService.RegistrationInput()
        var issues: [FieldIssue] = []
        var notice: String?
        /// False once the training has started.
        var open: Bool
    }

    private static func registrationSection(_ w: inout HTMLWriter, _ box: RegistrationBox, slug: String, web: WebContext) {
        w.markup("<section aria-labelledby=\"inscription-titre\" class=\"registration\" id=\"inscription\"><h2 id=\"inscription-titre\">")
        w.text(web.tr("Inscription", "Registration")); w.markup("</h2>")
        if let notice = box.notice { w.markup("<p class=\"notice\" role=\"status\">"); w.text(notice); w.markup("</p>") }
        let left = max(0, box.capacity - box.confirmed)
        w.markup("<p class=\"seats\">")
        if left > 0 {
            w.text(web.tr("\(left) place(s) libre(s) sur \(box.capacity).", "\(left) seat(s) left of \(box.capacity)."))
        } else {
            w.text(web.tr("Complet : inscrivez-vous sur la liste d'attente (\(box.waiting) personne(s) en attente). Une place libérée revient à la première personne en attente.",
                          "Full: join the waiting list (\(box.waiting) waiting). A freed seat goes to the first person waiting."))
        }
        w.markup("</p>")
        guard box.open else {
            w.markup("<p>"); w.text(web.tr(ArticleService.registrationsClosed.message, ArticleService.registrationsClosed.english)); w.markup("</p></section>")
            return
        }
        let fields = FormFields(issues: box.issues, web: web)
        fields.summary(&w, "L'inscription n'est pas enregistrée : corrigez ce qui suit.", "The registration is not saved: fix the following.")
        w.markup("<form method=\"post\" action=\""); w.text(Route.hubRegister.path(slug)); w.markup("\" class=\"staff-form\">")
        w.markup("<input type=\"hidden\" name=\"_csrf\" value=\""); w.text(box.csrf); w.markup("\"><input type=\"hidden\" name=\"langue\" value=\"")
        w.text(web.language.rawValue); w.markup("\">")
        fields.input(&w, "nom", web.tr("Nom", "Name"), value: box.input.name, maxLength: 120, required: true)
        fields.input(&w, "courriel", web.tr("Courriel", "E-mail"), value: box.input.email, type: "email", maxLength: 200, required: true,
                     hint: web.tr("La confirmation et le lien pour annuler y sont envoyés.", "The confirmation and the link to cancel are sent there."))
        fields.input(&w, "ville", web.tr("Municipalité ou organisation", "Municipality or organisation"), value: box.input.city, maxLength: 120, required: true)
        w.markup("<p><button type=\"submit\">"); w.text(left > 0 ? web.tr("M'inscrire", "Register") : web.tr("M'inscrire sur la liste d'attente", "Join the waiting list"))
        w.markup("</button></p></form><p class=\"hint\">")
        w.text(web.tr("Votre nom, votre courriel et votre municipalité servent à organiser la formation ; seul le pôle qui l'offre les voit.",
                      "Your name, e-mail and municipality are used to organise the training; only the hub offering it sees them."))
        w.markup("</p></section>")
    }

    /// The cancellation link's page: the registration, and the button that cancels it.
    static func cancelPage(_ registration: TrainingRegistration, _ article: Article, secret: String, csrf: String, done: Bool, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 2048)
        w.markup("<div class=\"hub\"><h1>"); w.text(web.tr("Annuler une inscription", "Cancel a registration")); w.markup("</h1><p>")
        w.text(web.tr("Formation : ", "Training: ")); w.markup("<a href=\""); w.text(Route.hubArticle.path(article.slug, language: web.language)); w.markup("\">")
        w.text(article.title(web.language)); w.markup("</a></p>")
        if done || registration.status == .cancelled {
            w.markup("<p class=\"notice\" role=\"status\">"); w.text(web.tr("L'inscription de \(registration.name) est annulée. Merci de nous avoir prévenus.",
                                                                              "\(registration.name)'s registration is cancelled. Thank you for letting us know."))
            w.markup("</p></div>")
            return w.result
        }
        w.markup("<p>"); w.text(web.tr("Inscription de \(registration.name) (\(registration.email)) : \(registration.status == .confirmed ? "confirmée" : "en liste d'attente").",
                                      "Registration of \(registration.name) (\(registration.email)): \(registration.status == .confirmed ? "confirmed" : "on the waiting list")."))
        w.markup("</p><form method=\"post\" action=\""); w.text(Route.hubCancel.path()); w.markup("\" class=\"staff-form\"><input type=\"hidden\" name=\"_csrf\" value=\"")
        w.text(csrf); w.markup("\"><input type=\"hidden\" name=\"jeton\" value=\""); w.text(secret); w.markup("\"><input type=\"hidden\" name=\"langue\" value=\"")
        w.text(web.language.rawValue); w.markup("\"><p><button type=\"submit\">"); w.text(web.tr("Annuler mon inscription", "Cancel my registration"))
        w.markup("</button></p></form></div>")
        return w.result
    }

    static func article(_ state: ArticleState, web: WebContext) -> SafeHTML {
        let article = state.article
        let french = article.fallsBackToFrench(web.language)
        var w = HTMLWriter(capacity: 24_000)
        w.markup("<div class=\"hub\"><p><a href=\""); w.text(Route.hub.path(language: web.language)); w.markup("\">← <span lang=\"fr\">"); w.text(title); w.markup("</span></a></p>")
        w.markup("<article class=\"article\""); if french { w.markup(" lang=\"fr\"") }; w.markup("><p class=\"article-kind\">")
        w.text(web.tr(article.kind.name, article.kind.nameEnglish))
        if let at = article.publishAt { w.markup(" · "); w.text(web.tr("publié le ", "published ") + date(at, web)) }
        w.markup(" · "); w.text(article.regions.isEmpty ? web.tr("Tout le Québec", "All of Quebec") : article.regions.compactMap(Region.find).map(\.name).joined(separator: ", "))
        w.markup("</p><h1>"); w.text(article.title(web.language)); w.markup("</h1>")
        if french {
            w.markup("<p class=\"notice-inline\" lang=\""); w.text(web.t.lang); w.markup("\">"); w.text("This article is available in French only."); w.markup("</p>")
        }
        if article.state(at: state.now) == .archived {
            w.markup("<p class=\"notice-inline\">"); w.text(web.tr("Article archivé : son contenu peut ne plus être à jour.", "Archived article: its content may be out of date.")); w.markup("</p>")
        }
        w.markup("<p class=\"lead\">"); w.text(article.summary(web.language)); w.markup("</p>")
        if let training = article.training {
            w.markup("<dl class=\"facts\"><dt>"); w.text(web.tr("Quand", "When")); w.markup("</dt><dd>"); w.text(when(training, web)); w.markup("</dd><dt>")
            w.text(web.tr("Où", "Where")); w.markup("</dt><dd>"); w.text(training.online ? web.tr("En ligne", "Online") + (training.place.isEmpty ? "" : " — " + training.place) : training.place)
            w.markup("</dd>")
            if !training.audience.isEmpty { w.markup("<dt>"); w.text(web.tr("Pour qui", "For whom")); w.markup("</dt><dd>"); w.text(training.audience); w.markup("</dd>") }
            w.markup("</dl>")
            if !training.registrationURL.isEmpty {
                w.markup("<p><a class=\"button\" href=\""); w.text(training.registrationURL); w.markup("\" rel=\"noopener\">"); w.text(web.tr("S'inscrire", "Register")); w.markup("</a></p>")
            }
            w.markup("<p><a type=\"text/calendar\" href=\""); w.text(Route.hubTrainingCalendar.path(article.slug)); w.markup("\">")
            w.text(web.tr("Ajouter à mon agenda (.ics)", "Add to my calendar (.ics)")); w.markup("</a>")
            if state.registration != nil { w.markup(" · <a href=\"#inscription\">"); w.text(web.tr("S'inscrire", "Register")); w.markup("</a>") }
            w.markup("</p>")
        }
        if let story = article.collaboration {
            w.markup("<dl class=\"facts\"><dt>"); w.text(web.tr("Municipalité", "Municipality")); w.markup("</dt><dd>"); w.text(state.municipalityName ?? story.municipalityCode)
            w.markup("</dd><dt>"); w.text(web.tr("Achat", "Purchase")); w.markup("</dt><dd>"); w.text(story.bought); w.markup("</dd><dt>")
            w.text(web.tr("Mode d'octroi", "Procedure")); w.markup("</dt><dd>"); w.text(PurchaseContract.Procedure(rawValue: story.procedure).map { web.tr($0.name, $0.nameEnglish) } ?? story.procedure)
            w.markup("</dd>")
            if let amount = story.amountCents {
                w.markup("<dt>"); w.text(web.tr("Montant (avant taxes)", "Amount (before taxes)")); w.markup("</dt><dd>"); w.text(web.money(cents: amount)); w.markup("</dd>")
            }
            w.markup("<dt>"); w.text(web.tr("Résultat", "Outcome")); w.markup("</dt><dd>"); w.text(story.outcome); w.markup("</dd></dl>")
        }
        w.markup("<div class=\"article-body\">"); w.safe(ArticleMarkdown.html(article.body(web.language))); w.markup("</div>")
        if !article.tags.isEmpty {
            w.markup("<ul class=\"badges\" aria-label=\""); w.text(web.tr("Étiquettes", "Tags")); w.markup("\">")
            for tag in article.tags {
                w.markup("<li class=\"badge\"><a href=\""); w.text(Route.hub.path(language: web.language) + "?etiquette=" + Route.escape(tag)); w.markup("\">"); w.text(tag); w.markup("</a></li>")
            }
            w.markup("</ul>")
        }
        if let box = state.registration { registrationSection(&w, box, slug: article.slug, web: web) }
        w.markup("</article>")
        if !state.enterprises.isEmpty {
            w.markup("<section aria-labelledby=\"entreprises-titre\"><h2 id=\"entreprises-titre\">"); w.text(web.tr("Les entreprises", "The enterprises")); w.markup("</h2>")
            enterpriseCards(&w, state.enterprises, web: web)
            w.markup("</section>")
        }
        w.markup("</div>")
        return w.result
    }

    // MARK: On an enterprise's profile

    /// « Dans J'achète! »: the published stories and news that name the enterprise; nil when none.
    static func profileSection(_ articles: [Article], web: WebContext) -> SafeHTML? {
        guard !articles.isEmpty else { return nil }
        var w = HTMLWriter(capacity: 1024)
        w.markup("<section aria-labelledby=\"jachete-title\"><h2 id=\"jachete-title\">"); w.text(web.tr("Dans J'achète!", "In J'achète!")); w.markup("</h2><ul>")
        for article in articles {
            w.markup("<li><a href=\""); w.text(Route.hubArticle.path(article.slug, language: web.language)); w.markup("\""); if article.fallsBackToFrench(web.language) { w.markup(" lang=\"fr\"") }
            w.markup(">"); w.text(article.title(web.language)); w.markup("</a> — "); w.text(web.tr(article.kind.name, article.kind.nameEnglish)); w.markup("</li>")
        }
        w.markup("</ul></section>")
        return w.result
    }

    /// The home page's « J'achète! » block: nil until the hub has published something.
    static func homeSection(_ articles: [Article], web: WebContext) -> SafeHTML? {
        guard !articles.isEmpty else { return nil }
        var w = HTMLWriter(capacity: 2048)
        w.markup("<section aria-labelledby=\"jachete-home-title\" class=\"hub-home\"><h2 id=\"jachete-home-title\" lang=\"fr\">"); w.text(title); w.markup("</h2><ul class=\"article-list\">")
        for article in articles { articleItem(&w, ArticleService.Found(article: article), web: web) }
        w.markup("</ul><p><a href=\""); w.text(Route.hub.path(language: web.language)); w.markup("\">")
        w.text(web.tr("Formations, exemples de collaboration et nouvelles entreprises", "Trainings, collaboration stories and new enterprises")); w.markup("</a></p></section>")
        return w.result
    }
}
