import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

/// Shortcuts for the calls-for-interest tests: the enterprises around Longueuil, multipart
/// bodies, and the buyer's and the enterprise's steps through the real routes.
enum CallTestKit {
    static func offering(_ name: String, _ kind: OfferingKind = .service, offered: Bool = true) -> Offering {
        Offering(name: name, kind: kind, offeredToMunicipalities: offered)
    }

    /// Three snow-removal enterprises serving Longueuil (one without e-mail), one caterer, and
    /// two that must never be proposed (outside the area, not offering to municipalities).
    static let profiles: [EnterpriseProfile] = {
        let rive = Fixtures.complete(name: "Déneigement Rive-Sud")  // info@… and julie@…, serves Longueuil (head office there)
        var monteregie = Fixtures.minimal("Coop Montérégie Déneigement", municipality: "58007")
        monteregie.serviceArea = ServiceArea(scope: .regions, codes: ["16"])
        monteregie.offerings = [offering("Déneigement de trottoirs et stationnements")]
        monteregie.email = "bonjour@monteregie.exemple.org"
        monteregie.sectors = ["environnement-recuperation-recyclage"]
        var silent = Fixtures.minimal("Déneigement Sans Courriel", municipality: "58227")
        silent.offerings = [offering("Déneigement de rues", .construction)]
        silent.phone = "450 555-0199"
        var caterer = Fixtures.minimal("Traiteur Saveurs Solidaires", municipality: "58227", sector: "agroalimentaire-restauration")
        caterer.offerings = [offering("Traiteur pour événements", .good)]
        caterer.email = "traiteur@saveurs.exemple.org"
        var mauricie = Fixtures.minimal("Déneigement Mauricie", municipality: "37067")
        mauricie.serviceArea = ServiceArea(scope: .regions, codes: ["04"])
        mauricie.offerings = [offering("Déneigement")]
        mauricie.email = "mauricie@exemple.org"
        var privateOnly = Fixtures.minimal("Déneigement Privé", municipality: "58227")
        privateOnly.offerings = [offering("Déneigement résidentiel", offered: false)]
        privateOnly.email = "prive@exemple.org"
        return [rive, monteregie, silent, caterer, mauricie, privateOnly]
    }()

    static let boundary = "----repertoire-call-boundary"

    struct Part {
        var field: String
        var fileName: String
        var type: String
        var bytes: [UInt8]
    }

    static func multipart(_ fields: [(String, String)], files: [Part] = []) -> ByteBuffer {
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.fileName)\"\r\nContent-Type: \(file.type)\r\n\r\n".utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    static func uploadHeaders(_ user: TestEnvironment.SignedIn) -> HTTPFields {
        var headers = user.headers
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return headers
    }

    /// A small real PDF.
    static let pdf: [UInt8] = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    /// A minimal Word document: a ZIP with the parts Word requires.
    static var docx: [UInt8] {
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        zip.add("word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>")
        return zip.finish()
    }

    static func day(in days: Int) -> String { CalendarDay.string(from: Date().addingTimeInterval(Double(days) * 24 * 3600)) }

    static func needFields(_ buyer: TestEnvironment.SignedIn, title: String = "Déneigement des stationnements municipaux",
                           description: String = "Déneigement et épandage d'abrasifs de 12 stationnements, de novembre à avril.",
                           deadline: String = day(in: 10), sectors: [String] = [], place: String = "municipalite:58227",
                           extra: [(String, String)] = []) -> [(String, String)] {
        [("_csrf", buyer.csrf), ("titre", title), ("description", description), ("type", "services"), ("lieu", place),
         ("montant", "gre-a-gre"), ("date-limite", deadline)] + sectors.map { ("secteur", $0) } + extra
    }

