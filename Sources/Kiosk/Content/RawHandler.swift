import HTTPServer
import ZimKit

/// `/raw/<book>/content/<path>` (an entry, redirects followed by a 302) and
/// `/raw/<book>/meta/<name>` (a metadata value such as `Title` or `Illustration_48x48@1`).
struct RawHandler: Sendable {
    let context: KioskContext

    func handle(_ request: Request, _ segments: ArraySlice<String>) -> Response {
        guard segments.count >= 3, let book = context.library.book(named: segments[segments.startIndex]) else {
            return ErrorPages.notFound(request: request, context: context)
        }
        let kind = segments[segments.startIndex + 1]
        let rest = segments.dropFirst(2).joined(separator: "/")
        switch kind {
        case "content":
            guard let entry = EntryResolver.entry(rest, in: book.archive) else {
                return ErrorPages.entryNotFound(book: book, path: rest, request: request, context: context)
            }
            if entry.isRedirect, let target = try? book.archive.redirectTarget(of: entry) {
                return Response.redirect(
                    to: "/raw/\(URLPath.encodeSegment(book.name))/content/\(URLPath.encodePath(target.path))")
            }
            guard let item = try? book.archive.item(for: entry, followRedirects: false) else {
                return Response.text("This entry can't be read: the file is damaged.\n", status: 500)
            }
            return context.responder.respond(book: book, item: item, request: request)
        case "meta":
            guard let blob = book.archive.metadataBlob(rest) else {
                return ErrorPages.notFound(request: request, context: context)
            }
            var headers = HTTPHeaders()
            headers.set("Content-Type", rest.hasPrefix("Illustration_") ? "image/png" : "text/plain; charset=utf-8")
            headers.set("ETag", ETag.make(book.id, "meta", rest))
            headers.set("Cache-Control", context.responder.cacheControl)
            if ETag.matches(request.ifNoneMatch, headers["ETag"] ?? "") {
                return Response(status: 304, headers: headers)
            }
            return Response(status: 200, headers: headers, body: .bytes(blob.bytes))
        default:
            return ErrorPages.notFound(request: request, context: context)
        }
    }
}
