/// The distinct values of a file's code and free-text columns (sectors, activity, legal form,
/// member category), with how many rows use each and what each is read as: the preview lists
/// them so that a person maps each value once, not each row.
public struct ImportValueSummary: Sendable, Equatable {
    public struct Value: Sendable, Equatable {
        public var text: String
        /// `ImportText.key(text)`: how the mapping knows the value.
        public var key: String
        public var count: Int
        public var target: ValueTarget
        /// Whether a person chose the target (otherwise it is the automatic reading).
        public var chosen: Bool
    }

    public var columnIndex: Int
    public var header: String
    public var field: ImportField
    /// Most used first; at most ``limit``.
    public var values: [Value]
    /// Distinct values beyond ``limit``, not listed.
    public var more: Int

    public static let limit = 300

    public static func summaries(file: ImportFile, mapping: ColumnMapping) -> [ImportValueSummary] {
        summaries(rows: file.rows, mapping: mapping)
    }

    public static func summaries(rows: some Sequence<ImportRow>, mapping: ColumnMapping) -> [ImportValueSummary] {
        let columns = mapping.columns.enumerated().filter { $0.element.field.mapsValues }
        guard !columns.isEmpty else { return [] }
        var counts = Array(repeating: [String: (text: String, count: Int, order: Int)](), count: columns.count)
        for row in rows where row.problem == nil {
            for (slot, (index, column)) in columns.enumerated() {
                guard index < row.cells.count, let text = ImportCell.value(row.cells[index]) else { continue }
                let items = ValueParsers.valueItems(text, field: column.field)
                for item in items {
                    let key = ImportText.key(item)
                    if let known = counts[slot][key] {
                        counts[slot][key] = (known.text, known.count + 1, known.order)
                    } else if counts[slot].count < 20_000 {
                        counts[slot][key] = (item, 1, counts[slot].count)
                    }
                }
            }
        }
        return columns.enumerated().map { slot, entry in
            let (index, column) = entry
            let sorted = counts[slot].sorted { a, b in
                a.value.count != b.value.count ? a.value.count > b.value.count : a.value.order < b.value.order
            }
            let values = sorted.prefix(limit).map { key, value in
                let chosen = column.values[key].map { $0 != .automatic } ?? false
                return Value(text: value.text, key: key, count: value.count, target: column.target(for: value.text), chosen: chosen)
            }
            return ImportValueSummary(columnIndex: index, header: column.header, field: column.field, values: values,
                                      more: max(0, sorted.count - limit))
        }
    }
}
