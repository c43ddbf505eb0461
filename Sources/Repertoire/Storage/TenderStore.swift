import Foundation
import SQLKit

/// One SEAO file's import, as listed to administrators.
public struct SEAOImport: Sendable, Equatable {
    public var id: String
    public var source: String
    public var sha256: String
    public var importedBy: String?
    public var importedAt: Date
    /// Releases in the file, kept or skipped.
    public var releases: Int
    /// Releases not seen before, now stored.
    public var newReleases: Int
    /// Releases already stored by an earlier import, left as they were.
    public var knownReleases: Int
    public var skipped: Int
    /// Processes created or brought up to date.
    public var processes: Int
    /// This import's processes, and the contracts of the purchasing record their awards made or
    /// were linked to (not kept in the list of imports).
    var processIDs: [String] = []
    public var contractsCreated = 0
    public var contractsMerged = 0

    /// « fichier.json : 20 publications lues, 18 nouvelles… », as the CLI and the page say it.
    public var summary: String {
        var text = "\(source) : \(releases) publications lues, \(newReleases) nouvelles, \(knownReleases) déjà importées, "
            + "\(skipped) ignorées ; \(processes) appels d'offres créés ou mis à jour."
        if contractsCreated + contractsMerged > 0 {
            text += " Registre des achats : \(contractsCreated) contrats ajoutés, \(contractsMerged) rattachés à un contrat déjà saisi."
        }
        return text
    }
}

/// A SEAO buyer (`OP-…`) and the municipality it is, when known.
public struct SEAOBuyer: Sendable, Equatable {
    public enum MatchedBy: String, Sendable { case name = "nom", admin, none = "aucune" }
    public var id: String
    public var name: String
    public var municipal: Bool
    public var municipalityCode: String?
    public var matchedBy: MatchedBy
}

/// SEAO's releases, the processes compiled from them, the buyers and the imports. An import is
/// one transaction under the change-log lock: a file goes in whole or not at all, and the
/// followers (the open calls' index) hear of every process it changed (entity `tender`).
struct TenderStore: Sendable {
    let database: Database

