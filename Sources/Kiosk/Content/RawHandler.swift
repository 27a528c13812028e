import HTTPServer
import ZimKit

/// `/raw/<book>/content/<path>` (an entry, redirects followed by a 302) and
/// `/raw/<book>/meta/<name>` (a metadata value such as `Title` or `Illustration_48x48@1`).
/// Entries are sent byte for byte as stored, and never counted as page views.
struct RawHandler: Sendable {
    let context: KioskContext

    func resolve(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Resolution {
        guard segments.count >= 3, let book = context.library.book(named: segments[segments.startIndex]) else {
            throw .notFound
        }
        let kind = segments[segments.startIndex + 1]
        let rest = segments.dropFirst(2).joined(separator: "/")
        switch kind {
        case "content":
            guard let entry = EntryResolver.entry(rest, in: book.archive) else { throw .entryNotFound(book: book, path: rest) }
            if entry.isRedirect {
                switch book.archive.followRedirects(from: entry) {
                case .target(let target):
                    return .response(Response.redirect(
                        to: "/raw/\(URLPath.encodeSegment(book.name))/content/\(URLPath.encodePath(target.path))"))
                case .loop: throw .redirectLoop(book: book, path: rest)
                case .broken: throw .entryNotFound(book: book, path: rest)
                }
            }
            do {
                return .resource(Resource(book: book, item: try book.archive.item(for: entry, followRedirects: false),
                                          isPageView: false))
            } catch {
                throw .damaged(book: book, path: rest, detail: error.message)
            }
        case "meta":
            guard let blob = book.archive.metadataBlob(rest) else { throw .notFound }
            var headers = HTTPHeaders()
            headers.set("Content-Type", rest.hasPrefix("Illustration_") ? "image/png" : "text/plain; charset=utf-8")
            headers.set("ETag", ETag.make(book.id, "meta", rest))
            headers.set("Cache-Control", Resource.cacheControl)
            return .response(Response(status: 200, headers: headers, body: .bytes(blob.bytes)))
        default:
            throw .notFound
        }
    }

    func serve(_ request: Request, _ resource: Resource) throws(KioskError) -> Response {
        try ContentResponder.respond(resource)
    }
}
