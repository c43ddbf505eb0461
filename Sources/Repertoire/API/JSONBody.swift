import Foundation
import Hummingbird

/// Reads a JSON request body, explaining precisely what is wrong with a malformed one.
enum JSONBody {
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        if let contentType = request.headers[.contentType], !contentType.lowercased().contains("json") {
            throw Problem(.unsupportedMediaType, title: "Type de contenu non pris en charge",
                          detail: "Envoyez du JSON (Content-Type: application/json), pas « \(contentType) ».",
                          english: "Send JSON (Content-Type: application/json), not '\(contentType)'.")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let bytes = Array(buffer.readableBytesView)
        guard !bytes.isEmpty else {
            throw Problem(.badRequest, title: "Corps vide", detail: "Le corps de la requête est vide : un objet JSON est attendu.",
                          english: "The request body is empty: a JSON object is expected.")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw Problem(.badRequest, title: "Encodage invalide",
                          detail: "Le corps de la requête n'est pas du texte UTF-8 valide.",
                          english: "The request body is not valid UTF-8 text.")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw problem(for: error)
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    static func problem(for error: DecodingError) -> Problem {
        let field: String
        let message: String
        let english: String
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            field = path(context.codingPath)
            let (fr, en) = describe(type)
            message = "Champ « \(field) » : \(fr) attendu."
            english = "Field '\(field)': \(en) expected."
        case .keyNotFound(let key, let context):
            field = path(context.codingPath + [key])
            message = "Champ obligatoire manquant : « \(field) »."
            english = "Missing required field '\(field)'."
        case .dataCorrupted(let context):
            field = path(context.codingPath)
            if field.isEmpty {
                message = "Le corps de la requête n'est pas du JSON valide."
                english = "The request body is not valid JSON."
            } else {
                message = "Champ « \(field) » : valeur invalide."
                english = "Field '\(field)': invalid value."
            }
        @unknown default:
            field = ""
            message = "Le corps de la requête n'est pas du JSON valide."
            english = "The request body is not valid JSON."
        }
        var problem = Problem(.badRequest, title: "JSON invalide", detail: message, english: english)
        if !field.isEmpty {
            problem.errors = [FieldIssue(field: field, code: "json", message: message, english: english)]
        }
        return problem
    }

    private static func describe(_ type: Any.Type) -> (String, String) {
        switch type {
        case is String.Type, is String?.Type: ("du texte", "a string")
        case is Int.Type, is Int?.Type: ("un nombre entier", "an integer")
        case is Double.Type, is Double?.Type: ("un nombre", "a number")
        case is Bool.Type, is Bool?.Type: ("true ou false", "true or false")
        default:
            String(describing: type).hasPrefix("Array") ? ("une liste", "a list") : ("un objet", "an object")
        }
    }
}
