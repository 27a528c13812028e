/// What went wrong making a sign: a bad catalogue, a QR code that can't be made, a file that
/// can't be written. The message is for a person (city staff).
public struct SignError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
