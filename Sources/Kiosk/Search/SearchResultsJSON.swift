import HTTPServer

/// `format=json`: the results for the landing page's own search box.
enum SearchResultsJSON {
    struct Body: Encodable {
        let pattern: String
        let total: Int
        let start: Int
        let pageLength: Int
        let timedOut: Bool
        /// Too many searches were waiting: title matches only.
        let busy: Bool
        let booksWithoutIndex: [String]
        /// The spelling correction (folded) when the query found few results; `corrected`: the
        /// results are the correction's.
        let correction: String?
        let corrected: Bool
        let results: [Result]
    }

    struct Result: Encodable {
        let book: String
        let bookTitle: String
        let path: String
        let url: String
        let title: String
        let snippet: String
        let wordCount: Int
        let titleMatch: Bool
    }

    static func render(query: SearchRequest, outcome: SearchOutcome) -> Response {
        let results = outcome.hits.map {
            Result(book: $0.book.name, bookTitle: $0.book.title, path: $0.path,
                   url: URLPath.content(book: $0.book.name, path: $0.path), title: $0.title, snippet: $0.snippet.markup,
                   wordCount: $0.wordCount, titleMatch: $0.isTitleMatch)
        }
        return Response.json(JSONText.encode(Body(
            pattern: query.pattern, total: outcome.total, start: query.start, pageLength: query.pageLength,
            timedOut: outcome.timedOut, busy: outcome.busy, booksWithoutIndex: outcome.booksWithoutIndex.map(\.name),
            correction: outcome.correction?.query, corrected: outcome.correctionApplied, results: results)))
    }
}
