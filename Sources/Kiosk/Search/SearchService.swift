import Dispatch
import Foundation
import Synchronization
import ZimKit

/// Full-text search and title suggestions over the library's books.
///
/// - libzim searchers are not thread-safe: each book has a pool of them (`SearchSettings
///   .searchersPerBook`), so several searches on a book run at once.
/// - Every full-text search has a time budget: it runs on a worker thread and the request waits
///   at most `timeBudget`, then answers with what was found plus title matches.
/// - Searches run off libmicrohttpd's threads (`search(_:in:start:pageLength:completion:)`): a
///   fixed set of low-priority search threads (`SearchSettings.searchThreads`) takes them from a
///   queue. A search not started within `searchQueueWait` (0.5 s) gets title matches then,
///   marked `busy`, rather than a 503 or a long wait; the time budget counts from the request's
///   arrival. Waiting (not answering at once) keeps a flood of instant answers from starving
///   the searches themselves. The Xapian work itself runs on a second set of
///   low-priority threads so a search past its budget can be answered while it finishes.
/// - Ranking: articles whose folded title is the folded query come first ("etats unis" →
///   "États-Unis"), then Xapian's order.
public final class SearchService: Sendable {
    let library: Library
    let settings: SearchSettings
    private let states = Mutex<[ObjectIdentifier: BookSearchState]>([:])
    private let cache: LRUCache<SearchResults>
    /// Snippets by book, path and folded query.
    private let snippets: LRUCache<HTML>
    /// Whole searches (one per request), from a bounded queue.
    let workers: WorkerThreads
    /// Per-book Xapian searches of the requests `workers` run.
    private let runners: WorkerThreads

    public init(library: Library, settings: SearchSettings = SearchSettings()) {
        self.library = library
        self.settings = settings
        self.cache = LRUCache(capacity: settings.cachedPages)
        self.snippets = LRUCache(capacity: settings.cachedSnippets)
        let threads = max(1, settings.searchThreads)
        workers = WorkerThreads(name: "search", count: threads, queueLimit: settings.searchQueueDepth,
                                niceness: settings.searchNiceness)
        runners = WorkerThreads(name: "search-xapian", count: max(threads, settings.searchersPerBook),
                                niceness: settings.searchNiceness)
    }

    /// Ends the search threads once the searches already queued are done; later searches are
    /// answered busy (title matches). `KioskServer.stop()` calls it.
    public func stop() {
        workers.stop()
        runners.stop()
    }

    /// Search threads alive now (tests, diagnostics).
    var threadCount: Int { workers.threadCount + runners.threadCount }

    /// Runs the search on a search thread and calls `completion` there with the outcome. A
    /// search that no search thread has started within `searchQueueWait` is answered with title
    /// matches only, marked `busy` (from a timer thread); with `searchQueueDepth` searches
    /// already waiting, at once (on the caller's thread).
    /// `spelling`: what to do with a correction of a search with few results (`corrected(_:…)`).
    public func search(_ pattern: String, in books: [Book], start: Int, pageLength: Int,
                       spelling: SpellingPolicy = .apply,
                       completion: @escaping @Sendable (SearchOutcome) -> Void) {
        let arrival = DispatchTime.now()
        let deadline = arrival + settings.timeBudget
        let claim = Claim()
        let accepted = workers.submit { [self] in
            guard claim.take() else { return }  // answered with title matches meanwhile
            completion(search(pattern, in: books, start: start, pageLength: pageLength, deadline: deadline,
                              spelling: spelling))
        }
        guard accepted else { return completion(titleOnly(pattern, in: books, start: start, pageLength: pageLength)) }
        DispatchQueue.global().asyncAfter(deadline: arrival + settings.searchQueueWait) { [self] in
            guard claim.take() else { return }  // a search thread has it
            completion(titleOnly(pattern, in: books, start: start, pageLength: pageLength))
        }
    }

