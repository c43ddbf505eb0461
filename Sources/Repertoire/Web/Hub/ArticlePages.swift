import Foundation

/// The hub editors' pages for « J'achète » articles: the list, the form (with its preview), the
/// publishing actions, the history and the image upload. French only, like the other staff pages.
enum ArticlePages {
    private static func hidden(_ w: inout HTMLWriter, csrf: String) {
        w.markup("<input type=\"hidden\" name=\"_csrf\" value=\""); w.text(csrf); w.markup("\">")
    }

    static func stateName(_ article: Article, now: Date) -> String {
        let state = article.state(at: now)
        guard state == .scheduled, let at = article.publishAt else { return state.name }
        return "Programmé le \(QuebecTime.day(from: at)) à \(QuebecTime.time(from: at))"
    }

    static func regionsText(_ regions: [String]) -> String {
        regions.isEmpty ? "Tout le Québec" : regions.compactMap(Region.find).map(\.name).joined(separator: ", ")
    }

    // MARK: The list

    static func list(_ articles: [Article], notice: String?, now: Date, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 8192)
        w.markup("<div class=\"staff\"><h1>Articles « J'achète! »</h1>")
        if let notice { w.markup("<p class=\"notice\" role=\"status\">"); w.text(notice); w.markup("</p>") }
        w.markup("<p>Formations, exemples de collaboration et nouvelles de votre pôle, publiés sur <a href=\""); w.text(Route.hub.path()); w.markup("\">")
        w.text("la page J'achète"); w.markup("</a>. Les nouvelles entreprises du répertoire y paraissent d'elles-mêmes.</p>")
        w.markup("<p><a class=\"button\" href=\""); w.text(Route.newArticle.path()); w.markup("\">Écrire un article</a> <a href=\""); w.text(Route.articleImages.path())
        w.markup("\">Téléverser une image</a></p>")
        guard !articles.isEmpty else {
            w.markup("<p>Aucun article pour l'instant.</p></div>")
            return w.result
        }
        w.markup("<div class=\"table-scroll\" role=\"region\" aria-labelledby=\"articles-titre\" tabindex=\"0\"><table class=\"staff-table\"><caption id=\"articles-titre\">")
        w.text("\(articles.count) article(s), le plus récemment modifié d'abord"); w.markup("</caption><thead><tr><th scope=\"col\">Titre</th><th scope=\"col\">Type</th>")
        w.markup("<th scope=\"col\">Régions</th><th scope=\"col\">État</th><th scope=\"col\">Modifié</th></tr></thead><tbody>")
        for article in articles {
            w.markup("<tr><td><a href=\""); w.text(Route.article.path(article.id)); w.markup("\">"); w.text(article.titleFrench); w.markup("</a></td><td>")
            w.text(article.kind.name); w.markup("</td><td>"); w.text(regionsText(article.regions)); w.markup("</td><td>")
            w.text(stateName(article, now: now)); w.markup("</td><td>"); w.text(StaffDates.text(article.updatedAt)); w.markup("</td></tr>")
        }
        w.markup("</tbody></table></div></div>")
        return w.result
    }

    // MARK: The form

    struct FormState {
        var input: ArticleService.Input
        var issues: [FieldIssue] = []
        var article: Article?
        /// The regions the writer may choose.
        var regions: [Region]
        var mayChooseAllQuebec: Bool
        var municipalities: [(code: String, name: String)]
        /// Shown above the form when « Aperçu » was pressed.
        var preview: Bool = false
    }

    static func form(_ state: FormState, csrf token: String, web: WebContext) -> SafeHTML {
        let csrf = CSRF.mask(token)
        let fields = FormFields(issues: state.issues, web: web)
        let input = state.input
        var w = HTMLWriter(capacity: 16_384)
        fields.summary(&w, "L'article n'est pas enregistré : corrigez ce qui suit.", "The article is not saved: fix the following.")
        if state.preview && state.issues.isEmpty {
            w.markup("<section class=\"preview\" aria-labelledby=\"apercu-titre\"><h2 id=\"apercu-titre\">Aperçu (non enregistré)</h2><article class=\"article-body\"><p class=\"lead\">")
            w.text(input.summaryFrench); w.markup("</p>"); w.safe(ArticleMarkdown.html(input.bodyFrench)); w.markup("</article>")
            if !input.bodyEnglish.isEmpty {
                w.markup("<article class=\"article-body\" lang=\"en\"><h3>English version</h3><p class=\"lead\">"); w.text(input.summaryEnglish); w.markup("</p>")
                w.safe(ArticleMarkdown.html(input.bodyEnglish)); w.markup("</article>")
            }
            w.markup("</section>")
        }
        let action = state.article.map { Route.article.path($0.id) } ?? Route.newArticle.path()
        w.markup("<form method=\"post\" action=\""); w.text(action); w.markup("\" class=\"staff-form article-form\">")
        hidden(&w, csrf: csrf)
        if let article = state.article { w.markup("<input type=\"hidden\" name=\"version\" value=\""); w.text(String(article.version)); w.markup("\">") }
        fields.radios(&w, "type", "Type d'article", options: Article.Kind.allCases.map { ($0.rawValue, $0.name) }, selected: input.kind)
        fields.checkboxes(&w, "regions", state.mayChooseAllQuebec ? "Régions concernées (aucune : tout le Québec)" : "Régions concernées",
                          options: state.regions.map { ($0.code, "\($0.name) (\($0.code))") }, checked: input.regions)
        w.markup("<fieldset><legend>En français</legend>")
        fields.input(&w, "titre", "Titre", value: input.titleFrench, maxLength: Article.maxTitleLength, required: true)
        fields.textarea(&w, "resume", "Résumé", value: input.summaryFrench, rows: 2, maxLength: Article.maxSummaryLength, required: true,
                        hint: "Une ou deux phrases, sans mise en forme : il paraît dans les listes, les fils et l'infolettre.")
        fields.textarea(&w, "texte", "Texte (Markdown)", value: input.bodyFrench, rows: 14, maxLength: Article.maxBodyLength, required: true,
                        hint: "**gras**, *italique*, # intertitre, - liste, [lien](https://…), ![description](/jachete/images/…). Le HTML est affiché tel quel, jamais interprété.")
        w.markup("</fieldset><fieldset lang=\"en\"><legend>In English (optional)</legend>")
        fields.input(&w, "titre_en", "Title", value: input.titleEnglish, maxLength: Article.maxTitleLength)
        fields.textarea(&w, "resume_en", "Summary", value: input.summaryEnglish, rows: 2, maxLength: Article.maxSummaryLength)
        fields.textarea(&w, "texte_en", "Text (Markdown)", value: input.bodyEnglish, rows: 10, maxLength: Article.maxBodyLength)
        w.markup("</fieldset>")
        fields.input(&w, "etiquettes", "Étiquettes", value: input.tags, maxLength: 400, hint: "Séparées par des virgules (ex. alimentation, déneigement).")
        fields.textarea(&w, "entreprises", "Entreprises du répertoire", value: input.enterprises, rows: 3, maxLength: 4000,
                        hint: "Une par ligne : l'adresse de sa fiche (ex. traiteur-le-pivot) ou son nom exact. Leurs fiches renverront à l'article.")
        w.markup("<fieldset class=\"kind-details\"><legend>Pour une formation</legend>")
        fields.input(&w, "date", "Date (AAAA-MM-JJ)", value: input.day, type: "date", maxLength: 10)
        fields.input(&w, "debut", "Heure de début (heure du Québec)", value: input.startTime, type: "time", maxLength: 5)
        fields.input(&w, "fin", "Heure de fin", value: input.endTime, type: "time", maxLength: 5)
        w.markup("<p><label class=\"check\"><input type=\"checkbox\" name=\"en_ligne\" value=\"1\""); if input.online { w.markup(" checked") }
        w.markup("> En ligne</label></p>")
        fields.input(&w, "lieu", "Lieu ou plateforme", value: input.place, maxLength: 300)
        fields.input(&w, "public", "Public visé", value: input.audience, maxLength: 300)
        fields.input(&w, "places", "Places (inscriptions prises dans Répertoire, avec liste d'attente)", value: input.capacity, maxLength: 5,
                     hint: "Laissez vide si les inscriptions se font ailleurs (lien ci-dessous) ou sans inscription.")
        fields.input(&w, "inscription", "Lien d'inscription ailleurs", value: input.registrationURL, type: "url", maxLength: 500)
        w.markup("</fieldset><fieldset class=\"kind-details\"><legend>Pour un exemple de collaboration</legend>")
        w.markup("<p><label for=\"municipalite\">Municipalité qui a acheté</label>"); fields.error(&w, "municipalite")
        w.markup("<select id=\"municipalite\" name=\"municipalite\""); fields.describedBy(&w, "municipalite", hint: false); w.markup("><option value=\"\">Choisir…</option>")
        for municipality in state.municipalities {
            w.markup("<option value=\""); w.text(municipality.code); w.markup("\""); if municipality.code == input.municipality { w.markup(" selected") }
            w.markup(">"); w.text(municipality.name); w.markup("</option>")
        }
        w.markup("</select></p>")
        fields.input(&w, "achat", "Ce qui a été acheté", value: input.bought, maxLength: 300)
        fields.radios(&w, "mode", "Mode d'octroi", options: PurchaseContract.Procedure.allCases.map { ($0.rawValue, $0.name) }, selected: input.procedure)
        fields.input(&w, "montant", "Montant avant taxes ($), s'il est public", value: input.amount, maxLength: 20)
        fields.textarea(&w, "resultat", "Résultat, en mots et en chiffres", value: input.outcome, rows: 3, maxLength: 2000)
        w.markup("</fieldset><p class=\"actions\"><button type=\"submit\" name=\"action\" value=\"enregistrer\">")
        w.text(state.article == nil ? "Enregistrer le brouillon" : "Enregistrer les changements")
        w.markup("</button> <button type=\"submit\" name=\"action\" value=\"apercu\" class=\"secondary\">Aperçu</button></p></form>")
        return w.result
    }

    static func newPage(_ state: FormState, csrf: String, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 18_000)
        w.markup("<div class=\"staff\"><p><a href=\""); w.text(Route.articles.path()); w.markup("\">← Articles « J'achète! »</a></p><h1>Écrire un article</h1>")
        w.markup("<p>L'article est enregistré comme brouillon ; vous le publierez ensuite, tout de suite ou à une date choisie.</p>")
        w.safe(form(state, csrf: csrf, web: web)); w.markup("</div>")
        return w.result
    }

    // MARK: An article's staff page

    struct ArticleState {
        var form: FormState
        var revisions: [ArticleRevision]
        var canEdit: Bool
        var notice: String?
        var problem: String?
        var now: Date
        /// A training's registrations, for those who may edit it.
        var registrations: [TrainingRegistration]? = nil
    }

    private static func registrationsSection(_ w: inout HTMLWriter, _ article: Article, _ registrations: [TrainingRegistration]) {
        let capacity = article.training?.capacity ?? 0
        let confirmed = registrations.filter { $0.status == .confirmed }.count, waiting = registrations.filter { $0.status == .waiting }.count
        w.markup("<section aria-labelledby=\"inscriptions-titre\"><h2 id=\"inscriptions-titre\">Inscriptions</h2><p>")
        w.text("\(confirmed) confirmée(s) sur \(capacity) places, \(waiting) en liste d'attente. ")
        w.markup("<a href=\""); w.text(Route.articleRegistrations.path(article.id)); w.markup("\">Exporter la liste (CSV)</a></p>")
        guard !registrations.isEmpty else { w.markup("<p>Aucune inscription pour l'instant.</p></section>"); return }
        w.markup("<div class=\"table-scroll\" role=\"region\" aria-labelledby=\"inscriptions-legende\" tabindex=\"0\"><table class=\"staff-table\"><caption id=\"inscriptions-legende\">")
        w.text("\(registrations.count) inscription(s)"); w.markup("</caption><thead><tr><th scope=\"col\">Nom</th><th scope=\"col\">Courriel</th>")
        w.markup("<th scope=\"col\">Municipalité</th><th scope=\"col\">État</th><th scope=\"col\">Inscrit le</th></tr></thead><tbody>")
        for registration in registrations {
            w.markup("<tr><td>"); w.text(registration.name); w.markup("</td><td>"); w.text(registration.email); w.markup("</td><td>"); w.text(registration.city)
            w.markup("</td><td>"); w.text(registration.status.name); w.markup("</td><td>"); w.text(StaffDates.text(registration.createdAt)); w.markup("</td></tr>")
        }
        w.markup("</tbody></table></div></section>")
    }

    static func page(_ state: ArticleState, csrf token: String, web: WebContext) -> SafeHTML {
        guard let article = state.form.article else { return SafeHTML(written: "") }
        let csrf = CSRF.mask(token)
        var w = HTMLWriter(capacity: 24_000)
        w.markup("<div class=\"staff\"><p><a href=\""); w.text(Route.articles.path()); w.markup("\">← Articles « J'achète! »</a></p><h1>"); w.text(article.titleFrench)
        w.markup("</h1>")
        if let notice = state.notice { w.markup("<p class=\"notice\" role=\"status\">"); w.text(notice); w.markup("</p>") }
        if let problem = state.problem { w.markup("<div class=\"alert\" role=\"alert\"><p>"); w.text(problem); w.markup("</p></div>") }
        let current = article.state(at: state.now)
        w.markup("<p>"); w.text("\(article.kind.name) · \(regionsText(article.regions)) · \(stateName(article, now: state.now)) · version \(article.version)"); w.markup("</p>")
        if article.isReadable(at: state.now) {
            w.markup("<p><a href=\""); w.text(Route.hubArticle.path(article.slug)); w.markup("\">Voir la page publique</a></p>")
        }
        if state.canEdit {
            w.markup("<section aria-labelledby=\"publication-titre\" class=\"publication\"><h2 id=\"publication-titre\">Publication</h2>")
            if current != .published {
                w.markup("<form method=\"post\" action=\""); w.text(Route.articleStatus.path(article.id)); w.markup("\" class=\"staff-form inline\">")
                hidden(&w, csrf: csrf); version(&w, article)
                w.markup("<input type=\"hidden\" name=\"action\" value=\"publier\"><button type=\"submit\">Publier maintenant</button></form>")
                w.markup("<form method=\"post\" action=\""); w.text(Route.articleStatus.path(article.id)); w.markup("\" class=\"staff-form\">")
                hidden(&w, csrf: csrf); version(&w, article)
                w.markup("<input type=\"hidden\" name=\"action\" value=\"programmer\"><p><label for=\"pub-date\">Publier le (AAAA-MM-JJ)</label>")
                w.markup("<input type=\"date\" id=\"pub-date\" name=\"date\" required value=\""); w.text(article.publishAt.map(QuebecTime.day(from:)) ?? "")
                w.markup("\"></p><p><label for=\"pub-heure\">à (heure du Québec)</label><input type=\"time\" id=\"pub-heure\" name=\"heure\" required value=\"")
                w.text(article.publishAt.map(QuebecTime.time(from:)) ?? "08:00"); w.markup("\"></p><p><button type=\"submit\">Programmer la publication</button></p></form>")
            }
            if article.status == .published {
                w.markup("<form method=\"post\" action=\""); w.text(Route.articleStatus.path(article.id)); w.markup("\" class=\"staff-form inline\">")
                hidden(&w, csrf: csrf); version(&w, article)
                w.markup("<input type=\"hidden\" name=\"action\" value=\"archiver\"><button type=\"submit\" class=\"secondary\">Archiver</button></form>")
            }
            if article.status != .draft {
                w.markup("<form method=\"post\" action=\""); w.text(Route.articleStatus.path(article.id)); w.markup("\" class=\"staff-form inline\">")
                hidden(&w, csrf: csrf); version(&w, article)
                w.markup("<input type=\"hidden\" name=\"action\" value=\"brouillon\"><button type=\"submit\" class=\"secondary\">Remettre en brouillon</button></form>")
            }
            w.markup("</section>")
            if let registrations = state.registrations { registrationsSection(&w, article, registrations) }
            w.markup("<section aria-labelledby=\"modifier-titre\"><h2 id=\"modifier-titre\">Modifier</h2>")
            w.safe(form(state.form, csrf: token, web: web))
            w.markup("</section>")
        } else {
            w.markup("<p>"); w.text(ArticleService.notYours.message); w.markup("</p><div class=\"article-body\">"); w.safe(ArticleMarkdown.html(article.bodyFrench)); w.markup("</div>")
        }
        w.markup("<section aria-labelledby=\"historique-titre\"><h2 id=\"historique-titre\">Historique</h2><ol class=\"history\">")
        for revision in state.revisions {
            w.markup("<li>"); w.text("Version \(revision.version) · \(actionName(revision.action)) · \(StaffDates.text(revision.recordedAt)) · \(revision.authorName)")
            w.markup(" — « "); w.text(revision.article.titleFrench); w.markup(" »")
            if state.canEdit && revision.version != article.version {
                w.markup(" · <a href=\""); w.text(Route.article.path(article.id) + "?version=\(revision.version)#modifier-titre"); w.markup("\">")
                w.text("Reprendre le texte de la version \(revision.version)"); w.markup("</a>")
            }
            w.markup("</li>")
        }
        w.markup("</ol></section></div>")
        return w.result
    }

    private static func version(_ w: inout HTMLWriter, _ article: Article) {
        w.markup("<input type=\"hidden\" name=\"version\" value=\""); w.text(String(article.version)); w.markup("\">")
    }

    static func actionName(_ action: String) -> String {
        switch action {
        case "created": "créé"
        case "updated": "modifié"
        case "published": "publié"
        case "scheduled": "publication programmée"
        case "archived": "archivé"
        case "unpublished": "remis en brouillon"
        default: action
        }
    }

    // MARK: Images

    static func imagesPage(issues: [FieldIssue], uploaded: ArticleImage?, alt: String, csrf token: String, maxMegabytes: Int, web: WebContext) -> SafeHTML {
        let fields = FormFields(issues: issues, web: web)
        var w = HTMLWriter(capacity: 4096)
        w.markup("<div class=\"staff\"><p><a href=\""); w.text(Route.articles.path()); w.markup("\">← Articles « J'achète! »</a></p><h1>Téléverser une image</h1>")
        if let uploaded {
            let markdown = ArticleService.markdown(for: uploaded)
            w.markup("<div class=\"notice\" role=\"status\"><p>L'image est enregistrée. Copiez cette ligne dans le texte de l'article :</p><p><code>"); w.text(markdown)
            w.markup("</code></p><p><img class=\"upload-preview\" src=\""); w.text(ArticleMarkdown.imagePathPrefix + uploaded.id); w.markup("\" alt=\""); w.text(uploaded.alt)
            w.markup("\"></p></div>")
        }
        fields.summary(&w, "L'image n'est pas enregistrée : corrigez ce qui suit.", "The image is not saved: fix the following.")
        w.markup("<p>"); w.text("PNG, JPEG ou WebP, \(maxMegabytes) Mo au plus. Le format est vérifié d'après le contenu du fichier.")
        w.markup("</p><form method=\"post\" action=\""); w.text(Route.articleImages.path()); w.markup("\" enctype=\"multipart/form-data\" class=\"staff-form\">")
        hidden(&w, csrf: CSRF.mask(token))
        w.markup("<p><label for=\"image\">Image</label>"); fields.error(&w, "image")
        w.markup("<input type=\"file\" id=\"image\" name=\"image\" accept=\"image/png,image/jpeg,image/webp\" required"); fields.describedBy(&w, "image", hint: false); w.markup("></p>")
        fields.input(&w, "alt", "Texte de remplacement", value: alt, maxLength: 250, required: true,
                     hint: "Ce que montre l'image, pour les personnes qui ne la voient pas (ex. « Bénévoles de la coopérative au marché de Longueuil »).")
        w.markup("<p><button type=\"submit\">Téléverser</button></p></form></div>")
        return w.result
    }
}
