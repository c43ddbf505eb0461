import Foundation

/// The open calls of SEAO (`/appels-d-offres`), one process's page, and the administrators'
/// page of SEAO imports.
enum TenderPages {
    static let attribution = "Source : Données Québec, Système électronique d'appel d'offres (SEAO), licence CC-BY 4.0."
    static let attributionEnglish = "Source: Données Québec, Quebec's electronic tendering system (SEAO), CC-BY 4.0 licence."

    static func kindName(_ code: String?, _ web: WebContext) -> String? {
        guard let code, let kind = TenderService.kinds.first(where: { $0.code == code }) else { return code }
        return web.tr(kind.french, kind.english)
    }

    static func tagName(_ tag: String, _ web: WebContext) -> String {
        switch tag {
        case "planning": web.tr("Planification", "Planning")
        case "tender": web.tr("Avis d'appel d'offres", "Call for tenders")
        case "tenderAmendment", "tenderUpdate": web.tr("Addenda ou modification de l'avis", "Addendum or change to the notice")
        case "tenderCancellation": web.tr("Annulation", "Cancellation")
        case "award", "awardUpdate": web.tr("Adjudication", "Award")
        case "awardCancellation": web.tr("Adjudication annulée", "Award cancelled")
        case "contract", "contractUpdate": web.tr("Contrat", "Contract")
        case "contractAmendment": web.tr("Modification du contrat", "Contract amendment")
        case "implementation", "implementationUpdate": web.tr("Exécution", "Implementation")
        case "contractTermination": web.tr("Fin du contrat", "Contract ended")
        default: tag
        }
    }

    /// `27 août 2026, 11 h 00` / `August 27, 2026, 11:00` (Quebec time).
    static func moment(_ date: Date, _ web: WebContext) -> String {
        let time = QuebecTime.time(from: date)
        let day = HubPages.date(date, web)
        return web.language == .fr ? "\(day), \(time.replacingOccurrences(of: ":", with: " h "))" : "\(day), \(time)"
    }

    // MARK: Open calls

    struct ListState {
        var filter: TenderService.Filter
        var calls: [TenderService.OpenCall]
        var categories: [SEAORelease.Category]
        var problems: [String] = []
    }

    static let shown = 100

