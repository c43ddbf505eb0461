import Foundation

/// The purchase lists' pages, written with ``HTMLWriter``.
enum PurchaseListPages {
    static func notice(_ code: String, _ web: WebContext) -> String? {
        switch code {
        case "creee": web.tr("Liste créée.", "List created.")
        case "ajoutee": web.tr("Entreprise ajoutée à la liste.", "Enterprise added to the list.")
        case "enregistree": web.tr("Modification enregistrée.", "Change saved.")
        default: nil
        }
    }

    /// The form token (already masked, once for the whole response: masking draws random bytes,
    /// and a list page holds hundreds of forms) and the page's language.
    private static func hidden(_ w: inout HTMLWriter, csrf: String, web: WebContext) {
        w.markup("<input type=\"hidden\" name=\"_csrf\" value=\""); w.text(csrf); w.markup("\">")
        w.markup("<input type=\"hidden\" name=\"langue\" value=\""); w.text(web.language.rawValue); w.markup("\">")
    }

    private static func sharingText(_ sharing: PurchaseList.Sharing, _ web: WebContext) -> String {
        web.language == .fr ? sharing.name : sharing.nameEnglish
    }

    // MARK: The lists

    static func index(_ lists: [PurchaseList], user: User, error: String?, typedName: String, csrf token: String, web: WebContext) -> SafeHTML {
        let csrf = CSRF.mask(token)
        var w = HTMLWriter(capacity: 4096)
        w.markup("<div class=\"staff\"><h1>"); w.text(web.tr("Listes d'achat", "Purchase lists")); w.markup("</h1><p>")
        w.text(web.tr("Une liste par projet d'achat : ajoutez des entreprises depuis l'espace acheteurs ou leur fiche, notez ce qui compte, partagez-la avec les acheteurs de votre municipalité et exportez-la pour votre registre de fournisseurs.",
                      "One list per purchase project: add enterprises from the buyers' workspace or their profile, note what matters, share it with your municipality's buyers and export it for your supplier register."))
        w.markup(" <a href=\""); w.text(Route.buyers.path(language: web.language)); w.markup("\">"); w.text(web.tr("Aller à l'espace acheteurs", "Go to the buyers' workspace")); w.markup("</a></p>")
        if let error { w.markup("<div class=\"alert\" role=\"alert\"><p>"); w.text(error); w.markup("</p></div>") }
        let active = lists.filter { !$0.isArchived }, archived = lists.filter(\.isArchived)
        for (title, group, id) in [(web.tr("En cours", "Current"), active, "en-cours"), (web.tr("Archivées", "Archived"), archived, "archivees")] {
            guard !group.isEmpty || id == "en-cours" else { continue }
            w.markup("<h2 id=\"listes-"); w.text(id); w.markup("\">"); w.text(title); w.markup("</h2>")
            if group.isEmpty { w.markup("<p>"); w.text(web.tr("Aucune liste pour l'instant.", "No list yet.")); w.markup("</p>"); continue }
            w.markup("<ul class=\"purchase-lists\">")
            for list in group {
                w.markup("<li><a href=\""); w.text(Route.purchaseList.path(list.id, language: web.language)); w.markup("\">"); w.text(list.name); w.markup("</a> — ")
                w.text(web.tr("\(web.number(list.itemCount)) entreprise(s)", "\(web.number(list.itemCount)) enterprise(s)"))
                w.text(list.ownerID == user.id ? " · " + sharingText(list.sharing, web) : web.tr(" · partagée par \(list.ownerName)", " · shared by \(list.ownerName)"))
                w.markup("</li>")
            }
            w.markup("</ul>")
        }
        w.markup("<h2 id=\"nouvelle\">"); w.text(web.tr("Nouvelle liste", "New list")); w.markup("</h2>")
        w.markup("<form method=\"post\" action=\""); w.text(Route.purchaseLists.path()); w.markup("\" class=\"staff-form\">")
        hidden(&w, csrf: csrf, web: web)
        w.markup("<p><label for=\"nom\">"); w.text(web.tr("Nom (ex. Déneigement 2027 – secteur Vieux-Longueuil)", "Name (e.g. Snow removal 2027 – Vieux-Longueuil)"))
        w.markup("</label><input type=\"text\" id=\"nom\" name=\"nom\" maxlength=\"150\" required value=\""); w.text(typedName); w.markup("\"></p>")
        sharingField(&w, selected: .private, web: web)
        w.markup("<p><button type=\"submit\">"); w.text(web.tr("Créer la liste", "Create the list")); w.markup("</button></p></form></div>")
        return w.result
    }

