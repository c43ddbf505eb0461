import Foundation
import Hummingbird

/// Serves the OpenAPI 3.1 document describing this API (`Resources/openapi.json`).
struct OpenAPIController: Sendable {
    let document: ByteBuffer

    init() throws {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources") else {
            throw OpenAPIDocumentMissing()
        }
        document = ByteBuffer(data: try Data(contentsOf: url))
    }

    struct OpenAPIDocumentMissing: Error, CustomStringConvertible {
        var description: String { "Resources/openapi.json is missing from the app bundle" }
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("openapi.json", use: serve)
    }

    @Sendable func serve(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=300"],
                 body: .init(byteBuffer: document))
    }
}
