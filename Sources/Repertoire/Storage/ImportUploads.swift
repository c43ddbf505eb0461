import Foundation

/// An uploaded file waiting between its preview and its application, with the choices made on
/// the way (options, corrected mapping).
struct PendingImport: Sendable, Codable {
    var id: String
    var userID: String
    var fileName: String
    var uploadedAt: Date
    var encoding: ImportEncoding?
    var delimiter: String?
    var titleCase: Bool
    var defaultRegion: String?
    /// The sheet of a workbook (XLSX), by name; nil for the first.
    var sheet: String?
    /// The mapping as corrected by the person; nil while the proposal stands.
    var mapping: ColumnMapping?
    /// The list's date (`AAAA-MM-JJ`), when the person gave it.
    var listDate: String?
    /// The source shown on the profiles, when the person changed it.
    var sourceLabel: String?
    /// Per line, how the person settled that row's disagreements.
    var rowChoices: [Int: ConflictChoice]?

    /// The import's options as this upload's choices make them.
    var options: ImportOptions {
        ImportOptions(fileName: fileName, titleCaseNames: titleCase, defaultRegionCode: defaultRegion, listDate: listDate,
                      rowChoices: rowChoices ?? [:], sourceLabel: sourceLabel)
    }
}

/// Uploaded import files, kept in a folder of their own (not in the session cookie, nor in the
/// database) between the preview and the apply, each under a random id and for a few hours.
/// Only the person who uploaded a file can see it.
struct ImportUploads: Sendable {
    let folder: URL
    static let lifetime: TimeInterval = 6 * 3600

    init(folder: URL = FileManager.default.temporaryDirectory.appendingPathComponent("repertoire-imports")) {
        self.folder = folder
    }

    func save(_ data: [UInt8], pending: PendingImport) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        removeExpired()
        try Data(data).write(to: dataURL(pending.id), options: .atomic)
        try update(pending)
    }

    func update(_ pending: PendingImport) throws {
        try JSONEncoder().encode(pending).write(to: metaURL(pending.id), options: .atomic)
    }

    /// The upload `id` of `userID`, if it exists and has not expired.
    func load(_ id: String, userID: String, now: Date = Date()) -> (PendingImport, [UInt8])? {
        guard Self.isValid(id),
              let meta = try? Data(contentsOf: metaURL(id)),
              let pending = try? JSONDecoder().decode(PendingImport.self, from: meta),
              pending.userID == userID, now.timeIntervalSince(pending.uploadedAt) < Self.lifetime,
              let data = try? Data(contentsOf: dataURL(id)) else { return nil }
        return (pending, Array(data))
    }

    func remove(_ id: String) {
        guard Self.isValid(id) else { return }
        try? FileManager.default.removeItem(at: dataURL(id))
        try? FileManager.default.removeItem(at: metaURL(id))
    }

    func removeExpired(now: Date = Date()) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasSuffix(".json") {
            let id = String(name.dropLast(5))
            guard let meta = try? Data(contentsOf: metaURL(id)), let pending = try? JSONDecoder().decode(PendingImport.self, from: meta) else { continue }
            if now.timeIntervalSince(pending.uploadedAt) >= Self.lifetime { remove(id) }
        }
    }

    static func newID() -> String {
        SecretToken.generate()
    }

    /// Ids are base64url: nothing that could leave the folder.
    static func isValid(_ id: String) -> Bool {
        (20...64).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    private func dataURL(_ id: String) -> URL { folder.appendingPathComponent(id + ".data") }
    private func metaURL(_ id: String) -> URL { folder.appendingPathComponent(id + ".json") }
}
