import Foundation

/// A buyer's need sent to social-economy enterprises (« appel d'intérêt »): what is wanted,
/// where, for about how much, and by when answers are wanted. It belongs to the buyer's
/// municipality. Draft → proposed recipients → sent → closed; cancelled with a message.
public struct CallForInterest: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case draft
        /// The recipients are proposed; the buyer reviews them before sending.
        case proposed
        case sent
        case closed
        case cancelled

        public var name: String {
            switch self {
            case .draft: "Brouillon"
            case .proposed: "Destinataires proposés"
            case .sent: "Envoyé"
            case .closed: "Fermé"
            case .cancelled: "Annulé"
            }
        }

        public var nameEnglish: String {
            switch self {
            case .draft: "Draft"
            case .proposed: "Recipients proposed"
            case .sent: "Sent"
            case .closed: "Closed"
            case .cancelled: "Cancelled"
            }
        }

        /// The need can still be changed (not sent yet).
        public var isEditable: Bool { self == .draft || self == .proposed }
    }

    /// About how much the contract is worth: the procedure it calls for follows.
    public enum AmountBand: String, Sendable, CaseIterable {
        case mutualAgreement = "gre-a-gre"
        case invitation
        case publicCall = "appel-public"
        case unknown = "a-determiner"

        /// The band's name with the amounts in force (`invitation` and `publicCall` thresholds,
        /// written by `money`).
        func name(invitation: Int64, publicCall: Int64, money: (Int64) -> String, _ language: Language) -> String {
            let fr = language == .fr
            switch self {
            case .mutualAgreement: return fr ? "Moins de \(money(invitation))" : "Under \(money(invitation))"
            case .invitation:
                return fr ? "De \(money(invitation)) à moins de \(money(publicCall))"
                    : "From \(money(invitation)) to under \(money(publicCall))"
            case .publicCall: return fr ? "\(money(publicCall)) ou plus" : "\(money(publicCall)) or more"
            case .unknown: return fr ? "À déterminer" : "To be determined"
            }
        }

        /// The procedure of the band; nil when the amount is not known.
        public var procedure: ProcurementProcedure? {
            switch self {
            case .mutualAgreement: .mutualAgreement
            case .invitation: .writtenInvitation
            case .publicCall: .publicCall
            case .unknown: nil
            }
        }

        /// The band an amount (cents) falls in.
        public static func of(amountCents: Int64, invitation: Int64, publicCall: Int64) -> AmountBand {
            amountCents >= publicCall ? .publicCall : amountCents >= invitation ? .invitation : .mutualAgreement
        }
    }

    /// Where the goods or services are delivered.
    public enum PlaceKind: String, Sendable, CaseIterable {
        case municipality, mrc, region
    }

    public static let maxTitleLength = 150
    public static let maxDescriptionLength = 5_000
    public static let maxRecipients = 200
    /// Files the buyer attaches to the need.
    public static let maxAttachments = 5

    public var id: String
    public var municipalityCode: String
    public var ownerID: String
    public var ownerName: String
    public var ownerEmail: String
    public var title: String
    public var description: String
    public var kind: ContractKind
    /// Sector slugs.
    public var sectors: [String]
    public var placeKind: PlaceKind
    public var placeCode: String
    /// The region the place is in (for hub editors).
    public var placeRegion: String
    public var amountBand: AmountBand
    /// The last day answers are wanted (`YYYY-MM-DD`, through the end of that day in Quebec).
    public var deadline: String
    public var status: Status
    public var cancelMessage: String
    public var sourceListID: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var sentAt: Date?
    public var closedAt: Date?

    /// Answers are taken until the end of the deadline's day (America/Toronto).
    public func acceptsAnswers(now: Date) -> Bool {
        status == .sent && CalendarDay.string(from: now) <= deadline
    }

    /// The moment answers stop: the start of the day after the deadline, in Quebec.
    public var answersEnd: Date {
        (CalendarDay.parse(deadline) ?? .distantPast).addingTimeInterval(24 * 3600)
    }
}

/// An enterprise a call for interest goes to, and what became of it.
public struct CallRecipient: Sendable, Equatable {
    public enum Origin: String, Sendable {
        /// Proposed by the matching.
        case proposed
        /// From the purchase list the call was started from.
        case list
        /// Added by hand by the buyer.
        case buyer
    }

    public enum Answer: String, Sendable, CaseIterable {
        case interested
        case notInterested = "not-interested"
    }

