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

/// One field an update would change, or keep against the file.
public struct FieldChange: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// A blank stored value gets the file's.
        case fill
        /// The file's value replaces a different stored one.
        case replace
        /// The column clears blanks: the stored value is erased.
        case clear
        /// The stored value stays, though the file says otherwise.
        case kept
    }

    public var field: ImportField
    public var before: String
    public var after: String
    public var kind: Kind
    /// Why a disagreement was settled this way, in French.
    public var note: String?

    public init(field: ImportField, before: String, after: String, kind: Kind = .replace, note: String? = nil) {
        self.field = field
        self.before = before
        self.after = after
        self.kind = kind
        self.note = note
    }

    /// Both sides filled in and different: a disagreement between the directory and the file.
    public var isConflict: Bool { kind == .replace || kind == .kept }
}

/// What applying the import would do with one row.
public struct ImportRowOutcome: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        case create(EnterpriseProfile)
        /// `profile` is the existing profile with the imported fields replaced.
        case update(id: String, version: Int, profile: EnterpriseProfile, changes: [FieldChange])
        case unchanged(id: String)
        /// The row is a person, not an enterprise (`reason` says which value said so).
        case skipped(reason: String)
        case rejected
    }

    public var line: Int
    public var action: Action
    public var issues: [ImportIssue]
    /// Stored values kept although the file gives others (see ``ConflictChoice``).
    public var kept: [FieldChange] = []
    /// The existing record's name, for a row that matched one.
    public var recordName: String?
    /// Whether a record this row creates is fictional (a `Données fictives` column said so).
    public var fictional = false

    public init(line: Int, action: Action, issues: [ImportIssue], kept: [FieldChange] = [], recordName: String? = nil, fictional: Bool = false) {
        self.line = line
        self.action = action
        self.issues = issues
        self.kept = kept
        self.recordName = recordName
        self.fictional = fictional
    }

    public var hasWarnings: Bool { issues.contains { $0.severity == .warning } }

    /// The disagreements between the directory and the file on this row, settled either way.
    public var conflicts: [FieldChange] {
        guard case .update(_, _, _, let changes) = action else { return kept }
        return changes.filter(\.isConflict) + kept
    }
}

/// The result of planning an import: nothing is written until a person confirms it.
public struct ImportPreview: Sendable {
    public struct Counts: Sendable, Equatable {
        public var creates = 0
        public var updates = 0
        public var unchanged = 0
        public var rejected = 0
        /// Rows of people (citizen members…), left out on purpose.
        public var skipped = 0
        public var rowsWithWarnings = 0
        /// Rows where the file and the directory disagree on a filled-in value.
        public var rowsWithConflicts = 0
        public var total: Int { creates + updates + unchanged + rejected + skipped }
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

    /// Every issue, errors first, then warnings, each in the file's order.
    public var issues: [ImportIssue] {
        let all = outcomes.flatMap(\.issues)
        return all.filter { $0.severity == .error } + all.filter { $0.severity == .warning }
    }

    /// One kind of problem (its code and severity) with how many rows have it and the first one's
    /// message, most frequent first within errors, then warnings: « 447 lignes sans secteur » once.
    public struct IssueGroup: Sendable, Equatable {
        public var code: String
        public var severity: FieldIssue.Severity
        public var column: String
        public var count: Int
        public var example: ImportIssue
    }

    public var issueGroups: [IssueGroup] {
        var groups: [String: IssueGroup] = [:]
        var order: [String] = []
        for outcome in outcomes {
            for issue in outcome.issues {
                let key = "\(issue.severity.rawValue)|\(issue.code)|\(issue.column)"
                if groups[key] == nil {
                    groups[key] = IssueGroup(code: issue.code, severity: issue.severity, column: issue.column, count: 0, example: issue)
                    order.append(key)
                }
                groups[key]!.count += 1
            }
        }
        return order.compactMap { groups[$0] }.enumerated().sorted { a, b in
            if a.element.severity != b.element.severity { return a.element.severity == .error }
            if a.element.count != b.element.count { return a.element.count > b.element.count }
            return a.offset < b.offset
        }.map(\.element)
    }

    mutating func append(_ outcome: ImportRowOutcome) {
        switch outcome.action {
        case .create: counts.creates += 1
        case .update: counts.updates += 1
        case .unchanged: counts.unchanged += 1
        case .rejected: counts.rejected += 1
        case .skipped: counts.skipped += 1
        }
        if outcome.hasWarnings { counts.rowsWithWarnings += 1 }
        if !outcome.conflicts.isEmpty { counts.rowsWithConflicts += 1 }
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
