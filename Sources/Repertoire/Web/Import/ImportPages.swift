import Mustache

/// Page models of `/gestion/import`.
enum ImportPages {
    struct Choice: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct BatchRow: Sendable {
        var id: String
        var fileName: String
        var importedAt: String
        var importedBy: String
        var counts: String
        var reverted: String?
        var revertURL: String?
    }

    struct SavedMapping: Sendable {
        var id: String
        var name: String
        var detail: String
    }

    /// An import job still running, on the import page.
    struct JobRow: Sendable {
        var label: String
        var progress: String
        var url: String
    }

    /// A background job's progress page.
    struct Job: Sendable {
        var frame: StaffFrame
        var kindLabel: String
        var fileName: String
        var running: Bool
        var phase: String
        var done: Int
        var total: Int
        var hasTotal: Bool
        var percent: Int
        var statusURL: String
        var selfURL: String
        var backURL: String
        var homeURL: String
    }

    /// The upload form, the saved mappings and the past imports.
    struct Home: Sendable {
        var frame: StaffFrame
        var regions: [Choice]
        var mappings: [Choice]
        var hasMappings: Bool
        var savedMappings: [SavedMapping]
        var batches: [BatchRow]
        var hasBatches: Bool
        var maximumMegabytes: Int
        var jobs: [JobRow]
        var regionNote: String?
    }

    struct ColumnRow: Sendable {
        var index: Int
        var header: String
        var samples: String
        var fields: [Choice]
        var clearBlanks: Bool
        var conflictChoices: [Choice]
    }

    /// One distinct value of a code column, with its choice.
    struct ValueRow: Sendable {
        var column: Int
        var number: Int
        var text: String
        var key: String
        var count: Int
        var automatic: String
        var targets: [Choice]
    }

    struct ValueTable: Sendable {
        var header: String
        var field: String
        var values: [ValueRow]
        var note: String?
    }

    /// One kind of problem, counted.
    struct IssueGroupRow: Sendable {
        var severity: String
        var isError: Bool
        var column: String
        var count: Int
        var message: String
        var line: Int
    }

    /// A row where the file and the directory disagree, with the person's choice for it.
    struct ConflictRow: Sendable {
        var line: Int
        var name: String
        var changes: [ChangeRow]
        var choices: [Choice]
    }

    struct SkippedRow: Sendable {
        var line: Int
        var reason: String
    }

    struct PageLink: Sendable {
        var number: Int
        var url: String
        var current: Bool
    }

    struct IssueRow: Sendable {
        var line: Int
        var column: String
        var severity: String
        var isError: Bool
        var message: String
    }

    struct ChangeRow: Sendable {
        var field: String
        var before: String
        var after: String
        /// How the change is settled, in words (« valeur enregistrée gardée : modifiée à la main le … »).
        var note: String?
        var kept: Bool
    }

    struct UpdateRow: Sendable {
        var line: Int
        var name: String
        var changes: [ChangeRow]
    }

    /// The preview of one uploaded file.
    struct Preview: Sendable {
        var frame: StaffFrame
        var id: String
        var fileName: String
        var fileDescription: String
        var isWorkbook: Bool
        var sheets: [Choice]
        var encodings: [Choice]
        var delimiters: [Choice]
        var regions: [Choice]
        var mappings: [Choice]
        var hasMappings: Bool
        var titleCase: Bool
        var columns: [ColumnRow]
        var mappingProblems: [String]
        var hasMappingProblems: Bool
        var creates: Int
        var updates: Int
        var unchanged: Int
        var rejected: Int
        var warnings: Int
        var total: Int
        var municipalityListMissing: String?
        var municipalities: String?
        var unresolved: String?
        var skipped: Int
        var conflicts: Int
        var listDate: String
        var sourceLabel: String
        var valueTables: [ValueTable]
        var hasValueTables: Bool
        var issueGroups: [IssueGroupRow]
        var issues: [IssueRow]
        var issuesNote: String?
        var hasIssues: Bool
        var issuePages: [PageLink]
        var hasIssuePages: Bool
        var conflictRows: [ConflictRow]
        var conflictsNote: String?
        var hasConflicts: Bool
        var skippedRows: [SkippedRow]
        var hasSkipped: Bool
        var updatesList: [UpdateRow]
        var updatesNote: String?
        var hasUpdates: Bool
        var canApply: Bool
        var applyLabel: String
        var reportURL: String
        var formURL: String
        var applyURL: String
        var homeURL: String
    }
}


// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension ImportPages.Choice: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": self.value
        case "label": self.label
        case "selected": self.selected
        default: nil
        }
    }
}

extension ImportPages.BatchRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "fileName": self.fileName
        case "importedAt": self.importedAt
        case "importedBy": self.importedBy
        case "counts": self.counts
        case "reverted": self.reverted
        case "revertURL": self.revertURL
        default: nil
        }
    }
}

