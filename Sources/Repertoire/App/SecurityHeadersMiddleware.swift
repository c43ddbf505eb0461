import HTTPTypes
import Hummingbird

/// Headers that keep browsers from running or framing anything the app did not serve itself.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let policy: String

    /// Map tiles are the only images from elsewhere: from the configured tile server's origin.
    init(tileOrigin: String? = nil) {
        policy = Self.policy(tileOrigin: tileOrigin)
    }

    static func policy(tileOrigin: String?) -> String {
        let images = ["'self'", "data:"] + [tileOrigin].compactMap { $0 }.filter { !$0.isEmpty }
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src \(images.joined(separator: " ")); connect-src 'self'; "
            + "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = policy
        response.headers[.xContentTypeOptions] = "nosniff"
        // A page may ask for less (the password-link page sends no referrer at all).
        if response.headers[.referrerPolicy] == nil { response.headers[.referrerPolicy] = "strict-origin-when-cross-origin" }
        response.headers[.xFrameOptions] = "DENY"
        return response
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}
