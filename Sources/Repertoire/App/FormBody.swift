import Hummingbird

/// The fields of a submitted HTML form (`application/x-www-form-urlencoded`), in order, with
/// repeated names kept (checkboxes).
struct FormBody: Sendable {
    var fields: [(String, String)]

    static let maximumSize = 1_048_576

    static func parse(_ request: Request) async throws -> FormBody {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw Problem(.unsupportedMediaType, title: "Formulaire attendu",
                          detail: "Cette adresse attend un formulaire (application/x-www-form-urlencoded).",
                          english: "This address expects a form (application/x-www-form-urlencoded).")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: maximumSize)
        return parse(String(buffer: buffer))
    }

    static func parse(_ text: String) -> FormBody {
        FormBody(fields: text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (FormQuery.decode(parts[0]), parts.count > 1 ? FormQuery.decode(parts[1]) : "")
        })
    }

    /// The first value of a field, trimmed; "" when absent.
    subscript(_ name: String) -> String {
        (fields.first { $0.0 == name }?.1 ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The value as typed, untrimmed (passwords).
    func raw(_ name: String) -> String {
        fields.first { $0.0 == name }?.1 ?? ""
    }

    func all(_ name: String) -> [String] {
        fields.filter { $0.0 == name }.map { $0.1.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    func has(_ name: String) -> Bool { fields.contains { $0.0 == name } }
}
