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
    var scanner = OCDSPackageScanner()

    init(database: Database) {
        store = TenderStore(database: database)
        references = ReferenceStore(database: database)
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
        return try await store.importFile(file, source: source, sha256: digest, by: userID, buyers: matcher, now: now)
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
        return try await store.setMunicipality(ofBuyer: id, to: code, now: now)
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
