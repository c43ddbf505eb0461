import Foundation
import Hummingbird
import MultipartKit

/// A submitted `multipart/form-data` form: text fields and uploaded files, up to a size limit
/// (an import file of a few megabytes). The body is fed to multipart-kit's streaming parser as
/// it arrives, so the upload is held once, in its parts; only the `Content-Disposition`
/// parameters are read here, because multipart-kit's own reading of them splits a quoted file
/// name at a `;` or an `=`.
struct MultipartForm: Sendable {
    struct File: Sendable {
        var field: String
        var fileName: String
        var contentType: String
        var data: [UInt8]
    }

    var fields: [(String, String)] = []
    var files: [File] = []

    /// More parts than any form of the app has: a body made of thousands of tiny parts is refused.
    static let maximumParts = 200

    subscript(_ name: String) -> String {
        (fields.first { $0.0 == name }?.1 ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func file(_ name: String) -> File? { files.first { $0.field == name } }

    /// A form the user sent wrong: answered 400 or 413 with a French explanation.
    static func problem(_ status: HTTPResponse.Status = .badRequest, _ detail: String, _ english: String) -> Problem {
        Problem(status, title: "Envoi de fichier refusé", detail: detail, english: english)
    }

    static let malformed = problem(.badRequest, "Le formulaire envoyé est incomplet ou mal formé : rechargez la page et recommencez.",
                                   "The form sent is incomplete or malformed: reload the page and try again.")

    static func parse(_ request: Request, maximumSize: Int) async throws -> MultipartForm {
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("multipart/form-data"), let boundary = boundary(in: type) else {
            throw problem(.unsupportedMediaType, "Cette adresse attend un formulaire d'envoi de fichier (multipart/form-data).",
                          "This address expects a file upload form (multipart/form-data).")
        }
        let reader = PartReader(boundary: boundary)
        var size = 0
        for try await chunk in request.body {
            size += chunk.readableBytes
            guard size <= maximumSize else {
                throw problem(.contentTooLarge, "Le fichier est trop volumineux : \(maximumSize / 1_000_000) Mo au plus. Divisez-le en plusieurs fichiers.",
                              "The file is too large: at most \(maximumSize / 1_000_000) MB.")
            }
            try reader.read(chunk)
        }
        return try reader.finish()
    }

    /// A whole body at once (tests, small forms).
    static func parse(_ body: [UInt8], boundary: String) throws -> MultipartForm {
        let reader = PartReader(boundary: boundary)
        try reader.read(ByteBuffer(bytes: body))
        return try reader.finish()
    }

    /// `multipart/form-data; boundary=----x` → `----x` (quotes removed).
    static func boundary(in contentType: String) -> String? {
        guard let value = HeaderParameters.value(of: "boundary", in: contentType) else { return nil }
        return (1...70).contains(value.count) ? value : nil
    }

    /// Collects the parser's callbacks into parts. Used by one request at a time.
    private final class PartReader {
        let parser: MultipartParser
        var form = MultipartForm()
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        var failure: Problem?

        init(boundary: String) {
            parser = MultipartParser(boundary: boundary)
            parser.onHeader = { [unowned self] name, value in headers.append((name, value)) }
            parser.onBody = { [unowned self] buffer in body.append(contentsOf: buffer.readableBytesView) }
            parser.onPartComplete = { [unowned self] in complete() }
        }

        func read(_ chunk: ByteBuffer) throws {
            do {
                try parser.execute(chunk)
            } catch {
                throw MultipartForm.malformed
            }
            if let failure { throw failure }
        }

        func complete() {
            defer { headers = []; body = [] }
            guard form.fields.count + form.files.count < MultipartForm.maximumParts else {
                failure = MultipartForm.malformed
                return
            }
            guard let disposition = headers.first(where: { $0.0.lowercased() == "content-disposition" })?.1,
                  let name = HeaderParameters.value(of: "name", in: disposition) else { return }
            if let fileName = HeaderParameters.value(of: "filename", in: disposition) {
                let type = headers.first { $0.0.lowercased() == "content-type" }?.1 ?? ""
                form.files.append(File(field: name, fileName: fileName, contentType: type, data: body))
            } else {
                form.fields.append((name, String(decoding: body, as: UTF8.self)))
            }
        }

        /// The form, unless the body stopped inside a part or held none.
        func finish() throws -> MultipartForm {
            guard headers.isEmpty, body.isEmpty, !(form.fields.isEmpty && form.files.isEmpty) else { throw MultipartForm.malformed }
            return form
        }
    }
}

/// Parameters of a header value (`form-data; name="fichier"; filename="a;b=c.csv"`), read as
/// RFC 7578 and RFC 6266 write them: a quoted value runs to its closing quote, `\"` escapes a
/// quote, and browsers write a quote in a file name as `%22`.
enum HeaderParameters {
    static func value(of key: String, in header: String) -> String? {
        var scalars = Substring(header).unicodeScalars[...]
        // Skip the value before the first parameter (`form-data`, `multipart/form-data`).
        guard let first = scalars.firstIndex(of: ";") else { return nil }
        scalars = scalars[scalars.index(after: first)...]
        while !scalars.isEmpty {
            while let c = scalars.first, c == " " || c == "\t" { scalars.removeFirst() }
            var name = ""
            while let c = scalars.first, c != "=", c != ";" { name.unicodeScalars.append(c); scalars.removeFirst() }
            var value = ""
            if scalars.first == "=" {
                scalars.removeFirst()
                if scalars.first == "\"" {
                    scalars.removeFirst()
                    while let c = scalars.first {
                        scalars.removeFirst()
                        if c == "\"" { break }
                        if c == "\\", let escaped = scalars.first {
                            value.unicodeScalars.append(escaped)
                            scalars.removeFirst()
                        } else {
                            value.unicodeScalars.append(c)
                        }
                    }
                    while let c = scalars.first, c != ";" { _ = c; scalars.removeFirst() }
                } else {
                    while let c = scalars.first, c != ";" { value.unicodeScalars.append(c); scalars.removeFirst() }
                    value = value.trimmingCharacters(in: .whitespaces)
                }
            }
            if scalars.first == ";" { scalars.removeFirst() }
            if name.trimmingCharacters(in: .whitespaces).lowercased() == key {
                return value.replacingOccurrences(of: "%22", with: "\"")
            }
        }
        return nil
    }
}
