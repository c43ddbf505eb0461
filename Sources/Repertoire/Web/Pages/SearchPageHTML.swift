/// The results page (the site's frame from ``LayoutModel``, and its content), written in Swift.
///
/// The results, sector and region pages are the directory's busiest pages, and anyone signed in
/// gets them rendered for them. As a template, their ~200 tags were more than a quarter of the
/// page's time in swift-mustache (a name split and several dynamic casts per tag), more than
/// the search itself. The markup is the template's, byte for byte (``SearchPageHTMLTests``
/// compares the two); every value goes through ``HTMLWriter``'s escaping.
extension SearchPage {
    /// The whole page.
    var document: String { layout.document(contentHTML) }

    var contentHTML: SafeHTML {
        var w = HTMLWriter(capacity: 24_000 + cards.count * 1_200)
        w.markup("<h1 id=\"results-title\">"); w.text(heading); w.markup("</h1>\n")
        w.searchForm(form, t)
        if let introHTML { w.safe(introHTML) }
        w.markup("\n")
        if let error {
            w.markup("<div class=\"alert\" role=\"alert\"><h2>"); w.text(t.badRequestTitle); w.markup("</h2><p>"); w.text(error); w.markup("</p></div>")
        }
        w.markup("\n<p class=\"skip-results\"><a href=\"#resultats\">"); w.text(t.skipToResults); w.markup("</a></p>\n")
        w.markup("<p class=\"filters-jump\"><a href=\"#filtres\">"); w.text(filtersLinkText); w.markup("</a></p>\n")
        w.markup("<div class=\"results-layout\">\n<aside class=\"facets\" id=\"filtres\" tabindex=\"-1\" aria-labelledby=\"facets-title\">\n")
        w.markup("<h2 id=\"facets-title\">"); w.text(t.filtersTitle); w.markup("</h2>\n")
        w.markup("<form method=\"get\" action=\""); w.text(formAction); w.markup("\" class=\"facet-form\">\n")
        w.hiddenFields(keep)
        w.markup("\n")
        for facet in facets {
            w.markup("<fieldset class=\"facet\">\n<legend>"); w.text(facet.title); w.markup("</legend>\n<ul>\n")
            w.safe(facet.valuesHTML)
            w.markup("\n</ul>\n</fieldset>\n")
        }
        if hasPlaceModes {
            w.markup("<fieldset class=\"facet\">\n<legend>"); w.text(t.placeModeLegend); w.markup("</legend>\n<ul>")
            for mode in placeModes {
                w.markup("<li><input type=\"radio\" id=\""); w.text(mode.inputID); w.markup("\" name=\"lieu\" value=\""); w.text(mode.value); w.markup("\"")
                if mode.selected { w.markup(" checked") }
                w.markup("> <label for=\""); w.text(mode.inputID); w.markup("\">"); w.text(mode.label); w.markup("</label></li>")
            }
            w.markup("</ul>\n</fieldset>\n")
        }
        w.markup("<p class=\"facet-closed\"><input type=\"checkbox\" id=\"f-fermees\" name=\"fermees\" value=\"1\"")
        if includeClosed { w.markup(" checked") }
        w.markup("> <label for=\"f-fermees\">"); w.text(t.includeClosed); w.markup("</label></p>\n")
        w.markup("<button type=\"submit\" class=\"apply\">"); w.text(t.applyFilters); w.markup("</button>\n</form>\n</aside>\n")
        w.markup("<section class=\"results\" id=\"resultats\" tabindex=\"-1\" aria-labelledby=\"results-heading\">\n")
        w.markup("<h2 id=\"results-heading\" class=\"visually-hidden\">"); w.text(t.resultsTitle); w.markup("</h2>\n<div class=\"results-bar\">\n")
        w.markup("<p id=\"results-count\" class=\"count-line\" role=\"status\"><strong>"); w.text(countText); w.markup("</strong>")
        if let text { w.markup(" — "); w.text(t.resultsFor); w.markup(" « "); w.text(text); w.markup(" »") }
        w.markup("</p>\n")
        w.viewSwitch(viewSwitch)
        w.markup("\n<form method=\"get\" action=\""); w.text(formAction); w.markup("\" class=\"sort-form\">\n")
        w.hiddenFields(keepWithoutSort)
        w.markup("\n<label for=\"tri\">"); w.text(t.sortLabel); w.markup("</label>\n<select id=\"tri\" name=\"tri\" data-autosubmit>\n")
        w.options(sorts.map { ($0.value, $0.label) }, selected: sorts.first(where: \.selected)?.value)
        w.markup("\n</select>\n<button type=\"submit\" class=\"small\">OK</button>\n</form>\n</div>\n")
        if let placeNote {
            w.markup("<div class=\"place-note\" role=\"note\">\n<p>"); w.text(t.placeUnderstood); w.markup(" : « "); w.text(placeNote.typed)
            w.markup(" » → <strong>"); w.text(placeNote.place); w.markup("</strong>. <a href=\""); w.text(placeNote.removeURL); w.markup("\">")
            w.text(t.removePlace); w.markup("</a> · <a href=\""); w.text(placeNote.everywhereURL); w.markup("\">"); w.text(placeNote.everywhereText)
            w.markup("</a></p>\n")
            if placeNote.hasAlternatives {
                w.markup("<p>"); w.text(t.otherPlaces); w.markup(" : ")
                w.links(placeNote.alternatives)
                w.markup("</p>")
            }
            w.markup("\n</div>\n")
        }
        if hasChips {
            w.markup("<div class=\"chips\" role=\"group\" aria-label=\""); w.text(t.activeFilters); w.markup("\">\n<ul>")
            for chip in chips {
                w.markup("<li><a class=\"chip\" href=\""); w.text(chip.url); w.markup("\"><span class=\"visually-hidden\">"); w.text(t.removeFilter)
                w.markup(" : </span>"); w.text(chip.label); w.markup(" <span aria-hidden=\"true\">×</span></a></li>")
            }
            w.markup("</ul>\n<a class=\"clear\" href=\""); w.text(clearURL); w.markup("\">"); w.text(t.clearFilters); w.markup("</a>\n</div>\n")
        }
        if empty { emptyHTML(&w) }
        w.markup("<ul class=\"cards\">")
        for card in cards { w.safe(card.html) }
        w.markup("</ul>\n")
        if hasPages { pagination(&w) }
        if showDownloads {
            w.markup("<p class=\"downloads\"><a href=\""); w.text(csvURL); w.markup("\" download>"); w.text(t.downloadCSV)
            w.markup("</a> · <a href=\""); w.text(exportURL); w.markup("\">"); w.text(t.exportChoices)
            w.markup("</a> · <a href=\""); w.text(jsonURL); w.markup("\">"); w.text(t.downloadJSON)
            w.markup("</a> · <a href=\""); w.text(completeListURL); w.markup("\">"); w.text(t.completeList)
            w.markup("</a> · <a href=\""); w.text(printURL); w.markup("\">"); w.text(t.printList); w.markup("</a></p>")
        }
        w.markup("\n</section>\n</div>\n")
        return w.result
    }

