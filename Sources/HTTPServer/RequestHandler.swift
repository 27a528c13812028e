/// The application side of the server.
public protocol RequestHandler: Sendable {
    /// Answers one request. Called synchronously on a libmicrohttpd worker thread, possibly on
    /// several threads at once; must not block for long (it holds a pool thread) and cannot throw:
    /// turn failures into a response (e.g. 500). Must not call `Daemon.stop()` (that joins the
    /// thread this runs on).
    func handle(_ request: Request) -> Response
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
