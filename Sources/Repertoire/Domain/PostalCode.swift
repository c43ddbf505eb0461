/// A Canadian postal code, normalised to `A1A 1A1`.
public struct PostalCode: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String

    public var description: String { value }

    // Canada Post never uses these letters, and W and Z never start a code.
    private static let forbidden: Set<Character> = ["D", "F", "I", "O", "Q", "U"]

    public static func parse(_ raw: String, field: String = "postalCode") -> Result<PostalCode, FieldIssue> {
        let compact = raw.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        let chars = Array(compact)
        let invalid = FieldIssue(
            field: field, code: "postal_code.format",
            message: "Le code postal « \(raw) » n'est pas valide : format attendu A1A 1A1.",
            english: "The postal code \"\(raw)\" is not valid: expected format A1A 1A1."
        )
        guard chars.count == 6 else { return .failure(invalid) }
        for (index, char) in chars.enumerated() {
            let wantsLetter = index % 2 == 0
            guard char.isASCII else { return .failure(invalid) }
            if wantsLetter {
                guard char.isLetter, !forbidden.contains(char) else { return .failure(invalid) }
                if index == 0 && (char == "W" || char == "Z") { return .failure(invalid) }
            } else {
                guard char.isNumber else { return .failure(invalid) }
            }
        }
        return .success(PostalCode(value: String(chars[0..<3]) + " " + String(chars[3..<6])))
    }

    init(value: String) {
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        switch PostalCode.parse(raw) {
        case .success(let code): self = code
        case .failure(let issue):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: issue.messageEnglish))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
