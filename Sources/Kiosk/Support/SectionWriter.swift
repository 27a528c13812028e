import Foundation

/// Buffered writes to one section of a file, at increasing offsets.
final class SectionWriter {
    private let descriptor: Int32
    private var offset: Int
    private var buffer: [UInt8] = []

    init(_ descriptor: Int32, at offset: Int) {
        self.descriptor = descriptor
        self.offset = offset
        buffer.reserveCapacity(1 << 16)
    }

    func append(_ value: UInt32) throws {
        withUnsafeBytes(of: value.littleEndian) { buffer += $0 }
        if buffer.count >= 1 << 16 { try flush() }
    }

    func append(_ bytes: [UInt8]) throws {
        buffer += bytes
        if buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        let written = buffer.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        guard written == buffer.count else { throw TitleIndexBuilder.Failure.io("write", errno) }
        offset += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}
