import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("Exports of search results")
struct ExportTests {
    /// Reads an XLSX file with openpyxl and prints what the tests check, as JSON.
    static let openpyxlScript = """
    import json, sys, datetime
    import openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    ws = wb.worksheets[0]
    rows = []
    for row in ws.iter_rows():
        cells = []
        for c in row:
            v = c.value
            if isinstance(v, (datetime.datetime, datetime.date)):
                v = "date:" + v.strftime("%Y-%m-%d")
            cells.append({"v": v, "t": c.data_type, "bold": bool(c.font and c.font.b), "fmt": c.number_format})
        rows.append(cells)
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    print(json.dumps({"title": ws.title, "freeze": ws.freeze_panes, "rows": rows, "widths": widths}))
    """

    static func profiles() -> [EnterpriseProfile] {
        var first = Fixtures.complete()
        first.mission = "=cmd|' /C calc'!A0"
        let second = Fixtures.minimal("Friperie Le Bon Côté")
        return [first, second]
    }

    static func inspect(_ bytes: [UInt8]) throws -> [String: Any]? {
        try PythonTool.withTemporaryFile(bytes, suffix: ".xlsx") { path in
            guard let output = try PythonTool.run(openpyxlScript, arguments: [path]) else { return nil }
            return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        }
    }

    static func values(_ sheet: [String: Any]) -> [[String]] {
        ((sheet["rows"] as? [[[String: Any]]]) ?? []).map { row in
            row.map { cell in (cell["v"] as? String) ?? (cell["v"].map { "\($0)" } ?? "") }
        }
    }

