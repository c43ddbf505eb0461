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
        var regionNote: String?
    }

    struct ColumnRow: Sendable {
        var index: Int
        var header: String
        var samples: String
        var fields: [Choice]
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
        var issues: [IssueRow]
        var issuesNote: String?
        var hasIssues: Bool
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
        case "regionNote": self.regionNote
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
        case "issues": self.issues
        case "issuesNote": self.issuesNote
        case "hasIssues": self.hasIssues
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
