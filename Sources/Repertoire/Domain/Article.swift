import Foundation

/// A piece of « Économie sociale, J'achète! », the buyers' hub: a training, a collaboration story
/// (what a city bought from social-economy enterprises, and what came of it) or news. Written in
/// Markdown by a hub editor (for their regions) or an administrator, in French and optionally in
/// English. Draft → published (scheduled while its publication time is ahead) → archived.
public struct Article: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case training = "formation"
        case collaboration
        case news = "nouvelle"

        public var name: String {
            switch self {
            case .training: "Formation"
            case .collaboration: "Exemple de collaboration"
            case .news: "Nouvelle"
            }
        }

        public var nameEnglish: String {
            switch self {
            case .training: "Training"
            case .collaboration: "Collaboration story"
            case .news: "News"
            }
        }
    }

    public enum Status: String, Sendable, CaseIterable, Codable {
        case draft
        /// Published, or scheduled while ``Article/publishAt`` is ahead.
        case published
        case archived
    }

    /// What people see of the status at a moment.
    public enum State: String, Sendable, CaseIterable {
        case draft, scheduled, published, archived

        public var name: String {
            switch self {
            case .draft: "Brouillon"
            case .scheduled: "Programmé"
            case .published: "Publié"
            case .archived: "Archivé"
            }
        }

        public var nameEnglish: String {
            switch self {
            case .draft: "Draft"
            case .scheduled: "Scheduled"
            case .published: "Published"
            case .archived: "Archived"
            }
        }
    }

    /// A training's when, where and for whom. Times are instants, shown and entered in
    /// America/Toronto (Quebec's time).
    public struct Training: Sendable, Equatable, Codable {
        public var startsAt: Date
        public var endsAt: Date
        public var online: Bool
        /// The address, or the online platform.
        public var place: String
        public var audience: String
        /// Where people register, when registrations are taken elsewhere.
        public var registrationURL: String
        /// Seats, when registrations are taken in Répertoire (then with a waiting list).
        public var capacity: Int? = nil
    }

    /// A collaboration story's facts: the municipality, what was bought and how.
    public struct Collaboration: Sendable, Equatable, Codable {
        public var municipalityCode: String
        public var bought: String
        /// ``PurchaseContract/Procedure``'s raw value.
        public var procedure: String
        /// Shown only when the municipality made it public.
        public var amountCents: Int64?
        /// The outcome in words and figures.
        public var outcome: String
    }

    public var id: String
    public var slug: String
    public var kind: Kind
    public var status: Status
    public var titleFrench: String
    public var summaryFrench: String
    public var bodyFrench: String
    public var titleEnglish: String
    public var summaryEnglish: String
    public var bodyEnglish: String
    /// The administrative regions concerned (codes, e.g. `16`); empty: all of Quebec
    /// (administrators only).
    public var regions: [String]
    public var tags: [String]
    /// When it is (or was) published; set when it is published or scheduled.
    public var publishAt: Date?
    public var training: Training?
    public var collaboration: Collaboration?
    /// The directory's enterprises the article is about, in the editor's order.
    public var enterpriseIDs: [String]
    public var version: Int
    public var createdBy: String?
    public var createdAt: Date
    public var updatedAt: Date

    public static let maxTitleLength = 160
    public static let maxSummaryLength = 400
    public static let maxBodyLength = 40_000
    public static let maxTags = 8
    public static let maxTagLength = 40
    public static let maxEnterprises = 12

    public func state(at now: Date) -> State {
        switch status {
        case .draft: .draft
        case .archived: .archived
        case .published: (publishAt ?? .distantPast) > now ? .scheduled : .published
        }
    }

    /// Whether visitors see it in lists, searches and feeds.
    public func isListed(at now: Date) -> Bool { state(at: now) == .published }

    /// Whether its page opens for visitors (an archived article's page stays, marked as such, so
    /// that links to it keep working).
    public func isReadable(at now: Date) -> Bool {
        let state = state(at: now)
        return state == .published || state == .archived && publishAt != nil
    }

    public func title(_ language: Language) -> String {
        language == .en && !titleEnglish.isEmpty ? titleEnglish : titleFrench
    }

    public func summary(_ language: Language) -> String {
        language == .en && !titleEnglish.isEmpty ? summaryEnglish : summaryFrench
    }

    public func body(_ language: Language) -> String {
        language == .en && !titleEnglish.isEmpty ? bodyEnglish : bodyFrench
    }

    /// True when the page in this language is the French text (no English version).
    public func fallsBackToFrench(_ language: Language) -> Bool { language == .en && titleEnglish.isEmpty }
}

/// A person registered to a training: confirmed within its capacity, else waiting in the order
/// they came; a cancelled seat goes to the first person waiting.
public struct TrainingRegistration: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case confirmed
        case waiting
        case cancelled

        public var name: String {
            switch self {
            case .confirmed: "Confirmée"
            case .waiting: "Liste d'attente"
            case .cancelled: "Annulée"
            }
        }
    }

    public var id: String
    public var articleID: String
    public var name: String
    public var email: String
    public var city: String
    public var status: Status
    public var createdAt: Date
    public var updatedAt: Date

    public static let maxCapacity = 5_000
}

/// One saved version of an article: who, when, what was done, and the article as it was.
public struct ArticleRevision: Sendable, Equatable {
    public var version: Int
    public var action: String
    public var article: Article
    public var authorName: String
    public var recordedAt: Date
}
