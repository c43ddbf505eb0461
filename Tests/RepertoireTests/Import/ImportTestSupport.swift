import Foundation
@testable import Repertoire

/// A few real municipalities, including names shared by two regions.
enum ImportFixtures {
    static let catalog = MunicipalityCatalog([
        Municipality(code: "37067", name: "Trois-Rivières", regionCode: "04", mrc: nil, designation: "Ville", population: 139_000),
        Municipality(code: "36033", name: "Shawinigan", regionCode: "04", mrc: nil, designation: "Ville", population: 50_000),
        Municipality(code: "35005", name: "Saint-Roch-de-Mékinac", regionCode: "04", mrc: nil, designation: "Paroisse", population: 300),
        Municipality(code: "35045", name: "Saint-Boniface", regionCode: "04", mrc: nil, designation: "Municipalité", population: 4_900),
        Municipality(code: "37235", name: "Saint-Stanislas", regionCode: "04", mrc: nil, designation: "Municipalité", population: 1_000),
        Municipality(code: "91015", name: "Saint-Stanislas", regionCode: "02", mrc: nil, designation: "Municipalité", population: 350),
        Municipality(code: "58227", name: "Longueuil", regionCode: "16", mrc: nil, designation: "Ville", population: 254_000),
        Municipality(code: "43027", name: "Sherbrooke", regionCode: "05", mrc: nil, designation: "Ville", population: 172_000),
    ])

    static let today = CalendarDay.parse("2026-06-30")!

    static func options(_ name: String = "test.csv", defaultRegion: String? = nil, titleCase: Bool = false) -> ImportOptions {
        ImportOptions(fileName: name, titleCaseNames: titleCase, defaultRegionCode: defaultRegion, today: today)
    }

    /// Decodes, proposes the mapping and plans, as the import page will.
    static func plan(_ text: String, existing: [ExistingRecord] = [], options: ImportOptions = options()) throws -> ImportPreview {
        let file = try ImportFile.decode(Data(text.utf8), name: options.fileName)
        return ImportPlanner.plan(rows: file.rows, mapping: ColumnMapping.propose(headers: file.headers),
                                  options: options, catalog: catalog, existing: existing)
    }

    /// The profiles a preview would create, as records already stored.
    static func stored(_ preview: ImportPreview) -> [ExistingRecord] {
        preview.outcomes.enumerated().compactMap { index, outcome in
            guard case .create(let profile) = outcome.action else { return nil }
            return ExistingRecord(id: "e\(index)", version: 1, profile: profile)
        }
    }

    /// The ``ImportProblem`` thrown by `body`, if any.
    static func problem<T>(thrownBy body: @autoclosure () throws -> T) -> ImportProblem? {
        do {
            _ = try body()
            return nil
        } catch let problem as ImportProblem {
            return problem
        } catch {
            return nil
        }
    }

    /// Walks up from this file to the folder holding `shared/data`, if the machine has it.
    static func sharedData(_ name: String, from file: String = #filePath) -> URL? {
        var directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/data/\(name)")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }
}

extension ImportRowOutcome.Action {
    var isCreate: Bool { if case .create = self { true } else { false } }
    var isRejected: Bool { if case .rejected = self { true } else { false } }
    var createdProfile: EnterpriseProfile? { if case .create(let profile) = self { profile } else { nil } }
}
