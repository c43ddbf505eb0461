import Foundation

/// The enterprise form exactly as typed: each input's text by name, so that a refused form comes
/// back with everything still in it. Input names are the paths the domain's validation uses
/// (`offerings[2].name`), which is how its messages find their input.
struct EnterpriseFormInput: Sendable, Equatable {
    var values: [String: String] = [:]
    var sectors: Set<String> = []
    var certifications: Set<String> = []
    /// Rows shown for each repeatable group (blank rows are added when rendering).
    var rowCounts: [String: Int] = [:]

    /// Repeatable groups and their columns.
    static let groups: [(name: String, columns: [String])] = [
        ("otherNames", ["name", "kind"]),
        ("offerings", ["name", "kind", "description", "offeredToMunicipalities"]),
        ("managers", ["name", "role", "email", "phone"]),
        ("contracts", ["municipality", "year", "description", "amount"]),
    ]
    static let maximumRows = 250

    subscript(_ name: String) -> String {
        get { values[name] ?? "" }
        set { values[name] = newValue }
    }

    // MARK: From a stored profile

    init() {}

    init(_ p: EnterpriseProfile) {
        self["name"] = p.name
        for (i, other) in p.otherNames.enumerated() {
            self["otherNames[\(i)].name"] = other.name
            self["otherNames[\(i)].kind"] = other.kind.rawValue
        }
        rowCounts["otherNames"] = p.otherNames.count
        self["neq"] = p.neq ?? ""
        self["legalForm"] = p.legalForm.rawValue
        self["foundedYear"] = p.foundedYear.map(String.init) ?? ""
        self["status"] = p.status.rawValue
        self["mission"] = p.mission ?? ""
        self["missionEnglish"] = p.missionEnglish ?? ""
        sectors = Set(p.sectors)
        for (i, o) in p.offerings.enumerated() {
            self["offerings[\(i)].name"] = o.name
            self["offerings[\(i)].kind"] = o.kind.rawValue
            self["offerings[\(i)].description"] = o.description ?? ""
            self["offerings[\(i)].offeredToMunicipalities"] = o.offeredToMunicipalities ? "1" : ""
        }
        rowCounts["offerings"] = p.offerings.count
        self["address"] = p.address ?? ""
        self["municipalityCode"] = p.municipalityCode ?? ""
        self["postalCode"] = p.postalCode ?? ""
        self["regionCode"] = p.regionCode ?? ""
        self["latitude"] = p.coordinates.map { String($0.latitude) } ?? ""
        self["longitude"] = p.coordinates.map { String($0.longitude) } ?? ""
        self["serviceArea.scope"] = p.serviceArea?.scope.rawValue ?? ""
        self["serviceArea.codes"] = p.serviceArea?.codes.joined(separator: ", ") ?? ""
        self["phone"] = p.phone ?? ""
        self["email"] = p.email ?? ""
        self["website"] = p.website ?? ""
        for (i, m) in p.managers.enumerated() {
            self["managers[\(i)].name"] = m.name
            self["managers[\(i)].role"] = m.role ?? ""
            self["managers[\(i)].email"] = m.email ?? ""
            self["managers[\(i)].phone"] = m.phone ?? ""
        }
        rowCounts["managers"] = p.managers.count
        self["benefits.text"] = p.benefits.text ?? ""
        self["benefits.employees"] = p.benefits.employees.map(String.init) ?? ""
        self["benefits.integrationEmployees"] = p.benefits.integrationEmployees.map(String.init) ?? ""
        self["benefits.volunteers"] = p.benefits.volunteers.map(String.init) ?? ""
        self["benefits.members"] = p.benefits.members.map(String.init) ?? ""
        self["benefits.peopleServed"] = p.benefits.peopleServed.map(String.init) ?? ""
        certifications = Set(p.certifications)
        for (i, c) in p.contracts.enumerated() {
            self["contracts[\(i)].municipality"] = c.municipality
            self["contracts[\(i)].year"] = String(c.year)
            self["contracts[\(i)].description"] = c.description
            self["contracts[\(i)].amount"] = c.amount.map(String.init) ?? ""
        }
        rowCounts["contracts"] = p.contracts.count
        self["lastVerified"] = p.lastVerified ?? ""
        self["source"] = p.source ?? ""
    }

    // MARK: From a submitted form

