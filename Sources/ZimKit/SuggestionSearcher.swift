import CZim
import Synchronization

/// Title suggestions for one archive (libzim's `zim::SuggestionSearcher`): the Xapian title index
/// when the archive has one, else libzim's title-prefix range.
///
/// Not thread-safe in libzim; this one serialises its own calls (see `FullTextSearcher`).
///
/// `@unchecked Sendable`: every use of `handle` happens inside `lock.withLock`; `archive` is
/// thread-safe (libzim archive.h).
public final class SuggestionSearcher: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = Mutex(())
    /// The archive searched (kept alive as long as the searcher).
    public let archive: Archive

    /// Prepares suggestions for `archive`.
    public init(archive: Archive) throws(ZimError) {
        var opened: OpaquePointer? = nil
        try czimCall { czim_suggester_new(archive.handle, &opened, $0) }
        guard let opened else { throw ZimError(code: .unknown, message: "czim_suggester_new returned nothing") }
        self.handle = opened
        self.archive = archive
    }

    deinit { czim_suggester_free(handle) }

    /// Suggestions `start..<start+maxResults` for what the visitor typed, best first. `snippet`
    /// holds the title with the matched words in `<b>` when libzim gives one. `estimatedMatches`
    /// is 0 unless `countingMatches`: libzim counts with a second Xapian query, measured at 16 %
    /// of a suggestion's instructions (callgrind), and no caller shows the count.
    public func suggest(_ term: String, start: Int = 0, maxResults: Int = 10,
                        countingMatches: Bool = false) throws(ZimError) -> SearchResults {
        let first = UInt32(clamping: max(start, 0))
        let count = UInt32(clamping: max(maxResults, 0))
        return try lock.withLock { _ throws(ZimError) in
            try SearchResults.collect { results, size, estimated, message in
                czim_suggester_suggest(handle, term, first, count, results, size, countingMatches ? estimated : nil, message)
            }
        }
    }
}
