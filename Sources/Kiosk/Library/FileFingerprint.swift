import Foundation

/// Size and modification time of a file: enough to notice it was replaced or is still being copied.
public struct FileFingerprint: Sendable, Hashable, Codable {
    public let size: UInt64
    public let modified: Double

    /// Reads the fingerprint of `path`, or nil when it can't be read.
    public static func of(_ path: String) -> FileFingerprint? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        return FileFingerprint(size: UInt64(info.st_size), modified: modified)
    }
}
