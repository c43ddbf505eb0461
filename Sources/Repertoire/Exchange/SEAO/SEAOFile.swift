import Foundation

/// A SEAO release package read whole before anything is written: its releases in Répertoire's
/// format, and each release skipped with its reason. A file that is not an OCDS 1.1 release
/// package (bad JSON, truncated, another version, no `releases`) is refused as a whole.
struct SEAOFile: Sendable {
    struct Skip: Sendable, Equatable {
        /// Position in `releases`, from 1.
        var position: Int
        var ocid: String?
        var reason: String
    }

    struct Refusal: Error, CustomStringConvertible, Equatable {
        var description: String
    }

    var publisher: String?
    var publishedDate: String?
    var releases: [SEAORelease] = []
    var skipped: [Skip] = []
    /// How many releases the file holds, kept or skipped.
    var count: Int { releases.count + skipped.count }

    static func read(path: String, scanner: OCDSPackageScanner = OCDSPackageScanner()) throws -> SEAOFile {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Refusal(description: "\(path) : fichier introuvable ou illisible") }
        defer { try? handle.close() }
        return try read { try scanner.scan(handle, $0) }
    }

    static func read(bytes: [UInt8], scanner: OCDSPackageScanner = OCDSPackageScanner()) throws -> SEAOFile {
        try read { try scanner.scan(bytes, $0) }
    }

    private static func read(_ scan: ((OCDSPackageScanner.Event) throws -> Void) throws -> Void) throws -> SEAOFile {
        var file = SEAOFile()
        var version: String?
        var sawReleases = false, sawRecords = false
        let decoder = JSONDecoder()
        do {
            try scan { event in
                switch event {
                case .member(let key, let json):
                    switch key {
                    case "version": version = try? decoder.decode(String.self, from: Data(json))
                    case "publisher": file.publisher = (try? decoder.decode(OCDSRelease.Organization.self, from: Data(json)))?.name
                    case "publishedDate": file.publishedDate = try? decoder.decode(String.self, from: Data(json))
                    case "records": sawRecords = true
                    default: break
                    }
                case .releasesList:
                    sawReleases = true
                case .release(let index, _, let json):
                    do {
                        let raw = try decoder.decode(OCDSRelease.self, from: Data(json))
                        switch SEAOReleaseReader.release(raw) {
                        case .success(let release): file.releases.append(release)
                        case .failure(let problem): file.skipped.append(Skip(position: index + 1, ocid: raw.ocid, reason: problem.description))
                        }
                    } catch let error as DecodingError {
                        file.skipped.append(Skip(position: index + 1, ocid: Self.ocid(in: json), reason: error.reportText))
                    }
                case .oversized(let index, _, let bytes):
                    file.skipped.append(Skip(position: index + 1, ocid: nil, reason: "publication de \(bytes) octets, au-delà de la limite"))
                }
            }
        } catch let error as OCDSPackageScanner.FormatError {
            throw Refusal(description: "JSON invalide à l'octet \(error.offset) : \(error.message)")
        }
        if sawRecords && !sawReleases {
            throw Refusal(description: "paquet d'enregistrements (« records ») : un paquet de publications (« releases ») est attendu")
        }
        guard let version else { throw Refusal(description: "« version » manque : ce n'est pas un paquet OCDS 1.1") }
        guard version == "1.1" else { throw Refusal(description: "version OCDS « \(version) » : seule la version 1.1 est lue") }
        guard sawReleases else { throw Refusal(description: "« releases » manque : ce n'est pas un paquet de publications OCDS") }
        return file
    }

    /// The `ocid` of a release that did not decode, for the report, if it can be found.
    private static func ocid(in json: [UInt8]) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])?["ocid"] as? String
    }
}

