import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("Keeping records current: verification requests and proposed changes")
struct VerificationAndProposalTests {
    static func store(_ env: TestEnvironment) -> EnterpriseStore { EnterpriseStore(database: env.database) }

    static func profile(_ name: String, verified: String?, email: String? = "info@exemple.org", municipality: String = "58007") -> EnterpriseProfile {
        var p = Fixtures.minimal(name, municipality: municipality)
        p.lastVerified = verified
        p.email = email
        return p
    }

    @Test("the to-verify list holds the region's stale records, oldest first, and the confirmation link works once")
    func toVerifyAndConfirmationLink() async throws {
        let profiles = [
            Self.profile("Coop Récente", verified: CalendarDay.string(from: Date().addingTimeInterval(-30 * 86_400))),
            Self.profile("Coop Ancienne", verified: "2019-03-01"),
            Self.profile("Coop Moins Ancienne", verified: "2022-05-01"),
            Self.profile("Coop Jamais", verified: nil),
            Self.profile("Coop Sans Courriel", verified: "2020-01-01", email: nil),
            Self.profile("Coop Mauricie", verified: nil, municipality: "37067"),
        ]
        try await TestApp.run(profiles: profiles) { (client: any TestClientProtocol, env: TestEnvironment) in
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            try await client.execute(uri: "/gestion/a-verifier", method: .get, headers: editor.headers) { response in
                #expect(response.status == .ok)
                let html = response.text
                let order = ["Coop Jamais", "Coop Ancienne", "Coop Sans Courriel", "Coop Moins Ancienne"].map { html.range(of: $0)?.lowerBound }
                #expect(order.allSatisfy { $0 != nil })
                #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
                #expect(!html.contains("Coop Récente"))
                #expect(!html.contains("Coop Mauricie"))
            }
            let silent = try #require(try await Self.store(env).find("coop-sans-courriel"))
            try await client.execute(uri: "/gestion/entreprises/\(silent.id)/demander-confirmation", method: .post, headers: editor.formHeaders,
                                     body: editor.form([])) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("pas de courriel public"))
            }
            let old = try #require(try await Self.store(env).find("coop-ancienne"))
            try await client.execute(uri: "/gestion/entreprises/\(old.id)/demander-confirmation", method: .post, headers: editor.formHeaders,
                                     body: editor.form([])) { response in
                #expect(response.status == .seeOther)
            }
            let link = try #require(env.lastLink(to: "info@exemple.org"))
            let path = String(link[try #require(link.range(of: "/confirmation?")).lowerBound...])
            // the visitor opens the link: gets a pre-session cookie and the form's token bound to it
            let (cookie, csrf) = try await visitorForm(client, path: path)
            #expect(!cookie.isEmpty && !csrf.isEmpty)
            let token = String(path.split(separator: "=").last ?? "")
            let headers: HTTPFields = [.cookie: "\(CSRF.cookie)=\(cookie)", .contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/confirmation", method: .post, headers: headers,
                                     body: TestEnvironment.encode([("jeton", token), ("action", "confirmer"), ("_csrf", csrf)])) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("confirmée"))
            }
            let confirmed = try #require(try await Self.store(env).find(old.id))
            #expect(confirmed.profile.lastVerified == CalendarDay.string(from: Date()))
            let revision = try #require(try await RevisionLog(database: env.database).latest(of: old.id))
            #expect(revision.actor == "l'entreprise (lien de confirmation)")
            #expect(revision.action == .verify)
            // single use
            try await client.execute(uri: "/confirmation", method: .post, headers: headers,
                                     body: TestEnvironment.encode([("jeton", token), ("action", "confirmer"), ("_csrf", csrf)])) { response in
                #expect(response.status == .gone)
            }
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .gone)
            }
            #expect(try await Self.store(env).find(old.id)?.version == 2)
        }
    }

    @Test("a representative proposes, a hub editor approves (applied), another is rejected with a message; both emailed")
    func proposals() async throws {
        try await TestApp.run(profiles: [Self.profile("Coop Proposée", verified: nil)]) { (client: any TestClientProtocol, env: TestEnvironment) in
            let enterprise = try #require(try await Self.store(env).find("coop-proposee"))
            let representative = try await env.signedIn([.representative], enterprise: enterprise.id)
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            let outsider = try await env.signedIn([.hubEditor], regions: ["04"])

            try await client.execute(uri: "/mon-entreprise", method: .get, headers: representative.headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Proposer ces modifications"))
            }
            // nothing changed: nothing to propose
            try await client.execute(uri: "/mon-entreprise", method: .post, headers: representative.formHeaders,
                                     body: representative.form(EditingTests.editFields(enterprise))) { response in
                #expect(response.status == .unprocessableContent)
            }
            // editors cannot use the representatives' page, nor representatives the editors'
            try await client.execute(uri: "/mon-entreprise", method: .get, headers: editor.headers) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/gestion/propositions", method: .get, headers: representative.headers) { response in
                #expect(response.status == .forbidden)
            }
            var fields = EditingTests.editFields(enterprise, ["phone": "450 555-0101"])
            try await client.execute(uri: "/mon-entreprise", method: .post, headers: representative.formHeaders,
                                     body: representative.form(fields)) { response in
                #expect(response.status == .seeOther)
            }
            // nothing saved yet
            #expect(try await Self.store(env).find(enterprise.id)?.version == 1)
            try await client.execute(uri: "/gestion/propositions", method: .get, headers: outsider.headers) { response in
                #expect(!response.text.contains("Coop Proposée"))
            }
            let pending = try await ProposalStore(database: env.database).pending()
            #expect(pending.count == 1)
            try await client.execute(uri: "/gestion/propositions/\(pending[0].id)/approuver", method: .post, headers: outsider.formHeaders,
                                     body: outsider.form([])) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/gestion/propositions", method: .get, headers: editor.headers) { response in
                #expect(response.text.contains("Coop Proposée"))
                #expect(response.text.contains("Téléphone"))
            }
            try await client.execute(uri: "/gestion/propositions/\(pending[0].id)/approuver", method: .post, headers: editor.formHeaders,
                                     body: editor.form([])) { response in
                #expect(response.status == .seeOther)
            }
            let approved = try #require(try await Self.store(env).find(enterprise.id))
            #expect(approved.version == 2)
            #expect(approved.profile.phone?.contains("555-0101") == true)
            #expect(env.mail.sent.last?.to == representative.user.email)
            #expect(env.mail.sent.last?.subject.contains("approuvée") == true)

            // a second proposal, rejected with a message
            fields = EditingTests.editFields(approved, ["website": "https://coop.exemple.org"])
            try await client.execute(uri: "/mon-entreprise", method: .post, headers: representative.formHeaders,
                                     body: representative.form(fields)) { response in
                #expect(response.status == .seeOther)
            }
            let second = try #require(try await ProposalStore(database: env.database).pending().first)
            try await client.execute(uri: "/gestion/propositions/\(second.id)/rejeter", method: .post, headers: editor.formHeaders,
                                     body: editor.form([("message", "Ce site n'est pas le vôtre.")])) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await Self.store(env).find(enterprise.id)?.version == 2)
            #expect(try await ProposalStore(database: env.database).find(second.id)?.status == .rejected)
            #expect(env.mail.sent.last?.body.contains("Ce site n'est pas le vôtre.") == true)
            // The representative also sees the decision on their page.
            try await client.execute(uri: "/mon-entreprise", method: .get, headers: representative.headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("a été refusée le"))
                #expect(response.text.contains("Ce site n&#39;est pas le vôtre.") || response.text.contains("Ce site n'est pas le vôtre."))
            }
        }
    }

    @Test("approving a proposal made from an older version shows the side-by-side choice")
    func proposalConflict() async throws {
        try await TestApp.run(profiles: [Self.profile("Coop Conflit", verified: nil)]) { (client: any TestClientProtocol, env: TestEnvironment) in
            let enterprise = try #require(try await Self.store(env).find("coop-conflit"))
            let representative = try await env.signedIn([.representative], enterprise: enterprise.id)
            let editor = try await env.signedIn([.admin])
            try await client.execute(uri: "/mon-entreprise", method: .post, headers: representative.formHeaders,
                                     body: representative.form(EditingTests.editFields(enterprise, ["phone": "450 555-0102"]))) { response in
                #expect(response.status == .seeOther)
            }
            var changed = enterprise.profile
            changed.source = "Pôle"
            _ = try await Self.store(env).update(id: enterprise.id, expectedVersion: 1, profile: changed, by: Author(editor.user))
            let proposal = try #require(try await ProposalStore(database: env.database).pending().first)
            try await client.execute(uri: "/gestion/propositions/\(proposal.id)/approuver", method: .post, headers: editor.formHeaders,
                                     body: editor.form([])) { response in
                #expect(response.status == .conflict)
                #expect(response.text.contains("name=\"proposal\""))
            }
            #expect(try await Self.store(env).find(enterprise.id)?.version == 2)
        }
    }
}
