import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Public tenders from SEAO: imports files (from a path or a URL, read whole before anything is
/// written), lists the imports, and lets an administrator say which municipality a buyer is.
public struct TenderService: Sendable {
    let store: TenderStore
    let references: ReferenceStore
    let catalog: TenderCatalog
    let awards: TenderAwards
    /// The municipalities (the directory's, in memory, for the web; read from the store for the CLI).
    let municipalities: @Sendable () async throws -> MunicipalityCatalog
    /// The enterprises that could answer each call (the web's; nil for the CLI).
    let matching: TenderMatching?
    var scanner = OCDSPackageScanner()

    init(database: Database, catalog: TenderCatalog? = nil, directory: DirectoryService? = nil) {
        let store = TenderStore(database: database)
        self.store = store
        let references = ReferenceStore(database: database)
        self.references = references
        self.catalog = catalog ?? TenderCatalog(database: database)
        awards = TenderAwards(database: database, references: references)
        if let directory {
            municipalities = { directory.catalog }
            matching = TenderMatching(directory: directory, store: store)
        } else {
            municipalities = { try await references.catalog() }
            matching = nil
        }
    }

    // MARK: Matching

    /// The enterprises that could answer one call, best first.
    func matches(for ocid: String, now: Date = Date()) async throws -> [(summary: EnterpriseSummary, match: CallMatcher.Match)] {
        guard let matching else { return [] }
        let calls = try await openCalls(Filter(allBodies: true), now: now).filter { $0.tender.ocid == ocid }
        guard let found = try await matching.matches(calls)[ocid] else { return [] }
        let summaries = Dictionary(uniqueKeysWithValues: matching.directory.summaries(ids: found.map(\.enterpriseID)).map { ($0.id, $0) })
        return found.compactMap { match in summaries[match.enterpriseID].map { ($0, match) } }
    }

    /// The open calls that could suit an enterprise (for its representative), closing soonest first.
    func suitingCalls(enterpriseID: String, now: Date = Date()) async throws -> [(call: OpenCall, match: CallMatcher.Match)] {
        guard let matching else { return [] }
        let calls = try await openCalls(Filter(allBodies: true), now: now)
        let all = try await matching.matches(calls)
        return calls.compactMap { call in
            all[call.tender.ocid]?.first { $0.enterpriseID == enterpriseID }.map { (call, $0) }
        }
    }

    /// The table of sectors per SEAO category and UNSPSC segment, as the administrators' form shows it.
    public func sectorMapText() async throws -> String {
        try await store.sectorMap().sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value.joined(separator: ", "))" }.joined(separator: "\n")
    }

    public struct MapProblem: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "Ligne \(line) : \(message)" }
    }

    /// Reads the administrators' table: one line per code, « C01 = habitation, insertion-socioprofessionnelle »
    /// or « UNSPSC 72 = habitation »; every problem is reported with its line, and nothing is saved then.
    public func saveSectorMap(_ text: String, now: Date = Date()) async throws -> [MapProblem] {
        var map: [String: [String]] = [:]
        var problems: [MapProblem] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else {
                problems.append(MapProblem(line: index + 1, message: "« code = secteur, secteur » attendu (« \(line) » reçu)"))
                continue
            }
            var code = parts[0].uppercased()
            if let digits = code.firstMatch(of: /^UNSPSC\s*(\d{2})\d*$/)?.output.1 { code = "UNSPSC \(digits)" }
            guard code.range(of: #"^([A-Z][0-9]{1,3}|UNSPSC [0-9]{2})$"#, options: .regularExpression) != nil else {
                problems.append(MapProblem(line: index + 1, message: "code « \(parts[0]) » : une catégorie SEAO (ex. C01) ou un segment UNSPSC (ex. UNSPSC 72) est attendu"))
                continue
            }
            guard map[code] == nil else {
                problems.append(MapProblem(line: index + 1, message: "le code « \(code) » est déjà sur une autre ligne"))
                continue
            }
            var sectors: [String] = []
            for name in parts[1].split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
                if let sector = Sector.find(name) { sectors.append(sector.slug) } else {
                    problems.append(MapProblem(line: index + 1, message: "secteur « \(name) » inconnu (secteurs : \(Sector.all.map(\.slug).joined(separator: ", ")))"))
                }
            }
            if sectors.isEmpty && !problems.contains(where: { $0.line == index + 1 }) {
                problems.append(MapProblem(line: index + 1, message: "au moins un secteur est attendu pour « \(code) »"))
            }
            map[code] = sectors
        }
        guard problems.isEmpty else { return problems }
        try await store.replaceSectorMap(map, now: now)
        return []
    }

    // MARK: Open calls

    /// What the open calls' page asks for.
    public struct Filter: Sendable, Equatable {
        public var text = ""
        /// Delivered in this region (`deliveryarea`), or bought by one of its municipalities.
        public var region: String?
        /// goods, services or works.
        public var kind: String?
        /// SEAO's category code ("C01").
        public var category: String?
        /// Closing on or before this day (Quebec time).
        public var closesBy: String?
        /// Every public body, not only municipal ones.
        public var allBodies = false
    }

    public struct OpenCall: Sendable {
        public var tender: PublicTender
        public var municipalityCode: String?
        public var municipalityName: String?
        /// The regions it concerns: delivery regions, else the buyer's municipality's.
        public var regions: [String]
        public var title: [HighlightSegment]?
    }

    public static let kinds: [(code: String, french: String, english: String)] = [
        ("goods", "Biens", "Goods"), ("services", "Services", "Services"), ("works", "Travaux de construction", "Construction work"),
    ]

    /// The open calls matching `filter`, closing soonest first (best match first with words).
    public func openCalls(_ filter: Filter, now: Date = Date()) async throws -> [OpenCall] {
        let snapshot = try await catalog.current(now: now)
        let municipalities = try await municipalities()
        var ordered: [(entry: TenderCatalog.Entry, title: [HighlightSegment]?)]
        let words = filter.text.trimmingCharacters(in: .whitespaces)
        if words.isEmpty {
            ordered = snapshot.open.values.sorted { ($0.tender.tender.closesAt ?? now, $0.tender.ocid) < ($1.tender.tender.closesAt ?? now, $1.tender.ocid) }
                .map { ($0, nil) }
        } else {
            ordered = catalog.search(words).compactMap { hit in snapshot.open[hit.id].map { ($0, hit.title) } }
        }
        let closesBy = filter.closesBy.flatMap { QuebecTime.moment(day: $0, time: "23:59") }
        return ordered.compactMap { entry, title in
            let tender = entry.tender
            guard tender.isOpen(at: now) else { return nil }
            if !filter.allBodies && !(tender.buyer?.municipal ?? false) { return nil }
            if let kind = filter.kind, tender.tender.category != kind { return nil }
            if let category = filter.category, !tender.tender.categories.contains(where: { $0.code == category }) { return nil }
            if let closesBy, let closes = tender.tender.closesAt, closes > closesBy { return nil }
            let municipality = entry.municipalityCode.flatMap(municipalities.municipality(code:))
            var regions = tender.tender.deliveryRegions.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            if regions.isEmpty, let municipality { regions = [municipality.regionCode] }
            if let region = filter.region, !regions.contains(region) && municipality?.regionCode != region { return nil }
            return OpenCall(tender: tender, municipalityCode: entry.municipalityCode, municipalityName: municipality?.name, regions: regions, title: title)
        }
    }

    /// The SEAO categories of the open calls, for the page's filter.
    public func openCategories(now: Date = Date()) async throws -> [SEAORelease.Category] {
        var seen: [String: SEAORelease.Category] = [:]
        for entry in try await catalog.current(now: now).open.values where entry.tender.isOpen(at: now) {
            for category in entry.tender.tender.categories { seen[category.code] = category }
        }
        return seen.values.sorted { $0.label < $1.label }
    }

    /// One process, open or not, with its history.
    public func process(_ ocid: String) async throws -> (tender: PublicTender, history: [SEAORelease], municipality: Municipality?)? {
        guard let tender = try await store.tender(ocid) else { return nil }
        var buyer: SEAOBuyer?
        if let id = tender.buyer?.id { buyer = try await store.buyer(id: id) }
        let municipality = try await buyer?.municipalityCode.flatMap(municipalities().municipality(code:))
        return (tender, try await store.history(ocid), municipality)
    }

    public struct ImportRefusal: Error, CustomStringConvertible {
        public var source: String
        public var reason: String
        public var description: String { "\(source) : \(reason) — rien n'a été importé." }
    }

    /// Imports one file, or the file at an http(s) URL (downloaded to a temporary file first).
    public func importSource(_ source: String, by userID: String? = nil, now: Date = Date()) async throws -> SEAOImport {
        if source.hasPrefix("https://") || source.hasPrefix("http://") {
            let path = try await Self.download(source)
            defer { try? FileManager.default.removeItem(atPath: path) }
            return try await importFile(at: path, source: source, by: userID, now: now)
        }
        return try await importFile(at: source, source: (source as NSString).lastPathComponent, by: userID, now: now)
    }

    /// Imports an uploaded file (kept in a temporary file while it is read), named by its file name.
    public func importUpload(_ bytes: [UInt8], fileName: String, by userID: String?, now: Date = Date()) async throws -> SEAOImport {
        let base = String((fileName as NSString).lastPathComponent.prefix(200))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("seao-upload-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try await importFile(at: path, source: base.isEmpty ? "fichier.json" : base, by: userID, now: now)
    }

    /// The contracts an enterprise obtained through SEAO, for its profile.
    func publicContracts(enterpriseID: String) async throws -> [(contract: PurchaseContract, ocid: String, url: String?)] {
        try await awards.publicContracts(enterpriseID: enterpriseID)
    }

    /// The SEAO award a contract of the purchasing record came from, for the contract's page.
    func source(ofContract contractID: String) async throws -> (ocid: String, seaoNumber: String, url: String?, merged: Bool)? {
        try await store.source(ofContract: contractID)
    }

    /// Imports the file at `path`, named `source` in the list of imports.
    public func importFile(at path: String, source: String, by userID: String? = nil, now: Date = Date()) async throws -> SEAOImport {
        let scanner = self.scanner
        // Reading and decoding take seconds for a monthly file: off the caller's executor.
        let (file, digest) = try await Task.detached(priority: .utility) { () throws -> (SEAOFile, String) in
            do {
                return (try SEAOFile.read(path: path, scanner: scanner), try Self.sha256(path: path))
            } catch let refusal as SEAOFile.Refusal {
                throw ImportRefusal(source: source, reason: refusal.description)
            }
        }.value
        let matcher = BuyerMatcher(catalog: try await references.catalog())
        var done = try await store.importFile(file, source: source, sha256: digest, by: userID, buyers: matcher, now: now)
        // Awards to enterprises of the directory go to the purchasing record.
        let recorded = try await awards.record(ocids: done.processIDs, now: now)
        done.contractsCreated = recorded.created
        done.contractsMerged = recorded.merged
        return done
    }

    public func imports(limit: Int = 100) async throws -> [SEAOImport] { try await store.imports(limit: limit) }

    func skips(importID: String) async throws -> [SEAOFile.Skip] { try await store.skips(importID: importID) }

    public func tender(_ ocid: String) async throws -> PublicTender? { try await store.tender(ocid) }

    public func buyers() async throws -> [SEAOBuyer] { try await store.buyers() }

    /// Sets (or clears, with nil) the municipality of a buyer; nil when no such buyer.
    public func setMunicipality(ofBuyer id: String, to code: String?, now: Date = Date()) async throws -> SEAOBuyer? {
        if let code, try await references.catalog().municipality(code: code) == nil {
            throw ImportRefusal(source: id, reason: "aucune municipalité n'a le code « \(code) »")
        }
        guard let buyer = try await store.setMunicipality(ofBuyer: id, to: code, now: now) else { return nil }
        // Its awards can now go to the purchasing record.
        _ = try await awards.record(ocids: try await store.ocids(ofBuyer: id), now: now)
        return buyer
    }

    static func sha256(path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw SEAOFile.Refusal(description: "\(path) : fichier illisible") }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Downloads `url` to a temporary file; a status other than 200 is a refusal.
    static func download(_ url: String) async throws -> String {
        guard let address = URL(string: url) else { throw ImportRefusal(source: url, reason: "adresse invalide") }
        let (temporary, response): (URL, URLResponse)
        do {
            (temporary, response) = try await URLSession.shared.download(from: address)
        } catch {
            throw ImportRefusal(source: url, reason: "téléchargement impossible (\(error.localizedDescription))")
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("seao-\(UUID().uuidString).json").path
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: temporary.path, toPath: path)
        if let http = response as? HTTPURLResponse, http.statusCode != 200 {
            try? FileManager.default.removeItem(atPath: path)
            throw ImportRefusal(source: url, reason: "le serveur a répondu \(http.statusCode)")
        }
        return path
    }
}
