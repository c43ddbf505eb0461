import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("History after the Loi 25 erasure")
struct ErasedHistoryTests {
    @Test("the history says the contact details were erased, and restoring such a version keeps the current managers")
    func erasedRevisions() async throws {
        try await TestApp.run(profiles: [Fixtures.minimal("Friperie L'Entraide")]) { (client: any TestClientProtocol, env: TestEnvironment) in
            // given: managers set, then replaced, more than 24 months ago
            let editor = try await env.signedIn([.admin])
            let store = EnterpriseStore(database: env.database)
            let original = try #require(try await store.find("friperie-l-entraide"))
            var profile = original.profile
            profile.managers = [ManagerContact(name: "Julie Tremblay", role: "Directrice", email: "julie@entraide.exemple.org")]
            let second = try await store.update(id: original.id, expectedVersion: 1, profile: profile, by: Author(editor.user),
                                                now: Date().addingTimeInterval(-30 * 30 * 24 * 3600))
            profile.managers = [ManagerContact(name: "Marc Gagnon", role: "Coordonnateur", email: "marc@entraide.exemple.org")]
            let third = try await store.update(id: original.id, expectedVersion: second.version, profile: profile, by: Author(editor.user),
                                               now: Date().addingTimeInterval(-29 * 30 * 24 * 3600))
            // when (the app's own purge may have run already: it ran at start)
            _ = try await RetentionStore(database: env.database).purge(now: Date())
            // then
            try await client.execute(uri: "/gestion/entreprises/\(original.id)/historique", method: .get, headers: editor.headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Coordonnées effacées (Loi 25)"))
                #expect(!response.text.contains("Julie Tremblay"))
            }
            let julie = try #require(try await RevisionLog(database: env.database).revisions(of: original.id).last)
            #expect(julie.afterErased)
            try await client.execute(uri: "/gestion/entreprises/\(original.id)/historique/\(julie.seq)/restaurer", method: .post,
                                     headers: editor.formHeaders, body: editor.form([("version", String(third.version))])) { response in
                #expect(response.status == .seeOther)
            }
            let restored = try #require(try await store.find(original.id))
            #expect(restored.version == third.version + 1)
            #expect(restored.profile.managers.map(\.name) == ["Marc Gagnon"])
        }
    }
}
