import HTTPServer

/// One step of the request pipeline, around the route handlers.
///
/// The router calls, in the pipeline's order, each step's `before(_:)` (every request, before
/// routing), then — for routes that resolve a `Resource` first (ZIM content) — each step's
/// `before(_:serving:)`, then the handler; then every step's `after(_:for:resource:)` in
/// reverse order, whatever answered (the handler, a step, or an error page). A step answers in
/// place of the handler by returning a response, or refuses by throwing a `KioskError`.
///
/// Steps are synchronous on purpose: deferred routes (search) answer later on another thread,
/// and the `after` half then runs in their completion, so every step sees every response.
public protocol Middleware: Sendable {
    /// Before routing; a response answers the request.
    func before(_ request: Request) throws(KioskError) -> Response?
    /// Before the handler of a resolved resource (an entry of a book); a response answers.
    func before(_ request: Request, serving resource: Resource) -> Response?
    /// After the answer is made: may change it (headers, encoding) or note it (statistics).
    func after(_ response: inout Response, for request: Request, resource: Resource?)
}

extension Middleware {
    public func before(_ request: Request) throws(KioskError) -> Response? { nil }
    public func before(_ request: Request, serving resource: Resource) -> Response? { nil }
    public func after(_ response: inout Response, for request: Request, resource: Resource?) {}
}
