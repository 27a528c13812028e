/// Decoded query parameters, in order, repeated names kept.
///
/// Decoding is lenient (a query is data, not a resource name): `+` is a space, a malformed
/// `%` escape is kept as written, invalid UTF-8 and NUL become U+FFFD. `a` alone is `("a", "")`.
public struct QueryParameters: Sendable {
    private let storage: [(name: String, value: String)]

    /// Creates parameters from already-decoded pairs.
    public init(_ items: [(String, String)]) {
        storage = items.map { (name: $0.0, value: $0.1) }
    }

    /// The first value for `name` (exact, case-sensitive match), or nil.
    public subscript(_ name: String) -> String? {
        storage.first { $0.name == name }?.value
    }

    /// Every value for `name`, in order.
    public func all(_ name: String) -> [String] {
        storage.filter { $0.name == name }.map(\.value)
    }

    /// All parameters, in order.
    public var items: [(name: String, value: String)] { storage }

    /// Whether there are no parameters.
    public var isEmpty: Bool { storage.isEmpty }

    /// Parses a raw query string (the part after `?`, without it): `a=1&b=x+y&c=%C3%A9`.
    /// Empty pieces (`a=1&&b=2`) are skipped.
    public static func parse(_ rawQuery: String) -> QueryParameters {
        var items: [(String, String)] = []
        for piece in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring, value: Substring
            if let equals = piece.firstIndex(of: "=") {
                name = piece[..<equals]
                value = piece[piece.index(after: equals)...]
            } else {
                name = piece
                value = ""
            }
            items.append((PercentDecoding.decodeLenient(name, plusAsSpace: true),
                          PercentDecoding.decodeLenient(value, plusAsSpace: true)))
        }
        return QueryParameters(items)
    }
}
