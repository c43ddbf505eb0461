import Foundation
import Mustache

/// The enterprise form as the templates see it (`enterpriseform.mustache`): sections of inputs,
/// each with its value and, next to it, the validation message that concerns it.
struct EnterpriseFormModel: Sendable {
    struct Option: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct Field: Sendable {
        var name: String
        var id: String
        var label: String
        var value: String
        var hint: String?
        var error: String?
        var warning: String?
        var type = "text"
        var isInput = false
        var isTextarea = false
        var isSelect = false
        var isCheckbox = false
        var checked = false
        var required = false
        var options: [Option] = []
        // Flags, stored rather than computed since templates only see stored properties. The
        // templates test them instead of the optionals: a missing value would be looked up in
        // the enclosing section (the row, the section) and show its text instead.
        var invalid = false
        var warned = false
        var hinted = false
    }

    struct CheckGroup: Sendable {
        var name: String
        var id: String
        var legend: String
        var choices: [Option]
        var error: String?
        var warning: String?
        var invalid: Bool
        var warned: Bool
    }

    struct Row: Sendable {
        var legend: String
        var fields: [Field]
        /// An empty block offered for a new entry: behind « Ajouter » when scripts run.
        var blank = false
        /// A second empty block: hidden even without scripts (one empty block is enough there).
        var spare = false
    }

    struct Section: Sendable {
        var id: String
        var title: String
        var fields: [Field]
        var groups: [CheckGroup]
        var rows: [Row]
        var hint: String?
        /// The « Ajouter » button's words, for sections of repeated blocks.
        var addLabel = ""
        var canAdd = false
    }

    struct IssueLink: Sendable {
        var href: String
        var label: String
        var message: String
    }

    var sections: [Section]
    var errors: [IssueLink]
    var warnings: [IssueLink]
    var hasErrors: Bool
    var errorCount: Int
    var hasWarnings: Bool

    static let blankRows = 2

