import Foundation
import ZimKit

/// Title suggestions (`/suggest`, the landing page's box): the book's folded title index first,
/// then libzim's word matches.
extension SearchService {
    /// Up to `limit` title suggestions for what the visitor typed: titles starting with it
    /// (accents and case ignored, shortest first), then libzim's word matches. Remembered per
    /// book and folded term (`SearchSettings.cachedSuggestions`).
    public func suggest(_ term: String, in book: Book, limit: Int) -> [SearchResult] {
        titleSuggestions(TextFolding.fold(term), in: book, limit: limit)
    }

    /// Title-index prefix matches (or, when there are none, prefix matches of the text with
    /// one typo: `TypoVariants`), then (with `wordMatches`, when they are fewer than `limit`) libzim's
    /// word matches. Lists are cached once the book's title index is settled.
    func titleSuggestions(_ folded: String, in book: Book, limit: Int, wordMatches: Bool = true,
                          indexWait: TimeInterval = 0.25) -> [SearchResult] {
        guard !folded.isEmpty, limit > 0 else { return [] }
        let state = state(for: book)
        let key = "\(limit)|\(folded)"
        if let cached = state.suggestions.get(key) { return cached }
        let archive = book.archive
        var out: [SearchResult] = []
        var paths = Set<String>()
        let index = state.titleIndex(wait: indexWait)
        if let index {
            // A redirect is shown as its target ("USA" → "États-Unis"), once.
            for position in index.withPrefix(folded, limit: limit * 2) where out.count < limit {
                guard let entry = try? archive.entry(atIndex: position), let target = resolve(entry, in: archive),
                      paths.insert(target.path).inserted else { continue }
                out.append(SearchResult(path: target.path, title: target.title, entryIndex: target.index))
            }
        }
        let prefixMatched = !out.isEmpty
        if let index, !prefixMatched, settings.spellingCorrection,
           let dictionary = state.spellingDictionary(wait: indexWait) {
            // Nothing starts with the text: one typo after the third letter of a word
            // ("napolen" → "Napoléon"). Only then, so what finds titles costs no more.
            for variant in TypoVariants.of(folded, dictionary: dictionary) where out.count < limit {
                for position in index.withPrefix(variant, limit: limit - out.count, scan: 64) where out.count < limit {
                    guard let entry = try? archive.entry(atIndex: position), let target = resolve(entry, in: archive),
                          paths.insert(target.path).inserted else { continue }
                    out.append(SearchResult(path: target.path, title: target.title, entryIndex: target.index))
                }
            }
        }
        guard wordMatches else { return out }
        if out.count < limit {
            guard let suggester = state.suggesters.acquire(until: .now() + 0.25) else { return out }
            defer { state.suggesters.release(suggester) }
            guard let more = try? suggester.suggest(folded, maxResults: limit) else { return out }
            for result in more.results where out.count < limit && paths.insert(result.path).inserted {
                out.append(result)
            }
        }
        // Without the index yet (still being built) the list would change: not remembered.
        // Nor without the spelling dictionary yet, unless prefixes matched (typo matches would
        // come later).
        if (index != nil || state.titleIndexSettled) && (state.spellingSettled || prefixMatched) {
            state.suggestions.put(key, out)
        }
        return out
    }
}