    private static func sharingField(_ w: inout HTMLWriter, selected: PurchaseList.Sharing, web: WebContext) {
        w.markup("<fieldset><legend>"); w.text(web.tr("Partage", "Sharing")); w.markup("</legend>")
        for sharing in PurchaseList.Sharing.allCases {
            // The checkbox pattern of the staff forms (`label.check`), one choice per line.
            w.markup("<p><label class=\"check\"><input type=\"radio\" name=\"partage\" id=\"partage-"); w.text(sharing.rawValue)
            w.markup("\" value=\""); w.text(sharing.rawValue); w.markup("\"")
            if sharing == selected { w.markup(" checked") }
            w.markup("> "); w.text(sharingText(sharing, web)); w.markup("</label></p>")
        }
        w.markup("</fieldset>")
    }

    // MARK: One list

    static func list(_ opened: PurchaseListService.Opened, notice: String?, csrf token: String, web: WebContext) -> SafeHTML {
        let csrf = CSRF.mask(token)
        let list = opened.list
        let canEdit = opened.access >= .edit && !list.isArchived
        var w = HTMLWriter(capacity: 16384)
        w.markup("<div class=\"staff purchase-list\"><p><a href=\""); w.text(Route.purchaseLists.path(language: web.language)); w.markup("\">← ")
        w.text(web.tr("Listes d'achat", "Purchase lists")); w.markup("</a></p><h1>"); w.text(list.name); w.markup("</h1>")
        if let notice { w.markup("<p class=\"notice\" role=\"status\">"); w.text(notice); w.markup("</p>") }
        let municipality = web.directory.municipality(code: list.municipalityCode)?.name ?? list.municipalityCode
        w.markup("<p class=\"card-meta\">")
        w.text(web.tr("Créée par \(list.ownerName) · \(municipality) · ", "Created by \(list.ownerName) · \(municipality) · ") + sharingText(list.sharing, web))
        if list.isArchived { w.text(web.tr(" · archivée", " · archived")) }
        if opened.access == .read { w.text(web.tr(" · vous la consultez en lecture seule", " · you are viewing it read-only")) }
        w.markup("</p>")

        // Combined benefits
        let total = opened.combinedBenefits
        w.markup("<section aria-labelledby=\"retombees\"><h2 id=\"retombees\">"); w.text(web.tr("Retombées combinées des entreprises de la liste", "Combined benefits of the list's enterprises")); w.markup("</h2><ul class=\"figures\">")
        for (label, value) in [(web.tr("Employés", "Employees"), total.employees ?? 0), (web.tr("dont emplois d'insertion ou adaptés", "of which integration or adapted jobs"), total.integrationEmployees ?? 0),
                               (web.tr("Bénévoles", "Volunteers"), total.volunteers ?? 0), (web.tr("Membres", "Members"), total.members ?? 0),
                               (web.tr("Personnes servies", "People served"), total.peopleServed ?? 0)] {
            w.markup("<li><strong>"); w.text(web.number(value)); w.markup("</strong> "); w.text(label); w.markup("</li>")
        }
        w.markup("</ul></section>")

        if web.identity?.user.has(.sendCallsForInterest) ?? false, !opened.entries.isEmpty {
            w.markup("<p><a href=\""); w.text(Route.newCall.path(language: web.language) + "?liste=" + list.id); w.markup("\">")
            w.text(web.tr("Envoyer un appel d'intérêt aux entreprises de la liste", "Send a call for interest to the list's enterprises")); w.markup("</a></p>")
        }
        // Exports
        w.markup("<p class=\"downloads\">"); w.text(web.tr("Exporter avec les coordonnées des gestionnaires : ", "Export with the managers' contacts: "))
        for (index, (format, label)) in [("xlsx", "Excel (.xlsx)"), ("csv", "CSV"), ("csv-pv", web.tr("CSV pour Excel en français (;)", "CSV for French Excel (;)")),
                                          ("imprimer", web.tr("liste imprimable", "printable list"))].enumerated() {
            if index > 0 { w.markup(" · ") }
            w.markup("<a href=\""); w.text(Route.purchaseListExport.path(list.id) + "?format=" + format + (web.language == .en ? "&langue=en" : "")); w.markup("\">"); w.text(label); w.markup("</a>")
        }
        w.markup("</p>")

        // Enterprises
        w.markup("<h2 id=\"entreprises\">"); w.text(web.tr("Entreprises (\(opened.entries.count))", "Enterprises (\(opened.entries.count))")); w.markup("</h2>")
        if opened.entries.isEmpty {
            w.markup("<p>"); w.text(web.tr("La liste est vide : ajoutez des entreprises depuis ", "The list is empty: add enterprises from "))
            w.markup("<a href=\""); w.text(Route.buyers.path(language: web.language)); w.markup("\">"); w.text(web.tr("l'espace acheteurs", "the buyers' workspace")); w.markup("</a>.</p>")
        }
        w.markup("<ol class=\"list-items\">")
        for (index, entry) in opened.entries.enumerated() {
            let id = entry.item.enterpriseID
            w.markup("<li class=\"card\" id=\"e-"); w.text(id); w.markup("\"><h3 class=\"card-title\" lang=\"fr\">")
            if let enterprise = entry.enterprise, entry.isListed {
                w.markup("<a href=\""); w.text(SiteURL.enterprise(slug: enterprise.slug).path(web.language)); w.markup("\">"); w.text(enterprise.profile.name); w.markup("</a>")
            } else {
                w.text(entry.enterprise?.profile.name ?? id)
            }
            w.markup("</h3>")
            if !entry.isListed {
                w.markup("<p class=\"badge badge-closed\">"); w.text(web.tr("N'est plus au répertoire", "No longer listed")); w.markup("</p>")
            }
            if let enterprise = entry.enterprise { w.safe(BuyerCard.details(enterprise, kilometres: nil, context: web)) }
            let noteID = "note-" + id
            if canEdit {
                w.markup("<form method=\"post\" action=\""); w.text(Route.purchaseListItem.path(list.id, id)); w.markup("\" class=\"staff-form\">")
                hidden(&w, csrf: csrf, web: web)
                w.markup("<input type=\"hidden\" name=\"action\" value=\"note\"><p><label for=\""); w.text(noteID); w.markup("\">")
                w.text(web.tr("Note (visible des personnes qui voient la liste)", "Note (seen by the people who see the list)"))
                w.markup("</label><textarea id=\""); w.text(noteID); w.markup("\" name=\"note\" rows=\"2\" maxlength=\"2000\">"); w.text(entry.item.note)
                w.markup("</textarea></p><p><button type=\"submit\" class=\"small\">"); w.text(web.tr("Enregistrer la note", "Save the note")); w.markup("</button></p></form>")
                w.markup("<div class=\"item-actions\">")
                for (action, label, shown) in [("monter", web.tr("Monter", "Move up"), index > 0), ("descendre", web.tr("Descendre", "Move down"), index < opened.entries.count - 1),
                                               ("retirer", web.tr("Retirer de la liste", "Remove from the list"), true)] where shown {
                    w.markup("<form method=\"post\" action=\""); w.text(Route.purchaseListItem.path(list.id, id)); w.markup("\" class=\"inline-form\">")
                    hidden(&w, csrf: csrf, web: web)
                    w.markup("<input type=\"hidden\" name=\"action\" value=\""); w.text(action); w.markup("\"><button type=\"submit\" class=\"small\">"); w.text(label)
                    w.markup("<span class=\"visually-hidden\"> : "); w.text(entry.enterprise?.profile.name ?? id); w.markup("</span></button></form> ")
                }
                w.markup("</div>")
            } else if !entry.item.note.isEmpty {
                w.markup("<p class=\"note\"><strong>"); w.text(web.tr("Note : ", "Note: ")); w.markup("</strong>"); w.text(entry.item.note); w.markup("</p>")
            }
            w.markup("</li>")
        }
        w.markup("</ol>")

        if opened.access == .own {
            w.markup("<h2 id=\"parametres\">"); w.text(web.tr("Nom, partage et archivage", "Name, sharing and archiving")); w.markup("</h2>")
            w.markup("<form method=\"post\" action=\""); w.text(Route.purchaseListUpdate.path(list.id)); w.markup("\" class=\"staff-form\">")
            hidden(&w, csrf: csrf, web: web)
            w.markup("<p><label for=\"nom-liste\">"); w.text(web.tr("Nom de la liste", "List name")); w.markup("</label><input type=\"text\" id=\"nom-liste\" name=\"nom\" maxlength=\"150\" required value=\"")
            w.text(list.name); w.markup("\"></p>")
            sharingField(&w, selected: list.sharing, web: web)
            w.markup("<p><button type=\"submit\">"); w.text(web.tr("Enregistrer", "Save")); w.markup("</button></p></form>")
            w.markup("<form method=\"post\" action=\""); w.text(Route.purchaseListUpdate.path(list.id)); w.markup("\" class=\"inline-form\">")
            hidden(&w, csrf: csrf, web: web)
            w.markup("<input type=\"hidden\" name=\"action\" value=\""); w.text(list.isArchived ? "desarchiver" : "archiver"); w.markup("\"><button type=\"submit\">")
            w.text(list.isArchived ? web.tr("Désarchiver la liste", "Unarchive the list") : web.tr("Archiver la liste", "Archive the list")); w.markup("</button></form>")
        }
        w.markup("</div>")
        return w.result
    }

