/// A book's title words with how many titles hold each, and a deletion index (SymSpell) to find
/// the words one edit away from a misspelt one: a deletion, an insertion, a substitution or two
/// neighbouring letters swapped.
///
/// Read straight from its file (`MappedFile`, built once per ZIM and stored by `BookIndexStore`):
/// nothing is copied into memory, so a dictionary of millions of words costs the pages a lookup
/// touches. Layout (`SpellingDictionaryFormat`): sorted words, their title counts, then
/// (hash of a one-letter deletion, word) pairs sorted by hash.
///
/// Lookup of a word `w` not in the dictionary: the words whose deletions include `w` (the
/// visitor left a letter out), the words equal to a deletion of `w` (a letter too many), and the
/// words sharing a deletion with `w` (a letter changed, two letters swapped); every candidate is
/// then checked with `EditDistance.isAtMostOne`.
public final class SpellingDictionary: Sendable {
    private let storage: any IndexBytes
    private let layout: SpellingDictionaryFormat.Layout

    /// Number of distinct words.
    public var wordCount: Int { layout.wordCount }
    /// Number of titles the words came from.
    public var titleCount: Int { layout.titleCount }
    /// Bytes of the dictionary (its file's size).
    public var byteCount: Int { storage.bytes.count }
    /// The letters of the book's titles, most frequent first (at most 64): what suggestions try
    /// in place of a mistyped letter.
    public let alphabet: [Unicode.Scalar]

    /// Reads a dictionary from `storage`; nil when the bytes are not a dictionary of this version.
    init?(storage: any IndexBytes) {
        guard let layout = SpellingDictionaryFormat.Layout(storage.bytes) else { return nil }
        self.storage = storage
        self.layout = layout
        let alphabetBytes = storage.slice(layout.alphabet)
        alphabet = Array(String(decoding: alphabetBytes, as: UTF8.self).unicodeScalars)
    }

    /// How many titles hold `word` (folded), 0 when none.
    public func frequency(of word: String) -> Int {
        var key = word
        return key.withUTF8 { utf8 in index(of: UnsafeRawBufferPointer(utf8)).map { Int(frequency(at: $0)) } ?? 0 }
    }

    /// The dictionary's words one edit away from `word` (folded), with their title counts, most
    /// frequent first; empty when `word` itself is a title word.
    public func candidates(for word: String) -> [(word: String, frequency: Int)] {
        let typed = Array(word.unicodeScalars)
        guard !typed.isEmpty, frequency(of: word) == 0 else { return [] }
        var ids = Set<UInt32>()
        collect(hash: SpellingDictionaryFormat.hash(typed[...]), into: &ids)
        for position in typed.indices {
            var deleted = typed
            deleted.remove(at: position)
            let text = String(String.UnicodeScalarView(deleted))
            var key = text
            if let id = key.withUTF8({ index(of: UnsafeRawBufferPointer($0)) }) { ids.insert(id) }
            collect(hash: SpellingDictionaryFormat.hash(deleted[...]), into: &ids)
        }
        var found: [(word: String, frequency: Int)] = []
        for id in ids {
            let candidate = self.word(at: id)
            guard EditDistance.isAtMostOne(Array(candidate.unicodeScalars), typed) else { continue }
            found.append((candidate, Int(frequency(at: id))))
        }
        return found.sorted { ($0.frequency, $1.word) > ($1.frequency, $0.word) }
    }

    // MARK: Reading the layout

    private func word(at id: UInt32) -> String {
        String(decoding: wordBytes(at: Int(id)), as: UTF8.self)
    }

    private func wordBytes(at id: Int) -> UnsafeRawBufferPointer {
        let start = Int(u32(layout.offsets + id * 4)), end = Int(u32(layout.offsets + id * 4 + 4))
        return storage.slice((layout.text + start)..<(layout.text + end))
    }

    private func frequency(at id: UInt32) -> UInt32 { u32(layout.frequencies + Int(id) * 4) }

    private func u32(_ offset: Int) -> UInt32 { storage.u32(offset) }

    /// The id of the word whose bytes are `key`, by binary search over the sorted words.
    private func index(of key: UnsafeRawBufferPointer) -> UInt32? {
        var low = 0, high = layout.wordCount
        while low < high {
            let mid = (low + high) / 2
            let order = compareBytes(wordBytes(at: mid), key)
            if order == 0 { return UInt32(mid) }
            if order < 0 { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    /// Adds the words having a deletion whose hash is `hash`.
    private func collect(hash: UInt32, into ids: inout Set<UInt32>) {
        var low = 0, high = layout.deleteCount
        while low < high {
            let mid = (low + high) / 2
            if u32(layout.deletes + mid * 8) < hash { low = mid + 1 } else { high = mid }
        }
        while low < layout.deleteCount, u32(layout.deletes + low * 8) == hash {
            ids.insert(u32(layout.deletes + low * 8 + 4))
            low += 1
        }
    }
}
