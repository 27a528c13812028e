import CZim

/// One hit of a full-text search or a title suggestion, copied out of libzim.
public struct SearchResult: Sendable, Hashable {
    /// The entry's path in its archive.
    public let path: String
    /// The entry's title.
    public let title: String
    /// A few sentences around the matched words, matched words in `<b>…</b>` (libzim's HTML-escaped
    /// text); empty when not asked for or not available.
    public let snippet: String
    /// Xapian's relevance percentage (full-text searches), 0 for suggestions.
    public let score: Int
    /// Words in the article (full-text searches), -1 when unknown, 0 for suggestions.
    public let wordCount: Int
    /// libzim's internal entry index (see `Entry.index`), nil when libzim could not tell.
    public let entryIndex: UInt32?

    /// Creates a result (ZimKit makes these; public for fakes and merged result lists).
    public init(path: String, title: String, snippet: String = "", score: Int = 0, wordCount: Int = 0,
                entryIndex: UInt32? = nil) {
        self.path = path
        self.title = title
        self.snippet = snippet
        self.score = score
        self.wordCount = wordCount
        self.entryIndex = entryIndex
    }

    /// Copies one CZim result.
    init(_ raw: czim_search_result) {
        self.init(path: raw.path.map { String(cString: $0) } ?? "",
                  title: raw.title.map { String(cString: $0) } ?? "",
                  snippet: raw.snippet.map { String(cString: $0) } ?? "",
                  score: Int(raw.score), wordCount: Int(raw.word_count),
                  entryIndex: raw.index == UInt32.max ? nil : raw.index)
    }
}

/// A page of results and libzim's estimate of how many there are in all.
public struct SearchResults: Sendable {
    /// The hits of the requested page, best first.
    public let results: [SearchResult]
    /// libzim's (Xapian's) estimate of the total number of matches.
    public let estimatedMatches: Int

    /// Creates a page of results.
    public init(results: [SearchResult], estimatedMatches: Int) {
        self.results = results
        self.estimatedMatches = estimatedMatches
    }

    /// Runs a CZim search call that hands out a malloc'd result array, and copies it.
    static func collect(
        _ call: (UnsafeMutablePointer<UnsafeMutablePointer<czim_search_result>?>, UnsafeMutablePointer<Int>,
                 UnsafeMutablePointer<UInt32>, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> czim_code
    ) throws(ZimError) -> SearchResults {
        var array: UnsafeMutablePointer<czim_search_result>? = nil
        var count = 0
        var estimated: UInt32 = 0
        try czimCall { message in call(&array, &count, &estimated, message) }
        defer { czim_search_results_free(array, count) }
        let results = (0..<count).map { SearchResult(array![$0]) }
        return SearchResults(results: results, estimatedMatches: Int(estimated))
    }
}
