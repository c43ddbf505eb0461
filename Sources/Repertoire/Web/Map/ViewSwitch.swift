import Mustache

/// « Liste » / « Carte » beside a search's results count: the same query shown either way.
struct ViewSwitch: Sendable {
    var label: String
    var list: String
    var map: String
    var listURL: String
    var mapURL: String
    var onMap: Bool

    init(_ query: DirectoryQuery, context: WebContext, onMap: Bool) {
        let m = MapStrings.of(context.language)
        label = m.viewSwitch
        list = m.list
        map = m.map
        var first = query
        first.page = 1
        listURL = SiteURL.search(first).path(context.language)
        mapURL = SiteURL.searchMap(first).path(context.language)
        self.onMap = onMap
    }

    /// « Liste » / « Carte », written by ``HTMLWriter/viewSwitch(_:)`` for the map's template too.
    var html: SafeHTML {
        var w = HTMLWriter(capacity: 512)
        w.viewSwitch(self)
        return w.result
    }
}

extension ViewSwitch: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "list": list
        case "map": map
        case "listURL": listURL
        case "mapURL": mapURL
        case "onMap": onMap
        case "html": html
        default: nil
        }
    }
}

extension HTMLWriter {
    /// « Liste » / « Carte » (the `viewswitch` template's markup).
    mutating func viewSwitch(_ view: ViewSwitch) {
        markup("<nav class=\"view-switch\" aria-label=\""); text(view.label); markup("\"><ul><li>")
        if view.onMap {
            markup("<a href=\""); text(view.listURL); markup("\">"); text(view.list); markup("</a>")
        } else {
            markup("<span aria-current=\"page\">"); text(view.list); markup("</span>")
        }
        markup("</li><li>")
        if view.onMap {
            markup("<span aria-current=\"page\">"); text(view.map); markup("</span>")
        } else {
            markup("<a href=\""); text(view.mapURL); markup("\">"); text(view.map); markup("</a>")
        }
        markup("</li></ul></nav>\n")
    }
}