    static func list(_ state: ListState, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 32_000)
        w.markup("<h1>"); w.text(web.tr("Appels d'offres publics", "Public calls for tenders")); w.markup("</h1><p class=\"lead\">")
        w.text(web.tr("Les appels d'offres ouverts des organismes municipaux, publiés sur le SEAO. Chaque appel mène à son avis sur le SEAO, où se trouvent les documents et où l'on soumissionne.",
                      "Open calls for tenders of municipal bodies, published on SEAO. Each leads to its notice on SEAO, where the documents are and where bids are made."))
        w.markup("</p>")
        filterForm(&w, state, web: web)
        let filter = state.filter
        w.markup("<h2 id=\"resultats\">")
        let count = state.calls.count
        w.text(web.language == .fr ? (count == 0 ? "Aucun appel ouvert" : count == 1 ? "1 appel ouvert" : "\(count) appels ouverts")
                                    : (count == 0 ? "No open call" : count == 1 ? "1 open call" : "\(count) open calls"))
        w.text(filter.allBodies ? web.tr(" (tous les organismes publics)", " (all public bodies)") : web.tr(" (organismes municipaux)", " (municipal bodies)"))
        w.markup("</h2>")
        if state.calls.isEmpty {
            w.markup("<p>"); w.text(web.tr("Aucun appel ouvert ne correspond à ces critères. Élargissez la recherche, ou cochez « tous les organismes publics ».",
                                           "No open call matches. Widen the search, or tick \"all public bodies\".")); w.markup("</p>")
        } else {
            w.markup("<ul class=\"article-list tender-list\">")
            for call in state.calls.prefix(shown) { item(&w, call, web: web) }
            w.markup("</ul>")
            if count > shown {
                w.markup("<p>"); w.text(web.tr("Les \(shown) premiers sont affichés : précisez la recherche pour voir les autres.",
                                               "The first \(shown) are shown: narrow the search to see the others.")); w.markup("</p>")
            }
        }
        w.markup("<p class=\"source\">"); w.text(web.tr(attribution, attributionEnglish)); w.markup("</p>")
        return w.result
    }

    private static func filterForm(_ w: inout HTMLWriter, _ state: ListState, web: WebContext) {
        let filter = state.filter
        w.problems(state.problems)
        w.markup("<form method=\"get\" action=\""); w.text(Route.tenders.path(language: web.language))
        w.markup("\" class=\"staff-form filters\" role=\"search\"><p><label for=\"t-q\">"); w.text(web.tr("Mots", "Words"))
        w.markup("</label><input type=\"search\" id=\"t-q\" name=\"q\" maxlength=\"200\" value=\""); w.text(filter.text)
        w.markup("\"></p><p><label for=\"t-region\">"); w.text(web.tr("Région", "Region")); w.markup("</label><select id=\"t-region\" name=\"region\"><option value=\"\">")
        w.text(web.tr("Tout le Québec", "All of Quebec")); w.markup("</option>")
        w.regionOptions(selected: filter.region)
        w.markup("</select></p><p><label for=\"t-kind\">"); w.text(web.tr("Nature", "Kind")); w.markup("</label><select id=\"t-kind\" name=\"nature\"><option value=\"\">")
        w.text(web.tr("Toutes", "All")); w.markup("</option>")
        w.options(TenderService.kinds.map { ($0.code, web.tr($0.french, $0.english)) }, selected: filter.kind)
        w.markup("</select></p><p><label for=\"t-category\">"); w.text(web.tr("Catégorie SEAO", "SEAO category"))
        w.markup("</label><select id=\"t-category\" name=\"categorie\"><option value=\"\">"); w.text(web.tr("Toutes", "All")); w.markup("</option>")
        var categories = state.categories
        if let chosen = filter.category, !categories.contains(where: { $0.code == chosen }) { categories.append(.init(code: chosen, label: chosen)) }
        for category in categories {
            w.markup("<option value=\""); w.text(category.code); w.markup("\""); if filter.category == category.code { w.markup(" selected") }
            w.markup(" lang=\"fr\">"); w.text(category.label); w.markup("</option>")
        }
        w.markup("</select></p><p><label for=\"t-closes\">"); w.text(web.tr("Fermant au plus tard le", "Closing on or before"))
        w.markup("</label><input type=\"date\" id=\"t-closes\" name=\"ferme-avant\" value=\""); w.text(filter.closesBy ?? ""); w.markup("\"></p>")
        w.markup("<p><label class=\"check\"><input type=\"checkbox\" id=\"t-all\" name=\"tous\" value=\"1\""); if filter.allBodies { w.markup(" checked") }
        w.markup("> "); w.text(web.tr("Tous les organismes publics (pas seulement municipaux)", "All public bodies (not only municipal ones)"))
        w.markup("</label></p><p><button type=\"submit\">"); w.text(web.tr("Chercher", "Search")); w.markup("</button></p></form>")
    }

    private static func item(_ w: inout HTMLWriter, _ call: TenderService.OpenCall, web: WebContext) {
        let tender = call.tender
        w.markup("<li class=\"article-item\"><h3 lang=\"fr\"><a href=\""); w.text(Route.tender.path(tender.ocid, language: web.language)); w.markup("\">")
        if let title = call.title { w.safe(SafeHTML(highlighting: title)) } else { w.text(tender.tender.title ?? tender.seaoNumber) }
        w.markup("</a></h3><p>")
        w.markup("<span lang=\"fr\">"); w.text(tender.buyer?.name ?? ""); w.markup("</span>")
        if let name = call.municipalityName, name != tender.buyer?.name { w.markup(" ("); w.text(name); w.markup(")") }
        w.markup("</p><p class=\"article-kind\">")
        if let closes = tender.tender.closesAt { w.text(web.tr("Ferme le ", "Closes ")); w.text(moment(closes, web)) }
        if let kind = kindName(tender.tender.category, web) { w.markup(" · "); w.text(kind) }
        for category in tender.tender.categories { w.markup(" · <span lang=\"fr\">"); w.text(category.label); w.markup("</span>") }
        w.markup("</p>")
        if !call.regions.isEmpty {
            w.markup("<p>"); w.text(web.tr("Région : ", "Region: "))
            w.text(call.regions.map { Region.find($0)?.name ?? $0 }.joined(separator: ", ")); w.markup("</p>")
        }
        if let url = tender.seaoURL {
            w.markup("<p><a href=\""); w.text(url); w.markup("\" rel=\"noopener\">"); w.text(web.tr("Avis sur le SEAO", "Notice on SEAO"))
            w.markup("<span class=\"visually-hidden\"> — "); w.text(tender.tender.title ?? tender.seaoNumber); w.markup("</span></a></p>")
        }
        w.markup("</li>")
    }

    // MARK: Matching

    /// « mots : entretien, ménager · secteur : Habitation · offre : Services · sert : Montérégie ».
    static func reasons(_ match: CallMatcher.Match, web: WebContext) -> String {
        match.reasons.compactMap { code -> String? in
            switch CallMatcher.Reason(code) {
            case .words(let words)?: return web.tr("mots : ", "words: ") + words.joined(separator: ", ")
            case .sector(let slug)?: return web.tr("secteur : ", "sector: ") + (Sector.find(slug).map { web.sectorName($0) } ?? slug)
            case .kind(let kind)?: return web.tr("offre : ", "offers: ") + (OfferingKind(rawValue: kind).map { web.tr($0.name, $0.nameEnglish) } ?? kind)
            case .place(let kind, let code)?:
                let name = kind == .region ? Region.find(code)?.name : kind == .municipality ? web.directory.catalog.municipality(code: code)?.name : nil
                return web.tr("sert : ", "serves: ") + (name ?? code)
            case .list?, nil: return nil
            }
        }.joined(separator: " · ")
    }

    /// The call page's « Entreprises qui pourraient répondre » (hubs, buyers, administrators).
    static func matchesSection(_ w: inout HTMLWriter, _ matches: [(summary: EnterpriseSummary, match: CallMatcher.Match)], web: WebContext) {
        w.markup("<section aria-labelledby=\"matches\"><h2 id=\"matches\">"); w.text(web.tr("Entreprises qui pourraient répondre", "Enterprises that could answer")); w.markup("</h2>")
        guard !matches.isEmpty else {
            w.markup("<p>"); w.text(web.tr("Aucune entreprise du répertoire ne correspond à cet appel (secteurs, mots du titre, territoire servi).",
                                           "No enterprise of the directory matches this call (sectors, words of the title, area served).")); w.markup("</p></section>")
            return
        }
        w.markup("<p>"); w.text(web.tr("Du répertoire, celles qui offrent aux municipalités et servent le lieu de livraison, selon les secteurs de ses catégories et les mots de son titre.",
                                       "From the directory, those that offer to municipalities and serve the place of delivery, by the sectors of its categories and the words of its title."))
        w.markup("</p><ol class=\"match-list\">")
        for (summary, match) in matches.prefix(20) {
            w.markup("<li><a href=\""); w.text(Route.enterprise.path(summary.slug, language: web.language)); w.markup("\">"); w.text(summary.name); w.markup("</a>")
            if let municipality = summary.municipalityName { w.text(" — "); w.text(municipality) }
            w.markup("<br><span class=\"hint\">"); w.text(reasons(match, web: web)); w.markup("</span></li>")
        }
        w.markup("</ol></section>")
    }

    /// The representative's profile: « Appels d'offres qui pourraient vous convenir ».
    static func suiting(_ calls: [(call: TenderService.OpenCall, match: CallMatcher.Match)], web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 4_000)
        w.markup("<section class=\"profile-section\" aria-labelledby=\"suiting\"><h2 id=\"suiting\">")
        w.text(web.tr("Appels d'offres publics qui pourraient vous convenir", "Public calls for tenders that could suit you")); w.markup("</h2>")
        if calls.isEmpty {
            w.markup("<p>"); w.text(web.tr("Aucun appel ouvert du SEAO ne correspond pour l'instant à votre offre et au territoire que vous servez.",
                                           "No open call on SEAO matches your offer and the area you serve for now.")); w.markup("</p>")
        } else {
            w.markup("<ul>")
            for (call, match) in calls.prefix(20) {
                w.markup("<li><a href=\""); w.text(Route.tender.path(call.tender.ocid, language: web.language)); w.markup("\" lang=\"fr\">")
                w.text(call.tender.tender.title ?? call.tender.seaoNumber); w.markup("</a> — <span lang=\"fr\">"); w.text(call.tender.buyer?.name ?? ""); w.markup("</span>")
                if let closes = call.tender.tender.closesAt { w.text(web.tr(", ferme le ", ", closes ")); w.text(moment(closes, web)) }
                w.markup("<br><span class=\"hint\">"); w.text(reasons(match, web: web)); w.markup("</span></li>")
            }
            w.markup("</ul>")
        }
        w.markup("<p><a href=\""); w.text(Route.tenders.path(language: web.language)); w.markup("\">"); w.text(web.tr("Tous les appels d'offres ouverts", "Every open call for tenders"))
        w.markup("</a></p></section>")
        return w.result
    }

    // MARK: Profiles

    /// « Contrats publics obtenus »: the enterprise's SEAO awards (public data: exact amounts).
    static func publicContracts(_ contracts: [(contract: PurchaseContract, ocid: String, url: String?)], web: WebContext) -> SafeHTML? {
        guard !contracts.isEmpty else { return nil }
        var w = HTMLWriter(capacity: 2_000)
        w.markup("<section aria-labelledby=\"public-contracts\"><h2 id=\"public-contracts\">"); w.text(web.tr("Contrats publics obtenus", "Public contracts won"))
        w.markup("</h2><ul class=\"contracts\">")
        for (contract, ocid, url) in contracts {
            w.markup("<li><strong>"); w.text(web.directory.catalog.municipality(code: contract.municipalityCode)?.name ?? contract.municipalityCode)
            w.markup("</strong>, "); w.text(HubPages.date(CalendarDay.parse(contract.awardedOn) ?? contract.createdAt, web)); w.text(" — ")
            w.markup("<a href=\""); w.text(Route.tender.path(ocid, language: web.language)); w.markup("\" lang=\"fr\">"); w.text(contract.description); w.markup("</a> (")
            w.text(web.money(cents: contract.amountCents)); w.markup(")")
            if let url { w.markup(" · <a href=\""); w.text(url); w.markup("\" rel=\"noopener\">SEAO<span class=\"visually-hidden\"> — "); w.text(contract.description); w.markup("</span></a>") }
            w.markup("</li>")
        }
        w.markup("</ul><p class=\"source\">"); w.text(web.tr(attribution, attributionEnglish)); w.markup("</p></section>")
        return w.result
    }

    // MARK: One process

    static func process(_ tender: PublicTender, history: [SEAORelease], municipality: Municipality?,
                        matches: [(summary: EnterpriseSummary, match: CallMatcher.Match)]?, now: Date, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 12_000)
        let part = tender.tender
        w.markup("<p><a href=\""); w.text(Route.tenders.path(language: web.language)); w.markup("\">")
        w.text(web.tr("← Appels d'offres publics", "← Public calls for tenders")); w.markup("</a></p>")
        w.markup("<h1 lang=\"fr\">"); w.text(part.title ?? tender.seaoNumber); w.markup("</h1>")
        w.markup("<p class=\"lead\">")
        if tender.isOpen(at: now) {
            w.text(web.tr("Appel ouvert", "Open call"))
            if let closes = part.closesAt { w.text(web.tr(" jusqu'au ", " until ")); w.text(moment(closes, web)); w.text(web.tr(" (heure du Québec)", " (Quebec time)")) }
        } else {
            w.text(web.tr("Cet appel n'est plus ouvert.", "This call is no longer open."))
        }
        w.markup("</p><dl class=\"facts\">")
        func fact(_ w: inout HTMLWriter, _ label: String, _ value: String?, french: Bool = false) {
            guard let value, !value.isEmpty else { return }
            w.markup("<dt>"); w.text(label); w.markup("</dt><dd"); if french { w.markup(" lang=\"fr\"") }; w.markup(">"); w.text(value); w.markup("</dd>")
        }
        fact(&w, web.tr("Organisme", "Public body"), tender.buyer?.name, french: true)
        fact(&w, web.tr("Municipalité", "Municipality"), municipality?.name)
        fact(&w, web.tr("Numéro SEAO", "SEAO number"), tender.seaoNumber)
        fact(&w, web.tr("Numéro de l'organisme", "Body's number"), part.number)
        fact(&w, web.tr("Nature", "Kind"), kindName(part.category, web))
        fact(&w, web.tr("Catégories SEAO", "SEAO categories"), part.categories.map(\.label).joined(separator: " ; "), french: true)
        fact(&w, web.tr("Codes UNSPSC", "UNSPSC codes"), part.unspsc.joined(separator: ", "))
        fact(&w, web.tr("Procédure", "Procedure"), part.methodDetails, french: true)
        fact(&w, web.tr("Publié le", "Published"), part.opensAt.map { moment($0, web) })
        fact(&w, web.tr("Fermeture", "Closing"), part.closesAt.map { moment($0, web) })
        fact(&w, web.tr("Valeur estimée", "Estimated value"), part.valueCents.map { web.money(cents: $0) })
        fact(&w, web.tr("Région de livraison", "Delivery region"), part.deliveryRegions.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            .map { Region.find($0)?.name ?? $0 }.joined(separator: ", "))
        w.markup("</dl>")
        if let url = tender.seaoURL {
            w.markup("<p><a class=\"button\" href=\""); w.text(url); w.markup("\" rel=\"noopener\">")
            w.text(web.tr("Voir l'avis, les documents et soumissionner sur le SEAO", "See the notice and documents, and bid, on SEAO")); w.markup("</a></p>")
        }
        if let description = part.description, !description.isEmpty {
            w.markup("<h2>"); w.text(web.tr("Description", "Description")); w.markup("</h2><p lang=\"fr\">"); w.text(description); w.markup("</p>")
        }
        if let matches, tender.isOpen(at: now) { matchesSection(&w, matches, web: web) }
        if !tender.awards.isEmpty {
            w.markup("<h2>"); w.text(web.tr("Adjudication", "Award")); w.markup("</h2><ul>")
            for award in tender.awards {
                w.markup("<li>")
                w.text(award.suppliers.map { $0.name + ($0.neq.map { " (NEQ \($0))" } ?? "") }.joined(separator: ", "))
                if let value = award.valueCents { w.text(" — "); w.text(web.money(cents: value)) }
                if let date = award.date { w.text(" — "); w.text(HubPages.date(date, web)) }
                w.markup("</li>")
            }
            w.markup("</ul>")
        }
        w.markup("<h2 id=\"history\">"); w.text(web.tr("Historique sur le SEAO", "History on SEAO"))
        w.markup("</h2><div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"history\"><table class=\"staff-table\"><caption class=\"visually-hidden\">")
        w.text(web.tr("Publications de ce processus, de la plus ancienne à la plus récente", "Releases of this process, oldest first"))
        w.markup("</caption><thead><tr><th scope=\"col\">"); w.text(web.tr("Date", "Date")); w.markup("</th><th scope=\"col\">")
        w.text(web.tr("Publication", "Release")); w.markup("</th></tr></thead><tbody>")
        for release in history {
            w.markup("<tr><td>"); w.text(moment(release.date, web)); w.markup("</td><td>")
            w.text(release.tags.map { tagName($0, web) }.joined(separator: ", ")); w.markup("</td></tr>")
        }
        w.markup("</tbody></table></div><p class=\"source\">"); w.text(web.tr(attribution, attributionEnglish)); w.markup("</p>")
        return w.result
    }

    // MARK: Alerts

    static func alerts(may: Bool, subscribed: Bool, notice: String?, csrf: String, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 3_000)
        w.markup("<h1>Alertes d'appels d'offres (SEAO)</h1>")
        if let notice { w.markup("<div class=\"notice\" role=\"status\"><p>"); w.text(notice); w.markup("</p></div>") }
        guard may else {
            w.markup("<p>Les alertes d'appels d'offres sont offertes aux représentants d'une entreprise du répertoire et aux pôles régionaux (éditeurs d'une région).</p>")
            return w.result
        }
        w.markup("<p>Un courriel pour chaque nouvel appel d'offres public du SEAO qui correspond ")
        w.markup("à votre entreprise (représentants) ou à des entreprises de vos régions (pôles) : ses secteurs, les mots de son titre et le territoire servi. ")
        w.markup("Un seul courriel par appel, et un lien pour arrêter dans chacun.</p><p>")
        w.text(subscribed ? "Les alertes sont activées." : "Les alertes ne sont pas activées.")
        w.markup("</p><form method=\"post\" action=\""); w.text(Route.accountTenderAlerts.path()); w.markup("\" class=\"staff-form\">")
        w.markup("<input type=\"hidden\" name=\"_csrf\" value=\""); w.text(CSRF.mask(csrf)); w.markup("\"><input type=\"hidden\" name=\"action\" value=\"")
        w.text(subscribed ? "arreter" : "inscrire"); w.markup("\"><p><button type=\"submit\">")
        w.text(subscribed ? "Arrêter les alertes" : "Recevoir les alertes"); w.markup("</button></p></form>")
        w.markup("<p><a href=\""); w.text(Route.tenders.path()); w.markup("\">Les appels d'offres ouverts</a></p>")
        return w.result
    }

    /// The unsubscribe link's page: a button (mail scanners follow links, they do not submit forms).
    static func unsubscribe(userID: String, token: String, csrf: String, done: Bool, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 2_000)
        w.markup("<h1>Alertes d'appels d'offres</h1>")
        if done {
            w.markup("<p>Vous ne recevrez plus les alertes d'appels d'offres. Vous pouvez les réactiver dans votre compte.</p>")
            w.markup("<p lang=\"en\">You will no longer receive the call-for-tenders alerts.</p>")
            return w.result
        }
        w.markup("<p>Ne plus recevoir les alertes d'appels d'offres du SEAO à cette adresse ?</p>")
        w.markup("<form method=\"post\" action=\""); w.text(Route.tenderAlertsUnsubscribe.path()); w.markup("\" class=\"staff-form\">")
        w.markup("<input type=\"hidden\" name=\"_csrf\" value=\""); w.text(csrf); w.markup("\"><input type=\"hidden\" name=\"compte\" value=\"")
        w.text(userID); w.markup("\"><input type=\"hidden\" name=\"jeton\" value=\""); w.text(token)
        w.markup("\"><p><button type=\"submit\">Arrêter les alertes <span lang=\"en\">(stop the alerts)</span></button></p></form>")
        return w.result
    }

    // MARK: Administrators' page

    static func admin(imports: [SEAOImport], buyers: [SEAOBuyer], sectorMap: String, outcome: String?, problems: [String], csrf: String, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 16_000)
        w.markup("<h1>Appels d'offres du SEAO</h1>")
        if let outcome { w.markup("<div class=\"notice\" role=\"status\"><p>"); w.text(outcome); w.markup("</p></div>") }
        w.problems(problems)
        w.markup("<h2>Importer un fichier</h2><p>Un fichier hebdomadaire ou mensuel du SEAO (Données Québec, publications OCDS 1.1, JSON). ")
        w.markup("Le fichier est lu en entier avant d'être enregistré : un fichier illisible n'importe rien, une publication illisible est ignorée et signalée. ")
        w.markup("Importer deux fois le même fichier ne change rien.</p>")
        w.markup("<form method=\"post\" action=\""); w.text(Route.tenderImports.path()); w.markup("\" enctype=\"multipart/form-data\" class=\"staff-form\">")
        w.markup("<input type=\"hidden\" name=\"_csrf\" value=\""); w.text(CSRF.mask(csrf)); w.markup("\">")
        w.markup("<p><label for=\"seao-file\">Fichier JSON du SEAO</label><input type=\"file\" id=\"seao-file\" name=\"fichier\" accept=\".json,application/json\" required></p>")
        w.markup("<p><button type=\"submit\">Importer</button></p></form>")
        w.markup("<h2>Fichiers importés</h2>")
        if imports.isEmpty {
            w.markup("<p>Aucun fichier importé.</p>")
        } else {
            w.markup("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Fichiers importés\"><table class=\"staff-table\"><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Fichier</th><th scope=\"col\">Publications</th><th scope=\"col\">Nouvelles</th>")
            w.markup("<th scope=\"col\">Déjà importées</th><th scope=\"col\">Ignorées</th><th scope=\"col\">Appels mis à jour</th></tr></thead><tbody>")
            for done in imports {
                w.markup("<tr><td>"); w.text(moment(done.importedAt, web)); w.markup("</td><td>"); w.text(done.source); w.markup("</td><td>"); w.text(String(done.releases))
                w.markup("</td><td>"); w.text(String(done.newReleases)); w.markup("</td><td>"); w.text(String(done.knownReleases)); w.markup("</td><td>")
                w.text(String(done.skipped)); w.markup("</td><td>"); w.text(String(done.processes)); w.markup("</td></tr>")
            }
            w.markup("</tbody></table></div>")
        }
        let unmatched = buyers.filter { $0.municipal && $0.municipalityCode == nil }
        w.markup("<h2>Organismes municipaux sans municipalité</h2><p>Le SEAO ne donne pas le code MAMH des organismes : Répertoire le trouve par leur nom. ")
        w.markup("Indiquez le code MAMH (5 chiffres, ex. 58227 pour Longueuil) de ceux qu'il n'a pas reconnus.</p>")
        if unmatched.isEmpty {
            w.markup("<p>Tous les organismes municipaux sont reconnus.</p>")
        } else {
            w.markup("<ul class=\"buyer-list\">")
            for buyer in unmatched.prefix(200) {
                w.markup("<li><form method=\"post\" action=\""); w.text(Route.tenderBuyer.path(buyer.id)); w.markup("\" class=\"inline-form\">")
                w.markup("<input type=\"hidden\" name=\"_csrf\" value=\""); w.text(CSRF.mask(csrf)); w.markup("\"><label for=\"b-")
                w.text(buyer.id); w.markup("\">"); w.text(buyer.name); w.markup(" ("); w.text(buyer.id); w.markup(")</label> <input type=\"text\" id=\"b-")
                w.text(buyer.id); w.markup("\" name=\"municipalite\" inputmode=\"numeric\" pattern=\"[0-9]{5}\" size=\"6\" required> <button type=\"submit\">Enregistrer</button></form></li>")
            }
            w.markup("</ul>")
        }
        w.markup("<h2>Secteurs des catégories</h2><p>Pour proposer des entreprises à chaque appel, ses catégories SEAO (ex. C01) et les segments UNSPSC de ses articles ")
        w.markup("(les deux premiers chiffres du code, ex. UNSPSC 72) donnent des secteurs d'activité. Une ligne par code : « C01 = habitation, insertion-socioprofessionnelle ». ")
        w.markup("Secteurs : ")
        w.text(Sector.all.map(\.slug).joined(separator: ", ")); w.markup(".</p>")
        w.markup("<form method=\"post\" action=\""); w.text(Route.tenderSectors.path()); w.markup("\" class=\"staff-form\">")
        w.markup("<input type=\"hidden\" name=\"_csrf\" value=\""); w.text(CSRF.mask(csrf)); w.markup("\">")
        w.markup("<p><label for=\"seao-sectors\">Secteurs par code</label><textarea id=\"seao-sectors\" name=\"secteurs\" rows=\"16\" cols=\"80\">")
        w.text(sectorMap); w.markup("</textarea></p><p><button type=\"submit\">Enregistrer les secteurs</button></p></form>")
        return w.result
    }
}
