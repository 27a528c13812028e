import HTTPServer

/// The HTML results page: a search box, the count, results with snippet and book, and paging
/// links. Plain HTML and CSS so it works with no JavaScript on old phones.
enum SearchResultsPage {
    static func render(query: SearchRequest, books: [Book], outcome: SearchOutcome, language: String,
                       context: KioskContext) -> Response {
        let strings = context.strings
        func t(_ key: String, _ arguments: [String: TextArgument] = [:]) -> HTML { strings.html(key, language, arguments) }
        let hidden: [HTML] = query.names.map { "<input type=\"hidden\" name=\"books.name\" value=\"\($0)\">" }
            + query.ids.map { "<input type=\"hidden\" name=\"books.id\" value=\"\($0)\">" }
        var body: HTML = """
            <p><a href="/">\(t("notfound.home"))</a></p>
            <form method="GET" action="/search">
            \(hidden)
            <input type="search" id="wkq" name="pattern" value="\(query.pattern)" aria-label="\(t("search.button"))" \
            autocomplete="off" list="wkl" data-book="\(books.count == 1 ? books[0].name : "")"><datalist id="wkl"></datalist>
            <button type="submit">\(t("search.button"))</button>
            </form><script src="\(LandingAssets.toolbarScriptURL)" defer></script>

            """
        if query.isMissingArticle, !query.pattern.isEmpty {
            body += "<p class=\"notice\">\(t("outside.missing", ["title": .text(query.pattern)]))</p>\n"
        }
        for book in outcome.booksWithoutIndex {
            body += "<p class=\"notice\">\(t("search.noindex", ["book": .text(book.title)]))</p>\n"
        }
        if outcome.timedOut { body += "<p class=\"notice\">\(t("search.partial"))</p>\n" }
        if outcome.busy { body += "<p class=\"notice\">\(t("search.busy"))</p>\n" }
        let pattern = query.pattern
        let filters = SearchFilterLinks(query: query, books: books, perBook: outcome.perBook)
        if let correction = outcome.correction, outcome.correctionApplied {
            body += spellingNotice(correction, applied: true, query: query, language: language, strings: strings)
        }
        if pattern.trimmingCharacters(in: .whitespaces).isEmpty {
            body += "<p>\(t("search.empty"))</p>\n"
        } else if outcome.hits.isEmpty {
            body += "<h1>\(t("search.none", ["query": .text(pattern)]))</h1>\n"
            body += filters.render(language: language, strings: strings)
            if let correction = outcome.correction {
                body += spellingNotice(correction, applied: false, query: query, language: language, strings: strings)
            }
        } else {
            if let correction = outcome.correction, !outcome.correctionApplied {
                body += spellingNotice(correction, applied: false, query: query, language: language, strings: strings)
            }
            let shown = outcome.correctionApplied ? outcome.correction?.query ?? pattern : pattern
            let header = t("search.count", ["first": .number(query.start + 1), "last": .number(query.start + outcome.hits.count),
                                            "count": .number(outcome.total), "query": .text(shown)])
            let languages = Set(books.map { LanguageCodes.htmlLanguage(ofZimLanguage: $0.language) })
            let items: [HTML] = outcome.hits.map { hit in
                let bookLanguage: HTML = languages.count > 1
                    ? " · " + LanguageCodes.nameElement(ofZimLanguage: hit.book.language) : .empty
                let snippet: HTML = hit.snippet.isEmpty ? .empty : "<cite>\(hit.snippet)</cite>"
                let words: HTML = hit.wordCount > 0
                    ? "<div class=\"informations\">\(t("search.words", ["count": .number(hit.wordCount)]))</div>" : .empty
                return """
                    <li><a href="\(URLPath.content(book: hit.book.name, path: hit.path))">\(hit.title)</a>\(snippet)\
                    <div class="book-title">\(t("search.from", ["book": .text(hit.book.title)]))\(bookLanguage)</div>\(words)</li>\n
                    """
            }
            body += "<h1 class=\"header\">\(header)</h1>\n" + filters.render(language: language, strings: strings)
            body += "<ul class=\"results\">\n\(items)</ul>\n"
            body += pager(query: query, total: outcome.total, language: language, strings: strings)
        }
        let title = strings.text("search.title", language, ["query": .text(pattern)])
        return Response.page(VisitorPage.render(title: title, language: language, body: body, style: style, dark: dark), language: language)
    }