    /// The print-ready contact list: each enterprise with its contacts, managers and note.
    static func printable(_ opened: PurchaseListService.Opened, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 16384)
        w.markup("<div class=\"print-list\"><h1>"); w.text(opened.list.name); w.markup("</h1><p class=\"card-meta\">")
        w.text(web.tr("Liste d'achat — \(opened.entries.count) entreprise(s), imprimée le \(web.day(CalendarDay.string(from: Date())) ?? "")",
                      "Purchase list — \(opened.entries.count) enterprise(s), printed on \(web.day(CalendarDay.string(from: Date())) ?? "")"))
        w.markup("</p><ol>")
        for entry in opened.entries {
            guard let enterprise = entry.enterprise else { continue }
            let p = enterprise.profile
            w.markup("<li><h2 lang=\"fr\">"); w.text(p.name); w.markup("</h2><p>")
            w.text([p.address, p.municipalityCode.flatMap(web.directory.municipality(code:))?.name, p.postalCode].compactMap { $0 }.joined(separator: ", "))
            w.markup("<br>"); w.text([p.phone, p.email, p.website].compactMap { $0 }.joined(separator: " · ")); w.markup("</p>")
            if !p.managers.isEmpty {
                w.markup("<ul>")
                for m in p.managers { w.markup("<li>"); w.text([m.name, m.role, m.email, m.phone].compactMap { $0 }.joined(separator: " · ")); w.markup("</li>") }
                w.markup("</ul>")
            }
            if !entry.item.note.isEmpty { w.markup("<p><strong>"); w.text(web.tr("Note : ", "Note: ")); w.markup("</strong>"); w.text(entry.item.note); w.markup("</p>") }
            if !entry.isListed { w.markup("<p>"); w.text(web.tr("N'est plus au répertoire.", "No longer listed.")); w.markup("</p>") }
            w.markup("</li>")
        }
        w.markup("</ol></div>")
        return w.result
    }
}
