import Foundation
import Hummingbird

/// `/exporter`: the results of a search as a file, in the format and columns a person chooses.
/// Anyone may export the public columns; the managers' contacts only go to accounts allowed to
/// see personal data, and every such export is written in the audit log.
struct ExportController: Sendable {
    let web: WebController
    let audit: AuditLog

    /// Parameters of the export itself, beside the search's.
    static let formatParameter = "format"
    static let columnParameter = "colonne"
    static let maximumRows = 100_000

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
        let webContext = web.context(.fr, context)
        let personal = context.identity?.user.has(.viewPersonalData) ?? false
        let total = web.directory.searchAll(query, limit: Self.maximumRows).count
        let model = ExportPage(context: webContext, query: query, total: total, personal: personal)
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
        let user = context.identity?.user
        let personal = user?.has(.viewPersonalData) ?? false
        var columns: [ExportColumn] = []
        for name in parameters.filter({ $0.0 == Self.columnParameter }).map(\.1) where !name.isEmpty {
            guard let column = ExportColumn(rawValue: name) else {
                throw Problem(.badRequest, title: "Paramètre invalide",
                              detail: "Paramètre « colonne » : « \(name) » n'est pas une colonne d'exportation.",
                              english: "Parameter 'colonne': '\(name)' is not an export column.")
            }
            // Personal data is never written for an account not allowed to see it.
            if (personal || !column.isPersonal) && !columns.contains(column) { columns.append(column) }
        }
        if columns.isEmpty { columns = fixed?.1 ?? ExportColumn.defaults(personal: personal) }

        let directory = web.directory
        let ids = directory.searchAll(query, limit: Self.maximumRows).map(\.id)
        // The store loads in its own order: put them back in the search's.
        let loaded = Dictionary(try await directory.enterprises.load(ids: ids).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let enterprises = ids.compactMap { loaded[$0] }
        let table = ExportTable(columns: columns, enterprises: enterprises, catalog: directory.catalog, baseURL: web.baseURL)
        if table.containsPersonalData {
            let search = WebQuery.string(query, includePaging: false)
            try await audit.record(.personalDataExport, actor: user, target: "/exporter" + search,
                                   detail: "\(format.rawValue), \(table.rows.count) entreprise(s), colonnes : \(columns.map(\.rawValue).joined(separator: ", "))",
                                   client: context.clientAddress)
        }
        let bytes = format.encode(table)
        let day = CalendarDay.string(from: Date())
        var headers: HTTPFields = [
            .contentType: format.contentType,
            .contentDisposition: "attachment; filename=\"repertoire-entreprises-\(day).\(format.fileExtension)\"",
        ]
        headers[.cacheControl] = table.containsPersonalData ? "private, no-store" : "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
