import HTTPServer
import ZimKit

/// `/random?content=<book>`: 302 to a random article (libzim picks among front articles,
/// so never a redirect, an image or metadata). An unknown book is a 404, as in kiwix-serve;
/// without a book, the first one.
struct RandomHandler: Sendable {
    let context: KioskContext

    func handle(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Response {
        let name = request.query["content"] ?? request.query["books.name"]
        guard let book = name.map({ context.library.book(named: $0) }) ?? context.library.books.first else {
            throw .bookNotFound(name ?? "")
        }
        for _ in 0..<8 {
            guard let random = try? book.archive.randomEntry() else { break }
            guard case .target(let entry) = book.archive.followRedirects(from: random) else { continue }
            guard let item = try? book.archive.item(for: entry, followRedirects: false),
                  item.mimeType.hasPrefix("text/html") else { continue }
            var response = Response.redirect(to: URLPath.content(book: book.name, path: entry.path))
            response.headers.set("Cache-Control", "no-store")
            return response
        }
        throw .entryNotFound(book: book, path: "")
    }
}
