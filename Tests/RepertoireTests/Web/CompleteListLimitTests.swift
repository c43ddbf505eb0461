import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("Web: the complete list cannot stall the server")
struct CompleteListLimitTests {
    @Test("the complete list needs a territory; the search page links to it only with one")
    func territoryRequired() async throws {
        try await TestApp.run(profiles: [Fixtures.complete()]) { client in
            for path in ["/liste-complete", "/en/liste-complete", "/liste-complete?q=traiteur"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .badRequest, "\(path)")
                    #expect(response.text.contains(path.hasPrefix("/en") ? "Choose a territory" : "Choisissez un territoire"), "\(path)")
                }
            }
            try await client.execute(uri: "/entreprises", method: .get) { response in
                #expect(!response.text.contains("/liste-complete"))
            }
            try await client.execute(uri: "/entreprises?region=16", method: .get) { response in
                #expect(response.text.contains("/liste-complete?region=16"))
            }
            try await client.execute(uri: "/liste-complete?region=16", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("one complete list at a time per address and four in all; the others are told to retry")
    func gate() async throws {
        // given
        let gate = ConcurrencyGate(perClient: 1, total: 4)
        // when, then
        #expect(gate.enter("a"))
        #expect(!gate.enter("a"))
        #expect(gate.enter("b") && gate.enter("c") && gate.enter("d"))
        #expect(!gate.enter("e"))
        gate.leave("a")
        #expect(gate.enter("e"))
        await #expect(throws: Refusal.self) { try await gate.run(client: "b") { 1 } }
        gate.leave("b")
        #expect(try await gate.run(client: "b") { 2 } == 2)
        #expect(gate.enter("b"))
    }

    @Test("many lists at once from one address: each is built or refused with 429 and Retry-After, never queued")
    func concurrentRequests() async throws {
        try await TestApp.run(demo: true, configure: { $0.trustForwardedFor = true }) { client, _ in
            let statuses = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await client.execute(uri: "/liste-complete?region=16", method: .get, headers: [.xForwardedFor: "203.0.113.50"]) {
                            ($0.status, $0.headers[.retryAfter])
                        }
                    }
                }
                var all: [(HTTPResponse.Status, String?)] = []
                for try await result in group { all.append(result) }
                return all
            }
            #expect(statuses.contains { $0.0 == .ok })
            #expect(statuses.allSatisfy { $0.0 == .ok || ($0.0 == .tooManyRequests && $0.1 == "5") })
        }
    }
}
