import Foundation

/// The bytes of an index a book's search reads (its title index, its spelling dictionary): a
/// mapped file, or bytes held in memory (tests).
protocol IndexBytes: Sendable {
    var bytes: UnsafeRawBufferPointer { get }
}

extension IndexBytes {
    /// The little-endian `UInt32` at `offset`.
    func u32(_ offset: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// Bytes `range` of the index.
    func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[range]) }
}

extension MappedFile: IndexBytes {}

/// Index bytes owned in memory.
final class OwnedIndexBytes: IndexBytes, @unchecked Sendable {
    // @unchecked: written once in init, read-only afterwards.
    let bytes: UnsafeRawBufferPointer

    init(_ source: [UInt8]) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(source.count, 1), alignment: 8)
        buffer.copyBytes(from: source)
        bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<source.count])
    }

    deinit { bytes.deallocate() }
}

/// Byte order of two strings' bytes (negative, 0 or positive): the indexes' sort order.
func compareBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let n = min(a.count, b.count)
    if n > 0 {
        let order = memcmp(a.baseAddress!, b.baseAddress!, n)
        if order != 0 { return Int(order) }
    }
    return a.count - b.count
}
