/// What a service refuses to do, in words for the person who asked (French, English alongside).
/// The web pages show the message where it belongs; the API answers it as a problem whose
/// status follows the kind.
public struct Refusal: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case notFound
        case forbidden
        case conflict
        case invalid
        /// A link or an upload that has expired or was already used.
        case gone
        /// Too many requests: the next one is allowed after this many seconds.
        case tooMany(retryAfter: Int)
    }

    public var kind: Kind
    public var title: String
    public var message: String
    public var english: String

    public init(_ kind: Kind, title: String, message: String, english: String) {
        self.kind = kind
        self.title = title
        self.message = message
        self.english = english
    }

    static func notFound(_ what: String, english: String) -> Refusal {
        Refusal(.notFound, title: "Introuvable", message: "\(what) est introuvable.", english: "\(english) was not found.")
    }

    /// A write outside the regions the user looks after.
    static func outOfReach(_ regionCode: String?, resulting: Bool = false) -> Refusal {
        let region = regionCode.flatMap(Region.find).map { "\($0.name) (\($0.code))" } ?? "sans région"
        return Refusal(.forbidden, title: "Hors de vos régions",
                       message: resulting
                           ? "Après cette modification, l'entreprise serait dans la région \(region), qui ne fait pas partie des régions que vous gérez. Rien n'a été enregistré."
                           : "Cette entreprise est dans la région \(region), qui ne fait pas partie des régions que vous gérez.",
                       english: resulting
                           ? "After this change the enterprise would be in region \(region), which is not one of the regions you look after. Nothing was saved."
                           : "This enterprise is in region \(region), which is not one of the regions you look after.")
    }
}
