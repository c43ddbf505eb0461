import Foundation

/// The import of a spreadsheet of contracts: the upload form with the past imports, and the
/// preview with its column mapping, each row's problems and the buttons to apply or revert.
enum PurchaseImportPages {
    private static func hidden(_ w: inout HTMLWriter, csrf: String) {
        w.markup("<input type=\"hidden\" name=\"_csrf\" value=\""); w.text(csrf); w.markup("\">")
    }

    static func upload(batches: [PurchaseImport.Batch], error: String?, municipalities: [(code: String, name: String)], csrf token: String, web: WebContext) -> SafeHTML {
        let csrf = CSRF.mask(token)
        var w = HTMLWriter(capacity: 6000)
        let catalog = web.directory.catalog
        w.markup("<div class=\"staff\"><p><a href=\""); w.text(Route.purchaseContracts.path()); w.markup("\">← Contrats inscrits</a></p><h1>Importer des contrats</h1>")
        if let error { w.markup("<div class=\"alert\" role=\"alert\"><p>"); w.text(error); w.markup("</p></div>") }
        w.markup("<p>Un fichier CSV ou Excel (.xlsx) de contrats octroyés à des entreprises d'économie sociale, une ligne par contrat : le fournisseur (son nom, et son NEQ s'il n'est pas au répertoire), la date d'octroi, le montant avant taxes, le mode d'octroi, le type de contrat et l'objet. Vous verrez chaque ligne et ses problèmes avant que rien ne soit inscrit ; un import appliqué s'annule d'un coup.</p>")
        w.markup("<form method=\"post\" action=\""); w.text(Route.purchaseImport.path()); w.markup("\" enctype=\"multipart/form-data\" class=\"staff-form\">")
        hidden(&w, csrf: csrf)
        if !municipalities.isEmpty {
            w.markup("<p><label for=\"municipalite\">Municipalité qui a octroyé ces contrats</label><select id=\"municipalite\" name=\"municipalite\" required><option value=\"\">Choisir…</option>")
            for municipality in municipalities { w.markup("<option value=\""); w.text(municipality.code); w.markup("\">"); w.text(municipality.name); w.markup("</option>") }
            w.markup("</select></p>")
        }
        w.markup("<p><label for=\"fichier\">Fichier (CSV ou .xlsx, 5 Mo au plus)</label><input type=\"file\" id=\"fichier\" name=\"fichier\" required accept=\".csv,.xlsx,text/csv\"></p>")
        w.markup("<p><button type=\"submit\">Voir l'aperçu</button></p></form>")
        if !batches.isEmpty {
            w.markup("<h2>Imports précédents</h2><div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Imports précédents\"><table class=\"staff-table\"><caption class=\"visually-hidden\">Imports précédents</caption><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Fichier</th><th scope=\"col\">Municipalité</th><th scope=\"col\">État</th></tr></thead><tbody>")
            for batch in batches {
                w.markup("<tr><td>"); w.text(CalendarDay.string(from: batch.createdAt)); w.markup("</td><th scope=\"row\"><a href=\""); w.text(Route.purchaseImportPreview.path(batch.id))
                w.markup("\">"); w.text(batch.fileName); w.markup("</a></th><td>"); w.text(catalog.municipality(code: batch.municipalityCode)?.name ?? batch.municipalityCode)
                w.markup("</td><td>"); w.text(batch.status == "applied" ? "Appliqué : \(batch.appliedCount) contrat(s)" : "Annulé"); w.markup("</td></tr>")
            }
            w.markup("</tbody></table></div>")
        }
        w.markup("</div>")
        return w.result
    }

