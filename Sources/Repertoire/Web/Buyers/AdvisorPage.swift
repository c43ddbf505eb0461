import Foundation

/// `/acheteurs/mode-de-sollicitation`: the form, the procedure with its legal basis, the
/// directory's answer for the need, and the history of the amounts. Written with ``HTMLWriter``.
struct AdvisorPage {
    let web: WebContext
    let asked: ProcurementAdvisor.Request
    let outcome: Result<ProcurementAdvisor.Answer, ProcurementAdvisor.FieldErrors>?
    let thresholds: [ProcurementThreshold]
    let mayStartList: Bool
    let csrf: String

    var title: String { web.tr("Quel mode de sollicitation ?", "Which procurement procedure?") }

    var html: SafeHTML {
        var w = HTMLWriter(capacity: 8192)
        let errors: [ProcurementAdvisor.FieldError] = { if case .failure(let f)? = outcome { return f.errors }; return [] }()
        func error(_ field: String) -> ProcurementAdvisor.FieldError? { errors.first { $0.field == field } }
        w.markup("<div class=\"staff advisor\"><h1>"); w.text(title); w.markup("</h1>")
        w.markup("<p>"); w.text(web.tr("Indiquez le montant estimé du contrat avant taxes, son type et la date prévue : la page dit quelle procédure les lois municipales demandent ce jour-là, et quelles entreprises d'économie sociale peuvent y répondre.",
                                       "Enter the contract's estimated amount before taxes, its kind and the planned date: the page tells which procedure the municipal laws require that day, and which social-economy enterprises can answer.")); w.markup("</p>")
        w.markup("<p class=\"notice\" role=\"note\"><strong>"); w.text(web.tr("Ceci est une aide à la décision, pas un avis juridique : vérifiez auprès du greffe ou du service juridique de votre municipalité et dans votre règlement de gestion contractuelle.",
                                                                          "This is guidance, not legal advice: check with your municipality's clerk or legal department and in your contract-management by-law.")); w.markup("</strong></p>")
        if !errors.isEmpty {
            w.markup("<div class=\"alert\" role=\"alert\"><h2>"); w.text(web.tr("Vérifiez le formulaire", "Check the form")); w.markup("</h2><ul>")
            for e in errors { w.markup("<li><a href=\"#champ-"); w.text(e.field); w.markup("\">"); w.text(web.language == .fr ? e.message : e.english); w.markup("</a></li>") }
            w.markup("</ul></div>")
        }
        w.markup("<form method=\"get\" action=\""); w.text(Route.advisor.path(language: web.language)); w.markup("\" class=\"staff-form\">")
        field(&w, id: "montant", label: web.tr("Montant estimé, avant taxes ($)", "Estimated amount, before taxes ($)"), value: asked.amount, error: error("montant"), extra: " inputmode=\"decimal\" autocomplete=\"off\" required")
        w.markup("<p><label for=\"champ-type\">"); w.text(web.tr("Type de contrat", "Kind of contract")); w.markup("</label>")
        if let e = error("type") { w.markup("<span class=\"field-error\" id=\"erreur-type\">"); w.text(web.language == .fr ? e.message : e.english); w.markup("</span>") }
        w.markup("<select id=\"champ-type\" name=\"type\""); if error("type") != nil { w.markup(" aria-invalid=\"true\" aria-describedby=\"erreur-type\"") }; w.markup(">")
        for kind in ContractKind.allCases {
            w.markup("<option value=\""); w.text(kind.rawValue); w.markup("\""); if asked.kind == kind.rawValue { w.markup(" selected") }
            w.markup(">"); w.text(web.language == .fr ? kind.name : kind.nameEnglish); w.markup("</option>")
        }
        w.markup("</select></p>")
        field(&w, id: "date", label: web.tr("Date prévue de la demande (AAAA-MM-JJ ; aujourd'hui si vide)", "Planned date of the call (YYYY-MM-DD; today if empty)"), value: asked.day, error: error("date"), extra: " autocomplete=\"off\"")
        field(&w, id: "besoin", label: web.tr("Le besoin, en mots (facultatif, ex. déneigement)", "The need, in words (optional, e.g. snow removal)"), value: asked.need, error: error("besoin"), extra: "")
        w.markup("<p><button type=\"submit\">"); w.text(web.tr("Voir la procédure", "Show the procedure")); w.markup("</button></p></form>")

        if case .success(let answer)? = outcome { result(&w, answer) }
        history(&w)
        w.markup("</div>")
        return w.result
    }

