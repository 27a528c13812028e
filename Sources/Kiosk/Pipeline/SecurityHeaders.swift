import HTTPServer

/// The fields every kiosk answer carries: `X-Content-Type-Options: nosniff`, so a phone never
/// guesses a type other than the one the book declares, and `X-Frame-Options: SAMEORIGIN`, so
/// no other site can frame the kiosk's pages (the staff area sets the stricter `DENY` itself;
/// SAMEORIGIN leaves the kiosk free to frame its own articles). The daemon adds nosniff too to
/// the few answers it makes by itself, before any route runs.
struct SecurityHeaders: Middleware {
    func after(_ response: inout Response, for request: Request, resource: Resource?) {
        if !response.headers.contains("X-Content-Type-Options") {
            response.headers.add("X-Content-Type-Options", "nosniff")
        }
        if !response.headers.contains("X-Frame-Options") {
            response.headers.add("X-Frame-Options", "SAMEORIGIN")
        }
    }
}
