import Dispatch
import Foundation
import Synchronization
import ZimKit

/// What search keeps per book: pools of libzim searchers and the folded title index.
final class BookSearchState: Sendable {
    let book: Book
    /// Nil when the book has no full-text index.
    let searchers: Pool<FullTextSearcher>?
    let suggesters: Pool<SuggestionSearcher>
    /// Suggestion lists by limit and folded term (`SearchService.titleSuggestions`).
    let suggestions: LRUCache<[SearchResult]>
    private let titles = Mutex<TitleIndexState>(.notStarted)
    private let titlesReady = DispatchSemaphore(value: 0)
    private let maxTitles: Int

    private enum TitleIndexState {
        case notStarted, building, ready(TitleIndex), unavailable
    }

    init(book: Book, settings: SearchSettings) {
        self.book = book
        let archive = book.archive
        searchers = archive.hasFulltextIndex
            ? Pool(capacity: settings.searchersPerBook) { try? FullTextSearcher(archive: archive) } : nil
        suggesters = Pool(capacity: settings.searchersPerBook) { try? SuggestionSearcher(archive: archive) }
        maxTitles = settings.titleIndexMaxTitles
        suggestions = LRUCache(capacity: settings.cachedSuggestions)
    }

    /// The title index is built or known to be unavailable (no longer being built).
    var titleIndexSettled: Bool {
        titles.withLock {
            switch $0 {
            case .ready, .unavailable: true
            case .notStarted, .building: false
            }
        }
    }

    /// The folded title index, built on first use on a background thread; waits for it at most
    /// `wait` seconds (nil meanwhile, and for books too big for an index).
    func titleIndex(wait: TimeInterval = 1) -> TitleIndex? {
        let start: Bool = titles.withLock { state in
            if case .notStarted = state {
                state = maxTitles > 0 ? .building : .unavailable
                return maxTitles > 0
            }
            return false
        }
        if start {
            let thread = Thread { [self] in
                let index = TitleIndex.build(archive: book.archive, maxTitles: maxTitles)
                titles.withLock { $0 = index.map { .ready($0) } ?? .unavailable }
                titlesReady.signal()
            }
            thread.name = "title-index"
            thread.start()
        }
        if let ready = current() { return ready }
        guard wait > 0, isBuilding() else { return nil }
        if titlesReady.wait(timeout: .now() + wait) == .success { titlesReady.signal() }
        return current()
    }

    private func current() -> TitleIndex? {
        titles.withLock { if case .ready(let index) = $0 { return index } else { return nil } }
    }

    private func isBuilding() -> Bool {
        titles.withLock { if case .building = $0 { return true } else { return false } }
    }
}