    init(_ input: EnterpriseFormInput, issues: [FieldIssue]) {
        var errorsByInput: [String: [String]] = [:]
        var warningsByInput: [String: [String]] = [:]
        for issue in issues {
            let name = EnterpriseFormInput.inputName(for: issue.field)
            if issue.severity == .error { errorsByInput[name, default: []].append(issue.message) } else { warningsByInput[name, default: []].append(issue.message) }
        }
        func field(_ name: String, _ label: String, type: String = "text", hint: String? = nil, required: Bool = false) -> Field {
            Field(name: name, id: EnterpriseFormInput.inputID(name), label: label, value: input[name], hint: hint,
                  error: errorsByInput[name]?.joined(separator: " "), warning: warningsByInput[name]?.joined(separator: " "),
                  type: type, isInput: true, required: required, invalid: errorsByInput[name] != nil,
                  warned: warningsByInput[name] != nil, hinted: hint != nil)
        }
        func area(_ name: String, _ label: String, hint: String? = nil) -> Field {
            var f = field(name, label, hint: hint)
            f.isInput = false
            f.isTextarea = true
            return f
        }
        func select(_ name: String, _ label: String, _ options: [(String, String)], blank: String? = nil) -> Field {
            var f = field(name, label)
            f.isInput = false
            f.isSelect = true
            let all: [(String, String)] = (blank.map { [("", $0)] } ?? []) + options
            f.options = all.map { Option(value: $0.0, label: $0.1, selected: input[name] == $0.0) }
            return f
        }
        func checkbox(_ name: String, _ label: String) -> Field {
            var f = field(name, label)
            f.isInput = false
            f.isCheckbox = true
            f.checked = !input[name].isEmpty
            return f
        }
        func group(_ name: String, _ legend: String, _ choices: [(String, String)], selected: Set<String>) -> CheckGroup {
            CheckGroup(name: name, id: EnterpriseFormInput.inputID(name), legend: legend,
                       choices: choices.map { Option(value: $0.0, label: $0.1, selected: selected.contains($0.0)) },
                       error: errorsByInput[name]?.joined(separator: " "), warning: warningsByInput[name]?.joined(separator: " "),
                       invalid: errorsByInput[name] != nil, warned: warningsByInput[name] != nil)
        }
        func rows(_ groupName: String, _ legend: String, _ make: (Int) -> [Field]) -> [Row] {
            let filled = input.rowCounts[groupName] ?? 0
            return (0..<(filled + Self.blankRows)).map { i in
                Row(legend: "\(legend) \(i + 1)", fields: make(i), blank: i >= filled, spare: i > filled)
            }
        }
        let kinds = OfferingKind.allCases.map { ($0.rawValue, $0.name) }

        var sections = [
            Section(id: "identite", title: "Identité", fields: [
                field("name", "Nom de l'entreprise", required: true),
                field("neq", "NEQ", hint: "Numéro d'entreprise du Québec, 10 chiffres."),
                select("legalForm", "Forme juridique", LegalForm.allCases.map { ($0.rawValue, $0.name) }, blank: "— Choisir —"),
                field("foundedYear", "Année de fondation", type: "text"),
                select("status", "Statut", [("active", "Active"), ("closed", "Fermée")]),
            ], groups: [], rows: rows("otherNames", "Autre nom") { i in [
                field("otherNames[\(i)].name", "Nom"),
                select("otherNames[\(i)].kind", "Type de nom", [("trade", "Nom commercial ou ancien nom"), ("legal", "Nom légal (REQ)")]),
            ] }),
            Section(id: "mission", title: "Mission", fields: [
                area("mission", "Mission (français)"),
                area("missionEnglish", "Mission (anglais)"),
            ], groups: [], rows: []),
            Section(id: "secteurs", title: "Secteurs et certifications", fields: [], groups: [
                group("sectors", "Secteurs d'activité", Sector.all.map { ($0.slug, $0.name) }, selected: input.sectors),
                group("certifications", "Certifications", Certification.all.map { ($0.slug, $0.name) }, selected: input.certifications),
            ], rows: []),
            Section(id: "offre", title: "Offre de produits et services", fields: [], groups: [], rows: rows("offerings", "Produit ou service") { i in [
                field("offerings[\(i)].name", "Nom"),
                select("offerings[\(i)].kind", "Catégorie", kinds),
                area("offerings[\(i)].description", "Description"),
                checkbox("offerings[\(i)].offeredToMunicipalities", "Offert aux municipalités"),
            ] }, hint: "Laissez une ligne vide pour ne rien ajouter ; videz une ligne pour la retirer."),
            Section(id: "adresse", title: "Adresse et municipalité", fields: [
                field("address", "Adresse"),
                field("municipalityCode", "Code géographique de la municipalité", hint: "5 chiffres, ex. 58227 pour Longueuil."),
                field("postalCode", "Code postal"),
                select("regionCode", "Région", Region.all.map { ($0.code, "\($0.code) — \($0.name)") }, blank: "— Celle de la municipalité —"),
                field("latitude", "Latitude"),
                field("longitude", "Longitude"),
                select("serviceArea.scope", "Territoire desservi", [("quebec", "Tout le Québec"), ("regions", "Des régions"), ("mrcs", "Des MRC"), ("municipalities", "Des municipalités")],
                       blank: "— La région de l'entreprise —"),
                field("serviceArea.codes", "Codes des régions, MRC ou municipalités desservies",
                      hint: "Séparés par des virgules. Régions : 16, 06 ; MRC : 460 (MRC Brome-Missisquoi), 58 (territoire de Longueuil) ; municipalités : 58227."),
            ], groups: [], rows: []),
            Section(id: "coordonnees", title: "Coordonnées", fields: [
                field("phone", "Téléphone", type: "tel"),
                field("email", "Courriel public", type: "email"),
                field("website", "Site Web"),
            ], groups: [], rows: []),
            Section(id: "gestionnaires", title: "Gestionnaires", fields: [], groups: [], rows: rows("managers", "Gestionnaire") { i in [
                field("managers[\(i)].name", "Nom"),
                field("managers[\(i)].role", "Fonction"),
                field("managers[\(i)].email", "Courriel", type: "email"),
                field("managers[\(i)].phone", "Téléphone", type: "tel"),
            ] }, hint: "Renseignements personnels (Loi 25) : visibles seulement par les personnes autorisées."),
            Section(id: "retombees", title: "Retombées", fields: [
                area("benefits.text", "Retombées dans la communauté"),
                field("benefits.employees", "Employés"),
                field("benefits.integrationEmployees", "Dont en insertion ou emplois adaptés"),
                field("benefits.volunteers", "Bénévoles"),
                field("benefits.members", "Membres"),
                field("benefits.peopleServed", "Personnes servies"),
            ], groups: [], rows: []),
            Section(id: "contrats", title: "Contrats municipaux", fields: [], groups: [], rows: rows("contracts", "Contrat") { i in [
                field("contracts[\(i)].municipality", "Municipalité"),
                field("contracts[\(i)].year", "Année"),
                field("contracts[\(i)].description", "Description"),
                field("contracts[\(i)].amount", "Montant ($)"),
            ] }),
            Section(id: "verification", title: "Vérification et source", fields: [
                field("lastVerified", "Dernière vérification", hint: "AAAA-MM-JJ"),
                field("source", "Source"),
            ], groups: [], rows: []),
        ]
        let additions = ["identite": "un autre nom", "offre": "un produit ou service", "gestionnaires": "un gestionnaire", "contrats": "un contrat"]
        for index in sections.indices {
            guard let addition = additions[sections[index].id], !sections[index].rows.isEmpty else { continue }
            sections[index].addLabel = "Ajouter \(addition)"
            sections[index].canAdd = true
        }

        var known: [String: String] = [:]
        for section in sections {
            for f in section.fields { known[f.name] = f.label }
            for g in section.groups { known[g.name] = g.legend }
            for row in section.rows { for f in row.fields { known[f.name] = "\(row.legend) — \(f.label)" } }
        }
        func link(_ issue: FieldIssue) -> IssueLink {
            let name = EnterpriseFormInput.inputName(for: issue.field)
            if let label = known[name] { return IssueLink(href: "#" + EnterpriseFormInput.inputID(name), label: label, message: issue.message) }
            // Paths without their own input (e.g. "too many offerings") point to their section.
            let section = sections.first { s in s.rows.contains { $0.fields.contains { $0.name.hasPrefix(name) } } }
            return IssueLink(href: "#" + (section?.id ?? "formulaire"), label: section?.title ?? "Formulaire", message: issue.message)
        }
        self.sections = sections
        errors = issues.filter { $0.severity == .error }.map(link)
        warnings = issues.filter { $0.severity == .warning }.map(link)
        hasErrors = !errors.isEmpty
        errorCount = errors.count
        hasWarnings = !warnings.isEmpty
    }
}

// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension EnterpriseFormModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "sections": self.sections
        case "errors": self.errors
        case "warnings": self.warnings
        case "hasErrors": self.hasErrors
        case "errorCount": self.errorCount
        case "hasWarnings": self.hasWarnings
        default: nil
        }
    }
}

extension EnterpriseFormModel.Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": self.value
        case "label": self.label
        case "selected": self.selected
        default: nil
        }
    }
}

extension EnterpriseFormModel.Field: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "id": self.id
        case "label": self.label
        case "value": self.value
        case "hint": self.hint
        case "error": self.error
        case "warning": self.warning
        case "type": self.type
        case "isInput": self.isInput
        case "isTextarea": self.isTextarea
        case "isSelect": self.isSelect
        case "isCheckbox": self.isCheckbox
        case "checked": self.checked
        case "required": self.required
        case "options": self.options
        case "invalid": self.invalid
        case "warned": self.warned
        case "hinted": self.hinted
        default: nil
        }
    }
}

extension EnterpriseFormModel.CheckGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "id": self.id
        case "legend": self.legend
        case "choices": self.choices
        case "error": self.error
        case "warning": self.warning
        case "invalid": self.invalid
        case "warned": self.warned
        default: nil
        }
    }
}

extension EnterpriseFormModel.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "legend": self.legend
        case "fields": self.fields
        case "blank": self.blank
        case "spare": self.spare
        default: nil
        }
    }
}

extension EnterpriseFormModel.Section: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "title": self.title
        case "fields": self.fields
        case "groups": self.groups
        case "rows": self.rows
        case "hint": self.hint
        case "addLabel": self.addLabel
        case "canAdd": self.canAdd
        default: nil
        }
    }
}

extension EnterpriseFormModel.IssueLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": self.href
        case "label": self.label
        case "message": self.message
        default: nil
        }
    }
}
