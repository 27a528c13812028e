import HTTPServer

/// Error answers for handlers that return a response rather than throw: each renders the
/// `KioskError` through the one `ErrorRenderer`.
enum ErrorPages {
    static func notFound(request: Request, context: KioskContext) -> Response {
        context.errors.response(for: .notFound, to: request)
    }

    static func bookNotFound(_ name: String, request: Request, context: KioskContext) -> Response {
        context.errors.response(for: .bookNotFound(name), to: request)
    }

    static func entryNotFound(book: Book, path: String, request: Request, context: KioskContext) -> Response {
        context.errors.response(for: .entryNotFound(book: book, path: path), to: request)
    }
}