    /// "Did you mean: <correction>?" (a link to its search), or, when the results shown are the
    /// correction's, which words they are for and a link to search the words as typed.
    static func spellingNotice(_ correction: SpellingCorrection, applied: Bool, query: SearchRequest, language: String,
                               strings: StringCatalog) -> HTML {
        if applied {
            let original: HTML = "<a href=\"\(query.link(start: 0) + "&nocorrect=1")\">\(strings.html("search.original", language, ["query": .text(query.pattern)]))</a>"
            return "<p class=\"spelling\">\(strings.html("search.corrected", language, ["correction": .text(correction.query)])) \(original)</p>\n"
        }
        let link = query.link(start: 0, pattern: correction.query) + "&corrects=" + URLPath.encodeQueryValue(query.pattern)
        let markup: HTML = "<a href=\"\(link)\"><b>\(correction.query)</b></a>"
        return "<p class=\"spelling\">\(strings.html("search.didyoumean", language, markup: ["correction": markup]))</p>\n"
    }

    /// "Previous", numbered pages around the current one, "Next".
    static func pager(query: SearchRequest, total: Int, language: String, strings: StringCatalog) -> HTML {
        let size = max(query.pageLength, 1)
        let pages = (total + size - 1) / size
        guard pages > 1 else { return .empty }
        let current = query.start / size
        var links: [HTML] = []
        if current > 0 {
            links.append("<a rel=\"prev\" href=\"\(query.link(start: (current - 1) * size))\">\(strings.html("search.previous", language))</a>")
        }
        for page in max(0, current - 4)...min(pages - 1, current + 4) {
            links.append(page == current
                ? "<span class=\"selected\">\(page + 1)</span>"
                : "<a href=\"\(query.link(start: page * size))\">\(page + 1)</a>")
        }
        if current < pages - 1 {
            links.append("<a rel=\"next\" href=\"\(query.link(start: (current + 1) * size))\">\(strings.html("search.next", language))</a>")
        }
        return "<nav class=\"footer\">\(links.joined(separator: " "))</nav>\n"
    }

    static let style: HTML = """
        ul.results{list-style:none;padding:0}ul.results li{margin:.9rem 0}\
        ul.results a{font-size:1.1rem;display:inline-block;padding:.55rem 0;min-height:2.75rem}cite{display:block;font-style:normal;word-wrap:break-word}\
        .book-title{color:#662200;font-size:.9rem}.informations{color:#388222;font-size:.9rem}\
        .notice{background:#fef6e7;border:1px solid #fc3;padding:.5rem}\
        nav.filters p{margin:.3rem 0}nav.filters a{display:inline-block;padding:.55rem .2rem;min-height:2.75rem}\
        .spelling{font-size:1.1rem}.spelling a{display:inline-block;padding:.55rem 0;min-height:2.75rem}\
        nav.footer a,nav.footer span{display:inline-block;padding:.6rem .6rem;min-width:2.75rem;min-height:2.75rem;\
        text-align:center}.selected{font-weight:bold}\
        input[type=search]{width:60%;font-size:1rem;padding:.3rem;min-height:2.75rem}\
        button{min-height:2.75rem;min-width:2.75rem}
        """

    static let dark: HTML = """
        .book-title{color:#f0a77a}.informations{color:#8fd47a}.notice{background:#3a2f12;border-color:#8a6d1a}
        """
}
