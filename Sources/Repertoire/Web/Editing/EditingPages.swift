import Foundation
import Mustache

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
    /// Written in Swift, shown above the form (the representative's calls-for-interest choice).
    var introHTML: SafeHTML? = nil
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
        /// The managers' names, emails and phones were erased from this revision (Loi 25).
        var personalDataErased: Bool = false
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
    /// « 12 entreprise(s) », or how many are listed of how many.
    var count: String
    var hasItems: Bool
}


// MARK: Template access, without reflection (checked in debug builds by `MustacheModelCheck`)

extension EnterpriseEditPage: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "heading": self.heading
        case "action": self.action
        case "version": self.version
        case "token": self.token
        case "submitLabel": self.submitLabel
        case "cancelURL": self.cancelURL
        case "form": self.form
        case "archived": self.archived
        case "hasLinks": self.hasLinks
        case "hasActions": self.hasActions
        case "profileURL": self.profileURL
        case "historyURL": self.historyURL
        case "updatedText": self.updatedText
        case "verifyURL": self.verifyURL
        case "archiveURL": self.archiveURL
        case "restoreURL": self.restoreURL
        case "introHTML": self.introHTML
        default: nil
        }
    }
}

extension EnterpriseConflictPage: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "name": self.name
        case "action": self.action
        case "version": self.version
        case "mine": self.mine
        case "proposal": self.proposal
        case "baseVersion": self.baseVersion
        case "savedBy": self.savedBy
        case "savedAt": self.savedAt
        case "savedTime": self.savedTime
        case "rows": self.rows
        case "count": self.count
        case "cancelURL": self.cancelURL
        default: nil
        }
    }
}

extension EnterpriseConflictPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "field": self.field
        case "label": self.label
        case "mine": self.mine
        case "theirs": self.theirs
        case "mineChosen": self.mineChosen
        default: nil
        }
    }
}

extension EnterpriseHistoryPage: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "name": self.name
        case "editURL": self.editURL
        case "profileURL": self.profileURL
        case "currentVersion": self.currentVersion
        case "revisions": self.revisions
        case "hasRevisions": self.hasRevisions
        default: nil
        }
    }
}

extension EnterpriseHistoryPage.Change: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "before": self.before
        case "after": self.after
        default: nil
        }
    }
}

extension EnterpriseHistoryPage.Item: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "seq": self.seq
        case "version": self.version
        case "action": self.action
        case "at": self.at
        case "actor": self.actor
        case "changes": self.changes
        case "hasChanges": self.hasChanges
        case "restorable": self.restorable
        case "restoreURL": self.restoreURL
        case "restorableBefore": self.restorableBefore
        case "personalDataErased": self.personalDataErased
        default: nil
        }
    }
}

extension EnterpriseArchivePage: StaffPageModel {
    func field(named name: String) -> Any? {
        switch name {
        case "frame": self.frame
        case "items": self.items
        case "count": self.count
        case "hasItems": self.hasItems
        default: nil
        }
    }
}

extension EnterpriseArchivePage.Item: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "editURL": self.editURL
        case "place": self.place
        case "archivedAt": self.archivedAt
        default: nil
        }
    }
}
