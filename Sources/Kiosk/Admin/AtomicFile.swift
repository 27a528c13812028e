import Foundation

/// Replaces a file so that a crash or power cut at any moment leaves either the old or the
/// new content, never a mix: the new bytes go to a temporary file in the same folder, are
/// flushed to the disk (`fsync`), the previous version is kept as `<name>.bak`, and the
/// temporary file is renamed over the original (atomic on POSIX file systems), then the folder
/// is flushed so the rename itself survives a power cut.
public enum AtomicFile {
    /// Why a write failed, in plain words.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let message: String
        public var description: String { "\(path): \(message)" }
    }

    /// Writes `bytes` to `path`.
    ///
    /// - Parameters:
    ///   - keepBackup: keep the previous version as `<path>.bak` (replaced atomically too).
    ///   - permissions: mode of a new file; an existing file keeps its own mode.
    ///   - beforeRename: called after the new content is on disk and before the rename (tests
    ///     throw from it to simulate a crash at the worst moment).
    public static func write(_ bytes: [UInt8], to path: String, keepBackup: Bool = true, permissions: mode_t = 0o644,
                             beforeRename: () throws -> Void = {}) throws {
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var existing = stat()
        let exists = stat(path, &existing) == 0
        let mode = exists ? existing.st_mode & 0o7777 : permissions
        let temporary = "\(folder)/.\(name).tmp-\(Sodium.randomToken().prefix(8))"

        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw error(path, "can't create a file in \(folder) (\(String(cString: strerror(errno))))") }
        var written = 0
        let ok: Bool = bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
        if exists, getuid() == 0 { _ = fchown(fd, existing.st_uid, existing.st_gid) }
        _ = fchmod(fd, mode)
        let synced = fsync(fd) == 0
        close(fd)
        guard ok, synced else {
            unlink(temporary)
            throw error(path, "the new content could not be written (disk full?)")
        }
        do {
            if keepBackup && exists { try backUp(path) }
            try beforeRename()
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw error(path, "the file could not be replaced (\(reason))")
        }
        syncFolder(folder)
    }

    /// `<path>.bak` becomes a copy of `path`, itself replaced atomically (hard link, else copy).
    private static func backUp(_ path: String) throws {
        let backup = path + ".bak"
        let staging = backup + ".tmp-" + Sodium.randomToken().prefix(8)
        if link(path, staging) != 0 {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw error(path, "the previous version could not be read to keep a copy")
            }
            try write(Array(data), to: staging, keepBackup: false)
        }
        guard rename(staging, backup) == 0 else {
            unlink(staging)
            throw error(path, "the previous version could not be kept as \(backup)")
        }
    }

    private static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    private static func error(_ path: String, _ message: String) -> WriteError {
        WriteError(path: path, message: message)
    }
}
