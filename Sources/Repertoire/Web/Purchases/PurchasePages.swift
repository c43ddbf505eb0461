import Foundation

/// The responsible-purchasing record's pages: the dashboard, the list of contracts, a contract's
/// form and page. Written with ``HTMLWriter``; every figure of a chart is also in a table, and
/// every figure of a table links to the contracts behind it.
enum PurchasePages {
    private static func hidden(_ w: inout HTMLWriter, csrf: String, web: WebContext) {
        w.markup("<input type=\"hidden\" name=\"_csrf\" value=\""); w.text(csrf); w.markup("\">")
        w.markup("<input type=\"hidden\" name=\"langue\" value=\""); w.text(web.language.rawValue); w.markup("\">")
    }

    static func procedureName(_ raw: String, _ web: WebContext) -> String {
        PurchaseContract.Procedure(rawValue: raw).map { web.tr($0.name, $0.nameEnglish) } ?? raw
    }

    static func kindName(_ raw: String, _ web: WebContext) -> String {
        ContractKind(rawValue: raw).map { web.tr($0.name, $0.nameEnglish) } ?? raw
    }

    static func sectorName(_ slug: String, _ web: WebContext) -> String {
        slug.isEmpty ? web.tr("Entreprise non inscrite au répertoire", "Enterprise not in the directory") : Sector.find(slug).map(web.sectorName) ?? slug
    }

    /// Whole dollars, the page's format: `12 345 $` / `$12,345`.
    static func dollars(_ cents: Int64, _ web: WebContext) -> String {
        web.money(cents: (cents + 50) / 100 * 100)
    }

    /// The query string of a filter (without `?`), with one value changed or added.
    static func query(_ filter: PurchaseFilter, _ changes: [String: String] = [:], web: WebContext) -> String {
        var pairs: [(String, String)] = [("territoire", PurchaseRecordService.scopeValue(filter.scope))]
        if let year = filter.fromYear { pairs.append(("depuis", String(year))) }
        if let year = filter.toYear { pairs.append(("jusqua", String(year))) }
        if let sector = filter.sector { pairs.append(("secteur", sector)) }
        if let procedure = filter.procedure { pairs.append(("mode", procedure.rawValue)) }
        if let kind = filter.kind { pairs.append(("type", kind)) }
        for (key, value) in changes.sorted(by: { $0.key < $1.key }) {
            pairs.removeAll { $0.0 == key }
            if !value.isEmpty { pairs.append((key, value)) }
        }
        return pairs.map { "\($0.0)=\(Route.escape($0.1))" }.joined(separator: "&")
    }

    /// Who reads the figures: staff (every figure links to its contracts) or the public (no
    /// links; without exact amounts, counts instead, and no amount of fewer than three contracts).
    struct View: Sendable {
        var isPublic = false
        var exactAmounts = true
        var usesCounts: Bool { isPublic && !exactAmounts }

        func amount(_ count: Int, _ cents: Int64, _ web: WebContext) -> String {
            usesCounts && count < PurchasePages.smallestPublicGroup ? web.tr("n. d.", "n/a") : dollars(cents, web)
        }
    }

    /// Below this many contracts, a public page without exact amounts shows no amount.
    static let smallestPublicGroup = 3

    private static func contractsLink(_ w: inout HTMLWriter, _ filter: PurchaseFilter, _ changes: [String: String], _ text: String, web: WebContext, view: View = View()) {
        guard !view.isPublic else { w.text(text); return }
        w.markup("<a href=\""); w.text(Route.purchaseContracts.path(language: web.language) + "?" + query(filter, changes, web: web)); w.markup("\">")
        w.text(text); w.markup("</a>")
    }

    // MARK: Filters

    struct FilterState {
        var filter: PurchaseFilter
        var scopes: [PurchaseFilter.Scope]
        var problems: [String] = []
    }

