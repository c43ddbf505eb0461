import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

/// The calls' e-mails on the real SMTP server the test command starts: the headers a mail
/// program needs to offer a one-click stop (RFC 2369, RFC 8058), the reply address, both
/// languages, and delivery followed on the buyer's page.
@Suite("Calls for interest: e-mail delivered", .enabled(if: TestSMTPServer.shouldRun))
struct CallMailDeliveryTests {
    typealias Kit = CallTestKit

    @Test("each address gets its message with List-Unsubscribe and its one-click POST, Reply-To the buyer, French then English; the page shows them sent")
    func delivered() async throws {
        try await TestSMTPServer.with { server in
            let settings = server.settings
            try await TestApp.run(profiles: Kit.profiles, configure: { $0.mailTransport = .smtp(settings); $0.publicURL = "https://repertoire.example" },
                                  realMail: true) { client, env in
                let buyer = try await env.signedIn([.buyer], municipality: "58227")
                let id = try await Kit.create(client, buyer)
                try await Kit.proposeAndSend(client, buyer, id)
                let messages = try await server.waitForMessages(count: 3, timeout: .seconds(30))
                #expect(Set(messages.flatMap(\.recipients)) == ["info@deneigement.exemple.org", "julie@deneigement.exemple.org", "bonjour@monteregie.exemple.org"])
                for message in messages {
                    let parsed = try ParsedMail(message.raw)
                    let unsubscribe = try #require(parsed.headers["list-unsubscribe"])
                    #expect(unsubscribe.hasPrefix("<https://repertoire.example/appel-d-interet/desabonnement?jeton=") && unsubscribe.hasSuffix(">"))
                    #expect(parsed.headers["list-unsubscribe-post"] == "List-Unsubscribe=One-Click")
                    #expect(parsed.headers["reply-to"] == buyer.user.email)
                    #expect(parsed.headers["content-language"] == "fr, en")
                    #expect(message.subject.contains("Appel d'intérêt de Longueuil"))
                    #expect(message.body.contains("Pour répondre (intéressée ou non)") && message.body.contains("To answer (interested or not)"))
                    #expect(message.links.contains { $0.hasPrefix("https://repertoire.example/appel-d-interet?appel=\(id)&jeton=") })
                    #expect(message.links.contains { $0.hasPrefix("https://repertoire.example/en/appel-d-interet?appel=\(id)&jeton=") })
                }
                // The outbox's state reaches the recipients' table.
                var page = ""
                for _ in 0..<50 {
                    page = try await Kit.page(client, buyer, "/acheteurs/appels/\(id)")
                    if page.components(separatedBy: "data-status=\"envoye\"").count == 3 { break }
                    try await Task.sleep(for: .milliseconds(200))
                }
                #expect(page.components(separatedBy: "data-status=\"envoye\"").count == 3)
            }
        }
    }
}
