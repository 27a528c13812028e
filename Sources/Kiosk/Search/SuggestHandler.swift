import HTTPServer

/// `/suggest?content=<book>&term=…&count=…`: title suggestions as kiwix-serve 3.3.0 gives them
/// (`value`, HTML-escaped `label` with the match in `<b>`, `kind: "path"`, `path`), then a
/// "containing '…'" entry of kind `pattern`. Without `content` (or with several `books.name`),
/// suggests across every book, each suggestion naming its `book`.
struct SuggestHandler: Sendable {
    let context: KioskContext
    let service: SearchService

    static let defaultCount = 10
    static let maxCount = 50

    func handle(_ request: Request, _ segments: ArraySlice<String>) -> Response {
        guard segments.allSatisfy(\.isEmpty) else { return ErrorPages.notFound(request: request, context: context) }
        let term = request.query["term"] ?? ""
        let countText = request.query["count"] ?? ""
        guard let count = countText.isEmpty ? Self.defaultCount : Int(countText), count >= 0 else {
            return Response.text("Bad request: count must be a number.\n", status: 400)
        }
        let limit = min(count, Self.maxCount)
        let names = request.query.all("content") + request.query.all("books.name")
        var books: [Book] = []
        for name in names where !name.isEmpty {
            guard let book = context.library.book(nameOrID: name) else {
                return ErrorPages.bookNotFound(name, request: request, context: context)
            }
            books.append(book)
        }
        let crossBook = books.count != 1
        if books.isEmpty { books = SearchHandler.defaultBooks(context.library.books, language: context.language(for: request)) }
        books = SearchHandler.unique(books)
        let words = TextFolding.words(term)
        var items: [String] = []
        var left = limit
        for book in books where left > 0 {
            for result in service.suggest(term, in: book, limit: left) {
                let label = Highlight.bold(result.title, words: words)
                var item = "  {\n    \"value\" : \(Self.json(result.title)),\n    \"label\" : \(Self.json(label.htmlEscaped)),\n"
                item += "    \"kind\" : \"path\"\n      , \"path\" : \(Self.json(result.path))"
                if crossBook {
                    item += ",\n    \"book\" : \(Self.json(book.name)),\n    \"url\" : \(Self.json(URLPath.content(book: book.name, path: result.path)))"
                }
                items.append(item + "\n  }")
                left -= 1
            }
        }
        context.usage.record(UsageEvent(.suggestion(book: crossBook ? "*" : books.first?.name ?? ""), from: request))
        let language = context.language(for: request)
        let containing = context.strings.text("suggest.containing", language, ["words": .text(term)])
        items.append("  {\n    \"value\" : \(Self.json(term + " ")),\n    \"label\" : \(Self.json(containing.htmlEscaped)),\n    \"kind\" : \"pattern\"\n    \n  }")
        var response = Response.json(Array(("[\n" + items.joined(separator: ",\n") + "\n]\n").utf8))
        response.headers.set("Content-Type", "application/json; charset=utf-8")
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// A JSON string literal.
    static func json(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