    private static func filterForm(_ w: inout HTMLWriter, _ state: FilterState, action: String, records: PurchaseRecordService, years: ClosedRange<Int>?, web: WebContext) {
        let filter = state.filter
        if !state.problems.isEmpty {
            w.markup("<div class=\"alert\" role=\"alert\"><p>"); w.text(web.tr("Filtres non appliqués :", "Filters not applied:")); w.markup("</p><ul>")
            for problem in state.problems { w.markup("<li>"); w.text(problem); w.markup("</li>") }
            w.markup("</ul></div>")
        }
        w.markup("<form method=\"get\" action=\""); w.text(action); w.markup("\" class=\"staff-form filters no-print\"><fieldset><legend>")
        w.text(web.tr("Filtrer", "Filter")); w.markup("</legend>")
        if state.scopes.count > 1 {
            w.markup("<p><label for=\"territoire\">"); w.text(web.tr("Territoire", "Territory")); w.markup("</label><select id=\"territoire\" name=\"territoire\">")
            for scope in state.scopes {
                w.markup("<option value=\""); w.text(PurchaseRecordService.scopeValue(scope)); w.markup("\"")
                if scope == filter.scope { w.markup(" selected") }
                w.markup(">"); w.text(records.scopeName(scope, english: web.language == .en)); w.markup("</option>")
            }
            w.markup("</select></p>")
        } else {
            w.markup("<input type=\"hidden\" name=\"territoire\" value=\""); w.text(PurchaseRecordService.scopeValue(filter.scope)); w.markup("\">")
        }
        let thisYear = Calendar(identifier: .gregorian).component(.year, from: Date())
        let range = (years?.lowerBound ?? thisYear)...max(years?.upperBound ?? thisYear, thisYear)
        for (name, label, value) in [("depuis", web.tr("De l'année", "From year"), filter.fromYear), ("jusqua", web.tr("À l'année", "To year"), filter.toYear)] {
            w.markup("<p><label for=\""); w.text(name); w.markup("\">"); w.text(label); w.markup("</label><select id=\""); w.text(name); w.markup("\" name=\"")
            w.text(name); w.markup("\"><option value=\"\">"); w.text(web.tr("Toutes", "All")); w.markup("</option>")
            for year in range.reversed() {
                w.markup("<option"); if value == year { w.markup(" selected") }; w.markup(">"); w.text(String(year)); w.markup("</option>")
            }
            w.markup("</select></p>")
        }
        w.markup("<p><label for=\"secteur\">"); w.text(web.tr("Secteur d'activité", "Activity sector")); w.markup("</label><select id=\"secteur\" name=\"secteur\"><option value=\"\">")
        w.text(web.tr("Tous", "All")); w.markup("</option>")
        for sector in Sector.all {
            w.markup("<option value=\""); w.text(sector.slug); w.markup("\""); if filter.sector == sector.slug { w.markup(" selected") }
            w.markup(">"); w.text(web.sectorName(sector)); w.markup("</option>")
        }
        w.markup("</select></p><p><label for=\"mode\">"); w.text(web.tr("Mode d'octroi", "Procedure")); w.markup("</label><select id=\"mode\" name=\"mode\"><option value=\"\">")
        w.text(web.tr("Tous", "All")); w.markup("</option>")
        for procedure in PurchaseContract.Procedure.allCases {
            w.markup("<option value=\""); w.text(procedure.rawValue); w.markup("\""); if filter.procedure == procedure { w.markup(" selected") }
            w.markup(">"); w.text(web.tr(procedure.name, procedure.nameEnglish)); w.markup("</option>")
        }
        w.markup("</select></p><p><label for=\"type\">"); w.text(web.tr("Type de contrat", "Kind of contract")); w.markup("</label><select id=\"type\" name=\"type\"><option value=\"\">")
        w.text(web.tr("Tous", "All")); w.markup("</option>")
        for kind in ContractKind.allCases {
            w.markup("<option value=\""); w.text(kind.rawValue); w.markup("\""); if filter.kind == kind.rawValue { w.markup(" selected") }
            w.markup(">"); w.text(web.tr(kind.name, kind.nameEnglish)); w.markup("</option>")
        }
        w.markup("</select></p><p><button type=\"submit\">"); w.text(web.tr("Afficher", "Show")); w.markup("</button></p></fieldset></form>")
    }

    // MARK: The dashboard

    struct DashboardState {
        var filters: FilterState
        var dashboard: PurchaseDashboard
        var canRecord: Bool
        var publication: PurchasePublication?
        var canPublish: Bool
        var notice: String?
        var view = View()
    }

