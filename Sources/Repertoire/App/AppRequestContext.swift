import Crypto
import Hummingbird
import NIOCore

/// The context every request carries through middleware and handlers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who is making the request, set by ``IdentityMiddleware``; nil for visitors.
    public var identity: Identity?
    /// True when the request presented a bearer token that matches no active token.
    public var presentedInvalidToken = false
    /// The client's address (for sign-in limits and the audit log).
    public var clientAddress: String
    /// The server's key for visitors' form tokens (see ``CSRF``); set on web pages, nil on the API.
    var formKey: SymmetricKey?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "inconnue"
    }

    /// JSON bodies above this size are refused before decoding.
    public var maxUploadSize: Int { 1_048_576 }
}