    /// Title matches only (exact titles first, then by prefix), from the folded title index: the
    /// quick answer when too many searches are waiting.
    func titleOnly(_ pattern: String, in books: [Book], start: Int, pageLength: Int) -> SearchOutcome {
        let folded = TextFolding.fold(pattern)
        let withoutIndex = books.filter { !$0.hasFullTextIndex }
        guard !folded.isEmpty else {
            return SearchOutcome(hits: [], total: 0, timedOut: false, booksWithoutIndex: withoutIndex)
        }
        var hits: [SearchHit] = []
        var seen = Set<String>()
        for book in books {
            let found = exactTitleHits(folded, pattern: pattern, in: book, indexWait: 0.25)
                + titleSuggestions(folded, in: book, limit: start + pageLength, wordMatches: false).map {
                    SearchHit(book: book, path: $0.path, title: $0.title, snippet: .empty, wordCount: 0, score: 0,
                              isTitleMatch: true)
                }
            for hit in found where seen.insert(hit.book.name + "/" + hit.path).inserted { hits.append(hit) }
        }
        let page = start < hits.count ? Array(hits[start..<min(hits.count, start + pageLength)]) : []
        return SearchOutcome(hits: page, total: hits.count, timedOut: false, booksWithoutIndex: withoutIndex,
                             busy: true)
    }

    /// The search state of `book`, made on first use; states of books no longer served are dropped.
    func state(for book: Book) -> BookSearchState {
        let key = ObjectIdentifier(book)
        if let existing = states.withLock({ $0[key] }) { return existing }
        let made = BookSearchState(book: book, settings: settings)
        let books = library.books
        let current = Set(books.map(ObjectIdentifier.init))
        let chosen = states.withLock { states in
            // The state holds its book, so an ObjectIdentifier key can't be reused while present.
            states = states.filter { current.contains($0.key) }
            if let raced = states[key] { return raced }
            states[key] = made
            return made
        }
        if chosen === made {
            made.startBuilding()
            // Indexes of ZIMs no longer served (an older edition replaced) go.
            BookIndexStore(directory: settings.indexDirectory).removeIndexes(keeping: Set(books.map(BookIndexStore.key)))
        }
        return chosen
    }

    // MARK: Full text

    /// Results `start..<start+pageLength` (0-based) for `pattern` over `books`.
    public func search(_ pattern: String, in books: [Book], start: Int, pageLength: Int,
                       spelling: SpellingPolicy = .apply) -> SearchOutcome {
        search(pattern, in: books, start: start, pageLength: pageLength, deadline: .now() + settings.timeBudget,
               spelling: spelling)
    }

    /// The search, waiting for full-text results until `deadline`, with its spelling correction
    /// when it finds few results.
    func search(_ pattern: String, in books: [Book], start: Int, pageLength: Int,
                deadline: DispatchTime, spelling: SpellingPolicy) -> SearchOutcome {
        let outcome = uncorrectedSearch(pattern, in: books, start: start, pageLength: pageLength, deadline: deadline)
        guard spelling != .off, !outcome.timedOut else { return outcome }
        return corrected(outcome, pattern: pattern, in: books, start: start, pageLength: pageLength, deadline: deadline,
                         policy: spelling)
    }

    /// The search as typed.
    private func uncorrectedSearch(_ pattern: String, in books: [Book], start: Int, pageLength: Int,
                                   deadline: DispatchTime) -> SearchOutcome {
        let folded = TextFolding.fold(pattern)
        let withoutIndex = books.filter { !$0.hasFullTextIndex }
        guard !folded.isEmpty, !books.isEmpty else {
            return SearchOutcome(hits: [], total: 0, timedOut: false, booksWithoutIndex: withoutIndex)
        }
        let exact = books.flatMap { exactTitleHits(folded, pattern: pattern, in: $0) }
        let depth = start + pageLength + exact.count
        let (fullText, timedOut) = fullTextHits(folded, in: books.filter(\.hasFullTextIndex), depth: depth,
                                                deadline: deadline)
        var hits = exact
        var seen = Set(exact.map { $0.book.name + "/" + $0.path })
        for hit in fullText.hits where seen.insert(hit.book.name + "/" + hit.path).inserted { hits.append(hit) }
        var titleOnly = 0
        var perBook = fullText.perBook
        for hit in exact { perBook[hit.book.name, default: 0] += 1 }
        let titleBooks = timedOut ? books : withoutIndex
        for book in titleBooks {
            let prefixed = titlePrefixHits(folded, in: book, limit: max(depth, 25))
            for hit in prefixed where seen.insert(hit.book.name + "/" + hit.path).inserted {
                hits.append(hit)
                titleOnly += 1
                perBook[book.name, default: 0] += 1
            }
        }
        let duplicates = exact.count + fullText.hits.count + titleOnly - hits.count
        let total = max(hits.count, exact.count + fullText.total + titleOnly - max(duplicates, 0))
        let page = start < hits.count ? Array(hits[start..<min(hits.count, start + pageLength)]) : []
        var outcome = SearchOutcome(hits: withSnippets(page, folded: folded, deadline: deadline), total: total,
                                    timedOut: timedOut, booksWithoutIndex: withoutIndex)
        outcome.perBook = perBook.filter { $0.value > 0 }
        return outcome
    }

