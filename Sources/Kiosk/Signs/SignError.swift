/// What went wrong making a sign: a bad catalogue, a QR code that can't be made, a file that
/// can't be written. The message is for a person (city staff) reading the command line's
/// English; `reason` carries the facts the staff area words in the staff member's language.
public struct SignError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The cases the staff area explains and offers a fix for.
    public enum Reason: Sendable, Equatable {
        /// No book of this name is served; `closest` is the likeliest meant.
        case bookNotFound(name: String, closest: String?)
        /// The book has no article of this path or title; `closest` are titles it has.
        case articleNotFound(article: String, book: String, closest: [String])
        case other
    }

    public let message: String
    public let reason: Reason

    public init(_ message: String, reason: Reason = .other) {
        self.message = message
        self.reason = reason
    }

    public var description: String { message }
}