    static func dashboard(_ state: DashboardState, records: PurchaseRecordService, csrf token: String, web: WebContext) -> SafeHTML {
        let d = state.dashboard, filter = d.filter, view = state.view
        var w = HTMLWriter(capacity: 24_000)
        w.markup("<div class=\"staff dashboard\"><h1>"); w.text(web.tr("Achats responsables — ", "Responsible purchasing — ") + records.scopeName(filter.scope, english: web.language == .en))
        w.markup("</h1>")
        if view.isPublic {
            w.markup("<p>"); w.text(web.tr("Chiffres publiés par la municipalité, sans données personnelles.", "Figures published by the municipality, with no personal data."))
            if view.usesCounts {
                w.text(web.tr(" Les montants d'un groupe de moins de \(smallestPublicGroup) contrats ne sont pas publiés (n. d.).",
                              " Amounts of a group of fewer than \(smallestPublicGroup) contracts are not published (n/a)."))
            }
            w.markup("</p>")
        }
        if let notice = state.notice { w.markup("<p class=\"notice-inline\" role=\"status\">"); w.text(notice); w.markup("</p>") }
        w.markup("<p>"); w.text(web.tr("Les contrats octroyés à des entreprises d'économie sociale, inscrits au registre par les acheteurs municipaux (montants avant taxes).",
                                      "The contracts awarded to social-economy enterprises, recorded by municipal buyers (amounts before taxes)."))
        if let years = d.years { w.text(web.tr(" Années inscrites : \(years.lowerBound) à \(years.upperBound).", " Years recorded: \(years.lowerBound) to \(years.upperBound).")) }
        w.markup("</p>")
        if !view.isPublic {
        w.markup("<p class=\"staff-actions no-print\">")
        if state.canRecord {
            w.markup("<a class=\"button\" href=\""); w.text(Route.newPurchaseContract.path(language: web.language)); w.markup("\">")
            w.text(web.tr("Inscrire un contrat", "Record a contract")); w.markup("</a> ")
        }
        contractsLink(&w, filter, [:], web.tr("Voir les \(web.number(d.count)) contrats", "See the \(web.number(d.count)) contracts"), web: web)
        w.markup(" · "); w.text(web.tr("Exporter : ", "Export: "))
        for (index, (format, label)) in [("xlsx", "Excel (.xlsx)"), ("csv", "CSV")].enumerated() {
            if index > 0 { w.markup(" · ") }
            w.markup("<a href=\""); w.text(Route.purchaseContractsExport.path() + "?" + query(filter, ["format": format, "langue": web.language == .en ? "en" : ""], web: web))
            w.markup("\">"); w.text(label); w.markup("</a>")
        }
        w.markup("</p>")
        }
        filterForm(&w, state.filters, action: view.isPublic ? Route.publicPurchases.path(PurchaseRecordService.publicCode(filter.scope) ?? "", language: web.language) : Route.purchaseDashboard.path(language: web.language),
                   records: records, years: d.years, web: web)

        w.markup("<h2>"); w.text(web.tr("En bref", "At a glance")); w.markup("</h2><dl class=\"figures\">")
        func figure(_ label: String, _ value: String) {
            w.markup("<div><dt>"); w.text(label); w.markup("</dt><dd>"); w.text(value); w.markup("</dd></div>")
        }
        figure(web.tr("Montant octroyé", "Amount awarded"), view.amount(d.count, d.amountCents, web))
        figure(web.tr("Contrats", "Contracts"), web.number(d.count))
        figure(web.tr("Entreprises du répertoire", "Enterprises of the directory"), web.number(d.enterprises))
        if case .municipality = filter.scope {
            figure(web.tr("À des entreprises de la municipalité", "To enterprises of the municipality"), "\(d.percent(d.sameMunicipalityCents)) %")
        } else {
            figure(web.tr("À des entreprises de la municipalité acheteuse", "To enterprises of the buying municipality"), "\(d.percent(d.sameMunicipalityCents)) %")
        }
        figure(web.tr("À des entreprises de la même MRC", "To enterprises of the same MRC"), "\(d.percent(d.sameMRCCents)) %")
        w.markup("</dl>")

        if d.count == 0 {
            w.markup("<p>"); w.text(web.tr("Aucun contrat inscrit pour ce territoire et ces filtres.", "No contract recorded for this territory and these filters.")); w.markup("</p>")
        } else {
            yearSection(&w, d, web: web, view: view)
            breakdown(&w, id: "secteurs", title: web.tr("Par secteur d'activité", "By activity sector"), header: web.tr("Secteur d'activité", "Activity sector"), lines: d.bySector, key: "secteur",
                      name: { sectorName($0, web) }, filter: filter, dashboard: d, web: web, view: view)
            breakdown(&w, id: "modes", title: web.tr("Par mode d'octroi", "By procedure"), header: web.tr("Mode d'octroi", "Procedure"), lines: d.byProcedure, key: "mode",
                      name: { procedureName($0, web) }, filter: filter, dashboard: d, web: web, view: view)
            breakdown(&w, id: "types", title: web.tr("Par type de contrat", "By kind of contract"), header: web.tr("Type de contrat", "Kind of contract"), lines: d.byKind, key: "type",
                      name: { kindName($0, web) }, filter: filter, dashboard: d, web: web, view: view)
            if !d.byMunicipality.isEmpty {
                let catalog = web.directory.catalog
                w.markup("<h2 id=\"municipalites\">"); w.text(web.tr("Par municipalité acheteuse", "By buying municipality")); w.markup("</h2>")
                table(&w, caption: web.tr("Contrats et montants par municipalité acheteuse", "Contracts and amounts by buying municipality"),
                      header: web.tr("Municipalité", "Municipality"), lines: d.byMunicipality.sorted { $0.amountCents > $1.amountCents },
                      name: { catalog.municipality(code: $0)?.name ?? $0 }, link: { ["territoire": "municipalite:" + $0] }, filter: filter, dashboard: d, web: web, view: view)
            }
        }
        w.markup("<h2 id=\"retombees\">"); w.text(web.tr("Retombées dans la communauté", "Community benefits")); w.markup("</h2><p>")
        w.text(web.tr("Les entreprises du répertoire qui ont obtenu ces contrats, selon ce que déclare leur fiche.",
                      "The enterprises of the directory that obtained these contracts, as their profiles state."))
        w.markup("</p><dl class=\"figures\">")
        figure(web.tr("Entreprises", "Enterprises"), web.number(d.enterprises))
        figure(web.tr("Emplois", "Jobs"), web.number(d.employees))
        figure(web.tr("Emplois en insertion", "Integration jobs"), web.number(d.integrationEmployees))
        figure(web.tr("Bénévoles", "Volunteers"), web.number(d.volunteers))
        w.markup("</dl><h2 id=\"appels\">"); w.text(web.tr("Appels d'intérêt", "Calls for interest")); w.markup("</h2><dl class=\"figures\">")
        figure(web.tr("Appels envoyés", "Calls sent"), web.number(d.callsSent))
        figure(web.tr("Entreprises jointes", "Enterprises reached"), web.number(d.enterprisesReached))
        figure(web.tr("Entreprises intéressées", "Enterprises interested"), web.number(d.interested))
        w.markup("</dl>")
        if state.canPublish, !view.isPublic, let code = PurchaseRecordService.publicCode(filter.scope) {
            let publication = state.publication
            w.markup("<h2 id=\"publication\">"); w.text(web.tr("Page publique", "Public page")); w.markup("</h2><form method=\"post\" action=\"")
            w.text(Route.purchasePublication.path()); w.markup("\" class=\"staff-form no-print\">"); hidden(&w, csrf: CSRF.mask(token), web: web)
            w.markup("<input type=\"hidden\" name=\"territoire\" value=\""); w.text(code); w.markup("\"><p><label class=\"check\"><input type=\"checkbox\" name=\"publique\" value=\"oui\"")
            if publication?.isPublic == true { w.markup(" checked") }
            w.markup("> "); w.text(web.tr("Publier ces chiffres sur une page publique (sans données personnelles)", "Publish these figures on a public page (no personal data)"))
            w.markup("</label></p><p><label class=\"check\"><input type=\"checkbox\" name=\"montants\" value=\"exacts\"")
            if publication?.exactAmounts == true { w.markup(" checked") }
            w.markup("> "); w.text(web.tr("Montrer les montants exacts (sinon, par tranche : moins de 25 000 $, 25 000 $ à 121 199 $, 121 200 $ et plus)",
                                          "Show exact amounts (otherwise by band: under $25,000, $25,000 to $121,199, $121,200 and more)"))
            w.markup("</label></p><p><button type=\"submit\">"); w.text(web.tr("Enregistrer", "Save")); w.markup("</button>")
            if publication?.isPublic == true {
                w.markup(" <a href=\""); w.text(Route.publicPurchases.path(code, language: web.language)); w.markup("\">"); w.text(web.tr("Voir la page publique", "See the public page")); w.markup("</a>")
            }
            w.markup("</p></form>")
        }
        w.markup("</div>")
        return w.result
    }

