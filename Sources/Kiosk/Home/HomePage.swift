import HTTPServer

/// `/`: the list of books, plain and fast (the captive landing page builds on it later).
struct HomePage: Sendable {
    let context: KioskContext

    func handle(_ request: Request, _ segments: ArraySlice<String>) -> Response {
        guard segments.allSatisfy(\.isEmpty) else { return ErrorPages.notFound(request: request, context: context) }
        let language = context.language(for: request)
        let l = context.localizer
        let books = context.library.books
        var items = ""
        for book in books {
            let link = URLPath.content(book: book.name, path: "")
            let icon = book.illustrationSizes.isEmpty ? "" :
                "<img src=\"/catalog/v2/illustration/\(URLPath.encodeSegment(book.name))?size=48\" alt=\"\">"
            items += """
                <li>\(icon)<div><a href="\(link.htmlEscaped)" lang="\(Self.htmlLanguage(book.language))">\
                \(book.title.htmlEscaped)</a>\
                <div>\(book.description.htmlEscaped)</div>\
                <div class="meta">\(book.articleCount) \(l.text("book.articles", language).htmlEscaped)</div></div></li>

                """
        }
        let other = l.text("language.other", language)
        let body = """
            <p><a href="/?lang=\(other)" lang="\(other)">\(l.text("language.switch", language).htmlEscaped)</a></p>
            <h1>\(l.text("home.title", language).htmlEscaped)</h1>
            <p>\(l.text("home.intro", language).htmlEscaped)</p>
            <h2>\(l.text("home.books", language).htmlEscaped)</h2>
            \(books.isEmpty ? "<p>\(l.text("home.empty", language).htmlEscaped)</p>" : "<ul class=\"books\">\n\(items)</ul>")
            """
        var response = Response.html(PageShell.render(title: l.text("home.title", language), language: language, body: body))
        response.headers.set("Cache-Control", "no-cache")
        response.headers.set("Content-Language", language)
        response.headers.set("Vary", "Accept-Language")
        return response
    }

    /// ZIM languages are ISO 639-3 (`fra`); HTML wants BCP 47 (`fr`) where one exists.
    static func htmlLanguage(_ zimLanguage: String) -> String {
        let first = String(zimLanguage.split(separator: ",").first ?? "")
        return LanguageCodes.bcp47(fromISO6393: first) ?? first
    }
}