    static func preview(_ preview: PurchaseImport.Preview, notice: String?, csrf token: String, web: WebContext) -> SafeHTML {
        let csrf = CSRF.mask(token)
        let batch = preview.batch
        var w = HTMLWriter(capacity: 16_000)
        w.markup("<div class=\"staff\"><p><a href=\""); w.text(Route.purchaseImport.path()); w.markup("\">← Importer des contrats</a></p><h1>")
        w.text("Import de « \(batch.fileName) »"); w.markup("</h1>")
        if let notice { w.markup("<p class=\"notice-inline\" role=\"status\">"); w.text(notice); w.markup("</p>") }
        if let problem = preview.fileProblem {
            w.markup("<div class=\"alert\" role=\"alert\"><p>"); w.text(problem); w.markup("</p></div></div>")
            return w.result
        }
        let valid = preview.valid.count, duplicates = preview.rows.filter(\.duplicate).count, refused = preview.rows.filter { $0.contract == nil }.count
        w.markup("<dl class=\"figures\"><div><dt>Lignes lues</dt><dd>"); w.text(web.number(preview.rows.count)); w.markup("</dd></div><div><dt>À inscrire</dt><dd>")
        w.text(web.number(valid)); w.markup("</dd></div><div><dt>Déjà inscrites</dt><dd>"); w.text(web.number(duplicates)); w.markup("</dd></div><div><dt>Refusées</dt><dd>")
        w.text(web.number(refused)); w.markup("</dd></div></dl>")
        if batch.status == "preview" {
            // The mapping: one select per field, the file's headers as options.
            w.markup("<h2>Correspondance des colonnes</h2><form method=\"post\" action=\""); w.text(Route.purchaseImportMapping.path(batch.id)); w.markup("\" class=\"staff-form\">")
            hidden(&w, csrf: csrf)
            for field in PurchaseImport.Field.allCases {
                w.markup("<p><label for=\"champ-"); w.text(field.rawValue); w.markup("\">"); w.text(field.label + (field.required ? "" : " (facultatif)")); w.markup("</label><select id=\"champ-")
                w.text(field.rawValue); w.markup("\" name=\""); w.text(field.rawValue); w.markup("\"><option value=\"\">(aucune colonne)</option>")
                for (index, header) in preview.headers.enumerated() {
                    w.markup("<option value=\""); w.text(String(index)); w.markup("\""); if batch.mapping[field] == index { w.markup(" selected") }
                    w.markup(">"); w.text(header.isEmpty ? "Colonne \(index + 1)" : header); w.markup("</option>")
                }
                w.markup("</select></p>")
            }
            w.markup("<p><button type=\"submit\" class=\"small\">Revoir l'aperçu avec cette correspondance</button></p></form>")
        }
        let shown = preview.rows.prefix(500)
        if !shown.isEmpty {
            w.markup("<h2>Lignes</h2><div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Lignes du fichier\"><table class=\"staff-table import-rows\"><caption class=\"visually-hidden\">Lignes du fichier</caption><thead><tr><th scope=\"col\">Ligne</th><th scope=\"col\">Fournisseur</th><th scope=\"col\">Date</th><th scope=\"col\">Montant</th><th scope=\"col\">Résultat</th></tr></thead><tbody>")
            for row in shown {
                w.markup("<tr data-ligne=\""); w.text(String(row.line)); w.markup("\" data-etat=\""); w.text(row.contract == nil ? "refusee" : row.duplicate ? "doublon" : "valide")
                w.markup("\"><td>"); w.text(String(row.line)); w.markup("</td><th scope=\"row\" lang=\"fr\">"); w.text(row.contract?.supplierName ?? "—")
                w.markup("</th><td>"); w.text(row.contract?.awardedOn ?? ""); w.markup("</td><td class=\"amount\">"); w.text(row.contract.map { web.money(cents: $0.amountCents) } ?? "")
                w.markup("</td><td>")
                if let contract = row.contract {
                    if row.duplicate { w.text("Déjà inscrit : ignoré") } else {
                        w.text(contract.enterpriseID == nil ? "À inscrire (fournisseur hors répertoire, NEQ \(contract.supplierNEQ))" :
                                row.matchedBy == "neq" ? "À inscrire (trouvée par son NEQ)" : row.matchedBy == "nom-municipalite" ? "À inscrire (trouvée par son nom et sa municipalité)" : "À inscrire (trouvée par son nom)")
                    }
                } else {
                    w.markup("<ul class=\"problems\">")
                    for issue in row.issues { w.markup("<li>"); w.text(PurchaseImport.Field(rawValue: issue.field).map { $0.label + " : " } ?? ""); w.text(issue.message); w.markup("</li>") }
                    w.markup("</ul>")
                }
                w.markup("</td></tr>")
            }
            w.markup("</tbody></table></div>")
            if preview.rows.count > shown.count { w.markup("<p>"); w.text("Les \(shown.count) premières lignes sont montrées."); w.markup("</p>") }
        }
        switch batch.status {
        case "preview":
            w.markup("<form method=\"post\" action=\""); w.text(Route.purchaseImportApply.path(batch.id)); w.markup("\" class=\"staff-form\">"); hidden(&w, csrf: csrf)
            w.markup("<p>"); w.text(valid == 0 ? "Aucune ligne à inscrire : corrigez le fichier ou la correspondance." : "Les \(valid) ligne(s) valides seront inscrites ensemble ; les lignes refusées et déjà inscrites ne le seront pas.")
            w.markup("</p><p><button type=\"submit\""); if valid == 0 { w.markup(" disabled") }; w.markup(">"); w.text("Inscrire les \(valid) contrat(s)"); w.markup("</button></p></form>")
        case "applied":
            w.markup("<form method=\"post\" action=\""); w.text(Route.purchaseImportRevert.path(batch.id)); w.markup("\" class=\"staff-form\">"); hidden(&w, csrf: csrf)
            w.markup("<p>"); w.text("Appliqué : \(batch.appliedCount) contrat(s) inscrit(s). Annuler l'import les retire tous du registre (leur historique reste).")
            w.markup("</p><p><button type=\"submit\" class=\"danger\">Annuler cet import</button></p></form>")
        default:
            w.markup("<p>Cet import a été annulé.</p>")
        }
        w.markup("</div>")
        return w.result
    }
}
