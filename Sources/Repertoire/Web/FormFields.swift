/// The pieces of a staff form written with ``HTMLWriter``: the summary of problems, each linked
/// to its field, and labelled inputs whose error and hint are tied to them (`aria-describedby`,
/// `aria-invalid`), so that a screen reader says what is wrong where.
struct FormFields {
    let issues: [FieldIssue]
    let web: WebContext

    func issue(_ field: String) -> FieldIssue? { issues.first { $0.field == field } }

    /// « Rien n'est enregistré : corrigez ce qui suit. » and the list of problems.
    func summary(_ w: inout HTMLWriter, _ french: String, _ english: String) {
        guard !issues.isEmpty else { return }
        w.markup("<div class=\"alert\" role=\"alert\"><p>"); w.text(web.tr(french, english)); w.markup("</p><ul>")
        for issue in issues {
            w.markup("<li><a href=\"#"); w.text(issue.field); w.markup("\">"); w.text(web.tr(issue.message, issue.messageEnglish)); w.markup("</a></li>")
        }
        w.markup("</ul></div>")
    }

    func error(_ w: inout HTMLWriter, _ field: String) {
        guard let issue = issue(field) else { return }
        w.markup("<span class=\"field-error\" id=\""); w.text(field + "-erreur"); w.markup("\">"); w.text(web.tr(issue.message, issue.messageEnglish)); w.markup("</span>")
    }

    func describedBy(_ w: inout HTMLWriter, _ field: String, hint: Bool) {
        let ids = (issue(field) != nil ? [field + "-erreur"] : []) + (hint ? [field + "-aide"] : [])
        if issue(field) != nil { w.markup(" aria-invalid=\"true\"") }
        if !ids.isEmpty { w.markup(" aria-describedby=\""); w.text(ids.joined(separator: " ")); w.markup("\"") }
    }

    private func label(_ w: inout HTMLWriter, _ field: String, _ label: String, hint: String?) {
        w.markup("<p><label for=\""); w.text(field); w.markup("\">"); w.text(label); w.markup("</label>")
        if let hint { w.markup("<span class=\"hint\" id=\""); w.text(field + "-aide"); w.markup("\">"); w.text(hint); w.markup("</span>") }
        error(&w, field)
    }

    /// A one-line input. `type` is a literal (`text`, `date`, `time`, `url`).
    func input(_ w: inout HTMLWriter, _ field: String, _ label: String, value: String, type: StaticString = "text", maxLength: Int = 200,
               required: Bool = false, hint: String? = nil) {
        self.label(&w, field, label, hint: hint)
        w.markup("<input type=\""); w.markup(type); w.markup("\" id=\""); w.text(field); w.markup("\" name=\""); w.text(field)
        w.markup("\" maxlength=\""); w.text(String(maxLength)); w.markup("\"")
        if required { w.markup(" required") }
        describedBy(&w, field, hint: hint != nil)
        w.markup(" value=\""); w.text(value); w.markup("\"></p>")
    }

    func textarea(_ w: inout HTMLWriter, _ field: String, _ label: String, value: String, rows: Int = 4, maxLength: Int, required: Bool = false, hint: String? = nil) {
        self.label(&w, field, label, hint: hint)
        w.markup("<textarea id=\""); w.text(field); w.markup("\" name=\""); w.text(field); w.markup("\" rows=\""); w.text(String(rows))
        w.markup("\" maxlength=\""); w.text(String(maxLength)); w.markup("\"")
        if required { w.markup(" required") }
        describedBy(&w, field, hint: hint != nil)
        w.markup(">"); w.text(value); w.markup("</textarea></p>")
    }

    /// Radio buttons in a fieldset whose legend names the choice.
    func radios(_ w: inout HTMLWriter, _ field: String, _ legend: String, options: [(value: String, label: String)], selected: String) {
        w.markup("<fieldset id=\""); w.text(field); w.markup("\"")
        if issue(field) != nil { w.markup(" aria-describedby=\""); w.text(field + "-erreur"); w.markup("\"") }
        w.markup("><legend>"); w.text(legend); w.markup("</legend>"); error(&w, field)
        for option in options {
            w.markup("<label class=\"check\"><input type=\"radio\" name=\""); w.text(field); w.markup("\" value=\""); w.text(option.value); w.markup("\"")
            if option.value == selected { w.markup(" checked") }
            w.markup("> "); w.text(option.label); w.markup("</label>")
        }
        w.markup("</fieldset>")
    }

    /// Checkboxes (several values under one name) in a fieldset.
    func checkboxes(_ w: inout HTMLWriter, _ field: String, _ legend: String, options: [(value: String, label: String)], checked: [String]) {
        w.markup("<fieldset id=\""); w.text(field); w.markup("\" class=\"checks\"")
        if issue(field) != nil { w.markup(" aria-describedby=\""); w.text(field + "-erreur"); w.markup("\"") }
        w.markup("><legend>"); w.text(legend); w.markup("</legend>"); error(&w, field)
        for option in options {
            w.markup("<label class=\"check\"><input type=\"checkbox\" name=\""); w.text(field); w.markup("\" value=\""); w.text(option.value); w.markup("\"")
            if checked.contains(option.value) { w.markup(" checked") }
            w.markup("> "); w.text(option.label); w.markup("</label>")
        }
        w.markup("</fieldset>")
    }
}
