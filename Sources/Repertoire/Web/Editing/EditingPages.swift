import Foundation

/// `/gestion/entreprises/…/modifier` and `/nouvelle`: the enterprise form with its frame.
struct EnterpriseEditPage: Sendable {
    var frame: StaffFrame
    var heading: String
    var action: String
    var version: Int?
    var token: String?
    var submitLabel: String
    var cancelURL: String?
    var form: EnterpriseFormModel
    var archived = false
    var hasLinks = false
    var hasActions = false
    var profileURL: String?
    var historyURL = ""
    var updatedText: String?
    var verifyURL = ""
    var archiveURL = ""
    var restoreURL = ""
}

/// The side-by-side choice shown when someone else saved in between.
struct EnterpriseConflictPage: Sendable {
    struct Row: Sendable {
        var field: String
        var label: String
        var mine: String
        var theirs: String
        var mineChosen: Bool
    }

    var frame: StaffFrame
    var name: String
    var action: String
    var version: Int
    var mine: String
    /// When approving a proposal that conflicts: the proposal, decided when this form is saved.
    var proposal: String?
    var baseVersion: Int
    var savedBy: String
    var savedAt: String
    var savedTime: String
    var rows: [Row]
    var count: Int
    var cancelURL: String
}

/// `/gestion/entreprises/…/historique`.
struct EnterpriseHistoryPage: Sendable {
    struct Change: Sendable {
        var label: String
        var before: String
        var after: String
    }

    struct Item: Sendable {
        var seq: Int64
        var version: Int
        var action: String
        var at: String
        var actor: String
        var changes: [Change]
        var hasChanges: Bool
        var restorable: Bool
        var restoreURL: String
        /// Offered on the oldest revision: the state before it.
        var restorableBefore: Bool
    }

    var frame: StaffFrame
    var name: String
    var editURL: String
    var profileURL: String?
    var currentVersion: Int
    var revisions: [Item]
    var hasRevisions: Bool
}

/// `/gestion/entreprises/archivees`.
struct EnterpriseArchivePage: Sendable {
    struct Item: Sendable {
        var name: String
        var editURL: String
        var place: String
        var archivedAt: String
    }

    var frame: StaffFrame
    var items: [Item]
    var count: Int
    var hasItems: Bool
}

extension EnterpriseArchivePage: StaffPageModel {}
extension EnterpriseEditPage: StaffPageModel {}
extension EnterpriseConflictPage: StaffPageModel {}
extension EnterpriseHistoryPage: StaffPageModel {}
