/// Compares and merges profiles on the fields an import carries, so that a file without, say, a
/// phone column never erases or "changes" the phones already in the directory.
enum ProfileComparison {
    struct Field {
        var field: ImportField
        var differs: (EnterpriseProfile, EnterpriseProfile) -> Bool
        var describe: (EnterpriseProfile) -> String
        var copy: (inout EnterpriseProfile, EnterpriseProfile) -> Void
        /// Whether the profile has no value here: empty, or a placeholder such as the legal form
        /// « Autre » given to a record whose list had no legal form.
        var blank: ((EnterpriseProfile) -> Bool)? = nil

        func isBlank(_ profile: EnterpriseProfile) -> Bool { blank?(profile) ?? describe(profile).isEmpty }

        /// The profile's own field, whose hand edits the revisions record.
        var profileField: ProfileField? {
            switch field {
            case .name: .name
            case .otherName: .otherNames
            case .neq: .neq
            case .legalForm: .legalForm
            case .foundedYear: .foundedYear
            case .mission: .mission
            case .sectors: .sectors
            case .offerings, .offersToMunicipalities: .offerings
            case .address: .address
            case .municipality: .municipalityCode
            case .region: .regionCode
            case .postalCode: .postalCode
            case .phone: .phone
            case .email: .email
            case .website: .website
            case .latitude: .coordinates
            case .certifications: .certifications
            case .lastVerified: .lastVerified
            case .source: .source
            case .managerNames: .managers
            default: nil
            }
        }
    }

    /// The compared field a column feeds (an address's second line feeds the address…).
    static func comparedField(of column: ImportField) -> ImportField? {
        switch column {
        case .addressLine2: .address
        case .longitude: .latitude
        case .managerEmails, .managerPhones: .managerNames
        case .activity, .category: .sectors
        case .ignored, .recordPage, .fictional: nil
        default: column
        }
    }

    static func field<T: Equatable>(_ field: ImportField, _ path: WritableKeyPath<EnterpriseProfile, T>,
                                    _ describe: @escaping (T) -> String) -> Field {
        Field(field: field,
              differs: { $0[keyPath: path] != $1[keyPath: path] },
              describe: { describe($0[keyPath: path]) },
              copy: { $0[keyPath: path] = $1[keyPath: path] })
    }

    static func text(_ value: String?) -> String { value ?? "" }
    static func list(_ values: [String]) -> String { values.joined(separator: " ; ") }

