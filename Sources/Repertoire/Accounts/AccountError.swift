/// A refused account operation, with what to tell the person (in French) and the form field at fault.
public struct AccountError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var field: String?

    public init(_ message: String, field: String? = nil) {
        self.message = message
        self.field = field
    }

    public var description: String { message }
}
