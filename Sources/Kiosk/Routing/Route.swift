import HTTPServer

/// One entry of the routing table: requests whose first path segment is `prefix`.
public struct Route: Sendable {
    /// Answers at once, or throws the error to render.
    public typealias Handler = @Sendable (Request, ArraySlice<String>) throws(KioskError) -> Response
    /// Answers through a completion, possibly later and from another thread.
    public typealias Deferred = @Sendable (Request, ArraySlice<String>, @escaping @Sendable (Response) -> Void) -> Void
    /// Finds the book entry a request names (no data read yet), or answers already (a redirect).
    public typealias Resolver = @Sendable (Request, ArraySlice<String>) throws(KioskError) -> Resolution
    /// Reads a resolved entry's bytes.
    public typealias Server = @Sendable (Request, Resource) throws(KioskError) -> Response

    /// The first path segment ("" for `/`).
    public let prefix: String
    public let methods: Set<HTTPMethod>
    enum Kind: Sendable {
        case immediate(Handler)
        case deferred(Deferred)
        case resource(resolve: Resolver, serve: Server)
    }
    let kind: Kind

    /// A route answering at once with the handler's decoded path segments after the prefix.
    public init(_ prefix: String, methods: Set<HTTPMethod> = [.get, .head], handle: @escaping Handler) {
        self.prefix = prefix
        self.methods = methods
        self.kind = .immediate(handle)
    }

    /// A route answered by `handler` (see `RouteHandler`).
    public init(_ prefix: String, methods: Set<HTTPMethod> = [.get, .head], _ handler: some RouteHandler) {
        self.init(prefix, methods: methods) { request, segments throws(KioskError) in
            try handler.handle(request, segments)
        }
    }

    /// A route whose handler answers through `deferred`'s completion (exactly once): the daemon
    /// suspends the connection meanwhile instead of holding one of its threads (`/search`).
    public init(_ prefix: String, methods: Set<HTTPMethod> = [.get, .head], deferred: @escaping Deferred) {
        self.prefix = prefix
        self.methods = methods
        self.kind = .deferred(deferred)
    }

    /// A route to book entries answered by `handler` (see `ResourceHandler`).
    public init(_ prefix: String, _ handler: some ResourceHandler) {
        self.init(prefix, resolve: { request, segments throws(KioskError) in try handler.resolve(request, segments) },
                  serve: { request, resource throws(KioskError) in try handler.serve(request, resource) })
    }

    /// A route to book entries: `resolve` finds the entry, the pipeline may answer from its
    /// ETag or the gzip cache, and only otherwise `serve` reads it.
    public init(_ prefix: String, resolve: @escaping Resolver, serve: @escaping Server) {
        self.prefix = prefix
        self.methods = [.get, .head]
        self.kind = .resource(resolve: resolve, serve: serve)
    }
}

/// A handler of one route: answers with the decoded path segments after the route's prefix,
/// or throws the error to render.
public protocol RouteHandler: Sendable {
    func handle(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Response
}

/// A handler of a route to book entries: `resolve` finds the entry without reading it, `serve`
/// reads it when the pipeline could not answer from its ETag or the gzip cache.
public protocol ResourceHandler: Sendable {
    func resolve(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Resolution
    func serve(_ request: Request, _ resource: Resource) throws(KioskError) -> Response
}
