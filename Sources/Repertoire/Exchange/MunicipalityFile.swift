import Foundation

/// Reads the ministry's official list of municipalities (MAMH "Répertoire des municipalités",
/// the `MUN.csv` open-data file): UTF-8 with a byte-order mark, `regadm` written `Estrie (05)`.
public enum MunicipalityFile {
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var line: Int?
        public var message: String
        public var description: String { line.map { "ligne \($0) : \(message)" } ?? message }
    }

    static let requiredColumns = ["mcode", "munnom", "regadm"]

    /// Parses the file; every row must be usable or nothing is returned (a half-imported list
    /// of municipalities would silently break validation elsewhere).
    public static func parse(_ data: Data) throws(Problem) -> [Municipality] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problem(line: nil, message: "le fichier n'est pas en UTF-8 (le fichier du MAMH l'est : téléchargez-le de nouveau)")
        }
        var rows: [(line: Int, fields: [String])] = []
        var utf8 = text
        var failure: ImportProblem?
        utf8.withUTF8 { buffer in
            var scanner = CSVScanner(delimiter: UInt8(ascii: ","), maxFields: 1_000)
            while let record = scanner.next(in: buffer) {
                if let problem = record.problem {
                    failure = problem
                    return
                }
                rows.append((record.line, record.fields))
            }
        }
        if let failure { throw Problem(line: failure.line, message: failure.message) }
        guard let header = rows.first else { throw Problem(line: nil, message: "le fichier est vide") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var position: [String: Int] = [:]
        for (index, name) in names.enumerated() where position[name] == nil { position[name] = index }
        let missing = requiredColumns.filter { position[$0] == nil }
        guard missing.isEmpty else {
            throw Problem(line: header.line, message: "colonnes manquantes : \(missing.joined(separator: ", ")) (est-ce bien le fichier MUN.csv du MAMH ?)")
        }
        var result: [Municipality] = []
        var seen = Set<String>()
        for row in rows.dropFirst() {
            func value(_ column: String) -> String? {
                guard let index = position[column], index < row.fields.count else { return nil }
                let text = row.fields[index].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            guard row.fields.count == header.fields.count else {
                throw Problem(line: row.line, message: "\(row.fields.count) colonnes au lieu de \(header.fields.count)")
            }
            guard let code = value("mcode"), Municipality.isValidCode(code) else {
                throw Problem(line: row.line, message: "code géographique (mcode) absent ou invalide : « \(value("mcode") ?? "") »")
            }
            guard let name = value("munnom") else { throw Problem(line: row.line, message: "nom (munnom) absent") }
            guard let regionText = value("regadm"), let regionCode = regionCode(in: regionText) else {
                throw Problem(line: row.line, message: "région administrative (regadm) illisible : « \(value("regadm") ?? "") », attendu p. ex. « Estrie (05) »")
            }
            guard seen.insert(code).inserted else { throw Problem(line: row.line, message: "le code \(code) apparaît deux fois") }
            let population = value("mpopul").flatMap { Int($0.filter { $0.isNumber }) }
            result.append(Municipality(code: code, name: name, regionCode: regionCode,
                                       mrc: value("mrc") ?? value("divrec"), designation: value("mdes"), population: population))
        }
        guard !result.isEmpty else { throw Problem(line: nil, message: "aucune municipalité dans le fichier") }
        return result
    }

    /// `Estrie (05)` → `05`, provided 05 is a real region.
    static func regionCode(in text: String) -> String? {
        guard let open = text.lastIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else { return nil }
        let code = String(text[text.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
        return Region.find(code)?.code
    }
}
