import Foundation

extension EnterpriseProfile {
    static let maxOfferings = 100
    static let maxManagers = 20
    static let maxContracts = 200
    static let maxOtherNames = 20
    static let maxCount = 10_000_000

    /// Checks every field, returns the profile normalised (trimmed texts, `A1A 1A1` postal code,
    /// formatted phones, lower-case emails, region taken from the municipality) with its warnings,
    /// or throws every error found at once.
    public func validated(using catalog: any ReferenceCatalog, today: Date = Date()) throws(ValidationFailure) -> (EnterpriseProfile, warnings: [FieldIssue]) {
        var issues: [FieldIssue] = []
        var out = self
        let currentYear = Calendar(identifier: .gregorian).component(.year, from: today)

        out.name = TextRules.clean(name)
        if out.name.isEmpty {
            issues.append(FieldIssue(field: "name", code: "required",
                                     message: "Le nom de l'entreprise est obligatoire.",
                                     english: "The enterprise's name is required."))
        }
        check(out.name, max: TextRules.nameMax, field: "name", &issues)

        out.otherNames = []
        if otherNames.count > Self.maxOtherNames { issues.append(tooMany("otherNames", Self.maxOtherNames)) }
        for (index, other) in otherNames.enumerated() {
            let cleaned = TextRules.clean(other.name)
            let field = "otherNames[\(index)].name"
            if cleaned.isEmpty {
                issues.append(FieldIssue(field: field, code: "required", message: "Ce nom est vide.", english: "This name is empty."))
            }
            check(cleaned, max: TextRules.nameMax, field: field, &issues)
            out.otherNames.append(OtherName(kind: other.kind, name: cleaned))
        }

        if let raw = TextRules.optional(neq) {
            let (parsed, neqIssues) = NEQ.parse(raw)
            issues += neqIssues
            out.neq = parsed?.digits
        } else {
            out.neq = nil
        }

        if let year = foundedYear, year < 1800 || year > currentYear {
            issues.append(FieldIssue(field: "foundedYear", code: "out_of_range",
                                     message: "L'année de fondation doit être entre 1800 et \(currentYear).",
                                     english: "The founding year must be between 1800 and \(currentYear)."))
        }

        out.mission = mission.map(TextRules.cleanParagraphs).flatMap { $0.isEmpty ? nil : $0 }
        out.missionEnglish = missionEnglish.map(TextRules.cleanParagraphs).flatMap { $0.isEmpty ? nil : $0 }
        if let text = out.mission { check(text, max: TextRules.longTextMax, field: "mission", &issues) }
        if let text = out.missionEnglish { check(text, max: TextRules.longTextMax, field: "missionEnglish", &issues) }

        out.sectors = []
        for (index, slug) in sectors.enumerated() {
            guard let sector = Sector.find(slug) else {
                issues.append(FieldIssue(field: "sectors[\(index)]", code: "unknown_sector",
                                         message: "Le secteur « \(slug) » n'existe pas. Secteurs possibles : \(Sector.all.map(\.slug).joined(separator: ", ")).",
                                         english: "The sector \"\(slug)\" does not exist. Possible sectors: \(Sector.all.map(\.slug).joined(separator: ", "))."))
                continue
            }
            if !out.sectors.contains(sector.slug) { out.sectors.append(sector.slug) }
        }
        if sectors.isEmpty {
            issues.append(FieldIssue(field: "sectors", code: "no_sector",
                                     message: "Aucun secteur d'activité : l'entreprise sera plus difficile à trouver.",
                                     english: "No activity sector: the enterprise will be harder to find.", severity: .warning))
        }

        out.offerings = []
        if offerings.count > Self.maxOfferings { issues.append(tooMany("offerings", Self.maxOfferings)) }
        for (index, offering) in offerings.enumerated() {
            var cleaned = offering
            cleaned.name = TextRules.clean(offering.name)
            cleaned.description = TextRules.optional(offering.description)
            if cleaned.name.isEmpty {
                issues.append(FieldIssue(field: "offerings[\(index)].name", code: "required",
                                         message: "Le nom du produit ou service est obligatoire.",
                                         english: "The product or service name is required."))
            }
            check(cleaned.name, max: TextRules.nameMax, field: "offerings[\(index)].name", &issues)
            if let description = cleaned.description {
                check(description, max: 2_000, field: "offerings[\(index)].description", &issues)
            }
            out.offerings.append(cleaned)
        }

        out.address = TextRules.optional(address)
        if let text = out.address { check(text, max: TextRules.shortTextMax, field: "address", &issues) }

        out.municipalityCode = TextRules.optional(municipalityCode)
        var municipality: Municipality?
        if let code = out.municipalityCode {
            municipality = catalog.municipality(code: code)
            if municipality == nil {
                issues.append(FieldIssue(field: "municipalityCode", code: "unknown_municipality",
                                         message: "Aucune municipalité du Québec n'a le code « \(code) » (code géographique à 5 chiffres, ex. 58227 pour Longueuil).",
                                         english: "No Quebec municipality has the code \"\(code)\" (5-digit geographic code, e.g. 58227 for Longueuil)."))
            }
        }

        if let raw = TextRules.optional(postalCode) {
            switch PostalCode.parse(raw) {
            case .success(let code): out.postalCode = code.value
            case .failure(let issue): issues.append(issue)
            }
        } else {
            out.postalCode = nil
        }

        out.regionCode = TextRules.optional(regionCode)
        if let code = out.regionCode {
            if let region = Region.find(code) {
                out.regionCode = region.code
                if let municipality, municipality.regionCode != region.code {
                    issues.append(FieldIssue(field: "regionCode", code: "region_mismatch",
                                             message: "La municipalité \(municipality.name) est dans la région \(municipality.regionCode), pas \(region.code).",
                                             english: "The municipality \(municipality.name) is in region \(municipality.regionCode), not \(region.code)."))
                }
            } else {
                issues.append(FieldIssue(field: "regionCode", code: "unknown_region",
                                         message: "La région « \(code) » n'existe pas : codes 01 à 17 (ex. 16 pour la Montérégie).",
                                         english: "The region \"\(code)\" does not exist: codes 01 to 17 (e.g. 16 for Montérégie)."))
            }
        } else if let municipality {
            out.regionCode = municipality.regionCode
        } else if out.municipalityCode == nil {
            issues.append(FieldIssue(field: "regionCode", code: "required",
                                     message: "Indiquez la municipalité ou au moins la région de l'entreprise.",
                                     english: "Give the enterprise's municipality or at least its region."))
        }

        if let point = coordinates {
            if !(point.latitude.isFinite && (-90...90).contains(point.latitude)) || !(point.longitude.isFinite && (-180...180).contains(point.longitude)) {
                issues.append(FieldIssue(field: "coordinates", code: "out_of_range",
                                         message: "Les coordonnées doivent avoir une latitude entre -90 et 90 et une longitude entre -180 et 180.",
                                         english: "Coordinates need a latitude between -90 and 90 and a longitude between -180 and 180."))
            }
        }

        out.serviceArea = validatedServiceArea(catalog: catalog, regionCode: out.regionCode, &issues)

        out.phone = normalise(phone, field: "phone", ContactRules.phone, &issues)
        out.email = normalise(email, field: "email", ContactRules.email, &issues)
        out.website = normalise(website, field: "website", ContactRules.website, &issues)

        out.managers = []
        if managers.count > Self.maxManagers { issues.append(tooMany("managers", Self.maxManagers)) }
        for (index, manager) in managers.enumerated() {
            let prefix = "managers[\(index)]"
            var cleaned = ManagerContact(name: TextRules.clean(manager.name), role: TextRules.optional(manager.role))
            if cleaned.name.isEmpty {
                issues.append(FieldIssue(field: "\(prefix).name", code: "required",
                                         message: "Le nom du ou de la gestionnaire est obligatoire.",
                                         english: "The manager's name is required."))
            }
            check(cleaned.name, max: TextRules.nameMax, field: "\(prefix).name", &issues)
            if let role = cleaned.role { check(role, max: TextRules.nameMax, field: "\(prefix).role", &issues) }
            cleaned.email = normalise(manager.email, field: "\(prefix).email", ContactRules.email, &issues)
            cleaned.phone = normalise(manager.phone, field: "\(prefix).phone", ContactRules.phone, &issues)
            out.managers.append(cleaned)
        }

        out.benefits.text = benefits.text.map(TextRules.cleanParagraphs).flatMap { $0.isEmpty ? nil : $0 }
        if let text = out.benefits.text { check(text, max: TextRules.longTextMax, field: "benefits.text", &issues) }
        let figures: [(String, Int?)] = [
            ("employees", benefits.employees), ("integrationEmployees", benefits.integrationEmployees),
            ("volunteers", benefits.volunteers), ("members", benefits.members), ("peopleServed", benefits.peopleServed),
        ]
        for (field, value) in figures {
            if let value, value < 0 || value > Self.maxCount {
                issues.append(FieldIssue(field: "benefits.\(field)", code: "out_of_range",
                                         message: "Ce nombre doit être entre 0 et \(Self.maxCount).",
                                         english: "This number must be between 0 and \(Self.maxCount)."))
            }
        }
        if let employees = benefits.employees, let integration = benefits.integrationEmployees, integration > employees {
            issues.append(FieldIssue(field: "benefits.integrationEmployees", code: "more_than_employees",
                                     message: "Les emplois d'insertion ou adaptés (\(integration)) ne peuvent dépasser le nombre d'employés (\(employees)).",
                                     english: "Integration or adapted jobs (\(integration)) cannot exceed the number of employees (\(employees))."))
        }

        out.certifications = []
        for (index, slug) in certifications.enumerated() {
            guard let certification = Certification.find(slug) else {
                issues.append(FieldIssue(field: "certifications[\(index)]", code: "unknown_certification",
                                         message: "La certification « \(slug) » n'existe pas. Certifications possibles : \(Certification.all.map(\.slug).joined(separator: ", ")).",
                                         english: "The certification \"\(slug)\" does not exist. Possible values: \(Certification.all.map(\.slug).joined(separator: ", "))."))
                continue
            }
            if !out.certifications.contains(certification.slug) { out.certifications.append(certification.slug) }
        }

        out.contracts = []
        if contracts.count > Self.maxContracts { issues.append(tooMany("contracts", Self.maxContracts)) }
        for (index, contract) in contracts.enumerated() {
            let prefix = "contracts[\(index)]"
            var cleaned = contract
            cleaned.municipality = TextRules.clean(contract.municipality)
            cleaned.description = TextRules.clean(contract.description)
            if cleaned.municipality.isEmpty {
                issues.append(FieldIssue(field: "\(prefix).municipality", code: "required",
                                         message: "Indiquez la municipalité du contrat.", english: "Give the contract's municipality."))
            }
            if cleaned.description.isEmpty {
                issues.append(FieldIssue(field: "\(prefix).description", code: "required",
                                         message: "Décrivez le contrat (ce qui a été fourni).", english: "Describe the contract (what was supplied)."))
            }
            check(cleaned.municipality, max: TextRules.nameMax, field: "\(prefix).municipality", &issues)
            check(cleaned.description, max: TextRules.shortTextMax, field: "\(prefix).description", &issues)
            if contract.year < 1950 || contract.year > currentYear + 1 {
                issues.append(FieldIssue(field: "\(prefix).year", code: "out_of_range",
                                         message: "L'année du contrat doit être entre 1950 et \(currentYear + 1).",
                                         english: "The contract year must be between 1950 and \(currentYear + 1)."))
            }
            if let amount = contract.amount, amount < 0 || amount > 10_000_000_000 {
                issues.append(FieldIssue(field: "\(prefix).amount", code: "out_of_range",
                                         message: "Le montant doit être un nombre de dollars positif.",
                                         english: "The amount must be a positive number of dollars."))
            }
            out.contracts.append(cleaned)
        }

        out.lastVerified = TextRules.optional(lastVerified)
        if let day = out.lastVerified {
            if let date = CalendarDay.parse(day) {
                if date > today {
                    issues.append(FieldIssue(field: "lastVerified", code: "in_future",
                                             message: "La date de vérification ne peut pas être dans le futur.",
                                             english: "The verification date cannot be in the future."))
                }
            } else {
                issues.append(FieldIssue(field: "lastVerified", code: "date_format",
                                         message: "La date de vérification doit s'écrire AAAA-MM-JJ (ex. 2025-06-30).",
                                         english: "The verification date must be written YYYY-MM-DD (e.g. 2025-06-30)."))
            }
        }
        out.source = TextRules.optional(source)
        if let text = out.source { check(text, max: TextRules.shortTextMax, field: "source", &issues) }

        if issues.hasErrors { throw ValidationFailure(issues) }
        return (out, issues)
    }

