import HTTPServer

/// The fields every kiosk answer carries: `X-Content-Type-Options: nosniff`, so a phone never
/// guesses a type other than the one the book declares. (The daemon adds it too to the few
/// answers it makes by itself, before any route runs.)
struct SecurityHeaders: Middleware {
    func after(_ response: Response, for request: Request, resource: Resource?) -> Response {
        guard !response.headers.contains("X-Content-Type-Options") else { return response }
        var response = response
        response.headers.add("X-Content-Type-Options", "nosniff")
        return response
    }
}
