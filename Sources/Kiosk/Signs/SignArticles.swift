import ZimKit

/// Finds a catalogue's article in a book (by path or by title), and the closest titles when it
/// is not there, for the catalogue's error messages.
public enum SignArticles {
    /// The article `article` (a path or a title) of `archive`, redirects followed to the page
    /// itself; nil when there is none.
    public static func resolve(_ article: String, in archive: Archive) -> Entry? {
        let underscored = article.replacingOccurrences(of: " ", with: "_")
        let candidates: [() -> Entry?] = [
            { try? archive.entry(path: article) },
            { underscored == article ? nil : try? archive.entry(path: underscored) },
            { try? archive.entry(title: article) },
            { try? archive.entry(title: article.replacingOccurrences(of: "_", with: " ")) },
        ]
        for candidate in candidates {
            if let entry = candidate() { return followRedirects(entry, in: archive) }
        }
        return nil
    }

    private static func followRedirects(_ entry: Entry, in archive: Archive) -> Entry {
        guard case .target(let target) = archive.followRedirects(from: entry) else { return entry }
        return target
    }

    /// Up to `limit` titles of `archive` close to `article`: libzim's title suggestions for its
    /// words, and the titles around where it would sort in the title index, ranked by how few
    /// letters differ (accents and case ignored). Costs a few dozen lookups, whatever the size
    /// of the book.
    public static func closestTitles(to article: String, in archive: Archive, limit: Int = 3) -> [String] {
        let wanted = article.replacingOccurrences(of: "_", with: " ")
        var titles = Set<String>()
        if let searcher = try? SuggestionSearcher(archive: archive),
           let results = try? searcher.suggest(TextFolding.fold(wanted), maxResults: 8) {
            for result in results.results { titles.insert(result.title.isEmpty ? result.path : result.title) }
        }
        for entry in neighbours(of: wanted, in: archive, radius: 4) { titles.insert(entry.title) }
        let key = TextFolding.fold(wanted)
        let ranked = titles.filter { !$0.isEmpty }.map { ($0, Suggestion.distance(key, TextFolding.fold($0))) }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return ranked.prefix(limit).map(\.0)
    }

    /// The entries just before and after where `title` sorts in the title index (binary search).
    private static func neighbours(of title: String, in archive: Archive, radius: Int) -> [Entry] {
        let count = archive.hasNewNamespaceScheme ? archive.articleCount : archive.entryCount
        guard count > 0 else { return [] }
        let key = Array(title.utf8)
        var low: UInt32 = 0, high = count
        while low < high {
            let mid = low + (high - low) / 2
            guard let entry = try? archive.entry(atTitleIndex: mid) else { high = mid; continue }
            if Array(entry.title.utf8).lexicographicallyPrecedes(key) { low = mid + 1 } else { high = mid }
        }
        let from = low > UInt32(radius) ? low - UInt32(radius) : 0
        let to = min(count, low + UInt32(radius))
        return (from..<to).compactMap { try? archive.entry(atTitleIndex: $0) }
            .filter { archive.hasNewNamespaceScheme || $0.path.hasPrefix("A/") }
    }
}
