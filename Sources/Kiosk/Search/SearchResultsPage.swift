import HTTPServer

/// The HTML results page: a search box, the count, results with snippet and book, and paging
/// links. Plain HTML and CSS so it works with no JavaScript on old phones.
enum SearchResultsPage {
    static func render(query: SearchRequest, books: [Book], outcome: SearchOutcome, language: String,
                       context: KioskContext) -> Response {
        let l = context.strings
        func t(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String { l.text(key, language, arguments) }
        var body = """
            <p><a href="/">\(t("notfound.home").htmlEscaped)</a></p>
            <form method="GET" action="/search">
            \(query.names.map { "<input type=\"hidden\" name=\"books.name\" value=\"\($0.htmlEscaped)\">" }.joined())\
            \(query.ids.map { "<input type=\"hidden\" name=\"books.id\" value=\"\($0.htmlEscaped)\">" }.joined())
            <input type="search" name="pattern" value="\(query.pattern.htmlEscaped)" aria-label="\(t("search.button").htmlEscaped)">
            <button type="submit">\(t("search.button").htmlEscaped)</button>
            </form>

            """
        for book in outcome.booksWithoutIndex {
            body += "<p class=\"notice\">\(t("search.noindex", ["book": .text(book.title)]).htmlEscaped)</p>\n"
        }
        if outcome.timedOut {
            body += "<p class=\"notice\">\(t("search.partial").htmlEscaped)</p>\n"
        }
        if outcome.busy {
            body += "<p class=\"notice\">\(t("search.busy").htmlEscaped)</p>\n"
        }
        let pattern = query.pattern
        if pattern.trimmingCharacters(in: .whitespaces).isEmpty {
            body += "<p>\(t("search.empty").htmlEscaped)</p>\n"
        } else if outcome.hits.isEmpty {
            body += "<h1>\(t("search.none", ["query": .text(pattern)]).htmlEscaped)</h1>\n"
        } else {
            let first = query.start + 1
            let last = query.start + outcome.hits.count
            let header = t("search.count", ["first": .number(first), "last": .number(last),
                                            "count": .number(outcome.total), "query": .text(pattern)])
            body += "<h1 class=\"header\">\(header.htmlEscaped)</h1>\n<ul class=\"results\">\n"
            for hit in outcome.hits {
                let link = URLPath.content(book: hit.book.name, path: hit.path)
                body += "<li><a href=\"\(link.htmlEscaped)\">\(hit.title.htmlEscaped)</a>"
                if !hit.snippet.isEmpty { body += "<cite>\(hit.snippet)</cite>" }
                body += "<div class=\"book-title\">\(t("search.from", ["book": .text(hit.book.title)]).htmlEscaped)</div>"
                if hit.wordCount > 0 {
                    body += "<div class=\"informations\">\(t("search.words", ["count": .number(hit.wordCount)]).htmlEscaped)</div>"
                }
                body += "</li>\n"
            }
            body += "</ul>\n" + pager(query: query, total: outcome.total, language: language, context: context)
        }
        let title = t("search.title", ["query": .text(pattern)])
        var response = Response.page(VisitorPage.render(title: title, language: language, body: HTML(trusted: body + style)),
                                     language: language)
        response.headers.set("Content-Language", language)
        return response
    }

    /// "Previous", numbered pages around the current one, "Next".
    static func pager(query: SearchRequest, total: Int, language: String, context: KioskContext) -> String {
        let size = max(query.pageLength, 1)
        let pages = (total + size - 1) / size
        guard pages > 1 else { return "" }
        let current = query.start / size
        var links: [String] = []
        if current > 0 {
            links.append("<a rel=\"prev\" href=\"\(query.link(start: (current - 1) * size + 1).htmlEscaped)\">\(context.strings.text("search.previous", language).htmlEscaped)</a>")
        }
        for page in max(0, current - 4)...min(pages - 1, current + 4) {
            if page == current {
                links.append("<span class=\"selected\">\(page + 1)</span>")
            } else {
                links.append("<a href=\"\(query.link(start: page * size + 1).htmlEscaped)\">\(page + 1)</a>")
            }
        }
        if current < pages - 1 {
            links.append("<a rel=\"next\" href=\"\(query.link(start: (current + 1) * size + 1).htmlEscaped)\">\(context.strings.text("search.next", language).htmlEscaped)</a>")
        }
        return "<nav class=\"footer\">" + links.joined(separator: " ") + "</nav>\n"
    }

    static let style = """
        <style>ul.results{list-style:none;padding:0}ul.results li{margin:.9rem 0}\
        ul.results a{font-size:1.1rem}cite{display:block;font-style:normal;word-wrap:break-word}\
        .book-title{color:#662200;font-size:.9rem}.informations{color:#388222;font-size:.9rem}\
        .notice{background:#fef6e7;border:1px solid #fc3;padding:.5rem}\
        nav.footer a,nav.footer span{display:inline-block;padding:.3rem .6rem}.selected{font-weight:bold}\
        input[type=search]{width:60%;font-size:1rem;padding:.3rem}</style>
        """
}
