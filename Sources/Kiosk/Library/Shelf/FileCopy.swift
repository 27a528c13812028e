import Foundation

/// Copies a ZIM file from a USB stick into the books folder, in a way a Pi survives: sequential
/// reads, the copy flushed to the card every 32 MiB and both files' pages dropped from the page
/// cache once written (a 4 GB copy must not push the pages being served out of a 512 MB board's
/// memory), and every way the stick can fail told apart.
enum FileCopy {
    static let chunkSize = 1 << 20
    static let flushEvery: UInt64 = 32 << 20

    /// Copies `source` (expected to hold `size` bytes) to `destination`, which must not exist.
    /// `progress` is called with the bytes copied so far after each chunk; returning false
    /// cancels. On any failure the partial copy is deleted.
    static func copy(from source: String, to destination: String, size: UInt64,
                     progress: (UInt64) -> Bool) throws(ShelfError) {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else {
            throw errno == ENOENT || errno == ENODEV || errno == EIO ? .stickRemoved(copied: 0, total: size) : .readFailed(errno: errno)
        }
        defer { close(input) }
        var info = stat()
        guard fstat(input, &info) == 0, UInt64(info.st_size) == size else { throw .stickRemoved(copied: 0, total: size) }
        _ = posix_fadvise(input, 0, 0, POSIX_FADV_SEQUENTIAL)
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw .writeFailed(errno: errno) }
        var finished = false
        defer {
            close(output)
            if !finished { unlink(destination) }
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 4096)
        defer { buffer.deallocate() }
        var copied: UInt64 = 0
        var flushed: UInt64 = 0
        while copied < size {
            let count = try read(input, into: buffer, copied: copied, total: size)
            try write(output, buffer.prefix(count))
            copied += UInt64(count)
            if copied - flushed >= flushEvery || copied == size {
                guard fdatasync(output) == 0 else { throw .writeFailed(errno: errno) }
                _ = posix_fadvise(output, 0, off_t(copied), POSIX_FADV_DONTNEED)
                _ = posix_fadvise(input, 0, off_t(copied), POSIX_FADV_DONTNEED)
                flushed = copied
            }
            guard progress(copied) else { throw .cancelled }
        }
        // One byte more than announced means the file grew under us: not the file that was listed.
        var probe: UInt8 = 0
        if Foundation.read(input, &probe, 1) > 0 { throw .stickRemoved(copied: copied, total: size) }
        guard fsync(output) == 0 else { throw .writeFailed(errno: errno) }
        var written = stat()
        guard fstat(output, &written) == 0 else { throw .writeFailed(errno: errno) }
        guard UInt64(written.st_size) == size else { throw .sizeMismatch(expected: size, actual: UInt64(written.st_size)) }
        finished = true
    }

    /// One chunk from the stick. The end of the file before `total`, or the errors a vanished
    /// device gives (EIO, ENODEV, ENXIO, ESTALE), mean the stick was pulled out.
    private static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, copied: UInt64,
                             total: UInt64) throws(ShelfError) -> Int {
        let wanted = Int(min(UInt64(buffer.count), total - copied))
        while true {
            let count = Foundation.read(fd, buffer.baseAddress, wanted)
            if count > 0 { return count }
            if count == 0 { throw .stickRemoved(copied: copied, total: total) }
            switch errno {
            case EINTR: continue
            case EIO, ENODEV, ENXIO, ESTALE: throw .stickRemoved(copied: copied, total: total)
            default: throw .readFailed(errno: errno)
            }
        }
    }

    private static func write(_ fd: Int32, _ bytes: UnsafeMutableRawBufferPointer.SubSequence) throws(ShelfError) {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let count = Foundation.write(fd, bytes.base.baseAddress! + offset, bytes.endIndex - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(errno: errno)
            }
            offset += count
        }
    }
}
