import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("Accounts: the client's address behind trusted proxies")
struct ProxyAddressTests {
    /// Five wrong passwords whose forged left-most entries change each time, through `hops` proxies.
    private func forgedAttempts(_ client: any TestClientProtocol, email: String, trusted: [String]) async throws {
        for index in 0..<5 {
            let forwarded = (["10.9.9.\(index)", "198.51.100.\(index)"] + trusted).joined(separator: ", ")
            try await signInRequest(client, email: email, password: "essai \(index)", extra: [.xForwardedFor: forwarded]) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("one proxy: the right-most entry is the client; forged entries to its left neither reset the limit nor lock anyone out")
    func oneHop() async throws {
        try await TestApp.run(configure: { $0.trustForwardedFor = true }) { client, env in
            // given
            let user = try await env.createUser([.buyer], municipality: "58227")
            // when: an attacker at 203.0.113.9 rotates forged entries, one of them the owner's address
            try await forgedAttempts(client, email: user.email, trusted: ["203.0.113.9"])
            // then: the attacker is held back whatever they forge
            try await signInRequest(client, email: user.email, password: TestEnvironment.password,
                                    extra: [.xForwardedFor: "192.0.2.200, 203.0.113.9"]) { response in
                #expect(response.status == .tooManyRequests)
            }
            // and the owner, whose address the attacker forged, is not locked out
            try await signInRequest(client, email: user.email, password: TestEnvironment.password, extra: [.xForwardedFor: "198.51.100.0"]) { response in
                #expect(response.status == .seeOther)
            }
            // and the audit log records the address the proxy saw
            let failures = try await AuditLog(database: env.database).entries(action: "sign-in-failed")
            #expect(failures.count == 5)
            #expect(failures.allSatisfy { $0.client == "203.0.113.9" })
        }
    }

    @Test("two proxies: the entry two places from the right is the client; the inner proxy's own address is not")
    func twoHops() async throws {
        try await TestApp.run(configure: { $0.trustForwardedFor = true; $0.proxyHops = 2 }) { client, env in
            // given
            let user = try await env.createUser([.buyer], municipality: "58227")
            // when
            try await forgedAttempts(client, email: user.email, trusted: ["203.0.113.9", "10.0.0.2"])
            // then
            try await signInRequest(client, email: user.email, password: TestEnvironment.password,
                                    extra: [.xForwardedFor: "192.0.2.1, 203.0.113.9, 10.0.0.2"]) { response in
                #expect(response.status == .tooManyRequests)
            }
            // another client behind the same inner proxy is not held back
            try await signInRequest(client, email: user.email, password: TestEnvironment.password,
                                    extra: [.xForwardedFor: "203.0.113.9, 198.51.100.20, 10.0.0.2"]) { response in
                #expect(response.status == .seeOther)
            }
            let failures = try await AuditLog(database: env.database).entries(action: "sign-in-failed")
            #expect(failures.allSatisfy { $0.client == "203.0.113.9" })
        }
    }

    @Test("the address is read from the right of every X-Forwarded-For line; garbage is never taken for an address")
    func parsing() {
        var headers = HTTPFields()
        headers.append(HTTPField(name: .xForwardedFor, value: "1.1.1.1, 2.2.2.2"))
        headers.append(HTTPField(name: .xForwardedFor, value: "3.3.3.3"))
        #expect(IdentityMiddleware.forwardedClient(headers, hops: 1) == "3.3.3.3")
        #expect(IdentityMiddleware.forwardedClient(headers, hops: 2) == "2.2.2.2")
        #expect(IdentityMiddleware.forwardedClient(headers, hops: 5) == "1.1.1.1")
        #expect(IdentityMiddleware.forwardedClient([.xForwardedFor: "2001:db8::1"], hops: 1) == "2001:db8::1")
        #expect(IdentityMiddleware.forwardedClient([.xForwardedFor: "1.1.1.1, <script>"], hops: 1) == nil)
        #expect(IdentityMiddleware.forwardedClient([:], hops: 1) == nil)
    }

    @Test("REPERTOIRE_PROXY_HOPS is read, defaults to 1, and a wrong value names the setting")
    func setting() throws {
        #expect(try Configuration.resolve(flags: [:], environment: [:]).proxyHops == 1)
        #expect(try Configuration.resolve(flags: [:], environment: ["REPERTOIRE_PROXY_HOPS": "2"]).proxyHops == 2)
        #expect(throws: Configuration.Invalid.self) { try Configuration.resolve(flags: [:], environment: ["REPERTOIRE_PROXY_HOPS": "0"]) }
        #expect(Configuration.environmentVariables.contains { $0.name == "REPERTOIRE_PROXY_HOPS" })
    }
}
