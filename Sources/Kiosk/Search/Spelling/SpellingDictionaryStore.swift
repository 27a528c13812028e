import Foundation
import ZimKit

/// Where books' spelling dictionaries live: built once per ZIM (named by the ZIM's UUID) in the
/// state folder's `indexes/`, then mapped from there on every later start. Without a folder,
/// dictionaries are built in memory each time.
public struct SpellingDictionaryStore: Sendable {
    /// Nil: build in memory, store nothing.
    public let directory: String?

    /// A store in `directory` (nil: in memory).
    public init(directory: String?) { self.directory = directory }

    /// The dictionary of `book`: read from its file when there is a good one, else built from the
    /// book's titles (and stored). Nil when the book has no titles to build from.
    public func dictionary(for book: Book, log: Log? = nil) -> SpellingDictionary? {
        let path = directory.map { "\($0)/\(book.id).spelling" }
        if let path, let mapped = MappedFile(path: path), let dictionary = SpellingDictionary(storage: mapped) {
            return dictionary
        }
        let started = ContinuousClock.now
        let (words, titles) = Self.titleWords(of: book.archive)
        guard titles > 0 else { return nil }
        let bytes = SpellingDictionaryFormat.encode(words: words, titleCount: titles)
        if let path, let directory {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try MappedFile.writeAtomically(bytes, to: path)
                if let mapped = MappedFile(path: path), let dictionary = SpellingDictionary(storage: mapped) {
                    log?.info("spelling dictionary of \(book.name): \(words.count) words from \(titles) titles, "
                              + "\(bytes.count / 1024) KiB, built in \(started.duration(to: .now))")
                    return dictionary
                }
            } catch {
                log?.warning("spelling dictionary of \(book.name) kept in memory: \(path) could not be written (\(error))")
            }
        }
        return SpellingDictionary(storage: OwnedSpellingBytes(bytes))
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