    /// Writes a file read beforehand. Releases already stored (same `ocid` and `id`) are left
    /// alone, so importing a file twice changes nothing but the list of imports.
    func importFile(_ file: SEAOFile, source: String, sha256: String, by userID: String?, buyers matcher: BuyerMatcher, now: Date) async throws -> SEAOImport {
        let importID = RecordID.next(now: now)
        let fileReleases = file.releases, skipped = file.skipped
        return try await database.write { sql, log in
            let sqlite = sql.dialect.name == "sqlite"
            // Within the file, one release per (ocid, id): the first.
            var seen = Set<String>()
            var releases: [SEAORelease] = []
            for release in fileReleases where seen.insert(release.ocid + "\u{1F}" + release.id).inserted { releases.append(release) }
            let ocids = Array(Set(releases.map(\.ocid))).sorted()
            var stored = Set<String>()
            for chunk in ocids.chunked(by: 500) {
                let rows = try await sql.select().columns("ocid", "release_id").from("seao_releases").where("ocid", .in, Array(chunk)).all()
                for row in rows { stored.insert(try row.decode(column: "ocid", as: String.self) + "\u{1F}" + row.decode(column: "release_id", as: String.self)) }
            }
            let fresh = releases.filter { !stored.contains($0.ocid + "\u{1F}" + $0.id) }
            let stamp = Timestamp.string(from: now)
            try await sql.raw("""
                INSERT INTO seao_imports (id, source, sha256, imported_by, imported_at, releases, new_releases, known_releases, skipped, processes)
                VALUES (\(bind: importID), \(bind: source), \(bind: sha256), \(bind: userID), \(bind: stamp), \(bind: file.count), \(bind: fresh.count),
                        \(bind: releases.count - fresh.count), \(bind: skipped.count), 0)
                """).run()
            let skipRows: [[any Encodable & Sendable]] = skipped.prefix(Self.keptSkips).map { [importID, $0.position, $0.ocid, $0.reason] }
            for chunk in skipRows.chunked(by: 1_000) {
                try await sql.execute(sql: try SerializedQuery.insert(into: "seao_import_skips", columns: ["import_id", "position", "ocid", "reason"], rows: chunk, sqlite: sqlite)) { _ in }
            }
            let releaseRows: [[any Encodable & Sendable]] = try fresh.map {
                [$0.ocid, $0.id, Timestamp.string(from: $0.date), $0.tags.joined(separator: " "), SEAORelease.format, try StoredJSON.text($0), importID]
            }
            for chunk in releaseRows.chunked(by: 1_000) {
                try await sql.execute(sql: try SerializedQuery.insert(into: "seao_releases", columns: ["ocid", "release_id", "released_at", "tags", "format", "body", "import_id"],
                                                                      rows: chunk, sqlite: sqlite)) { _ in }
            }
            // The buyers of the new releases: new ones matched by name; an administrator's
            // choice is never replaced.
            var buyers: [String: SEAORelease.Buyer] = [:]
            for release in fresh { if let buyer = release.buyer { buyers[buyer.id] = buyer } }
            for buyer in buyers.values.sorted(by: { $0.id < $1.id }) {
                let existing = try await sql.raw("SELECT matched_by FROM seao_buyers WHERE id = \(bind: buyer.id)").first()
                if existing == nil {
                    let code = buyer.municipal ? matcher.municipalityCode(forBuyerNamed: buyer.name) : nil
                    try await sql.raw("""
                        INSERT INTO seao_buyers (id, name, municipal, municipality_code, matched_by, updated_at)
                        VALUES (\(bind: buyer.id), \(bind: buyer.name), \(bind: buyer.municipal), \(bind: code),
                                \(bind: (code == nil ? SEAOBuyer.MatchedBy.none : .name).rawValue), \(bind: stamp))
                        """).run()
                } else {
                    try await sql.raw("UPDATE seao_buyers SET name = \(bind: buyer.name), municipal = \(bind: buyer.municipal), updated_at = \(bind: stamp) WHERE id = \(bind: buyer.id)").run()
                }
            }
            // Each process touched, compiled again from all its stored releases.
            let touched = Array(Set(fresh.map(\.ocid))).sorted()
            for chunk in touched.chunked(by: 500) {
                var history: [String: [SEAORelease]] = [:]
                let rows = try await sql.select().columns("ocid", "body").from("seao_releases").where("ocid", .in, Array(chunk)).all()
                for row in rows {
                    let release = try StoredJSON.value(SEAORelease.self, from: try row.decode(column: "body", as: String.self))
                    history[release.ocid, default: []].append(release)
                }
                for ocid in chunk {
                    guard let tender = PublicTender.compile(history[ocid] ?? []) else { continue }
                    try await Self.upsert(tender, now: stamp, on: sql)
                }
            }
            try await log.record(touched.map { (id: $0, action: "import", version: 0) }, entity: "tender", at: now)
            try await sql.raw("UPDATE seao_imports SET processes = \(bind: touched.count) WHERE id = \(bind: importID)").run()
            return SEAOImport(id: importID, source: source, sha256: sha256, importedBy: userID, importedAt: now, releases: file.count,
                              newReleases: fresh.count, knownReleases: releases.count - fresh.count, skipped: skipped.count, processes: touched.count,
                              processIDs: touched)
        }
    }

    /// Skipped releases kept per import (the count is always whole).
    static let keptSkips = 1_000

    private static func upsert(_ tender: PublicTender, now: String, on sql: any SQLDatabase) async throws {
        let body = try StoredJSON.text(tender)
        try await sql.raw("""
            INSERT INTO seao_tenders (ocid, seao_number, title, buyer_id, municipal, status, category, closes_at, last_release_at, body, updated_at, first_seen_at)
            VALUES (\(bind: tender.ocid), \(bind: tender.seaoNumber), \(bind: tender.tender.title ?? ""), \(bind: tender.buyer?.id), \(bind: tender.buyer?.municipal ?? false),
                    \(bind: tender.tender.status ?? ""), \(bind: tender.tender.category ?? ""), \(bind: tender.tender.closesAt.map(Timestamp.string(from:))),
                    \(bind: Timestamp.string(from: tender.lastReleaseDate)), \(bind: body), \(bind: now), \(bind: now))
            ON CONFLICT (ocid) DO UPDATE SET seao_number = excluded.seao_number, title = excluded.title, buyer_id = excluded.buyer_id,
                municipal = excluded.municipal, status = excluded.status, category = excluded.category, closes_at = excluded.closes_at,
                last_release_at = excluded.last_release_at, body = excluded.body, updated_at = excluded.updated_at
            """).run()
    }

    // MARK: Reading

    func tender(_ ocid: String) async throws -> PublicTender? {
        try await database.read { sql in
            try await sql.raw("SELECT body FROM seao_tenders WHERE ocid = \(bind: ocid)").first()
                .map { try StoredJSON.value(PublicTender.self, from: try $0.decode(column: "body", as: String.self)) }
        }
    }

