import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("Accounts: the most common passwords are refused (ASVS 2.1.7)")
struct CommonPasswordTests {
    static let refused = ["motdepasse", "azertyuiop", "Soleil2024!!", "bonjour123456", "1234567890", "qwertyuiop", "MotDePasse1",
                          "Répertoire2026", "canadiens1909", "abcabcabcabc", "1234512345", "marie.tremblay", "tremblay-longueuil"]

    @Test("a common password, or one made of the address's words, is refused with a clear message; the link still works")
    func refusedThroughTheLink() async throws {
        try await TestApp.run { client, env in
            // given
            let admin = try await env.signedIn([.admin])
            try await client.execute(uri: "/admin/utilisateurs/invitations", method: .post, headers: admin.formHeaders,
                                     body: admin.form([("email", "marie.tremblay@longueuil.quebec"), ("name", "Marie Tremblay"), ("roles", "admin")])) { response in
                #expect(response.status == .ok)
            }
            let link = try #require(env.lastLink(to: "marie.tremblay@longueuil.quebec"))
            for password in Self.refused {
                // when
                let path = String(link[link.range(of: "/mot-de-passe?")!.lowerBound...])
                let token = String(path[path.range(of: "jeton=")!.upperBound...])
                let (cookie, csrf) = try await visitorForm(client)
                try await client.execute(uri: "/mot-de-passe", method: .post,
                                         headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(CSRF.cookie)=\(cookie)"],
                                         body: TestEnvironment.encode([("jeton", token), ("password", password), ("confirmation", password), ("_csrf", csrf)])) { response in
                    // then
                    #expect(response.status == .unprocessableContent, "\(password)")
                    #expect(["trop courant", "trop simple", "adresse courriel"].contains { response.text.contains($0) }, "\(password)")
                }
            }
            let (status, _) = try await choosePassword(client, link: link, password: "la neige tombe sur Longueuil")
            #expect(status == .seeOther)
        }
    }

    @Test("the list holds hundreds of passwords, French ones included; a passphrase passes")
    func list() {
        #expect(PasswordRules.common.count >= 500)
        for word in ["motdepasse", "azertyuiop", "soleil", "bonjour", "jetaime", "123456", "password"] {
            #expect(PasswordRules.common.contains(word), "\(word)")
        }
        #expect(PasswordRules.problem("Clémentine-Verger-2931", confirmation: nil, email: "a@b.ca") == nil)
        #expect(PasswordRules.problem("la neige tombe sur Longueuil", confirmation: nil, email: "marie.tremblay@longueuil.quebec") == nil)
        #expect(PasswordRules.problem("motdepasse", confirmation: nil, email: "a@b.ca")?.contains("trop courant") == true)
    }
}
