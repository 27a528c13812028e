import HTTPServer

/// Applies an article's decoration (toolbar, links to other sites) to the body the handler
/// read, before anything else looks at it: the compression step caches the decorated page,
/// ranges and Content-Length apply to it, and its ETag (set when the entry was resolved)
/// names the decoration. Bodies from the gzip cache are already decorated and pass as they are.
struct ArticleDecorating: Middleware {
    func after(_ response: inout Response, for request: Request, resource: Resource?) {
        guard let decoration = resource?.decoration, response.status == 200,
              !response.headers.contains("Content-Encoding") else { return }
        switch response.body {
        case .bytes(let bytes):
            response.body = .bytes(bytes.withUnsafeBytes { decoration.apply(to: $0) })
        case .borrowed(let pointer, let count, _):
            response.body = .bytes(decoration.apply(to: UnsafeRawBufferPointer(start: pointer, count: count)))
        case .file, .stream:
            return
        }
    }
}
