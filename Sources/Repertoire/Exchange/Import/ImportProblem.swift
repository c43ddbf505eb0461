/// Why a file (or one of its rows) cannot be read, in French, with the spreadsheet line number
/// when there is one (the header is line 1).
public struct ImportProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int?
    public var message: String

    public init(line: Int?, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "ligne \($0) : \(message)" } ?? message }

    /// The description ended as a sentence: a full stop unless it ends with its own (`… un CSV ?`).
    public var sentence: String {
        guard let last = description.last, !".?!…".contains(last) else { return description }
        return description + "."
    }
}