    private func field(_ w: inout HTMLWriter, id: String, label: String, value: String, error: ProcurementAdvisor.FieldError?, extra: StaticString) {
        w.markup("<p><label for=\"champ-"); w.text(id); w.markup("\">"); w.text(label); w.markup("</label>")
        if let error { w.markup("<span class=\"field-error\" id=\"erreur-"); w.text(id); w.markup("\">"); w.text(web.language == .fr ? error.message : error.english); w.markup("</span>") }
        w.markup("<input type=\"text\" id=\"champ-"); w.text(id); w.markup("\" name=\""); w.text(id); w.markup("\" value=\""); w.text(value); w.markup("\"")
        if error != nil { w.markup(" aria-invalid=\"true\" aria-describedby=\"erreur-"); w.text(id); w.markup("\"") }
        w.markup(extra); w.markup("></p>")
    }

    private func result(_ w: inout HTMLWriter, _ answer: ProcurementAdvisor.Answer) {
        let a = answer.advice
        w.markup("<section class=\"advice\" aria-labelledby=\"advice-title\"><h2 id=\"advice-title\">")
        w.text(web.language == .fr ? a.procedure.name : a.procedure.nameEnglish); w.markup("</h2>")
        w.markup("<p class=\"procedure\" data-procedure=\""); w.text(a.procedure.rawValue); w.markup("\">")
        let day = web.day(a.day) ?? a.day
        w.text(web.tr("Pour \(web.money(cents: a.amountCents)) avant taxes (\(web.language == .fr ? a.kind.name : a.kind.nameEnglish)), le \(day) : ",
                      "For \(web.money(cents: a.amountCents)) before taxes (\(a.kind.nameEnglish)), on \(day): "))
        w.text(web.tr("seuil de l'invitation écrite \(web.money(cents: a.invitationThreshold.amountCents)), seuil de l'appel d'offres public \(web.money(cents: a.publicCallThreshold.amountCents)) (en vigueur depuis le \(web.day(a.publicCallThreshold.effectiveFrom) ?? a.publicCallThreshold.effectiveFrom)).",
                      "written-invitation threshold \(web.money(cents: a.invitationThreshold.amountCents)), public-call threshold \(web.money(cents: a.publicCallThreshold.amountCents)) (in force since \(web.day(a.publicCallThreshold.effectiveFrom) ?? a.publicCallThreshold.effectiveFrom))."))
        w.markup("</p>")
        if let days = a.minimumBidDays {
            w.markup("<p><strong>"); w.text(web.tr("Délai minimal de réception des soumissions : \(days) jours", "Minimum period to receive bids: \(days) days")); w.markup("</strong>")
            if a.procedure == .publicCall { w.text(web.tr(" (en général ; voir le règlement ci-dessous).", " (in general; see the regulation below).")) }
            w.markup("</p>")
        } else {
            w.markup("<p>"); w.text(web.tr("Aucune demande de soumissions n'est exigée par la loi.", "The law requires no call for tenders.")); w.markup("</p>")
        }
        w.markup("<ul class=\"notes\">")
        for note in a.notes { w.markup("<li>"); w.text(web.language == .fr ? note.0 : note.1); w.markup("</li>") }
        w.markup("</ul><h3>"); w.text(web.tr("Fondement légal", "Legal basis")); w.markup("</h3><ul class=\"legal-basis\">")
        for ref in a.legalBasis {
            w.markup("<li><a href=\""); w.text(ref.url(english: web.language == .en)); w.markup("\">")
            w.text(web.language == .fr ? "\(ref.statuteName), art. \(ref.section)" : "\(ref.statuteNameEnglish), s. \(ref.section)")
            w.markup("</a> — "); w.text(web.language == .fr ? ref.summary : ref.summaryEnglish); w.markup("</li>")
        }
        w.markup("</ul>")
        // The directory's answer
        w.markup("<h3>"); w.text(web.tr("Les entreprises d'économie sociale qui peuvent répondre", "Social-economy enterprises that can answer")); w.markup("</h3><p class=\"matching\">")
        let place = answer.query.municipalities.first.flatMap(directory.municipality(code:))?.name
        let need = answer.query.text.isEmpty ? "" : web.tr(" pour « \(answer.query.text) »", " for \"\(answer.query.text)\"")
        let placeText = place.map { web.tr(" et desservent \($0)", " and serve \($0)") } ?? ""
        w.text(web.tr("\(web.number(answer.matching)) entreprise(s) offrent aux municipalités\(need)\(placeText).",
                      "\(web.number(answer.matching)) enterprise(s) offer to municipalities\(need)\(placeText)."))
        w.markup(" <a href=\""); w.text(SiteURL.buyers(answer.query).path(web.language)); w.markup("\">")
        w.text(web.tr("Voir ces entreprises dans l'espace acheteurs", "See these enterprises in the buyers' workspace")); w.markup("</a>")
        if mayStartList {
            // The same user holds both permissions (buyers); the call's form takes the need, kind and amount.
            let amount = String(answer.advice.amountCents / 100)
            w.markup(" · <a href=\""); w.text(Route.newCall.path(language: web.language) + "?titre=" + BuyersController.queryEscape(answer.query.text)
                                                 + "&type=" + answer.advice.kind.rawValue + "&montant=" + amount); w.markup("\">")
            w.text(web.tr("Envoyer un appel d'intérêt aux entreprises qui correspondent", "Send a call for interest to the matching enterprises")); w.markup("</a>")
        }
        w.markup("</p>")
        if mayStartList && answer.matching > 0 {
            w.markup("<form method=\"post\" action=\""); w.text(Route.purchaseLists.path()); w.markup("\" class=\"staff-form\">")
            w.markup("<input type=\"hidden\" name=\"_csrf\" value=\""); w.text(CSRF.mask(csrf)); w.markup("\">")
            w.markup("<input type=\"hidden\" name=\"langue\" value=\""); w.text(web.language.rawValue); w.markup("\">")
            w.markup("<input type=\"hidden\" name=\"recherche\" value=\""); w.text(BuyerQuery.string(answer.query)); w.markup("\">")
            w.markup("<p><label for=\"nouvelle-liste\">"); w.text(web.tr("Nom de la liste d'achat", "Name of the purchase list")); w.markup("</label>")
            w.markup("<input type=\"text\" id=\"nouvelle-liste\" name=\"nom\" maxlength=\"150\" required value=\"")
            w.text(answer.query.text.isEmpty ? web.tr("Nouveau projet d'achat", "New purchase project") : answer.query.text.prefix(1).uppercased() + answer.query.text.dropFirst())
            w.markup("\"></p><p><button type=\"submit\">")
            w.text(web.tr("Créer une liste d'achat avec ces entreprises (\(min(answer.matching, 50)) premières)", "Start a purchase list with these enterprises (first \(min(answer.matching, 50)))"))
            w.markup("</button></p></form>")
        }
        w.markup("</section>")
    }

