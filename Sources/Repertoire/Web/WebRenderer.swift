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
        Self.response(try text(model, template: template), status: status, headers: headers)
    }

    /// The page's HTML.
    func text(_ model: Any, template: String) throws -> String {
        #if DEBUG
        try MustacheModelCheck.verify(model)
        #endif
        guard let text = library.render(TemplateNode.wrap(model) as Any, withTemplate: template) else { throw RenderingFailed(template: template) }
        return text
    }

    /// Builds the model and renders it on the background thread (``BackgroundWork``): for pages
    /// of thousands of entries, which must not hold up other visitors' pages.
    func htmlInBackground<Model: Sendable>(template: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:],
                                           _ model: @escaping @Sendable () -> Model) async throws -> Response {
        let library = library
        let text = try await BackgroundWork.run { () throws -> String in
            let built = model()
            #if DEBUG
            try MustacheModelCheck.verify(built)
            #endif
            guard let text = library.render(TemplateNode.wrap(built) as Any, withTemplate: template) else { throw RenderingFailed(template: template) }
            return text
        }
        return Self.response(text, status: status, headers: headers)
    }

    static func response(_ text: String, status: HTTPResponse.Status, headers: HTTPFields) -> Response {
        response(ByteBuffer(string: text), status: status, headers: headers)
    }

    static func response(_ body: ByteBuffer, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        if fields[.cacheControl] == nil { fields[.cacheControl] = "no-cache" }
        return Response(status: status, headers: fields, body: .init(byteBuffer: body))
    }
}
