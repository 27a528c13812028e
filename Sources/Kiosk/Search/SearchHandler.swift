import HTTPServer

/// `/search`: full-text search over one or several books (kiwix-serve's parameters), as an HTML
/// page (no JavaScript), RSS/OpenSearch XML (`format=xml`) or JSON (`format=json`).
struct SearchHandler: Sendable {
    let context: KioskContext
    let service: SearchService

    /// Answers through `completion`: malformed requests and unknown books at once (400, as
    /// libkiwix), searches from
    /// a search thread (or at once with title matches when too many are waiting).
    func handle(_ request: Request, _ segments: ArraySlice<String>,
                completion: @escaping @Sendable (Response) -> Void) {
        if Array(segments) == ["searchdescription.xml"] { return completion(SearchDescription.response) }
        let query: SearchRequest, books: [Book]
        do {
            (query, books) = try prepare(request, segments)
        } catch {
            return completion(context.errors.response(for: error, to: request))
        }
        service.search(query.pattern, in: books, start: query.start, pageLength: query.pageLength,
                       spelling: query.keepsSpelling ? .offer : .apply) { [self] outcome in
            completion(render(request, query: query, books: books, outcome: outcome))
        }
    }

    /// The parsed query and the books it selects: those named (`books.name`, `content`,
    /// `books.id`), else those matching `books.filter.*`, else every book; the kiosk's main books
    /// first, then the visitor's language.
    private func prepare(_ request: Request, _ segments: ArraySlice<String>) throws(KioskError) -> (SearchRequest, [Book]) {
        guard segments.isEmpty else { throw .notFound }
        guard let query = SearchRequest(request.query) else {
            throw KioskError(status: 400, key: "badrequest", message: "badrequest.search")
        }
        var books: [Book] = []
        for name in query.names where !name.isEmpty {
            guard let book = context.library.book(named: name) else { throw .searchedBookNotFound(name) }
            books.append(book)
        }
        for id in query.ids where !id.isEmpty {
            guard let book = context.library.book(id: id) else { throw .searchedBookNotFound(id) }
            books.append(book)
        }
        if query.names.allSatisfy(\.isEmpty) && query.ids.allSatisfy(\.isEmpty) {
            let filter = try BookFilter(request.query, prefix: "books.filter.")
            books = BookCards.ordered(context.library.books.filter(filter.matches), language: context.language(for: request),
                                      main: context.settings.current.mainBooks)
            if books.isEmpty && !filter.isEmpty { throw KioskError(status: 400, key: "badrequest", message: "search.nobooks") }
        }
        return (query, Self.unique(books))
    }

    private func render(_ request: Request, query: SearchRequest, books: [Book], outcome: SearchOutcome) -> Response {
        let language = context.language(for: request)
        if !query.pattern.isEmpty {
            let spelling: UsageEvent.SearchSpelling = outcome.correction.map { .corrected($0.query) }
                ?? query.corrects.map { .follows(TextFolding.fold($0)) } ?? .none
            context.usage.record(UsageEvent(.search(query: TextFolding.fold(query.pattern), results: outcome.total,
                                                    books: books.map(\.name), spelling: spelling), from: request))
        }
        var response: Response
        switch query.format ?? .html {
        case .html:
            response = SearchResultsPage.render(query: query, books: books, outcome: outcome, language: language,
                                                context: context)
        case .xml:
            response = SearchResultsXML.render(query: query, books: books, outcome: outcome)
        case .json:
            response = SearchResultsJSON.render(query: query, outcome: outcome)
        }
        response.headers.set("Cache-Control", "no-store")
        if outcome.busy { response.headers.set("X-Search-Busy", "title-matches-only") }
        return response
    }

    static func unique(_ books: [Book]) -> [Book] {
        var seen = Set<String>()
        return books.filter { seen.insert($0.name).inserted }
    }
}
