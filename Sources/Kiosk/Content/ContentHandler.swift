import HTTPServer
import ZimKit

/// `/content/<book>/<path>`: an entry's bytes; redirects become a 302 to their final target;
/// the book alone goes to its main page. Entries are resolved first, so the pipeline answers
/// `If-None-Match` and cached gzip bodies without reading them.
struct ContentHandler: Sendable {
    let context: KioskContext

    func resolve(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Resolution {
        guard let bookName = segments.first, !bookName.isEmpty else {
            return .response(Response.redirect(to: "/"))
        }
        guard let book = context.library.book(named: bookName) else { throw .bookNotFound(bookName) }
        let path = segments.dropFirst().joined(separator: "/")
        if path.isEmpty {
            guard let main = book.mainPagePath else { throw .entryNotFound(book: book, path: path) }
            return .response(Response.redirect(to: URLPath.content(book: book.name, path: main)))
        }
        guard let entry = EntryResolver.entry(path, in: book.archive) else { throw .entryNotFound(book: book, path: path) }
        if entry.isRedirect {
            // One 302 to the end of the chain (never to an intermediate redirect).
            switch book.archive.followRedirects(from: entry) {
            case .target(let target): return .response(Response.redirect(to: URLPath.content(book: book.name, path: target.path)))
            case .loop: throw .redirectLoop(book: book, path: path)
            case .broken: throw .entryNotFound(book: book, path: path)
            }
        }
        do {
            let item = try book.archive.item(for: entry, followRedirects: false)
            let decoration = item.mimeType.hasPrefix("text/html") ? context.decorations.decoration(for: book) : nil
            return .resource(Resource(book: book, item: item, isPageView: true, decoration: decoration))
        } catch {
            throw .damaged(book: book, path: path, detail: error.message)
        }
    }

    func serve(_ request: Request, _ resource: Resource) throws(KioskError) -> Response {
        try ContentResponder.respond(resource)
    }
}