    /// The profile fields fed by the mapping's columns.
    static func fields(for mapping: ColumnMapping) -> [Field] {
        let mapped = Set(mapping.columns.map(\.field))
        var fields: [Field] = []
        func add(_ when: Bool, _ item: @autoclosure () -> Field) { if when { fields.append(item()) } }
        add(mapped.contains(.name), field(.name, \.name) { $0 })
        add(mapped.contains(.otherName), field(.otherName, \.otherNames) { list($0.map(\.name)) })
        add(mapped.contains(.neq), field(.neq, \.neq, text))
        add(mapped.contains(.legalForm), {
            var item = field(.legalForm, \.legalForm) { $0.name }
            item.blank = { $0.legalForm == .other }
            return item
        }())
        add(mapped.contains(.foundedYear), field(.foundedYear, \.foundedYear) { $0.map(String.init) ?? "" })
        add(mapped.contains(.mission), field(.mission, \.mission, text))
        add(mapped.contains(.sectors) || mapped.contains(.activity) || mapped.contains(.category), field(.sectors, \.sectors) { slugs in
            list(slugs.map { Sector.find($0)?.name ?? $0 })
        })
        // A file gives offerings by name only: an offering it names again keeps its description,
        // kind and "offered to municipalities" flag, so exporting and importing back changes nothing.
        add(mapped.contains(.offerings), Field(
            field: .offerings,
            differs: { $0.offerings.map(\.name) != $1.offerings.map(\.name) },
            describe: { list($0.offerings.map(\.name)) },
            copy: { target, source in
                let existing = Dictionary(target.offerings.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
                target.offerings = source.offerings.map { existing[$0.name] ?? $0 }
            }))
        add(mapped.contains(.offersToMunicipalities), Field(
            field: .offersToMunicipalities,
            differs: { $0.offersToMunicipalities != $1.offersToMunicipalities },
            describe: { $0.offerings.isEmpty ? "" : ($0.offersToMunicipalities ? "oui" : "non") },
            copy: { target, source in
                for index in target.offerings.indices { target.offerings[index].offeredToMunicipalities = source.offersToMunicipalities }
            }))
        add(mapped.contains(.managerNames), Field(
            field: .managerNames,
            differs: { $0.managers != $1.managers },
            describe: { list($0.managers.map { [$0.name, $0.email, $0.phone].compactMap { $0 }.joined(separator: ", ") }) },
            copy: { $0.managers = $1.managers }))
        add(mapped.contains(.address) || mapped.contains(.addressLine2), field(.address, \.address, text))
        add(mapped.contains(.municipality), field(.municipality, \.municipalityCode, text))
        add(mapped.contains(.municipality) || mapped.contains(.region), field(.region, \.regionCode, text))
        add(mapped.contains(.postalCode), field(.postalCode, \.postalCode, text))
        add(mapped.contains(.phone), field(.phone, \.phone, text))
        add(mapped.contains(.email), field(.email, \.email, text))
        add(mapped.contains(.website), field(.website, \.website, text))
        add(mapped.contains(.latitude) && mapped.contains(.longitude), field(.latitude, \.coordinates) { point in
            point.map { "\($0.latitude), \($0.longitude)" } ?? ""
        })
        add(mapped.contains(.certifications), field(.certifications, \.certifications) { slugs in
            list(slugs.map { Certification.find($0)?.name ?? $0 })
        })
        add(mapped.contains(.lastVerified), field(.lastVerified, \.lastVerified, text))
        add(mapped.contains(.source), field(.source, \.source, text))
        return fields
    }

    /// What an update does with one field.
    struct Decision {
        var choice: ConflictChoice
        /// Why the stored value is kept, in French (the automatic rule's reason).
        var reason: String?
    }

    /// The existing profile with the row's values merged in, field by field:
    /// - a value the row leaves blank (not in `provided`) keeps the stored one, unless its column
    ///   clears blanks (`clearing`);
    /// - a row's value fills a blank stored one;
    /// - where both are filled in and differ, `decide` says whose value stays.
    /// Returns the merged profile, the changes it makes, and the stored values kept against the file.
    static func merge(_ imported: EnterpriseProfile, into existing: EnterpriseProfile, fields: [Field], provided: Set<ImportField>,
                      clearing: Set<ImportField> = [], decide: (Field) -> Decision = { _ in Decision(choice: .takeIncoming) })
        -> (profile: EnterpriseProfile, changes: [FieldChange], kept: [FieldChange]) {
        var merged = existing
        var changes: [FieldChange] = []
        var kept: [FieldChange] = []
        var municipalityKept = false
        for item in fields {
            let before = item.describe(existing)
            if !provided.contains(item.field) {
                guard clearing.contains(item.field), !before.isEmpty, item.differs(imported, existing) else { continue }
                // The region follows the municipality (or the region column), never cleared alone.
                if item.field == .region { continue }
                changes.append(FieldChange(field: item.field, before: before, after: "", kind: .clear))
                item.copy(&merged, imported)
                continue
            }
            guard item.differs(imported, existing) else { continue }
            let after = item.describe(imported)
            if item.isBlank(existing) {
                changes.append(FieldChange(field: item.field, before: before, after: after, kind: .fill))
                item.copy(&merged, imported)
                continue
            }
            let decision = item.field == .region && provided.contains(.municipality)
                ? Decision(choice: municipalityKept ? .keepStored : .takeIncoming) : decide(item)
            if decision.choice == .keepStored {
                if item.field == .municipality { municipalityKept = true }
                kept.append(FieldChange(field: item.field, before: before, after: after, kind: .kept, note: decision.reason))
            } else {
                changes.append(FieldChange(field: item.field, before: before, after: after, kind: .replace, note: decision.reason))
                item.copy(&merged, imported)
            }
        }
        return (merged, changes, kept)
    }
}
