import Foundation
import Hummingbird

/// `/exporter`: the results of a search as a file, in the format and columns a person chooses.
/// Anyone may export the public columns (visitors within limits of size and rate); the managers'
/// contacts only go to accounts allowed to see personal data. The workflow is ``ExportService``'s.
struct ExportController: Sendable {
    let web: WebController
    let exports: ExportService

    /// Parameters of the export itself, beside the search's.
    static let formatParameter = "format"
    static let columnParameter = "colonne"

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(.export) { request, context in try self.page(request, context) }
        router.get(.exportFile) { request, context in try await self.file(request, context) }
        // The search page's quick download: CSV, public columns.
        router.get(.searchCSV) { request, context in
            try await self.file(request, context, fixed: (.csv, ExportColumn.quickDownload))
        }
    }

    /// The search's own parameters, without the export's.
    static func searchParameters(_ request: Request) -> [(String, String)] {
        FormQuery.parameters(request).filter { $0.0 != formatParameter && $0.0 != columnParameter }
    }

    func page(_ request: Request, _ context: AppRequestContext) throws -> Response {
        let query = try DirectoryQuery.parse(Self.searchParameters(request), names: WebQuery.names)
        let user = context.identity?.user
        let model = ExportPage(context: web.context(.fr, context), query: query, total: exports.count(query),
                               limit: exports.rowLimit(for: user), signedIn: user != nil,
                               personal: user?.has(.viewPersonalData) ?? false)
        return try web.renderer.html(model, template: "export", headers: [.cacheControl: "private, no-store"])
    }

    /// The file; `fixed` sets the format and columns instead of the request's parameters.
    func file(_ request: Request, _ context: AppRequestContext, fixed: (ExportFormat, [ExportColumn])? = nil) async throws -> Response {
        let parameters = fixed == nil ? FormQuery.parameters(request) : []
        let query = try DirectoryQuery.parse(Self.searchParameters(request), names: WebQuery.names)
        let formatText = parameters.last { $0.0 == Self.formatParameter }?.1 ?? (fixed?.0 ?? .csv).rawValue
        guard let format = ExportFormat(rawValue: formatText) else {
            throw Problem(.badRequest, title: "Paramètre invalide",
                          detail: "Paramètre « format » : « \(formatText) » n'est pas un format d'exportation (csv, csv-pv, xlsx ou json).",
                          english: "Parameter 'format': '\(formatText)' is not an export format (csv, csv-pv, xlsx or json).")
        }
        var columns: [ExportColumn] = fixed?.1 ?? []
        for name in parameters.filter({ $0.0 == Self.columnParameter }).map(\.1) where !name.isEmpty {
            guard let column = ExportColumn(rawValue: name) else {
                throw Problem(.badRequest, title: "Paramètre invalide",
                              detail: "Paramètre « colonne » : « \(name) » n'est pas une colonne d'exportation.",
                              english: "Parameter 'colonne': '\(name)' is not an export column.")
            }
            columns.append(column)
        }
        let user = context.identity?.user, client = context.clientAddress, chosen = columns
        let file = try await web.heavy.run(client: client) {
            try await exports.export(query, format: format, columns: chosen, user: user, client: client)
        }
        let day = CalendarDay.string(from: Date())
        var headers: HTTPFields = [
            .contentType: format.contentType,
            .contentDisposition: "attachment; filename=\"repertoire-entreprises-\(day).\(format.fileExtension)\"",
        ]
        headers[.cacheControl] = file.containsPersonalData ? "private, no-store" : "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}
