import Foundation

/// What the buyers' tab adds to a result card, and the « Ajouter à une liste » form that cards
/// and profiles carry for buyers: side by side, the offer to municipalities by kind, the
/// benefits for the community, past municipal contracts, the area served and the managers.
enum BuyerCard {
    static func details(_ enterprise: Enterprise, kilometres: Double?, context web: WebContext) -> SafeHTML {
        let p = enterprise.profile
        var w = HTMLWriter(capacity: 2048)
        w.markup("<div class=\"buyer-details\">")
        if let kilometres {
            w.markup("<p class=\"distance\">")
            // From the municipality's centre (the mean of its enterprises' positions).
            let km = Int(kilometres.rounded())
            w.text(km < 1 ? web.tr("À moins de 1 km du centre de votre municipalité", "Less than 1 km from your municipality's centre")
                          : web.tr("À environ \(web.number(km)) km du centre de votre municipalité", "About \(web.number(km)) km from your municipality's centre"))
            w.markup("</p>")
        }
        w.markup("<dl class=\"buyer-facts\">")
        for kind in OfferingKind.allCases {
            let names = p.offerings.filter { $0.offeredToMunicipalities && $0.kind == kind }.map(\.name)
            guard !names.isEmpty else { continue }
            w.markup("<dt>"); w.text(web.tr("Offre aux municipalités — ", "Offered to municipalities — ") + (web.language == .fr ? kind.name : kind.nameEnglish))
            w.markup("</dt><dd lang=\"fr\">"); w.text(names.joined(separator: " · ")); w.markup("</dd>")
        }
        let figures = benefitFigures(p.benefits, web)
        if !figures.isEmpty || p.benefits.text != nil {
            w.markup("<dt>"); w.text(web.t.benefits); w.markup("</dt><dd>")
            if !figures.isEmpty { w.text(figures.joined(separator: " · ")) }
            if let text = p.benefits.text {
                if !figures.isEmpty { w.markup("<br>") }
                w.markup("<span class=\"benefits-text\" lang=\"fr\">"); w.text(text); w.markup("</span>")
            }
            w.markup("</dd>")
        }
        if !p.contracts.isEmpty {
            w.markup("<dt>"); w.text(web.tr("Contrats municipaux réalisés", "Municipal contracts carried out")); w.markup("</dt><dd lang=\"fr\">")
            let shown = p.contracts.sorted { $0.year > $1.year }.prefix(3).map { c in
                "\(c.municipality) \(c.year) — \(c.description)" + (c.amount.map { " (\(web.money(cents: Int64($0) * 100)))" } ?? "")
            }
            w.text(shown.joined(separator: " ; "))
            if p.contracts.count > 3 { w.text(web.tr(" ; et \(p.contracts.count - 3) autre(s)", "; and \(p.contracts.count - 3) more")) }
            w.markup("</dd>")
        }
        w.markup("<dt>"); w.text(web.tr("Territoire desservi", "Area served")); w.markup("</dt><dd>"); w.text(web.serviceAreaText(p)); w.markup("</dd>")
        if web.maySeePersonalData(ofEnterprise: enterprise.id) {
            w.markup("<dt>"); w.text(web.t.managers); w.markup("</dt><dd>")
            if p.managers.isEmpty { w.text(web.t.noManagers) }
            for (index, manager) in p.managers.enumerated() {
                if index > 0 { w.markup("<br>") }
                w.text(manager.name)
                if let role = manager.role { w.text(", " + role) }
                if let email = manager.email { w.markup(" · <a href=\"mailto:"); w.text(email); w.markup("\">"); w.text(email); w.markup("</a>") }
                if let phone = manager.phone { w.text(" · " + phone) }
            }
            w.markup("</dd>")
        }
        w.markup("</dl></div>")
        return w.result
    }

    /// `12 employés (dont 5 en insertion ou adaptés) · 30 bénévoles · …`
    static func benefitFigures(_ b: CommunityBenefits, _ web: WebContext) -> [String] {
        var figures: [String] = []
        if let employees = b.employees {
            var text = web.tr("\(web.number(employees)) employés", "\(web.number(employees)) employees")
            if let integration = b.integrationEmployees {
                text += web.tr(" (dont \(web.number(integration)) en insertion ou adaptés)", " (\(web.number(integration)) in integration or adapted jobs)")
            }
            figures.append(text)
        }
        if let v = b.volunteers { figures.append(web.tr("\(web.number(v)) bénévoles", "\(web.number(v)) volunteers")) }
        if let m = b.members { figures.append(web.tr("\(web.number(m)) membres", "\(web.number(m)) members")) }
        if let s = b.peopleServed { figures.append(web.tr("\(web.number(s)) personnes servies", "\(web.number(s)) people served")) }
        return figures
    }

    /// The « Ajouter à une liste » form: one of the buyer's lists, or a new one named here.
    /// `maskedCSRF`: the form token masked once for the response (see ``CSRF/mask(_:)``).
    static func addForm(enterpriseID: String, lists: [PurchaseList], maskedCSRF: String, returnTo: String, context web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 1024)
        let id = "liste-" + enterpriseID
        w.markup("<form method=\"post\" action=\""); w.text(Route.purchaseListAdd.path()); w.markup("\" class=\"add-to-list\">")
        w.markup("<input type=\"hidden\" name=\"_csrf\" value=\""); w.text(maskedCSRF); w.markup("\">")
        w.markup("<input type=\"hidden\" name=\"entreprise\" value=\""); w.text(enterpriseID); w.markup("\">")
        w.markup("<input type=\"hidden\" name=\"retour\" value=\""); w.text(returnTo); w.markup("\">")
        w.markup("<input type=\"hidden\" name=\"langue\" value=\""); w.text(web.language.rawValue); w.markup("\">")
        if !lists.isEmpty {
            w.markup("<label for=\""); w.text(id); w.markup("\">"); w.text(web.tr("Liste d'achat", "Purchase list")); w.markup("</label> ")
            w.markup("<select id=\""); w.text(id); w.markup("\" name=\"liste\">")
            for list in lists { w.markup("<option value=\""); w.text(list.id); w.markup("\">"); w.text(list.name); w.markup("</option>") }
            w.markup("<option value=\"\">"); w.text(web.tr("Nouvelle liste…", "New list…")); w.markup("</option></select> ")
        }
        w.markup("<label for=\""); w.text(id + "-nom"); w.markup("\">")
        w.text(lists.isEmpty ? web.tr("Nom d'une nouvelle liste", "Name of a new list") : web.tr("ou nom d'une nouvelle liste", "or name of a new list"))
        w.markup("</label> <input type=\"text\" id=\""); w.text(id + "-nom"); w.markup("\" name=\"nom\" maxlength=\"150\"> ")
        w.markup("<button type=\"submit\" class=\"small\">"); w.text(web.tr("Ajouter à la liste", "Add to the list")); w.markup("</button></form>")
        return w.result
    }
}
