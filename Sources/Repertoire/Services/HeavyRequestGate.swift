import Synchronization

/// Lets a few CPU-heavy requests (a territory's complete list, an export file) run at once: one
/// per client address and `total` in all. Another one is refused at once with a wait to retry,
/// rather than queued behind the others: a client firing many cannot stall everyone's pages.
final class HeavyRequestGate: Sendable {
    let total: Int
    let perClient: Int
    private let running = Mutex<[String: Int]>([:])
    /// Seconds a refused client is asked to wait.
    static let retryAfter = 5

    init(total: Int = 2, perClient: Int = 1) {
        self.total = total
        self.perClient = perClient
    }

    /// Runs `work` if the client and the server have room for it, or throws a 429 refusal.
    func run<T: Sendable>(client: String, _ work: () async throws -> T) async throws -> T {
        let admitted = running.withLock { running -> Bool in
            guard running.values.reduce(0, +) < total, running[client, default: 0] < perClient else { return false }
            running[client, default: 0] += 1
            return true
        }
        guard admitted else {
            throw Refusal(.tooMany(retryAfter: Self.retryAfter), title: "Trop de demandes à la fois",
                          message: "Une liste complète ou une exportation est déjà en préparation (pour votre adresse ou pour d'autres visiteurs). Réessayez dans \(Self.retryAfter) secondes.",
                          english: "A complete list or an export is already being prepared (for your address or for other visitors). Try again in \(Self.retryAfter) seconds.")
        }
        defer {
            running.withLock { running in
                let left = running[client, default: 1] - 1
                running[client] = left > 0 ? left : nil
            }
        }
        return try await work()
    }

    var inFlight: Int { running.withLock { $0.values.reduce(0, +) } }
}
