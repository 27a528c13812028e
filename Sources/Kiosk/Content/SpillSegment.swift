import Foundation

/// One file of `SpilledBodyStore`: gzip bodies appended one after another, each followed by its
/// cache key. A class so the descriptor is closed only when the last reader lets go: a segment
/// dropped (unlinked) while a request thread is still reading it stays readable until then,
/// and its descriptor number can't be reused under that reader.
final class SpillSegment: Sendable {
    /// Increasing from 1 in a run: the index names segments by number.
    let number: Int
    let descriptor: Int32
    let path: String

    /// Creates (truncating) `path`, readable and writable by the service only.
    init?(number: Int, path: String) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        self.number = number
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    /// Writes all of `bytes` at `offset` (a short write retried, EINTR retried); the errno on failure.
    func write(_ bytes: [UInt8], at offset: Int) -> Int32? {
        bytes.withUnsafeBytes { buffer -> Int32? in
            var done = 0
            while done < buffer.count {
                let count = pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
                if count > 0 {
                    done += count
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    return count == 0 ? ENOSPC : errno
                }
            }
            return nil
        }
    }

    /// Exactly `count` bytes at `offset`, or nil (a read error, or the file shorter than that).
    func read(_ count: Int, at offset: Int) -> [UInt8]? {
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let got = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if got > 0 {
                    done += got
                } else if got < 0 && errno == EINTR {
                    continue
                } else {
                    failed = true
                    break
                }
            }
            initialized = done
        }
        return failed ? nil : bytes
    }
}
