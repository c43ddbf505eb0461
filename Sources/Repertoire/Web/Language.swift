/// The interface languages: Quebec French first, English second.
public enum Language: String, Sendable, CaseIterable {
    case fr
    case en

    /// The path prefix of the language's pages: none for French, `/en` for English.
    var prefix: String { self == .fr ? "" : "/en" }

    var other: Language { self == .fr ? .en : .fr }

    var strings: Strings { self == .fr ? .french : .english }
}
