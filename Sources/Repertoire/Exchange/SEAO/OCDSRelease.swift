import Foundation

/// One OCDS 1.1 release as SEAO publishes it, decoded strictly where the standard is firm (an
/// `ocid`, an `id`, a `date`, amounts that are numbers) and leniently for SEAO's own habits:
/// amounts without a currency, `tenderPeriod.durationInDay`, `tender.deliveryarea` as a number, a
/// text or a list, `details.neq` or `details.NEQ`, unknown fields ignored.
struct OCDSRelease: Decodable {
    struct Organization: Decodable {
        var id: String?
        var name: String?
    }

    struct Details: Decodable {
        var municipal: LenientText?
        var neq: LenientText?

        enum CodingKeys: String, CodingKey { case municipal, neq, NEQ }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            municipal = try c.decodeIfPresent(LenientText.self, forKey: .municipal)
            neq = try c.decodeIfPresent(LenientText.self, forKey: .neq) ?? c.decodeIfPresent(LenientText.self, forKey: .NEQ)
        }
    }

    struct Address: Decodable {
        var locality: String?
        var postalCode: String?
    }

    struct Party: Decodable {
        var id: String?
        var name: String?
        var roles: [String]?
        var details: Details?
        var address: Address?
    }

    struct Value: Decodable {
        var amount: Double?
        var currency: String?
    }

    struct Classification: Decodable {
        var scheme: String?
        var id: LenientText?
        var description: String?
    }

    struct Item: Decodable {
        var id: LenientText?
        var description: String?
        var classification: Classification?
    }

    struct Period: Decodable {
        var startDate: String?
        var endDate: String?
    }

    struct Document: Decodable {
        var url: String?
    }

    struct Tender: Decodable {
        var id: LenientText?
        var title: String?
        var description: String?
        var status: String?
        var items: [Item]?
        var value: Value?
        var minValue: Value?
        var procurementMethod: String?
        var procurementMethodDetails: String?
        var mainProcurementCategory: String?
        var tenderPeriod: Period?
        var documents: [Document]?
        var deliveryarea: LenientList?
    }

    struct Award: Decodable {
        var id: LenientText?
        var date: String?
        var status: String?
        var value: Value?
        var suppliers: [Organization]?
    }

    struct Contract: Decodable {
        var id: LenientText?
        var awardID: LenientText?
        var status: String?
        var value: Value?
        var dateSigned: String?
    }

    var ocid: String?
    var id: LenientText?
    var date: String?
    var tag: [String]?
    var parties: [Party]?
    var buyer: Organization?
    var tender: Tender?
    var awards: [Award]?
    var contracts: [Contract]?
}

/// A text that SEAO writes sometimes as a number (`"id": 25107`, `"municipal": 1`).
struct LenientText: Decodable {
    var text: String

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            text = s
        } else if let i = try? c.decode(Int64.self) {
            text = String(i)
        } else if let d = try? c.decode(Double.self) {
            text = String(d)
        } else {
            throw DecodingError.typeMismatch(String.self, .init(codingPath: decoder.codingPath, debugDescription: "un texte ou un nombre est attendu"))
        }
    }
}

/// `deliveryarea`: a region number, a text ("16", "16 - Montérégie", "06,16") or a list of them.
struct LenientList: Decodable {
    var values: [String]

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var values: [String] = []
            while !list.isAtEnd {
                if let text = try? list.decode(LenientText.self) { values += Self.split(text.text) } else { _ = try? list.decode(IgnoredValue.self) }
            }
            self.values = values
        } else if let text = try? LenientText(from: decoder) {
            values = Self.split(text.text)
        } else {
            values = []  // a non-standard field in a shape we do not know: ignored
        }
    }

    static func split(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

private struct IgnoredValue: Decodable {
    init(from decoder: any Decoder) throws {}
}

extension DecodingError {
    /// Where and what, in French, for the import report: « tender.value.amount : un nombre est attendu ».
    var reportText: String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "la publication" : text)
        }
        switch self {
        case .typeMismatch(let type, let context):
            let expected = type == Double.self || type == Int.self || type == Int64.self ? "un nombre est attendu"
                : type == String.self ? "un texte est attendu" : type is [Any].Type ? "une liste est attendue" : "une autre sorte de valeur est attendue"
            return "\(path(context.codingPath)) : \(context.debugDescription.hasPrefix("un ") ? context.debugDescription : expected)"
        case .valueNotFound(_, let context):
            return "\(path(context.codingPath)) : valeur manquante (null)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) : champ manquant"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)) : JSON invalide"
        @unknown default:
            return "publication illisible"
        }
    }
}