    private static func yearSection(_ w: inout HTMLWriter, _ d: PurchaseDashboard, web: WebContext, view: View) {
        let years = d.byYear.map(\.key)
        let procedures = PurchaseContract.Procedure.allCases
        w.markup("<h2 id=\"annees\">"); w.text(web.tr("Par année et mode d'octroi", "By year and procedure")); w.markup("</h2><div class=\"chart-pair\">")
        let series = procedures.map { procedure in
            SVGChart.Series(name: web.tr(procedure.name, procedure.nameEnglish), values: years.map { year in
                view.usesCounts ? Int64(d.byYearProcedureCount[Int(year) ?? 0]?[procedure.rawValue] ?? 0) : d.byYearProcedure[Int(year) ?? 0]?[procedure.rawValue] ?? 0
            })
        }
        w.safe(SVGChart.stackedColumns(id: "graphique-annees",
                                       title: view.usesCounts ? web.tr("Nombre de contrats par année, selon le mode d'octroi", "Number of contracts per year, by procedure")
                                                              : web.tr("Montants octroyés par année, selon le mode d'octroi", "Amounts awarded per year, by procedure"),
                                       description: web.tr("Colonnes empilées ; les mêmes chiffres sont dans le tableau qui suit.", "Stacked columns; the same figures are in the table that follows."),
                                       categories: years, series: series,
                                       axis: view.usesCounts ? web.tr("Contrats", "Contracts") : web.tr("Montant (avant taxes)", "Amount (before taxes)"),
                                       categoryAxis: web.tr("Année d'octroi", "Year awarded"), tick: { view.usesCounts ? web.number(Int($0)) : dollars($0, web) }))
        let caption = web.tr("Montants et nombre de contrats par année", "Amounts and number of contracts per year")
        w.markup("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\""); w.text(caption); w.markup("\"><table class=\"staff-table\"><caption>")
        w.text(caption); w.markup("</caption><thead><tr><th scope=\"col\">"); w.text(web.tr("Année", "Year")); w.markup("</th>")
        for procedure in procedures { w.markup("<th scope=\"col\">"); w.text(web.tr(procedure.name, procedure.nameEnglish)); w.markup("</th>") }
        w.markup("<th scope=\"col\">"); w.text(web.tr("Total", "Total")); w.markup("</th><th scope=\"col\">"); w.text(web.tr("Contrats", "Contracts")); w.markup("</th></tr></thead><tbody>")
        for line in d.byYear {
            w.markup("<tr><th scope=\"row\">"); w.text(line.key); w.markup("</th>")
            for procedure in procedures {
                w.markup("<td class=\"amount\">")
                let cents = d.byYearProcedure[Int(line.key) ?? 0]?[procedure.rawValue] ?? 0
                let count = d.byYearProcedureCount[Int(line.key) ?? 0]?[procedure.rawValue] ?? 0
                if count > 0 {
                    contractsLink(&w, d.filter, ["depuis": line.key, "jusqua": line.key, "mode": procedure.rawValue], view.amount(count, cents, web), web: web, view: view)
                } else { w.text("—") }
                w.markup("</td>")
            }
            w.markup("<td class=\"amount\">"); contractsLink(&w, d.filter, ["depuis": line.key, "jusqua": line.key], view.amount(line.count, line.amountCents, web), web: web, view: view)
            w.markup("</td><td>"); w.text(web.number(line.count)); w.markup("</td></tr>")
        }
        w.markup("</tbody></table></div></div>")
    }

    private static func breakdown(_ w: inout HTMLWriter, id: String, title: String, header: String, lines: [PurchaseDashboard.Line], key: String, name: (String) -> String,
                                  filter: PurchaseFilter, dashboard d: PurchaseDashboard, web: WebContext, view: View) {
        w.markup("<h2 id=\""); w.text(id); w.markup("\">"); w.text(title); w.markup("</h2><div class=\"chart-pair\">")
        w.safe(SVGChart.bars(id: "graphique-" + id, title: title,
                             description: view.usesCounts ? web.tr("Nombre de contrats ; les mêmes chiffres sont dans le tableau qui suit.", "Number of contracts; the same figures are in the table that follows.")
                                                          : web.tr("Montant octroyé ; les mêmes chiffres sont dans le tableau qui suit.", "Amount awarded; the same figures are in the table that follows."),
                             axis: view.usesCounts ? web.tr("Contrats", "Contracts") : web.tr("Montant (avant taxes)", "Amount (before taxes)"),
                             bars: lines.map {
                                 view.usesCounts ? SVGChart.Bar(label: name($0.key), value: Int64($0.count), valueText: web.number($0.count))
                                                 : SVGChart.Bar(label: name($0.key), value: $0.amountCents, valueText: dollars($0.amountCents, web))
                             }))
        table(&w, caption: title, header: header, lines: lines, name: name,
              link: { [key: $0] }, filter: filter, dashboard: d, web: web, view: view)
        w.markup("</div>")
    }

