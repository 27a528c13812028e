/// An error from the usage database: SQLite's result code and message, mapped once at the boundary.
public struct UsageStoreError: Error, Sendable, CustomStringConvertible {
    /// SQLite's (extended) result code, or -1 for errors raised by the kiosk itself.
    public let code: Int32
    public let message: String

    /// `code` of a database written by a newer WikiKiosk (left untouched).
    public static let newerSchema: Int32 = -2

    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    /// The cause in a word, for the dashboard: what staff can act on.
    public var cause: String {
        switch code & 0xFF {
        case 13: "disk-full"        // SQLITE_FULL
        case 8: "read-only"         // SQLITE_READONLY
        case 10, 14: "io-error"     // SQLITE_IOERR, SQLITE_CANTOPEN
        case 11, 26: "damaged"      // SQLITE_CORRUPT, SQLITE_NOTADB
        default: "error"
        }
    }

    public var description: String { "usage database: \(message) (code \(code))" }
}