    /// Creates a call through the form and returns its id.
    static func create(_ client: some TestClientProtocol, _ buyer: TestEnvironment.SignedIn, fields: [(String, String)]? = nil,
                       files: [Part] = []) async throws -> String {
        let location = try await client.execute(uri: "/acheteurs/appels", method: .post, headers: uploadHeaders(buyer),
                                                body: multipart(fields ?? needFields(buyer), files: files)) { response in
            #expect(response.status == .seeOther, "\(response.text)")
            return response.headers[.location] ?? ""
        }
        let path = location.split(separator: "?").first.map(String.init) ?? ""
        return String(path.split(separator: "/").last ?? "")
    }

    static func post(_ client: some TestClientProtocol, _ user: TestEnvironment.SignedIn, _ path: String, _ fields: [(String, String)] = [],
                     expect status: HTTPResponse.Status = .seeOther) async throws -> String {
        try await client.execute(uri: path, method: .post, headers: user.formHeaders, body: user.form(fields)) { response in
            #expect(response.status == status, "\(path): \(response.text.prefix(600))")
            return response.text.replacingOccurrences(of: "&#39;", with: "'")
        }
    }

    static func page(_ client: some TestClientProtocol, _ user: TestEnvironment.SignedIn, _ path: String,
                     expect status: HTTPResponse.Status = .ok) async throws -> String {
        try await client.execute(uri: path, method: .get, headers: user.headers) { response in
            #expect(response.status == status, "\(path): \(response.text.prefix(600))")
            return response.text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "\u{00A0}", with: " ")
        }
    }

    static func proposeAndSend(_ client: some TestClientProtocol, _ buyer: TestEnvironment.SignedIn, _ id: String) async throws {
        _ = try await post(client, buyer, "/acheteurs/appels/\(id)/destinataires", [("action", "proposer")])
        _ = try await post(client, buyer, "/acheteurs/appels/\(id)/envoyer")
    }

    /// The answer link (path and query) in a call's e-mail.
    static func answerPath(_ draft: MailDraft) -> String? {
        draft.body.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.contains("/appel-d-interet?appel=") && !$0.contains("/en/") }
            .flatMap { line in line.range(of: "/appel-d-interet?").map { String(line[$0.lowerBound...]) } }
    }

    static func parameter(_ name: String, in path: String) -> String {
        (path.split(separator: "?").last ?? "").split(separator: "&").first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) } ?? ""
    }

    /// Answers through the link as a visitor: the page's form token, then the post.
    static func answer(_ client: some TestClientProtocol, path: String, _ fields: [(String, String)], document: Part? = nil,
                       expect status: HTTPResponse.Status = .ok) async throws -> String {
        // The visitor's form token: from the sign-in page, which always has a form (a closed call's page has none).
        let (cookie, csrf) = try await visitorForm(client)
        let headers: HTTPFields = [.cookie: "\(CSRF.cookie)=\(cookie)", .contentType: "multipart/form-data; boundary=\(boundary)"]
        let body = multipart([("_csrf", csrf), ("appel", parameter("appel", in: path)), ("jeton", parameter("jeton", in: path))] + fields,
                             files: document.map { [$0] } ?? [])
        return try await client.execute(uri: "/appel-d-interet", method: .post, headers: headers, body: body) { response in
            #expect(response.status == status, "\(response.text.prefix(800))")
            return response.text.replacingOccurrences(of: "&#39;", with: "'")
        }
    }

    static func callService(_ env: TestEnvironment) async throws -> CallService {
        let directory = DirectoryService(database: env.database, synonyms: try SynonymTable.parse(SynonymTable.defaultSynonymsText), logger: TestDatabases.logger)
        try await directory.loadIndex()
        return makeCallService(Configuration(), database: env.database, directory: directory, mail: env.mail)
    }

    static func id(of name: String, _ env: TestEnvironment) async throws -> String {
        try await env.database.read { sql in
            try await sql.raw("SELECT id FROM enterprises WHERE name = \(bind: name)").first()?.decode(column: "id", as: String.self) ?? ""
        }
    }
}