    private static func table(_ w: inout HTMLWriter, caption: String, header: String, lines: [PurchaseDashboard.Line], name: (String) -> String,
                              link: (String) -> [String: String], filter: PurchaseFilter, dashboard d: PurchaseDashboard, web: WebContext, view: View) {
        let total = d.amountCents
        w.markup("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\""); w.text(caption); w.markup("\"><table class=\"staff-table\"><caption>")
        w.text(caption); w.markup("</caption><thead><tr><th scope=\"col\">"); w.text(header); w.markup("</th><th scope=\"col\">"); w.text(web.tr("Montant", "Amount"))
        w.markup("</th><th scope=\"col\">"); w.text(web.tr("Part", "Share")); w.markup("</th><th scope=\"col\">"); w.text(web.tr("Contrats", "Contracts")); w.markup("</th></tr></thead><tbody>")
        for line in lines {
            w.markup("<tr><th scope=\"row\">"); w.text(name(line.key)); w.markup("</th><td class=\"amount\">")
            contractsLink(&w, filter, link(line.key), view.amount(line.count, line.amountCents, web), web: web, view: view)
            w.markup("</td><td>")
            if view.usesCounts {
                w.text(d.count == 0 ? "—" : "\(Int((Double(line.count) * 100 / Double(d.count)).rounded())) %")
            } else {
                w.text(total == 0 ? "—" : "\(Int((Double(line.amountCents) * 100 / Double(total)).rounded())) %")
            }
            w.markup("</td><td>")
            w.text(web.number(line.count)); w.markup("</td></tr>")
        }
        w.markup("</tbody></table></div>")
    }

    // MARK: The list of contracts

    static func list(_ contracts: [PurchaseContract], total: Int, page: Int, state: FilterState, canRecord: Bool, records: PurchaseRecordService,
                     years: ClosedRange<Int>?, web: WebContext) -> SafeHTML {
        let filter = state.filter
        var w = HTMLWriter(capacity: 16_000)
        w.markup("<div class=\"staff\"><p class=\"no-print\"><a href=\""); w.text(Route.purchaseDashboard.path(language: web.language) + "?" + query(filter, web: web))
        w.markup("\">← "); w.text(web.tr("Tableau de bord", "Dashboard")); w.markup("</a></p><h1>")
        w.text(web.tr("Contrats inscrits — ", "Recorded contracts — ") + records.scopeName(filter.scope, english: web.language == .en)); w.markup("</h1>")
        if canRecord {
            w.markup("<p class=\"no-print\"><a class=\"button\" href=\""); w.text(Route.newPurchaseContract.path(language: web.language)); w.markup("\">")
            w.text(web.tr("Inscrire un contrat", "Record a contract")); w.markup("</a> <a href=\""); w.text(Route.purchaseImport.path()); w.markup("\">")
            w.text(web.tr("Importer un fichier de contrats (CSV, Excel)", "Import a file of contracts (CSV, Excel)")); w.markup("</a></p>")
        }
        filterForm(&w, state, action: Route.purchaseContracts.path(language: web.language), records: records, years: years, web: web)
        w.markup("<p role=\"status\">"); w.text(web.tr("\(web.number(total)) contrat(s)", "\(web.number(total)) contract(s)")); w.markup("</p>")
        if !contracts.isEmpty {
            let caption = web.tr("Contrats inscrits, les plus récents d'abord", "Recorded contracts, newest first")
            let catalog = web.directory.catalog
            w.markup("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\""); w.text(caption); w.markup("\"><table class=\"staff-table\"><caption class=\"visually-hidden\">")
            w.text(caption); w.markup("</caption><thead><tr>")
            for header in [web.tr("Date", "Date"), web.tr("Fournisseur", "Supplier"), web.tr("Objet", "What was bought"), web.tr("Municipalité", "Municipality"),
                           web.tr("Mode", "Procedure"), web.tr("Montant", "Amount")] {
                w.markup("<th scope=\"col\">"); w.text(header); w.markup("</th>")
            }
            w.markup("</tr></thead><tbody>")
            for contract in contracts {
                w.markup("<tr data-contrat=\""); w.text(contract.id); w.markup("\"><td>"); w.text(contract.awardedOn); w.markup("</td><th scope=\"row\" lang=\"fr\"><a href=\"")
                w.text(Route.purchaseContract.path(contract.id, language: web.language)); w.markup("\">"); w.text(contract.supplierName); w.markup("</a>")
                if contract.isFictional { w.markup(" <span class=\"card-meta\">"); w.text(web.tr("(fictif)", "(fictional)")); w.markup("</span>") }
                w.markup("</th><td lang=\"fr\">"); w.text(contract.description); w.markup("</td><td>"); w.text(catalog.municipality(code: contract.municipalityCode)?.name ?? contract.municipalityCode)
                w.markup("</td><td>"); w.text(web.tr(contract.procedure.name, contract.procedure.nameEnglish)); w.markup("</td><td class=\"amount\">")
                w.text(web.money(cents: contract.amountCents)); w.markup("</td></tr>")
            }
            w.markup("</tbody></table></div>")
        }
        let pages = max(1, (total + PurchaseRecordService.pageSize - 1) / PurchaseRecordService.pageSize)
        if pages > 1 {
            w.markup("<nav class=\"pagination\" aria-label=\""); w.text(web.tr("Pages", "Pages")); w.markup("\"><p>")
            if page > 1 {
                w.markup("<a rel=\"prev\" href=\""); w.text(Route.purchaseContracts.path(language: web.language) + "?" + query(filter, ["page": String(page - 1)], web: web))
                w.markup("\">"); w.text(web.tr("← Précédente", "← Previous")); w.markup("</a> ")
            }
            w.text(web.tr("Page \(page) de \(pages)", "Page \(page) of \(pages)"))
            if page < pages {
                w.markup(" <a rel=\"next\" href=\""); w.text(Route.purchaseContracts.path(language: web.language) + "?" + query(filter, ["page": String(page + 1)], web: web))
                w.markup("\">"); w.text(web.tr("Suivante →", "Next →")); w.markup("</a>")
            }
            w.markup("</p></nav>")
        }
        w.markup("</div>")
        return w.result
    }