    /// Every process, or those whose ids are given (the followers' reload).
    func tenders(ocids: [String]? = nil) async throws -> [PublicTender] {
        try await database.read { sql in
            var bodies: [String] = []
            if let ocids {
                for chunk in ocids.chunked(by: 500) {
                    bodies += try await sql.select().column("body").from("seao_tenders").where("ocid", .in, Array(chunk)).all().map { try $0.decode(column: "body", as: String.self) }
                }
            } else {
                bodies = try await sql.raw("SELECT body FROM seao_tenders ORDER BY ocid").all().map { try $0.decode(column: "body", as: String.self) }
            }
            return try bodies.map { try StoredJSON.value(PublicTender.self, from: $0) }
        }
    }

    /// The processes whose call closes after `stamp` (a ``Timestamp`` string): the open ones and
    /// those whose status says otherwise, which the caller filters.
    func tenders(closingAfter stamp: String) async throws -> [PublicTender] {
        try await database.read { sql in
            try await sql.raw("SELECT body FROM seao_tenders WHERE closes_at > \(bind: stamp) ORDER BY closes_at").all()
                .map { try StoredJSON.value(PublicTender.self, from: try $0.decode(column: "body", as: String.self)) }
        }
    }

    /// The releases of one process, oldest first.
    func history(_ ocid: String) async throws -> [SEAORelease] {
        try await database.read { sql in
            try await sql.raw("SELECT body FROM seao_releases WHERE ocid = \(bind: ocid) ORDER BY released_at, release_id").all()
                .map { try StoredJSON.value(SEAORelease.self, from: try $0.decode(column: "body", as: String.self)) }
        }
    }

