import Hummingbird

/// Who may use the API's write endpoints. Until personal accounts exist, one secret token set
/// in the configuration grants it; without a token the API is read-only.
struct WriteAccess: Sendable {
    let token: String?

    /// True when the request carries the configured token.
    func isGranted(_ request: Request) -> Bool {
        guard let token, let presented = Self.bearer(request) else { return false }
        return constantTimeEquals(Array(presented.utf8), Array(token.utf8))
    }

    /// Throws the problem to answer unless the request may write.
    func require(_ request: Request) throws {
        guard Self.bearer(request) != nil else {
            var problem = Problem(.unauthorized, title: "Authentification requise",
                                  detail: token == nil
                                    ? "Cette instance de Répertoire est en lecture seule : aucun jeton d'écriture n'est configuré (REPERTOIRE_API_TOKEN)."
                                    : "Présentez le jeton d'écriture dans l'en-tête Authorization: Bearer <jeton>.",
                                  english: token == nil
                                    ? "This Répertoire instance is read-only: no write token is configured (REPERTOIRE_API_TOKEN)."
                                    : "Present the write token in the header Authorization: Bearer <token>.")
            problem.headers[.wwwAuthenticate] = "Bearer realm=\"repertoire\""
            throw problem
        }
        guard token != nil else {
            throw Problem(.forbidden, title: "Écriture désactivée",
                          detail: "Cette instance de Répertoire est en lecture seule : aucun jeton d'écriture n'est configuré (REPERTOIRE_API_TOKEN).",
                          english: "This Répertoire instance is read-only: no write token is configured (REPERTOIRE_API_TOKEN).")
        }
        guard isGranted(request) else {
            var problem = Problem(.unauthorized, title: "Jeton invalide",
                                  detail: "Le jeton présenté n'est pas valide.", english: "The token presented is not valid.")
            problem.headers[.wwwAuthenticate] = "Bearer realm=\"repertoire\", error=\"invalid_token\""
            throw problem
        }
    }

    private static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }

    private func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

import Foundation
