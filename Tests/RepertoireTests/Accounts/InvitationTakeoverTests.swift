import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("Accounts: a hub editor cannot take over accounts by inviting them again")
struct InvitationTakeoverTests {
    @Test("re-inviting a pending account of another region, or a deactivated one, is refused and changes nothing; stray regions are refused")
    func takeover() async throws {
        try await TestApp.run { client, env in
            // given: pending buyers of Mauricie (04) and Montérégie (16), one of them deactivated, and an editor of 16
            let accounts = AccountService(database: env.database, mail: env.mail, baseURL: "http://127.0.0.1", bcryptCost: 4)
            let (elsewhere, _) = try await accounts.invite(.init(email: "achat@v3r.net", name: "Achats Trois-Rivières", roles: [.buyer], municipalityCode: "37067"),
                                                           by: nil, municipalityRegion: "04", enterpriseRegion: nil, client: "test")
            let (dormant, _) = try await accounts.invite(.init(email: "ancien@longueuil.quebec", name: "Ancien acheteur", roles: [.buyer], municipalityCode: "58227"),
                                                         by: nil, municipalityRegion: "16", enterpriseRegion: nil, client: "test")
            var deactivated = dormant
            deactivated.isActive = false
            try await accounts.update(deactivated, by: try await env.createUser([.admin]), client: "test")
            let (own, _) = try await accounts.invite(.init(email: "achat@brossard.ca", name: "Achats Brossard", roles: [.buyer], municipalityCode: "58007"),
                                                     by: nil, municipalityRegion: "16", enterpriseRegion: nil, client: "test")
            let editor = try await env.signedIn([.hubEditor], regions: ["16"])
            let sentBefore = env.mail.sent.count
            // when: the editor re-invites them into Longueuil
            for email in [elsewhere.email, dormant.email] {
                try await client.execute(uri: "/admin/utilisateurs/invitations", method: .post, headers: editor.formHeaders,
                                         body: editor.form([("email", email), ("name", "Pris"), ("roles", "buyer"), ("municipality", "58227")])) { response in
                    // then
                    #expect(response.status == .unprocessableContent, "\(email)")
                    #expect(response.text.contains("vous ne le gérez pas"), "\(email)")
                }
            }
            let store = AccountStore(database: env.database)
            #expect(try await store.user(id: elsewhere.id)?.name == "Achats Trois-Rivières")
            #expect(try await store.user(id: elsewhere.id)?.municipalityCode == "37067")
            #expect(try await store.user(id: dormant.id)?.isActive == false)
            #expect(env.mail.sent.count == sentBefore)
            // A buyer with regions is refused, not stored.
            try await client.execute(uri: "/admin/utilisateurs/invitations", method: .post, headers: editor.formHeaders,
                                     body: editor.form([("email", "nouveau@longueuil.quebec"), ("name", "Nouveau"), ("roles", "buyer"),
                                                        ("municipality", "58227"), ("regions", "16")])) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("Seul un éditeur de pôle régional a des régions"))
            }
            #expect(try await store.user(email: "nouveau@longueuil.quebec") == nil)
            // The editor's own region's pending buyer may be invited again.
            try await client.execute(uri: "/admin/utilisateurs/invitations", method: .post, headers: editor.formHeaders,
                                     body: editor.form([("email", own.email), ("name", "Achats Brossard"), ("roles", "buyer"), ("municipality", "58007")])) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
