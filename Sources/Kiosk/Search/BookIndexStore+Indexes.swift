import ZimKit

extension SpellingDictionary {
    /// The spelling dictionary of `book` from `store`: built from the book's titles the first
    /// time, mapped afterwards. Nil when the book has no titles.
    public static func of(_ book: Book, in store: BookIndexStore) -> SpellingDictionary? {
        store.index(of: book, kind: "spelling", open: { SpellingDictionary(storage: $0) }) { path in
            var (words, titles) = titleWords(of: book.archive)
            try SpellingDictionaryFormat.write(words: &words, titleCount: titles, to: path)
        }
    }

    /// Every folded word of the archive's titles (articles of old namespaced archives), with the
    /// number of titles holding it, and the number of titles read.
    static func titleWords(of archive: Archive) -> (words: [String: UInt32], titles: Int) {
        var words: [String: UInt32] = [:]
        var titles = 0
        var position: UInt32 = 0
        while let entry = try? archive.entry(atTitleIndex: position) {
            position += 1
            if !archive.hasNewNamespaceScheme && !entry.path.hasPrefix("A/") { continue }
            let folded = TextFolding.fold(entry.title)
            guard !folded.isEmpty else { continue }
            titles += 1
            var seen = Set<Substring>()
            for word in folded.split(separator: " ") where seen.insert(word).inserted {
                words[String(word), default: 0] += 1
            }
        }
        return (words, titles)
    }
}

extension TitleIndex {
    /// The title index of `book` from `store`: built the first time, mapped afterwards.
    public static func of(_ book: Book, in store: BookIndexStore) -> TitleIndex? {
        store.index(of: book, kind: "titles", open: { TitleIndex(storage: $0) }) { path in
            try TitleIndexBuilder.write(archive: book.archive, to: path)
        }
    }
}
