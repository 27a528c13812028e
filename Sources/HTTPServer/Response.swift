/// A response: status, headers and a body kind chosen to avoid copying big payloads.
///
/// Content-Length is computed by libmicrohttpd from the body; a Content-Length or
/// Transfer-Encoding header set here is ignored.
public struct Response: Sendable {
    /// Where the bytes of a response come from.
    ///
    /// `@unchecked Sendable` because of `.borrowed`'s raw pointer: it points at immutable memory
    /// owned by `owner`, itself `Sendable`, and the enum keeps `owner` alive wherever the pointer
    /// goes. Nothing ever writes through it. Every other payload is `Sendable` on its own.
    public enum Body: @unchecked Sendable {
        /// Bytes held by the response (copied once into libmicrohttpd).
        case bytes([UInt8])
        /// Memory owned by `owner` (e.g. a libzim blob): sent without copying; `owner` is retained
        /// until libmicrohttpd is done with the memory.
        case borrowed(pointer: UnsafeRawPointer, count: Int, owner: any AnyObject & Sendable)
        /// A region of a file, sent with sendfile where possible (MHD_create_response_from_fd_at_offset64).
        /// A file that cannot be opened gives 404 (missing) or 500 (anything else).
        case file(path: String, offset: UInt64, count: UInt64)
        /// Produced in chunks on demand (MHD_create_response_from_callback); `count` known up front.
        /// `read(offset, maxCount)` returns up to `maxCount` bytes starting at `offset` (more are
        /// ignored); nil or an empty array before `count` bytes aborts the connection.
        /// Called on a libmicrohttpd thread, never concurrently for one response.
        case stream(count: UInt64, chunkSize: Int, read: @Sendable (_ offset: UInt64, _ maxCount: Int) -> [UInt8]?)

        /// Number of body bytes (the Content-Length).
        public var count: UInt64 {
            switch self {
            case .bytes(let bytes): UInt64(bytes.count)
            case .borrowed(_, let count, _): UInt64(max(count, 0))
            case .file(_, _, let count): count
            case .stream(let count, _, _): count
            }
        }
    }

    /// The status code (100…599; anything else is sent as 500).
    public var status: Int
    /// Header fields to send. "X-Content-Type-Options: nosniff" is added by the `Daemon` if absent.
    public var headers: HTTPHeaders
    /// The body.
    public var body: Body

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = .init(), body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A text body (UTF-8) with the given content type.
    public static func text(_ s: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(status: status, headers: ["Content-Type": contentType], body: .bytes(Array(s.utf8)))
    }

    /// An HTML body, "text/html; charset=utf-8".
    public static func html(_ s: String, status: Int = 200) -> Response {
        text(s, status: status, contentType: "text/html; charset=utf-8")
    }

    /// A JSON body, "application/json".
    public static func json(_ bytes: [UInt8], status: Int = 200) -> Response {
        Response(status: status, headers: ["Content-Type": "application/json"], body: .bytes(bytes))
    }

    /// A redirect with a Location header and an empty body.
    public static func redirect(to location: String, status: Int = 302) -> Response {
        Response(status: status, headers: ["Location": location])
    }

    /// 405 with an Allow header listing `allow` ("GET, HEAD") and a short text body.
    public static func methodNotAllowed(allow: [HTTPMethod]) -> Response {
        var response = text("405 Method Not Allowed\n", status: 405)
        response.headers.set("Allow", allow.map(\.rawValue).joined(separator: ", "))
        return response
    }

    /// The short plain-text error answers the daemon gives by itself (400, 413, 500).
    static func plainError(_ status: Int, _ message: String) -> Response {
        var response = text("\(status) \(message)\n", status: status)
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}
