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
                    lines.append(summary(done) + " (\(ContinuousClock.now - started))")
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

    static func summary(_ done: SEAOImport) -> String {
        var text = "\(done.source) : \(done.releases) publications lues, \(done.newReleases) nouvelles, \(done.knownReleases) déjà importées, "
            + "\(done.skipped) ignorées ; \(done.processes) appels d'offres créés ou mis à jour."
        if done.contractsCreated + done.contractsMerged > 0 {
            text += " Registre des achats : \(done.contractsCreated) contrats ajoutés, \(done.contractsMerged) rattachés à un contrat déjà saisi."
        }
        return text
    }

    /// `repertoire tenders imports`: the last imports with their counts.
    public static func listImports(_ location: DatabaseLocation, logger: Logger) async throws -> String {
        try await withMigratedDatabase(location, logger: logger) { database in
            let imports = try await TenderService(database: database).imports()
            guard !imports.isEmpty else { return "Aucun fichier SEAO importé." }
            return imports.map { "\(Timestamp.string(from: $0.importedAt))  \(summary($0))" }.joined(separator: "\n")
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
