import HTTPServer

/// One entry of the routing table: requests whose first path segment is `prefix`.
public struct Route: Sendable {
    /// The first path segment ("" for `/`).
    public let prefix: String
    public let methods: Set<HTTPMethod>
    /// Called with the request and the decoded path segments after the prefix.
    public let handle: @Sendable (Request, ArraySlice<String>) -> Response

    public init(_ prefix: String, methods: Set<HTTPMethod> = [.get, .head],
                handle: @escaping @Sendable (Request, ArraySlice<String>) -> Response) {
        self.prefix = prefix
        self.methods = methods
        self.handle = handle
    }
}
