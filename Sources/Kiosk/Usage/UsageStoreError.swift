/// An error from the usage database: SQLite's result code and message, mapped once at the boundary.
public struct UsageStoreError: Error, Sendable, CustomStringConvertible {
    /// SQLite's (extended) result code, or -1 for errors raised by the kiosk itself.
    public let code: Int32
    public let message: String

    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "usage database: \(message) (code \(code))" }
}
