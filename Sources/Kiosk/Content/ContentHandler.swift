import HTTPServer
import ZimKit

/// `/content/<book>/<path>`: an entry's bytes; redirects become 302; the book alone goes to
/// its main page.
struct ContentHandler: Sendable {
    let context: KioskContext

    func handle(_ request: Request, _ segments: ArraySlice<String>) -> Response {
        guard let bookName = segments.first, !bookName.isEmpty else {
            return Response.redirect(to: "/")
        }
        guard let book = context.library.book(named: bookName) else {
            return ErrorPages.bookNotFound(bookName, request: request, context: context)
        }
        let path = segments.dropFirst().joined(separator: "/")
        if path.isEmpty {
            guard let main = book.mainPagePath else {
                return ErrorPages.entryNotFound(book: book, path: path, request: request, context: context)
            }
            return Response.redirect(to: URLPath.content(book: book.name, path: main))
        }
        guard let entry = EntryResolver.entry(path, in: book.archive) else {
            return ErrorPages.entryNotFound(book: book, path: path, request: request, context: context)
        }
        if entry.isRedirect {
            guard let target = try? book.archive.redirectTarget(of: entry) else {
                return ErrorPages.entryNotFound(book: book, path: path, request: request, context: context)
            }
            return Response.redirect(to: URLPath.content(book: book.name, path: target.path))
        }
        do {
            let item = try book.archive.item(for: entry, followRedirects: false)
            let response = context.responder.respond(book: book, item: item, request: request)
            ArticleViewRecorder.record(book: book, item: item, request: request, response: response, context: context)
            return response
        } catch {
            context.log.warning("\(book.name)/\(path) can't be read: \(error.message)")
            return Response.text("This entry can't be read: the file is damaged.\n", status: 500)
        }
    }
}
