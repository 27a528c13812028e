/// The application side of the server.
public protocol RequestHandler: Sendable {
    /// Answers one request. Called synchronously on a libmicrohttpd worker thread, possibly on
    /// several threads at once; must not block for long (it holds a pool thread) and cannot throw:
    /// turn failures into a response (e.g. 500). Must not call `Daemon.stop()` (that joins the
    /// thread this runs on).
    func handle(_ request: Request) -> Response

    /// Answers one request later: the `Daemon` calls this one (not `handle(_:)`) and sends
    /// whatever `completion` receives.
    ///
    /// Call `completion` exactly once, from any thread, before or after returning (further calls
    /// are ignored). Until it is called the connection is suspended (MHD_suspend_connection): the
    /// pool thread goes on serving other connections, so slow work (a full-text search) should be
    /// handed to another thread and answered from there. The default implementation answers
    /// synchronously with `handle(_:)`. If `Daemon.stop()` outlasts its grace period while a
    /// request is still waiting, that request gets a 503 and a later `completion` is ignored.
    func handle(_ request: Request, completion: @escaping @Sendable (Response) -> Void)
}

extension RequestHandler {
    /// Answers synchronously with `handle(_:)`.
    public func handle(_ request: Request, completion: @escaping @Sendable (Response) -> Void) {
        completion(handle(request))
    }
}

/// A `RequestHandler` made from a closure: `ClosureHandler { request in .text("hi") }`.
public struct ClosureHandler: RequestHandler {
    private let body: @Sendable (Request) -> Response

    /// Wraps `body`.
    public init(_ body: @escaping @Sendable (Request) -> Response) {
        self.body = body
    }

    public func handle(_ request: Request) -> Response {
        body(request)
    }
}

/// A `RequestHandler` that answers through a completion, possibly later and from another thread:
/// `DeferredHandler { request, done in queue.async { done(.text("hi")) } }`.
public struct DeferredHandler: RequestHandler {
    private let body: @Sendable (Request, @escaping @Sendable (Response) -> Void) -> Void

    /// Wraps `body`, which must call its completion exactly once.
    public init(_ body: @escaping @Sendable (Request, @escaping @Sendable (Response) -> Void) -> Void) {
        self.body = body
    }

    /// Waits for the deferred answer (for callers without a daemon, e.g. tests).
    public func handle(_ request: Request) -> Response {
        ResponseWaiter.wait { done in body(request, done) }
    }

    public func handle(_ request: Request, completion: @escaping @Sendable (Response) -> Void) {
        body(request, completion)
    }
}
