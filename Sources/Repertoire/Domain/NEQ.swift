/// The Quebec enterprise number (numéro d'entreprise du Québec), 10 digits.
///
/// Real NEQs end with a Luhn (mod 10) check over their last 8 digits. Older or mistyped numbers
/// exist in hubs' lists, so a failing check is a warning rather than a refusal; a wrong length or
/// a non-digit is an error.
public struct NEQ: Sendable, Hashable, Codable, CustomStringConvertible {
    public let digits: String

    public var description: String { digits }

    /// Parses an NEQ, accepting spaces and dashes between digits (`1140 139 735`).
    public static func parse(_ raw: String, field: String = "neq") -> (NEQ?, [FieldIssue]) {
        let compact = raw.filter { $0 != " " && $0 != "-" && $0 != "\u{00A0}" }
        guard compact.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return (nil, [FieldIssue(
                field: field, code: "neq.not_digits",
                message: "Le NEQ ne doit contenir que des chiffres (10 chiffres, ex. 1140139735).",
                english: "The NEQ must contain digits only (10 digits, e.g. 1140139735)."
            )])
        }
        guard compact.count == 10 else {
            return (nil, [FieldIssue(
                field: field, code: "neq.length",
                message: "Le NEQ doit compter exactement 10 chiffres (\(compact.count) reçus).",
                english: "The NEQ must have exactly 10 digits (\(compact.count) given)."
            )])
        }
        let neq = NEQ(digits: compact)
        if !neq.passesCheckDigit {
            return (neq, [FieldIssue(
                field: field, code: "neq.check_digit",
                message: "Le chiffre de contrôle de ce NEQ ne correspond pas : vérifiez-le au Registraire des entreprises.",
                english: "This NEQ's check digit does not match: please verify it in the enterprise register.",
                severity: .warning
            )])
        }
        return (neq, [])
    }

    init(digits: String) {
        self.digits = digits
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        let (value, issues) = NEQ.parse(raw)
        guard let value, !issues.hasErrors else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: issues.first?.messageEnglish ?? "invalid NEQ"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }

    /// Luhn check over the last 8 digits.
    public var passesCheckDigit: Bool {
        let values = digits.suffix(8).compactMap { $0.wholeNumberValue }
        var sum = 0
        for (offset, value) in values.reversed().enumerated() {
            if offset % 2 == 1 {
                let doubled = value * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += value
            }
        }
        return sum % 10 == 0
    }
}
