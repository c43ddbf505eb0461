import Foundation

/// `/admin/seuils`: the history of the amounts, and the form that adds the next one.
enum ThresholdsPage {
    static func html(rows: [ProcurementThreshold], errors: [ProcurementAdvisor.FieldError], typed: FormBody?, notice: String?, csrf: String, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 8192)
        w.markup("<div class=\"staff\"><h1>Seuils des contrats municipaux</h1>")
        w.markup("<p>Chaque montant s'applique à partir de sa date jusqu'au montant suivant du même seuil ; le conseiller en mode de sollicitation utilise celui en vigueur à la date du contrat. L'historique ne se modifie pas : ajoutez le prochain montant avec sa date et sa source (arrêté ministériel, Gazette officielle, Muni-Express).</p>")
        if let notice { w.markup("<p class=\"notice\" role=\"status\">"); w.text(notice); w.markup("</p>") }
        if !errors.isEmpty {
            w.markup("<div class=\"alert\" role=\"alert\"><h2>Vérifiez le formulaire</h2><ul>")
            for e in errors { w.markup("<li><a href=\"#champ-"); w.text(e.field); w.markup("\">"); w.text(e.message); w.markup("</a></li>") }
            w.markup("</ul></div>")
        }
        w.markup("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Historique des seuils\"><table class=\"staff-table\"><thead><tr><th scope=\"col\">Seuil</th><th scope=\"col\">Montant</th><th scope=\"col\">À partir du</th><th scope=\"col\">Source</th><th scope=\"col\">Ajouté par</th></tr></thead><tbody>")
        for row in rows.sorted(by: { ($0.effectiveFrom, $0.kind.rawValue) > ($1.effectiveFrom, $1.kind.rawValue) }) {
            w.markup("<tr><td>"); w.text(row.kind.name); w.markup("</td><td class=\"amount\">"); w.text(web.money(cents: row.amountCents)); w.markup("</td><td>"); w.text(row.effectiveFrom)
            w.markup("</td><td>")
            if let url = row.sourceURL { w.markup("<a href=\""); w.text(url); w.markup("\">"); w.text(row.source); w.markup("</a>") } else { w.text(row.source) }
            w.markup("</td><td>"); w.text(row.createdBy ?? "Répertoire (migration 016)"); w.markup("</td></tr>")
        }
        w.markup("</tbody></table></div>")
        w.markup("<h2>Ajouter le prochain montant</h2><form method=\"post\" action=\""); w.text(Route.thresholds.path()); w.markup("\" class=\"staff-form\">")
        w.markup("<input type=\"hidden\" name=\"_csrf\" value=\""); w.text(CSRF.mask(csrf)); w.markup("\">")
        func error(_ field: String) -> ProcurementAdvisor.FieldError? { errors.first { $0.field == field } }
        w.markup("<p><label for=\"champ-sorte\">Seuil</label><select id=\"champ-sorte\" name=\"sorte\">")
        for kind in ProcurementThreshold.Kind.allCases.reversed() {
            w.markup("<option value=\""); w.text(kind.rawValue); w.markup("\""); if typed?["sorte"] == kind.rawValue { w.markup(" selected") }
            w.markup(">"); w.text(kind.name); w.markup("</option>")
        }
        w.markup("</select></p>")
        for (id, label) in [("montant", "Montant ($, ex. 139 000)"), ("debut", "En vigueur à partir du (AAAA-MM-JJ)"), ("source", "Source (arrêté, règlement, publication)"), ("lien", "Lien vers la source (facultatif)")] {
            w.markup("<p><label for=\"champ-"); w.text(id); w.markup("\">"); w.text(label); w.markup("</label>")
            if let e = error(id) { w.markup("<span class=\"field-error\" id=\"erreur-"); w.text(id); w.markup("\">"); w.text(e.message); w.markup("</span>") }
            w.markup("<input type=\"text\" id=\"champ-"); w.text(id); w.markup("\" name=\""); w.text(id); w.markup("\" value=\""); w.text(typed?[id] ?? ""); w.markup("\"")
            if error(id) != nil { w.markup(" aria-invalid=\"true\" aria-describedby=\"erreur-"); w.text(id); w.markup("\"") }
            w.markup("></p>")
        }
        w.markup("<p><button type=\"submit\">Ajouter ce montant</button></p></form></div>")
        return w.result
    }
}
