import Foundation
import Hummingbird

/// A submitted `multipart/form-data` form: text fields and uploaded files, read whole into
/// memory up to a size limit (an import file of a few megabytes).
struct MultipartForm: Sendable {
    struct File: Sendable {
        var field: String
        var fileName: String
        var contentType: String
        var data: [UInt8]
    }

    var fields: [(String, String)] = []
    var files: [File] = []

    subscript(_ name: String) -> String {
        (fields.first { $0.0 == name }?.1 ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func file(_ name: String) -> File? { files.first { $0.field == name } }

    /// A form the user sent wrong: answered 400 or 413 with a French explanation.
    static func problem(_ status: HTTPResponse.Status = .badRequest, _ detail: String, _ english: String) -> Problem {
        Problem(status, title: "Envoi de fichier refusé", detail: detail, english: english)
    }

    static func parse(_ request: Request, maximumSize: Int) async throws -> MultipartForm {
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("multipart/form-data"), let boundary = boundary(in: type) else {
            throw problem(.unsupportedMediaType, "Cette adresse attend un formulaire d'envoi de fichier (multipart/form-data).",
                          "This address expects a file upload form (multipart/form-data).")
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maximumSize)
        } catch {
            throw problem(.contentTooLarge, "Le fichier est trop volumineux : \(maximumSize / 1_000_000) Mo au plus. Divisez-le en plusieurs fichiers.",
                          "The file is too large: at most \(maximumSize / 1_000_000) MB.")
        }
        return try parse(Array(buffer.readableBytesView), boundary: boundary)
    }

    /// `multipart/form-data; boundary=----x` → `----x` (quotes removed).
    static func boundary(in contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return (1...70).contains(value.count) ? value : nil
            }
        }
        return nil
    }

    static func parse(_ body: [UInt8], boundary: String) throws -> MultipartForm {
        let malformed = problem(.badRequest, "Le formulaire envoyé est incomplet ou mal formé : rechargez la page et recommencez.",
                                "The form sent is incomplete or malformed: reload the page and try again.")
        let delimiter = Array(("--" + boundary).utf8)
        var form = MultipartForm()
        guard var position = find(delimiter, in: body, from: 0) else { throw malformed }
        position += delimiter.count
        while true {
            // After a delimiter: `--` ends the form, CRLF starts a part.
            guard position + 2 <= body.count else { throw malformed }
            if body[position] == 0x2D && body[position + 1] == 0x2D { break }
            guard body[position] == 0x0D && body[position + 1] == 0x0A else { throw malformed }
            position += 2
            guard let headerEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: position) else { throw malformed }
            let headers = String(decoding: body[position..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = find([0x0D, 0x0A] + delimiter, in: body, from: contentStart) else { throw malformed }
            let content = Array(body[contentStart..<next])
            position = next + 2 + delimiter.count
            guard let disposition = headerValue("content-disposition", in: headers),
                  let name = parameter("name", in: disposition) else { continue }
            if let fileName = parameter("filename", in: disposition) {
                form.files.append(File(field: name, fileName: fileName, contentType: headerValue("content-type", in: headers) ?? "",
                                       data: content))
            } else {
                form.fields.append((name, String(decoding: content, as: UTF8.self)))
            }
            guard form.fields.count + form.files.count <= 200 else { throw malformed }
        }
        return form
    }

    static func headerValue(_ name: String, in headers: String) -> String? {
        for line in headers.split(whereSeparator: \.isNewline) {
            let pair = line.split(separator: ":", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name {
                return pair[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// `form-data; name="fichier"; filename="liste.csv"` → the value of `name` or `filename`.
    static func parameter(_ key: String, in disposition: String) -> String? {
        for part in disposition.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            var value = pair[1]
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.replacingOccurrences(of: "%22", with: "\"")
        }
        return nil
    }

    /// The first index of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        return haystack.withUnsafeBufferPointer { hay in
            while index <= last {
                if hay[index] == first {
                    var match = true
                    for offset in 1..<needle.count where hay[index + offset] != needle[offset] {
                        match = false
                        break
                    }
                    if match { return index }
                }
                index += 1
            }
            return nil
        }
    }
}
