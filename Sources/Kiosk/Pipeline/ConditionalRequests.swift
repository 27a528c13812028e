import HTTPServer

/// `If-None-Match` and `Range`, answered once for every route: for a resolved resource before
/// anything is read or decompressed (its ETag is known from the entry), for other answers on
/// the response (`ConditionalResponder`: 304 on a matching ETag, 206/416 for ranges).
struct ConditionalRequests: Middleware {
    func before(_ request: Request, serving resource: Resource) -> Response? {
        guard request.method == .get || request.method == .head else { return nil }
        let candidates = request.ifNoneMatch
        guard !candidates.isEmpty else { return nil }
        // The client holds the identity body or the gzip one (each has its own tag): 304 with
        // the tag of the one it holds.
        var headers = resource.headers
        if ETag.matches(candidates, ETag.gzipped(resource.etag)) && resource.etag != ETag.gzipped(resource.etag) {
            headers.set("ETag", ETag.gzipped(resource.etag))
        } else if !ETag.matches(candidates, resource.etag) {
            return nil
        }
        return ConditionalResponder.notModified(Response(status: 200, headers: headers))
    }

    func after(_ response: inout Response, for request: Request, resource: Resource?) {
        // A compressed body was found in the cache: If-None-Match was answered before, and
        // ranges are served from identity bodies only. Nothing to do (and no copy made).
        if resource != nil, response.headers.contains("Content-Encoding") { return }
        response = ConditionalResponder.apply(to: response, for: request)
    }
}
