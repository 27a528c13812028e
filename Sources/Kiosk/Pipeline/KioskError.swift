import HTTPServer

/// An answer other than the thing asked for, thrown by a handler or a pipeline step and
/// rendered in one place (`ErrorRenderer`): a translated page, or XML/JSON when the request
/// asked for that format. It carries what the visitor is told (catalog keys and parameters)
/// and, separately, what the log is told; libzim's messages never reach a visitor.
public struct KioskError: Error, Sendable {
    /// The HTTP status (4xx or 5xx).
    public let status: Int
    /// Catalog key prefix: the page shows `<key>.title` and `message`.
    public let key: String
    /// Catalog key of the explanation (defaults to `<key>.body`).
    public let message: String
    /// The explanation's `{parameters}`.
    public let arguments: [String: TextArgument]
    /// Words to offer a search for (`/search?pattern=…`, in `book` when given).
    public var search: (words: String, book: String?)?
    /// Extra header fields (`Allow`, `Retry-After`).
    public var headers: [(String, String)] = []
    /// What the log should say (internal detail, never shown to visitors); nil to log nothing.
    public var logMessage: String?
    /// Lines with the same cause are logged at most once a minute (`Log.warning(_:cause:)`).
    public var logCause: String?

    public init(status: Int, key: String, message: String? = nil, arguments: [String: TextArgument] = [:]) {
        self.status = status
        self.key = key
        self.message = message ?? key + ".body"
        self.arguments = arguments
    }

    /// 400: the path is not valid percent-encoded UTF-8, or another malformed request.
    public static let badRequest = KioskError(status: 400, key: "badrequest")

    /// 400: a query parameter has a value the address doesn't accept; the page says which
    /// parameter and what it takes (`expects` is a catalog key, such as `badrequest.number`,
    /// whose text may use `{name}`, `{min}`, `{max}` and `{choices}`).
    public static func invalidParameter(_ name: String, expects: String,
                                        _ arguments: [String: TextArgument] = [:]) -> KioskError {
        var filled = arguments
        filled["name"] = .text(name)
        return KioskError(status: 400, key: "badrequest", message: expects, arguments: filled)
    }

    /// 404 for an address the kiosk has no page for.
    public static let notFound = KioskError(status: 404, key: "notfound", message: "notfound.home")

    /// 404: no book has this name.
    public static func bookNotFound(_ name: String) -> KioskError {
        KioskError(status: 404, key: "notfound", message: "notfound.nobook", arguments: ["name": .text(name)])
    }

    /// 400: a search names a book that does not exist (libkiwix answers 400 there: the request,
    /// not a page, is wrong).
    public static func searchedBookNotFound(_ name: String) -> KioskError {
        KioskError(status: 400, key: "badrequest", message: "notfound.nobook", arguments: ["name": .text(name)])
    }

    /// 404: the book has no entry at `path`; offers a search for the words of the path.
    public static func entryNotFound(book: Book, path: String) -> KioskError {
        var error = KioskError(status: 404, key: "notfound", arguments: ["book": .text(book.title)])
        error.search = (ErrorRenderer.searchWords(fromPath: path), book.name)
        return error
    }

    /// 500: the entry exists but its data can't be read (a damaged file).
    public static func damaged(book: Book, path: String, detail: String) -> KioskError {
        var error = KioskError(status: 500, key: "error.damaged", arguments: ["book": .text(book.title)])
        error.logMessage = "\(book.name)/\(path) can't be read: \(detail)"
        error.logCause = "damaged " + book.name
        return error
    }

    /// 500: the entry's redirects lead back to themselves, or on for too long.
    public static func redirectLoop(book: Book, path: String) -> KioskError {
        var error = KioskError(status: 500, key: "error.redirectloop", arguments: ["book": .text(book.title), "path": .text(path)])
        error.search = (ErrorRenderer.searchWords(fromPath: path), book.name)
        error.logMessage = "\(book.name)/\(path): its redirects form a loop"
        error.logCause = "redirect loop " + book.name
        return error
    }

    /// 405 with the methods the address accepts.
    public static func methodNotAllowed(allow: [HTTPMethod]) -> KioskError {
        var error = KioskError(status: 405, key: "error.method")
        error.headers = [("Allow", allow.map(\.rawValue).sorted().joined(separator: ", "))]
        return error
    }
}
