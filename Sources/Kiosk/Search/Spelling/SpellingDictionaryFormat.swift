/// The spelling dictionary's file format (version 1), little-endian, every section 4-byte aligned:
///
///     header  "WKSPELL1", u32 version, word count, deletion count, text bytes, title count,
///             alphabet bytes
///     u32     word offsets into the text, word count + 1
///     u32     title count of each word
///     u32×2   (deletion hash, word id), sorted
///     bytes   the words' UTF-8, sorted by bytes, back to back; then the alphabet's UTF-8
public enum SpellingDictionaryFormat {
    static let magic: [UInt8] = Array("WKSPELL1".utf8)
    static let version: UInt32 = 1
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
            deletes = frequencies + wordCount * 4
            text = deletes + deleteCount * 8
            alphabet = (text + textBytes)..<(text + textBytes + alphabetBytes)
            guard alphabet.upperBound == bytes.count else { return nil }
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
    /// `titleCount` titles.
    public static func encode(words: [String: UInt32], titleCount: Int) -> [UInt8] {
        let sorted = words.keys.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        var offsets: [UInt32] = [0]
        var frequencies: [UInt32] = []
        var text: [UInt8] = []
        var deletions: [UInt64] = []
        var letters: [Unicode.Scalar: Int] = [:]
        for (id, bytes) in sorted.enumerated() {
            let word = String(decoding: bytes, as: UTF8.self)
            text += bytes
            offsets.append(UInt32(text.count))
            let count = words[word] ?? 0
            frequencies.append(count)
            let scalars = Array(word.unicodeScalars)
            for scalar in scalars { letters[scalar, default: 0] += Int(count) }
            guard (minimumIndexedLength...maximumIndexedLength).contains(scalars.count) else { continue }
            for position in scalars.indices {
                var deleted = scalars
                deleted.remove(at: position)
                deletions.append(UInt64(hash(deleted[...])) << 32 | UInt64(id))
            }
        }
        deletions.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(deletions.count)
        for value in deletions where unique.last != value { unique.append(value) }
        let alphabet = Array(String(String.UnicodeScalarView(
            letters.sorted { ($0.value, $1.key.value) > ($1.value, $0.key.value) }.prefix(64).map(\.key))).utf8)

        var out: [UInt8] = magic
        out.reserveCapacity(headerSize + offsets.count * 4 + frequencies.count * 4 + unique.count * 8 + text.count)
        func put(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        for value in [version, UInt32(sorted.count), UInt32(unique.count), UInt32(text.count), UInt32(titleCount),
                      UInt32(alphabet.count)] { put(value) }
        offsets.forEach(put)
        frequencies.forEach(put)
        for value in unique {
            put(UInt32(truncatingIfNeeded: value >> 32))
            put(UInt32(truncatingIfNeeded: value))
        }
        out += text
        out += alphabet
        return out
    }
}
