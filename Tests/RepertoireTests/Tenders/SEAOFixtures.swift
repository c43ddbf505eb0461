import Foundation
@testable import Repertoire

/// SEAO release packages for the tests: the two real releases of `shared/data/seao/` when present
/// beside the repository, and fictional ones written here (« ocds-ec9k95-9… », buyers and
/// suppliers that do not exist).
enum SEAOFixtures {
    /// `shared/data/seao/NAME` above the package, if present.
    static func shared(_ name: String) -> URL? {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/data/seao/\(name)")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    static var realFilesPresent: Bool { shared("tender-municipal-works.json") != nil && shared("tender-with-value.json") != nil }

    /// A package around `releases` (JSON texts), as SEAO writes it.
    static func package(_ releases: [String], version: String = "1.1") -> String {
        """
        {"uri":"https://example.invalid/hebdo_fictif.json","version":"\(version)","publishedDate":"2026-11-30T01:00:00-05:00",\
        "publisher":{"name":"Secrétariat du Conseil du trésor"},"license":"https://www.donneesquebec.ca/fr/licence/#cc-by",\
        "releases":[\(releases.joined(separator: ","))]}
        """
    }

    /// A fictional tender release of a municipal buyer.
    static func tender(_ number: Int, id: String = "20261101090000", date: String = "2026-11-01T09:00:00-04:00", tag: String = "tender",
                       title: String = "Entretien ménager des bâtiments municipaux (fictif)", closes: String = "2027-01-15T11:00:00-05:00",
                       buyer: (id: String, name: String) = ("OP-900001", "Ville de Longueuil"), municipal: Bool = true,
                       category: String = "services", seao: (code: String, label: String) = ("S3", "S3 - Services d'entretien"),
                       unspsc: String = "76110000", amount: String? = nil, deliveryarea: String? = "16") -> String {
        """
        {"ocid":"ocds-ec9k95-\(number)","id":"\(id)","date":"\(date)","tag":["\(tag)"],"initiationType":"tender",\
        "parties":[{"name":"\(buyer.name)","id":"\(buyer.id)","roles":["buyer"],"details":{"municipal":"\(municipal ? 1 : 0)"}}],\
        "buyer":{"name":"\(buyer.name)","id":"\(buyer.id)"},\
        "tender":{"id":"T-\(number)","title":"\(title)","status":"active",\
        "items":[{"id":"\(seao.code)","description":"\(seao.label)","classification":{"scheme":"UNSPSC","id":"\(unspsc)","description":"fictif"}}],\
        \(amount.map { "\"value\":{\"amount\":\($0)}," } ?? "")"procurementMethod":"open","procurementMethodDetails":"Avis d’appel d’offres",\
        "mainProcurementCategory":"\(category)",\
        "tenderPeriod":{"startDate":"\(date)","endDate":"\(closes)","durationInDay":30},\
        \(deliveryarea.map { "\"deliveryarea\":\($0)," } ?? "")\
        "documents":[{"url":"https://seao.gouv.qc.ca/avis-resultat-recherche/consulter?ItemId=fictif-\(number)"}]},"language":"fr"}
        """
    }

    /// A fictional award release: `supplier` wins `amount` dollars.
    static func award(_ number: Int, id: String, date: String, supplier: (neq: String, name: String), amount: String,
                      buyer: (id: String, name: String) = ("OP-900001", "Ville de Longueuil")) -> String {
        """
        {"ocid":"ocds-ec9k95-\(number)","id":"\(id)","date":"\(date)","tag":["award"],"initiationType":"tender",\
        "parties":[{"name":"\(buyer.name)","id":"\(buyer.id)","roles":["buyer"],"details":{"municipal":"1"}},\
        {"name":"\(supplier.name)","id":"FO-\(supplier.neq)","roles":["supplier"],"details":{"neq":"\(supplier.neq)"}}],\
        "buyer":{"name":"\(buyer.name)","id":"\(buyer.id)"},\
        "awards":[{"id":"A-\(number)","date":"\(date)","status":"active","value":{"amount":\(amount)},\
        "suppliers":[{"id":"FO-\(supplier.neq)","name":"\(supplier.name)"}]}],"language":"fr"}
        """
    }

    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("seao-test-\(UUID().uuidString).json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