    /// Why an enterprise is not interested.
    public enum DeclineReason: String, Sendable, CaseIterable {
        case capacity = "capacite"
        case area = "territoire"
        case activity = "activite"
        case deadline = "delai"
        case amount = "montant"
        case other = "autre"

        public var name: String {
            switch self {
            case .capacity: "Nous n'avons pas la capacité en ce moment"
            case .area: "Le lieu de livraison est hors de notre territoire"
            case .activity: "Ce besoin ne correspond pas à nos activités"
            case .deadline: "Le délai est trop court"
            case .amount: "Le montant ou l'envergure ne nous conviennent pas"
            case .other: "Autre raison"
            }
        }

        public var nameEnglish: String {
            switch self {
            case .capacity: "We do not have the capacity at the moment"
            case .area: "The place of delivery is outside our area"
            case .activity: "This need does not match what we do"
            case .deadline: "The deadline is too short"
            case .amount: "The amount or scale does not suit us"
            case .other: "Another reason"
            }
        }
    }

    /// Where its e-mail stands, from the outbox.
    public enum Delivery: String, Sendable {
        case none, queued, sent, failed
    }

    /// What the buyer sees in the recipients' table.
    public enum Status: String, Sendable, CaseIterable {
        case notSent = "non-envoye"
        case unreachable = "injoignable"
        case optedOut = "desabonnee"
        case queued = "en-attente"
        case sent = "envoye"
        case failed = "echec"
        case opened = "ouvert"
        case interested = "interessee"
        case notInterested = "pas-interessee"
        case noAnswer = "sans-reponse"

        public var name: String {
            switch self {
            case .notSent: "Pas encore envoyé"
            case .unreachable: "Injoignable (aucune adresse courriel)"
            case .optedOut: "Ne reçoit plus d'appels d'intérêt"
            case .queued: "En file d'envoi"
            case .sent: "Envoyé"
            case .failed: "Échec de livraison"
            case .opened: "Lien ouvert"
            case .interested: "Intéressée"
            case .notInterested: "Pas intéressée"
            case .noAnswer: "Sans réponse"
            }
        }

        public var nameEnglish: String {
            switch self {
            case .notSent: "Not sent yet"
            case .unreachable: "Unreachable (no e-mail address)"
            case .optedOut: "Receives no more calls for interest"
            case .queued: "Queued"
            case .sent: "Sent"
            case .failed: "Delivery failed"
            case .opened: "Link opened"
            case .interested: "Interested"
            case .notInterested: "Not interested"
            case .noAnswer: "No answer"
            }
        }
    }

    public var enterpriseID: String
    public var position: Int
    public var origin: Origin
    /// Why it was proposed, one reason per line (« mots : déneigement », « secteur : … »).
    public var reasons: [String]
    public var score: Int
    /// The addresses its e-mail went to.
    public var addresses: [String]
    public var queuedAt: Date?
    public var openedAt: Date?
    public var answer: Answer?
    public var answerMessage: String
    public var declineReason: DeclineReason?
    public var contactName: String
    public var contactEmail: String
    public var contactPhone: String
    public var answeredAt: Date?
    public var remindedAt: Date?
    public var delivery: Delivery

    /// The status shown, given the call's state.
    public func status(of call: CallForInterest, now: Date, optedOut: Bool, reachable: Bool) -> Status {
        if let answer { return answer == .interested ? .interested : .notInterested }
        guard queuedAt != nil else {
            if optedOut { return .optedOut }
            return reachable ? .notSent : .unreachable
        }
        if openedAt != nil { return call.acceptsAnswers(now: now) ? .opened : .noAnswer }
        if delivery == .failed { return .failed }
        if !call.acceptsAnswers(now: now) && call.status != .cancelled { return .noAnswer }
        return delivery == .sent ? .sent : .queued
    }
}

/// A file of a call for interest: the buyer's attachment (no enterprise) or an answer's document.
public struct CallFile: Sendable, Equatable {
    public var id: String
    public var callID: String
    public var enterpriseID: String?
    public var fileName: String
    public var contentType: String
    public var size: Int
    public var createdAt: Date
}

/// The counts the dashboards show: needs sent, enterprises reached, interested.
public struct CallCounts: Sendable, Equatable {
    public var municipalityCode: String
    public var callsSent: Int
    public var enterprisesReached: Int
    public var interested: Int
}
