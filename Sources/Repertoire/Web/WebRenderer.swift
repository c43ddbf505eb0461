import Foundation
import Hummingbird
import Mustache

/// Renders page models with the Mustache templates of `Resources/Templates`.
struct WebRenderer: Sendable {
    let library: MustacheLibrary

    init() async throws {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil, subdirectory: "Resources") else {
            throw StaticAssets.MissingAsset(name: "../Templates")
        }
        HTMLEscaping.register()
        library = try await MustacheLibrary(directory: directory.path)
    }

    struct RenderingFailed: Error, CustomStringConvertible {
        var template: String
        var description: String { "template \(template) could not be rendered" }
    }

    func html(_ model: Any, template: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        #if DEBUG
        try MustacheModelCheck.verify(model)
        #endif
        guard let text = library.render(model, withTemplate: template) else { throw RenderingFailed(template: template) }
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        if fields[.cacheControl] == nil { fields[.cacheControl] = "no-cache" }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
