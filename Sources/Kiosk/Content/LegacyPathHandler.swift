import HTTPServer

/// kiwix-serve 3.3.0 served books at `/<book>/<path>`: printed links and bookmarks made with
/// it get a redirect to `/content/<book>/<path>`.
struct LegacyPathHandler: Sendable {
    let context: KioskContext

    func handle(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Response {
        guard let first = segments.first, let book = context.library.book(named: first) else { throw .notFound }
        let rest = segments.dropFirst().joined(separator: "/")
        var location = "/content/\(URLPath.encodeSegment(book.name))/\(URLPath.encodePath(rest))"
        if !request.query.items.isEmpty {
            location += "?" + request.query.items
                .map { "\(URLPath.encodeQueryValue($0.name))=\(URLPath.encodeQueryValue($0.value))" }
                .joined(separator: "&")
        }
        return Response.redirect(to: location, status: 302)
    }
}
