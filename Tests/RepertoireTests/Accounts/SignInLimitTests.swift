import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

/// Posts the sign-in form from `address` (trusted proxy), with a fresh visitor form.
private func postSignIn(_ client: any TestClientProtocol, form: (cookie: String, token: String), email: String, password: String,
                        address: String) async throws -> HTTPResponse.Status {
    let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: "\(CSRF.cookie)=\(form.cookie)", .xForwardedFor: address]
    return try await client.execute(uri: "/connexion", method: .post, headers: headers,
                                    body: TestEnvironment.encode([("email", email), ("password", password), ("_csrf", form.token)])) { $0.status }
}

/// Posts the sign-in form `count` times at once; the attempt at `rightAt` carries the right password.
private func concurrentSignIns(_ client: any TestClientProtocol, count: Int, rightAt: Int?, email: String,
                               address: String) async throws -> [(right: Bool, status: HTTPResponse.Status)] {
    let form = try await visitorForm(client)
    return try await withThrowingTaskGroup(of: (Bool, HTTPResponse.Status).self) { group in
        for index in 0..<count {
            let right = index == rightAt
            group.addTask {
                (right, try await postSignIn(client, form: form, email: email, password: right ? TestEnvironment.password : "essai \(index)", address: address))
            }
        }
        var results: [(right: Bool, status: HTTPResponse.Status)] = []
        for try await result in group { results.append(result) }
        return results
    }
}

@Suite("Accounts: sign-in limits hold under concurrency")
struct SignInLimitTests {
    @Test("40 concurrent wrong passwords and the right one: at most 5 are evaluated, and once the limit is reached the right one is refused unseen",
          arguments: TestDatabases.kinds)
    func concurrentAttempts(kind: TestDatabases.Kind) async throws {
        try await TestApp.run(kind, configure: { $0.trustForwardedFor = true }) { client, env in
            // given
            let user = try await env.createUser([.buyer], municipality: "58227")
            // when: 40 wrong passwords and the right one, all at once
            let first = try await concurrentSignIns(client, count: 41, rightAt: 20, email: user.email, address: "203.0.113.9")
            // then: at most 5 wrong passwords were checked; every other attempt waits
            let wrong = first.filter { !$0.right }
            #expect(wrong.filter { $0.status == .unauthorized }.count <= 5)
            #expect(wrong.allSatisfy { $0.status == .unauthorized || $0.status == .tooManyRequests })
            #expect(first.filter(\.right).allSatisfy { $0.status == .seeOther || $0.status == .tooManyRequests })
            // when: the limit is reached, 20 more wrong ones and the right one hidden among them
            let second = try await concurrentSignIns(client, count: 21, rightAt: 7, email: user.email, address: "203.0.113.9")
            // then: none is evaluated, the right one included
            #expect(second.allSatisfy { $0.status == .tooManyRequests })
            let failures = try await AuditLog(database: env.database).entries(action: "sign-in-failed")
            #expect(failures.count <= 5)
            // The owner, from elsewhere, still signs in.
            let owner = try await visitorForm(client)
            #expect(try await postSignIn(client, form: owner, email: user.email, password: TestEnvironment.password, address: "198.51.100.7") == .seeOther)
        }
    }

    @Test("password-reset requests never count as sign-in failures, and sign-in failures never drop a reset link", arguments: TestDatabases.kinds)
    func resetsApart(kind: TestDatabases.Kind) async throws {
        try await TestApp.run(kind, configure: { $0.trustForwardedFor = true }) { client, env in
            // given
            let owner = try await env.createUser([.buyer], municipality: "58227")
            let address = "192.0.2.44"
            // when: 30 reset requests from the owner's address
            for _ in 0..<30 {
                let form = try await visitorForm(client, path: "/mot-de-passe-oublie")
                try await client.execute(uri: "/mot-de-passe-oublie", method: .post,
                                         headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(CSRF.cookie)=\(form.cookie)", .xForwardedFor: address],
                                         body: TestEnvironment.encode([("email", owner.email), ("_csrf", form.token)])) { response in
                    #expect(response.status == .ok)
                }
            }
            // then: the right password still opens a session from that address
            let form = try await visitorForm(client)
            #expect(try await postSignIn(client, form: form, email: owner.email, password: TestEnvironment.password, address: address) == .seeOther)

            // given: another address that has used up its sign-in attempts on other accounts
            let other = "192.0.2.45"
            for index in 0..<30 {
                #expect(try await postSignIn(client, form: form, email: "personne\(index / 5)@exemple.qc.ca", password: "faux", address: other) == .unauthorized)
            }
            #expect(try await postSignIn(client, form: form, email: "encore@exemple.qc.ca", password: "faux", address: other) == .tooManyRequests)
            // when: the owner asks for a link from it
            let before = env.mail.sent.filter { $0.to == owner.email }.count
            let reset = try await visitorForm(client, path: "/mot-de-passe-oublie")
            try await client.execute(uri: "/mot-de-passe-oublie", method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(CSRF.cookie)=\(reset.cookie)", .xForwardedFor: other],
                                     body: TestEnvironment.encode([("email", owner.email), ("_csrf", reset.token)])) { response in
                #expect(response.status == .ok)
            }
            // then: the link is sent
            #expect(env.mail.sent.filter { $0.to == owner.email }.count == before + 1)
        }
    }
}
