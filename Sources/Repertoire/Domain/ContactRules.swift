import Foundation

/// Validation and normalisation of emails, phone numbers and web addresses.
enum ContactRules {
    /// A deliberately simple check: something@domain.tld, no spaces, at most 254 characters.
    /// Deliverability is only proven by sending a message (accounts do that).
    static func email(_ raw: String, field: String) -> Result<String, FieldIssue> {
        let value = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        let invalid = FieldIssue(
            field: field, code: "email.format",
            message: "L'adresse courriel « \(raw) » n'est pas valide (ex. nom@organisme.org).",
            english: "The email address \"\(raw)\" is not valid (e.g. name@organisation.org)."
        )
        guard value.count <= 254, parts.count == 2, !parts[0].isEmpty,
              !value.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" })
        else { return .failure(invalid) }
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
              let tld = labels.last, tld.count >= 2, tld.allSatisfy({ $0.isLetter })
        else { return .failure(invalid) }
        return .success(value)
    }

    /// True when ``email(_:field:)`` accepts the address.
    static func looksLikeEmail(_ raw: String) -> Bool {
        if case .success = email(raw, field: "email") { return true }
        return false
    }

    /// North American numbers: 10 digits (a leading 1 is dropped), with an optional extension
    /// written `poste 123`, `p. 123`, `ext. 123` or `x123`. Normalised to `450 555-1234, poste 123`.
    static func phone(_ raw: String, field: String) -> Result<String, FieldIssue> {
        let invalid = FieldIssue(
            field: field, code: "phone.format",
            message: "Le numéro de téléphone « \(raw) » n'est pas valide : 10 chiffres attendus (ex. 450 555-1234, poste 12).",
            english: "The phone number \"\(raw)\" is not valid: 10 digits expected (e.g. 450 555-1234, ext. 12)."
        )
        let lowered = raw.lowercased()
        var main = lowered
        var ext: String?
        for marker in ["poste", "ext.", "ext", "p.", "x", "#"] {
            if let range = lowered.range(of: marker, options: .backwards), range.lowerBound != lowered.startIndex {
                let tail = lowered[range.upperBound...].filter { !$0.isWhitespace && $0 != "." && $0 != ":" }
                if !tail.isEmpty, tail.allSatisfy({ $0.isASCII && $0.isNumber }), tail.count <= 6 {
                    ext = String(tail)
                    main = String(lowered[..<range.lowerBound])
                    break
                }
            }
        }
        // The comma lets a number formatted by this very function (`…, poste 12`) validate again.
        let allowed = Set(" ()-.+/,\u{00A0}")
        guard main.allSatisfy({ ($0.isASCII && $0.isNumber) || allowed.contains($0) }) else { return .failure(invalid) }
        var digits = main.filter { $0.isASCII && $0.isNumber }
        if digits.count == 11, digits.first == "1" { digits.removeFirst() }
        guard digits.count == 10, let first = digits.first, first != "0", first != "1" else { return .failure(invalid) }
        let d = Array(digits)
        var formatted = "\(String(d[0..<3])) \(String(d[3..<6]))-\(String(d[6..<10]))"
        if let ext { formatted += ", poste \(ext)" }
        return .success(formatted)
    }

    /// http(s) addresses only; a bare `www.example.org` gets `https://`.
    static func website(_ raw: String, field: String) -> Result<String, FieldIssue> {
        var value = raw.trimmingCharacters(in: .whitespaces)
        let invalid = FieldIssue(
            field: field, code: "website.format",
            message: "L'adresse du site web « \(raw) » n'est pas valide (ex. https://www.exemple.org).",
            english: "The website address \"\(raw)\" is not valid (e.g. https://www.example.org)."
        )
        if !value.lowercased().hasPrefix("http://") && !value.lowercased().hasPrefix("https://") {
            value = "https://" + value
        }
        guard value.count <= 500, !value.contains(where: { $0.isWhitespace }),
              let components = URLComponents(string: value),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, host.contains("."), !host.hasPrefix("."), !host.hasSuffix("."),
              host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" })
        else { return .failure(invalid) }
        return .success(value)
    }
}
