import Foundation
import Hummingbird

/// The printable list of a search (``PrintPage``), in French and under `/en`.
struct PrintController: Sendable {
    let web: WebController
    /// The export cap applies: printing is exporting on paper.
    let limits: ExportService.Limits

    func addRoutes(to router: Router<AppRequestContext>) {
        for language in Language.allCases {
            router.get(.searchPrint, language) { request, context in
                try await page(request, web.context(language, context), client: context.clientAddress)
            }
        }
    }

    func page(_ request: Request, _ web: WebContext, client: String) async throws -> Response {
        var query = try DirectoryQuery.parse(FormQuery.parameters(request), names: WebQuery.names)
        query.page = 1
        let limit = web.identity == nil ? limits.anonymousRows : limits.maximumRows
        let directory = self.web.directory, renderer = self.web.renderer, chosen = query
        return try await self.web.heavy.run(client: client) {
            var counted = chosen
            counted.perPage = 1
            let total = directory.search(counted).total
            let summaries = directory.searchAll(chosen, limit: limit)
            return try await renderer.htmlInBackground(template: "print", headers: [.cacheControl: "private, no-store"]) {
                PrintPage(context: web, query: chosen, total: total, summaries: summaries)
            }
        }
    }
}
