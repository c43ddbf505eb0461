import CompressNIO
import Hummingbird
import NIOCore

/// Gzips text responses (pages, JSON, CSS, CSV) for clients that accept it. Small bodies are
/// left alone: compressing them costs more than it saves. Every compressible answer says
/// `Vary: Accept-Encoding` (added to what the handler said, once), so that a shared cache never
/// hands a gzipped body to a client that did not ask for one; a gzipped answer's ETag becomes
/// weak, since its bytes are not those the strong validator named.
struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    static var minimumSize: Int { 1_024 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        let acceptsGzip = Self.acceptsGzip(request.headers[.acceptEncoding])
        if response.status == .notModified {
            // The answer it stands for may have been gzipped: the same (weak) validator.
            if acceptsGzip { Self.weakenETag(&response.headers) }
            return response
        }
        guard response.headers[.contentEncoding] == nil, let type = response.headers[.contentType], Self.isCompressible(type) else { return response }
        Self.addVary("Accept-Encoding", to: &response.headers)
        guard acceptsGzip else { return response }
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
        response.headers[.contentLength] = nil
        Self.weakenETag(&response.headers)
        response.body = .init(byteBuffer: compressed)
        return response
    }

    /// Adds `name` to the response's `Vary` unless it (or `*`) is already there, keeping the
    /// values the handler set, on however many lines.
    static func addVary(_ name: String, to headers: inout HTTPFields) {
        let existing = headers[values: .vary].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !existing.contains(where: { $0 == "*" || $0.caseInsensitiveCompare(name) == .orderedSame }) else { return }
        headers[.vary] = (existing + [name]).joined(separator: ", ")
    }

    /// `"abc"` becomes `W/"abc"`; a weak ETag stays as it is.
    static func weakenETag(_ headers: inout HTTPFields) {
        guard let etag = headers[.eTag], etag.hasPrefix("\"") else { return }
        headers[.eTag] = "W/" + etag
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