    /// `hits` with a snippet each for the first `snippetsPerPage` (see `Snippet`), remembered by
    /// book, path and query; hits past `deadline` keep none.
    func withSnippets(_ hits: [SearchHit], folded: String, deadline: DispatchTime) -> [SearchHit] {
        let terms = folded.split(separator: " ").map(String.init)
        return hits.enumerated().map { position, hit in
            guard position < settings.snippetsPerPage else { return hit }
            let key = "\(hit.book.id)|\(hit.book.name)|\(hit.path)|\(folded)"
            if let cached = snippets.get(key) { return hit.with(snippet: cached) }
            guard DispatchTime.now() < deadline else { return hit }
            let archive = hit.book.archive
            guard let item = try? archive.item(for: archive.entry(path: hit.path)),
                  item.mimeType.hasPrefix("text/html"), item.size <= UInt64(settings.snippetMaxArticleBytes),
                  let blob = try? archive.data(of: item)
            else { return hit }
            let snippet = Snippet.make(html: blob.string, terms: terms)
            snippets.put(key, snippet)
            return hit.with(snippet: snippet)
        }
    }

    /// Full-text results of every book, merged by score, each book on a worker thread with the
    /// deadline.
    private func fullTextHits(_ folded: String, in books: [Book], depth: Int,
                              deadline: DispatchTime)
        -> (hits: (hits: [SearchHit], total: Int, perBook: [String: Int]), timedOut: Bool) {
        guard !books.isEmpty else { return (([], 0, [:]), false) }
        let collected = Collected()
        let group = DispatchGroup()
        for book in books {
            let key = "\(book.id)|\(book.name)|\(depth)|\(folded)"
            if let cached = cache.get(key) {
                collected.append(book, cached)
                continue
            }
            let state = state(for: book)
            group.enter()
            runners.submit { [cache] in
                defer { group.leave() }
                // Not started before the deadline: nobody waits for it any more.
                guard DispatchTime.now() < deadline, let pool = state.searchers,
                      let searcher = pool.acquire(until: deadline) else { return }
                defer { pool.release(searcher) }
                // No libzim snippets: they were 99 % of a search's CPU (see `Snippet`); the page's
                // results get ours afterwards.
                guard let results = try? searcher.search(folded, start: 0, maxResults: depth, snippets: false)
                else { return }
                cache.put(key, results)
                collected.append(book, results)
            }
        }
        let timedOut = group.wait(timeout: deadline) == .timedOut
        // In the order of `books` (the visitor's language first): equal scores keep that order.
        let order = Dictionary(books.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let lists = collected.lists.sorted { (order[$0.0.name] ?? 0) < (order[$1.0.name] ?? 0) }
        var hits: [SearchHit] = []
        var total = 0
        var perBook: [String: Int] = [:]
        for (book, results) in lists {
            total += results.estimatedMatches
            perBook[book.name, default: 0] += results.estimatedMatches
            hits += results.results.map {
                SearchHit(book: book, path: $0.path, title: $0.title, snippet: .empty,
                          wordCount: max($0.wordCount, 0), score: $0.score, isTitleMatch: false)
            }
        }
        if lists.count > 1 {
            hits = hits.enumerated().sorted { ($0.element.score, -$0.offset) > ($1.element.score, -$1.offset) }
                .map(\.element)
        }
        return ((hits, total, perBook), timedOut)
    }
}

/// Who answers a search first: its search thread or the queue-wait timer.
private final class Claim: Sendable {
    private let taken = Atomic<Bool>(false)
    /// True for the first caller only.
    func take() -> Bool { !taken.exchange(true, ordering: .acquiringAndReleasing) }
}

/// Result lists handed back by worker threads (a class: closures can't capture a `Mutex`).
private final class Collected: Sendable {
    private let storage = Mutex<[(Book, SearchResults)]>([])
    func append(_ book: Book, _ results: SearchResults) { storage.withLock { $0.append((book, results)) } }
    var lists: [(Book, SearchResults)] { storage.withLock { $0 } }
}
