#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Repertoire

@Suite("Idle connections")
struct IdleConnectionTests {
    /// Opens a TCP connection to 127.0.0.1:`port`, sends `text`, then waits up to `wait` seconds
    /// for the server: true when it closed the connection without answering.
    static func closedWithoutAnswer(port: Int, sending text: String, wait: Int) -> Bool {
        #if canImport(Glibc)
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return false }
        var timeout = timeval(tv_sec: wait, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = text.withCString { send(socket, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let received = recv(socket, &buffer, buffer.count, 0)
        return received == 0
        #else
        return true
        #endif
    }

    @Test("a connection that never finishes its headers, or stays idle, is closed after the idle timeout")
    func idleAndSlowConnectionsAreClosed() async throws {
        try await TestApp.run(configure: { $0.idleTimeoutSeconds = 1 }, live: true) { client, _ in
            let port = try #require(client.port)
            // A complete request is answered (the test client's own connection is closed in turn
            // once idle, so it goes first).
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            let started = Date()
            // Headers sent in part only: closed after about a second, with no answer.
            #expect(Self.closedWithoutAnswer(port: port, sending: "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", wait: 10))
            #expect(Date().timeIntervalSince(started) < 8)
            // Nothing sent at all: closed the same way.
            #expect(Self.closedWithoutAnswer(port: port, sending: "", wait: 10))
        }
    }
}
