import Foundation

/// Reads the few ZIM header fields libzim doesn't expose.
enum ZimHeader {
    /// Offset of `titlePtrPos` in the header: magic 4, versions 2+2, UUID 16, counts 4+4, urlPtrPos 8.
    static let titlePointerOffset: UInt64 = 40
    /// Offset of `entryCount` in the header: magic 4, versions 2+2, UUID 16.
    static let entryCountOffset: UInt64 = 24

    /// The number of entries (dirents) the header announces, or nil when it can't be read.
    /// What the per-entry integrity checks cost grows with it (a Wikipedia has millions).
    static func entryCount(_ path: String) -> UInt32? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: entryCountOffset)) != nil,
              let data = try? handle.read(upToCount: 4), data.count == 4 else { return nil }
        return data.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// False when the header says the file has no old-style title pointer table
    /// (`titlePtrPos` is all ones, as libzim 9 writes it).
    static func hasTitlePointerTable(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: titlePointerOffset)) != nil,
              let data = try? handle.read(upToCount: 8), data.count == 8 else { return true }
        return !data.allSatisfy { $0 == 0xFF }
    }
}
