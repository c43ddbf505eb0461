import Foundation

/// One release of a SEAO process, reduced to what Répertoire uses, in a stored format of its own
/// (`SEAORelease.format`): the history of a process is a list of these, and its current state
/// (``PublicTender``) is compiled from them.
public struct SEAORelease: Codable, Sendable, Equatable {
    public static let format = 1

    public struct Buyer: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        /// `details.municipal` of the buyer's party: "1" for municipal bodies.
        public var municipal: Bool
    }

    public struct Category: Codable, Sendable, Equatable {
        /// SEAO's own code, like "C01".
        public var code: String
        /// "C01 - Bâtiments".
        public var label: String
    }

    public struct TenderPart: Codable, Sendable, Equatable {
        public var number: String?
        public var title: String?
        public var description: String?
        public var status: String?
        public var method: String?
        public var methodDetails: String?
        /// goods, services or works.
        public var category: String?
        public var categories: [Category] = []
        /// UNSPSC codes of the items.
        public var unspsc: [String] = []
        public var valueCents: Int64?
        public var opensAt: Date?
        public var closesAt: Date?
        /// Region codes ("01"…"17") of `deliveryarea`.
        public var deliveryRegions: [String] = []
        public var url: String?
    }

    public struct Supplier: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        /// The supplier's Quebec enterprise number, when SEAO gives it.
        public var neq: String?
    }

    public struct AwardPart: Codable, Sendable, Equatable {
        public var id: String
        public var date: Date?
        public var status: String?
        public var valueCents: Int64?
        public var suppliers: [Supplier] = []
    }

    public struct ContractPart: Codable, Sendable, Equatable {
        public var id: String
        public var awardID: String?
        public var status: String?
        public var valueCents: Int64?
        public var signedAt: Date?
    }

    public var ocid: String
    public var id: String
    public var date: Date
    public var tags: [String]
    public var buyer: Buyer?
    public var tender: TenderPart?
    public var awards: [AwardPart] = []
    public var contracts: [ContractPart] = []
}

/// A SEAO process (one `ocid`) in its latest state: the newest value of each part across its
/// releases, taken in date order, awards and contracts merged by their ids.
public struct PublicTender: Codable, Sendable, Equatable {
    public var ocid: String
    /// SEAO's number: the `ocid` after `ocds-ec9k95-`.
    public var seaoNumber: String
    public var buyer: SEAORelease.Buyer?
    public var tender: SEAORelease.TenderPart
    public var awards: [SEAORelease.AwardPart]
    public var contracts: [SEAORelease.ContractPart]
    /// Every tag seen, in the order first seen (tender, tenderUpdate, award, contract…).
    public var tags: [String]
    public var releaseCount: Int
    public var lastReleaseID: String
    public var lastReleaseDate: Date

    /// An open call: a tender still active whose period has not ended, and not awarded yet.
    public func isOpen(at now: Date) -> Bool {
        let status = tender.status ?? "active"
        guard status == "active" || status == "planned" else { return false }
        guard !awards.contains(where: { $0.status == nil || $0.status == "active" || $0.status == "pending" }) else { return false }
        guard let closes = tender.closesAt else { return false }
        return closes > now
    }

    /// The tender's own page on SEAO, from its documents (never built by hand).
    public var seaoURL: String? { tender.url }

    /// Compiles the releases of one process, in any order: sorted by date (then id), each later
    /// value replacing an earlier one, absent values keeping the earlier.
    public static func compile(_ releases: [SEAORelease]) -> PublicTender? {
        let ordered = releases.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        guard let last = ordered.last else { return nil }
        var tender = SEAORelease.TenderPart()
        var buyer: SEAORelease.Buyer?
        var awards: [SEAORelease.AwardPart] = []
        var contracts: [SEAORelease.ContractPart] = []
        var tags: [String] = []
        for release in ordered {
            if let b = release.buyer { buyer = b }
            if let t = release.tender { tender = merge(tender, t) }
            for award in release.awards {
                if let i = awards.firstIndex(where: { $0.id == award.id }) { awards[i] = award } else { awards.append(award) }
            }
            for contract in release.contracts {
                if let i = contracts.firstIndex(where: { $0.id == contract.id }) { contracts[i] = contract } else { contracts.append(contract) }
            }
            for tag in release.tags where !tags.contains(tag) { tags.append(tag) }
        }
        let prefix = "ocds-ec9k95-"
        return PublicTender(ocid: last.ocid, seaoNumber: last.ocid.hasPrefix(prefix) ? String(last.ocid.dropFirst(prefix.count)) : last.ocid,
                            buyer: buyer, tender: tender, awards: awards, contracts: contracts, tags: tags,
                            releaseCount: ordered.count, lastReleaseID: last.id, lastReleaseDate: last.date)
    }

    private static func merge(_ old: SEAORelease.TenderPart, _ new: SEAORelease.TenderPart) -> SEAORelease.TenderPart {
        var out = old
        out.number = new.number ?? old.number
        out.title = new.title ?? old.title
        out.description = new.description ?? old.description
        out.status = new.status ?? old.status
        out.method = new.method ?? old.method
        out.methodDetails = new.methodDetails ?? old.methodDetails
        out.category = new.category ?? old.category
        if !new.categories.isEmpty { out.categories = new.categories }
        if !new.unspsc.isEmpty { out.unspsc = new.unspsc }
        out.valueCents = new.valueCents ?? old.valueCents
        out.opensAt = new.opensAt ?? old.opensAt
        out.closesAt = new.closesAt ?? old.closesAt
        if !new.deliveryRegions.isEmpty { out.deliveryRegions = new.deliveryRegions }
        out.url = new.url ?? old.url
        return out
    }
}
