import CompressNIO
import Hummingbird
import NIOCore

/// Gzips text responses (pages, JSON, CSS, CSV) for clients that accept it. Small bodies are
/// left alone: compressing them costs more than it saves.
struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    static var minimumSize: Int { 1_024 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard Self.acceptsGzip(request.headers[.acceptEncoding]),
              response.headers[.contentEncoding] == nil,
              let type = response.headers[.contentType], Self.isCompressible(type)
        else { return response }
        var collected = ByteBuffer()
        let body = response.body
        // Bodies here are built in memory (pages, JSON, CSV), so collecting them is cheap.
        let writer = CollectingWriter()
        try await body.write(writer)
        collected = await writer.buffer
        guard collected.readableBytes >= Self.minimumSize else {
            response.body = .init(byteBuffer: collected)
            return response
        }
        let compressed = try collected.compress(with: .gzip())
        response.headers[.contentEncoding] = "gzip"
        response.headers[.vary] = "Accept-Encoding"
        response.headers[.contentLength] = nil
        response.body = .init(byteBuffer: compressed)
        return response
    }

    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { part in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.first?.lowercased() == "gzip" else { return false }
            return !pieces.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "") == "q=0" }
        }
    }

    static func isCompressible(_ contentType: String) -> Bool {
        let type = contentType.lowercased()
        return type.hasPrefix("text/") || type.contains("json") || type.contains("xml") || type.contains("javascript") || type.hasPrefix("image/svg")
    }
}

/// Gathers a response body into one buffer.
actor CollectingWriter: ResponseBodyWriter {
    var buffer = ByteBuffer()

    func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        self.buffer.writeBuffer(&buffer)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

import Foundation
