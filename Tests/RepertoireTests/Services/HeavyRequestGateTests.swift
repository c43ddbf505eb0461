import Testing
@testable import Repertoire

@Suite("Heavy requests, a few at a time")
struct HeavyRequestGateTests {
    @Test("one at a time per client, two in all; a refused one is told when to retry; a finished one frees its place")
    func admitsAndRefuses() async throws {
        let gate = HeavyRequestGate(total: 2, perClient: 1)
        let (held, release) = AsyncStream<Void>.makeStream()
        let (started, didStart) = AsyncStream<Void>.makeStream()
        let first = Task {
            try await gate.run(client: "a") {
                didStart.yield()
                for await _ in held { break }
                return 1
            }
        }
        for await _ in started { break }
        #expect(gate.inFlight == 1)
        await #expect(throws: Refusal.self) { try await gate.run(client: "a") { 2 } }
        do {
            _ = try await gate.run(client: "a") { 2 }
        } catch let refusal as Refusal {
            #expect(refusal.kind == .tooMany(retryAfter: HeavyRequestGate.retryAfter))
            #expect(refusal.message.contains("Réessayez dans 5 secondes"))
        }
        // Another client gets the second place; a third client finds none.
        let second = try await gate.run(client: "b") { () async throws -> Int in
            await #expect(throws: Refusal.self) { try await gate.run(client: "c") { 0 } }
            return 3
        }
        #expect(second == 3)
        release.yield()
        #expect(try await first.value == 1)
        #expect(gate.inFlight == 0)
        #expect(try await gate.run(client: "a") { 4 } == 4)
    }

    @Test("a failing request frees its place too")
    func failureFrees() async throws {
        struct Boom: Error {}
        let gate = HeavyRequestGate(total: 1, perClient: 1)
        await #expect(throws: Boom.self) { try await gate.run(client: "a") { () async throws -> Int in throw Boom() } }
        #expect(gate.inFlight == 0)
    }
}
