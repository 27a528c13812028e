import Foundation

/// A file mapped read-only into memory (`mmap`), unmapped when the last reference goes.
///
/// Pages are read from disk when first touched and can be dropped by the kernel under memory
/// pressure (they are clean), so a large index costs the pages actually used, not its size.
/// `@unchecked Sendable`: the mapping is `PROT_READ` and never changes while mapped (files are
/// replaced by rename, never rewritten in place), so concurrent reads are safe.
final class MappedFile: @unchecked Sendable {
    /// The mapped bytes.
    let bytes: UnsafeRawBufferPointer

    /// Maps `path`; nil when it can't be opened or mapped, or is empty.
    init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size > 0 else { return nil }
        let length = Int(info.st_size)
        guard let base = mmap(nil, length, PROT_READ, MAP_SHARED, descriptor, 0), base != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: base, count: length)
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
    }
}
