import CZim

/// The one error type of ZimKit: a code to branch on and libzim's message to show or log.
public struct ZimError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What kind of failure happened.
    public enum Code: Sendable, Equatable {
        /// No entry, metadata or illustration with that path, title, name or index.
        case notFound
        /// The file is not a valid ZIM archive, or the part of it that was read is corrupt.
        case invalidArchive
        /// The file could not be opened or read (missing, permissions, a directory...).
        case io
        /// The archive has no full-text or title index.
        case noIndex
        /// The ZIM writer (libzim's `Creator`) refused an operation.
        case writer
        /// Anything else (out of memory, an unexpected exception, a misuse of the API).
        case unknown
    }

    /// What kind of failure happened.
    public let code: Code
    /// A human-readable explanation, usually libzim's own.
    public let message: String

    /// Creates an error (ZimKit makes these; the initializer is public for tests and fakes).
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `"<code>: <message>"`.
    public var description: String { "\(code): \(message)" }
}

extension ZimError {
    /// Maps a CZim status once, at the boundary, and frees CZim's malloc'd message.
    init(status: czim_code, message: UnsafeMutablePointer<CChar>?) {
        defer { czim_free_string(message) }
        let text = message.map { String(cString: $0) } ?? "libzim error \(status.rawValue)"
        let code: Code = switch status {
        case CZIM_ERR_NOT_FOUND: .notFound
        case CZIM_ERR_INVALID_ARCHIVE: .invalidArchive
        case CZIM_ERR_IO: .io
        case CZIM_ERR_NO_INDEX: .noIndex
        case CZIM_ERR_WRITER: .writer
        default: .unknown  // CZIM_ERR_INVALID_ARGUMENT (API misuse), CZIM_ERR_UNKNOWN
        }
        self.init(code: code, message: text)
    }
}

/// Calls a CZim function that reports failure as a status plus a malloc'd message, and turns a
/// failure into a thrown `ZimError`.
@inline(__always)
func czimCall(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> czim_code) throws(ZimError) {
    var message: UnsafeMutablePointer<CChar>? = nil
    let status = withUnsafeMutablePointer(to: &message) { body($0) }
    if status != CZIM_OK {
        throw ZimError(status: status, message: message)
    }
}
