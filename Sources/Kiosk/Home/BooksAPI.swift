import Foundation
import HTTPServer

/// `/api/books`: the books as JSON, for the landing page and other tools.
struct BooksAPI: Sendable {
    let context: KioskContext

    struct BookSummary: Encodable {
        let name: String
        let id: String
        let title: String
        let description: String
        let language: String
        let articleCount: UInt32
        let mediaCount: UInt32
        let size: UInt64
        let date: String
        let fullTextIndex: Bool
        let url: String
        let illustration: String?
    }

    struct Listing: Encodable {
        let books: [BookSummary]
        let failures: [Failure]
    }

    struct Failure: Encodable {
        let file: String
        let reason: String
    }

    func handle(_ request: Request, _ segments: ArraySlice<String>) -> Response {
        guard segments.first == "books", segments.count == 1 else {
            return ErrorPages.notFound(request: request, context: context)
        }
        let books = context.library.books.map { book in
            BookSummary(
                name: book.name, id: book.id, title: book.title, description: book.description,
                language: book.language, articleCount: book.articleCount, mediaCount: book.mediaCount,
                size: book.fileSize, date: book.date, fullTextIndex: book.hasFullTextIndex,
                url: URLPath.content(book: book.name, path: ""),
                illustration: book.illustrationSizes.isEmpty ? nil
                    : "/catalog/v2/illustration/\(URLPath.encodeSegment(book.name))?size=48")
        }
        // File names only: the full paths of the server's folders are nobody's business.
        let failures = context.library.failures.map {
            Failure(file: ($0.path as NSString).lastPathComponent, reason: $0.reason)
        }
        var response = Response.json(JSONText.encode(Listing(books: books, failures: failures)))
        response.headers.set("Cache-Control", "no-cache")
        return response
    }
}
