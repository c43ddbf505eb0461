import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Repertoire

@Suite("Web: compression keeps caches right")
struct CompressionTests {
    @Test("a gzipped answer says Vary: Accept-Encoding once and carries a weak ETag, which revalidates to 304")
    func staticAsset() async throws {
        try await TestApp.run { client in
            // when
            let etag = try await client.execute(uri: "/static/site.css", method: .get, headers: [.acceptEncoding: "gzip"]) { response in
                // then
                #expect(response.status == .ok)
                #expect(response.headers[.contentEncoding] == "gzip")
                #expect(response.headers[values: .vary] == ["Accept-Encoding"])
                #expect(response.headers[.eTag]?.hasPrefix("W/\"") == true)
                return response.headers[.eTag] ?? ""
            }
            try await client.execute(uri: "/static/site.css", method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.headers[.eTag] == etag)
            }
            // A client without gzip gets the strong validator, and still the Vary a shared cache needs.
            try await client.execute(uri: "/static/site.css", method: .get) { response in
                #expect(response.headers[.contentEncoding] == nil)
                #expect(response.headers[.eTag]?.hasPrefix("\"") == true)
                #expect(response.headers[values: .vary] == ["Accept-Encoding"])
            }
            // A page too.
            try await client.execute(uri: "/a-propos", method: .get, headers: [.acceptEncoding: "gzip, br"]) { response in
                #expect(response.headers[values: .vary].joined(separator: ",").components(separatedBy: "Accept-Encoding").count == 2)
            }
        }
    }

    @Test("the Vary a handler set is kept, and Accept-Encoding is never listed twice")
    func existingVary() async throws {
        // given: handlers that already vary
        let router = Router()
        router.add(middleware: CompressionMiddleware<BasicRequestContext>())
        let body = String(repeating: "Répertoire des entreprises d'économie sociale. ", count: 100)
        router.get("cookie") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html", .vary: "Cookie", .eTag: "\"v1\""], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("both") { _, _ in
            var headers: HTTPFields = [.contentType: "text/html", .eTag: "W/\"v2\""]
            headers.append(HTTPField(name: .vary, value: "Cookie"))
            headers.append(HTTPField(name: .vary, value: "accept-encoding"))
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        try await Application(router: router).test(.router) { client in
            // when, then
            try await client.execute(uri: "/cookie", method: .get, headers: [.acceptEncoding: "gzip"]) { response in
                #expect(response.headers[.contentEncoding] == "gzip")
                #expect(response.headers[values: .vary] == ["Cookie, Accept-Encoding"])
                #expect(response.headers[.eTag] == "W/\"v1\"")
            }
            try await client.execute(uri: "/both", method: .get, headers: [.acceptEncoding: "gzip"]) { response in
                let listed = response.headers[values: .vary].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                #expect(listed.sorted() == ["accept-encoding", "cookie"])
                #expect(response.headers[.eTag] == "W/\"v2\"")
            }
        }
    }
}
