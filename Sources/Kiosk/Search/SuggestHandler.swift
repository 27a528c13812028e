import HTTPServer
import ZimKit

/// `/suggest?content=<book>&term=…&start=…&count=…`: title suggestions as libkiwix 14.2 gives them
/// (`value`, HTML-escaped `label` with the match in `<b>`, `kind: "path"`, `path`), then a
/// "containing '…'" entry of kind `pattern`. Without `content` (or with several `books.name`),
/// suggests across every book (the visitor's language first), each suggestion naming its `book`,
/// and, when several books suggest, the book's short name (`bookTitle`).
struct SuggestHandler: Sendable {
    let context: KioskContext
    let service: SearchService

    static let defaultCount = 10
    static let maxCount = 50
    /// Suggestions further than this (`start` + `count`) are not looked for: a list that long is
    /// not typed through.
    static let maxReach = 500

    func handle(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> Response {
        guard segments.isEmpty else { throw .notFound }
        let term = request.query["term"] ?? ""
        let countText = request.query["count"] ?? ""
        guard let count = countText.isEmpty ? Self.defaultCount : Int(countText), count >= 0 else {
            throw .invalidParameter("count", expects: "badrequest.number")
        }
        let startText = request.query["start"] ?? ""
        guard let start = startText.isEmpty ? 0 : Int(startText), start >= 0 else {
            throw .invalidParameter("start", expects: "badrequest.number")
        }
        let reach = min(start + min(count, Self.maxCount), Self.maxReach)
        let names = request.query.all("content") + request.query.all("books.name")
        var books: [Book] = []
        for name in names where !name.isEmpty {
            guard let book = context.library.book(nameOrID: name) else { throw .bookNotFound(name) }
            books.append(book)
        }
        let crossBook = books.count != 1
        if books.isEmpty {
            books = BookCards.ordered(context.library.books, language: context.language(for: request),
                                      main: context.settings.current.mainBooks)
        }
        books = SearchHandler.unique(books)
        let words = TextFolding.words(term)
        var found: [(Book, SearchResult)] = []
        for book in books where found.count < reach {
            found += service.suggest(term, in: book, limit: reach - found.count).map { (book, $0) }
        }
        found = Array(found.dropFirst(start))
        let labels = Self.shortNames(Set(found.map(\.0.name)).count > 1 ? found.map(\.0) : [])
        let items: [Suggestion] = found.map { book, result in
            // kiwix-serve escapes the highlighted label once more: clients unescape it.
            let label = HTML.escape(Highlight.bold(result.title, words: words).markup)
            return Suggestion(value: result.title, label: label, kind: "path", path: result.path,
                              book: crossBook ? book.name : nil,
                              url: crossBook ? URLPath.content(book: book.name, path: result.path) : nil,
                              bookTitle: labels[book.name])
        }
        context.usage.record(UsageEvent(.suggestion(book: crossBook ? "*" : books.first?.name ?? ""), from: request))
        let containing = context.strings.text("suggest.containing", context.language(for: request), ["words": .text(term)])
        let pattern = Suggestion(value: term + " ", label: HTML.escape(containing), kind: "pattern")
        var response = Response.json(JSONText.encode(items + [pattern]))
        response.headers.set("Content-Type", "application/json; charset=utf-8")
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// One entry of the answer, with kiwix-serve's field names.
    struct Suggestion: Encodable {
        let value: String
        /// HTML, escaped once more (as kiwix-serve sends it).
        let label: String
        /// `path` for an article, `pattern` for the "containing …" full-text search.
        let kind: String
        var path: String? = nil
        /// Only across books: the book's name and the article's address.
        var book: String? = nil
        var url: String? = nil
        /// Only when several books suggest: the book's short name, to tell "Volcan" of one
        /// book from "Volcan" of another.
        var bookTitle: String? = nil
    }

    /// Short names of `books` by book name: the title, and the language's own name after it
    /// when two of them share a title ("Wikipédia · Français").
    static func shortNames(_ books: [Book]) -> [String: String] {
        var byTitle: [String: Set<String>] = [:]
        for book in books { byTitle[book.title, default: []].insert(book.name) }
        var names: [String: String] = [:]
        for book in books {
            let code = String(book.language.split(separator: ",").first ?? "")
            let shared = (byTitle[book.title]?.count ?? 0) > 1 && !code.isEmpty
            names[book.name] = shared ? book.title + " · " + LanguageCodes.name(ofISO6393: code) : book.title
        }
        return names
    }
}
