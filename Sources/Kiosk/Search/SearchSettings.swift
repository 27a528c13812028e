import Foundation

/// Tuning of search and suggestions.
public struct SearchSettings: Sendable {
    /// Seconds a full-text search may take before the visitor gets what was found plus title
    /// matches.
    public var timeBudget: TimeInterval = 2
    /// libzim searchers kept per book (each opens the Xapian index once): the number of searches
    /// that run at once on one book.
    public var searchersPerBook = max(2, ProcessInfo.processInfo.activeProcessorCount)
    /// Books with more titles than this get no folded title index (about 30 bytes per title;
    /// see `TitleIndex`). 0 switches the index off.
    public var titleIndexMaxTitles = 1_000_000
    /// Full-text result pages remembered (by book, folded query and page).
    public var cachedPages = 256

    public init() {}
}
