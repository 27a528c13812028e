/// One line of a results page: an article of a book.
public struct SearchHit: Sendable {
    public let book: Book
    public let path: String
    public let title: String
    /// The passage where the query's words appear (escaped text, matched words in `<b>`; see
    /// `Snippet`), may be empty.
    public let snippet: HTML
    /// Words in the article, 0 when unknown.
    public let wordCount: Int
    /// Xapian's relevance percentage (0 for title matches).
    public let score: Int
    /// Found by title rather than by the full-text index.
    public let isTitleMatch: Bool

    /// The same hit with `snippet`.
    func with(snippet: HTML) -> SearchHit {
        SearchHit(book: book, path: path, title: title, snippet: snippet, wordCount: wordCount, score: score,
                  isTitleMatch: isTitleMatch)
    }
}

/// A page of search results and what the visitor should be told about it.
public struct SearchOutcome: Sendable {
    /// The requested page.
    public let hits: [SearchHit]
    /// Estimated number of results in all.
    public let total: Int
    /// The time budget ran out: the page holds what was found, plus title matches.
    public let timedOut: Bool
    /// Books searched by title only, having no full-text index.
    public let booksWithoutIndex: [Book]
    /// Too many searches were waiting: the page holds title matches only, found at once.
    public var busy = false
    /// A spelling correction of the query, when it found few results and the correction finds more.
    public var correction: SpellingCorrection?
    /// Estimated results per book name (books with none left out): the results page's filters.
    public var perBook: [String: Int] = [:]
    /// The hits are the correction's (the query found nothing and the correction was clear).
    public var correctionApplied = false
}
