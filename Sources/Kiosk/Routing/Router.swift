import HTTPServer

/// Dispatches a request through the pipeline to its route: testable without sockets.
///
/// Every request: path decoding (400), the steps' `before`, the route by first segment (or the
/// fallback), 405 for other methods, the handler; then the steps' `after` in reverse order.
/// A `KioskError` thrown anywhere becomes its rendered answer, which goes through `after` too.
public struct Router: RequestHandler {
    private let routes: [String: Route]
    /// Called when no route has the first segment (e.g. kiwix-serve 3.3.0's `/<book>/<path>`).
    private let fallback: Route
    /// The steps, outermost first.
    private let pipeline: [any Middleware]
    /// The same, innermost first: the order of their `after`.
    private let unwinding: [any Middleware]
    private let errors: ErrorRenderer

    init(routes: [Route], fallback: Route, pipeline: [any Middleware], errors: ErrorRenderer) {
        var table: [String: Route] = [:]
        for route in routes { table[route.prefix] = route }
        self.routes = table
        self.fallback = fallback
        self.pipeline = pipeline
        self.unwinding = pipeline.reversed()
        self.errors = errors
    }

    /// The answer to `request`, waiting for deferred routes (tests, callers without a daemon).
    public func handle(_ request: Request) -> Response {
        ResponseWaiter.wait { handle(request, completion: $0) }
    }

    /// The answer to `request` through `completion`, at once or later for deferred routes.
    public func handle(_ request: Request, completion: @escaping @Sendable (Response) -> Void) {
        var resource: Resource?
        do throws(KioskError) {
            guard let segments = request.pathSegments else { throw .badRequest }
            for step in pipeline {
                if let answer = try step.before(request) { return completion(finish(answer, request, nil)) }
            }
            let found = routes[segments.first ?? ""]
            let route = found ?? fallback
            guard route.methods.contains(request.method) else {
                throw .methodNotAllowed(allow: route.methods.sorted { $0.rawValue < $1.rawValue })
            }
            let rest = found != nil ? segments.dropFirst() : segments[...]
            switch route.kind {
            case .immediate(let handle):
                completion(finish(try handle(request, rest), request, nil))
            case .deferred(let deferred):
                deferred(request, rest) { completion(finish($0, request, nil)) }
            case .resource(let resolve, let serve):
                switch try resolve(request, rest) {
                case .response(let answer):
                    completion(finish(answer, request, nil))
                case .resource(let found):
                    resource = found
                    completion(finish(try answer(request, serving: found, serve), request, found))
                }
            }
        } catch {
            completion(finish(errors.response(for: error, to: request), request, resource))
        }
    }

    /// The first step that answers for `resource` (a 304, a cached gzip body), else `serve`.
    private func answer(_ request: Request, serving resource: Resource,
                        _ serve: Route.Server) throws(KioskError) -> Response {
        for step in pipeline {
            if let early = step.before(request, serving: resource) { return early }
        }
        return try serve(request, resource)
    }

    /// The steps' `after`, innermost first, on one response changed in place (no copy per step).
    private func finish(_ response: Response, _ request: Request, _ resource: Resource?) -> Response {
        var response = response
        for step in unwinding { step.after(&response, for: request, resource: resource) }
        return response
    }
}