    private func validatedServiceArea(catalog: any ReferenceCatalog, regionCode: String?, _ issues: inout [FieldIssue]) -> ServiceArea? {
        guard let area = serviceArea else {
            return regionCode.map { ServiceArea(scope: .regions, codes: [$0]) }
        }
        var codes: [String] = []
        switch area.scope {
        case .quebec:
            return ServiceArea(scope: .quebec)
        case .regions:
            for (index, code) in area.codes.enumerated() {
                if let region = Region.find(code) {
                    if !codes.contains(region.code) { codes.append(region.code) }
                } else {
                    issues.append(FieldIssue(field: "serviceArea.codes[\(index)]", code: "unknown_region",
                                             message: "La région « \(code) » n'existe pas : codes 01 à 17.",
                                             english: "The region \"\(code)\" does not exist: codes 01 to 17."))
                }
            }
        case .mrcs:
            for (index, code) in area.codes.enumerated() {
                if catalog.mrc(code: code) != nil {
                    if !codes.contains(code) { codes.append(code) }
                } else {
                    issues.append(FieldIssue(field: "serviceArea.codes[\(index)]", code: "unknown_mrc",
                                             message: "Aucune MRC du Québec n'a le code « \(code) » (ex. 460 pour la MRC Brome-Missisquoi, 58 pour Longueuil).",
                                             english: "No Quebec MRC has the code \"\(code)\" (e.g. 460 for the MRC Brome-Missisquoi, 58 for Longueuil)."))
                }
            }
        case .municipalities:
            for (index, code) in area.codes.enumerated() {
                if catalog.municipality(code: code) != nil {
                    if !codes.contains(code) { codes.append(code) }
                } else {
                    issues.append(FieldIssue(field: "serviceArea.codes[\(index)]", code: "unknown_municipality",
                                             message: "Aucune municipalité du Québec n'a le code « \(code) ».",
                                             english: "No Quebec municipality has the code \"\(code)\"."))
                }
            }
        }
        if area.codes.isEmpty {
            issues.append(FieldIssue(field: "serviceArea.codes", code: "required",
                                     message: "Indiquez au moins une région, MRC ou municipalité desservie.",
                                     english: "Give at least one region, MRC or municipality served."))
        }
        return ServiceArea(scope: area.scope, codes: codes)
    }

    private func check(_ text: String, max: Int, field: String, _ issues: inout [FieldIssue]) {
        TextRules.checkLength(text, max: max, field: field, into: &issues)
        TextRules.checkPrintable(text, field: field, into: &issues)
    }

    private func tooMany(_ field: String, _ max: Int) -> FieldIssue {
        FieldIssue(field: field, code: "too_many", message: "Trop d'éléments : \(max) au maximum.", english: "Too many items: at most \(max).")
    }

    private func normalise(_ raw: String?, field: String, _ rule: (String, String) -> Result<String, FieldIssue>, _ issues: inout [FieldIssue]) -> String? {
        guard let raw = TextRules.optional(raw) else { return nil }
        switch rule(raw, field) {
        case .success(let value): return value
        case .failure(let issue):
            issues.append(issue)
            return raw
        }
    }
}