    func imports(limit: Int = 100) async throws -> [SEAOImport] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, source, sha256, imported_by, imported_at, releases, new_releases, known_releases, skipped, processes
                FROM seao_imports ORDER BY imported_at DESC, id DESC LIMIT \(bind: limit)
                """).all().map { row in
                SEAOImport(id: try row.decode(column: "id", as: String.self), source: try row.decode(column: "source", as: String.self),
                           sha256: try row.decode(column: "sha256", as: String.self), importedBy: try row.decode(column: "imported_by", as: String?.self),
                           importedAt: Timestamp.date(from: try row.decode(column: "imported_at", as: String.self)) ?? Date(timeIntervalSince1970: 0),
                           releases: try row.decode(column: "releases", as: Int.self), newReleases: try row.decode(column: "new_releases", as: Int.self),
                           knownReleases: try row.decode(column: "known_releases", as: Int.self), skipped: try row.decode(column: "skipped", as: Int.self),
                           processes: try row.decode(column: "processes", as: Int.self))
            }
        }
    }

    func skips(importID: String) async throws -> [SEAOFile.Skip] {
        try await database.read { sql in
            try await sql.raw("SELECT position, ocid, reason FROM seao_import_skips WHERE import_id = \(bind: importID) ORDER BY position").all().map { row in
                SEAOFile.Skip(position: try row.decode(column: "position", as: Int.self), ocid: try row.decode(column: "ocid", as: String?.self),
                              reason: try row.decode(column: "reason", as: String.self))
            }
        }
    }

    /// The SEAO award a contract of the purchasing record came from (or was linked to).
    func source(ofContract contractID: String) async throws -> (ocid: String, seaoNumber: String, url: String?, merged: Bool)? {
        let row = try await database.read { sql in
            try await sql.raw("SELECT ocid, merged FROM seao_contracts WHERE contract_id = \(bind: contractID) ORDER BY recorded_at LIMIT 1").first()
                .map { (try $0.decode(column: "ocid", as: String.self), try $0.decode(column: "merged", as: Bool.self)) }
        }
        guard let (ocid, merged) = row else { return nil }
        let tender = try await tender(ocid)
        return (ocid, tender?.seaoNumber ?? ocid, tender?.seaoURL, merged)
    }

    func ocids(ofBuyer id: String) async throws -> [String] {
        try await database.read { sql in
            try await sql.raw("SELECT ocid FROM seao_tenders WHERE buyer_id = \(bind: id) ORDER BY ocid").all().map { try $0.decode(column: "ocid", as: String.self) }
        }
    }

    func buyer(id: String) async throws -> SEAOBuyer? {
        try await database.read { sql in
            try await sql.raw("SELECT id, name, municipal, municipality_code, matched_by FROM seao_buyers WHERE id = \(bind: id)").first().map(Self.buyer)
        }
    }

    func buyers() async throws -> [SEAOBuyer] {
        try await database.read { sql in
            try await sql.raw("SELECT id, name, municipal, municipality_code, matched_by FROM seao_buyers ORDER BY name, id").all().map(Self.buyer)
        }
    }

    /// An administrator's correction: the buyer is this municipality (or none).
    func setMunicipality(ofBuyer id: String, to code: String?, now: Date) async throws -> SEAOBuyer? {
        try await database.write { sql, log in
            guard try await sql.raw("SELECT id FROM seao_buyers WHERE id = \(bind: id)").first() != nil else { return nil }
            try await sql.raw("""
                UPDATE seao_buyers SET municipality_code = \(bind: code), matched_by = \(bind: SEAOBuyer.MatchedBy.admin.rawValue),
                    updated_at = \(bind: Timestamp.string(from: now)) WHERE id = \(bind: id)
                """).run()
            let ocids = try await sql.raw("SELECT ocid FROM seao_tenders WHERE buyer_id = \(bind: id)").all().map { try $0.decode(column: "ocid", as: String.self) }
            try await log.record(ocids.map { (id: $0, action: "buyer", version: 0) }, entity: "tender", at: now)
            return try await sql.raw("SELECT id, name, municipal, municipality_code, matched_by FROM seao_buyers WHERE id = \(bind: id)").first().map(Self.buyer)
        }
    }

    /// The sectors of each SEAO category (« C01 ») and UNSPSC segment (« UNSPSC 72 »).
    func sectorMap() async throws -> [String: [String]] {
        try await database.read { sql in
            var map: [String: [String]] = [:]
            for row in try await sql.raw("SELECT code, sectors FROM seao_sector_map").all() {
                map[try row.decode(column: "code", as: String.self)] = try row.decode(column: "sectors", as: String.self).split(separator: " ").map(String.init)
            }
            return map
        }
    }

    /// Replaces the whole table (the administrators' form holds all of it).
    func replaceSectorMap(_ map: [String: [String]], now: Date) async throws {
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM seao_sector_map").run()
            for (code, sectors) in map.sorted(by: { $0.key < $1.key }) {
                try await sql.raw("INSERT INTO seao_sector_map (code, sectors, updated_at) VALUES (\(bind: code), \(bind: sectors.joined(separator: " ")), \(bind: Timestamp.string(from: now)))").run()
            }
        }
    }

    private static func buyer(_ row: any SQLRow) throws -> SEAOBuyer {
        SEAOBuyer(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                  municipal: try row.decode(column: "municipal", as: Bool.self), municipalityCode: try row.decode(column: "municipality_code", as: String?.self),
                  matchedBy: SEAOBuyer.MatchedBy(rawValue: try row.decode(column: "matched_by", as: String.self)) ?? .none)
    }
}

/// Finds the municipality a SEAO buyer is, from its name: « Ville de Longueuil »,
/// « Municipalité de Saint-Majorique », « Municipalité de la Paroisse de … ». The name without
/// its designation must be one municipality's whole name (folded: no case, accents or hyphens),
/// or the start of one municipality's name only; anything else is left for an administrator.
struct BuyerMatcher: Sendable {
    private let byName: [String: [String]]
    private let names: [(key: String, codes: [String])]

    init(catalog: MunicipalityCatalog) {
        var byName: [String: [String]] = [:]
        for municipality in catalog.all { byName[Self.key(municipality.name), default: []].append(municipality.code) }
        self.byName = byName
        names = byName.map { (key: $0.key, codes: $0.value) }
    }

    static let designations = ["municipalite de la paroisse de", "municipalite du canton de", "municipalite du village de", "municipalite de paroisse de",
                               "municipalite de canton de", "municipalite de village de", "municipalite de", "municipalite du", "municipalite des",
                               "ville de", "ville du", "ville des", "ville d", "cite de", "cite d", "village de", "village d", "paroisse de", "paroisse d",
                               "canton de", "canton d", "cantons de", "municipalite d", "municipalite"]

    static func key(_ name: String) -> String { QueryInterpreter.words(name).joined(separator: " ") }

    func municipalityCode(forBuyerNamed name: String) -> String? {
        var key = Self.key(name)
        for designation in Self.designations where key.hasPrefix(designation + " ") {
            key = String(key.dropFirst(designation.count + 1))
            break
        }
        if let codes = byName[key] { return codes.count == 1 ? codes[0] : nil }
        // A short form of one municipality's name only: « Saint-Majorique » for
        // Saint-Majorique-de-Grantham, not « Saint-Jean » (dozens start so).
        let starting = names.filter { $0.key.hasPrefix(key + " ") }
        guard !key.isEmpty, starting.count == 1, starting[0].codes.count == 1 else { return nil }
        return starting[0].codes[0]
    }
}
