import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("Import: each hub sees its regions' history, without other hubs' addresses")
struct ImportHistoryTests {
    static let mauricie = """
        Nom;Municipalité;Secteur;Courriel
        Coopérative Les Jardins du Fleuve;Trois-Rivières;Agroalimentaire;info@jardins.exemple.org
        """

    static let monteregie = """
        Nom;Municipalité;Secteur;Courriel
        Friperie de la Rive-Sud;Longueuil;Commerce de détail;bonjour@friperie.exemple.org
        """

    @Test("a hub editor's import list holds their own imports and those into their regions; another hub's importer shows without address")
    func history() async throws {
        try await TestApp.run { client, env in
            // given: an import into Mauricie and one into Montérégie, by their hubs
            let mauricie = try await env.signedIn([.hubEditor], email: "pole@mauricie.exemple.org", regions: ["04"])
            let monteregie = try await env.signedIn([.hubEditor], email: "pole@monteregie.exemple.org", regions: ["16"])
            let both = try await env.signedIn([.hubEditor], email: "pole@deux.exemple.org", regions: ["04", "16"])
            for (editor, text, name) in [(mauricie, Self.mauricie, "mauricie.csv"), (monteregie, Self.monteregie, "monteregie.csv")] {
                let location = try #require(try await ImportWebTests.upload(client, editor, text, fileName: name))
                let applied = try await client.execute(uri: location + "/appliquer", method: .post, headers: editor.formHeaders, body: editor.form([]))
                #expect(applied.status == .seeOther)
            }
            // when, then: Montérégie sees its own import only
            try await client.execute(uri: "/gestion/import", method: .get, headers: monteregie.headers) { response in
                #expect(response.text.contains("monteregie.csv"))
                #expect(!response.text.contains("mauricie.csv"))
                #expect(!response.text.contains("pole@mauricie.exemple.org"))
            }
            // an editor of both regions sees both, with the importers' names but not their addresses
            try await client.execute(uri: "/gestion/import", method: .get, headers: both.headers) { response in
                #expect(response.text.contains("monteregie.csv") && response.text.contains("mauricie.csv"))
                #expect(!response.text.contains("pole@mauricie.exemple.org") && !response.text.contains("pole@monteregie.exemple.org"))
                #expect(response.text.contains("Personne Test"))
            }
            // an administrator sees everything
            let admin = try await env.signedIn([.admin])
            try await client.execute(uri: "/gestion/import", method: .get, headers: admin.headers) { response in
                #expect(response.text.contains("pole@mauricie.exemple.org") && response.text.contains("pole@monteregie.exemple.org"))
            }
        }
    }
}
