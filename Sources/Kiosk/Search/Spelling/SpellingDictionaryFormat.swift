import Foundation

/// The spelling dictionary's file format (version 2), little-endian:
///
///     header  "WKSPELL1", u32 version, word count, deletion count, text bytes, title count,
///             alphabet bytes
///     u32     word offsets into the text, word count + 1
///     u32     title count of each word
///     bytes   the words' UTF-8, sorted by bytes, back to back; then the alphabet's UTF-8
///     u32×2   (deletion hash, word id), sorted, from the next 4-byte boundary
public enum SpellingDictionaryFormat {
    static let magic: [UInt8] = Array("WKSPELL1".utf8)
    static let version: UInt32 = 2
    static let headerSize = 32
    /// Words shorter than this (in letters) get no deletions indexed: typed words of fewer
    /// letters are not corrected (too many neighbours: "tour", "tous", "tout").
    static let minimumIndexedLength = 4
    /// Words longer than this get no deletions indexed (chemical names, run-together tokens).
    static let maximumIndexedLength = 32

    /// Where each section starts, read from a header.
    struct Layout {
        let wordCount: Int
        let deleteCount: Int
        let titleCount: Int
        let offsets: Int
        let frequencies: Int
        let deletes: Int
        let text: Int
        let alphabet: Range<Int>

        init?(_ bytes: UnsafeRawBufferPointer) {
            guard bytes.count >= headerSize, Array(bytes[0..<8]) == magic else { return nil }
            func field(_ n: Int) -> Int {
                Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 + n * 4, as: UInt32.self)))
            }
            guard field(0) == Int(version) else { return nil }
            wordCount = field(1)
            deleteCount = field(2)
            let textBytes = field(3)
            titleCount = field(4)
            let alphabetBytes = field(5)
            offsets = headerSize
            frequencies = offsets + (wordCount + 1) * 4
            text = frequencies + wordCount * 4
            alphabet = (text + textBytes)..<(text + textBytes + alphabetBytes)
            deletes = (alphabet.upperBound + 3) & ~3
            guard deletes + deleteCount * 8 == bytes.count else { return nil }
        }
    }

    /// FNV-1a over the UTF-8 of `scalars`.
    static func hash(_ scalars: ArraySlice<Unicode.Scalar>) -> UInt32 {
        var value: UInt32 = 2_166_136_261
        for scalar in scalars {
            for byte in UTF8.encode(scalar)! {
                value = (value ^ UInt32(byte)) &* 16_777_619
            }
        }
        return value
    }

    /// The file for `words` (folded word → number of titles holding it), taken from
    /// `titleCount` titles, in memory (tests, measurements).
    public static func encode(words: [String: UInt32], titleCount: Int) -> [UInt8] {
        let path = NSTemporaryDirectory() + "/spelling-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        defer { unlink(path) }
        var words = words
        guard (try? write(words: &words, titleCount: titleCount, to: path)) != nil,
              let bytes = FileManager.default.contents(atPath: path) else { return [] }
        return [UInt8](bytes)
    }

    /// Deletion pairs sorted at once (32 MB): more are written in that many passes, each over a
    /// range of hashes, so the build's memory does not grow with the number of deletions.
    static let deletionsPerPass = 1 << 22

    /// Writes the file for `words` (folded word → number of titles holding it, emptied on the
    /// way so its memory goes before the deletions are sorted), from `titleCount` titles, to
    /// `path`, and flushes it. Memory: the sorted words (16 bytes each when short) and at most
    /// `deletionsPerPass` deletions (1.5 million words: about 120 MB at the peak).
    public static func write(words: inout [String: UInt32], titleCount: Int, to path: String) throws {
        var sorted = Array(words.keys)
        sorted.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let counts = sorted.map { words[$0] ?? 0 }
        words = [:]
        var textBytes = 0, expectedDeletions = 0
        for word in sorted {
            textBytes += word.utf8.count
            let letters = word.unicodeScalars.count
            if (minimumIndexedLength...maximumIndexedLength).contains(letters) { expectedDeletions += letters }
        }
        guard textBytes < Int(UInt32.max) else { throw TitleIndexBuilder.Failure.tooLarge }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw TitleIndexBuilder.Failure.io("open \(path)", errno) }
        defer { close(descriptor) }
        let offsetsAt = headerSize, frequenciesAt = offsetsAt + (sorted.count + 1) * 4
        let textAt = frequenciesAt + sorted.count * 4
        let offsets = SectionWriter(descriptor, at: offsetsAt), frequencies = SectionWriter(descriptor, at: frequenciesAt)
        let text = SectionWriter(descriptor, at: textAt)
        var letters: [Unicode.Scalar: Int] = [:]
        var written: UInt32 = 0
        for (word, count) in zip(sorted, counts) {
            try offsets.append(written)
            try frequencies.append(count)
            try text.append(Array(word.utf8))
            written += UInt32(word.utf8.count)
            for scalar in word.unicodeScalars { letters[scalar, default: 0] += Int(count) }
        }
        try offsets.append(written)
        let alphabet = Array(String(String.UnicodeScalarView(
            letters.sorted { ($0.value, $1.key.value) > ($1.value, $0.key.value) }.prefix(64).map(\.key))).utf8)
        try text.append(alphabet)
        for section in [offsets, frequencies, text] { try section.flush() }
        // Deletions, by ranges of their hash's top bits.
        let deletesAt = (textAt + textBytes + alphabet.count + 3) & ~3
        let deletes = SectionWriter(descriptor, at: deletesAt)
        var bits = 0
        while (expectedDeletions >> bits) > deletionsPerPass { bits += 1 }
        var deleteCount = 0
        var pairs: [UInt64] = []
        for part in 0..<(1 << bits) {
            pairs.removeAll(keepingCapacity: true)
            for (id, word) in sorted.enumerated() {
                let scalars = Array(word.unicodeScalars)
                guard (minimumIndexedLength...maximumIndexedLength).contains(scalars.count) else { continue }
                for position in scalars.indices {
                    var deleted = scalars
                    deleted.remove(at: position)
                    let hash = hash(deleted[...])
                    if bits == 0 || Int(hash >> (32 - bits)) == part { pairs.append(UInt64(hash) << 32 | UInt64(id)) }
                }
            }
            pairs.sort()
            var previous: UInt64?
            for value in pairs where value != previous {
                previous = value
                try deletes.append(UInt32(truncatingIfNeeded: value >> 32))
                try deletes.append(UInt32(truncatingIfNeeded: value))
                deleteCount += 1
            }
        }
        try deletes.flush()
        var header = magic
        for value in [version, UInt32(sorted.count), UInt32(deleteCount), UInt32(textBytes), UInt32(titleCount),
                      UInt32(alphabet.count)] {
            withUnsafeBytes(of: value.littleEndian) { header += $0 }
        }
        guard pwrite(descriptor, header, header.count, 0) == header.count, fsync(descriptor) == 0 else {
            throw TitleIndexBuilder.Failure.io("write \(path)", errno)
        }
    }
}