    /// The form's fields; blank repeatable rows are dropped.
    init(_ form: FormBody) {
        for (name, value) in form.fields where !name.hasPrefix("_") && name != "version" {
            if name == "sectors" {
                if !value.isEmpty { sectors.insert(value) }
            } else if name == "certifications" {
                if !value.isEmpty { certifications.insert(value) }
            } else if values[name] == nil {
                values[name] = value.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        // Renumber each group's filled rows from zero, so blank rows in between disappear.
        for group in Self.groups {
            var next = 0
            var renumbered: [String: String] = [:]
            for index in 0..<Self.maximumRows {
                let cells = group.columns.map { values["\(group.name)[\(index)].\($0)"] ?? "" }
                let texts = zip(group.columns, cells).filter { $0.0 != "offeredToMunicipalities" && $0.0 != "kind" }.map(\.1)
                guard texts.contains(where: { !$0.isEmpty }) else { continue }
                for (column, cell) in zip(group.columns, cells) { renumbered["\(group.name)[\(next)].\(column)"] = cell }
                next += 1
            }
            values = values.filter { !$0.key.hasPrefix(group.name + "[") }
            values.merge(renumbered) { _, new in new }
            rowCounts[group.name] = next
        }
    }

    // MARK: To a profile

    /// The profile the form describes, with the problems found reading it (numbers that are not
    /// numbers, unknown choices); the domain's validation does the rest.
    func profile() -> (EnterpriseProfile, [FieldIssue]) {
        var issues: [FieldIssue] = []
        func optional(_ name: String) -> String? {
            let text = self[name]
            return text.isEmpty ? nil : text
        }
        func integer(_ name: String, required: Bool = false, label: String? = nil) -> Int? {
            let text = self[name].filter { !$0.isWhitespace && $0 != "$" && $0 != "\u{00A0}" && $0 != "\u{202F}" }
            if text.isEmpty {
                if required {
                    issues.append(FieldIssue(field: name, code: "required", message: "\(label ?? "Cette valeur") est obligatoire.", english: "This value is required."))
                }
                return nil
            }
            guard let value = Int(text) else {
                issues.append(FieldIssue(field: name, code: "not_a_number", message: "Écrivez un nombre entier, sans lettres (ex. 12).",
                                         english: "Write a whole number (e.g. 12)."))
                return nil
            }
            return value
        }

        let legalForm = LegalForm(rawValue: self["legalForm"])
        if legalForm == nil {
            issues.append(FieldIssue(field: "legalForm", code: "required", message: "Choisissez la forme juridique.", english: "Choose the legal form."))
        }
        var p = EnterpriseProfile(name: self["name"], legalForm: legalForm ?? .other)
        for i in 0..<(rowCounts["otherNames"] ?? 0) {
            p.otherNames.append(OtherName(kind: OtherName.Kind(rawValue: self["otherNames[\(i)].kind"]) ?? .trade, name: self["otherNames[\(i)].name"]))
        }
        p.neq = optional("neq")
        p.foundedYear = integer("foundedYear")
        p.status = EnterpriseStatus(rawValue: self["status"]) ?? .active
        p.mission = optional("mission")
        p.missionEnglish = optional("missionEnglish")
        p.sectors = Sector.all.map(\.slug).filter(sectors.contains) + sectors.filter { Sector.find($0) == nil }.sorted()
        for i in 0..<(rowCounts["offerings"] ?? 0) {
            let kind = OfferingKind(rawValue: self["offerings[\(i)].kind"]) ?? .service
            p.offerings.append(Offering(name: self["offerings[\(i)].name"], description: optional("offerings[\(i)].description"), kind: kind,
                                        offeredToMunicipalities: !self["offerings[\(i)].offeredToMunicipalities"].isEmpty))
        }
        p.address = optional("address")
        p.municipalityCode = optional("municipalityCode")
        p.postalCode = optional("postalCode")
        p.regionCode = optional("regionCode")
        let latitude = self["latitude"].replacingOccurrences(of: ",", with: ".")
        let longitude = self["longitude"].replacingOccurrences(of: ",", with: ".")
        if !latitude.isEmpty || !longitude.isEmpty {
            if let lat = Double(latitude), let lon = Double(longitude) {
                p.coordinates = Coordinates(latitude: lat, longitude: lon)
            } else {
                issues.append(FieldIssue(field: "coordinates", code: "not_a_number",
                                         message: "Indiquez la latitude et la longitude en degrés décimaux (ex. 45.53 et -73.51), ou laissez les deux vides.",
                                         english: "Give latitude and longitude in decimal degrees, or leave both empty."))
            }
        }
        if let scope = ServiceArea.Scope(rawValue: self["serviceArea.scope"]) {
            let codes = self["serviceArea.codes"].split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
            p.serviceArea = ServiceArea(scope: scope, codes: scope == .quebec ? [] : codes)
        }
        p.phone = optional("phone")
        p.email = optional("email")
        p.website = optional("website")
        for i in 0..<(rowCounts["managers"] ?? 0) {
            p.managers.append(ManagerContact(name: self["managers[\(i)].name"], role: optional("managers[\(i)].role"),
                                             email: optional("managers[\(i)].email"), phone: optional("managers[\(i)].phone")))
        }
        p.benefits = CommunityBenefits(text: optional("benefits.text"), employees: integer("benefits.employees"),
                                       integrationEmployees: integer("benefits.integrationEmployees"), volunteers: integer("benefits.volunteers"),
                                       members: integer("benefits.members"), peopleServed: integer("benefits.peopleServed"))
        p.certifications = Certification.all.map(\.slug).filter(certifications.contains) + certifications.filter { Certification.find($0) == nil }.sorted()
        for i in 0..<(rowCounts["contracts"] ?? 0) {
            let year = integer("contracts[\(i)].year", required: true, label: "L'année du contrat")
            p.contracts.append(MunicipalContract(municipality: self["contracts[\(i)].municipality"], year: year ?? 0,
                                                 description: self["contracts[\(i)].description"], amount: integer("contracts[\(i)].amount")))
        }
        p.lastVerified = optional("lastVerified")
        p.source = optional("source")
        return (p, issues)
    }

    /// The input a validation path belongs to: `sectors[3]` → `sectors`, `coordinates` → `latitude`.
    static func inputName(for path: String) -> String {
        if path.hasPrefix("sectors") { return "sectors" }
        if path.hasPrefix("certifications") { return "certifications" }
        if path.hasPrefix("serviceArea.codes") { return "serviceArea.codes" }
        if path == "coordinates" { return "latitude" }
        return path
    }

    /// The HTML id of an input.
    static func inputID(_ name: String) -> String {
        "f-" + String(name.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }
}
