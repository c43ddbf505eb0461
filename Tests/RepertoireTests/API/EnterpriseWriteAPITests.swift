import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("API: writing enterprises, and bad input")
struct EnterpriseWriteAPITests {
    static let auth: HTTPFields = [.authorization: "Bearer \(TestApp.writeToken)", .contentType: "application/json"]

    static let validBody = """
        {"name": "Imprimerie coopérative Le Relais", "legalForm": "cooperative-travail", "neq": "1140139735",
         "municipalityCode": "58033", "postalCode": "j4b 2x9", "sectors": ["communications-medias-imprimerie"],
         "offerings": [{"name": "Impression de documents", "kind": "bien", "offeredToMunicipalities": true}],
         "email": "info@relais.exemple.org", "managers": [{"name": "Marc Gagnon", "role": "Directeur"}]}
        """

    static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    /// The body with one field replaced.
    static func variant(_ field: String, _ json: String) -> String {
        var object = try! JSONSerialization.jsonObject(with: Data(validBody.utf8)) as! [String: Any]
        object[field] = try! JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test("create, find it at once by search, update it, archive and restore it")
    func lifecycle() async throws {
        try await TestApp.run { client in
            let slug = try await client.execute(uri: "/api/v1/enterprises", method: .post, headers: Self.auth, body: Self.body(Self.validBody)) { response -> String in
                #expect(response.status == .created)
                let enterprise = response.json["enterprise"] as? [String: Any] ?? [:]
                #expect(enterprise["postalCode"] as? String == "J4B 2X9")
                #expect(enterprise["version"] as? Int == 1)
                #expect(response.headers[.location] == "/api/v1/enterprises/imprimerie-cooperative-le-relais")
                return enterprise["slug"] as? String ?? ""
            }
            // searchable as soon as the write returns
            try await client.execute(uri: "/api/v1/enterprises?q=Relais", method: .get) { response in
                #expect(response.json["total"] as? Int == 1)
            }
            let renamed = Self.variant("name", "\"Imprimerie Le Relais\"").replacingOccurrences(of: "{", with: "{\"version\": 1, ", options: [], range: nil)
            try await client.execute(uri: "/api/v1/enterprises/\(slug)", method: .put, headers: Self.auth, body: Self.body(renamed)) { response in
                #expect(response.status == .ok)
                #expect((response.json["enterprise"] as? [String: Any])?["version"] as? Int == 2)
            }
            var archive = Self.auth
            archive[.ifMatch] = "\"2\""
            try await client.execute(uri: "/api/v1/enterprises/\(slug)/archive", method: .post, headers: archive) { response in
                #expect(response.status == .ok)
                #expect(response.json["archived"] as? Bool == true)
            }
            try await client.execute(uri: "/api/v1/enterprises/\(slug)", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/enterprises?q=Relais", method: .get) { response in
                #expect(response.json["total"] as? Int == 0)
            }
            archive[.ifMatch] = "\"3\""
            try await client.execute(uri: "/api/v1/enterprises/\(slug)/restore", method: .post, headers: archive) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/enterprises/\(slug)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["name"] as? String == "Imprimerie Le Relais")
            }
        }
    }

    @Test("an MRC scope is accepted, returned by the API and shown on the profile in both languages")
    func mrcScope() async throws {
        try await TestApp.run { client in
            // given
            let body = Self.variant("serviceArea", "{\"scope\": \"mrcs\", \"codes\": [\"58\"]}")
            // when
            let slug = try await client.execute(uri: "/api/v1/enterprises", method: .post, headers: Self.auth, body: Self.body(body)) { response -> String in
                #expect(response.status == .created, "\(response.text)")
                return (response.json["enterprise"] as? [String: Any])?["slug"] as? String ?? ""
            }
            // then
            try await client.execute(uri: "/api/v1/enterprises/\(slug)", method: .get) { response in
                let area = response.json["serviceArea"] as? [String: Any]
                #expect(area?["scope"] as? String == "mrcs")
                #expect(area?["codes"] as? [String] == ["58"])
            }
            try await client.execute(uri: SiteURL.enterprise(slug: slug).path(.fr), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Territoire desservi"))
                #expect(response.text.contains("Territoire de Longueuil"))
            }
            try await client.execute(uri: SiteURL.enterprise(slug: slug).path(.en), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Area served"))
                #expect(response.text.contains("Territoire de Longueuil"))
            }
        }
    }

    @Test("a stale version is a 409 and nothing is overwritten; no version is a 428")
    func conflicts() async throws {
        try await TestApp.run(profiles: [Fixtures.complete()]) { client in
            let slug = "cooperative-de-solidarite-deneigement-rive-sud"
            var headers = Self.auth
            headers[.ifMatch] = "\"1\""
            let first = Self.variant("name", "\"Premier\"").replacingOccurrences(of: "\"neq\": \"1140139735\"", with: "\"neq\": null")
            try await client.execute(uri: "/api/v1/enterprises/\(slug)", method: .put, headers: headers, body: Self.body(first)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/enterprises/\(slug)", method: .put, headers: headers, body: Self.body(Self.variant("name", "\"Second\""))) { response in
                #expect(response.status == .conflict)
                #expect(response.json["currentVersion"] as? Int == 2)
                #expect((response.json["detail"] as? String)?.contains("rien n'a été écrasé") == true)
            }
            try await client.execute(uri: "/api/v1/enterprises/\(slug)", method: .put, headers: Self.auth, body: Self.body(Self.validBody)) { response in
                #expect(response.status == .preconditionRequired)
            }
            try await client.execute(uri: "/api/v1/enterprises/\(slug)", method: .get) { response in
                #expect(response.json["name"] as? String == "Premier")
                #expect(response.json["version"] as? Int == 2)
            }
        }
    }

    @Test("writing needs the token")
    func authorization() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/api/v1/enterprises", method: .post, headers: [.contentType: "application/json"], body: Self.body(Self.validBody)) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
            try await client.execute(uri: "/api/v1/enterprises", method: .post, headers: [.authorization: "Bearer wrong-token-wrong-token", .contentType: "application/json"], body: Self.body(Self.validBody)) { response in
                #expect(response.status == .unauthorized)
            }
        }
        try await TestApp.run(token: nil) { client in
            // Without a service token configured, the old token is just an unknown one.
            try await client.execute(uri: "/api/v1/enterprises", method: .post, headers: Self.auth, body: Self.body(Self.validBody)) { response in
                #expect(response.status == .unauthorized)
                #expect((response.json["detail"] as? String)?.contains("n'est pas valide") == true)
                #expect(response.headers[.wwwAuthenticate]?.contains("invalid_token") == true)
            }
        }
    }

    @Test("bad input gets the message a person would see, and nothing is stored", arguments: [
        ("not json", 400, "", "n'est pas du JSON valide"),
        ("{\"legalForm\": \"obnl\"}", 400, "name", "Champ obligatoire manquant : « name »"),
        (variant("foundedYear", "\"mille\""), 400, "foundedYear", "nombre entier attendu"),
        (variant("neq", "\"12345\""), 422, "neq", "10 chiffres"),
        (variant("neq", "\"11401397AB\""), 422, "neq", "que des chiffres"),
        (variant("postalCode", "\"ABC 123\""), 422, "postalCode", "A1A 1A1"),
        (variant("email", "\"info@@relais\""), 422, "email", "courriel"),
        (variant("regionCode", "\"42\""), 422, "regionCode", "« 42 » n'existe pas"),
        (variant("sectors", "[\"spatial\"]"), 422, "sectors[0]", "« spatial » n'existe pas"),
        (variant("legalForm", "\"sarl\""), 422, "legalForm", "inconnue"),
        (variant("municipalityCode", "\"00000\""), 422, "municipalityCode", "Aucune municipalité"),
        (variant("name", "\"" + String(repeating: "x", count: 300) + "\""), 422, "name", "trop long"),
        (variant("offerings", "[{\"name\": \"\", \"kind\": \"bien\"}]"), 422, "offerings[0].name", "obligatoire"),
        (variant("serviceArea", "{\"scope\": \"mrcs\", \"codes\": [\"58\", \"460\"]}"), 422, "serviceArea.codes[1]", "Aucune MRC du Québec n'a le code « 460 »"),
        (variant("serviceArea", "{\"scope\": \"mrc\", \"codes\": [\"58\"]}"), 422, "serviceArea.scope", "quebec, regions, mrcs, municipalities"),
    ])
    func badInput(body: String, status: Int, field: String, message: String) async throws {
        try await TestApp.run(profiles: [Fixtures.minimal("Déjà là")]) { client in
            try await client.execute(uri: "/api/v1/enterprises", method: .post, headers: Self.auth, body: Self.body(body)) { response in
                #expect(Int(response.status.code) == status, "\(response.text)")
                #expect((response.json["detail"] as? String)?.contains(message) == true, "\(response.text)")
                if !field.isEmpty {
                    let fields = (response.json["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
                    #expect(fields.contains(field), "\(fields)")
                }
            }
            try await client.execute(uri: "/api/v1/enterprises", method: .get) { response in
                #expect(response.json["total"] as? Int == 1, "nothing was added")
            }
        }
    }

    @Test("invalid UTF-8, a wrong content type, an empty and an oversized body")
    func malformedBodies() async throws {
        try await TestApp.run { client in
            var bytes = ByteBuffer(string: "{\"name\": \"Caf")
            bytes.writeBytes([0xC3, 0x28])
            bytes.writeString("\", \"legalForm\": \"obnl\", \"regionCode\": \"16\"}")
            try await client.execute(uri: "/api/v1/enterprises", method: .post, headers: Self.auth, body: bytes) { response in
                #expect(response.status == .badRequest)
                #expect((response.json["detail"] as? String)?.contains("UTF-8") == true)
            }
            var form = Self.auth
            form[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(uri: "/api/v1/enterprises", method: .post, headers: form, body: Self.body("name=x")) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            try await client.execute(uri: "/api/v1/enterprises", method: .post, headers: Self.auth, body: ByteBuffer()) { response in
                #expect(response.status == .badRequest)
                #expect((response.json["detail"] as? String)?.contains("vide") == true)
            }
            let huge = Self.variant("mission", "\"" + String(repeating: "a", count: 1_100_000) + "\"")
            try await client.execute(uri: "/api/v1/enterprises", method: .post, headers: Self.auth, body: Self.body(huge)) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(uri: "/api/v1/enterprises", method: .get) { response in
                #expect(response.json["total"] as? Int == 0)
            }
        }
    }

    @Test("a duplicate NEQ is refused with the other enterprise named")
    func duplicateNEQ() async throws {
        try await TestApp.run(profiles: [Fixtures.complete()]) { client in
            try await client.execute(uri: "/api/v1/enterprises", method: .post, headers: Self.auth, body: Self.body(Self.validBody)) { response in
                #expect(response.status == .conflict)
                #expect((response.json["detail"] as? String)?.contains("cooperative-de-solidarite-deneigement-rive-sud") == true)
            }
        }
    }
}