    @Test func visitorSpreadsheetHasStyledFrozenHeaderDatesAndTextFormulas() async throws {
        try await TestApp.run(profiles: Self.profiles()) { client, _ in
            // when
            let path = "/exporter/fichier?format=xlsx&tri=nom&colonne=nom&colonne=mission&colonne=verification&colonne=gestionnaires&colonne=courriel"
            let response = try await client.execute(uri: path, method: .get)
            // then
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == ExportFormat.xlsx.contentType)
            let bytes = Array(response.body.readableBytesView)
            #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
            guard let sheet = try Self.inspect(bytes) else { return }
            let values = Self.values(sheet)
            #expect(values.first == ["Nom", "Mission", "Dernière vérification", "Courriel"], "no manager column for a visitor")
            #expect(sheet["freeze"] as? String == "A2")
            let rows = sheet["rows"] as? [[[String: Any]]] ?? []
            #expect(rows.first?.allSatisfy { $0["bold"] as? Bool == true } == true)
            let deneigement = rows.first { ($0.first?["v"] as? String)?.hasPrefix("Coopérative") == true }
            #expect(deneigement?[1]["v"] as? String == "=cmd|' /C calc'!A0")
            #expect(deneigement?[1]["t"] as? String == "s", "a formula-looking value is stored as text")
            #expect(deneigement?[2]["v"] as? String == "date:2025-06-30")
            #expect(deneigement?[2]["fmt"] as? String == "yyyy\\-mm\\-dd")
            #expect(deneigement?[3]["v"] as? String == "info@deneigement.exemple.org")
            let widths = sheet["widths"] as? [String: Double] ?? [:]
            #expect(widths["A"] == 40)
        }
    }

    @Test func buyerExportHasManagersAndIsAudited() async throws {
        try await TestApp.run(profiles: Self.profiles()) { client, env in
            // given
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            // when
            let response = try await client.execute(uri: "/exporter/fichier?format=xlsx&tri=nom&secteur=environnement-recuperation-recyclage", method: .get,
                                                    headers: buyer.headers)
            // then
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "private, no-store")
            let audit = try await AuditLog(database: env.database).entries(action: AuditLog.Action.personalDataExport.rawValue)
            #expect(audit.count == 1)
            #expect(audit.first?.target.contains("secteur=environnement-recuperation-recyclage") == true)
            #expect(audit.first?.detail.contains("1 entreprise") == true)
            #expect(audit.first?.actorID == buyer.user.id)
            guard let sheet = try Self.inspect(Array(response.body.readableBytesView)) else { return }
            let values = Self.values(sheet)
            #expect(values.first?.contains("Gestionnaires") == true)
            #expect(values.first?.contains("Courriels des gestionnaires") == true)
            #expect(values.count == 2)
            #expect(values.last?.contains("julie@deneigement.exemple.org") == true)
        }
    }

    @Test func visitorCannotAskForManagersAndLeavesNoAuditEntry() async throws {
        try await TestApp.run(profiles: Self.profiles()) { client, env in
            let response = try await client.execute(uri: "/exporter/fichier?format=csv&colonne=nom&colonne=gestionnaires-courriels", method: .get)
            #expect(response.status == .ok)
            #expect(!response.text.contains("julie@"))
            #expect(response.text.hasPrefix("\u{FEFF}Nom\r\n"))
            let audit = try await AuditLog(database: env.database).entries(action: AuditLog.Action.personalDataExport.rawValue)
            #expect(audit.isEmpty)
        }
    }

    @Test func csvVariantsAndJSON() async throws {
        try await TestApp.run(profiles: Self.profiles()) { client, _ in
            let semicolon = try await client.execute(uri: "/exporter/fichier?format=csv-pv&tri=nom&colonne=nom&colonne=mission", method: .get)
            #expect(semicolon.text.hasPrefix("\u{FEFF}Nom;Mission\r\n"))
            #expect(semicolon.text.contains("Coopérative de solidarité Déneigement Rive-Sud;'=cmd|' /C calc'!A0\r\n"))
            let comma = try await client.execute(uri: "/exporter/fichier?format=csv&tri=nom", method: .get)
            #expect(comma.text.hasPrefix("\u{FEFF}NEQ,Nom,Forme juridique,Adresse,Municipalité,Code postal,Région,Secteurs,Produits et services,Téléphone,Courriel,Site web\r\n"))
            let json = try await client.execute(uri: "/exporter/fichier?format=json&tri=nom&colonne=nom&colonne=neq", method: .get)
            #expect(json.json["columns"] as? [String] == ["nom", "neq"])
            let enterprises = json.json["enterprises"] as? [[String: String]]
            #expect(enterprises?.count == 2)
            #expect(enterprises?.first?["neq"] == "1140139735")
        }
    }

    @Test func mistakesAreAnswered400AndThePageOffersChoices() async throws {
        try await TestApp.run(profiles: Self.profiles()) { client, env in
            let badFormat = try await client.execute(uri: "/exporter/fichier?format=pdf", method: .get)
            #expect(badFormat.status == .badRequest)
            let badColumn = try await client.execute(uri: "/exporter/fichier?colonne=%3Cscript%3E", method: .get)
            #expect(badColumn.status == .badRequest)
            #expect(!badColumn.text.contains("<script>"))
            let page = try await client.execute(uri: "/exporter?secteur=habitation", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("name=\"secteur\" value=\"habitation\""))
            #expect(!page.text.contains("value=\"gestionnaires\""))
            let hub = try await env.signedIn([.hubEditor], regions: ["16"])
            let signedInPage = try await client.execute(uri: "/exporter", method: .get, headers: hub.headers)
            #expect(signedInPage.text.contains("value=\"gestionnaires\""))
            let search = try await client.execute(uri: "/entreprises?secteur=habitation", method: .get)
            #expect(search.text.contains("href=\"/exporter?secteur=habitation\""))
        }
    }

    @Test("visitors' exports are capped in rows and rate, with a message saying what to do; accounts are not")
    func visitorsAreCappedAccountsAreNot() async throws {
        let many = (0..<4).map { Fixtures.minimal("Traiteur \($0)", municipality: "58227", sector: "habitation") }
        try await TestApp.run(profiles: many, configure: { $0.anonymousExportRows = 3; $0.anonymousExportsPerMinute = 2 }) { client, env in
            // Four rows are over a visitor's three: refused, before any rate is spent.
            let tooBig = try await client.execute(uri: "/exporter/fichier?format=csv", method: .get, headers: [.accept: "text/html"])
            #expect(tooBig.status == .unprocessableContent)
            #expect(tooBig.text.contains("sans compte, une exportation en contient au plus 3"))
            let page = try await client.execute(uri: "/exporter", method: .get)
            #expect(page.text.contains("4 entreprises correspondent"))
            #expect(page.text.contains("Sans compte, une exportation contient au plus 3 entreprises"))
            // Narrowed to one: allowed twice a minute, then 429 with the wait.
            for _ in 0..<2 {
                let allowed = try await client.execute(uri: "/entreprises.csv?q=traiteur%201", method: .get)
                #expect(allowed.status == .ok)
                #expect(allowed.text.contains("Traiteur 1"))
            }
            let limited = try await client.execute(uri: "/exporter/fichier?q=traiteur%201&format=json", method: .get)
            #expect(limited.status == .tooManyRequests)
            let wait = try #require(limited.headers[.retryAfter].flatMap(Int.init))
            #expect((1...60).contains(wait))
            #expect(limited.text.contains("au plus 2 exportations par minute"))
            // A signed-in account exports everything, however often.
            let buyer = try await env.signedIn([.buyer])
            for _ in 0..<3 {
                let all = try await client.execute(uri: "/exporter/fichier?format=csv&colonne=nom", method: .get, headers: buyer.headers)
                #expect(all.status == .ok)
                #expect(all.text.split(separator: "\r\n").count == 5)
            }
            let buyerPage = try await client.execute(uri: "/exporter", method: .get, headers: buyer.headers)
            #expect(!buyerPage.text.contains("au plus"))
        }
    }

    @Test("the rate limiter admits the limit per key within the window, then says how long to wait")
    func rateLimiterWindow() {
        let limiter = RateLimiter(limit: 2, window: 60)
        let start = Date(timeIntervalSince1970: 1_000_000)
        #expect(limiter.admit("a", now: start) == nil)
        #expect(limiter.admit("a", now: start.addingTimeInterval(10)) == nil)
        #expect(limiter.admit("b", now: start.addingTimeInterval(10)) == nil)
        #expect(limiter.admit("a", now: start.addingTimeInterval(20)) == 40)
        #expect(limiter.admit("a", now: start.addingTimeInterval(61)) == nil)
        #expect(limiter.admit("a", now: start.addingTimeInterval(62)) != nil)
    }
}