    private var directory: DirectoryService { web.directory }

    private func history(_ w: inout HTMLWriter) {
        w.markup("<section aria-labelledby=\"history-title\"><h2 id=\"history-title\">"); w.text(web.tr("Historique des seuils", "History of the thresholds")); w.markup("</h2>")
        w.markup("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"history-title\"><table class=\"staff-table\"><thead><tr><th scope=\"col\">")
        w.text(web.tr("Seuil", "Threshold")); w.markup("</th><th scope=\"col\">"); w.text(web.tr("Montant", "Amount")); w.markup("</th><th scope=\"col\">")
        w.text(web.tr("En vigueur à partir du", "In force from")); w.markup("</th><th scope=\"col\">"); w.text("Source"); w.markup("</th></tr></thead><tbody>")
        for row in thresholds.sorted(by: { ($0.effectiveFrom, $0.kind.rawValue) > ($1.effectiveFrom, $1.kind.rawValue) }) {
            w.markup("<tr><td>"); w.text(web.language == .fr ? row.kind.name : row.kind.nameEnglish); w.markup("</td><td class=\"amount\">"); w.text(web.money(cents: row.amountCents))
            w.markup("</td><td>"); w.text(web.day(row.effectiveFrom) ?? row.effectiveFrom); w.markup("</td><td lang=\"fr\">")
            if let url = row.sourceURL { w.markup("<a href=\""); w.text(url); w.markup("\">"); w.text(row.source); w.markup("</a>") } else { w.text(row.source) }
            w.markup("</td></tr>")
        }
        w.markup("</tbody></table></div></section>")
    }
}
