import Foundation
import Synchronization

/// Caps how many heavy requests (a territory's complete list, a large export) run at once: per
/// client address and in all, on this instance. A request over either cap is refused at once
/// with a time to retry, instead of queueing: a client that fires many at once cannot make the
/// server slow for everyone else.
final class ConcurrencyGate: Sendable {
    let perClient: Int
    let total: Int
    private struct State {
        var total = 0
        var byClient: [String: Int] = [:]
    }
    private let state = Mutex(State())

    init(perClient: Int, total: Int) {
        precondition(perClient > 0 && total >= perClient)
        self.perClient = perClient
        self.total = total
    }

    static let busy = Refusal(.tooMany(retryAfter: 5), title: "Serveur occupé",
                              message: "Cette liste ou exportation demande beaucoup de travail au serveur et vous en avez déjà une en préparation (ou le serveur en prépare beaucoup) : réessayez dans quelques secondes.",
                              english: "This list or export takes the server a lot of work and one of yours is already being prepared (or the server is preparing many): try again in a few seconds.")

    /// Runs `body` when a place is free for `client`; otherwise throws ``busy`` (HTTP 429 with `Retry-After`).
    func run<T: Sendable>(client: String, _ body: () async throws -> T) async throws -> T {
        guard enter(client) else { throw Self.busy }
        defer { leave(client) }
        return try await body()
    }

    func enter(_ client: String) -> Bool {
        state.withLock { state in
            let mine = state.byClient[client, default: 0]
            guard state.total < total, mine < perClient else { return false }
            state.total += 1
            state.byClient[client] = mine + 1
            return true
        }
    }

    func leave(_ client: String) {
        state.withLock { state in
            state.total -= 1
            let mine = state.byClient[client, default: 1] - 1
            state.byClient[client] = mine > 0 ? mine : nil
        }
    }
}