extension ImportPages.SavedMapping: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "name": self.name
        case "detail": self.detail
        default: nil
        }
    }
}

extension ImportPages.Home: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "regions": self.regions
        case "mappings": self.mappings
        case "hasMappings": self.hasMappings
        case "savedMappings": self.savedMappings
        case "batches": self.batches
        case "hasBatches": self.hasBatches
        case "maximumMegabytes": self.maximumMegabytes
        case "jobs": self.jobs
        case "regionNote": self.regionNote
        default: nil
        }
    }
}

extension ImportPages.JobRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "progress": self.progress
        case "url": self.url
        default: nil
        }
    }
}

extension ImportPages.Job: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "kindLabel": self.kindLabel
        case "fileName": self.fileName
        case "running": self.running
        case "phase": self.phase
        case "done": self.done
        case "total": self.total
        case "hasTotal": self.hasTotal
        case "percent": self.percent
        case "statusURL": self.statusURL
        case "selfURL": self.selfURL
        case "backURL": self.backURL
        case "homeURL": self.homeURL
        default: nil
        }
    }
}

extension ImportPages.ColumnRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "index": self.index
        case "header": self.header
        case "samples": self.samples
        case "fields": self.fields
        case "clearBlanks": self.clearBlanks
        case "conflictChoices": self.conflictChoices
        default: nil
        }
    }
}

extension ImportPages.ValueRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "column": self.column
        case "number": self.number
        case "text": self.text
        case "key": self.key
        case "count": self.count
        case "automatic": self.automatic
        case "targets": self.targets
        default: nil
        }
    }
}

extension ImportPages.ValueTable: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "header": self.header
        case "field": self.field
        case "values": self.values
        case "note": self.note
        default: nil
        }
    }
}

extension ImportPages.IssueGroupRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "severity": self.severity
        case "isError": self.isError
        case "column": self.column
        case "count": self.count
        case "message": self.message
        case "line": self.line
        default: nil
        }
    }
}

extension ImportPages.ConflictRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "line": self.line
        case "name": self.name
        case "changes": self.changes
        case "choices": self.choices
        default: nil
        }
    }
}

extension ImportPages.SkippedRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "line": self.line
        case "reason": self.reason
        default: nil
        }
    }
}

extension ImportPages.PageLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": self.number
        case "url": self.url
        case "current": self.current
        default: nil
        }
    }
}

extension ImportPages.IssueRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "line": self.line
        case "column": self.column
        case "severity": self.severity
        case "isError": self.isError
        case "message": self.message
        default: nil
        }
    }
}

extension ImportPages.ChangeRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "field": self.field
        case "before": self.before
        case "after": self.after
        case "note": self.note
        case "kept": self.kept
        default: nil
        }
    }
}

extension ImportPages.UpdateRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "line": self.line
        case "name": self.name
        case "changes": self.changes
        default: nil
        }
    }
}

extension ImportPages.Preview: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "id": self.id
        case "fileName": self.fileName
        case "fileDescription": self.fileDescription
        case "isWorkbook": self.isWorkbook
        case "sheets": self.sheets
        case "encodings": self.encodings
        case "delimiters": self.delimiters
        case "regions": self.regions
        case "mappings": self.mappings
        case "hasMappings": self.hasMappings
        case "titleCase": self.titleCase
        case "columns": self.columns
        case "mappingProblems": self.mappingProblems
        case "hasMappingProblems": self.hasMappingProblems
        case "creates": self.creates
        case "updates": self.updates
        case "unchanged": self.unchanged
        case "rejected": self.rejected
        case "warnings": self.warnings
        case "total": self.total
        case "municipalityListMissing": self.municipalityListMissing
        case "municipalities": self.municipalities
        case "unresolved": self.unresolved
        case "skipped": self.skipped
        case "conflicts": self.conflicts
        case "listDate": self.listDate
        case "sourceLabel": self.sourceLabel
        case "valueTables": self.valueTables
        case "hasValueTables": self.hasValueTables
        case "issueGroups": self.issueGroups
        case "issues": self.issues
        case "issuesNote": self.issuesNote
        case "hasIssues": self.hasIssues
        case "issuePages": self.issuePages
        case "hasIssuePages": self.hasIssuePages
        case "conflictRows": self.conflictRows
        case "conflictsNote": self.conflictsNote
        case "hasConflicts": self.hasConflicts
        case "skippedRows": self.skippedRows
        case "hasSkipped": self.hasSkipped
        case "updatesList": self.updatesList
        case "updatesNote": self.updatesNote
        case "hasUpdates": self.hasUpdates
        case "canApply": self.canApply
        case "applyLabel": self.applyLabel
        case "reportURL": self.reportURL
        case "formURL": self.formURL
        case "applyURL": self.applyURL
        case "homeURL": self.homeURL
        default: nil
        }
    }
}
