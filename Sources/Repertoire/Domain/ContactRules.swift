import Foundation

/// Validation and normalisation of emails, phone numbers and web addresses.
enum ContactRules {
    /// A deliberately simple check: something@domain.tld, no spaces, at most 254 characters,
    /// and nothing the mailer cannot send (``MailAddress``): an address that passes here can
    /// always be written to the outbox. Deliverability is only proven by sending a message.
    static func email(_ raw: String, field: String) -> Result<String, FieldIssue> {
        let value = trimmedSpaces(raw).lowercased()
        // Messages are written only for an address that fails (most of a bulk load passes).
        var shown: String { TextRules.visible(raw) }
        var invalid: FieldIssue {
            FieldIssue(
                field: field, code: "email.format",
                message: "L'adresse courriel « \(shown) » n'est pas valide (ex. nom@organisme.org).",
                english: "The email address \"\(shown)\" is not valid (e.g. name@organisation.org).")
        }
        // The common case, checked by bytes: lowercase ASCII letters, digits and . _ - + with
        // one @, a dotted domain and a top-level domain of letters.
        if let plain = plainAddress(value) { return plain ? .success(value) : .failure(invalid) }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        if value.unicodeScalars.contains(where: TextRules.isControl) {
            return .failure(FieldIssue(
                field: field, code: "email.control",
                message: "L'adresse courriel « \(shown) » contient un caractère invisible (caractère de contrôle) : retapez-la sans la copier-coller.",
                english: "The email address \"\(shown)\" contains an invisible (control) character: type it again rather than pasting it."))
        }
        if value.contains(where: { "\"\\()[]:".contains($0) }) {
            return .failure(FieldIssue(
                field: field, code: "email.character",
                message: "L'adresse courriel « \(shown) » contient un caractère qu'un serveur de courriel n'accepte pas (guillemets, parenthèses, crochets, deux-points ou barre oblique inverse).",
                english: "The email address \"\(shown)\" contains a character mail servers do not accept (quotes, parentheses, brackets, colon or backslash)."))
        }
        if !value.unicodeScalars.allSatisfy(\.isASCII) {
            return .failure(FieldIssue(
                field: field, code: "email.ascii",
                message: "L'adresse courriel « \(shown) » contient des accents ou des caractères spéciaux : les serveurs de courriel ne l'acceptent pas toujours. Indiquez une adresse sans accents.",
                english: "The email address \"\(shown)\" contains accents or special characters, which mail servers do not always accept. Give an address without accents."))
        }
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

    /// `raw` without the spaces around it; most text has none, and is returned without a look
    /// at Foundation's character sets.
    static func trimmedSpaces(_ raw: String) -> String {
        if let first = raw.utf8.first, let last = raw.utf8.last,
           first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return raw }
        return raw.trimmingCharacters(in: .whitespaces)
    }

    /// `450 555-1234`: three digits (the first 2 to 9), a space, three digits, a hyphen, four digits.
    private static func isFormattedPhone(_ raw: String) -> Bool {
        let bytes = Array(raw.utf8)
        guard bytes.count == 12, bytes[3] == UInt8(ascii: " "), bytes[7] == UInt8(ascii: "-"),
              bytes[0] >= UInt8(ascii: "2"), bytes[0] <= UInt8(ascii: "9") else { return false }
        for index in [0, 1, 2, 4, 5, 6, 8, 9, 10, 11] where !(bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")) {
            return false
        }
        return true
    }

    /// For an address made only of lowercase ASCII letters, digits, `.`, `_`, `-`, `+` and one
    /// `@`: whether the rules below accept it. nil for any other address (the full checks run).
    private static func plainAddress(_ value: String) -> Bool? {
        var at = -1, count = 0
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"):
                break
            case UInt8(ascii: "@") where at < 0:
                at = count
            default:
                return nil
            }
            count += 1
        }
        guard at > 0, count <= 254 else { return false }
        let domain = value.utf8.dropFirst(at + 1)
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.first != UInt8(ascii: "-") && $0.last != UInt8(ascii: "-") }),
              let tld = labels.last, tld.count >= 2, tld.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") })
        else { return false }
        return true
    }

    /// True when ``email(_:field:)`` accepts the address.
    static func looksLikeEmail(_ raw: String) -> Bool {
        if case .success = email(raw, field: "email") { return true }
        return false
    }

    /// North American numbers: 10 digits (a leading 1 is dropped), with an optional extension
    /// written `poste 123`, `p. 123`, `ext. 123` or `x123`. Normalised to `450 555-1234, poste 123`.
    static func phone(_ raw: String, field: String) -> Result<String, FieldIssue> {
        var invalid: FieldIssue {
            FieldIssue(
                field: field, code: "phone.format",
                message: "Le numéro de téléphone « \(raw) » n'est pas valide : 10 chiffres attendus (ex. 450 555-1234, poste 12).",
                english: "The phone number \"\(raw)\" is not valid: 10 digits expected (e.g. 450 555-1234, ext. 12).")
        }
        // Already in the form this function writes (`450 555-1234`): kept as it is.
        if isFormattedPhone(raw) { return .success(raw) }
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
        var value = trimmedSpaces(raw)
        var invalid: FieldIssue {
            FieldIssue(
                field: field, code: "website.format",
                message: "L'adresse du site web « \(raw) » n'est pas valide (ex. https://www.exemple.org).",
                english: "The website address \"\(raw)\" is not valid (e.g. https://www.example.org).")
        }
        let lowered = value.lowercased()
        if !lowered.hasPrefix("http://") && !lowered.hasPrefix("https://") {
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
