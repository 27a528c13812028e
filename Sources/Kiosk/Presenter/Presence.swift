import HTTPServer

/// Notes each page a phone opens (an HTML answer: the home page, a search, an article) in the
/// presenter screen's live counts (`LiveDevices`, memory only); stylesheets, images and API
/// calls don't count.
struct Presence: Middleware {
    let live: LiveDevices

    func after(_ response: inout Response, for request: Request, resource: Resource?) {
        guard request.method == .get, response.status < 400, let address = request.remoteAddress,
              response.headers["Content-Type"]?.hasPrefix("text/html") == true,
              request.pathSegments?.first != "admin", request.pathSegments?.first != "presenter" else { return }
        live.saw(address, article: resource?.isPageView == true)
    }
}
