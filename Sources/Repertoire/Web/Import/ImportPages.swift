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

extension ImportPages.Home: StaffPageModel {}
extension ImportPages.Preview: StaffPageModel {}
