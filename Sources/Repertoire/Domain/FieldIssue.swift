/// One problem found while validating user input, attached to the field it concerns.
///
/// `field` is a path such as `neq`, `offerings[2].name` or `publicContact.email`, so a form or an
/// API client can show the message next to the right input. Messages are French first (the
/// product's main language) with an English counterpart for the English UI and API clients.
public struct FieldIssue: Error, Sendable, Equatable, Codable, Hashable {
    public enum Severity: String, Sendable, Codable {
        /// The value cannot be stored.
        case error
        /// The value is stored, but a person should look at it (e.g. an NEQ whose check digit fails).
        case warning
    }

    public var field: String
    public var code: String
    public var message: String
    public var messageEnglish: String
    public var severity: Severity

    public init(field: String, code: String, message: String, english: String, severity: Severity = .error) {
        self.field = field
        self.code = code
        self.message = message
        self.messageEnglish = english
        self.severity = severity
    }

    /// The same issue moved under a parent path, e.g. `email` → `managers[0].email`.
    func nested(in parent: String) -> FieldIssue {
        var copy = self
        copy.field = field.isEmpty ? parent : "\(parent).\(field)"
        return copy
    }
}

/// Thrown when input fails validation; carries every issue found, not just the first.
public struct ValidationFailure: Error, Sendable, Equatable {
    public var issues: [FieldIssue]

    public init(_ issues: [FieldIssue]) {
        self.issues = issues
    }

    public var errors: [FieldIssue] { issues.filter { $0.severity == .error } }
}

extension Array where Element == FieldIssue {
    var hasErrors: Bool { contains { $0.severity == .error } }
}
