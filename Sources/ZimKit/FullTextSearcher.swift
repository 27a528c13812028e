import CZim
import Synchronization

/// A full-text searcher over one archive's Xapian index (libzim's `zim::Searcher`).
///
/// libzim's searchers are not thread-safe; this one serialises its own calls, so it may be shared,
/// but two searches on one searcher run one after the other. For concurrent searches on a book,
/// keep several searchers (each opens its own Xapian database).
///
/// `@unchecked Sendable`: every use of `handle` happens inside `lock.withLock`, so libzim's
/// "one thread at a time per searcher" rule holds; `archive` (kept alive for the handle) is
/// itself thread-safe.
public final class FullTextSearcher: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = Mutex(())
    /// The archive searched (kept alive as long as the searcher).
    public let archive: Archive

    /// Opens the archive's full-text index. Throws `.noIndex` when it has none.
    public init(archive: Archive) throws(ZimError) {
        var opened: OpaquePointer? = nil
        try czimCall { czim_searcher_new(archive.handle, &opened, $0) }
        guard let opened else { throw ZimError(code: .unknown, message: "czim_searcher_new returned nothing") }
        self.handle = opened
        self.archive = archive
    }

    deinit { czim_searcher_free(handle) }

    /// The hits `start..<start+maxResults` for `query` (Xapian query syntax, the archive's
    /// language for stemming), best first, with snippets when `snippets` is true.
    public func search(_ query: String, start: Int = 0, maxResults: Int = 25,
                       snippets: Bool = true) throws(ZimError) -> SearchResults {
        let first = UInt32(clamping: max(start, 0))
        let count = UInt32(clamping: max(maxResults, 0))
        return try lock.withLock { _ throws(ZimError) in
            try SearchResults.collect { results, size, estimated, message in
                czim_searcher_search(handle, query, first, count, snippets, results, size, estimated, message)
            }
        }
    }
}
