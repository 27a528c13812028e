import Foundation

/// Tuning of search and suggestions.
public struct SearchSettings: Sendable {
    /// Seconds a full-text search may take before the visitor gets what was found plus title
    /// matches.
    public var timeBudget: TimeInterval = 2
    /// libzim searchers kept per book (each opens the Xapian index once): the number of searches
    /// that run at once on one book.
    public var searchersPerBook = max(2, UsableCores.count)
    /// Whether books get a folded title index (`TitleIndex`: built once per ZIM, mapped from
    /// `indexDirectory`; any number of titles).
    public var titleIndex = true
    /// Full-text result pages remembered (by book, folded query and page).
    public var cachedPages = 256
    /// Threads running searches off the web server's threads (each waits for its search's
    /// full-text results): the number of searches in progress at once. One per usable core: on
    /// one core, two search threads only interleaved, each pushing the other's clusters out of
    /// the CPU caches (8 connections: 74.5 searches/s with two, 89.2 with one; p99 134 -> 101 ms).
    public var searchThreads = UsableCores.count
    /// Seconds a search may wait for a search thread; a search not started by then is answered
    /// with title matches (marked busy). Keeps answers under load within about this plus one
    /// search, whatever the hardware.
    public var searchQueueWait: TimeInterval = 0.5
    /// Searches allowed to wait for a search thread at all (memory bound); beyond, visitors get
    /// title matches at once (marked busy).
    public var searchQueueDepth = 256
    /// How much lower the search threads' CPU priority is than the web server's (Linux nice
    /// increment, per thread): content pages and suggestions come first when the CPU is busy.
    public var searchNiceness: Int32 = 10
    /// Suggestion lists remembered per book (by term and count).
    public var cachedSuggestions = 4096
    /// Results of a page that get a snippet (the first ones; the others show title and book).
    /// A snippet costs the decompression of the article's cluster when it is not in memory:
    /// ~1 ms per result on a PC, several on a Pi, ~99 % of a search's CPU.
    public var snippetsPerPage = 10
    /// Result snippets remembered (by book, article and folded query; ~300 bytes each).
    public var cachedSnippets = 4096
    /// Articles bigger than this get no snippet (the text of a huge list page is not worth it).
    public var snippetMaxArticleBytes = 4 << 20

    /// Where books' spelling dictionaries are stored (built once per ZIM, then mapped); nil
    /// builds them in memory at each start. `KioskServer` sets `<state>/indexes`.
    public var indexDirectory: String?
    /// Where index builds are logged (nil: nowhere).
    public var indexLog: Log?
    /// Whether searches with few results are corrected ("Vouliez-vous dire…") and suggestions
    /// tolerate a typo.
    public var spellingCorrection = true
    /// A search with at most this many results looks for a correction.
    public var correctionMaxResults = 3

    public init() {}
}
