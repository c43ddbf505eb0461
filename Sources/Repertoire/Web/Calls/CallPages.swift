import Foundation

/// The calls for interest's pages, written with ``HTMLWriter``: the buyer's list, the need's
/// form, the call's page with its recipients and answers, and the enterprise's answer page.
enum CallPages {
    static func notice(_ code: String, _ web: WebContext) -> String? {
        switch code {
        case "cree": web.tr("Appel d'intérêt enregistré comme brouillon. Proposez maintenant les entreprises.", "Call for interest saved as a draft. Now propose the enterprises.")
        case "enregistre": web.tr("Modification enregistrée.", "Change saved.")
        case "propose": web.tr("Entreprises proposées : vérifiez la liste, retirez ou ajoutez-en, puis envoyez.", "Enterprises proposed: check the list, remove or add some, then send.")
        case "envoye": web.tr("Appel envoyé. Les courriels partent par la file d'envoi ; leur état s'affiche ci-dessous.", "Call sent. The e-mails go out through the outbox; their state shows below.")
        case "ferme": web.tr("Appel fermé : les entreprises ne peuvent plus répondre.", "Call closed: enterprises can no longer answer.")
        case "annule": web.tr("Appel annulé : les entreprises qui l'avaient reçu en sont averties.", "Call cancelled: the enterprises that received it are told.")
        default: nil
        }
    }

    private static func hidden(_ w: inout HTMLWriter, csrf: String, web: WebContext) {
        w.markup("<input type=\"hidden\" name=\"_csrf\" value=\""); w.text(csrf); w.markup("\">")
        w.markup("<input type=\"hidden\" name=\"langue\" value=\""); w.text(web.language.rawValue); w.markup("\">")
    }

    private static func status(_ status: CallForInterest.Status, _ web: WebContext) -> String {
        web.language == .fr ? status.name : status.nameEnglish
    }

    static func placeText(_ call: CallForInterest, _ calls: CallService) -> String {
        calls.placeName(call.placeKind, call.placeCode)
    }

    // MARK: The list of calls