@Suite("ZIP archives")
struct ZipTests {
    @Test func writtenArchivesReadBack() throws {
        var writer = ZipWriter()
        let long = String(repeating: "Économie sociale ", count: 500)
        writer.add("a.txt", "court")
        writer.add("dossier/b.xml", long)
        var reader = try ZipReader(writer.finish())
        #expect(try reader.data("a.txt") == Array("court".utf8))
        #expect(try reader.data("dossier/b.xml") == Array(long.utf8))
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func truncatedAndBombArchivesAreRefused() throws {
        var writer = ZipWriter()
        writer.add("big.xml", String(repeating: "0", count: 1_000_000))
        let bytes = writer.finish()
        #expect(throws: ZipError.self) { try ZipReader(Array(bytes.prefix(bytes.count / 2))) }
        var limited = try ZipReader(bytes, maxEntrySize: 100_000)
        #expect(throws: ZipError.self) { try limited.data("big.xml") }
        // A central directory lying about the size: the entry expands beyond it and is refused.
        var lying = bytes
        let directory = lying.count - 22 - (46 + 7)
        lying[directory + 24] = 0x10
        lying[directory + 25] = 0x27
        lying[directory + 26] = 0
        lying[directory + 27] = 0
        var liar = try ZipReader(lying)
        #expect(throws: ZipError.self) { try liar.data("big.xml") }
    }
}
