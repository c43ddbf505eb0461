/// What a person may do in Répertoire. A user can hold several roles.
public enum Role: String, Sendable, CaseIterable, Codable, Comparable {
    /// The national network: everything, including users, reference data and settings.
    case admin
    /// A regional hub (pôle régional): keeps the enterprises of its regions current.
    case hubEditor = "hub-editor"
    /// A municipality's employee: sees the managers' contacts.
    case buyer
    /// Someone from an enterprise: proposes changes to their own enterprise's profile.
    case representative

    public var name: String {
        switch self {
        case .admin: "Administrateur"
        case .hubEditor: "Éditeur de pôle régional"
        case .buyer: "Acheteur municipal"
        case .representative: "Représentant d'entreprise"
        }
    }

    public var nameEnglish: String {
        switch self {
        case .admin: "Administrator"
        case .hubEditor: "Regional hub editor"
        case .buyer: "Municipal buyer"
        case .representative: "Enterprise representative"
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
