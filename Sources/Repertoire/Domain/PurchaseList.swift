import Foundation

/// A buyer's list of enterprises for one purchase project (« Déneigement 2027 – secteur
/// Vieux-Longueuil »). It belongs to its owner and to the owner's municipality: sharing opens it
/// to the other buyers of that municipality, never to anyone else.
public struct PurchaseList: Sendable, Equatable {
    public enum Sharing: String, Sendable, CaseIterable, Codable {
        /// Only the owner.
        case `private`
        /// The municipality's other buyers may read it.
        case read
        /// The municipality's other buyers may also add, annotate, reorder and remove.
        case edit

        public var name: String {
            switch self {
            case .private: "Privée (vous seul)"
            case .read: "Partagée en lecture avec les acheteurs de votre municipalité"
            case .edit: "Partagée en modification avec les acheteurs de votre municipalité"
            }
        }

        public var nameEnglish: String {
            switch self {
            case .private: "Private (only you)"
            case .read: "Shared read-only with your municipality's buyers"
            case .edit: "Shared for editing with your municipality's buyers"
            }
        }
    }

    public static let maxNameLength = 150
    public static let maxNoteLength = 2_000
    public static let maxItems = 500

    public var id: String
    public var name: String
    public var ownerID: String
    /// The owner's name, for the colleagues who see the list.
    public var ownerName: String
    public var municipalityCode: String
    public var sharing: Sharing
    public var archivedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    /// How many enterprises it holds (filled when lists are listed).
    public var itemCount: Int

    public var isArchived: Bool { archivedAt != nil }
}

/// One enterprise on a purchase list, with the buyer's private note.
public struct PurchaseListItem: Sendable, Equatable {
    public var enterpriseID: String
    public var position: Int
    public var note: String
    public var addedAt: Date
}

/// What a user may do with a list.
public enum ListAccess: Sendable, Equatable, Comparable {
    case read, edit, own
}
