import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
@testable import Repertoire

/// Keeps what a log handler was given.
private final class CapturedLog: Sendable {
    let lines = Mutex<[String]>([])
}

private struct CapturingHandler: LogHandler {
    let captured: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    func log(event: LogEvent) {
        let metadata = (event.metadata ?? [:]).map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        captured.lines.withLock { $0.append("\(event.message) \(metadata)") }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}

@Suite("Input safety: e-mail addresses that can be sent, names without hidden characters, logs without control characters")
struct InputSafetyTests {
    static let unsendable = ["nul\u{0}@exemple.qc.ca", "esc\u{1B}[31m@exemple.qc.ca", "\"cite\"@exemple.qc.ca", "a(b)@exemple.qc.ca",
                             "del\u{7F}@exemple.qc.ca", "back\\slash@exemple.qc.ca", "accentué@exemple.qc.ca"]

    @Test("an invitation to an address the mailer cannot send to is refused in French, never a 500", arguments: unsendable)
    func invitation(address: String) async throws {
        try await TestApp.run { client, env in
            // given
            let admin = try await env.signedIn([.admin])
            // when
            try await client.execute(uri: "/admin/utilisateurs/invitations", method: .post, headers: admin.formHeaders,
                                     body: admin.form([("email", address), ("name", "Personne"), ("roles", "admin")])) { response in
                // then
                #expect(response.status == .unprocessableContent, "\(address)")
                #expect(response.text.contains("L&#39;adresse courriel") || response.text.contains("L'adresse courriel"))
                #expect(!response.text.contains("\u{1B}") && !response.text.contains("\u{0}"))
            }
            #expect(env.mail.sent.isEmpty)
        }
    }

    @Test("the reset form and the API say what is wrong with such an address", arguments: unsendable)
    func otherFields(address: String) async throws {
        try await TestApp.run { client, env in
            let form = try await visitorForm(client, path: "/mot-de-passe-oublie")
            try await client.execute(uri: "/mot-de-passe-oublie", method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(CSRF.cookie)=\(form.cookie)"],
                                     body: TestEnvironment.encode([("email", address), ("_csrf", form.token)])) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("adresse courriel"))
            }
            let body = EnterpriseWriteAPITests.variant("email", String(decoding: try JSONEncoder().encode(address), as: UTF8.self))
            try await client.execute(uri: "/api/v1/enterprises", method: .post, headers: EnterpriseWriteAPITests.auth, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unprocessableContent)
                let fields = (response.json["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
                #expect(fields == ["email"])
                #expect((response.json["detail"] as? String)?.contains("adresse courriel") == true)
            }
        }
    }

    @Test("bidirectional overrides and zero-width characters are removed from names and short texts")
    func invisibleCharacters() async throws {
        try await TestApp.run { client, env in
            // given
            let name = "Coop\u{202E}evil\u{200B} du\u{2066} Rel\u{200F}ai\u{00AD}s\u{FEFF}\u{E0041}\u{3164}"
            let body = EnterpriseWriteAPITests.variant("name", String(decoding: try JSONEncoder().encode(name), as: UTF8.self))
            // when
            let slug = try await client.execute(uri: "/api/v1/enterprises", method: .post, headers: EnterpriseWriteAPITests.auth, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created)
                // then
                let enterprise = response.json["enterprise"] as? [String: Any] ?? [:]
                #expect(enterprise["name"] as? String == "Coopevil du Relais")
                return enterprise["slug"] as? String ?? ""
            }
            #expect(!slug.isEmpty)
            // An invitation's name too.
            let admin = try await env.signedIn([.admin])
            try await client.execute(uri: "/admin/utilisateurs/invitations", method: .post, headers: admin.formHeaders,
                                     body: admin.form([("email", "nouvelle@exemple.qc.ca"), ("name", "Ma\u{200D}rie\u{202E} Roy"), ("roles", "admin")])) { response in
                #expect(response.status == .ok)
            }
            let invited = try await AccountStore(database: env.database).all().first { $0.email == "nouvelle@exemple.qc.ca" }
            #expect(invited?.name == "Marie Roy")
            #expect(TextRules.clean("a\u{200C}b\u{2069}c\u{2060}") == "abc")
        }
    }

    @Test("log lines write control characters out")
    func logLines() {
        // given
        let captured = CapturedLog()
        let logger = Logger(label: "test") { _ in EscapingLogHandler(CapturingHandler(captured: captured)) }
        // when
        logger.warning("client \("1.2.3.4\n2026-12-04 faux message\u{1B}[2J")", metadata: ["path": "/a\u{0}b", "nested": ["k": .array(["x\ry"])]])
        // then
        let line = captured.lines.withLock { $0.first } ?? ""
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(line.contains("\\u{A}2026-12-04") && line.contains("\\u{1B}[2J") && line.contains("/a\\u{0}b") && line.contains("u{D}y"))
    }
}