    /// No result: what to try instead, so the visitor is never left at a dead end.
    private func emptyHTML(_ w: inout HTMLWriter) {
        w.markup("<div class=\"empty\">\n<h2>"); w.text(t.noResultsTitle); w.markup("</h2>\n<p>"); w.text(t.noResultsHelp); w.markup("</p>\n")
        if hasSuggestions {
            w.markup("<p>"); w.text(t.didYouMean); w.markup(" ")
            w.links(suggestions)
            w.markup("</p>")
        }
        w.markup("\n")
        if browse {
            w.markup("<h3 id=\"browse-title\">"); w.text(t.browseSectors); w.markup("</h3>\n<ul class=\"tiles\">")
            for sector in browseSectors {
                w.markup("<li><a href=\""); w.text(sector.url); w.markup("\"><span class=\"tile-name\">"); w.text(sector.name)
                w.markup("</span> <span class=\"tile-count\">"); w.text(sector.count); w.markup("<span class=\"visually-hidden\"> ")
                w.text(t.enterprisesCount); w.markup("</span></span></a></li>")
            }
            w.markup("</ul>\n<p><a href=\""); w.text(browseCompleteListURL); w.markup("\">"); w.text(t.browseCompleteList); w.markup("</a></p>")
        }
        w.markup("\n")
        if hasChips {
            w.markup("<ul>")
            for chip in chips {
                w.markup("<li><a href=\""); w.text(chip.url); w.markup("\">"); w.text(t.removeFilter); w.markup(" : "); w.text(chip.label); w.markup("</a></li>")
            }
            w.markup("</ul>")
        }
        w.markup("\n</div>\n")
    }

    private func pagination(_ w: inout HTMLWriter) {
        w.markup("<nav class=\"pagination\" aria-label=\""); w.text(t.pagination); w.markup("\">\n<ul>\n")
        if let previousURL {
            w.markup("<li><a href=\""); w.text(previousURL); w.markup("\" rel=\"prev\">← "); w.text(t.previous); w.markup("</a></li>")
        }
        w.markup("\n")
        for link in pages {
            w.markup("<li>")
            if link.current {
                w.markup("<span aria-current=\"page\">"); w.text(String(link.number)); w.markup("</span>")
            } else if link.gap {
                w.markup("<span>…</span>")
            } else {
                w.markup("<a href=\""); w.text(link.url); w.markup("\">"); w.text(String(link.number)); w.markup("</a>")
            }
            w.markup("</li>")
        }
        w.markup("\n")
        if let nextURL {
            w.markup("<li><a href=\""); w.text(nextURL); w.markup("\" rel=\"next\">"); w.text(t.next); w.markup(" →</a></li>")
        }
        w.markup("\n</ul>\n</nav>\n")
    }
}

extension HTMLWriter {
    /// Links each followed by a space, as the template wrote them.
    fileprivate mutating func links(_ items: [SearchPage.Suggestion]) {
        for item in items {
            markup("<a href=\""); text(item.url); markup("\">"); text(item.text); markup("</a> ")
        }
    }
}
