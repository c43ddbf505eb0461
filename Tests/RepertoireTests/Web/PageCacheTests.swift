import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing
@testable import Repertoire

@Suite("Shared pages kept between writes")
struct PageCacheTests {
    /// Counts the renders `page` asks for.
    final class Renders: Sendable {
        let count = Atomic<Int>(0)
        func render(_ text: String) -> String {
            count.add(1, ordering: .relaxed)
            return text
        }
        var value: Int { count.load(ordering: .relaxed) }
    }

    @Test("one render per address and state of the directory")
    func keptUntilTheNextWrite() {
        let cache = PageCache()
        let renders = Renders()
        #expect(String(buffer: cache.page("fr /entreprises?q=a", sequence: 1) { renders.render("A1") }) == "A1")
        #expect(String(buffer: cache.page("fr /entreprises?q=a", sequence: 1) { renders.render("A1 again") }) == "A1")
        #expect(String(buffer: cache.page("fr /entreprises?q=b", sequence: 1) { renders.render("B1") }) == "B1")
        #expect(renders.value == 2)
        // a write was followed: the next visit renders again
        #expect(String(buffer: cache.page("fr /entreprises?q=a", sequence: 2) { renders.render("A2") }) == "A2")
        #expect(String(buffer: cache.page("fr /entreprises?q=a", sequence: 2) { renders.render("A2 again") }) == "A2")
        #expect(renders.value == 3)
        #expect(cache.statistics.hits == 2)
    }

    @Test("an entry older than its lifetime is rendered again")
    func lifetime() async throws {
        let cache = PageCache(.init(lifetime: .milliseconds(50)))
        let renders = Renders()
        _ = cache.page("k", sequence: 1) { renders.render("old") }
        try await Task.sleep(for: .milliseconds(80))
        #expect(String(buffer: cache.page("k", sequence: 1) { renders.render("new") }) == "new")
        #expect(renders.value == 2)
    }

    @Test("bounded in entries and bytes: the least recently used go first")
    func bounded() {
        let cache = PageCache(.init(maxBytes: 8_000, maxEntries: 8))
        let renders = Renders()
        for i in 0..<8 { _ = cache.page("p\(i)", sequence: 1) { renders.render(String(repeating: "x", count: 100)) } }
        _ = cache.page("p0", sequence: 1) { renders.render("never") }  // p0 is now the most recent
        _ = cache.page("p8", sequence: 1) { renders.render("y") }      // over 8 entries: the oldest quarter goes
        #expect(cache.statistics.entries <= 8)
        #expect(String(buffer: cache.page("p0", sequence: 1) { renders.render("evicted") }) == String(repeating: "x", count: 100))
        #expect(String(buffer: cache.page("p1", sequence: 1) { renders.render("p1 again") }) == "p1 again")
        // a page over an eighth of the bytes is served but not kept
        let big = String(repeating: "z", count: 1_500)
        _ = cache.page("big", sequence: 1) { renders.render(big) }
        #expect(String(buffer: cache.page("big", sequence: 1) { renders.render("big again") }) == "big again")
        for i in 0..<40 { _ = cache.page("q\(i)", sequence: 1) { renders.render(String(repeating: "w", count: 900)) } }
        #expect(cache.statistics.bytes <= 8_000)
    }

    @Test("results, sector, region and home pages show a write at once, in both languages, with the same key whatever the parameter order")
    func pagesFollowWrites() async throws {
        try await TestApp.run(profiles: [Fixtures.minimal("Traiteur Les Saveurs", municipality: "58227", sector: "agroalimentaire-restauration")]) { client in
            let pages = ["/entreprises?q=traiteur&tri=nom", "/entreprises?tri=nom&q=traiteur", "/en/entreprises?q=traiteur&tri=nom",
                         "/secteurs/agroalimentaire-restauration", "/regions/monteregie", "/"]
            for page in pages {
                try await client.execute(uri: page, method: .get) { response in
                    #expect(response.status == .ok, "\(page)")
                    #expect(!response.text.contains("du Relais"), "\(page)")
                }
            }
            let body = """
                {"name": "Traiteur du Relais", "legalForm": "cooperative-travail", "municipalityCode": "58227",
                 "sectors": ["agroalimentaire-restauration"]}
                """
            try await client.execute(uri: "/api/v1/enterprises", method: .post, headers: EnterpriseWriteAPITests.auth, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created)
            }
            for page in pages {
                try await client.execute(uri: page, method: .get) { response in
                    #expect(response.text.contains("du Relais"), "\(page) shows the new enterprise")
                }
            }
        }
    }
}

extension PageCacheTests {
    @Test("with no memory for it, every page is rendered for its request")
    func disabled() {
        let cache = PageCache(.init(maxBytes: 0))
        let renders = Renders()
        _ = cache.page("k", sequence: 1) { renders.render("a") }
        #expect(String(buffer: cache.page("k", sequence: 1) { renders.render("b") }) == "b")
        #expect(renders.value == 2 && cache.statistics.entries == 0)
    }
}

extension PageCacheTests {
    @Test("a signed-in person's page is rendered for them and never served to a visitor", arguments: ["/entreprises?q=traiteur", "/", "/regions/monteregie"])
    func signedInNeverKept(page: String) async throws {
        try await TestApp.run(profiles: [Fixtures.minimal("Traiteur Les Saveurs", municipality: "58227", sector: "agroalimentaire-restauration")]) { client, env in
            let buyer = try await env.signedIn([.buyer], municipality: "58227")
            try await client.execute(uri: page, method: .get) { response in
                #expect(!response.text.contains("Se déconnecter"), "\(page): a visitor's page")
            }
            try await client.execute(uri: page, method: .get, headers: buyer.headers) { response in
                #expect(response.text.contains("Se déconnecter"), "\(page): the signed-in page, not the visitor's kept one")
            }
            try await client.execute(uri: page, method: .get) { response in
                #expect(!response.text.contains("Se déconnecter"), "\(page): the signed-in page was not kept for visitors")
            }
        }
    }
}
