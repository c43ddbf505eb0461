import Foundation
import Hummingbird

/// An RFC 9457 problem detail: what went wrong, in words a person can act on (French first,
/// English alongside), with the fields or parameter concerned.
public struct Problem: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var title: String
    public var detail: String
    public var detailEnglish: String
    /// For bad query parameters: the parameter's name.
    public var parameter: String?
    /// For invalid bodies: every issue with its field path.
    public var errors: [FieldIssue] = []
    public var warnings: [FieldIssue] = []
    /// For conflicts: the version currently stored.
    public var currentVersion: Int?
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, title: String, detail: String, english: String) {
        self.status = status
        self.title = title
        self.detail = detail
        self.detailEnglish = english
    }

    struct Body: Encodable {
        var type = "about:blank"
        var title: String
        var status: Int
        var detail: String
        var detailEnglish: String
        var parameter: String?
        var errors: [FieldIssue]?
        var warnings: [FieldIssue]?
        var currentVersion: Int?
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(title: title, status: Int(status.code), detail: detail, detailEnglish: detailEnglish,
                        parameter: parameter, errors: errors.isEmpty ? nil : errors,
                        warnings: warnings.isEmpty ? nil : warnings, currentVersion: currentVersion)
        var fields = headers
        fields[.contentType] = "application/problem+json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(data: try JSONCoding.encoder.encode(body))))
    }

    /// What a service refused, with the status its kind calls for.
    init(_ refusal: Refusal) {
        let status: HTTPResponse.Status = switch refusal.kind {
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .conflict: .conflict
        case .invalid: .unprocessableContent
        case .gone: .gone
        case .tooMany: .tooManyRequests
        }
        self.init(status, title: refusal.title, detail: refusal.message, english: refusal.english)
        if case .tooMany(let seconds) = refusal.kind { headers[.retryAfter] = String(seconds) }
    }

    static func notFound(_ what: String) -> Problem {
        Problem(.notFound, title: "Introuvable",
                detail: "\(what) est introuvable.", english: "Not found.")
    }
}

/// JSON encoding shared by every API response.
enum JSONCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.string(from: date))
        }
        return encoder
    }()

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(value))))
    }
}