    static func index(_ listed: [CallStore.Listed], counts: [CallCounts], user: User, calls: CallService, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 8192)
        w.markup("<div class=\"staff\"><h1>"); w.text(web.tr("Appels d'intérêt", "Calls for interest")); w.markup("</h1><p>")
        if user.roles.contains(.buyer) {
            w.text(web.tr("Décrivez un besoin une fois : Répertoire propose les entreprises d'économie sociale qui y correspondent et servent le lieu de livraison, vous ajustez la liste, puis chacune reçoit un courriel et répond par un lien, sans compte. Vous voyez ici qui est intéressé.",
                          "Describe a need once: Répertoire proposes the social-economy enterprises that match it and serve the place of delivery, you adjust the list, then each receives an e-mail and answers through a link, without an account. You see here who is interested."))
            w.markup("</p><p><a class=\"button\" href=\""); w.text(Route.newCall.path(language: web.language)); w.markup("\">")
            w.text(web.tr("Nouvel appel d'intérêt", "New call for interest")); w.markup("</a>")
        } else {
            w.text(web.tr("Les appels d'intérêt envoyés par les municipalités dont le lieu de livraison est dans vos régions : aidez les entreprises à y répondre. Les documents joints aux réponses restent ceux de la municipalité.",
                          "The calls for interest sent by municipalities whose place of delivery is in your regions: help the enterprises answer them. The documents attached to answers remain the municipality's."))
        }
        w.markup("</p>")
        if !counts.isEmpty {
            let catalog = web.directory.catalog
            let countsCaption = web.tr("Appels envoyés, entreprises jointes, intéressées", "Calls sent, enterprises reached, interested")
            w.markup("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\""); w.text(countsCaption); w.markup("\">")
            w.markup("<table class=\"data\"><caption>"); w.text(countsCaption); w.markup("</caption><thead><tr><th scope=\"col\">")
            w.text(web.tr("Municipalité", "Municipality")); w.markup("</th><th scope=\"col\">"); w.text(web.tr("Appels envoyés", "Calls sent")); w.markup("</th><th scope=\"col\">")
            w.text(web.tr("Entreprises jointes", "Enterprises reached")); w.markup("</th><th scope=\"col\">"); w.text(web.tr("Intéressées", "Interested")); w.markup("</th></tr></thead><tbody>")
            for row in counts {
                w.markup("<tr><th scope=\"row\">"); w.text(catalog.municipality(code: row.municipalityCode)?.name ?? row.municipalityCode); w.markup("</th><td>")
                w.text(web.number(row.callsSent)); w.markup("</td><td>"); w.text(web.number(row.enterprisesReached)); w.markup("</td><td>")
                w.text(web.number(row.interested)); w.markup("</td></tr>")
            }
            w.markup("</tbody></table></div>")
        }
        w.markup("<h2>"); w.text(web.tr("Appels", "Calls")); w.markup("</h2>")
        if listed.isEmpty {
            w.markup("<p>"); w.text(web.tr("Aucun appel d'intérêt pour l'instant.", "No call for interest yet.")); w.markup("</p>")
        } else {
            let listCaption = web.tr("Appels d'intérêt", "Calls for interest")
            w.markup("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\""); w.text(listCaption); w.markup("\">")
            w.markup("<table class=\"data\"><caption class=\"visually-hidden\">"); w.text(listCaption)
            w.markup("</caption><thead><tr><th scope=\"col\">"); w.text(web.tr("Besoin", "Need")); w.markup("</th><th scope=\"col\">")
            w.text(web.tr("État", "State")); w.markup("</th><th scope=\"col\">"); w.text(web.tr("Date limite", "Deadline")); w.markup("</th><th scope=\"col\">")
            w.text(web.tr("Entreprises", "Enterprises")); w.markup("</th><th scope=\"col\">"); w.text(web.tr("Intéressées", "Interested")); w.markup("</th></tr></thead><tbody>")
            for item in listed {
                w.markup("<tr><th scope=\"row\"><a href=\""); w.text(Route.call.path(item.call.id, language: web.language)); w.markup("\">"); w.text(item.call.title)
                w.markup("</a><br><span class=\"card-meta\">"); w.text(item.call.ownerName + " · " + placeText(item.call, calls)); w.markup("</span></th><td>")
                w.text(status(item.call.status, web)); w.markup("</td><td>"); w.text(item.call.deadline); w.markup("</td><td>")
                w.text(web.number(item.recipients)); w.markup("</td><td>"); w.text(web.number(item.interested)); w.markup("</td></tr>")
            }
            w.markup("</tbody></table></div>")
        }
        w.markup("</div>")
        return w.result
    }

    // MARK: The need's form

    struct FormState {
        var input: CallService.Input
        var errors: [CallService.FieldError] = []
        /// Set when editing a draft; nil for a new call.
        var callID: String?
        /// The purchase list the call is started from.
        var listID: String?
        var listName: String?
    }

    static func form(_ state: FormState, municipality: String, calls: CallService, bands: (invitation: Int64, publicCall: Int64),
                     csrf token: String, web: WebContext) -> SafeHTML {
        let csrf = CSRF.mask(token)
        var w = HTMLWriter(capacity: 8192)
        let editing = state.callID != nil
        w.markup("<div class=\"staff\"><p><a href=\""); w.text(Route.calls.path(language: web.language)); w.markup("\">← ")
        w.text(web.tr("Appels d'intérêt", "Calls for interest")); w.markup("</a></p><h1>")
        w.text(editing ? web.tr("Modifier le besoin", "Change the need") : web.tr("Nouvel appel d'intérêt", "New call for interest")); w.markup("</h1>")
        if !state.errors.isEmpty {
            w.markup("<div class=\"alert\" role=\"alert\"><p>"); w.text(web.tr("Le besoin n'est pas enregistré : corrigez ce qui suit.", "The need is not saved: fix the following."))
            w.markup("</p><ul>")
            for error in state.errors {
                w.markup("<li><a href=\"#"); w.text(error.field); w.markup("\">"); w.text(web.tr(error.message, error.english)); w.markup("</a></li>")
            }
            w.markup("</ul></div>")
        }
        if let name = state.listName {
            w.markup("<p class=\"notice\">"); w.text(web.tr("Les entreprises de la liste « \(name) » seront les premiers destinataires.",
                                                              "The enterprises of the list \"\(name)\" will be the first recipients.")); w.markup("</p>")
        }
        let action = state.callID.map { Route.callUpdate.path($0) } ?? Route.calls.path()
        w.markup("<form method=\"post\" action=\""); w.text(action); w.markup("\" class=\"staff-form\"")
        if !editing { w.markup(" enctype=\"multipart/form-data\"") }
        w.markup(">")
        hidden(&w, csrf: csrf, web: web)
        if let listID = state.listID { w.markup("<input type=\"hidden\" name=\"liste\" value=\""); w.text(listID); w.markup("\">") }
        func error(_ field: String) -> CallService.FieldError? { state.errors.first { $0.field == field } }
        func fieldError(_ w: inout HTMLWriter, _ field: String) {
            guard let error = error(field) else { return }
            w.markup("<span class=\"field-error\" id=\""); w.text(field + "-erreur"); w.markup("\">"); w.text(web.tr(error.message, error.english)); w.markup("</span>")
        }
        func describedBy(_ w: inout HTMLWriter, _ field: String) {
            if error(field) != nil { w.markup(" aria-invalid=\"true\" aria-describedby=\""); w.text(field + "-erreur"); w.markup("\"") }
        }
        w.markup("<p><label for=\"titre\">"); w.text(web.tr("Titre du besoin", "Title of the need")); w.markup("</label>")
        fieldError(&w, "titre")
        w.markup("<input type=\"text\" id=\"titre\" name=\"titre\" maxlength=\"150\" required"); describedBy(&w, "titre"); w.markup(" value=\""); w.text(state.input.title); w.markup("\"></p>")
        w.markup("<p><label for=\"description\">"); w.text(web.tr("Description : quoi, combien, quand, exigences", "Description: what, how much, when, requirements")); w.markup("</label>")
        fieldError(&w, "description")
        w.markup("<textarea id=\"description\" name=\"description\" rows=\"6\" maxlength=\"5000\" required"); describedBy(&w, "description"); w.markup(">")
        w.text(state.input.description); w.markup("</textarea></p>")

        w.markup("<fieldset id=\"type\"><legend>"); w.text(web.tr("Type de besoin", "Kind of need")); w.markup("</legend>"); fieldError(&w, "type")
        for kind in ContractKind.allCases {
            w.markup("<p><label class=\"check\"><input type=\"radio\" name=\"type\" value=\""); w.text(kind.rawValue); w.markup("\"")
            if state.input.kind == kind.rawValue { w.markup(" checked") }
            w.markup("> "); w.text(web.tr(kind.name, kind.nameEnglish)); w.markup("</label></p>")
        }
        w.markup("</fieldset>")

        w.markup("<fieldset id=\"secteur\"><legend>"); w.text(web.tr("Secteurs d'activité visés (facultatif)", "Activity sectors sought (optional)")); w.markup("</legend>"); fieldError(&w, "secteur")
        for sector in Sector.all {
            w.markup("<p><label class=\"check\"><input type=\"checkbox\" name=\"secteur\" value=\""); w.text(sector.slug); w.markup("\"")
            if state.input.sectors.contains(sector.slug) { w.markup(" checked") }
            w.markup("> "); w.text(web.tr(sector.name, sector.nameEnglish)); w.markup("</label></p>")
        }
        w.markup("</fieldset>")

        w.markup("<p><label for=\"lieu\">"); w.text(web.tr("Lieu de livraison", "Place of delivery")); w.markup("</label>"); fieldError(&w, "lieu")
        w.markup("<select id=\"lieu\" name=\"lieu\""); describedBy(&w, "lieu"); w.markup(">")
        for place in calls.places(for: municipality) {
            w.markup("<option value=\""); w.text(place.value); w.markup("\"")
            if place.value == state.input.place { w.markup(" selected") }
            w.markup(">"); w.text(place.name); w.markup("</option>")
        }
        w.markup("</select></p>")

        w.markup("<fieldset id=\"montant\"><legend>"); w.text(web.tr("Montant estimé, avant taxes", "Estimated amount, before taxes")); w.markup("</legend>"); fieldError(&w, "montant")
        for band in CallForInterest.AmountBand.allCases {
            w.markup("<p><label class=\"check\"><input type=\"radio\" name=\"montant\" value=\""); w.text(band.rawValue); w.markup("\"")
            if state.input.amountBand == band.rawValue { w.markup(" checked") }
            w.markup("> "); w.text(band.name(invitation: bands.invitation, publicCall: bands.publicCall, money: { web.money(cents: $0) }, web.language))
            if let procedure = band.procedure {
                w.markup(" <span class=\"card-meta\">— "); w.text(web.tr(procedure.name, procedure.nameEnglish)); w.markup("</span>")
            }
            w.markup("</label></p>")
        }
        w.markup("<p class=\"card-meta\">"); w.text(web.tr("Un appel d'intérêt ne remplace pas le mode de sollicitation que la loi impose : il vous fait connaître les entreprises intéressées. ",
                                                         "A call for interest does not replace the procedure the law requires: it tells you which enterprises are interested. "))
        w.markup("<a href=\""); w.text(Route.advisor.path(language: web.language)); w.markup("\">"); w.text(web.tr("Quel mode de sollicitation ?", "Which procedure?")); w.markup("</a></p></fieldset>")

        w.markup("<p><label for=\"date-limite\">"); w.text(web.tr("Réponses souhaitées au plus tard le (AAAA-MM-JJ)", "Answers wanted by (YYYY-MM-DD)")); w.markup("</label>"); fieldError(&w, "date-limite")
        w.markup("<input type=\"date\" id=\"date-limite\" name=\"date-limite\" required"); describedBy(&w, "date-limite"); w.markup(" value=\""); w.text(state.input.deadline); w.markup("\"></p>")
        if !editing {
            w.markup("<p><label for=\"pieces\">"); w.text(web.tr("Pièces jointes (PDF, Word .docx ou Excel .xlsx ; \(calls.settings.maxFileBytes / 1_000_000) Mo au plus chacune ; facultatif)",
                                                                  "Attachments (PDF, Word .docx or Excel .xlsx; at most \(calls.settings.maxFileBytes / 1_000_000) MB each; optional)"))
            w.markup("</label>"); fieldError(&w, "pieces")
            w.markup("<input type=\"file\" id=\"pieces\" name=\"pieces\" multiple accept=\".pdf,.docx,.xlsx,application/pdf\"></p>")
        }
        w.markup("<p><button type=\"submit\">"); w.text(editing ? web.tr("Enregistrer", "Save") : web.tr("Enregistrer le brouillon", "Save the draft")); w.markup("</button></p></form></div>")
        return w.result
    }

    // MARK: One call

    static func reasonText(_ code: String, calls: CallService, web: WebContext) -> String? {
        switch CallMatcher.Reason(code) {
        case .words(let words)?: web.tr("mots : ", "words: ") + words.joined(separator: ", ")
        case .sector(let slug)?: web.tr("secteur : ", "sector: ") + (Sector.find(slug).map { web.tr($0.name, $0.nameEnglish) } ?? slug)
        case .kind(let kind)?: web.tr("offre : ", "offers: ") + (OfferingKind(rawValue: kind).map { web.tr($0.name, $0.nameEnglish) } ?? kind)
        case .place(let kind, let code)?: web.tr("sert : ", "serves: ") + calls.placeName(kind, code)
        case .list?: web.tr("de la liste d'achat", "from the purchase list")
        case nil: nil
        }
    }

    struct CallPageState {
        var notice: String?
        var error: String?
        /// « Ajouter une entreprise »: the text typed and what it found.
        var addQuery = ""
        var addResults: [EnterpriseSummary] = []
        var bands: (invitation: Int64, publicCall: Int64)
        /// The contracts recorded from this call, by enterprise (issue #16).
        var contracts: [String: PurchaseContract] = [:]
        /// The viewer records their municipality's contracts.
        var canRecordContracts = false
    }

    static func call(_ opened: CallService.Opened, state: CallPageState, calls: CallService, csrf token: String, web: WebContext) -> SafeHTML {
        let csrf = CSRF.mask(token)
        let call = opened.call
        let canEdit = opened.access == .owner && call.status.isEditable
        var w = HTMLWriter(capacity: 32768)
        w.markup("<div class=\"staff call\"><p><a href=\""); w.text(Route.calls.path(language: web.language)); w.markup("\">← ")
        w.text(web.tr("Appels d'intérêt", "Calls for interest")); w.markup("</a></p><h1>"); w.text(call.title); w.markup("</h1>")
        if let notice = state.notice { w.markup("<p class=\"notice\" role=\"status\">"); w.text(notice); w.markup("</p>") }
        if let error = state.error { w.markup("<div class=\"alert\" role=\"alert\"><p>"); w.text(error); w.markup("</p></div>") }
        let municipality = web.directory.municipality(code: call.municipalityCode)?.name ?? call.municipalityCode
        w.markup("<dl class=\"facts\"><dt>"); w.text(web.tr("État", "State")); w.markup("</dt><dd>"); w.text(status(call.status, web))
        if call.status == .cancelled && !call.cancelMessage.isEmpty { w.text(" — " + call.cancelMessage) }
        w.markup("</dd><dt>"); w.text(web.tr("Demandé par", "Asked by")); w.markup("</dt><dd>"); w.text(call.ownerName + " · " + municipality)
        w.markup("</dd><dt>"); w.text(web.tr("Type", "Kind")); w.markup("</dt><dd>"); w.text(web.tr(call.kind.name, call.kind.nameEnglish))
        w.markup("</dd><dt>"); w.text(web.tr("Lieu de livraison", "Place of delivery")); w.markup("</dt><dd>"); w.text(placeText(call, calls))
        w.markup("</dd><dt>"); w.text(web.tr("Montant estimé", "Estimated amount")); w.markup("</dt><dd>")
        w.text(call.amountBand.name(invitation: state.bands.invitation, publicCall: state.bands.publicCall, money: { web.money(cents: $0) }, web.language))
        if let procedure = call.amountBand.procedure { w.text(" — " + web.tr(procedure.name, procedure.nameEnglish)) }
        w.markup("</dd><dt>"); w.text(web.tr("Date limite des réponses", "Answers wanted by")); w.markup("</dt><dd>"); w.text(call.deadline)
        if !call.sectors.isEmpty {
            w.markup("</dd><dt>"); w.text(web.tr("Secteurs", "Sectors")); w.markup("</dt><dd>")
            w.text(call.sectors.map { slug in Sector.find(slug).map { web.tr($0.name, $0.nameEnglish) } ?? slug }.joined(separator: ", "))
        }
        w.markup("</dd></dl><div class=\"description\" lang=\"fr\">")
        for paragraph in call.description.components(separatedBy: "\n\n") { w.markup("<p>"); w.text(paragraph); w.markup("</p>") }
        w.markup("</div>")

        // Attachments
        if !opened.attachments.isEmpty || canEdit {
            w.markup("<h2 id=\"pieces-jointes\">"); w.text(web.tr("Pièces jointes", "Attachments")); w.markup("</h2><ul>")
            for file in opened.attachments {
                w.markup("<li><a href=\""); w.text(Route.callFile.path(call.id, file.id)); w.markup("\" download>"); w.text(file.fileName); w.markup("</a> (")
                w.text(sizeText(file.size, web)); w.markup(")")
                if canEdit {
                    w.markup(" <form method=\"post\" action=\""); w.text(Route.callAttachments.path(call.id)); w.markup("\" class=\"inline-form\" enctype=\"multipart/form-data\">")
                    hidden(&w, csrf: csrf, web: web)
                    w.markup("<input type=\"hidden\" name=\"retirer\" value=\""); w.text(file.id); w.markup("\"><button type=\"submit\" class=\"small\">")
                    w.text(web.tr("Retirer", "Remove")); w.markup("<span class=\"visually-hidden\"> "); w.text(file.fileName); w.markup("</span></button></form>")
                }
                w.markup("</li>")
            }
            w.markup("</ul>")
            if canEdit {
                w.markup("<form method=\"post\" action=\""); w.text(Route.callAttachments.path(call.id)); w.markup("\" class=\"staff-form\" enctype=\"multipart/form-data\">")
                hidden(&w, csrf: csrf, web: web)
                w.markup("<p><label for=\"piece\">"); w.text(web.tr("Ajouter une pièce jointe (PDF, .docx ou .xlsx)", "Add an attachment (PDF, .docx or .xlsx)"))
                w.markup("</label><input type=\"file\" id=\"piece\" name=\"pieces\" accept=\".pdf,.docx,.xlsx,application/pdf\"></p><p><button type=\"submit\" class=\"small\">")
                w.text(web.tr("Joindre", "Attach")); w.markup("</button></p></form>")
            }
        }

        if canEdit {
            w.markup("<p><a href=\""); w.text(Route.newCall.path(language: web.language) + "?modifier=" + call.id); w.markup("\">")
            w.text(web.tr("Modifier le besoin (titre, description, lieu, montant, date limite)", "Change the need (title, description, place, amount, deadline)")); w.markup("</a></p>")
        }

        // Recipients
        w.markup("<h2 id=\"destinataires\">"); w.text(web.tr("Entreprises (\(opened.entries.count))", "Enterprises (\(opened.entries.count))")); w.markup("</h2>")
        if canEdit {
            w.markup("<form method=\"post\" action=\""); w.text(Route.callRecipients.path(call.id)); w.markup("\" class=\"inline-form\">")
            hidden(&w, csrf: csrf, web: web)
            w.markup("<input type=\"hidden\" name=\"action\" value=\"proposer\"><button type=\"submit\">")
            w.text(opened.entries.isEmpty ? web.tr("Proposer les entreprises", "Propose enterprises") : web.tr("Proposer de nouveau les entreprises", "Propose enterprises again"))
            w.markup("</button></form> ")
            w.markup("<p class=\"card-meta\">"); w.text(web.tr("Répertoire cherche les entreprises qui offrent aux municipalités, servent le lieu de livraison et dont l'offre correspond aux mots du besoin ou aux secteurs choisis.",
                                                             "Répertoire looks for the enterprises that offer to municipalities, serve the place of delivery and whose offer matches the need's words or the chosen sectors."))
            w.markup("</p>")
        }
        if opened.entries.isEmpty {
            w.markup("<p>"); w.text(web.tr("Aucune entreprise pour l'instant.", "No enterprise yet.")); w.markup("</p>")
        } else {
            let reachable = opened.entries.filter { !$0.addresses.isEmpty && !$0.optedOut }.count
            if call.status.isEditable {
                w.markup("<p>"); w.text(web.tr("\(reachable) entreprise(s) recevront l'appel par courriel.", "\(reachable) enterprise(s) will receive the call by e-mail.")); w.markup("</p>")
            }
            let interested = opened.interested
            w.markup("<p class=\"downloads\">")
            if !interested.isEmpty && (web.identity?.user.has(.keepPurchaseLists) ?? false) {
                w.markup("<form method=\"post\" action=\""); w.text(Route.purchaseLists.path()); w.markup("\" class=\"inline-form\">")
                hidden(&w, csrf: csrf, web: web)
                w.markup("<input type=\"hidden\" name=\"nom\" value=\""); w.text(web.tr("Intéressées — ", "Interested — ") + call.title); w.markup("\">")
                for entry in interested { w.markup("<input type=\"hidden\" name=\"entreprise\" value=\""); w.text(entry.recipient.enterpriseID); w.markup("\">") }
                w.markup("<button type=\"submit\">"); w.text(web.tr("Créer une liste d'achat avec les \(interested.count) intéressée(s)", "Start a purchase list with the \(interested.count) interested"))
                w.markup("</button></form> ")
            }
            w.text(web.tr("Exporter : ", "Export: "))
            for (index, (format, label)) in [("xlsx", "Excel (.xlsx)"), ("csv", "CSV"), ("csv-pv", web.tr("CSV pour Excel en français (;)", "CSV for French Excel (;)"))].enumerated() {
                if index > 0 { w.markup(" · ") }
                w.markup("<a href=\""); w.text(Route.callExport.path(call.id) + "?format=" + format + (web.language == .en ? "&langue=en" : "")); w.markup("\">"); w.text(label); w.markup("</a>")
            }
            w.markup("</p>")
            let caption = web.tr("Entreprises destinataires et leurs réponses", "Recipient enterprises and their answers")
            w.markup("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\""); w.text(caption); w.markup("\">")
            w.markup("<table class=\"data recipients\"><caption class=\"visually-hidden\">"); w.text(caption)
            w.markup("</caption><thead><tr><th scope=\"col\">"); w.text(web.tr("Entreprise", "Enterprise")); w.markup("</th><th scope=\"col\">")
            w.text(web.tr("Pourquoi", "Why")); w.markup("</th><th scope=\"col\">"); w.text(web.tr("État", "State")); w.markup("</th><th scope=\"col\">")
            w.text(web.tr("Réponse", "Answer")); w.markup("</th>")
            if canEdit { w.markup("<th scope=\"col\">"); w.text(web.tr("Action", "Action")); w.markup("</th>") }
            w.markup("</tr></thead><tbody>")
            for entry in opened.entries {
                let id = entry.recipient.enterpriseID
                let name = entry.enterprise?.profile.name ?? id
                w.markup("<tr id=\"e-"); w.text(id); w.markup("\" data-status=\""); w.text(entry.status.rawValue); w.markup("\"><th scope=\"row\" lang=\"fr\">")
                if let enterprise = entry.enterprise, !enterprise.isArchived {
                    w.markup("<a href=\""); w.text(SiteURL.enterprise(slug: enterprise.slug).path(web.language)); w.markup("\">"); w.text(name); w.markup("</a>")
                } else {
                    w.text(name)
                }
                if !entry.addresses.isEmpty { w.markup("<br><span class=\"card-meta\">"); w.text(entry.addresses.joined(separator: ", ")); w.markup("</span>") }
                w.markup("</th><td>")
                w.text(entry.recipient.reasons.compactMap { reasonText($0, calls: calls, web: web) }.joined(separator: " · "))
                if entry.recipient.origin == .buyer { w.text(web.tr("ajoutée à la main", "added by hand")) }
                w.markup("</td><td>"); w.text(web.tr(entry.status.name, entry.status.nameEnglish))
                if entry.status == .unreachable, let phone = entry.enterprise?.profile.phone {
                    w.markup("<br>"); w.text(web.tr("Téléphone : ", "Phone: ") + phone)
                }
                if entry.status == .optedOut {
                    w.markup("<br><span class=\"card-meta\">"); w.text(web.tr("L'entreprise a demandé à ne plus recevoir d'appels d'intérêt (loi anti-pourriel) : elle ne recevra pas celui-ci.",
                                                                              "The enterprise asked to receive no more calls for interest (anti-spam law): it will not receive this one.")); w.markup("</span>")
                }
                w.markup("</td><td>")
                answerCell(&w, entry, opened: opened, call: call, web: web)
                if let contract = state.contracts[id] {
                    w.markup("<br><a class=\"retained\" href=\""); w.text(Route.purchaseContract.path(contract.id, language: web.language)); w.markup("\">")
                    w.text(web.tr("Retenue : contrat inscrit (", "Retained: contract recorded (") + web.money(cents: contract.amountCents) + ")"); w.markup("</a>")
                } else if state.canRecordContracts && entry.recipient.answer == .interested {
                    w.markup("<br><a class=\"retain\" href=\""); w.text(Route.newPurchaseContract.path(language: web.language) + "?appel=" + Route.escape(call.id) + "&entreprise=" + Route.escape(id))
                    w.markup("\">"); w.text(web.tr("Retenir et inscrire le contrat", "Retain and record the contract")); w.markup("<span class=\"visually-hidden\"> "); w.text(name); w.markup("</span></a>")
                }
                w.markup("</td>")
                if canEdit {
                    w.markup("<td><form method=\"post\" action=\""); w.text(Route.callRecipients.path(call.id)); w.markup("\" class=\"inline-form\">")
                    hidden(&w, csrf: csrf, web: web)
                    w.markup("<input type=\"hidden\" name=\"action\" value=\"retirer\"><input type=\"hidden\" name=\"entreprise\" value=\""); w.text(id)
                    w.markup("\"><button type=\"submit\" class=\"small\">"); w.text(web.tr("Retirer", "Remove")); w.markup("<span class=\"visually-hidden\"> "); w.text(name)
                    w.markup("</span></button></form></td>")
                }
                w.markup("</tr>")
            }
            w.markup("</tbody></table></div>")
        }

        if canEdit {
            // Add by hand: a search of the directory, answered on this page.
            w.markup("<h2 id=\"ajouter\">"); w.text(web.tr("Ajouter une entreprise", "Add an enterprise")); w.markup("</h2>")
            w.markup("<form method=\"get\" action=\""); w.text(Route.call.path(call.id, language: web.language)); w.markup("#ajouter\" class=\"staff-form\" role=\"search\"><p><label for=\"ajout\">")
            w.text(web.tr("Nom ou activité de l'entreprise", "Enterprise's name or activity")); w.markup("</label><input type=\"search\" id=\"ajout\" name=\"ajout\" value=\"")
            w.text(state.addQuery); w.markup("\"></p><p><button type=\"submit\" class=\"small\">"); w.text(web.tr("Chercher", "Search")); w.markup("</button></p></form>")
            if !state.addQuery.isEmpty {
                if state.addResults.isEmpty { w.markup("<p>"); w.text(web.tr("Aucune entreprise trouvée.", "No enterprise found.")); w.markup("</p>") }
                w.markup("<ul>")
                for summary in state.addResults {
                    w.markup("<li lang=\"fr\">"); w.text(summary.name + (summary.municipalityName.map { " — " + $0 } ?? ""))
                    w.markup(" <form method=\"post\" action=\""); w.text(Route.callRecipients.path(call.id)); w.markup("\" class=\"inline-form\">")
                    hidden(&w, csrf: csrf, web: web)
                    w.markup("<input type=\"hidden\" name=\"action\" value=\"ajouter\"><input type=\"hidden\" name=\"entreprise\" value=\""); w.text(summary.id)
                    w.markup("\"><button type=\"submit\" class=\"small\">"); w.text(web.tr("Ajouter", "Add")); w.markup("<span class=\"visually-hidden\"> "); w.text(summary.name)
                    w.markup("</span></button></form></li>")
                }
                w.markup("</ul>")
            }
            // Send
            w.markup("<h2 id=\"envoyer\">"); w.text(web.tr("Envoyer", "Send")); w.markup("</h2><p>")
            w.text(web.tr("Chaque entreprise joignable reçoit un courriel à son adresse générale et à celles de ses gestionnaires, avec un lien de réponse qui lui est propre. Une entreprise ne reçoit jamais deux fois le même appel.",
                          "Each reachable enterprise receives an e-mail at its general address and its managers', with an answer link of its own. An enterprise never receives the same call twice."))
            w.markup("</p><form method=\"post\" action=\""); w.text(Route.callSend.path(call.id)); w.markup("\" class=\"inline-form\">")
            hidden(&w, csrf: csrf, web: web)
            w.markup("<button type=\"submit\">"); w.text(web.tr("Envoyer l'appel d'intérêt", "Send the call for interest")); w.markup("</button></form>")
        }

        if opened.access == .owner && (call.status == .sent || call.status.isEditable) {
            w.markup("<h2 id=\"terminer\">"); w.text(web.tr("Fermer ou annuler", "Close or cancel")); w.markup("</h2>")
            if call.status == .sent {
                w.markup("<form method=\"post\" action=\""); w.text(Route.callClose.path(call.id)); w.markup("\" class=\"inline-form\">")
                hidden(&w, csrf: csrf, web: web)
                w.markup("<input type=\"hidden\" name=\"action\" value=\"fermer\"><button type=\"submit\">"); w.text(web.tr("Fermer l'appel (plus de réponses)", "Close the call (no more answers)"))
                w.markup("</button></form>")
            }
            w.markup("<form method=\"post\" action=\""); w.text(Route.callClose.path(call.id)); w.markup("\" class=\"staff-form\">")
            hidden(&w, csrf: csrf, web: web)
            w.markup("<input type=\"hidden\" name=\"action\" value=\"annuler\"><p><label for=\"message-annulation\">")
            w.text(web.tr("Message d'annulation (envoyé aux entreprises qui ont reçu l'appel)", "Cancellation message (sent to the enterprises that received the call)"))
            w.markup("</label><textarea id=\"message-annulation\" name=\"message\" rows=\"3\" maxlength=\"2000\" required></textarea></p><p><button type=\"submit\">")
            w.text(web.tr("Annuler l'appel", "Cancel the call")); w.markup("</button></p></form>")
        }
        w.markup("</div>")
        return w.result
    }

    private static func answerCell(_ w: inout HTMLWriter, _ entry: CallService.Opened.Entry, opened: CallService.Opened, call: CallForInterest, web: WebContext) {
        let r = entry.recipient
        guard let answer = r.answer else {
            if let opened = r.openedAt { w.text(web.tr("Lien ouvert le ", "Link opened on ") + CalendarDay.string(from: opened)) }
            return
        }
        w.markup("<strong>"); w.text(answer == .interested ? web.tr("Intéressée", "Interested") : web.tr("Pas intéressée", "Not interested")); w.markup("</strong>")
        if let answered = r.answeredAt { w.text(web.tr(" le ", " on ") + CalendarDay.string(from: answered)) }
        if let reason = r.declineReason { w.markup("<br>"); w.text(web.tr(reason.name, reason.nameEnglish)) }
        if !r.answerMessage.isEmpty { w.markup("<br><q lang=\"fr\">"); w.text(r.answerMessage); w.markup("</q>") }
        if !r.contactName.isEmpty {
            w.markup("<br>"); w.text(web.tr("Personne-ressource : ", "Contact: ") + [r.contactName, r.contactEmail, r.contactPhone].filter { !$0.isEmpty }.joined(separator: " · "))
        }
        if let file = opened.answerDocuments[r.enterpriseID] {
            w.markup("<br><a href=\""); w.text(Route.callFile.path(call.id, file.id)); w.markup("\" download>"); w.text(file.fileName); w.markup("</a> (")
            w.text(sizeText(file.size, web)); w.markup(")")
        } else if opened.access == .hub && answer == .interested {
            w.markup("<br><span class=\"card-meta\">"); w.text(web.tr("(les documents joints restent ceux de la municipalité)", "(attached documents remain the municipality's)")); w.markup("</span>")
        }
    }

    static func sizeText(_ bytes: Int, _ web: WebContext) -> String {
        bytes < 1_000_000 ? web.tr("\(max(1, bytes / 1000)) ko", "\(max(1, bytes / 1000)) kB")
            : web.tr("\(bytes / 1_000_000),\((bytes % 1_000_000) / 100_000) Mo", "\(bytes / 1_000_000).\((bytes % 1_000_000) / 100_000) MB")
    }

    // MARK: The enterprise's answer page

    struct AnswerState {
        var input = CallService.AnswerInput()
        var errors: [CallService.FieldError] = []
        var done = false
    }

    static func answer(_ context: CallService.AnswerContext, secret: String, state: AnswerState, csrf: String, web: WebContext) -> SafeHTML {
        let call = context.call
        var w = HTMLWriter(capacity: 8192)
        w.markup("<div class=\"staff answer\"><h1>"); w.text(web.tr("Appel d'intérêt de ", "Call for interest from ") + context.municipality); w.markup("</h1>")
        w.markup("<p>"); w.text(web.tr("Pour « \(context.enterprise.profile.name) », de la part de \(call.ownerName) (\(context.municipality)). Aucun compte n'est nécessaire.",
                                       "For \"\(context.enterprise.profile.name)\", from \(call.ownerName) (\(context.municipality)). No account is needed."))
        w.markup("</p>")
        if state.done {
            w.markup("<p class=\"notice\" role=\"status\">"); w.text(web.tr("Merci ! Votre réponse est enregistrée et transmise à la municipalité. Vous pouvez la changer par ce même lien jusqu'au \(call.deadline).",
                                                                            "Thank you! Your answer is saved and passed on to the municipality. You can change it through this same link until \(call.deadline).")); w.markup("</p>")
        }
        w.markup("<h2 lang=\"fr\">"); w.text(call.title); w.markup("</h2><dl class=\"facts\"><dt>"); w.text(web.tr("Type", "Kind")); w.markup("</dt><dd>")
        w.text(web.tr(call.kind.name, call.kind.nameEnglish)); w.markup("</dd><dt>"); w.text(web.tr("Lieu de livraison", "Place of delivery")); w.markup("</dt><dd>")
        w.text(context.place); w.markup("</dd><dt>"); w.text(web.tr("Réponses souhaitées au plus tard le", "Answers wanted by")); w.markup("</dt><dd>"); w.text(call.deadline)
        w.markup("</dd></dl><div class=\"description\" lang=\"fr\">")
        for paragraph in call.description.components(separatedBy: "\n\n") { w.markup("<p>"); w.text(paragraph); w.markup("</p>") }
        w.markup("</div>")
        if !context.attachments.isEmpty {
            w.markup("<h3>"); w.text(web.tr("Documents de la municipalité", "The municipality's documents")); w.markup("</h3><ul>")
            for file in context.attachments {
                w.markup("<li><a href=\""); w.text(Route.callAnswer.path(language: web.language) + "?appel=" + call.id + "&jeton=" + secret + "&fichier=" + file.id)
                w.markup("\" download>"); w.text(file.fileName); w.markup("</a> ("); w.text(sizeText(file.size, web)); w.markup(")</li>")
            }
            w.markup("</ul>")
        }
        guard context.isOpen else {
            let refusal = CallService.closed(call)
            w.markup("<div class=\"alert\" role=\"status\"><p>"); w.text(web.tr(refusal.message, refusal.english)); w.markup("</p></div>")
            if let answer = context.recipient.answer {
                w.markup("<p>"); w.text(web.tr("Votre réponse : ", "Your answer: ") + (answer == .interested ? web.tr("intéressée", "interested") : web.tr("pas intéressée", "not interested")))
                w.markup("</p>")
            }
            w.markup("</div>")
            return w.result
        }
        let r = context.recipient
        let input = state.errors.isEmpty && !state.done && r.answer != nil
            ? CallService.AnswerInput(answer: r.answer?.rawValue ?? "", message: r.answerMessage, reason: r.declineReason?.rawValue ?? "",
                                      contactName: r.contactName, contactEmail: r.contactEmail, contactPhone: r.contactPhone)
            : state.input
        if r.answer != nil && !state.done {
            w.markup("<p class=\"notice\">"); w.text(web.tr("Vous avez déjà répondu ; vous pouvez changer votre réponse ci-dessous.", "You have answered already; you can change your answer below.")); w.markup("</p>")
        }
        w.markup("<h2 id=\"repondre\">"); w.text(web.tr("Votre réponse", "Your answer")); w.markup("</h2>")
        if !state.errors.isEmpty {
            w.markup("<div class=\"alert\" role=\"alert\"><p>"); w.text(web.tr("La réponse n'est pas enregistrée : corrigez ce qui suit.", "The answer is not saved: fix the following.")); w.markup("</p><ul>")
            for error in state.errors { w.markup("<li><a href=\"#"); w.text(error.field); w.markup("\">"); w.text(web.tr(error.message, error.english)); w.markup("</a></li>") }
            w.markup("</ul></div>")
        }
        w.markup("<form method=\"post\" action=\""); w.text(Route.callAnswer.path()); w.markup("\" class=\"staff-form\" enctype=\"multipart/form-data\">")
        w.markup("<input type=\"hidden\" name=\"_csrf\" value=\""); w.text(csrf); w.markup("\"><input type=\"hidden\" name=\"langue\" value=\""); w.text(web.language.rawValue)
        w.markup("\"><input type=\"hidden\" name=\"appel\" value=\""); w.text(call.id); w.markup("\"><input type=\"hidden\" name=\"jeton\" value=\""); w.text(secret); w.markup("\">")
        w.markup("<fieldset id=\"reponse\"><legend>"); w.text(web.tr("Votre entreprise est-elle intéressée ?", "Is your enterprise interested?")); w.markup("</legend>")
        for (value, label) in [("interested", web.tr("Oui, intéressée", "Yes, interested")), ("not-interested", web.tr("Non, pas intéressée", "No, not interested"))] {
            w.markup("<p><label class=\"check\"><input type=\"radio\" name=\"reponse\" value=\""); w.text(value); w.markup("\"")
            if input.answer == value { w.markup(" checked") }
            w.markup("> "); w.text(label); w.markup("</label></p>")
        }
        w.markup("</fieldset><p><label for=\"message\">"); w.text(web.tr("Message à la municipalité (facultatif)", "Message to the municipality (optional)"))
        w.markup("</label><textarea id=\"message\" name=\"message\" rows=\"4\" maxlength=\"5000\">"); w.text(input.message); w.markup("</textarea></p>")
        w.markup("<fieldset><legend>"); w.text(web.tr("Si vous êtes intéressée", "If you are interested")); w.markup("</legend>")
        for (field, label, value, type) in [("contact-nom", web.tr("Personne-ressource", "Contact person"), input.contactName, "text"),
                                            ("contact-courriel", web.tr("Son courriel", "Their e-mail"), input.contactEmail, "email"),
                                            ("contact-telephone", web.tr("Son téléphone (facultatif)", "Their phone (optional)"), input.contactPhone, "tel")] {
            w.markup("<p><label for=\""); w.text(field); w.markup("\">"); w.text(label); w.markup("</label><input type=\""); w.text(type); w.markup("\" id=\""); w.text(field)
            w.markup("\" name=\""); w.text(field); w.markup("\" value=\""); w.text(value); w.markup("\"></p>")
        }
        w.markup("<p><label for=\"document\">"); w.text(web.tr("Document (offre, présentation ; PDF, .docx ou .xlsx ; facultatif)", "Document (offer, presentation; PDF, .docx or .xlsx; optional)"))
        w.markup("</label><input type=\"file\" id=\"document\" name=\"document\" accept=\".pdf,.docx,.xlsx,application/pdf\"></p>")
        if let document = context.document {
            w.markup("<p class=\"card-meta\">"); w.text(web.tr("Document déjà transmis : \(document.fileName) (un nouveau le remplacera)", "Document already sent: \(document.fileName) (a new one replaces it)")); w.markup("</p>")
        }
        w.markup("</fieldset><fieldset><legend>"); w.text(web.tr("Si vous n'êtes pas intéressée", "If you are not interested")); w.markup("</legend><p><label for=\"raison\">")
        w.text(web.tr("Raison", "Reason")); w.markup("</label><select id=\"raison\" name=\"raison\"><option value=\"\">—</option>")
        for reason in CallRecipient.DeclineReason.allCases {
            w.markup("<option value=\""); w.text(reason.rawValue); w.markup("\"")
            if input.reason == reason.rawValue { w.markup(" selected") }
            w.markup(">"); w.text(web.tr(reason.name, reason.nameEnglish)); w.markup("</option>")
        }
        w.markup("</select></p></fieldset><p><button type=\"submit\">"); w.text(web.tr("Envoyer ma réponse", "Send my answer")); w.markup("</button></p></form></div>")
        return w.result
    }

    // MARK: Stopping calls for interest

    static func unsubscribe(enterprise: String, optedOut: Bool, done: Bool, secret: String, csrf: String, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 2048)
        w.markup("<div class=\"staff\"><h1>"); w.text(web.tr("Ne plus recevoir d'appels d'intérêt", "Stop receiving calls for interest")); w.markup("</h1>")
        if done || optedOut {
            w.markup("<p class=\"notice\" role=\"status\">")
            w.text(web.tr("« \(enterprise) » ne recevra plus d'appels d'intérêt par Répertoire. Sa représentante ou son représentant peut changer ce choix depuis la page « Mon entreprise ».",
                          "\"\(enterprise)\" will receive no more calls for interest through Répertoire. Its representative can change this from the \"My enterprise\" page."))
            w.markup("</p></div>")
            return w.result
        }
        w.markup("<p>"); w.text(web.tr("« \(enterprise) » ne recevra plus aucun appel d'intérêt des municipalités par Répertoire. Sa fiche reste au répertoire.",
                                       "\"\(enterprise)\" will receive no more calls for interest from municipalities through Répertoire. Its profile stays in the directory."))
        w.markup("</p><form method=\"post\" action=\""); w.text(Route.callUnsubscribe.path()); w.markup("\" class=\"staff-form\">")
        w.markup("<input type=\"hidden\" name=\"_csrf\" value=\""); w.text(csrf); w.markup("\"><input type=\"hidden\" name=\"langue\" value=\""); w.text(web.language.rawValue)
        w.markup("\"><input type=\"hidden\" name=\"jeton\" value=\""); w.text(secret); w.markup("\"><p><button type=\"submit\">")
        w.text(web.tr("Confirmer : ne plus recevoir d'appels d'intérêt", "Confirm: stop receiving calls for interest")); w.markup("</button></p></form></div>")
        return w.result
    }

    /// A refusal (a bad link, a closed call…) as a page.
    static func refusal(_ refusal: Refusal, back: String?, web: WebContext) -> SafeHTML {
        var w = HTMLWriter()
        w.markup("<div class=\"staff\"><h1>"); w.text(refusal.title); w.markup("</h1><div class=\"alert\" role=\"alert\"><p>")
        w.text(web.language == .fr ? refusal.message : refusal.english); w.markup("</p></div>")
        if let back {
            w.markup("<p><a href=\""); w.text(back); w.markup("\">"); w.text(web.tr("Revenir à la page précédente", "Back to the previous page")); w.markup("</a></p>")
        }
        w.markup("</div>")
        return w.result
    }
}
