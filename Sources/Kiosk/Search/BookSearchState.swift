import Dispatch
import Foundation
import Synchronization
import ZimKit

/// What search keeps per book: pools of libzim searchers, the folded title index and the
/// spelling dictionary (both built in the background as soon as the book is first searched, so
/// they are ready for the first typo).
final class BookSearchState: Sendable {
    let book: Book
    /// Nil when the book has no full-text index.
    let searchers: Pool<FullTextSearcher>?
    let suggesters: Pool<SuggestionSearcher>
    /// Suggestion lists by limit and folded term (`SearchService.titleSuggestions`).
    let suggestions: LRUCache<[SearchResult]>
    /// The folded title index (`TitleIndex`).
    private let titles: BackgroundBuild<TitleIndex>
    /// The spelling dictionary of the book's title words (`SpellingDictionary.of(_:in:)`).
    private let spelling: BackgroundBuild<SpellingDictionary>

    init(book: Book, settings: SearchSettings) {
        self.book = book
        let archive = book.archive
        searchers = archive.hasFulltextIndex
            ? Pool(capacity: settings.searchersPerBook) { try? FullTextSearcher(archive: archive) } : nil
        suggesters = Pool(capacity: settings.searchersPerBook) { try? SuggestionSearcher(archive: archive) }
        let store = BookIndexStore(directory: settings.indexDirectory, log: settings.indexLog)
        titles = BackgroundBuild(name: "title-index", enabled: settings.titleIndex) { TitleIndex.of(book, in: store) }
        spelling = BackgroundBuild(name: "spelling", enabled: settings.spellingCorrection) {
            SpellingDictionary.of(book, in: store)
        }
        suggestions = LRUCache(capacity: settings.cachedSuggestions)
    }

    /// Starts building the indexes in the background (`SearchService` calls it once the state
    /// is the book's: a state that lost a race builds nothing).
    func startBuilding() {
        _ = titles.value(wait: 0)
        _ = spelling.value(wait: 0)
    }

    /// The title index is built or known to be unavailable (no longer being built).
    var titleIndexSettled: Bool { titles.isSettled }

    /// The folded title index, built on first use on a background thread; waits for it at most
    /// `wait` seconds (nil meanwhile, and when it could not be built).
    func titleIndex(wait: TimeInterval = 1) -> TitleIndex? { titles.value(wait: wait) }

    /// The spelling dictionary is built or known to be unavailable.
    var spellingSettled: Bool { spelling.isSettled }

    /// The spelling dictionary, read or built on first use on a background thread; waits for it
    /// at most `wait` seconds (nil meanwhile, and when correction is off).
    func spellingDictionary(wait: TimeInterval = 0) -> SpellingDictionary? { spelling.value(wait: wait) }
}
