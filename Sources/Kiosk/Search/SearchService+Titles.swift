import Foundation
import ZimKit

/// Title matches: exact folded titles (shown first), title prefixes (the fallback when a book
/// has no full-text index or a search is busy), and the redirect resolution both use.
extension SearchService {
    /// Articles titled exactly like the query once both are folded (non-redirects first; a
    /// redirect counts as its target).
    func exactTitleHits(_ folded: String, pattern: String, in book: Book, indexWait: TimeInterval = 1) -> [SearchHit] {
        let archive = book.archive
        var entries: [Entry] = []
        if let index = state(for: book).titleIndex(wait: indexWait) {
            entries = index.exact(folded, limit: 4).compactMap { try? archive.entry(atIndex: $0) }
        } else {
            // No folded index (not built yet): try the title as typed and capitalised.
            let trimmed = pattern.trimmingCharacters(in: .whitespaces)
            for candidate in [trimmed, trimmed.prefix(1).uppercased() + trimmed.dropFirst()] {
                if let entry = try? archive.entry(title: candidate) { entries.append(entry) }
            }
        }
        var hits: [SearchHit] = []
        var paths = Set<String>()
        for entry in entries {
            guard let target = resolve(entry, in: archive), paths.insert(target.path).inserted else { continue }
            hits.append(SearchHit(book: book, path: target.path, title: target.title, snippet: .empty, wordCount: 0,
                                  score: 100, isTitleMatch: true))
            if hits.count == 2 { break }
        }
        return hits
    }

    /// Title matches by prefix of the folded title (books without a full-text index, timeouts).
    func titlePrefixHits(_ folded: String, in book: Book, limit: Int) -> [SearchHit] {
        titleSuggestions(folded, in: book, limit: limit).map {
            SearchHit(book: book, path: $0.path, title: $0.title, snippet: .empty, wordCount: 0, score: 0,
                      isTitleMatch: true)
        }
    }

    func resolve(_ entry: Entry, in archive: Archive) -> Entry? {
        guard case .target(let target) = archive.followRedirects(from: entry) else { return nil }
        return target
    }
}
