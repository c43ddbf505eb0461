import Hummingbird

/// The context every request carries through middleware and handlers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// JSON bodies above this size are refused before decoding.
    public var maxUploadSize: Int { 1_048_576 }
}