    // MARK: A contract's form

    struct FormState {
        var input: PurchaseRecordService.Input
        var issues: [FieldIssue] = []
        /// The contract being changed, nil for a new one.
        var contract: PurchaseContract?
        var municipalities: [(code: String, name: String)] = []
        var callTitle: String?
    }

    static func form(_ state: FormState, csrf token: String, web: WebContext) -> SafeHTML {
        let csrf = CSRF.mask(token)
        var w = HTMLWriter(capacity: 8192)
        let editing = state.contract != nil
        if !state.issues.isEmpty {
            w.markup("<div class=\"alert\" role=\"alert\"><p>"); w.text(web.tr("Le contrat n'est pas enregistré : corrigez ce qui suit.", "The contract is not saved: fix the following."))
            w.markup("</p><ul>")
            for issue in state.issues {
                w.markup("<li><a href=\"#"); w.text(issue.field); w.markup("\">"); w.text(web.tr(issue.message, issue.messageEnglish)); w.markup("</a></li>")
            }
            w.markup("</ul></div>")
        }
        let action = state.contract.map { Route.purchaseContractUpdate.path($0.id) } ?? Route.newPurchaseContract.path()
        w.markup("<form method=\"post\" action=\""); w.text(action); w.markup("\" class=\"staff-form\">")
        hidden(&w, csrf: csrf, web: web)
        if let contract = state.contract { w.markup("<input type=\"hidden\" name=\"version\" value=\""); w.text(String(contract.version)); w.markup("\">") }
        if !state.input.callID.isEmpty {
            w.markup("<input type=\"hidden\" name=\"appel\" value=\""); w.text(state.input.callID); w.markup("\">")
            if let title = state.callTitle {
                w.markup("<p class=\"notice-inline\">"); w.text(web.tr("Contrat issu de l'appel d'intérêt « \(title) ».", "Contract from the call for interest \"\(title)\".")); w.markup("</p>")
            }
        }
        func issue(_ field: String) -> FieldIssue? { state.issues.first { $0.field == field } }
        func fieldError(_ field: String) {
            guard let issue = issue(field) else { return }
            w.markup("<span class=\"field-error\" id=\""); w.text(field + "-erreur"); w.markup("\">"); w.text(web.tr(issue.message, issue.messageEnglish)); w.markup("</span>")
        }
        func describedBy(_ field: String, hint: Bool = false) {
            let ids = (issue(field) != nil ? [field + "-erreur"] : []) + (hint ? [field + "-aide"] : [])
            if issue(field) != nil { w.markup(" aria-invalid=\"true\"") }
            if !ids.isEmpty { w.markup(" aria-describedby=\""); w.text(ids.joined(separator: " ")); w.markup("\"") }
        }
        func hint(_ field: String, _ text: String) {
            w.markup("<span class=\"hint\" id=\""); w.text(field + "-aide"); w.markup("\">"); w.text(text); w.markup("</span>")
        }
        if !state.municipalities.isEmpty {
            w.markup("<p><label for=\"municipalite\">"); w.text(web.tr("Municipalité qui a octroyé le contrat", "Municipality that awarded the contract")); w.markup("</label>")
            fieldError("municipalite")
            w.markup("<select id=\"municipalite\" name=\"municipalite\" required"); describedBy("municipalite"); w.markup("><option value=\"\">")
            w.text(web.tr("Choisir…", "Choose…")); w.markup("</option>")
            for municipality in state.municipalities {
                w.markup("<option value=\""); w.text(municipality.code); w.markup("\""); if municipality.code == state.input.municipality { w.markup(" selected") }
                w.markup(">"); w.text(municipality.name); w.markup("</option>")
            }
            w.markup("</select></p>")
        }
        w.markup("<fieldset><legend>"); w.text(web.tr("Fournisseur", "Supplier")); w.markup("</legend>")
        w.markup("<p><label for=\"entreprise\">"); w.text(web.tr("Entreprise du répertoire", "Enterprise of the directory")); w.markup("</label>")
        hint("entreprise", web.tr("Son nom exact, ou l'adresse de sa fiche (ex. traiteur-le-pivot).", "Its exact name, or its page's address (e.g. traiteur-le-pivot)."))
        fieldError("entreprise")
        w.markup("<input type=\"text\" id=\"entreprise\" name=\"entreprise\" maxlength=\"200\" autocomplete=\"off\""); describedBy("entreprise", hint: true)
        w.markup(" value=\""); w.text(state.input.enterprise); w.markup("\"></p><p>")
        w.text(web.tr("Si l'entreprise n'est pas au répertoire, laissez le champ ci-dessus vide et écrivez son nom et son NEQ : le pôle régional pourra l'ajouter.",
                      "If the enterprise is not in the directory, leave the field above empty and write its name and NEQ: the regional hub can then add it."))
        w.markup("</p><p><label for=\"fournisseur\">"); w.text(web.tr("Nom du fournisseur (s'il n'est pas au répertoire)", "Supplier's name (when not in the directory)")); w.markup("</label>")
        fieldError("fournisseur")
        w.markup("<input type=\"text\" id=\"fournisseur\" name=\"fournisseur\" maxlength=\"200\""); describedBy("fournisseur"); w.markup(" value=\""); w.text(state.input.supplierName)
        w.markup("\"></p><p><label for=\"neq\">"); w.text(web.tr("NEQ du fournisseur", "Supplier's NEQ")); w.markup("</label>")
        fieldError("neq")
        w.markup("<input type=\"text\" id=\"neq\" name=\"neq\" inputmode=\"numeric\" maxlength=\"14\""); describedBy("neq"); w.markup(" value=\""); w.text(state.input.supplierNEQ)
        w.markup("\"></p></fieldset>")
        w.markup("<p><label for=\"date\">"); w.text(web.tr("Date d'octroi (AAAA-MM-JJ)", "Award date (YYYY-MM-DD)")); w.markup("</label>")
        fieldError("date")
        w.markup("<input type=\"date\" id=\"date\" name=\"date\" required"); describedBy("date"); w.markup(" value=\""); w.text(state.input.awardedOn); w.markup("\"></p>")
        w.markup("<p><label for=\"montant\">"); w.text(web.tr("Montant avant taxes ($)", "Amount before taxes ($)")); w.markup("</label>")
        fieldError("montant")
        w.markup("<input type=\"text\" id=\"montant\" name=\"montant\" inputmode=\"decimal\" maxlength=\"20\" required"); describedBy("montant"); w.markup(" value=\"")
        w.text(state.input.amount); w.markup("\"></p>")
        w.markup("<fieldset"); if issue("mode") != nil { w.markup(" aria-describedby=\"mode-erreur\"") }; w.markup(" id=\"mode\"><legend>")
        w.text(web.tr("Mode d'octroi", "Procedure")); w.markup("</legend>"); fieldError("mode")
        for procedure in PurchaseContract.Procedure.allCases {
            w.markup("<label class=\"check\"><input type=\"radio\" name=\"mode\" value=\""); w.text(procedure.rawValue); w.markup("\"")
            if state.input.procedure == procedure.rawValue { w.markup(" checked") }
            w.markup("> "); w.text(web.tr(procedure.name, procedure.nameEnglish)); w.markup("</label>")
        }
        w.markup("</fieldset><fieldset"); if issue("type") != nil { w.markup(" aria-describedby=\"type-erreur\"") }; w.markup(" id=\"type\"><legend>")
        w.text(web.tr("Type de contrat", "Kind of contract")); w.markup("</legend>"); fieldError("type")
        for kind in ContractKind.allCases {
            w.markup("<label class=\"check\"><input type=\"radio\" name=\"type\" value=\""); w.text(kind.rawValue); w.markup("\"")
            if state.input.kind == kind.rawValue { w.markup(" checked") }
            w.markup("> "); w.text(web.tr(kind.name, kind.nameEnglish)); w.markup("</label>")
        }
        w.markup("</fieldset><p><label for=\"description\">"); w.text(web.tr("Ce qui a été acheté", "What was bought")); w.markup("</label>")
        fieldError("description")
        w.markup("<textarea id=\"description\" name=\"description\" rows=\"3\" maxlength=\"2000\" required"); describedBy("description"); w.markup(">")
        w.text(state.input.description); w.markup("</textarea></p>")
        if issue("appel") != nil { fieldError("appel") }
        w.markup("<p><button type=\"submit\">"); w.text(editing ? web.tr("Enregistrer les changements", "Save the changes") : web.tr("Inscrire le contrat", "Record the contract"))
        w.markup("</button></p></form>")
        return w.result
    }

