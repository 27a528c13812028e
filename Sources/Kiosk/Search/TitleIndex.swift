import Foundation

/// A book's titles folded (`TextFolding`) and sorted, for accent- and case-insensitive exact and
/// prefix title matching.
///
/// Read straight from its file (built once per ZIM by `TitleIndexBuilder`, stored by
/// `BookIndexStore`, mapped): lookups touch the pages a binary search visits, so the memory it
/// costs does not grow with the number of titles (a 4.6-million-title French Wikipedia: a file
/// of about 8 bytes per title plus the folded titles). Layout (`TitleIndexBuilder`): a 32-byte
/// header, the titles' start offsets, their entry indices, the folded titles back to back in
/// sorted order (by bytes, then articles before redirects, then entry index).
public final class TitleIndex: Sendable {
    private let storage: any IndexBytes
    /// Number of titles indexed.
    public let count: Int
    private let starts: Int
    private let entries: Int
    private let text: Int

    /// Bytes of the index (its file's size).
    public var byteCount: Int { storage.bytes.count }

    /// Reads an index from `storage`; nil when the bytes are not an index of this version.
    init?(storage: any IndexBytes) {
        let bytes = storage.bytes
        guard bytes.count >= TitleIndexBuilder.headerSize, Array(bytes[0..<8]) == TitleIndexBuilder.magic,
              storage.u32(8) == TitleIndexBuilder.version else { return nil }
        count = Int(storage.u32(12))
        let textBytes = Int(storage.u32(16))
        starts = TitleIndexBuilder.headerSize
        entries = starts + (count + 1) * 4
        text = entries + count * 4
        guard text + textBytes == bytes.count, Int(storage.u32(starts + count * 4)) == textBytes else { return nil }
        self.storage = storage
    }

    /// Entry indices whose folded title is exactly `folded` (non-redirects first).
    public func exact(_ folded: String, limit: Int = 8) -> [UInt32] {
        var key = folded
        return key.withUTF8 { utf8 in
            let key = UnsafeRawBufferPointer(utf8)
            var i = lowerBound(key)
            var out: [UInt32] = []
            while i < count, out.count < limit, compareBytes(title(i), key) == 0 {
                out.append(storage.u32(entries + i * 4))
                i += 1
            }
            return out
        }
    }

    /// Entry indices whose folded title starts with `folded`, shortest titles first within the
    /// first `scan` candidates in sorted order.
    public func withPrefix(_ folded: String, limit: Int, scan: Int = 512) -> [UInt32] {
        var key = folded
        return key.withUTF8 { utf8 in
            let key = UnsafeRawBufferPointer(utf8)
            guard !key.isEmpty else { return [] }
            var i = lowerBound(key)
            var found: [(length: Int, entry: UInt32)] = []
            while i < count, found.count < scan {
                let candidate = title(i)
                guard candidate.count >= key.count, memcmp(candidate.baseAddress!, key.baseAddress!, key.count) == 0
                else { break }
                found.append((candidate.count, storage.u32(entries + i * 4)))
                i += 1
            }
            // Stable: equal lengths keep the sorted order.
            let ranked = found.enumerated().sorted { ($0.element.length, $0.offset) < ($1.element.length, $1.offset) }
            return ranked.prefix(limit).map(\.element.entry)
        }
    }

    /// The folded title at sorted position `i`.
    private func title(_ i: Int) -> UnsafeRawBufferPointer {
        let start = Int(storage.u32(starts + i * 4)), end = Int(storage.u32(starts + i * 4 + 4))
        return storage.slice((text + start)..<(text + end))
    }

    private func lowerBound(_ key: UnsafeRawBufferPointer) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if compareBytes(title(mid), key) < 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
