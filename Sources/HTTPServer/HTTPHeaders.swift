/// A list of header fields, in arrival order, looked up case-insensitively.
///
/// Names keep the spelling they were added with; comparisons ignore ASCII case.
public struct HTTPHeaders: Sendable, Sequence {
    private var storage: [(name: String, value: String)]

    /// Creates a header list from `(name, value)` pairs, kept in order.
    public init(_ pairs: [(String, String)] = []) {
        storage = pairs.map { (name: $0.0, value: $0.1) }
    }

    /// The first value for `name` (case-insensitive), or nil.
    public subscript(name: String) -> String? {
        storage.first { Self.same($0.name, name) }?.value
    }

    /// Every value for `name` (case-insensitive), in order.
    public func values(_ name: String) -> [String] {
        storage.filter { Self.same($0.name, name) }.map(\.value)
    }

    /// Appends a field, keeping any existing ones with the same name.
    public mutating func add(_ name: String, _ value: String) {
        storage.append((name: name, value: value))
    }

    /// Replaces every field named `name` with a single one, at the position of the first.
    public mutating func set(_ name: String, _ value: String) {
        if let first = storage.firstIndex(where: { Self.same($0.name, name) }) {
            storage[first] = (name: storage[first].name, value: value)
            var index = storage.index(after: first)
            while index < storage.endIndex {
                if Self.same(storage[index].name, name) {
                    storage.remove(at: index)
                } else {
                    index += 1
                }
            }
        } else {
            storage.append((name: name, value: value))
        }
    }

    /// Removes every field named `name`.
    public mutating func remove(_ name: String) {
        storage.removeAll { Self.same($0.name, name) }
    }

    /// Whether at least one field is named `name`.
    public func contains(_ name: String) -> Bool {
        storage.contains { Self.same($0.name, name) }
    }

    /// The fields, in order.
    public var pairs: [(name: String, value: String)] { storage }

    /// Number of fields.
    public var count: Int { storage.count }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        storage.makeIterator()
    }

    /// ASCII case-insensitive equality: header names are ASCII tokens. Native strings are
    /// compared on their contiguous bytes, stopping at the first that differs in more than case
    /// (iterating two UTF-8 views with `zip` was 2.4 % of a cached page's time); others byte by
    /// byte through the views.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = a.utf8, y = b.utf8
        guard x.count == y.count else { return false }
        let contiguous = x.withContiguousStorageIfAvailable { p in
            y.withContiguousStorageIfAvailable { q in
                for index in 0..<p.count where p[index] != q[index] && lowerASCII(p[index]) != lowerASCII(q[index]) {
                    return false
                }
                return true
            }
        }
        if let contiguous, let result = contiguous { return result }
        return zip(x, y).allSatisfy { lowerASCII($0) == lowerASCII($1) }
    }
}

extension HTTPHeaders: ExpressibleByDictionaryLiteral {
    /// `["Content-Type": "text/html"]`, in literal order.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }
}

/// Lowercases one ASCII byte; other bytes are returned unchanged.
@inline(__always)
func lowerASCII(_ byte: UInt8) -> UInt8 {
    (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
}

extension String {
    /// ASCII-only lowercasing (no locale, no Unicode case folding), for tokens and tags.
    var asciiLowercased: String {
        // Most header values and hosts are lower case already: keep the string as it is.
        guard utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return self }
        return String(decoding: utf8.map(lowerASCII), as: UTF8.self)
    }
}
