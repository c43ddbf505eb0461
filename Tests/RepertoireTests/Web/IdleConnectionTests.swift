import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import Testing
@testable import Repertoire

@Suite("Web: idle and slow connections are closed")
struct IdleConnectionTests {
    /// Opens a raw TCP connection, sends `bytes`, and returns how long the server took to close
    /// it, or nil if it was still open after `limit` seconds.
    private func secondsUntilClosed(port: Int, sending bytes: String, limit: Double) async throws -> Double? {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port).get()
        let start = ContinuousClock.now
        try await channel.writeAndFlush(ByteBuffer(string: bytes)).get()
        let closed = channel.closeFuture
        do {
            try await withTimeout(seconds: limit) { try await closed.get() }
            let elapsed = ContinuousClock.now - start
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        } catch is TimeoutError {
            try? await channel.close().get()
            return nil
        }
    }

    @Test("a connection whose headers trickle in, and a kept-alive one left idle, are closed after the idle timeout")
    func idleTimeout() async throws {
        try await TestDatabases.withFreshLocation(.sqliteMemory) { location in
            // given: a server that closes connections idle for one second
            var configuration = Configuration()
            configuration.database = location
            configuration.demoData = .never
            configuration.port = 0
            configuration.idleTimeoutSeconds = 1
            let database = try await Database.open(location, logger: TestDatabases.logger)
            try await Migrator.migrate(database, logger: TestDatabases.logger)
            let app = try await buildApplication(configuration, database: database, logger: TestDatabases.logger, mail: MemoryMailQueue())
            try await app.test(.live) { client in
                let port = try #require(client.port)
                // when: half a request's headers, then nothing
                let slow = try await secondsUntilClosed(port: port, sending: "GET / HTTP/1.1\r\nHost: repertoire\r\nX-Lent: ", limit: 6)
                // then
                #expect(slow != nil && slow! < 5)
                // when: a whole request answered, then nothing on the kept-alive connection
                let idle = try await secondsUntilClosed(port: port, sending: "GET /healthz HTTP/1.1\r\nHost: repertoire\r\n\r\n", limit: 6)
                #expect(idle != nil && idle! < 5)
            }
            await database.close()
        }
    }
}