/// Turns a decoded OCDS release into Répertoire's, or says why it cannot.
enum SEAOReleaseReader {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func release(_ raw: OCDSRelease) -> Result<SEAORelease, Problem> {
        guard let ocid = raw.ocid?.trimmingCharacters(in: .whitespaces), !ocid.isEmpty else { return .failure(Problem(description: "ocid : champ manquant")) }
        guard ocid.hasPrefix("ocds-") else { return .failure(Problem(description: "ocid « \(ocid) » : un identifiant OCDS commence par « ocds- »")) }
        guard let id = raw.id?.text, !id.isEmpty else { return .failure(Problem(description: "id : champ manquant")) }
        guard let dateText = raw.date else { return .failure(Problem(description: "date : champ manquant")) }
        guard let date = OCDSDate.parse(dateText) else { return .failure(Problem(description: "date « \(dateText) » : une date ISO 8601 est attendue")) }
        do {
            var release = SEAORelease(ocid: ocid, id: id, date: date, tags: raw.tag ?? [])
            let buyerParty = raw.parties?.first { $0.roles?.contains("buyer") ?? false }
            if let buyerID = raw.buyer?.id ?? buyerParty?.id {
                release.buyer = SEAORelease.Buyer(id: buyerID, name: clean(raw.buyer?.name ?? buyerParty?.name ?? buyerID),
                                                  municipal: buyerParty?.details?.municipal?.text == "1")
            }
            if let t = raw.tender {
                var part = SEAORelease.TenderPart()
                part.number = t.id?.text
                part.title = t.title.map(clean)
                part.description = t.description.map(clean)
                part.status = t.status
                part.method = t.procurementMethod
                part.methodDetails = t.procurementMethodDetails
                part.category = t.mainProcurementCategory
                for item in t.items ?? [] {
                    if let code = item.id?.text, code.range(of: #"^[A-Z][0-9]{1,3}$"#, options: .regularExpression) != nil,
                       !part.categories.contains(where: { $0.code == code }) {
                        part.categories.append(.init(code: code, label: clean(item.description ?? code)))
                    }
                    if let c = item.classification, (c.scheme ?? "UNSPSC").uppercased() == "UNSPSC", let code = c.id?.text, !part.unspsc.contains(code) {
                        part.unspsc.append(code)
                    }
                }
                part.valueCents = try cents(t.value, "tender.value")
                part.opensAt = try t.tenderPeriod?.startDate.map { try moment($0, "tender.tenderPeriod.startDate") }
                part.closesAt = try t.tenderPeriod?.endDate.map { try moment($0, "tender.tenderPeriod.endDate") }
                part.deliveryRegions = (t.deliveryarea?.values ?? []).compactMap(regionCode)
                part.url = t.documents?.compactMap(\.url).first { $0.hasPrefix("https://") || $0.hasPrefix("http://") }
                release.tender = part
            }
            for (i, a) in (raw.awards ?? []).enumerated() {
                guard let awardID = a.id?.text else { throw Problem(description: "awards[\(i)].id : champ manquant") }
                let suppliers = (a.suppliers ?? []).compactMap { org -> SEAORelease.Supplier? in
                    guard let supplierID = org.id else { return nil }
                    let party = raw.parties?.first { $0.id == supplierID }
                    let neq = party?.details?.neq?.text ?? (supplierID.hasPrefix("FO-") ? String(supplierID.dropFirst(3)) : nil)
                    return SEAORelease.Supplier(id: supplierID, name: clean(org.name ?? party?.name ?? supplierID), neq: neq.flatMap { NEQ.parse($0).0?.digits })
                }
                release.awards.append(.init(id: awardID, date: try a.date.map { try moment($0, "awards[\(i)].date") }, status: a.status,
                                            valueCents: try cents(a.value, "awards[\(i)].value"), suppliers: suppliers))
            }
            for (i, c) in (raw.contracts ?? []).enumerated() {
                guard let contractID = c.id?.text else { throw Problem(description: "contracts[\(i)].id : champ manquant") }
                release.contracts.append(.init(id: contractID, awardID: c.awardID?.text, status: c.status, valueCents: try cents(c.value, "contracts[\(i)].value"),
                                               signedAt: try c.dateSigned.map { try moment($0, "contracts[\(i)].dateSigned") }))
            }
            return .success(release)
        } catch let problem as Problem {
            return .failure(problem)
        } catch {
            return .failure(Problem(description: "\(error)"))
        }
    }

    private static func cents(_ value: OCDSRelease.Value?, _ path: String) throws -> Int64? {
        guard let amount = value?.amount else { return nil }
        guard amount.isFinite, amount >= 0, amount < 1e14 else { throw Problem(description: "\(path).amount « \(amount) » : un montant positif est attendu") }
        // SEAO's amounts are Canadian dollars, often without a currency; an amount in another
        // currency is not kept (it would be summed with dollars), the release is.
        if let currency = value?.currency, currency != "CAD" { return nil }
        return Int64((amount * 100).rounded())
    }

    private static func moment(_ text: String, _ path: String) throws -> Date {
        guard let date = OCDSDate.parse(text) else { throw Problem(description: "\(path) « \(text) » : une date ISO 8601 est attendue") }
        return date
    }

    /// Titles come with tabs and doubled spaces: one space between words.
    static func clean(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// "16", "6", "16 - Montérégie", "Région 16" → "16"; anything else is dropped.
    static func regionCode(_ text: String) -> String? {
        guard let digits = text.firstMatch(of: /\d{1,2}/)?.output, let n = Int(digits), (1...17).contains(n) else { return nil }
        return n < 10 ? "0\(n)" : "\(n)"
    }
}

/// OCDS dates: ISO 8601 with an offset or `Z`, sometimes a day alone.
enum OCDSDate {
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = try? Date(trimmed, strategy: .iso8601) { return date }
        if let date = try? Date(trimmed, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        if trimmed.count == 10, let date = try? Date(trimmed + "T00:00:00-05:00", strategy: .iso8601) { return date }
        return nil
    }
}
