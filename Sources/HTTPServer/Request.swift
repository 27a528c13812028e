/// A parsed request: built once (on the libmicrohttpd thread, or directly in tests), immutable.
public struct Request: Sendable {
    /// The request method.
    public let method: HTTPMethod
    /// The request target exactly as received ("/content/x/Caf%C3%A9?a=1").
    public let target: String
    /// The path, percent-encoded as received, without query or fragment.
    /// An absolute-form target ("http://host/p") is reduced to its path ("/p").
    public let rawPath: String
    /// The path percent-decoded as UTF-8; nil if an escape is malformed, the bytes are not UTF-8,
    /// or the result contains NUL. The `Daemon` answers 400 itself for these requests.
    public let path: String?
    /// The decoded segments of `rawPath`, split on "/" *before* decoding, so "%2F" stays inside
    /// its segment. The leading "/" does not make a segment: "/" is `[]`, "/a/b" is `["a", "b"]`,
    /// "/a/" is `["a", ""]`. nil whenever `path` is nil.
    public let pathSegments: [String]?
    /// The raw query (after "?", without it), or nil when the target has no "?".
    public let rawQuery: String?
    /// Decoded query parameters ('+' = space, repeated names kept in order).
    public let query: QueryParameters
    /// Request header fields, in arrival order.
    public let headers: HTTPHeaders
    /// The request body (POST/PUT), empty otherwise.
    public let body: [UInt8]
    /// The peer address ("192.168.4.23"). Kept in memory only; this module never writes it anywhere.
    public let remoteAddress: String?

    /// Builds a request from a raw target as sent on the wire ("/content/x/Caf%C3%A9?a=1&b=%20").
    /// Splits path and query, then decodes both.
    public init(method: HTTPMethod, target: String, headers: HTTPHeaders = .init(), body: [UInt8] = [],
                remoteAddress: String? = nil) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress

        var rest = Substring(target)
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) { rest = rest[..<hash] }
        let pathPart: Substring
        if let question = rest.utf8.firstIndex(of: UInt8(ascii: "?")) {
            pathPart = rest[..<question]
            rawQuery = String(rest[rest.utf8.index(after: question)...])
        } else {
            pathPart = rest
            rawQuery = nil
        }
        let raw = Self.stripAbsoluteForm(pathPart)
        rawPath = String(raw)
        query = rawQuery.map(QueryParameters.parse) ?? QueryParameters([])

        let decodedPath = PercentDecoding.decodeStrict(raw)
        let segments = decodedPath == nil ? nil : Self.decodeSegments(raw)
        path = segments == nil ? nil : decodedPath
        pathSegments = segments
    }

    /// "http://host:8080/a/b" -> "/a/b"; "http://host" -> "/". Other targets are returned as is.
    private static func stripAbsoluteForm(_ target: Substring) -> Substring {
        if target.utf8.first == UInt8(ascii: "/") { return target }  // origin form: nothing to strip
        for scheme in ["http://", "https://"] where target.utf8.count >= scheme.utf8.count {
            let prefix = String(target.prefix(scheme.count))
            guard prefix.asciiLowercased == scheme else { continue }
            let afterScheme = target.dropFirst(scheme.count)
            if let slash = afterScheme.firstIndex(of: "/") { return afterScheme[slash...] }
            return "/"
        }
        return target
    }

    private static func decodeSegments(_ rawPath: Substring) -> [String]? {
        let relative = rawPath.first == "/" ? rawPath.dropFirst() : rawPath
        guard !relative.isEmpty else { return [] }
        var segments: [String] = []
        for piece in relative.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .map({ Substring($0) }) {
            guard let segment = PercentDecoding.decodeStrict(piece) else { return nil }
            segments.append(segment)
        }
        return segments
    }
}
