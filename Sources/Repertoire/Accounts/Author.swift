/// Who made a change, as recorded in an enterprise's history: a person with an account, or a
/// named source without one (an import, the enterprise's confirmation link).
public struct Author: Sendable, Equatable {
    public var id: String?
    public var label: String

    public init(id: String?, label: String) {
        self.id = id
        self.label = label
    }

    public init(_ user: User) {
        self.init(id: user.id, label: user.label)
    }

    /// Writes made by the app itself or by code without a person behind it (tests, tasks).
    public static let system = Author(id: nil, label: "Répertoire (système)")
    /// An enterprise answering a confirmation request through its single-use link.
    public static let confirmationLink = Author(id: nil, label: "l'entreprise (lien de confirmation)")
}
