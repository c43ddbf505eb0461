import Hummingbird

/// `GET /healthz`: 200 when the database answers, 503 otherwise (for load balancers and probes).
struct HealthController: Sendable {
    let database: Database
    let directory: DirectoryService

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(.health, use: health)
    }

    struct HealthDTO: Encodable, Sendable {
        var status: String
        var database: String
        var indexedEnterprises: Int
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        let reachable = await database.isReachable()
        return try JSONCoding.response(
            HealthDTO(status: reachable ? "ok" : "unavailable", database: reachable ? "reachable" : "unreachable",
                      indexedEnterprises: directory.indexedCount),
            status: reachable ? .ok : .serviceUnavailable, headers: [.cacheControl: "no-store"])
    }
}
