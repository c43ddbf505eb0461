/// Why the store refused a write. None of these leave anything written.
public enum StoreError: Error, Sendable, Equatable {
    case notFound(id: String)
    /// The record changed since the version the caller started from; `current` is what is stored now.
    case conflict(current: Enterprise)
    case duplicateNEQ(neq: String, existingSlug: String)
    /// A procurement threshold of this kind already starts on this day (the history is only added to).
    case duplicateThreshold(kind: String, effectiveFrom: String)
}
