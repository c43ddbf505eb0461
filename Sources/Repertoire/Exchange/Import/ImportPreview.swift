/// One problem with one row, tied to the file's column so a person can find it in the spreadsheet.
public struct ImportIssue: Sendable, Equatable, Codable {
    public var line: Int
    /// The column's header as written in the file; empty when the problem concerns the whole row.
    public var column: String
    public var severity: FieldIssue.Severity
    public var code: String
    public var message: String

    public init(line: Int, column: String, severity: FieldIssue.Severity, code: String, message: String) {
        self.line = line
        self.column = column
        self.severity = severity
        self.code = code
        self.message = message
    }
}

/// One field an update would change.
public struct FieldChange: Sendable, Equatable, Codable {
    public var field: ImportField
    public var before: String
    public var after: String

    public init(field: ImportField, before: String, after: String) {
        self.field = field
        self.before = before
        self.after = after
    }
}

/// What applying the import would do with one row.
public struct ImportRowOutcome: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        case create(EnterpriseProfile)
        /// `profile` is the existing profile with the imported fields replaced.
        case update(id: String, version: Int, profile: EnterpriseProfile, changes: [FieldChange])
        case unchanged(id: String)
        case rejected
    }

    public var line: Int
    public var action: Action
    public var issues: [ImportIssue]

    public var hasWarnings: Bool { issues.contains { $0.severity == .warning } }
}

/// The result of planning an import: nothing is written until a person confirms it.
public struct ImportPreview: Sendable {
    public struct Counts: Sendable, Equatable {
        public var creates = 0
        public var updates = 0
        public var unchanged = 0
        public var rejected = 0
        public var rowsWithWarnings = 0
        public var total: Int { creates + updates + unchanged + rejected }
    }

    public var outcomes: [ImportRowOutcome] = []
    public var counts = Counts()
    /// Rows giving a municipality, and those of them resolved to a code.
    public var municipalitiesGiven = 0
    public var municipalitiesResolved = 0
    /// Municipality texts that could not be resolved, with how many rows used each.
    public var unresolvedMunicipalities: [String: Int] = [:]
    /// The municipality reference list was empty: no name could be checked, and none is
    /// reported unknown row by row.
    public var municipalityListMissing = false

    public var issues: [ImportIssue] { outcomes.flatMap(\.issues) }

    mutating func append(_ outcome: ImportRowOutcome) {
        switch outcome.action {
        case .create: counts.creates += 1
        case .update: counts.updates += 1
        case .unchanged: counts.unchanged += 1
        case .rejected: counts.rejected += 1
        }
        if outcome.hasWarnings { counts.rowsWithWarnings += 1 }
        outcomes.append(outcome)
    }

    /// Every error and warning as CSV (line, column, severity, message, in French), for a person
    /// to correct the spreadsheet: UTF-8 with a byte-order mark so Excel shows the accents.
    public func errorReportCSV(delimiter: Character = ",") -> String {
        let writer = CSVWriter(delimiter: delimiter)
        var text = CSVWriter.byteOrderMark + writer.row(["ligne", "colonne", "gravité", "message"])
        for issue in issues {
            text += writer.row([String(issue.line), issue.column, issue.severity == .error ? "erreur" : "avertissement", issue.message])
        }
        return text
    }
}
