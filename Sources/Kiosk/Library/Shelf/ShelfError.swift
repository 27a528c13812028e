import Foundation

/// Why adding, replacing or removing a book did not happen: each case carries what staff need
/// to read in the message (`messageKey`, `arguments`), mapped once here.
public enum ShelfError: Error, Sendable, Equatable {
    /// The kiosk has no books folder (`[kiosk] library`) to copy into.
    case noLibraryFolder
    /// The books folder can't be written by the kiosk's user.
    case libraryReadOnly(folder: String)
    /// The file is not (or no longer) one of the ZIM files found on a USB stick.
    case notOnStick(path: String)
    /// The stick's file failed the checks before copying.
    case unusable(reason: String)
    /// A book with this file name is already in the library.
    case nameTaken(fileName: String)
    /// Not enough room in the books folder (`needed` includes a margin for the statistics).
    case doesNotFit(needed: UInt64, free: UInt64)
    /// The stick was pulled out, or its file shrank or changed, during the copy.
    case stickRemoved(copied: UInt64, total: UInt64)
    /// Reading the stick failed with `errno` (a damaged stick).
    case readFailed(errno: Int32)
    /// The books folder is full (ENOSPC) or writing failed with `errno`.
    case writeFailed(errno: Int32)
    /// The copy has another size than the original.
    case sizeMismatch(expected: UInt64, actual: UInt64)
    /// The copy failed the ZIM checks (checksum included).
    case invalid(reason: String)
    /// Staff cancelled the copy.
    case cancelled
    /// The book is not one the staff area can remove (outside the books folder, or unknown).
    case notRemovable(book: String)
    /// Deleting the file failed with `errno`.
    case removeFailed(errno: Int32)
    /// The update catalogue could not be read (no Internet, a wrong address…).
    case catalogUnreachable(reason: String)
    /// The download failed after every attempt to resume it.
    case downloadFailed(reason: String)
    /// The downloaded file's SHA-256 is not the catalogue's.
    case checksumMismatch
    /// Updates are off (`[library] updates` unset) or curl is not installed.
    case updatesUnavailable

    /// The staff-area text key of the message.
    public var messageKey: String {
        switch self {
        case .noLibraryFolder: "admin.shelf.error.nolibrary"
        case .libraryReadOnly: "admin.shelf.error.readonly"
        case .notOnStick: "admin.shelf.error.notonstick"
        case .unusable: "admin.shelf.error.unusable"
        case .nameTaken: "admin.shelf.error.nametaken"
        case .doesNotFit: "admin.shelf.error.nofit"
        case .stickRemoved: "admin.shelf.error.stickremoved"
        case .readFailed: "admin.shelf.error.read"
        case .writeFailed(let code) where code == ENOSPC: "admin.shelf.error.diskfull"
        case .writeFailed: "admin.shelf.error.write"
        case .sizeMismatch: "admin.shelf.error.size"
        case .invalid: "admin.shelf.error.invalid"
        case .cancelled: "admin.shelf.error.cancelled"
        case .notRemovable: "admin.shelf.error.notremovable"
        case .removeFailed: "admin.shelf.error.remove"
        case .catalogUnreachable: "admin.shelf.error.catalog"
        case .downloadFailed: "admin.shelf.error.download"
        case .checksumMismatch: "admin.shelf.error.sha256"
        case .updatesUnavailable: "admin.shelf.error.noupdates"
        }
    }

    /// The message's parameters; sizes are written for `language` ("1,2 Go", "1.2 GB").
    public func arguments(_ language: String) -> [String: TextArgument] {
        func size(_ bytes: UInt64) -> TextArgument { .text(ByteSize.text(bytes, language)) }
        func system(_ code: Int32) -> TextArgument { .text(String(cString: strerror(code))) }
        switch self {
        case .noLibraryFolder, .cancelled, .checksumMismatch, .updatesUnavailable: return [:]
        case .catalogUnreachable(let reason), .downloadFailed(let reason): return ["reason": .text(reason)]
        case .libraryReadOnly(let folder): return ["folder": .text(folder)]
        case .notOnStick(let path): return ["file": .text((path as NSString).lastPathComponent)]
        case .unusable(let reason), .invalid(let reason): return ["reason": .text(reason)]
        case .nameTaken(let fileName): return ["file": .text(fileName)]
        case .doesNotFit(let needed, let free): return ["needed": size(needed), "free": size(free)]
        case .stickRemoved(let copied, let total): return ["copied": size(copied), "total": size(total)]
        case .readFailed(let code), .writeFailed(let code), .removeFailed(let code): return ["error": system(code)]
        case .sizeMismatch(let expected, let actual): return ["expected": size(expected), "actual": size(actual)]
        case .notRemovable(let book): return ["book": .text(book)]
        }
    }
}
