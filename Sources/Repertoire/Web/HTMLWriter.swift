/// HTML written in Swift for the pieces a page repeats dozens of times (result cards, facet
/// values), where swift-mustache's cost per tag (~2 µs: a name split and several dynamic casts
/// per level of its context stack) was most of a results page's time.
///
/// Markup can only come from string literals (`StaticString`); every other piece of text goes
/// through ``HTMLEscaping`` on its way in, attribute values included (quotes are escaped), so a
/// value read from the directory can never open a tag.
struct HTMLWriter {
    private(set) var html = ""

    init(capacity: Int = 512) {
        html.reserveCapacity(capacity)
    }

    /// Markup of the app's own: literals only.
    mutating func markup(_ literal: StaticString) {
        literal.withUTF8Buffer { html += String(decoding: $0, as: UTF8.self) }
    }

    /// Text, or an attribute value between double quotes: escaped.
    mutating func text(_ value: String) {
        html += HTMLEscaping.escape(value)
    }

    /// HTML the app already wrote and escaped (highlighted names and snippets).
    mutating func safe(_ value: SafeHTML) {
        html += value.renderText
    }

    var result: SafeHTML { SafeHTML(written: html) }
}

extension HTMLWriter {
    /// The `<option>`s of a select: each value with its label, the chosen one selected.
    mutating func options(_ items: [(value: String, label: String)], selected: String?) {
        for item in items {
            markup("<option value=\""); text(item.value); markup("\""); if item.value == selected { markup(" selected") }
            markup(">"); text(item.label); markup("</option>")
        }
    }

    /// Hidden fields that carry a form's other values.
    mutating func hiddenFields(_ fields: [HiddenField]) {
        for field in fields {
            markup("<input type=\"hidden\" name=\""); text(field.name); markup("\" value=\""); text(field.value); markup("\">")
        }
    }

    /// The regions of Quebec as options.
    mutating func regionOptions(selected: String?) {
        options(Region.all.map { ($0.code, $0.name) }, selected: selected)
    }
}

extension HTMLWriter {
    /// What is wrong with a page's request or form, as an alert, when anything is.
    mutating func problems(_ list: [String]) {
        guard !list.isEmpty else { return }
        markup("<div class=\"alert\" role=\"alert\"><ul>")
        for problem in list { markup("<li>"); text(problem); markup("</li>") }
        markup("</ul></div>")
    }
}
