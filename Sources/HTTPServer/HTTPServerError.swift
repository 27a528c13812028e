/// The one error type of the HTTPServer module.
///
/// `message` is written for a person reading a terminal: "port 8080 is already in use".
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for code that wants to react to a specific failure.
    public enum Code: Sendable {
        /// The port is already bound by another process (EADDRINUSE).
        case addressInUse
        /// Binding needs privileges the process does not have (EACCES, e.g. port 80 without root).
        case permissionDenied
        /// The address is not an IP literal, or not one of this machine's addresses.
        case invalidAddress
        /// libmicrohttpd (or the socket layer) refused to start for another reason.
        case startFailed
    }

    /// The kind of failure.
    public let code: Code
    /// The failure in plain words.
    public let message: String

    /// Creates an error from a code and a plain-words message.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
