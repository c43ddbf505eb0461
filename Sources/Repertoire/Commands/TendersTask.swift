import Foundation
import Logging

/// `repertoire tenders …`: SEAO's public tenders.
public enum TendersTask {
    /// `repertoire tenders import FILE_OR_URL…`: each source in turn, each in one transaction; a
    /// refused file stops nothing else but makes the command fail at the end.
    public static func importSources(_ sources: [String], into location: DatabaseLocation, logger: Logger) async throws -> (report: String, failed: Bool) {
        try await withMigratedDatabase(location, logger: logger) { database in
            let service = TenderService(database: database)
            var lines: [String] = [], failed = false
            for source in sources {
                let started = ContinuousClock.now
                do {
                    let done = try await service.importSource(source)
                    lines.append(done.summary + " (\(ContinuousClock.now - started))")
                    for skip in try await service.skips(importID: done.id).prefix(20) {
                        lines.append("  publication \(skip.position)\(skip.ocid.map { " (\($0))" } ?? "") ignorée : \(skip.reason)")
                    }
                    if done.skipped > 20 { lines.append("  … et \(done.skipped - 20) autres publications ignorées (liste complète dans la page des imports SEAO).") }
                } catch let refusal as TenderService.ImportRefusal {
                    lines.append(refusal.description)
                    failed = true
                }
            }
            return (lines.joined(separator: "\n"), failed)
        }
    }

    /// `repertoire tenders imports`: the last imports with their counts.
    public static func listImports(_ location: DatabaseLocation, logger: Logger) async throws -> String {
        try await withMigratedDatabase(location, logger: logger) { database in
            let imports = try await TenderService(database: database).imports()
            guard !imports.isEmpty else { return "Aucun fichier SEAO importé." }
            return imports.map { "\(Timestamp.string(from: $0.importedAt))  \($0.summary)" }.joined(separator: "\n")
        }
    }

    /// `repertoire tenders buyer OP-… --municipality CODE|none`.
    public static func setBuyerMunicipality(_ buyerID: String, code: String?, in location: DatabaseLocation, logger: Logger) async throws -> String {
        try await withMigratedDatabase(location, logger: logger) { database in
            do {
                guard let buyer = try await TenderService(database: database).setMunicipality(ofBuyer: buyerID, to: code) else {
                    throw Tasks.Refusal(description: "No SEAO buyer has the id \(buyerID).")
                }
                return "\(buyer.id) (\(buyer.name)) → \(buyer.municipalityCode ?? "no municipality")."
            } catch let refusal as TenderService.ImportRefusal {
                throw Tasks.Refusal(description: refusal.reason)
            }
        }
    }
}

extension TendersTask {
    /// `repertoire bench-tenders`: matching every open call (of every public body) against the
    /// directory, as the server does for the calls' pages and the alerts, beside a peer: one plain
    /// search of each call's title in the same index.
    public static func benchmarkMatching(_ location: DatabaseLocation, logger: Logger) async throws -> String {
        try await withMigratedDatabase(location, logger: logger) { database in
            let directory = DirectoryService(database: database, synonyms: try SynonymTable.parse(SynonymTable.defaultSynonymsText), logger: logger)
            let loadStart = ContinuousClock.now
            try await directory.loadIndex()
            let load = ContinuousClock.now - loadStart
            let service = TenderService(database: database, directory: directory)
            let calls = try await service.openCalls(TenderService.Filter(allBodies: true))
            guard !calls.isEmpty, let matching = service.matching else {
                throw Tasks.Refusal(description: "\(location) holds no open call: import a SEAO file first with repertoire tenders import")
            }
            let peerStart = ContinuousClock.now
            var peerHits = 0
            for call in calls {
                var query = DirectoryQuery()
                query.text = call.tender.tender.title ?? ""
                query.everywhere = true
                peerHits += directory.searchAll(query, limit: TenderMatching.kept).count
            }
            let peer = ContinuousClock.now - peerStart
            let start = ContinuousClock.now
            let matches = try await matching.matches(calls)
            let elapsed = ContinuousClock.now - start
            let again = ContinuousClock.now
            _ = try await matching.matches(calls)
            let cached = ContinuousClock.now - again
            func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
            let matched = matches.values.filter { !$0.isEmpty }.count
            let average = Double(matches.values.map(\.count).reduce(0, +)) / Double(max(1, matches.count))
            return """
                SEAO matching: \(calls.count) open calls against \(directory.indexedCount) enterprises (\(ProcessInfo.processInfo.activeProcessorCount) cores)
                  index load                                  \(String(format: "%8.2f s", seconds(load)))
                  peer: one plain search of each title        \(String(format: "%8.2f s", seconds(peer)))  (\(peerHits) hits)
                  matching every open call                    \(String(format: "%8.2f s", seconds(elapsed)))  (\(String(format: "%.1f", seconds(elapsed) / max(seconds(peer), 0.000_001)))× the peer; \(matched) calls with matches, \(String(format: "%.1f", average)) enterprises each)
                  again (kept until a call or the directory changes) \(String(format: "%8.3f s", seconds(cached)))
                target: under 5 s ... \(seconds(elapsed) < 5 ? "met" : "NOT MET")

                """
        }
    }
}
