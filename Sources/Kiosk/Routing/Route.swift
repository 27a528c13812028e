import HTTPServer

/// One entry of the routing table: requests whose first path segment is `prefix`.
public struct Route: Sendable {
    /// Answers through a completion, possibly later and from another thread.
    public typealias Deferred = @Sendable (Request, ArraySlice<String>, @escaping @Sendable (Response) -> Void) -> Void

    /// The first path segment ("" for `/`).
    public let prefix: String
    public let methods: Set<HTTPMethod>
    /// Called with the request and the decoded path segments after the prefix. For a deferred
    /// route, waits for the deferred answer (callers without a daemon, e.g. tests).
    public let handle: @Sendable (Request, ArraySlice<String>) -> Response
    /// Set for routes answering later (`/search`): the daemon suspends the connection meanwhile
    /// instead of holding one of its threads.
    public let deferred: Deferred?

    public init(_ prefix: String, methods: Set<HTTPMethod> = [.get, .head],
                handle: @escaping @Sendable (Request, ArraySlice<String>) -> Response) {
        self.prefix = prefix
        self.methods = methods
        self.handle = handle
        self.deferred = nil
    }

    /// A route whose handler answers through `deferred`'s completion (exactly once).
    public init(_ prefix: String, methods: Set<HTTPMethod> = [.get, .head], deferred: @escaping Deferred) {
        self.prefix = prefix
        self.methods = methods
        self.handle = { request, segments in ResponseWaiter.wait { deferred(request, segments, $0) } }
        self.deferred = deferred
    }
}
