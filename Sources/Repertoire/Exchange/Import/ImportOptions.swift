import Foundation

/// Choices made once for a whole import.
public struct ImportOptions: Sendable, Codable, Equatable {
    /// Shown in each profile's source (`Import : liste-2025.csv`) unless a column gives one.
    public var fileName: String
    /// Converts names written entirely in capitals to French title case (see ``FrenchTitleCase``).
    public var titleCaseNames: Bool
    /// The region to assume when a row's municipality is missing or unknown and no region column
    /// says otherwise; it also settles names shared by municipalities of several regions. A hub
    /// importing its own region's list sets it to that region.
    public var defaultRegionCode: String?
    /// The date validation checks "not in the future" against.
    public var today: Date
    /// The day the list was written (`AAAA-MM-JJ`), when known: a stored value edited by hand, or
    /// a record verified, on or after it is kept against the file's. Unknown, every value edited
    /// by hand is kept.
    public var listDate: String?
    /// Per line of the file, how its disagreements are settled (over the columns' choice).
    public var rowChoices: [Int: ConflictChoice]
    /// The source shown on the profiles the import creates or whose source it writes, in words a
    /// visitor understands (« Liste du pôle régional de la Mauricie, 2026-12 »).
    public var sourceLabel: String?

    public init(fileName: String = "fichier.csv", titleCaseNames: Bool = false, defaultRegionCode: String? = nil,
                today: Date = Date(), listDate: String? = nil, rowChoices: [Int: ConflictChoice] = [:], sourceLabel: String? = nil) {
        self.fileName = fileName
        self.titleCaseNames = titleCaseNames
        self.defaultRegionCode = defaultRegionCode
        self.today = today
        self.listDate = listDate
        self.rowChoices = rowChoices
        self.sourceLabel = sourceLabel
    }

    /// The source written on profiles: the label chosen, else « Liste importée, AAAA-MM ».
    public var source: String {
        if let label = sourceLabel.map({ String(ImportText.trimmed($0)) }), !label.isEmpty { return label }
        let month = String(CalendarDay.string(from: today).prefix(7))
        if let region = defaultRegionCode.flatMap(Region.find) { return "Liste du pôle régional (\(region.name)), \(month)" }
        return "Liste importée, \(month)"
    }

    /// Reads `AAAA-MM-JJ` (the list's date), refusing an impossible or future day.
    public static func listDate(_ text: String, today: Date = Date()) -> Result<String, ImportProblem> {
        let trimmed = String(ImportText.trimmed(text))
        guard CalendarDay.parse(trimmed) != nil, trimmed <= CalendarDay.string(from: today) else {
            return .failure(ImportProblem(line: nil, message: "date de la liste « \(trimmed) » invalide : écrivez-la AAAA-MM-JJ (ex. 2026-11-30), pas dans le futur."))
        }
        return .success(trimmed)
    }
}

/// An enterprise already in the directory, as the planner needs it for matching.
public struct ExistingRecord: Sendable, Equatable {
    public var id: String
    public var version: Int
    public var profile: EnterpriseProfile
    public var slug: String?
    public var fictional: Bool
    /// When a person last changed each field (``ProfileField`` raw values) by hand, not by import.
    public var handEdited: [String: Date]

    public init(id: String, version: Int, profile: EnterpriseProfile, slug: String? = nil, fictional: Bool = false,
                handEdited: [String: Date] = [:]) {
        self.id = id
        self.version = version
        self.profile = profile
        self.slug = slug
        self.fictional = fictional
        self.handEdited = handEdited
    }

    public init(_ enterprise: Enterprise, handEdited: [String: Date] = [:]) {
        self.init(id: enterprise.id, version: enterprise.version, profile: enterprise.profile, slug: enterprise.slug,
                  fictional: enterprise.isFictional, handEdited: handEdited)
    }

    public var neq: String? { profile.neq }
    public var name: String { profile.name }
    public var municipalityCode: String? { profile.municipalityCode }
}
