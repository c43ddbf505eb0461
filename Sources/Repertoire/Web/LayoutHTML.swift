/// The site's frame, written in Swift once for every page: `layout.mustache` prints ``top``,
/// the page's content, then ``bottom``, and the pages written wholly in Swift (the results
/// pages, ``SearchPage``) print the same three without the template engine, whose cost per tag
/// made the frame's forty tags a tenth of a results page.
extension LayoutModel {
    /// From the doctype to the opening of the content's `<div class="wrap">`.
    var top: SafeHTML {
        let t = language.strings
        var w = HTMLWriter(capacity: 4_096)
        w.markup("<!doctype html>\n<html lang=\""); w.text(lang); w.markup("\">\n<head>\n<meta charset=\"utf-8\">\n")
        w.markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"); w.text(title); w.markup("</title>\n")
        w.markup("<meta name=\"description\" content=\""); w.text(description); w.markup("\">\n")
        w.markup("<link rel=\"canonical\" href=\""); w.text(canonical); w.markup("\">\n")
        w.markup("<link rel=\"alternate\" hreflang=\""); w.text(alternateLang); w.markup("\" href=\""); w.text(alternate); w.markup("\">\n")
        w.markup("<link rel=\"stylesheet\" href=\""); w.text(cssURL); w.markup("\">\n")
        w.markup("<link rel=\"icon\" href=\""); w.text(iconURL); w.markup("\" type=\"image/svg+xml\">\n")
        w.markup("<script src=\""); w.text(jsURL); w.markup("\" defer></script>\n</head>\n<body>\n")
        w.markup("<a class=\"skip-link\" href=\"#contenu\">"); w.text(t.skipToContent); w.markup("</a>\n")
        w.markup("<header class=\"site-header\">\n<div class=\"wrap header-row\">\n<a class=\"brand\" href=\""); w.text(homeURL)
        w.markup("\"><span class=\"brand-name\">"); w.text(t.siteName); w.markup("</span><span class=\"brand-tagline\">"); w.text(t.tagline)
        w.markup("</span></a>\n<nav aria-label=\""); w.text(t.mainNavigation); w.markup("\">\n<ul class=\"nav\">\n")
        w.markup("<li><a href=\""); w.text(searchURL); w.markup("\">"); w.text(t.navSearch); w.markup("</a></li>\n")
        w.markup("<li><a href=\""); w.text(homeURL); w.markup("#secteurs\">"); w.text(t.navSectors); w.markup("</a></li>\n")
        w.markup("<li><a href=\""); w.text(homeURL); w.markup("#regions\">"); w.text(t.navRegions); w.markup("</a></li>\n")
        w.markup("<li><a href=\""); w.text(hubURL); w.markup("\">"); w.text(t.navHub); w.markup("</a></li>\n")
        w.markup("<li><a href=\""); w.text(tendersURL); w.markup("\">"); w.text(t.navTenders); w.markup("</a></li>\n")
        w.markup("<li><a href=\""); w.text(aboutURL); w.markup("\">"); w.text(t.navAbout); w.markup("</a></li>\n")
        for link in staffLinks { w.markup("<li><a href=\""); w.text(link.url); w.markup("\">"); w.text(link.label); w.markup("</a></li>") }
        w.markup("\n")
        if signedIn {
            w.markup("<li><a href=\""); w.text(accountURL); w.markup("\">"); w.text(t.myAccount); w.markup("</a></li>\n")
            w.markup("<li><form method=\"post\" action=\""); w.text(signOutURL); w.markup("\" class=\"inline-form\"><input type=\"hidden\" name=\"_csrf\" value=\"")
            w.text(csrf); w.markup("\"><button type=\"submit\" class=\"link-button\">"); w.text(t.signOut); w.markup("</button></form></li>")
        }
        w.markup("\n")
        if !signedIn { w.markup("<li><a href=\""); w.text(signInURL); w.markup("\">"); w.text(t.signIn); w.markup("</a></li>") }
        w.markup("\n<li><a href=\""); w.text(switchURL); w.markup("\" lang=\""); w.text(alternateLang); w.markup("\" hreflang=\""); w.text(alternateLang)
        w.markup("\" aria-label=\""); w.text(t.switchLanguageLabel); w.markup("\" class=\"lang-switch\">"); w.text(t.switchLanguage)
        w.markup("</a></li>\n</ul>\n</nav>\n</div>\n</header>\n")
        if fictional { w.markup("<p class=\"notice\" role=\"note\"><strong>"); w.text(t.fictionalNotice); w.markup("</strong></p>") }
        w.markup("\n<main id=\"contenu\" tabindex=\"-1\">\n<div class=\"wrap\">\n")
        return w.result
    }

    /// From the content's end to `</html>`.
    var bottom: SafeHTML {
        let t = language.strings
        var w = HTMLWriter(capacity: 512)
        w.markup("\n</div>\n</main>\n<footer class=\"site-footer\"><div class=\"wrap\"><p>"); w.text(t.footer); w.markup(" · <a href=\"")
        w.text(aboutURL); w.markup("\">"); w.text(t.navAbout); w.markup("</a> · <a href=\""); w.text(apiURL)
        w.markup("\">API</a></p></div></footer>\n</body>\n</html>\n")
        return w.result
    }

    /// A whole page around `content`, without the template engine.
    func document(_ content: SafeHTML) -> String {
        top.renderText + content.renderText + bottom.renderText
    }
}
