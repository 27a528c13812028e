import HTTPServer

/// Dispatches a request to its route: a pure function from `Request` to `Response`,
/// testable without sockets. Applies what every response shares (conditional requests,
/// ranges, 405, 400) in one place.
public struct Router: RequestHandler {
    private let routes: [String: Route]
    /// Called when no route has the first segment (e.g. kiwix-serve 3.3.0's `/<book>/<path>`).
    private let fallback: Route
    /// Looks at every request before the routes (the captive portal: probes and other sites'
    /// names); a non-nil response is the answer.
    private let intercept: (@Sendable (Request) -> Response?)?

    public init(routes: [Route], fallback: Route, intercept: (@Sendable (Request) -> Response?)? = nil) {
        var table: [String: Route] = [:]
        for route in routes { table[route.prefix] = route }
        self.routes = table
        self.fallback = fallback
        self.intercept = intercept
    }

    public func handle(_ request: Request) -> Response {
        switch dispatch(request) {
        case .answer(let response): response
        case .route(let route, let segments): ConditionalResponder.apply(to: route.handle(request, segments), for: request)
        }
    }

    /// Like `handle(_:)`, but a deferred route (`Route.deferred`) answers later through
    /// `completion`, so the daemon's thread is not held meanwhile.
    public func handle(_ request: Request, completion: @escaping @Sendable (Response) -> Void) {
        switch dispatch(request) {
        case .answer(let response):
            completion(response)
        case .route(let route, let segments):
            if let deferred = route.deferred {
                deferred(request, segments) { completion(ConditionalResponder.apply(to: $0, for: request)) }
            } else {
                completion(ConditionalResponder.apply(to: route.handle(request, segments), for: request))
            }
        }
    }

    private enum Dispatch {
        case answer(Response)
        case route(Route, ArraySlice<String>)
    }

    private func dispatch(_ request: Request) -> Dispatch {
        guard let segments = request.pathSegments else {
            return .answer(Response.text("Bad request: the path is not valid percent-encoded UTF-8.\n", status: 400))
        }
        if let intercept, let response = intercept(request) {
            return .answer(ConditionalResponder.apply(to: response, for: request))
        }
        let first = segments.first ?? ""
        let route = routes[first] ?? fallback
        guard route.methods.contains(request.method) else {
            return .answer(Response.methodNotAllowed(allow: route.methods.sorted { $0.rawValue < $1.rawValue }))
        }
        let rest = segments.isEmpty ? [] : segments.dropFirst()
        return .route(route, routes[first] != nil ? rest : segments[...])
    }
}
