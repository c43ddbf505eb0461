import Foundation
import Hummingbird
import Logging

/// Turns every error into an answer a person can act on: an RFC 9457 problem for the API, a
/// short page elsewhere. Details of unexpected errors go to the log, never to the client.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Renders an HTML page for errors outside the API, when the web pages are served.
    var htmlPage: (@Sendable (Request, Problem) -> Response?)?
    /// Tells a wrong method on an existing path (405) from a missing path (404).
    var routes: RouteTableBox?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let redirect as SignInRequired {
            return try redirect.response(from: request, context: context)
        } catch {
            var problem = Self.problem(for: error, request: request, logger: context.logger)
            if problem.status == .notFound, let allowed = routes?.value?.allowedMethods(for: request.uri.path),
               !allowed.contains(request.method.rawValue) {
                problem = Problem(.methodNotAllowed, title: "Méthode non permise",
                                  detail: "La méthode \(request.method) n'est pas permise à l'adresse \(request.uri.path) (permises : \(allowed.joined(separator: ", "))).",
                                  english: "Method \(request.method) is not allowed at \(request.uri.path) (allowed: \(allowed.joined(separator: ", "))).")
                problem.headers[.allow] = allowed.joined(separator: ", ")
            }
            if !request.uri.path.hasPrefix("/api/"), request.uri.path != "/healthz", let page = htmlPage?(request, problem) {
                var page = page
                page.headers.append(contentsOf: problem.headers)
                return page
            }
            return try problem.response(from: request, context: context)
        }
    }

    static func problem(for error: any Error, request: Request, logger: Logger) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let refusal as Refusal:
            return Problem(refusal)
        case let account as AccountError:
            return Problem(.unprocessableContent, title: "Demande refusée", detail: account.message, english: account.message)
        case let failure as ValidationFailure:
            var problem = Problem(.unprocessableContent, title: "Données invalides",
                                  detail: "Certains champs sont invalides : " + failure.errors.map { "\($0.field) — \($0.message)" }.joined(separator: " ; "),
                                  english: "Some fields are invalid: " + failure.errors.map { "\($0.field) — \($0.messageEnglish)" }.joined(separator: "; "))
            problem.errors = failure.errors
            problem.warnings = failure.issues.filter { $0.severity == .warning }
            return problem
        case let issue as FieldIssue:
            var problem = Problem(.unprocessableContent, title: "Données invalides", detail: issue.message, english: issue.messageEnglish)
            problem.errors = [issue]
            return problem
        case let parameter as DirectoryQuery.ParameterError:
            var problem = Problem(.badRequest, title: "Paramètre invalide",
                                  detail: "Paramètre « \(parameter.parameter) » : \(parameter.message)",
                                  english: "Parameter '\(parameter.parameter)': \(parameter.messageEnglish)")
            problem.parameter = parameter.parameter
            return problem
        case let store as StoreError:
            switch store {
            case .notFound:
                return Problem.notFound("Cette entreprise")
            case .conflict(let current):
                var problem = Problem(.conflict, title: "Modification concurrente",
                                      detail: "Quelqu'un a modifié cette entreprise entre-temps (version \(current.version)). Rechargez-la, reportez vos changements et réessayez : rien n'a été écrasé.",
                                      english: "Someone changed this enterprise in the meantime (version \(current.version)). Reload it, reapply your changes and try again: nothing was overwritten.")
                problem.currentVersion = current.version
                return problem
            case .duplicateNEQ(let neq, let slug):
                var problem = Problem(.conflict, title: "NEQ déjà utilisé",
                                      detail: "Une autre entreprise du répertoire porte déjà le NEQ \(neq) (\(slug)).",
                                      english: "Another enterprise of the directory already has NEQ \(neq) (\(slug)).")
                problem.errors = [FieldIssue(field: "neq", code: "neq.duplicate", message: "Ce NEQ est déjà utilisé par \(slug).", english: "This NEQ is already used by \(slug).")]
                return problem
            case .duplicateThreshold(_, let day):
                return Problem(.conflict, title: "Seuil déjà inscrit",
                               detail: "Un montant de ce type est déjà inscrit à partir du \(day).", english: "An amount of this kind is already recorded from \(day).")
            }
        case let http as HTTPError:
            switch http.status {
            case .notFound:
                return Problem(.notFound, title: "Introuvable",
                               detail: "Aucune ressource à l'adresse \(request.uri.path).",
                               english: "Nothing at \(request.uri.path).")
            case .methodNotAllowed:
                return Problem(.methodNotAllowed, title: "Méthode non permise",
                               detail: "La méthode \(request.method) n'est pas permise à l'adresse \(request.uri.path).",
                               english: "Method \(request.method) is not allowed at \(request.uri.path).")
            case .contentTooLarge:
                return Problem(.contentTooLarge, title: "Requête trop volumineuse",
                               detail: "Le corps de la requête dépasse la taille permise (1 Mo).",
                               english: "The request body exceeds the allowed size (1 MB).")
            default:
                var problem = Problem(http.status, title: http.status.reasonPhrase,
                                      detail: http.body ?? http.status.reasonPhrase, english: http.body ?? http.status.reasonPhrase)
                problem.headers = http.headers
                return problem
            }
        case let http as any HTTPResponseError:
            return Problem(http.status, title: http.status.reasonPhrase, detail: http.status.reasonPhrase, english: http.status.reasonPhrase)
        default:
            logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            return Problem(.internalServerError, title: "Erreur interne",
                           detail: "Une erreur inattendue est survenue de notre côté. Réessayez dans un moment ; si elle persiste, signalez-la.",
                           english: "An unexpected error occurred on our side. Try again in a moment; if it persists, please report it.")
        }
    }
}
