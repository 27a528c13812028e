/// An HTTP request method. Methods are case-sensitive (RFC 9110 §9.1): "get" is `.other("get")`.
public enum HTTPMethod: Sendable, Hashable {
    case get, head, post, put, delete, options, patch
    /// Any other method token, as received.
    case other(String)

    /// Maps a method token as received on the wire.
    public init(_ raw: String) {
        switch raw {
        case "GET": self = .get
        case "HEAD": self = .head
        case "POST": self = .post
        case "PUT": self = .put
        case "DELETE": self = .delete
        case "OPTIONS": self = .options
        case "PATCH": self = .patch
        default: self = .other(raw)
        }
    }

    /// The method token as sent on the wire ("GET", "HEAD", …).
    public var rawValue: String {
        switch self {
        case .get: "GET"
        case .head: "HEAD"
        case .post: "POST"
        case .put: "PUT"
        case .delete: "DELETE"
        case .options: "OPTIONS"
        case .patch: "PATCH"
        case .other(let raw): raw
        }
    }
}

extension HTTPMethod: CustomStringConvertible {
    public var description: String { rawValue }
}
