/// Compares and merges profiles on the fields an import carries, so that a file without, say, a
/// phone column never erases or "changes" the phones already in the directory.
enum ProfileComparison {
    struct Field {
        var field: ImportField
        var differs: (EnterpriseProfile, EnterpriseProfile) -> Bool
        var describe: (EnterpriseProfile) -> String
        var copy: (inout EnterpriseProfile, EnterpriseProfile) -> Void
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
        add(mapped.contains(.legalForm), field(.legalForm, \.legalForm) { $0.name })
        add(mapped.contains(.foundedYear), field(.foundedYear, \.foundedYear) { $0.map(String.init) ?? "" })
        add(mapped.contains(.mission) || mapped.contains(.activity), field(.mission, \.mission, text))
        add(mapped.contains(.sectors), field(.sectors, \.sectors, list))
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
        add(mapped.contains(.certifications), field(.certifications, \.certifications, list))
        add(mapped.contains(.lastVerified), field(.lastVerified, \.lastVerified, text))
        add(mapped.contains(.source), field(.source, \.source, text))
        return fields
    }

    /// The existing profile with the imported fields replaced, and what that changes.
    static func merge(_ imported: EnterpriseProfile, into existing: EnterpriseProfile,
                      fields: [Field]) -> (EnterpriseProfile, [FieldChange]) {
        var merged = existing
        var changes: [FieldChange] = []
        for item in fields where item.differs(imported, existing) {
            changes.append(FieldChange(field: item.field, before: item.describe(existing), after: item.describe(imported)))
            item.copy(&merged, imported)
        }
        return (merged, changes)
    }
}