    static func newPage(_ state: FormState, csrf: String, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 9000)
        w.markup("<div class=\"staff\"><p><a href=\""); w.text(Route.purchaseDashboard.path(language: web.language)); w.markup("\">← ")
        w.text(web.tr("Achats responsables", "Responsible purchasing")); w.markup("</a></p><h1>"); w.text(web.tr("Inscrire un contrat", "Record a contract")); w.markup("</h1><p>")
        w.text(web.tr("Un contrat octroyé à une entreprise d'économie sociale par votre municipalité. Il compte dans le tableau de bord de la municipalité, de sa MRC, de sa région et du Québec.",
                      "A contract your municipality awarded to a social-economy enterprise. It counts in the dashboards of the municipality, its MRC, its region and Quebec."))
        w.markup("</p>"); w.safe(form(state, csrf: csrf, web: web)); w.markup("</div>")
        return w.result
    }

    // MARK: A contract's page

    static func contractPage(_ contract: PurchaseContract, form formState: FormState?, revisions: [PurchaseContractRevision], notice: String?,
                             callTitle: String?, seao: (ocid: String, seaoNumber: String, url: String?, merged: Bool)? = nil, csrf token: String, web: WebContext) -> SafeHTML {
        var w = HTMLWriter(capacity: 12_000)
        let catalog = web.directory.catalog
        w.markup("<div class=\"staff\"><p class=\"no-print\"><a href=\""); w.text(Route.purchaseContracts.path(language: web.language) + "?territoire=municipalite:" + contract.municipalityCode)
        w.markup("\">← "); w.text(web.tr("Contrats inscrits", "Recorded contracts")); w.markup("</a></p><h1 lang=\"fr\">"); w.text(contract.supplierName + " — " + contract.awardedOn); w.markup("</h1>")
        if let notice { w.markup("<p class=\"notice-inline\" role=\"status\">"); w.text(notice); w.markup("</p>") }
        w.markup("<dl class=\"figures\">")
        func figure(_ label: String, _ value: String) { w.markup("<div><dt>"); w.text(label); w.markup("</dt><dd>"); w.text(value); w.markup("</dd></div>") }
        figure(web.tr("Montant avant taxes", "Amount before taxes"), web.money(cents: contract.amountCents))
        figure(web.tr("Mode d'octroi", "Procedure"), web.tr(contract.procedure.name, contract.procedure.nameEnglish))
        figure(web.tr("Municipalité", "Municipality"), catalog.municipality(code: contract.municipalityCode)?.name ?? contract.municipalityCode)
        figure(web.tr("Version", "Version"), String(contract.version))
        w.markup("</dl><p lang=\"fr\">"); w.text(contract.description); w.markup("</p><p>")
        w.text(kindName(contract.kind, web))
        if !contract.supplierNEQ.isEmpty { w.text(" · NEQ " + contract.supplierNEQ) }
        if let callTitle, let callID = contract.callID {
            w.markup(" · "); w.text(web.tr("Issu de l'appel d'intérêt ", "From the call for interest ")); w.markup("<a href=\""); w.text(Route.call.path(callID, language: web.language))
            w.markup("\">"); w.text(callTitle); w.markup("</a>")
        }
        if let seao {
            w.markup("</p><p>"); w.text(web.tr("Source : SEAO, appel d'offres ", "Source: SEAO, call for tenders ")); w.markup("<a href=\"")
            w.text(Route.tender.path(seao.ocid, language: web.language)); w.markup("\">"); w.text(seao.seaoNumber); w.markup("</a>")
            if let url = seao.url { w.markup(" · <a href=\""); w.text(url); w.markup("\" rel=\"noopener\">"); w.text(web.tr("l'avis sur le SEAO", "the notice on SEAO")); w.markup("</a>") }
            if seao.merged { w.text(web.tr(" (l'adjudication du SEAO est rattachée à ce contrat saisi à la main)", " (SEAO's award is linked to this contract entered by hand)")) }
        }
        if contract.enterpriseID == nil {
            w.markup("</p><p class=\"notice-inline\">"); w.text(web.tr("Ce fournisseur n'est pas au répertoire : le pôle régional en est avisé pour l'ajouter.",
                                                                  "This supplier is not in the directory: the regional hub is told so it can add it."))
        }
        w.markup("</p>")
        if let formState {
            w.markup("<h2>"); w.text(web.tr("Modifier", "Change")); w.markup("</h2>"); w.safe(form(formState, csrf: token, web: web))
            w.markup("<h2>"); w.text(web.tr("Supprimer", "Delete")); w.markup("</h2><form method=\"post\" action=\""); w.text(Route.purchaseContractDelete.path(contract.id))
            w.markup("\" class=\"staff-form\">"); hidden(&w, csrf: CSRF.mask(token), web: web)
            w.markup("<input type=\"hidden\" name=\"version\" value=\""); w.text(String(contract.version)); w.markup("\"><p>")
            w.text(web.tr("Le contrat quitte le registre et les tableaux de bord ; son historique reste.", "The contract leaves the record and the dashboards; its history stays."))
            w.markup("</p><p><button type=\"submit\" class=\"danger\">"); w.text(web.tr("Supprimer ce contrat", "Delete this contract")); w.markup("</button></p></form>")
        }
        w.markup("<h2>"); w.text(web.tr("Historique", "History")); w.markup("</h2><ol class=\"history\">")
        for revision in revisions {
            w.markup("<li>"); w.text(web.tr("Version \(revision.version) — ", "Version \(revision.version) — "))
            w.text(revision.action == "created" ? web.tr("inscrit", "recorded") : revision.action == "deleted" ? web.tr("supprimé", "deleted") : web.tr("modifié", "changed"))
            w.text(web.tr(" par ", " by ") + revision.authorName + web.tr(" le ", " on ") + CalendarDay.string(from: revision.recordedAt) + " : ")
            w.text(web.money(cents: revision.contract.amountCents) + " · " + revision.contract.awardedOn + " · " + web.tr(revision.contract.procedure.name, revision.contract.procedure.nameEnglish))
            w.markup("</li>")
        }
        w.markup("</ol></div>")
        return w.result
    }

    static func refusal(_ refusal: Refusal, back: String?, web: WebContext) -> SafeHTML {
        CallPages.refusal(refusal, back: back, web: web)
    }
}
